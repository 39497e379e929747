"""Columns of an import template, declared once: Russian header and accepted aliases, the
field it fills, its type with range or allowed values, whether it is required. Each type
parses one cell or raises `Invalid` with what it expected, in Russian."""
from __future__ import annotations

import datetime as dt
import math
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from data_access.imports.issues import Invalid

INN_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)


def normalize(text) -> str:
    """Headers and choices compare without case, spaces, punctuation, and with ё = е;
    a Latin K (К1) reads as the Cyrillic one."""
    text = str(text).lower().replace("ё", "е").replace("k", "к")
    return re.sub(r"[^0-9a-zа-я]", "", text)


# «К1», «К-1», «Критерий 1», «К1. Открытость …»: a criterion by its number, however the
# source words the rest of the header.
CRITERION_NUMBER = re.compile(r"^\s*(?:критерий|[кk])\s*[-№.]?\s*([1-5])(?![0-9]|[.,][0-9])", re.I)


def header_keys(text) -> list[str]:
    """The normalized forms a header can be looked up by: as written, without what is in
    brackets («(учреждения)», «(баллы)») and without a leading number («1.», «2)»), and
    «к1» … «к5» for a header that starts with a criterion's number."""
    text = str(text)
    plain = re.sub(r"\([^)]*\)", " ", text)
    keys = [normalize(text), normalize(plain),
            normalize(re.sub(r"^[\s\d.,)]+", "", plain))]
    found = CRITERION_NUMBER.match(text.replace("ё", "е"))
    if found:
        keys.append(f"к{found.group(1)}")
    return [k for k in dict.fromkeys(keys) if k]


def decimals(value) -> int:
    """How many decimals a number was printed with: «95,36» → 2, «98» → 0, 87.5 → 1."""
    if value is None or isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return 0
    if isinstance(value, float):
        text = repr(value)
        if "e" in text or "E" in text:
            return 6
        whole, _, fraction = text.partition(".")
        return 0 if fraction in ("", "0") else len(fraction)
    text = str(value).replace("\u00a0", "").replace(" ", "").rstrip("%")
    match = re.search(r"[.,](\d+)$", text)
    return len(match.group(1)) if match else 0


def squash(text: str | None) -> str:
    """Free text as a natural key compares it: spaces collapsed, case and ё ignored."""
    return " ".join(str(text or "").replace("ё", "е").replace("Ё", "Е").split()).casefold()


class Type(ABC):
    """A cell type. `expected` says in Russian what a valid cell is (docs and errors)."""
    expected = "значение"
    example: object = None

    @abstractmethod
    def parse(self, value):
        """The cell's value as stored, or Invalid saying what was expected."""


class Text(Type):
    def __init__(self, max_length: int = 500) -> None:
        self.max_length = max_length
        self.expected = f"текст не длиннее {max_length} знаков"

    def parse(self, value) -> str:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            value = value.strftime("%d.%m.%Y")
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(str(value).split())
        if len(text) > self.max_length:
            raise Invalid(f"{self.expected} (в ячейке {len(text)})")
        return text


def _number(value, expected: str) -> float:
    if isinstance(value, bool):
        raise Invalid(expected)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).replace("\u00a0", "").replace(" ", "").replace(",", ".")
        if text.endswith("%"):
            text = text[:-1]
        try:
            number = float(text)
        except ValueError:
            raise Invalid(expected) from None
    if math.isnan(number) or math.isinf(number):
        raise Invalid(expected)
    return number


def _thousands(n: int) -> str:
    """1000000 → «1 000 000»; years and other four-digit numbers stay as they are."""
    return f"{n:_}".replace("_", "\u00a0") if abs(n) >= 10_000 else str(n)


class Integer(Type):
    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high
        self.expected = f"целое число от {_thousands(low)} до {_thousands(high)}"

    def parse(self, value) -> int:
        number = _number(value, self.expected)
        if not number.is_integer() or not self.low <= number <= self.high:
            raise Invalid(self.expected)
        return int(number)


class Score(Type):
    """A score or an indicator: 0–100, decimal comma or point."""
    expected = "число от 0 до 100 (десятичный разделитель — запятая или точка)"

    def parse(self, value) -> float:
        number = _number(value, self.expected)
        if not 0 <= number <= 100:
            raise Invalid(self.expected)
        return number


class Date(Type):
    expected = "дата в формате ДД.ММ.ГГГГ"
    FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S")

    def parse(self, value) -> dt.date:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = str(value).strip()
        for f in self.FORMATS:
            try:
                day = dt.datetime.strptime(text, f).date()
            except ValueError:
                continue
            if 2000 <= day.year <= 2100:
                return day
        raise Invalid(self.expected)


