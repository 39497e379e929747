"""The plan-effect classes and the small-numbers rule (data_access.methodology), and the
builders of the effect views (dashboard.effects)."""
from __future__ import annotations

import pandas as pd
import pytest

from dashboard import effects
from data_access.methodology import effect_class, too_few


@pytest.mark.parametrize("counts, expected", [
    ((2, 2, 0), "on_time"),
    ((2, 2, 1), "late"),
    ((3, 2, 0), "not_done"),
    ((3, 2, 2), "not_done"),       # late ones do not matter once one is not done
    ((0, 0, 0), "no_measures"),
])
def test_effect_class(counts, expected):
    assert effect_class(*counts) == expected


def test_only_cancelled_measures_are_left_out():
    assert effect_class(0, 0, 0, cancelled=2) is None
    assert effect_class(1, 1, 0, cancelled=2) == "on_time"


@pytest.mark.parametrize("counts", [(1, 2, 0), (2, 1, 2), (-1, 0, 0)])
def test_inconsistent_counts_are_refused(counts):
    with pytest.raises(ValueError, match="Несогласованные"):
        effect_class(*counts)


def test_too_few():
    assert too_few(29, 30) and not too_few(30, 30)
    assert too_few(None, 30) and too_few(float("nan"), 30)


# ------------------------------------------------------------------ builders

def plan_rows():
    """plan_effect by sector: education has all four classes, culture only two."""
    return pd.DataFrame({
        "sector": ["education"] * 4 + ["culture"] * 2,
        "effect_class": ["on_time", "late", "not_done", "no_measures", "on_time",
                         "no_measures"],
        "change": [10.0, 4.0, -2.0, 0.5, 6.0, 1.0],
        "organizations": [40, 35, 31, 90, 12, 20], "pairs": [40, 35, 31, 300, 12, 60]})


def test_effect_wide_puts_the_classes_side_by_side():
    wide = effects.effect_wide(plan_rows(), "sector", 30).set_index("sector")
    assert wide.loc["education", "gap"] == 12.0          # 10 − (−2)
    assert wide.loc["education", "caution"] == ""
    assert wide.loc["culture", "not_done_n"] == 0 and pd.isna(wide.loc["culture", "gap"])
    assert wide.loc["culture", "caution"] == effects.TOO_FEW
    assert list(wide.index) == ["education", "culture"]   # the ministries' order
    assert wide.loc["education", "label"] == "Министерство образования, науки и молодёжной политики"


def test_effect_figure_pales_the_bars_on_too_few_organizations():
    rows = plan_rows().rename(columns={"sector": "criterion"}).replace(
        {"criterion": {"education": "k3", "culture": "k1"}})
    fig = effects.effect_figure(rows, 30)
    on_time = next(t for t in fig.data if t.name == "выполнены в срок")
    assert list(on_time.x) == ["К1", "К2", "К3", "К4", "К5"]
    assert list(on_time.marker.opacity) == [0.35, 0.35, 1, 0.35, 0.35]   # К1: 12 organizations
    assert on_time.text[2].startswith("+10,0")


def test_plan_findings_in_words():
    total = pd.DataFrame({"effect_class": ["on_time", "late", "not_done", "no_measures"],
                          "change": [8.6, 8.3, 6.3, 1.3],
                          "organizations": [3412, 1137, 25, 3000]})
    lines = effects.plan_findings(total, 30)
    assert "выполнены в срок — +8,6 (3\u00a0412 организаций)" in lines[0]
    assert "не выполнены — +6,3 (25 организаций; слишком мало организаций" in lines[0]
    assert lines[1] == "Критерии тех же организаций без мероприятий: +1,3."
    assert lines[2].startswith("Сравнить выполненные в срок и невыполненные нельзя")
    total.loc[2, "organizations"] = 1546
    assert effects.plan_findings(total, 30)[2] == (
        "Где мероприятия выполнены в срок, балл изменился на 2,3 больше, чем где они не "
        "выполнены.")
    assert effects.plan_findings(total.iloc[0:0], 30) == [effects.NO_PAIRS + "."]


def rec_frame(done_change=4.0, n=100):
    def row(level, sector, group, change, before=50.0, orgs=n):
        return {"number": 3, "target": "k3", "level": level, "sector": sector, "group": group,
                "status": "done" if group == "done" else "in_progress", "reported_on": None,
                "ministries": 1, "before": before, "after": before + change, "change": change,
                "before_organizations": orgs, "after_organizations": orgs,
                "before_years": "2020–2022", "after_years": "2023–2024"}
    return pd.DataFrame([row("ministry", "education", "done", done_change),
                         row("ministry", "culture", "other", 1.5),
                         row("group", None, "done", done_change),
                         row("group", None, "other", 1.5)])


def test_did_text_compares_the_ministries_that_reported_done_with_the_others():
    text = effects.did_text(rec_frame(), "k3", 30)
    assert text == ("К3 Доступность услуг для инвалидов: у отчитавшихся о выполнении +4,0 "
                    "(50,0 → 54,0, 100 организаций), у остальных +1,5 (50,0 → 51,5, "
                    "100 организаций); разница +2,5 в пользу отчитавшихся.")
    assert effects.did_text(rec_frame(n=12), "k3", 30).endswith(f"; {effects.TOO_FEW}.")
    only_done = rec_frame()
    only_done = only_done[only_done["group"] == "done"]
    assert "сравнить не с кем" in effects.did_text(only_done, "k3", 30)


