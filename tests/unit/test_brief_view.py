"""The brief's findings in words, its tables and its XLSX, on tiny frames."""
import datetime as dt
import io

import openpyxl
import pandas as pd

from dashboard import brief_view as bv
from dashboard import export
from data_access.effect_queries import REC_EFFECT_COLUMNS
from data_access.filters import Filters

ON = dt.date(2026, 11, 23)
NBSP = "\u00a0"


def headline(**now):
    row = dict(assessed=1325, planned=1350.0, coverage_share=1325 / 1350 * 100,
               mean_total=88.44, organizations=4060, covered=4007,
               three_year_share=4007 / 4060 * 100, respondents=233_275, overdue_measures=2786)
    before = dict(row, assessed=1314, mean_total=87.64, planned=1359.0, respondents=218_902,
                  overdue_measures=2483)
    return pd.DataFrame([before, dict(row, **now)], index=[2025, 2026])


def test_headline_findings_state_coverage_score_and_overdue():
    lines = bv.headline_findings(headline(), 2026, ON)
    assert lines[0] == f"Оценено 1{NBSP}325 организаций из 1{NBSP}350 по плану (98,1{NBSP}%)."
    assert lines[1] == ("Средний итоговый балл — 88,44, уровень «хорошо»; за год он вырос на 0,8 "
                        "(в 2025 году — 87,64).")
    assert "оценено 4" + NBSP + "007 из 4" + NBSP + "060 организаций" in lines[2]
    assert lines[-1] == (f"На 23.11.2026 просрочено 2{NBSP}786 мероприятий планов по "
                         "устранению недостатков.")


def test_headline_findings_agree_in_number_and_without_plan():
    lines = bv.headline_findings(headline(assessed=21, planned=float("nan")), 2026, ON)
    assert lines[0] == "Оценена 21 организация; план охвата утверждается по краю в целом."


def test_weakest_criterion_in_words():
    c = pd.DataFrame({"criterion": ["k1", "k2", "k3", "k4", "k5"],
                      "value": [95.9, 93.9, 62.4, 97.6, 95.9],
                      "previous": [94.8, 93.2, 60.0, 97.1, 95.3]})
    c["change"] = c["value"] - c["previous"]
    ind = pd.DataFrame({"code": ["p_org_dost", "p_uslug_dost", "p_ud"],
                        "value": [61.54, 66.1, 96.2], "n": [1325, 1325, 1325]})
    lines = bv.criteria_findings(c, ind, 2026)
    assert lines[0].startswith("Ниже всего — К3 «Доступность услуг для инвалидов»: 62,40 "
                               "(+2,4 к 2025 году); выше всего — К4")
    assert lines[1].startswith("Самые низкие показатели: «Оборудование помещений для "
                               "инвалидов» (Порг.дост, К3) — 61,54;")
    crit, weak = bv.criteria_tables(c, ind, 2026)
    assert crit.df["Критерий"].iloc[0] == "К3 Доступность услуг для инвалидов"
    assert crit.cell(0, "Изм. к 2025") == "+2,4"
    assert weak.cell(0, "Оценок") == f"1{NBSP}325"


def test_coverage_and_sector_findings():
    cov = pd.DataFrame({"sector": ["culture", "education"], "organizations": [1000, 2700],
                        "planned": [355.0, 889.0], "assessed": [317, 889]})
    cov["share"] = cov["assessed"] / cov["planned"] * 100
    assert bv.coverage_findings(cov, 2026) == [
        "План выполнен полностью: «Образование».",
        f"Меньше всего выполнен план в сфере «Культура»: 317 из 355 (89,3{NBSP}%)."]
    s = pd.DataFrame({"sector": ["culture", "education", None], "n": [317, 889, 1206],
                      "total": [89.93, 91.63, 91.2], "previous_total": [90.5, 90.1, 90.2]})
    s["change"] = s["total"] - s["previous_total"]
    lines = bv.sector_findings(s, 2026)
    assert lines[0] == ("Выше всего итоговый балл в сфере «Образование» — 91,63, ниже всего — "
                        "«Культура»: 89,93.")
    assert lines[1] == ("По сравнению с 2025 годом балл вырос в 1 сфере, снизился в 1 сфере "
                        "(«Культура»: −0,6).")


