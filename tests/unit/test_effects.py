"""The plan-effect classes and the small-numbers rule (data_access.methodology), and the
builders of the effect views (dashboard.effects)."""
from __future__ import annotations

import pytest

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
