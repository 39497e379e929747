"""Read queries against the hand-counted region of tests/data/conftest.py."""
import datetime as dt

import pytest

from data_access import queries as q
from data_access.filters import Filters

F = Filters(region="23", year=2024)


def by(df, key):
    return df.set_index(key)


def test_filter_options(small):
    o = q.filter_options(engine=small)
    assert o.regions == ("23",)
    assert o.years == (2022, 2023, 2024)
    assert set(o.municipalities) == {"03701000", "03601000"}


def test_period_end_is_data_date_within_its_year(small):
    assert q.period_end(F, small) == dt.date(2024, 11, 1)
    assert q.period_end(F.replace(year=2023), small) == dt.date(2023, 12, 31)


def test_headline_with_previous_year(small):
    h = q.headline(F, small)
    now, before = h.loc[2024], h.loc[2023]
    assert now["assessed"] == 4 and before["assessed"] == 1
    assert now["mean_total"] == pytest.approx((89 + 78 + 78 + 93) / 4)  # 84.5
    assert before["mean_total"] == pytest.approx(86)
    assert now["respondents"] == 460
    assert now["organizations"] == 5
    assert now["three_year_share"] == pytest.approx(80)    # 4 of 5 assessed 2022–2024
    assert before["three_year_share"] == pytest.approx(40)  # org 1 and 3 in 2021–2023
    assert now["planned"] == 5 and now["coverage_share"] == pytest.approx(80)
    assert now["overdue_measures"] == 1 and before["overdue_measures"] == 0


def test_headline_for_a_municipality_has_no_plan(small):
    h = q.headline(F.replace(municipality="03601000"), small)
    assert h.loc[2024, "assessed"] == 2
    assert h.loc[2024, "organizations"] == 3
    assert h["planned"].isna().all()


def test_coverage_by_sector(small):
    c = by(q.coverage_by_sector(F, small), "sector")
    assert c.loc["education", ["organizations", "planned", "assessed"]].tolist() == [3, 3, 2]
    assert c.loc["education", "share"] == pytest.approx(200 / 3)
    assert c.loc["culture", "share"] == pytest.approx(100)


def test_three_year_rule_by_municipality(small):
    c = by(q.three_year_coverage(F, by="municipality", engine=small), "municipality")
    assert c.loc["03601000", ["organizations", "assessed"]].tolist() == [3, 2]
    assert c.loc["03701000", "share"] == pytest.approx(100)


def test_three_year_rule_by_sector_and_municipality(small):
    c = q.three_year_coverage(F, by="sector,municipality", engine=small)
    row = c[(c.sector == "education") & (c.municipality == "03601000")].iloc[0]
    assert (row.organizations, row.assessed, row.share) == (1, 0, 0)


def test_not_assessed_in_three_years(small):
    df = q.not_assessed_three_years(F, small)
    assert df["name"].tolist() == ["Школа № 3"]
    assert df["last_year"].isna().all()
    # in 2025 the library (last assessed 2024) is still covered, school 1 too (2024)
    df = q.not_assessed_three_years(F.replace(year=2026), small)
    assert set(df["name"]) == {"Школа № 3"}
    df = q.not_assessed_three_years(F.replace(year=2027), small)
    assert set(df["name"]) == {"Школа № 1", "Школа № 2", "Библиотека", "Больница", "Школа № 3"}


def test_scores_by_sector(small):
    s = by(q.scores(F, engine=small), "sector")
    assert s.loc["education", "n"] == 2
    assert s.loc["education", "total"] == pytest.approx(83.5)
    assert s.loc["education", "k3"] == pytest.approx(60)
    assert s.loc["health", "total"] == pytest.approx(93)


def test_scores_by_year_up_to_the_chosen_one(small):
    s = by(q.scores(F, by=("year",), all_years=True, engine=small), "year")
    assert s.index.tolist() == [2022, 2023, 2024]
    assert s.loc[2022, "total"] == pytest.approx(83)
    assert s.loc[2024, "n"] == 4


def test_scores_by_municipality_carry_names(small):
    s = by(q.scores(F, by=("municipality",), engine=small), "municipality")
    assert s.loc["03701000", "municipality_name"] == "Город А"
    assert s.loc["03701000", "total"] == pytest.approx((89 + 78) / 2)


