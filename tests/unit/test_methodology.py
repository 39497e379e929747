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


# ---------------------------------------------------------------- fair comparison
# Five organizations with totals 80, 85, 90, 95, 100: mean 90, squares of the deviations
# 100 + 25 + 0 + 25 + 100 = 250, sample variance 250 / 4 = 62.5, sd = √62.5 = 7.90569.
# The mean of the squares: (6400 + 7225 + 8100 + 9025 + 10000) / 5 = 8150.
# For a unit of 4 organizations: se = 7.90569 / √4 = 3.95285;
# 95 %: 90 ± 1.96 · 3.95285 = 90 ± 7.74758; 99.8 %: 90 ± 3.09 · 3.95285 = 90 ± 12.21430.

def test_spread_from_mean_and_mean_square():
    assert m.spread(5, 90, 8150) == pytest.approx(7.90569, abs=1e-5)
    assert m.spread(3, 85, 85 * 85) == 0  # all equal: no negative rounding residue
    assert m.spread(1, 85, 7225) != m.spread(1, 85, 7225)  # one value: NaN


def test_funnel_limits_by_hand():
    f = m.organizations_funnel(5, 90, 8150)
    assert (f.target, f.tau) == (90, 0)
    assert f.limits(4, m.Z95) == pytest.approx((82.25242, 97.74758), abs=1e-5)
    assert f.limits(4, m.Z998) == pytest.approx((77.78570, 102.21430), abs=1e-5)
    # one organization: the whole spread, 90 ± 1.96 · 7.905694 = 90 ± 15.49516
    assert f.limits(1, m.Z95) == pytest.approx((74.50484, 105.49516), abs=1e-5)


@pytest.mark.parametrize(("mean", "expected"), [
    (90, "within"), (97.7, "within"), (82.3, "within"),
    (98, "maybe_higher"), (82, "maybe_lower"),       # beyond 95 %, within 99.8 %
    (102.3, "higher"), (77.7, "lower"),               # beyond 99.8 %
])
def test_standing_of_a_unit_of_four(mean, expected):
    assert m.organizations_funnel(5, 90, 8150).standing(mean, 4) == expected


def test_standing_words_and_what_cannot_be_judged():
    assert m.STANDING_LABELS["lower"] == "значимо ниже среднего по краю"
    assert m.STANDING_LABELS["within"] == "в пределах случайных колебаний"
    f = m.organizations_funnel(5, 90, 8150)
    assert f.standing(float("nan"), 4) is None and f.standing(80, 0) is None
    assert m.organizations_funnel(1, 90, 8100).standing(50, 3) is None  # no spread
    with pytest.raises(ValueError, match="больше нуля"):
        f.limits(0, m.Z95)


def test_small_unit_needs_a_bigger_difference():
    f = m.organizations_funnel(5, 90, 8150)
    assert f.standing(80, 1) == "within"   # one organization 10 below: chance
    assert f.standing(80, 9) == "lower"    # nine of them 10 below: se 2.635, 3.8 se


def test_respondent_funnel_by_hand():
    # Totals 89, 78, 78, 93 with 120, 80, 60, 200 respondents: mean 84.5, sd² = 177 / 3 = 59;
    # p = 0.845, sigma² = 100² · 0.845 · 0.155 = 1309.75; mean(1/m) = 0.0425 / 4 = 0.010625;
    # tau² = 59 − 1309.75 · 0.010625 = 45.08391; at 80 respondents
    # se² = 45.08391 + 1309.75 / 80 = 61.45578, se = 7.83937.
    mean_square = (89 ** 2 + 78 ** 2 + 78 ** 2 + 93 ** 2) / 4
    f = m.respondent_funnel(4, 84.5, mean_square, 0.010625)
    assert f.sigma == pytest.approx(36.19047, abs=1e-5)
    assert f.tau ** 2 == pytest.approx(45.08391, abs=1e-5)
    assert f.se(80) == pytest.approx(7.83937, abs=1e-5)
    assert f.limits(80, m.Z95) == pytest.approx((84.5 - 15.36517, 84.5 + 15.36517), abs=1e-4)
    # surveys that explain all the spread leave no tau
    assert m.respondent_funnel(4, 84.5, mean_square, 1.0).tau == 0
