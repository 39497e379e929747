"""Справка: a brief for a committee meeting built from the current filters — on screen as a
document that the browser prints on A4 (assets/report.css), and as PDF and XLSX files."""
from __future__ import annotations

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, clientside_callback, dcc, html, no_update

from dashboard import brief_pdf, brief_view, export
from dashboard.cache import cached
from dashboard.components import page
from data_access import queries
from data_access.brief import brief
from data_access.filters import Filters

dash.register_page(__name__, path="/report", name="Справка", title="Справка · НОК-монитор",
                   order=85)


def layout(**query):
    f = queries.resolve_filters(query)
    actions = dmc.Group([
        dmc.Button("Печать", id="report-print", variant="default"),
        dmc.Button("PDF", id="report-pdf", variant="light"),
        dmc.Button("XLSX", id="report-xlsx", variant="light"),
        dmc.Text("PDF и XLSX — по текущим фильтрам; PDF готовится несколько секунд.",
                 c="dimmed", size="sm"),
    ], gap="sm", className="report-actions")
    return page(f, [
        actions,
        html.Div(id="report-message", className="report-message"),
        dcc.Store(id="report-printed"),
        dcc.Loading(html.Div(id="report-body", className="report-body"), type="dot",
                    delay_show=300),
    ])


def _document(data) -> brief_view.Document:
    return brief_view.document(cached(brief)(Filters(**data)))


@callback(Output("report-body", "children"), Input("page-filters", "data"))
def _body(data):
    return brief_view.view(_document(data))


clientside_callback(
    "function (n) { if (n) { window.print(); } return n || 0; }",
    Output("report-printed", "data"), Input("report-print", "n_clicks"),
    prevent_initial_call=True)


@callback(Output("download", "data", allow_duplicate=True),
          Output("report-message", "children", allow_duplicate=True),
          Input("report-pdf", "n_clicks"), State("page-filters", "data"),
          running=[(Output("report-pdf", "loading"), True, False)],
          prevent_initial_call=True)
def _pdf(n, data):
    if not n or not data:
        return no_update, no_update
    doc = _document(data)
    try:
        content = brief_pdf.pdf(doc)
    except brief_pdf.BriefPdfError as e:
        return no_update, brief_view.error(str(e))
    return dcc.send_bytes(content, f"{doc.file_stem}.pdf"), None


@callback(Output("download", "data", allow_duplicate=True),
          Output("report-message", "children", allow_duplicate=True),
          Input("report-xlsx", "n_clicks"), State("page-filters", "data"),
          running=[(Output("report-xlsx", "loading"), True, False)],
          prevent_initial_call=True)
def _xlsx(n, data):
    if not n or not data:
        return no_update, no_update
    doc = _document(data)
    return dcc.send_bytes(export.to_xlsx_sheets(doc.sheets()), f"{doc.file_stem}.xlsx"), None