def test_scores_filtered_by_sector_and_municipality(small):
    s = q.scores(F.replace(sector="education", municipality="03701000"), engine=small)
    assert s["n"].tolist() == [2]


def test_region_means_ignore_sector_filter(small):
    r = by(q.region_means(F.replace(sector="health"), all_years=True, engine=small), "year")
    assert r.loc[2024, "total"] == pytest.approx(84.5)


def test_band_distribution(small):
    b = by(q.band_distribution(F, engine=small), "band")
    assert b["n"].to_dict() == {"excellent": 1, "good": 1, "satisfactory": 2,
                                "below_average": 0, "unsatisfactory": 0}
    assert b.loc["good", "label"] == "хорошо"


def test_ranking_with_change_on_previous_assessment(small):
    r = q.ranking(F, small)
    assert r["name"].tolist()[:2] == ["Больница", "Школа № 1"]
    assert r["rank"].tolist() == [1, 2, 3, 3]
    school = r.set_index("name").loc["Школа № 1"]
    assert school["previous_total"] == pytest.approx(86)
    assert school["change"] == pytest.approx(3)
    assert r.set_index("name").loc["Больница", "previous_total"] != r.set_index(
        "name").loc["Больница", "previous_total"]  # NaN: first assessment


def test_lowest_and_biggest_falls(small):
    assert q.lowest_scores(F, 2, small)["name"].tolist() == ["Библиотека", "Школа № 2"]
    falls = q.biggest_falls(F, 10, small)
    assert falls["name"].tolist() == ["Библиотека"]
    assert falls["change"].iloc[0] == pytest.approx(-5)


def test_indicator_means(small):
    i = by(q.indicator_means(F, small), "code")
    assert i.loc["p_inf", "value"] == 80 and i.loc["p_inf", "n"] == 1


def test_measures_by_status_at_the_period_end(small):
    m = q.measures_by_status(F, engine=small)
    counts = {(r.sector, r.status): r.n for r in m.itertuples()}
    assert counts == {("education", "done"): 1, ("education", "overdue"): 1,
                      ("education", "in_progress"): 1, ("education", "cancelled"): 1,
                      ("culture", "done"): 1}
    # at the end of 2023 nothing of school 1 was due yet; the library's measure was done
    m = q.measures_by_status(F.replace(year=2023), by=("criterion",), engine=small)
    counts = {(r.criterion, r.status): r.n for r in m.itertuples()}
    assert counts == {("k1", "in_progress"): 1, ("k2", "cancelled"): 1,
                      ("k3", "in_progress"): 2, ("k3", "done"): 1}


def test_overdue_measures(small):
    o = q.overdue_measures(F, small)
    assert len(o) == 1
    assert o.iloc[0]["organization"] == "Школа № 1"
    assert o.iloc[0]["days_overdue"] == 153  # 1 June → 1 November 2024
    assert o.iloc[0]["responsible_name"] == "Иванова И. И."
    top = q.overdue_by_organization(F, 5, small)
    assert top[["name", "overdue"]].values.tolist() == [["Школа № 1", 1]]


def test_plan_approval_states(small):
    assert q.plan_approval(F, small)["state"].unique().tolist() == ["not_due"]
    assert q.plan_approval(F.replace(year=2023), small)["state"].tolist() == ["on_time"]
    assert q.plan_approval(F.replace(year=2022), small)["state"].tolist() == ["late"]


def test_plan_missing_when_due_date_passed(small):
    # at 2025 the 2024 assessments' plans (due 1.12.2024) were never approved
    from sqlalchemy import update
    from data_access.models import Region
    with small.begin() as conn:
        conn.execute(update(Region).values(data_as_of=dt.date(2025, 2, 1)))
    states = q.plan_approval(F, small)["state"].tolist()
    assert states == ["missing"] * 4


