"""Scores of the independent quality assessment, Ministry of Labour order № 344н.

The one place where the formulas and the quality bands live. Pure Python over numbers:
no database, no pandas, no rounding (round only for display).
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Indicator codes by criterion, in the order of the order's appendix.
CRITERIA: dict[str, tuple[str, ...]] = {
    "k1": ("p_inf", "p_dist", "p_otkr_ud"),
    "k2": ("p_komf_usl", "p_ozhid", "p_komf_ud"),
    "k3": ("p_org_dost", "p_uslug_dost", "p_dost_ud"),
    "k4": ("p_perv_kont_ud", "p_okaz_uslug_ud", "p_vezhl_dist_ud"),
    "k5": ("p_rekom", "p_org_usl_ud", "p_ud"),
}
INDICATORS: tuple[str, ...] = tuple(code for codes in CRITERIA.values() for code in codes)
CRITERION_OF: dict[str, str] = {code: k for k, codes in CRITERIA.items() for code in codes}
# Waiting time is assessed only where services are received in a queue (health, social services).
OPTIONAL_INDICATORS = frozenset({"p_ozhid"})

CRITERION_NAMES: dict[str, str] = {
    "k1": "Открытость и доступность информации",
    "k2": "Комфортность условий",
    "k3": "Доступность услуг для инвалидов",
    "k4": "Доброжелательность и вежливость работников",
    "k5": "Удовлетворённость условиями оказания услуг",
}
CRITERION_SHORT: dict[str, str] = {k: f"К{k[1]}" for k in CRITERIA}

INDICATOR_NAMES: dict[str, str] = {
    "p_inf": "Соответствие информации на стендах и сайте (Пинф)",
    "p_dist": "Наличие дистанционных способов взаимодействия (Пдист)",
    "p_otkr_ud": "Удовлетворённость открытостью информации (Поткр.уд)",
    "p_komf_usl": "Обеспечение комфортных условий (Пкомф.усл)",
    "p_ozhid": "Время ожидания предоставления услуги (Пожид)",
    "p_komf_ud": "Удовлетворённость комфортностью (Пкомф.уд)",
    "p_org_dost": "Оборудование помещений для инвалидов (Порг.дост)",
    "p_uslug_dost": "Условия доступности услуг для инвалидов (Пуслуг.дост)",
    "p_dost_ud": "Удовлетворённость доступностью услуг инвалидами (Пдост.уд)",
    "p_perv_kont_ud": "Доброжелательность при первичном контакте (Пперв.конт.уд)",
    "p_okaz_uslug_ud": "Доброжелательность при оказании услуги (Показ.услуг.уд)",
    "p_vezhl_dist_ud": "Вежливость при дистанционном взаимодействии (Пвежл.дист.уд)",
    "p_rekom": "Готовность рекомендовать организацию (Преком)",
    "p_org_usl_ud": "Удовлетворённость организационными условиями (Порг.усл.уд)",
    "p_ud": "Удовлетворённость условиями в целом (Пуд)",
}


@dataclass(frozen=True)
class Scores:
    k1: float
    k2: float
    k3: float
    k4: float
    k5: float
    total: float

    def as_dict(self) -> dict[str, float]:
        return {"k1": self.k1, "k2": self.k2, "k3": self.k3, "k4": self.k4, "k5": self.k5,
                "total": self.total}


def _value(indicators: Mapping[str, float], code: str) -> float:
    if code not in indicators or indicators[code] is None:
        raise ValueError(f"Нет значения показателя {code}")
    try:
        value = float(indicators[code])
    except (TypeError, ValueError):
        raise ValueError(f"Показатель {code}: «{indicators[code]}» не является числом") from None
    if math.isnan(value) or not 0 <= value <= 100:
        raise ValueError(f"Показатель {code}: значение {value:g} вне диапазона 0–100")
    return value


def _score_344n(indicators: Mapping[str, float]) -> Scores:
    """The formulas of the order's appendix as operators' calculation tools apply them."""
    v = {code: _value(indicators, code) for code in INDICATORS if code not in OPTIONAL_INDICATORS}
    k1 = 0.3 * v["p_inf"] + 0.3 * v["p_dist"] + 0.4 * v["p_otkr_ud"]
    if indicators.get("p_ozhid") is not None:
        k2 = 0.3 * v["p_komf_usl"] + 0.4 * _value(indicators, "p_ozhid") + 0.3 * v["p_komf_ud"]
    else:
        k2 = 0.5 * v["p_komf_usl"] + 0.5 * v["p_komf_ud"]
    k3 = 0.3 * v["p_org_dost"] + 0.4 * v["p_uslug_dost"] + 0.3 * v["p_dost_ud"]
    k4 = 0.4 * v["p_perv_kont_ud"] + 0.4 * v["p_okaz_uslug_ud"] + 0.2 * v["p_vezhl_dist_ud"]
    k5 = 0.3 * v["p_rekom"] + 0.2 * v["p_org_usl_ud"] + 0.5 * v["p_ud"]
    return Scores(k1, k2, k3, k4, k5, (k1 + k2 + k3 + k4 + k5) / 5)


@dataclass(frozen=True)
class Version:
    """The order's text in force for the assessments from a year on: an amendment is a new
    entry of VERSIONS, never an edit of an older one, so past years keep their formulas."""
    since: int                    # the first assessment year it applies to
    act: str                      # the act in words, for the methodology page
    formulas: Callable[[Mapping[str, float]], Scores]


VERSIONS: tuple[Version, ...] = (
    Version(2018, "приказ Минтруда России от 31.05.2018 № 344н", _score_344n),
    # The 2024 amendment (№ 408н) is recorded as its own version; the indicator formulas the
    # operators' tools apply are those of 2018, so it reuses them. Check against the act's text
    # and give it formulas of its own if they differ.
    Version(2024, "приказ Минтруда России от 31.05.2018 № 344н в редакции приказа № 408н "
                  "(2024)", _score_344n),
)
FIRST_YEAR = VERSIONS[0].since


class NoMethodology(ValueError):
    """A year before the order: its indicators cannot be scored by it (other scales were used,
    culture's 0–160 among them), only a published total on 0–100 can be stored."""


def version(year: int | None = None) -> Version:
    """The version in force for assessments of `year` (the latest when None)."""
    if year is None:
        return VERSIONS[-1]
    applicable = [v for v in VERSIONS if v.since <= year]
    if not applicable:
        raise NoMethodology(f"показатели приказа № 344н применяются к оценкам с "
                            f"{FIRST_YEAR} года; за {year} год загрузите итоговый балл")
    return applicable[-1]


def score(indicators: Mapping[str, float], year: int | None = None) -> Scores:
    """К1–К5 and the organization's total from the 15 (or 14) indicators, by the version of
    the order in force for `year` (the latest when None)."""
    unknown = sorted(set(indicators) - set(INDICATORS))
    if unknown:
        raise ValueError(f"Неизвестный показатель {unknown[0]}")
    return version(year).formulas(indicators)


def mean_of_criteria(criteria: Mapping[str, float | None]) -> float | None:
    """The total as the mean of К1–К5 (DOMAIN.md §3); None unless all five are given."""
    values = [criteria.get(k) for k in CRITERIA]
    if any(v is None for v in values):
        return None
    return sum(values) / len(values)


def official_scores(published: Mapping[str, float | None],
                    computed: Mapping[str, float] | None) -> dict[str, float | None]:
    """The figures that stand for an assessment: each criterion as published, else as
    computed from the indicators, else missing (None, never 0); the total as published, else
    the mean of the criteria (computed ones when none was published)."""
    computed = computed or {}
    criteria = {k: published.get(k) if published.get(k) is not None else computed.get(k)
                for k in CRITERIA}
    total = published.get("total")
    if total is None:
        total = mean_of_criteria(criteria)
    if total is None:
        raise ValueError("Нет ни итогового балла, ни всех пяти критериев")
    return {**criteria, "total": total}


def rounding_allowance(*decimals: int) -> float:
    """How far a published figure may lie from one computed from other published figures by
    their rounding alone: half a unit of the last digit of each. A total printed with two
    decimals beside criteria printed as whole numbers: 0.5 + 0.005."""
    return sum(0.5 * 10 ** -d for d in decimals)


# Points per item for the indicators built from counts (points capped at 100).
def points(count: int, per_item: float) -> float:
    """Пдист (30 per channel), Пкомф.усл, Порг.дост, Пуслуг.дост (20 per condition)."""
    if count < 0:
        raise ValueError(f"Число условий не может быть отрицательным: {count}")
    return min(100.0, count * per_item)


def share(satisfied: int, answered: int) -> float:
    """A survey share: satisfied / answered · 100."""
    if answered <= 0:
        raise ValueError("Нет ответивших на вопрос")
    if not 0 <= satisfied <= answered:
        raise ValueError(f"Удовлетворённых ({satisfied}) больше, чем ответивших ({answered})")
    return satisfied / answered * 100


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    lower: float  # inclusive lower bound of the total


BAND_LABELS: dict[str, str] = {
    "excellent": "отлично",
    "good": "хорошо",
    "satisfactory": "удовлетворительно",
    "below_average": "ниже среднего",
    "unsatisfactory": "неудовлетворительно",
}


def bands(thresholds: Mapping[str, float] | None = None) -> tuple[Band, ...]:
    """The quality bands, best first. Thresholds are lower bounds; default from settings."""
    if thresholds is None:
        from data_access.settings import get_settings
        thresholds = get_settings().band_thresholds
    lowers = [thresholds["excellent"], thresholds["good"], thresholds["satisfactory"],
              thresholds["below_average"], 0.0]
    if any(a <= b for a, b in zip(lowers, lowers[1:])):
        raise ValueError(f"Границы уровней качества должны убывать: {lowers}")
    return tuple(Band(key, BAND_LABELS[key], lower) for key, lower in zip(BAND_LABELS, lowers))


def band(total: float, thresholds: Mapping[str, float] | None = None) -> str:
    """The quality band's label for an organization's total, e.g. «хорошо»."""
    if not 0 <= total <= 100:
        raise ValueError(f"Итоговый балл {total:g} вне диапазона 0–100")
    for b in bands(thresholds):
        if total >= b.lower:
            return b.label
    raise ValueError(f"Итоговый балл {total:g} вне диапазона 0–100")


# ---------------------------------------------------------------- fair comparison

# Two-sided normal quantiles of the funnel plot's limits (Spiegelhalter, 2005).
Z95 = 1.96
Z998 = 3.09

# A unit's mean against the region's, from the best to the worst: key → words a committee
# member reads. Only the units outside 99.8 % are called different: with 40 municipalities
# about two would fall outside 95 % by chance alone.
STANDINGS: dict[str, str] = {
    "higher": "значимо выше среднего",
    "maybe_higher": "возможно выше среднего",
    "within": "в пределах случайных колебаний",
    "maybe_lower": "возможно ниже среднего",
    "lower": "значимо ниже среднего",
}
NOT_ENOUGH = "мало данных для сравнения"


def standing_label(key, by: str = "по краю") -> str:
    """«значимо выше среднего по краю» (`by`: the subject's «по области»…); NOT_ENOUGH when
    nothing can be said."""
    if not isinstance(key, str) or key not in STANDINGS:
        return NOT_ENOUGH
    return STANDINGS[key] if key == "within" else f"{STANDINGS[key]} {by}"


STANDING_LABELS: dict[str, str] = {k: standing_label(k) for k in STANDINGS}  # a krai's


def spread(n: int, mean: float, mean_square: float) -> float:
    """The sample standard deviation of n values from their mean and the mean of their
    squares (as SQL's avg(x) and avg(x*x) give them); NaN for fewer than two values."""
    if n is None or n < 2 or mean is None or mean_square is None:
        return math.nan
    variance = (mean_square - mean * mean) * n / (n - 1)
    return math.sqrt(max(variance, 0.0))  # rounding may leave -1e-13 for equal values


@dataclass(frozen=True)
class Funnel:
    """Control limits around the region's mean: a unit of size x (organizations assessed,
    or respondents) whose mean is within target ± z·se(x) differs from the region by chance.

    se(x)² = tau² + sigma²/x. For a mean of x organizations' totals sigma is the standard
    deviation between the region's organizations and tau is 0. For one organization with x
    respondents sigma is the spread of one respondent's answer and tau the spread between
    organizations that the survey's size does not explain (see respondent_funnel)."""
    target: float
    sigma: float
    tau: float = 0.0

    @property
    def usable(self) -> bool:
        return not (math.isnan(self.target) or math.isnan(self.sigma))

    def se(self, x: float) -> float:
        if x is None or x <= 0:
            raise ValueError(f"Размер единицы сравнения должен быть больше нуля: {x}")
        return math.sqrt(self.tau ** 2 + self.sigma ** 2 / x)

    def limits(self, x: float, z: float) -> tuple[float, float]:
        """(lower, upper) at size x."""
        half = z * self.se(x)
        return self.target - half, self.target + half

    def standing(self, mean: float, x: float) -> str | None:
        """The key of STANDING_LABELS; None where nothing can be said (no spread, no size,
        no mean). A mean exactly on a limit is within it."""
        if not self.usable or mean is None or math.isnan(mean) or not x or x <= 0:
            return None
        deviation = abs(mean - self.target) / self.se(x) if self.se(x) > 0 else (
            0.0 if mean == self.target else math.inf)
        side = "higher" if mean > self.target else "lower"
        if deviation > Z998:
            return side
        if deviation > Z95:
            return "maybe_" + side
        return "within"


def organizations_funnel(n: int, mean: float, mean_square: float) -> Funnel:
    """Limits for a mean of organizations' totals: the region's mean and the standard
    deviation between its n organizations (from avg(total) and avg(total²))."""
    return Funnel(math.nan if mean is None else mean, spread(n, mean, mean_square))


def respondent_funnel(n: int, mean: float, mean_square: float,
                      mean_inverse_respondents: float) -> Funnel:
    """Limits for one organization's score against its number of respondents.

    A score of 0–100 is treated as a share of satisfied answers: one respondent's answer
    spreads by sigma = 100·√(p(1 − p)), p = target/100, so the survey alone moves an
    organization's score by sigma/√m. What the region's spread between organizations holds
    beyond that (their real differences) is tau² = sd² − sigma²·mean(1/m), at least 0: the
    additive over-dispersion of Spiegelhalter (2005). So a small survey widens the limits,
    and a large one does not make an ordinary organization «significant»."""
    if mean is None or math.isnan(mean):
        return Funnel(math.nan, math.nan)
    sd = spread(n, mean, mean_square)
    p = min(max(mean / 100, 0.0), 1.0)
    sigma = 100 * math.sqrt(p * (1 - p))
    if math.isnan(sd) or mean_inverse_respondents is None or math.isnan(
            mean_inverse_respondents):
        return Funnel(mean, math.nan)
    tau_sq = max(sd ** 2 - sigma ** 2 * mean_inverse_respondents, 0.0)
    return Funnel(mean, sigma, math.sqrt(tau_sq))


# ---------------------------------------------------------------- effects of plans and recommendations

# A (plan, criterion) by its measures of that criterion, judged at the start of the year of the
# organization's next assessment (DOMAIN.md §4): what the committee asks is whether the work
# was done before the organization was assessed again.
EFFECT_CLASSES: dict[str, str] = {
    "on_time": "выполнены в срок",
    "late": "выполнены с опозданием",
    "not_done": "не выполнены",
    "no_measures": "мероприятий не было",
}
# Recommendations: the years up to the resolution's year that count as «before» it.
BEFORE_YEARS = 3


def effect_class(measures: int, done: int, late: int, cancelled: int = 0) -> str | None:
    """The class of one plan's measures of one criterion: `measures` not cancelled, of them
    `done` done before the next assessment's year and `late` of those done after their planned
    date. None when every measure was cancelled (nothing was meant to change)."""
    if measures < 0 or not 0 <= late <= done <= measures or cancelled < 0:
        raise ValueError(f"Несогласованные числа мероприятий: {measures}, {done}, {late}")
    if not measures:
        return None if cancelled else "no_measures"
    if done < measures:
        return "not_done"
    return "late" if late else "on_time"


def too_few(organizations, minimum: int) -> bool:
    """Too few organizations behind a figure to conclude anything from it."""
    return organizations is None or organizations != organizations or organizations < minimum
