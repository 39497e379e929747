"""Russian formats, defined once: decimal comma, space between thousands, dd.mm.yyyy."""
from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

NBSP = "\u00a0"
MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                   "сентября", "октября", "ноября", "декабря")
MONTHS = ("январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
          "октябрь", "ноябрь", "декабрь")
# Plotly's `separators`: the decimal mark, then the thousands separator.
PLOTLY_SEPARATORS = ", "


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number(value, decimals: int = 0, dash: str = "—") -> str:
    """1234567.891 → «1 234 567,9» (decimals=1)."""
    if missing(value):
        return dash
    # Half up, as a reader rounds by hand (format() rounds 89.25 to 89.2).
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",")


# Scores as every source publishes them: two decimals (95,36); chart labels keep one.
SCORE_DECIMALS = 2


def score(value, dash: str = "—") -> str:
    """A score or a mean of scores: «95,36»."""
    return number(value, SCORE_DECIMALS, dash)


def percent(value, decimals: int = 1) -> str:
    return "—" if missing(value) else f"{number(value, decimals)}{NBSP}%"


def signed(value, decimals: int = 1) -> str:
    """A change: «+1,2», «−0,4» (true minus sign), «0,0»."""
    if missing(value):
        return "—"
    text = number(abs(float(value)), decimals)
    if text.strip("0,") == "":
        return text
    return ("+" if value > 0 else "−") + text


def date(value) -> str:
    """dd.mm.yyyy."""
    if missing(value):
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, pd.Timestamp):
        value = value.date()
    return value.strftime("%d.%m.%Y")


def date_long(value: dt.date) -> str:
    """«1 декабря 2026 г.»"""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year}{NBSP}г."


def plural(n: int, one: str, few: str, many: str) -> str:
    """Russian plural: 1 организация, 2 организации, 5 организаций."""
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def quotes(text):
    """Straight quotes as Russian typography writes them: «…», and „…“ inside: operators'
    files spell names «МБУК "Дом культуры "Юбилейный""». A quote at the start or after a
    space or an opening bracket opens; any other closes. Not a string: returned as is."""
    if not isinstance(text, str) or '"' not in text:
        return text
    out, depth = [], 0
    for i, ch in enumerate(text):
        if ch != '"':
            out.append(ch)
            continue
        opening = i == 0 or text[i - 1] in " \t([«„\u00a0"
        if opening:
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif depth:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append("»")
    return "".join(out)
