"""Builders of the federal overview on frames small enough to check by hand."""
import math

import pandas as pd
import pytest

from dashboard import federal, theme, map_view
from data_access.federal_queries import COLUMNS


def subjects() -> pd.DataFrame:
    """A: 100 organizations, 40 assessed (mean 90; last year 10 at 80), 300 measures, 30
    overdue. B: 50 organizations, 10 assessed (mean 80; last year 40 at 85), no measures.
    C: loaded, no organizations in scope."""
    rows = [
        dict(code="01", name="А", organizations=100, assessed=40, year_covered=40, covered=90,
             total=90.0, previous_total=80.0, previous_assessed=10, measures=300, overdue=30),
        dict(code="02", name="Б", organizations=50, assessed=10, year_covered=10, covered=50,
             total=80.0, previous_total=85.0, previous_assessed=40, measures=0, overdue=0),
        dict(code="03", name="В", organizations=0, assessed=0, year_covered=0, covered=0,
             total=math.nan, previous_total=math.nan, previous_assessed=0, measures=0,
             overdue=0),
    ]
    df = pd.DataFrame(rows)
    for k in ("k1", "k2", "k3", "k4", "k5"):
        df[k] = df["total"]
    df["is_demo"], df["data_as_of"] = True, None
    orgs = df["organizations"].where(df["organizations"] > 0)
    df["year_share"] = df["year_covered"] / orgs * 100
    df["three_year_share"] = df["covered"] / orgs * 100
    df["change"] = df["total"] - df["previous_total"]
    df["overdue_share"] = df["overdue"] / df["measures"].where(df["measures"] > 0) * 100
    return df[list(COLUMNS)]


def test_country_sums_counts_and_weights_means_by_their_counts():
    c = federal.country(subjects())
    assert c["subjects"] == 2
    assert c["organizations"] == 150 and c["assessed"] == 50
    assert c["total"] == pytest.approx((40 * 90 + 10 * 80) / 50)          # 88
    assert c["change"] == pytest.approx(88 - (10 * 80 + 40 * 85) / 50)    # 88 − 84 = 4
    assert c["year_share"] == pytest.approx(50 / 150 * 100)
    assert c["three_year_share"] == pytest.approx(140 / 150 * 100)
    assert c["overdue_share"] == pytest.approx(10)


def test_comparison_rows_rank_by_total_and_link_to_the_subject():
    rows = federal.comparison_rows(subjects(), {"year": "2024", "sector": "health",
                                                "municipality": "03701000"})
    assert [r["code"] for r in rows] == ["01", "02"]  # no organizations: no row
    assert [r["rank"] for r in rows] == [1, 2]
    assert rows[0]["link"] == "[А](/?region=01&year=2024&sector=health)"
    assert rows[1]["change"] == pytest.approx(-5)
    assert rows[0]["overdue_share"] == pytest.approx(10)
    assert rows[1]["overdue_share"] is None


def test_subject_map_draws_tiles_without_polygons():
    fig = federal.subject_map(subjects(), None, map_view.measure("total"),
                              {"01": (0, 0), "02": (1, 0), "03": (2, 0)},
                              {"01": "А", "02": "Б", "03": "В"})
    trace = fig.data[0]
    assert trace.type == "heatmap"
    assert "А<br><b>90,00</b>" in trace.text[0][0]
    assert trace.text[0][2].endswith("<b>—</b>")  # no data


def test_subject_map_over_polygons_keyed_by_code():
    square = {"type": "Polygon", "coordinates": [[[30, 50], [31, 50], [31, 51], [30, 51],
                                                  [30, 50]]]}
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": c, "properties": {}, "geometry": square}
        for c in ("01", "02")]}
    fig = federal.subject_map(subjects(), geojson, map_view.measure("coverage"), {}, {})
    trace = fig.data[0]
    assert trace.type == "choroplethmap"
    assert list(trace.locations) == ["01", "02", "03"]
    assert trace.z[0] == pytest.approx(90) and trace.z[1] == pytest.approx(100)


def long_sectors() -> pd.DataFrame:
    return pd.DataFrame([
        dict(code="01", name="А", sector="education", n=30, total=91.0),
        dict(code="01", name="А", sector="health", n=10, total=87.0),
        dict(code="02", name="Б", sector="culture", n=10, total=80.0),
    ])


def test_sector_matrix_is_subjects_by_sectors_in_the_given_order():
    wide = federal.sector_matrix(long_sectors(), order=["Б", "А"])
    assert wide["name"].tolist() == ["Б", "А"]
    assert list(wide.columns) == ["name", "education", "culture", "health", "social"]
    assert wide.set_index("name").loc["А", "education"] == 91
    assert math.isnan(wide.set_index("name").loc["А", "culture"])


def test_sector_heatmap_texts_and_counts():
    fig = federal.sector_heatmap(long_sectors(), order=["А", "Б"])
    trace = fig.data[0]
    assert list(trace.y) == ["А", "Б"]
    assert trace.text[0][0] == "91,0" and trace.text[0][1] == "—"
    assert "оценено 30" in trace.hovertext[0][0]
    assert "нет оценок" in trace.hovertext[1][0]
    # coloured by quality level as on the maps: 91 «отлично», the 5th of five levels
    assert trace.z[0][0] == 4.5 and (trace.zmin, trace.zmax) == (0, 5)
    assert trace.colorscale[-1][1] == theme.BAND_COLORS["excellent"]


def test_empty_frames_say_so_in_words():
    empty = subjects().iloc[0:0]
    assert "нет данных" in federal.subject_map(empty, None, map_view.measure("total"), {}, {}
                                               ).layout.annotations[0].text.lower()
    assert federal.sector_heatmap(long_sectors().iloc[0:0]).layout.annotations


def test_sector_table_keeps_every_sector_under_its_russian_name():
    from dashboard.tables import Table
    wide = federal.sector_matrix(long_sectors(), order=["А", "Б"])
    shown = Table("t", "t", lambda f: wide, federal.SECTOR_COLUMNS).present(wide)
    assert list(shown.columns) == ["Субъект РФ", "Образование", "Культура",
                                   "Охрана здоровья", "Социальное обслуживание"]
    assert shown.iloc[0]["Образование"] == 91
