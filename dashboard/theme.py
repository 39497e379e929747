"""Colours and type, defined once: one colour per sector, quality bands on one ordered scale."""
from __future__ import annotations

import math

from data_access.methodology import CRITERION_NAMES, CRITERION_SHORT, bands
from data_access.reference.sectors import SECTOR_NAMES

# Okabe–Ito: distinguishable with colour-blindness and on a projector.
SECTOR_COLORS = {
    "education": "#0072B2",
    "culture": "#CC79A7",
    "health": "#009E73",
    "social": "#D55E00",
}
REGION_COLOR = "#333333"
# Best to worst; the fill is light enough for dark text at WCAG AA, the edge marks the band.
BAND_COLORS = {
    "excellent": "#1a7f37",
    "good": "#7cb342",
    "satisfactory": "#f2c94c",
    "below_average": "#f2994a",
    "unsatisfactory": "#c0392b",
}
BAND_TINTS = {
    "excellent": "#d7f0dc",
    "good": "#eaf5d8",
    "satisfactory": "#fff4cc",
    "below_average": "#fde3cf",
    "unsatisfactory": "#f8d4d0",
}
# Score colours mean the same on every map and heat map, in every region: a score's colour is
# its quality level, never its place between the view's own minimum and maximum (which painted
# a «хорошо» 84,4 bright red). Worst level first, as a colour bar reads from the bottom.
SCORE_LEVELS = ("unsatisfactory", "below_average", "satisfactory", "good", "excellent")


def score_level(value, thresholds=None) -> int | None:
    """The level's place in SCORE_LEVELS (0 — «неудовлетворительно»); None for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    for b in bands(thresholds):  # best first, inclusive lower bounds
        if value >= b.lower:
            return SCORE_LEVELS.index(b.key)
    return 0


def score_z(value, thresholds=None) -> float | None:
    """Where a score sits on the level scale of `score_colorscale`: its level's middle."""
    level = score_level(value, thresholds)
    return None if level is None else level + 0.5


def score_colorscale() -> list[list]:
    """One flat colour per level over 0–len(SCORE_LEVELS), as plotly fractions of 0–1."""
    n = len(SCORE_LEVELS)
    stops = []
    for i, key in enumerate(SCORE_LEVELS):
        stops += [[i / n, BAND_COLORS[key]], [(i + 1) / n, BAND_COLORS[key]]]
    return stops


def score_ticks(thresholds=None, *, wrap: bool = False) -> tuple[list[float], list[str]]:
    """The colour bar's labels at each level's middle: its name and lower bound («хорошо,
    от 81»; the lowest «неудовлетворительно, ниже 51»)."""
    levels = {b.key: b for b in bands(thresholds)}
    gap = "<br>" if wrap else ", "

    def bound(x: float) -> str:
        return f"{x:g}".replace(".", ",")

    texts = [f"{levels[key].label}{gap}"
             + (f"ниже {bound(levels[SCORE_LEVELS[1]].lower)}" if i == 0
                else f"от {bound(levels[key].lower)}")
             for i, key in enumerate(SCORE_LEVELS)]
    return [i + 0.5 for i in range(len(SCORE_LEVELS))], texts


GOOD = "#1a7f37"
BAD = "#b42318"
MUTED = "#495057"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"

ALL_SECTORS = "Все сферы"


def sector_name(code: str | None) -> str:
    return SECTOR_NAMES.get(code, ALL_SECTORS) if code else ALL_SECTORS


# The founder filter: whose organizations are in view (a district's administration works with
# the ones it founded, seed 004). The subject's level is named by its kind (dashboard/wording).
ALL_FOUNDERS = "Все учредители"


def founder_choices(w) -> dict[str, str]:
    return {"regional": w.bodies, "municipal": "Администрации МО"}


def founder_scope(founder: str | None, w) -> str | None:
    """«краевые организации», «муниципальные организации»; None when the filter is off."""
    return {"regional": f"{w.adjective} организации",
            "municipal": "муниципальные организации"}.get(founder)


def founder_name(founder: str | None, w) -> str:
    """«Областные организации», «Муниципальные организации»; «Все учредители» when off."""
    scope = founder_scope(founder, w)
    return scope.capitalize() if scope else ALL_FOUNDERS


def scope_name(sector: str | None, founder: str | None, w) -> str:
    """The sector and founder filters in a page's subtitle: «культура · муниципальные
    организации»; «все сферы» when neither narrows the view."""
    words = sector_name(sector).lower()
    scope = founder_scope(founder, w)
    return f"{words} · {scope}" if scope else words


def region_label(founder: str | None, w, text: str | None = None) -> str:
    """What a region-level mean covers: under the founder filter it is the mean of that
    founder level's organizations, and says so («Среднее по краю, муниципальные
    организации»). `text` defaults to «Среднее по краю» in the subject's words."""
    text = text or w.mean()
    scope = founder_scope(founder, w)
    return f"{text}, {scope}" if scope else text


def founder_level_name(level: str, w) -> str:
    """«краевое подчинение», «муниципальное подчинение»."""
    return {"regional": f"{w.level} подчинение",
            "municipal": "муниципальное подчинение"}.get(level, "")


def criterion_label(key: str) -> str:
    """«К3 Доступность услуг для инвалидов»; «Итог» for the total."""
    if key == "total":
        return "Итоговый балл"
    return f"{CRITERION_SHORT[key]} {CRITERION_NAMES[key]}"

# Plan measure states (resolution № 457): label and colour.
MEASURE_STATES = {
    "overdue": ("просрочено", "#b42318"),
    "in_progress": ("в работе", "#0b5cad"),
    "done": ("выполнено", "#1a7f37"),
    "cancelled": ("отменено", "#6c757d"),
}
MUNICIPALITY_KINDS = {"urban_okrug": "городской округ", "municipal_district": "муниципальный район",
                      "municipal_okrug": "муниципальный округ"}
