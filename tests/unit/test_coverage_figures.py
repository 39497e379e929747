"""Coverage figures on tiny frames: values, labels and the empty cases."""
import pandas as pd

from dashboard import figures

PLAN = pd.DataFrame({"sector": ["culture", "education"], "organizations": [40, 120],
                     "planned": [14.0, 40.0], "assessed": [12, 40], "share": [12 / 14 * 100, 100.0]})


def test_plan_fact_bars():
    fig = figures.coverage_plan_fact(PLAN)
    assert [t.name for t in fig.data] == ["По плану", "Оценено"]
    assert list(fig.data[0].x) == ["Культура", "Образование"]
    assert list(fig.data[0].y) == [14.0, 40.0]
    # two lines, so the share does not run into the planned bar's label beside it
    assert list(fig.data[1].text) == ["12<br>86\u00a0%", "40<br>100\u00a0%"]


def test_plan_fact_without_plan_has_no_plan_bars():
    fig = figures.coverage_plan_fact(PLAN.assign(planned=float("nan"), share=float("nan")))
    assert [t.name for t in fig.data] == ["Оценено"]
    assert list(fig.data[0].text) == ["12", "40"]


def test_plan_fact_empty_year_says_so():
    fig = figures.coverage_plan_fact(PLAN.assign(assessed=0))
    assert fig.layout.annotations[0].text == "За выбранный год нет оценок"


CELLS = pd.DataFrame({
    "sector": ["education", "culture", "education"],
    "municipality": ["03701000", "03701000", "03601000"],
    "municipality_name": ["Краснодар", "Краснодар", "Абинский район"],
    "organizations": [10, 4, 3], "assessed": [9, 4, 1],
})
CELLS["share"] = CELLS["assessed"] / CELLS["organizations"] * 100


def test_heatmap_grid_and_labels():
    fig = figures.coverage_heatmap(CELLS)
    hm = fig.data[0]
    assert list(hm.x) == ["Образование", "Культура"]
    assert list(hm.y) == ["Краснодар", "Абинский район"]  # alphabetical from the top
    assert hm.text[0] == ["90\u00a0%", "100\u00a0%"]
    assert hm.text[1][1] == "—"  # no culture organizations in Абинский район
    assert hm.customdata[0][0] == "9 из 10"
    assert (hm.zmin, hm.zmax) == (0, 100)