def test_rec_rows_and_brief_table():
    rows = effects.rec_rows(rec_frame(n=12), 30)
    assert list(rows["row_label"]) == ["Министерство образования, науки и молодёжной политики",
                                       "Министерство культуры",
                                       "Отчитались о выполнении (1)",
                                       "Не отчитались о выполнении (1)"]
    assert list(rows["status_label"]) == ["выполнено", "в работе", "", ""]
    assert set(rows["caution"]) == {effects.TOO_FEW}
    recs = pd.DataFrame({"number": [3], "title": ["Доступность"], "targets": ["k3,disabled_share"]})
    table = effects.brief_rec_table(rec_frame(), recs)
    assert table.iloc[0][effects.REC_GAP] == 2.5
    assert table.iloc[0]["Организаций у остальных"] == 100


def test_brief_conclusions_in_plain_words_with_the_small_number_caution():
    total = pd.DataFrame({"effect_class": ["on_time", "late", "not_done", "no_measures"],
                          "change": [8.6, 7.9, 6.0, 1.3],
                          "organizations": [1014, 342, 480, 3000]})
    recs = pd.DataFrame({"number": [3, 4, 5], "title": ["Доступность", "Стенды", "Сайт"],
                         "targets": ["k3", "k3", "k3"]})
    rec = pd.concat([rec_frame().assign(number=3),                     # +2,5: helped
                     rec_frame(done_change=1.0).assign(number=4),      # −0,5: no gain
                     rec_frame(n=12).assign(number=5)])                # too few
    lines = effects.brief_findings(total, rec, recs, 30)
    assert lines[0] == ("К следующей оценке организации баллы критериев, по которым были "
                        "планы, в среднем изменились так: где мероприятия выполнены в срок — "
                        "выросли на 8,6 (1\u00a0014 организаций); где с опозданием — выросли на "
                        "7,9 (342 организации); где не выполнены — выросли на 6,0 "
                        "(480 организаций).")
    assert lines[1] == ("Для сравнения: по критериям тех же организаций без мероприятий баллы "
                        "выросли на 1,3.")
    assert lines[2].startswith("Выполнение мероприятий в срок добавило к баллу около 2,6 "
                               "сверх роста там, где они не выполнены.")
    assert lines[3] == ("Где министерства выполнили рекомендацию, связанный с ней показатель "
                        "вырос больше, чем у остальных: по рекомендации № 3 («К3 Доступность "
                        "услуг для инвалидов») — на 2,5.")
    assert lines[4] == "По рекомендации № 4 выполнившие министерства не опередили остальных."
    assert lines[5] == (f"По рекомендации № 5 за цифрами меньше 30 организаций — "
                        f"{effects.TOO_FEW}.")
    assert not any("Изм." in x or "Орг." in x for x in lines)
    # few organizations behind the plans' groups: no conclusion, the caution instead
    total.loc[2, "organizations"] = 25
    lines = effects.brief_findings(total, rec.iloc[0:0], recs.iloc[0:0], 30)
    assert "где не выполнены — выросли на 6,0 (25 организаций — слишком мало, чтобы судить)" \
        in lines[0]
    assert lines[2] == ("Сказать, помогло ли выполнение мероприятий, нельзя: в одной из групп "
                        f"меньше 30 организаций — {effects.TOO_FEW}.")


def test_brief_tables_have_headers_in_plain_words():
    plan = pd.DataFrame({"criterion": ["k1"] * 4,
                         "effect_class": ["on_time", "late", "not_done", "no_measures"],
                         "change": [5.9, 5.3, 3.8, 1.5], "organizations": [367, 55, 95, 900]})
    table = effects.brief_plan_table(plan)
    assert list(table.columns[:3]) == ["Критерий", "Изменение балла: мероприятия выполнены в срок",
                                       "Организаций: мероприятия выполнены в срок"]
    assert table.columns[-1] == "Изменение балла: мероприятий не было"
    from dashboard.brief_view import Block
    block = Block(None, effects.brief_rec_table(rec_frame(done_change=1.0), pd.DataFrame(
        {"number": [3], "title": ["Доступность"], "targets": ["k3"]})))
    assert block.cell(0, effects.REC_GAP) == "−0,5" and block.numeric(effects.REC_GAP)


def test_the_methodology_page_states_the_definitions_and_the_setting():
    from dashboard.methodology_view import effects_block
    text = str(effects_block(30))
    assert effects.PLAN_DEFINITION in text and effects.REC_DEFINITION in text
    assert "Меньше 30 организаций" in text and "порог — настройка программы" in text
    assert "NOK_" not in text  # the setting's name is the administrator's: README


def test_effect_rows_in_reading_order_with_words():
    rows = plan_rows().rename(columns={"sector": "criterion"}).replace(
        {"criterion": {"education": "k3", "culture": "k1"}})
    out = effects.effect_rows(rows, 30)
    assert list(zip(out["criterion_label"], out["class_label"])) == [
        ("К1", "выполнены в срок"), ("К1", "мероприятий не было"), ("К3", "выполнены в срок"),
        ("К3", "выполнены с опозданием"), ("К3", "не выполнены"), ("К3", "мероприятий не было")]
    assert list(out["caution"]) == [effects.TOO_FEW] * 2 + [""] * 4
