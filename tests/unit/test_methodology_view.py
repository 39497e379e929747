"""Methodology page builders: the formulas shown are the formulas computed, bands read right."""
import datetime as dt
import re

import pandas as pd
import pytest

from dashboard import methodology_view as view
from data_access import methodology
from data_access.methodology import CRITERIA, INDICATORS, OPTIONAL_INDICATORS
from tests.unit import test_overview_builders

NB = "\u00a0"


def text(component) -> str:
    """The rendered text with the joins between components collapsed to one space."""
    return re.sub(r" {2,}", " ", test_overview_builders.text(component))


def unit_vector(code: str, waiting: bool) -> dict[str, float]:
    """Every indicator 0 but `code` at 1; Пожид left out where К2 has no waiting time."""
    values = {c: 0.0 for c in INDICATORS if waiting or c not in OPTIONAL_INDICATORS}
    values[code] = 1.0
    return values


@pytest.mark.parametrize("formula", view.FORMULAS,
                         ids=[f"{f.criterion}-{'wait' if 'p_ozhid' in f.weights else 'plain'}"
                              for f in view.FORMULAS])
def test_shown_weights_are_the_weights_score_uses(formula):
    waiting = formula.criterion != "k2" or "p_ozhid" in formula.weights
    for code in CRITERIA[formula.criterion]:
        if code not in formula.weights and code in OPTIONAL_INDICATORS and not waiting:
            continue
        scores = methodology.score(unit_vector(code, waiting)).as_dict()
        assert scores[formula.criterion] == pytest.approx(formula.weights.get(code, 0.0)), code
        # the indicator moves no other criterion, and the total is the plain mean of five
        assert sum(v for k, v in scores.items() if k not in (formula.criterion, "total")) == 0
        assert scores["total"] == pytest.approx(scores[formula.criterion] / 5)


def test_every_criterion_is_shown_with_all_its_indicators():
    for k, codes in CRITERIA.items():
        variants = [f for f in view.FORMULAS if f.criterion == k]
        assert set().union(*(f.weights for f in variants)) == set(codes)
        for f in variants:
            assert sum(f.weights.values()) == pytest.approx(1.0)
    assert set(view.INDICATOR_RULES) == set(INDICATORS)


def test_formula_text_and_k2_variants():
    assert view.formula_text(view.FORMULAS[0]) == "К1 = 0,3 · Пинф + 0,3 · Пдист + 0,4 · Поткр.уд"
    wait, plain = [f for f in view.FORMULAS if f.criterion == "k2"]
    assert view.formula_text(wait) == "К2 = 0,3 · Пкомф.усл + 0,4 · Пожид + 0,3 · Пкомф.уд"
    assert view.formula_text(plain) == "К2 = 0,5 · Пкомф.усл + 0,5 · Пкомф.уд"
    assert "охрана здоровья" in wait.variant and "социальное обслуживание" in wait.variant
    assert "культура" in plain.variant and "образование" in plain.variant
    assert view.total_formula() == "S = (К1 + К2 + К3 + К4 + К5) / 5"


def test_points_rules_match_the_capped_points():
    for code, per_item in view.POINTS_PER_ITEM.items():
        assert f"{per_item} баллов" in view.INDICATOR_RULES[code]
        assert "не более 100" in view.INDICATOR_RULES[code]
        assert methodology.points(10, per_item) == 100


def test_criterion_block_lists_indicators_with_names_codes_and_both_k2_weights():
    block = text(view.criterion_block("k2"))
    assert "К2 Комфортность условий" in block
    assert "Время ожидания предоставления услуги" in block
    assert "p_ozhid" not in block  # program codes are not for readers
    assert "Вес с ожиданием" in block and "Вес без ожидания" in block


def test_total_block_says_plain_mean_and_rounding_half_up():
    block = text(view.total_block())
    assert "простое среднее" in block
    assert "ничего не округляется" in block and "89,245 → 89,25" in block


def test_weights_frame_has_a_row_per_indicator_and_variant():
    df = view.weights_frame()
    assert len(df) == len(INDICATORS) + 2  # К2 without waiting repeats two indicators
    row = df[(df["code"] == "p_ud")].iloc[0]
    assert (row["criterion"], row["symbol"], row["weight"]) == ("К5", "Пуд", 0.5)


