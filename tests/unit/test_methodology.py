"""344н formulas and quality bands, against cases computed by hand."""
import pytest

from data_access import methodology as m

# К1 = 0.3·80 + 0.3·90 + 0.4·95 = 24 + 27 + 38 = 89
# К2 = 0.5·100 + 0.5·90 = 95 (no waiting time)
# К3 = 0.3·40 + 0.4·60 + 0.3·70 = 12 + 24 + 21 = 57
# К4 = 0.4·95 + 0.4·90 + 0.2·100 = 38 + 36 + 20 = 94
# К5 = 0.3·90 + 0.2·85 + 0.5·92 = 27 + 17 + 46 = 90
# total = (89 + 95 + 57 + 94 + 90) / 5 = 85
SCHOOL = {
    "p_inf": 80, "p_dist": 90, "p_otkr_ud": 95,
    "p_komf_usl": 100, "p_komf_ud": 90,
    "p_org_dost": 40, "p_uslug_dost": 60, "p_dost_ud": 70,
    "p_perv_kont_ud": 95, "p_okaz_uslug_ud": 90, "p_vezhl_dist_ud": 100,
    "p_rekom": 90, "p_org_usl_ud": 85, "p_ud": 92,
}


def test_score_without_waiting_time():
    s = m.score(SCHOOL)
    assert s.as_dict() == pytest.approx(
        {"k1": 89, "k2": 95, "k3": 57, "k4": 94, "k5": 90, "total": 85})


def test_k2_with_waiting_time():
    # К2 = 0.3·100 + 0.4·80 + 0.3·90 = 30 + 32 + 27 = 89; total = (89+89+57+94+90)/5 = 83.8
    s = m.score({**SCHOOL, "p_ozhid": 80})
    assert s.k2 == pytest.approx(89)
    assert s.total == pytest.approx(83.8)


def test_no_rounding_inside():
    s = m.score({**SCHOOL, "p_inf": 80.01})
    assert s.k1 == pytest.approx(89.003)
    assert s.total == pytest.approx(85.0006)


@pytest.mark.parametrize("code", ["p_inf", "p_komf_ud", "p_ud"])
def test_missing_indicator_is_named(code):
    values = dict(SCHOOL)
    del values[code]
    with pytest.raises(ValueError, match=code):
        m.score(values)


@pytest.mark.parametrize("value", [-0.1, 100.5, 140, float("nan")])
def test_out_of_range_indicator_is_named(value):
    with pytest.raises(ValueError, match="p_dist"):
        m.score({**SCHOOL, "p_dist": value})


def test_out_of_range_waiting_time_is_named():
    with pytest.raises(ValueError, match="p_ozhid"):
        m.score({**SCHOOL, "p_ozhid": 101})


def test_unknown_indicator_is_named():
    with pytest.raises(ValueError, match="p_bogus"):
        m.score({**SCHOOL, "p_bogus": 50})


def test_text_indicator_is_named():
    with pytest.raises(ValueError, match="p_rekom"):
        m.score({**SCHOOL, "p_rekom": "девяносто"})


def test_points_are_capped_at_100():
    assert m.points(3, 30) == 90
    assert m.points(4, 30) == 100   # four remote channels: 120 capped
    assert m.points(6, 20) == 100   # six comfort conditions: 120 capped
    assert m.points(0, 20) == 0


def test_share():
    assert m.share(45, 50) == 90
    with pytest.raises(ValueError):
        m.share(51, 50)
    with pytest.raises(ValueError):
        m.share(0, 0)


@pytest.mark.parametrize("total, label", [
    (100, "отлично"), (91, "отлично"), (90.99, "хорошо"), (81, "хорошо"),
    (80.99, "удовлетворительно"), (71, "удовлетворительно"), (70.99, "ниже среднего"),
    (51, "ниже среднего"), (50.99, "неудовлетворительно"), (0, "неудовлетворительно"),
])
def test_band_edges_with_default_thresholds(total, label):
    assert m.band(total) == label


def test_band_thresholds_from_settings(monkeypatch):
    from data_access.settings import get_settings
    monkeypatch.setenv("NOK_BAND_EXCELLENT", "95")
    get_settings.cache_clear()
    try:
        assert m.band(93) == "хорошо"
        assert m.band(95) == "отлично"
    finally:
        get_settings.cache_clear()


def test_band_rejects_out_of_range_total():
    with pytest.raises(ValueError):
        m.band(100.5)


def test_bands_must_descend():
    with pytest.raises(ValueError):
        m.bands({"excellent": 80, "good": 81, "satisfactory": 71, "below_average": 51})
