"""Names from the data shown on the funnel (its hover and its labels) are text, not markup:
plotly.js renders <a href>, <b>, <span> in hover texts and labels, so an organization named
with a link would be a clickable link on /results and the district profile."""
from __future__ import annotations

import pandas as pd

from dashboard import comparison
from dashboard.plot_text import escape
from tests.unit.test_comparison_view import FUNNEL

EVIL = '<a href="https://evil.example/">Перейти</a>'
SHOWN = '&lt;a href="https://evil.example/"&gt;Перейти&lt;/a&gt;'


def points(fig):
    return [t for t in fig.data if t.mode == "markers+text"]


def test_escape_keeps_the_name_readable():
    assert escape(EVIL) == SHOWN
    assert escape("Школа № 5 «Ромашка» & Co") == "Школа № 5 «Ромашка» &amp; Co"
    assert escape(None) == ""


def test_a_municipality_named_with_a_link_is_shown_as_text():
    df = FUNNEL.copy()
    df.loc[df["municipality"] == "03", "municipality_name"] = EVIL  # outside 99.8 %: labelled
    fig = comparison.funnel_figure(df)
    texts = [h for t in points(fig) for h in t.hovertext]
    labels = [x for t in points(fig) for x in t.text if x]
    assert any(h.startswith(f"<b>{SHOWN}</b><br>") for h in texts)
    assert not any("<a " in h for h in texts)
    assert labels and all("<a" not in x and "&lt;a" in x for x in labels)


def test_an_organization_named_with_a_link_is_shown_as_text():
    orgs = pd.DataFrame([
        {"id": i, "name": name, "respondents": n, "total": total, "target": 90.0,
         "sigma": 7.9, "tau": 0.0, "standing": standing,
         "standing_label": comparison.standing_text(standing),
         "lower998": 80.0, "lower95": 84.0, "upper95": 96.0, "upper998": 99.0}
        for i, (name, n, total, standing) in enumerate([
            (EVIL, 400, 60.0, "lower"), ("Школа № 1", 300, 91.0, "within"),
            ("Школа № 2", 200, 89.0, "within")], 1)])
    fig = comparison.funnel_figure(orgs)
    hover = [h for t in points(fig) for h in t.hovertext]
    assert any(h.startswith(f"<b>{SHOWN}</b>") for h in hover)
    assert not any("<a " in h for h in hover)
    assert not any("<a" in x for t in points(fig) for x in t.text)


def test_an_imported_milestone_with_markup_is_text_on_the_schedule():
    from dashboard import schedule
    from tests.unit.test_schedule_view import MILESTONES, ON
    df = MILESTONES.copy()
    df.loc[0, "title"] = EVIL
    df.loc[1, "responsible"] = '<span style="font-size:80px">Министерство</span>'
    fig = schedule.timeline(df, ON, 2026)
    hovers = [h for t in fig.data for h in (t.customdata or ()) if isinstance(h, str)]
    assert any(h.startswith(f"<b>{SHOWN}</b>") for h in hovers)
    assert any("&lt;span style=" in h for h in hovers)
    assert not any("<a " in h or "<span" in h for h in hovers)
    assert not any("<a " in str(t) for t in fig.layout.yaxis.ticktext)


def test_municipality_names_from_an_import_are_text_on_every_chart():
    """Municipality names come from imports too now (kind «municipalities»)."""
    from dashboard import map_view, plans, results
    from tests.unit.test_map_view import FRAME
    frame = FRAME.assign(name=[EVIL, *FRAME["name"][1:]])
    hover = map_view.hover_texts(frame, map_view.measure("total"))[0]
    assert SHOWN in hover and EVIL not in hover
    dots = results.municipality_figure(pd.DataFrame({
        "municipality": ["01", "02"], "municipality_name": [EVIL, "Абинский район"],
        "n": [3, 4], "total": [90.0, 85.0], "region_total": [88.0, 88.0]}))
    assert all(EVIL not in y for y in dots.data[0].y) and SHOWN in dots.data[0].y[-1]
    bars = plans.states_figure(pd.DataFrame({
        "label": [EVIL], "total": [4], "overdue": [1], "in_progress": [1], "done": [2],
        "cancelled": [0]}))
    assert all(EVIL not in str(t.customdata) for t in bars.data)