def test_trend_and_overdue_and_recommendation_findings():
    trend = pd.DataFrame({"sector": ["culture", "culture"], "year": [2019, 2026],
                          "total": [83.7, 89.9]})
    region = pd.DataFrame({"year": [2019, 2026], "total": [84.6, 91.3]})
    assert bv.trend_findings(trend, region, "culture") == [
        "С 2019 по 2026 год балл сферы «Культура» вырос с 83,70 до 89,90 (+6,2).",
        "Средний балл по краю (все сферы) с 2019 по 2026 год вырос с 84,60 до 91,30 (+6,7)."]
    o = pd.DataFrame({"sector": ["culture", "education"], "total": [200, 800],
                      "overdue": [40, 60], "overdue_share": [20.0, 7.5], "organizations": [21, 30],
                      "done": [150, 700], "in_progress": [10, 40]})
    assert bv.overdue_findings(o, ON) == [
        f"На 23.11.2026 просрочено 100 мероприятий из 1{NBSP}000 (10,0{NBSP}%) у 51 организации.",
        "Наибольшая доля просроченных — Министерство культуры: 40 из 200 (20,0\u00a0%)."]
    recs = pd.DataFrame({"number": [1, 2], "title": ["Информация", "Условия"],
                         "resolution": ["№ 184-П", "№ 184-П"],
                         "resolution_date": [dt.date(2022, 12, 13)] * 2})
    status = pd.DataFrame({"number": [1, 1, 2, 2], "sector": ["education", "culture"] * 2,
                           "status": ["done", "in_progress", "done", "no_report"]})
    lines = bv.recommendation_findings(status, recs, ON)
    assert lines[0] == ("По 2 рекомендациям постановления № 184-П от 13.12.2022 на 23.11.2026: "
                        "выполнено — 2, в работе — 1, не начато — 0, нет отчёта — 1.")
    assert lines[1] == "Не выполнены: Министерство культуры — 2 (в работе — 1, нет отчёта — 1)."
    per, matrix = bv.recommendation_tables(status, recs)
    assert per.df.set_index("Министерство").loc["Министерство культуры", "Нет отчёта"] == 1
    assert matrix.df["Культура"].tolist() == ["в работе", "нет отчёта"]


def test_xlsx_has_a_sheet_per_section_with_values():
    doc = bv.Document("Справка к заседанию", "о результатах", ["Край · все сферы · 2026 год"],
                      False, [bv.Section(1, "Основные показатели", "Показатели",
                                         ["Оценено 5 организаций."],
                                         [bv.headline_table(headline(), 2026)]),
                              bv.Section(2, "Охват оценкой", "Охват", ["—"],
                                         [bv.Block(None, pd.DataFrame(
                                             {"Сфера": ["=Культура"], "Оценено": [317]}))])],
                      2026, "данные на 23.11.2026")
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx_sheets(doc.sheets())))
    assert book.sheetnames == ["Справка", "Показатели", "Охват"]
    assert book["Справка"]["A2"].value == "Справка к заседанию"
    ws = book["Показатели"]
    assert [c.value for c in ws[1]] == ["Показатель", "2025", "2026", "Изменение к 2025"]
    assert ws["A4"].value == "Оценено" and ws["C4"].value == 1325 and ws["D4"].value == 11
    assert book["Охват"]["A2"].value == "'=Культура"      # formula kept as text
    assert doc.file_stem == "Справка_2026"