def inn_valid(inn: str) -> bool:
    """A legal entity's INN: 10 digits with a correct check digit."""
    return (len(inn) == 10 and inn.isdigit()
            and int(inn[9]) == sum(int(d) * w for d, w in zip(inn, INN_WEIGHTS)) % 11 % 10)


def _digits(value, widths: Sequence[int]) -> str:
    """A code of digits; a number cell loses leading zeros in Excel, so pad it back."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text = str(value)
        for width in widths:
            if len(text) <= width:
                return text.zfill(width)
        return text
    return re.sub(r"[\s\u00a0-]", "", str(value))


class Inn(Type):
    expected = "ИНН организации: 10 цифр с верной контрольной цифрой"

    def parse(self, value) -> str:
        inn = _digits(value, (10,))
        if not inn.isdigit() or len(inn) != 10:
            raise Invalid(self.expected)
        if not inn_valid(inn):
            raise Invalid("ИНН с верной контрольной цифрой (проверьте, нет ли опечатки)")
        return inn


class Oktmo(Type):
    expected = "код ОКТМО: 8 цифр (муниципальное образование) или 11"

    def parse(self, value) -> str:
        code = _digits(value, (8, 11))
        if not code.isdigit() or len(code) not in (8, 11):
            raise Invalid(self.expected)
        return code


class Place(Type):
    """A municipal formation: OKTMO (8 or 11 digits) or its name; resolved on apply."""
    expected = "код ОКТМО (8 или 11 цифр) или название муниципального образования"

    def parse(self, value) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return _digits(value, (8, 11))
        text = " ".join(str(value).split())
        if len(text) > 200:
            raise Invalid(self.expected)
        return text


class Choice(Type):
    """One of a few values, each with its Russian label and accepted synonyms."""

    def __init__(self, options: Mapping[str, Sequence[str]]) -> None:
        # options: stored value → (label, synonyms…)
        self.labels = {value: names[0] for value, names in options.items()}
        self.lookup = {normalize(n): value for value, names in options.items()
                       for n in (value, *names)}
        self.expected = "одно из значений: " + ", ".join(f"«{n}»" for n in self.labels.values())

    def parse(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        try:
            return self.lookup[normalize(value)]
        except KeyError:
            raise Invalid(self.expected) from None


@dataclass(frozen=True)
class Column:
    field: str                    # the attribute it fills (English)
    header: str                   # the template's Russian header
    type: Type
    required: bool = True         # the column must be there and every cell filled
    present: bool = False         # the column must be there; a cell may be empty
    aliases: tuple[str, ...] = ()
    help: str = ""                # one line for the «Описание» sheet and docs/import.md
    example: object = None        # the template's example cell

    @property
    def names(self) -> set[str]:
        return {normalize(n) for n in (self.header, self.field, *self.aliases)} - {""}

    @property
    def must_be_in_file(self) -> bool:
        return self.required or self.present


@dataclass
class Row:
    """A data row after its cells were parsed: values of the columns the file has."""
    number: int
    values: dict[str, object]
    raw: dict[str, object] = field(default_factory=dict)

    def get(self, name: str, default=None):
        return self.values.get(name, default)

    def __contains__(self, name: str) -> bool:
        return name in self.values


@dataclass(frozen=True)
class Spec:
    """One import KIND: its columns, natural key, the cross-column checks of a row and how
    the rows are applied to the database."""
    kind: str
    title: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]          # fields that identify a row's record within the file
    key_doc: str                  # the natural key in words (docs, errors)
    apply: Callable               # apply(ctx, rows) → None
    check: Callable[[Row], list[tuple[str, str]]] | None = None  # → (field, expected)
    sheet_title: str = "Данные"
    # columns a file has all or none of (the indicators: К1–К5 need every one of them)
    together: tuple[str, ...] = ()
    # groups of columns of which a file has at least one (an INN or a name)
    one_of: tuple[tuple[str, ...], ...] = ()

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.field == name)

    def header_score(self, cells: Sequence[str]) -> int:
        """How many of this spec's columns a row names (to find the header row)."""
        names = {key for c in cells if c for key in header_keys(c)}
        return sum(1 for c in self.columns if c.names & names)

    def find_column(self, header) -> Column | None:
        """The column a file's header names, by header_keys (the first form that matches)."""
        by_name = {n: c for c in self.columns for n in c.names}
        return next((by_name[k] for k in header_keys(header) if k in by_name), None)
