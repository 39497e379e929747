"""Colours and type, defined once: one colour per sector, quality bands on one ordered scale."""
from __future__ import annotations

from data_access.methodology import CRITERION_NAMES, CRITERION_SHORT
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
GOOD = "#1a7f37"
BAD = "#b42318"
MUTED = "#495057"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif"

ALL_SECTORS = "Все сферы"
WHOLE_REGION = "Весь край"


def sector_name(code: str | None) -> str:
    return SECTOR_NAMES.get(code, ALL_SECTORS) if code else ALL_SECTORS


# The founder filter: whose organizations are in view (a district's administration works with
# the ones it founded, seed 004).
ALL_FOUNDERS = "Все учредители"
FOUNDER_CHOICES = {"regional": "Министерства края", "municipal": "Администрации МО"}
FOUNDER_SCOPE = {"regional": "краевые организации", "municipal": "муниципальные организации"}


def founder_name(founder: str | None) -> str:
    """«Краевые организации», «Муниципальные организации»; «Все учредители» when off."""
    return FOUNDER_SCOPE[founder].capitalize() if founder in FOUNDER_SCOPE else ALL_FOUNDERS


def scope_name(sector: str | None, founder: str | None = None) -> str:
    """The sector and founder filters in a page's subtitle: «культура · муниципальные
    организации»; «все сферы» when neither narrows the view."""
    words = sector_name(sector).lower()
    return f"{words} · {FOUNDER_SCOPE[founder]}" if founder in FOUNDER_SCOPE else words


def region_label(founder: str | None = None, text: str = "Среднее по краю") -> str:
    """What a region-level mean covers: under the founder filter it is the mean of that
    founder level's organizations, and says so («Среднее по краю, муниципальные организации»)."""
    return f"{text}, {FOUNDER_SCOPE[founder]}" if founder in FOUNDER_SCOPE else text


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
FOUNDER_LEVELS = {"regional": "краевое подчинение", "municipal": "муниципальное подчинение"}
MUNICIPALITY_KINDS = {"urban_okrug": "городской округ", "municipal_district": "муниципальный район",
                      "municipal_okrug": "муниципальный округ"}