def test_bands_with_default_thresholds():
    defaults = {"excellent": 91, "good": 81, "satisfactory": 71, "below_average": 51}
    df = view.bands_frame(methodology.bands(defaults))
    assert list(df["label"]) == ["отлично", "хорошо", "удовлетворительно", "ниже среднего",
                                 "неудовлетворительно"]
    assert list(df["range"]) == ["91–100", "81–90,99", "71–80,99", "51–70,99", "0–50,99"]
    assert list(df["condition"]) == ["S ≥ 91", "81 ≤ S < 91", "71 ≤ S < 81", "51 ≤ S < 71",
                                     "S < 51"]
    assert list(df["variable"]) == ["NOK_BAND_EXCELLENT", "NOK_BAND_GOOD",
                                    "NOK_BAND_SATISFACTORY", "NOK_BAND_BELOW_AVERAGE", ""]


def test_bands_with_a_fractional_threshold_and_the_setting_note():
    bands = methodology.bands({"excellent": 90.5, "good": 81, "satisfactory": 71,
                               "below_average": 51})
    df = view.bands_frame(bands)
    assert list(df["range"][:2]) == ["90,50–100", "81–90,49"]
    block = text(view.bands_block(bands))
    assert "Ни один федеральный акт" in block
    assert "90,50 (по умолчанию 91)" in block
    assert "NOK_" not in block  # the settings' names are in the README, not on the page


def test_rules_block_gives_the_date_and_the_three_year_window():
    block = text(view.rules_block(2024, dt.date(2024, 12, 31), 10))
    assert "Для 2024 года состояния определены на 31.12.2024" in block
    assert "2022–2024" in block
    assert "10 организаций с наименьшим итоговым баллом в 2024 году" in block
    for label in ("отменено", "выполнено", "просрочено", "в работе"):
        assert label in block


REGIONS = pd.DataFrame([{
    "code": "23", "name": "Краснодарский край", "is_demo": True,
    "data_as_of": dt.date(2026, 11, 23), "municipalities": 44, "with_boundaries": 44,
    "organizations": 4060, "assessments": 10504, "first_year": 2019, "last_year": 2026}])
FILES = pd.DataFrame([{"region": "23", "source": "krasnodar.geojson", "municipalities": 44,
                       "loaded_at": pd.Timestamp("2026-11-23 09:44:20")}])


def test_sources_of_a_demo_region_without_imports():
    block = text(view.sources_block(REGIONS, FILES, {}))
    assert "Краснодарский край" in block and "23.11.2026" in block
    assert "Демонстрационные данные" in block
    assert f"4{NB}060" in block and f"10{NB}504 за 2019–2026 гг." in block
    assert "у 44 из 44 муниципальных образований" in block
    assert "«krasnodar.geojson», загружен 23.11.2026 09:44" in block
    assert "Импорт ещё не выполнялся" in block


def test_sources_of_a_working_region_with_an_import_and_no_boundaries():
    regions = REGIONS.assign(is_demo=False)
    last = {"file_name": "results-2026.xlsx", "started_at": pd.Timestamp("2026-11-20 10:00"),
            "finished_at": pd.Timestamp("2026-11-20 10:02"), "result": "applied",
            "inserted": 120, "updated": 3, "unchanged": 0, "message": None,
            "user_login": "operator", "batches": 4}
    block = text(view.sources_block(regions, FILES.iloc[0:0], last))
    assert "Демонстрационные данные" not in block and "рабочие данные" in block
    assert "не загружены" in block
    assert "«results-2026.xlsx»" in block and "20.11.2026 10:02" in block
    assert "применён; добавлено 120, обновлено 3, без изменений 0" in block


def test_legal_basis_and_licences():
    legal = text(view.legal_block())
    for act in ("392-ФЗ", "№ 344н", "№ 408н", "17.04.2018 № 457", "13.12.2022 № 184-П"):
        assert act in legal
    licences = text(view.licence_block())
    assert "© участники OpenStreetMap" in licences and "ODbL) 1.0" in licences
    assert "Natural Earth" in licences and "общественное достояние" in licences


def test_comparison_block_states_the_limits_and_the_peers():
    from dashboard.methodology_view import comparison_block
    text = _text(comparison_block())
    assert "z = 1,96 для 95 %" in text and "z = 3,09 для 99,8 %" in text
    assert "Значимо ниже среднего по краю" in text
    assert "выбираются 5 ближайших по численности населения" in text


def _text(component) -> str:
    if isinstance(component, str):
        return component
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if isinstance(children, (list, tuple)):
        return " ".join(_text(c) for c in children)
    return _text(children)