def test_recommendation_status_latest_report_per_ministry(small):
    r = q.recommendation_status(F, small)
    rec1 = r[r.number == 1].set_index("sector")
    assert rec1["status"].to_dict() == {"culture": "not_started", "education": "done",
                                        "health": "no_report", "social": "no_report"}
    # at the end of 2023 education had reported only «in progress»
    r = q.recommendation_status(F.replace(year=2023), small)
    assert r[(r.number == 1) & (r.sector == "education")]["status"].item() == "in_progress"


def test_target_trend(small):
    t = q.target_trend(F, ["k3", "disabled_share", "p_inf"], small)
    k3 = t[t.target == "k3"].set_index("year")["value"]
    assert k3.to_dict() == pytest.approx({2022: 55, 2023: 60, 2024: 61.25})
    dis = t[t.target == "disabled_share"].set_index("year")["value"]
    assert dis.loc[2024] == pytest.approx(30 / 460 * 100)
    assert dis.loc[2022] == 0
    assert t[t.target == "p_inf"]["year"].tolist() == [2024]
    with pytest.raises(ValueError):
        q.target_trend(F, ["bogus"], small)


def test_milestone_states(small):
    m = q.milestones(F, small)
    assert m["state"].tolist() == ["done_on_time", "done_late", "overdue", "pending"]


def test_empty_year_gives_empty_frames(small):
    g = F.replace(year=2030)
    assert q.scores(g, engine=small).empty
    assert q.ranking(g, small).empty
    assert q.band_distribution(g, engine=small)["n"].sum() == 0


def test_organization_card(small):
    card = q.organization(1, small)
    assert (card["name"], card["municipality"], card["region"]) == ("Школа № 1", "Город А", "23")
    assert q.organization(999, small) == {}


def test_organization_history_against_sector_and_region(small):
    h = q.organization_history(1, small).set_index("year")
    assert h.index.tolist() == [2023, 2024]
    assert h.loc[2024, "total"] == pytest.approx(89)
    assert h.loc[2024, "sector_total"] == pytest.approx(83.5)   # schools 1 and 2
    assert h.loc[2024, "sector_k3"] == pytest.approx(60)
    assert h.loc[2024, "region_total"] == pytest.approx(84.5)
    assert h.loc[2023, "sector_total"] == pytest.approx(86)     # school 1 alone


def test_organization_measures_with_states(small):
    m = q.organization_measures(1, dt.date(2024, 11, 1), small)
    assert sorted(m["status"]) == ["cancelled", "done", "in_progress", "overdue"]
    assert m["plan_year"].unique().tolist() == [2023]


def test_share_assessed_in_the_year_by_sector_and_municipality(small):
    c = q.three_year_coverage(F, by="sector,municipality", window=1, engine=small)
    row = c[(c.sector == "education") & (c.municipality == "03701000")].iloc[0]
    assert (row.organizations, row.assessed, row.municipality_name) == (2, 2, "Город А")
    c = q.three_year_coverage(F.replace(year=2023), by="sector", window=1, engine=small)
    assert c.set_index("sector").loc["education", "share"] == pytest.approx(100 / 3)


def test_schedule_page_years_reach_back_to_a_schedule_before_the_data(small):
    """Assessments 2022–2024; a schedule of 2017 (Stavropol's, seed 001) is offered on the
    schedule page only, the next year's cycle (2025) nowhere, and the default stays 2024."""
    from sqlalchemy import insert

    from data_access.models import Milestone
    with small.begin() as conn:
        conn.execute(insert(Milestone), [
            dict(region_id=1, year=year, step=1, title="Этап", result="Итог",
                 responsible="Министерства", deadline=dt.date(year, 3, 14))
            for year in (2017, 2025)])
    assert q.filter_options(engine=small).years == (2022, 2023, 2024)
    assert q.filter_options(engine=small, schedule=True).years == (2017, 2022, 2023, 2024)
    assert q.resolve_filters({"year": "2017"}, small, schedule=True).year == 2017
    assert q.resolve_filters({}, small, schedule=True).year == 2024
    assert q.resolve_filters({"year": "2017"}, small).year == 2024
    assert q.resolve_filters({"year": "2025"}, small, schedule=True).year == 2024


def test_recommendation_reports_of_the_region(small):
    assert q.has_recommendation_reports("23", small)
    assert not q.has_recommendation_reports("26", small)