def test_document_heading_names_place_sector_and_demo():
    import data_access.brief  # noqa: F401  (the keys the document reads)
    empty = pd.DataFrame
    b = {"filters": Filters("23", 2026, "culture"), "place": "Краснодарский край",
         "region_name": "Краснодарский край", "is_demo": True, "data_as_of": ON,
         "period_end": ON, "headline": headline(),
         "coverage": empty(columns=["sector", "organizations", "planned", "assessed", "share"]),
         "sectors": empty(columns=["sector", "n", "k1", "k2", "k3", "k4", "k5", "total",
                                   "previous_total", "change"]),
         "trend": empty(columns=["sector", "year", "total"]),
         "region_trend": empty(columns=["year", "total"]),
         "criteria": empty(columns=["criterion", "value", "previous", "change"]),
         "indicators": empty(columns=["code", "value", "n"]),
         "overdue": empty(columns=["sector", "total", "overdue", "overdue_share",
                                   "organizations", "done", "in_progress"]),
         "overdue_top": empty(columns=["name", "sector", "municipality", "overdue", "earliest"]),
         "recommendations": empty(columns=["number", "sector", "status"]),
         "resolution": empty(columns=["number", "title", "resolution", "resolution_date"]),
         "plan_effect": empty(columns=["criterion", "effect_class", "change", "organizations"]),
         "plan_effect_total": empty(columns=["effect_class", "change", "organizations"]),
         "recommendation_effect": empty(columns=list(REC_EFFECT_COLUMNS)),
         "effect_minimum": 30,
         "summaries": empty(columns=["sector", "ministry", "title", "due_date", "received_on",
                                     "note", "state", "days_late"])}
    doc = bv.document(b)
    assert doc.subtitle.endswith("организациями сферы «Культура» в 2026 году")
    assert doc.meta == ["Краснодарский край · культура · 2026 год",
                        "Данные на 23.11.2026 · Демонстрационные данные"]
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert doc.sections[8].findings == ["Сводок министерств за 2026 год нет: они не загружены."]
    assert doc.sections[7].findings == [
        "Нет организаций, оценённых повторно после плана, по выбранным фильтрам."]
    assert doc.sections[2].findings == ["За 2026 год нет оценок для выбранных фильтров."]


def test_summaries_to_the_coordinator_in_words():
    import datetime as dt
    import pandas as pd
    from dashboard.brief_view import summary_findings, summary_table
    df = pd.DataFrame([
        dict(sector="education", ministry="Министерство образования", title="Сводка за год",
             due_date=dt.date(2026, 12, 5), received_on=None, note=None, state="pending",
             days_late=pd.NA),
        dict(sector="culture", ministry="Министерство культуры", title="Сводка за полугодие",
             due_date=dt.date(2026, 7, 15), received_on=None, note=None, state="overdue",
             days_late=131),
        dict(sector="health", ministry="Министерство здравоохранения",
             title="Сводка за полугодие", due_date=dt.date(2026, 7, 15),
             received_on=dt.date(2026, 7, 21), note=None, state="late", days_late=6),
    ])
    lines = summary_findings(df, 2026)
    assert lines[0] == "3 сводки: с опозданием — 1, просрочены — 1, ожидаются — 1."
    assert lines[1] == ("Не поступила: Министерство культуры — Сводка за полугодие "
                        "(срок 15.07.2026, просрочена на 131 дн.)")
    assert lines[2].endswith("(срок 15.07.2026, опоздание 6 дн.)")
    (block,) = summary_table(df)
    assert block.cell(2, "Поступила") == "21.07.2026" and block.cell(0, "Поступила") == "—"
    assert summary_findings(df.iloc[0:0], 2026) == ["Сводок министерств за 2026 год нет: они "
                                                     "не загружены."]


def test_file_name_names_the_place():
    doc = bv.Document("Справка к заседанию", "", [], False, [], 2026,
                      "данные на 23.11.2026", place="Ставропольский край")
    assert doc.file_stem == "Справка_Ставропольский_край_2026"
