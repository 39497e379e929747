"""Загрузка данных: choose the kind, download its template, upload a file, see what would
change (a dry run), apply the same file, and see the journal and the discrepancies between
the operators' published scores and the computed ones.

The dry run and the import run as background jobs (data_access/imports/jobs.py): the upload
starts one and returns at once; a dcc.Interval, on only while a job runs, polls its stage and
counts for the progress bar, and shows the outcome when it ends; «Отменить» stops it."""
from __future__ import annotations

import base64
import binascii
import hashlib

import dash
import dash_mantine_components as dmc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import auth, setup
from dashboard import import_view as view
from dashboard.components import data_table, loading, page, page_header, section
from dashboard.tables import Table, download_buttons, register
from data_access import imports, queries
from data_access.filters import Filters
from data_access.imports import jobs
from data_access.imports import queries as import_queries
from data_access.imports.templates import file_stem, template_csv, template_xlsx

dash.register_page(__name__, path="/import", name="Загрузка данных",
                   title="Загрузка данных · НОК-монитор", order=80)

TABLE = Table("import-discrepancies", "Расхождения с опубликованными баллами",
              # the year as text: a table shows numbers with thousands separated
              lambda f: import_queries.discrepancies(f).astype({"year": str}),
              view.DISCREPANCY_COLUMNS)
register(TABLE)


POLL_MS = 1000  # the progress bar's refresh while a job runs

HEADER = ("Загрузка данных", "Результаты оценки, планы и отчёты из файлов XLSX или CSV по "
                             "шаблонам: файл проверяется целиком и загружается весь или никак")


def layout(**query):
    f = queries.resolve_filters(query)
    user = auth.current()
    if user is None or not auth.can_import_any():
        # no upload here (the server refuses imports anyway: dashboard/auth.py); the journal
        # and the discrepancies for the logged-in
        return page(f, [page_header(*HEADER), view.no_rights(logged_in=user is not None),
                        *(_journal_sections() if user else [])])
    kinds = [o for o in view.KIND_OPTIONS if user.can_import(o["value"])]
    running = jobs.active(user.login)  # a reload while a job runs: follow it again
    default = view.DEFAULT_KIND if user.can_import(view.DEFAULT_KIND) else kinds[0]["value"]
    return page(f, [
        page_header(*HEADER),
        *([view.sector_note(user.sector)] if user.role == "ministry" else []),
        dcc.Store(id="import-pending"),
        dcc.Store(id="import-job", data={"id": running} if running else None),
        dcc.Interval(id="import-poll", interval=POLL_MS, disabled=running is None),
        dcc.Download(id="import-template-download"),
        section("Файл", html.Div([
            dmc.Group([
                dmc.Select(id="import-kind", label="Вид данных", data=kinds,
                           value=default, allowDeselect=False, w=330,
                           comboboxProps={"zIndex": 400}),
                dmc.TextInput(id="import-sheet", label="Лист книги XLSX",
                              placeholder="первый лист", w=220, debounce=600),
                html.Div([dmc.Text("Шаблон", size="sm", fw=500),
                          html.Div([html.Button("XLSX", id="import-template-xlsx",
                                                className="dl-btn"),
                                    html.Button("CSV", id="import-template-csv",
                                                className="dl-btn")],
                                   className="downloads")], className="import-templates"),
            ], align="flex-end", gap="md"),
            html.Div(id="import-kind-help"),
            dcc.Upload(
                id="import-upload", multiple=False, max_size=imports.MAX_FILE_BYTES,
                accept=".xlsx,.xlsm,.csv,.txt",
                children=html.Div([
                    html.Span("Перетащите файл сюда или "), html.A("выберите его"),
                    html.Div(f"XLSX или CSV (UTF-8 или Windows-1251, разделитель «;» или "
                             f"«,»), не больше {view.MAX_UPLOAD_MB} МБ",
                             className="import-drop-note")]),
                className="import-drop"),
        ]), description="Выберите вид данных и загрузите файл по шаблону. Ничего не "
                       "записывается, пока вы не нажмёте «Применить»."),
        section("Что изменится", html.Div([
            dcc.Loading(html.Div(view.waiting() if running is None else [],
                                 id="import-outcome"), type="dot", delay_show=300),
            html.Div(id="import-progress"),
            dmc.Group([
                dmc.Button("Применить", id="import-apply", disabled=True, color="blue"),
                dmc.Button("Отменить", id="import-cancel", disabled=running is None,
                           color="gray", variant="light"),
                dmc.Text("Файл будет загружен целиком в одной транзакции.", size="sm",
                         c="dimmed"),
            ], className="import-apply-row"),
        ]), description="Предварительная проверка: сколько строк будет добавлено, изменено "
                       "и останется без изменений, ошибки с номером строки и столбца."),
        *_journal_sections(),
        *([section("Новый субъект", setup.create_form(),
                   description="Субъект из справочника 89 субъектов РФ с четырьмя сферами и "
                               "их министерствами-учредителями; затем загрузите его "
                               "муниципальные образования, организации и результаты.")]
          if user.role == "admin" else []),
    ])


def _journal_sections() -> list:
    return [
        dcc.Store(id="import-version", data=0),
        section("Расхождения", loading("import-discrepancies"),
                downloads=download_buttons("import-discrepancies"),
                description="Оценки, у которых опубликованный оператором балл отличается от "
                            "рассчитанного по показателям более чем на "
                            f"{str(imports.DISCREPANCY_POINTS).replace('.', ',')} балла, или "
                            "итоговый балл — от среднего опубликованных К1–К5 больше, чем "
                            "объясняет их округление (все годы; фильтры сферы и "
                            "муниципального образования применяются)."),
        section("Журнал загрузок", loading("import-history"),
                description="Последние загрузки и проверки, новые сверху: кто, когда, "
                            "какой файл (с контрольной суммой SHA-256) и с каким итогом."),
    ]


@callback(Output("import-kind-help", "children"), Input("import-kind", "value"))
def _kind_help(kind):
    return view.kind_help(kind if kind in imports.KINDS else view.DEFAULT_KIND)


@callback(Output("import-template-download", "data"),
          Input("import-template-xlsx", "n_clicks"), Input("import-template-csv", "n_clicks"),
          State("import-kind", "value"), prevent_initial_call=True)
def _template(_xlsx, _csv, kind):
    if kind not in imports.KINDS or not ctx.triggered_id:
        return no_update
    name = file_stem(imports.KINDS[kind])
    if ctx.triggered_id == "import-template-csv":
        return dcc.send_bytes(template_csv(kind), f"{name}.csv")
    return dcc.send_bytes(template_xlsx(kind), f"{name}.xlsx")


def _decode(contents: str) -> bytes | None:
    """The bytes of a dcc.Upload «data:…;base64,…» string; None if it is not one."""
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True)
    except (IndexError, ValueError, binascii.Error):
        return None


@callback(Output("import-outcome", "children"), Output("import-apply", "disabled"),
          Output("import-pending", "data"), Output("import-job", "data"),
          Output("import-poll", "disabled"), Output("import-progress", "children"),
          Output("import-cancel", "disabled"),
          Input("import-upload", "contents"), Input("import-kind", "value"),
          Input("import-sheet", "value"), Input("import-apply", "n_clicks"),
          State("import-upload", "filename"), State("import-pending", "data"),
          State("page-filters", "data"), prevent_initial_call=True)
def _preview_or_apply(contents, kind, sheet, _clicks, filename, pending, filters):
    """A new file, kind or sheet: a dry run (the preview). «Применить»: the same file, for
    real — only if it is still the file the preview was made of. Either starts a job; its
    progress and outcome come through _poll."""
    def stop(message):
        return message, True, None, None, True, [], True

    if not contents or kind not in imports.KINDS:
        return stop(view.waiting())
    data = _decode(contents)
    if data is None:
        return stop(view.message("Файл не удалось передать: загрузите его снова."))
    permission = auth.import_permission(kind)  # checked by the server's guard too
    if permission is None:
        return stop(view.message("Недостаточно прав для загрузки этого вида данных."))
    login, sector = permission
    region = Filters(**filters).region if filters else "23"
    sheet = (sheet or "").strip() or None
    applying = ctx.triggered_id == "import-apply"
    if applying and (not pending or pending.get("sha256") != hashlib.sha256(data).hexdigest()
                     or pending.get("kind") != kind or pending.get("sheet") != sheet):
        return stop(view.message("Файл изменился после проверки: проверьте его снова."))
    job_id = jobs.start(kind, data, file_name=filename or "файл", dry_run=not applying,
                        sheet=sheet, region=region, user=login, sector=sector)
    job = jobs.status(job_id)
    return [], True, None, {"id": job_id}, False, view.job_progress(job), False


@callback(Output("import-progress", "children", allow_duplicate=True),
          Output("import-apply", "disabled", allow_duplicate=True),
          Output("import-pending", "data", allow_duplicate=True),
          Output("import-version", "data"),
          Output("import-poll", "disabled", allow_duplicate=True),
          Output("import-cancel", "disabled", allow_duplicate=True),
          Input("import-poll", "n_intervals"), State("import-job", "data"),
          State("import-version", "data"), prevent_initial_call=True)
def _poll(_ticks, shown, version):
    """The job's progress while it runs; its outcome once it ends (the journal follows)."""
    user = auth.current()
    job = (jobs.status(int(shown["id"]), user=user.login)
           if user and isinstance(shown, dict) and isinstance(shown.get("id"), int) else None)
    if job is None:
        return [], True, None, no_update, True, True
    if job["status"] == "running":
        return view.job_progress(job), True, None, no_update, False, False
    result = job["result"] or {}
    can_apply = job["status"] == "done" and result.get("status") == "dry_run"
    pending = ({"sha256": job["sha256"], "kind": job["kind"], "sheet": job["sheet"]}
               if can_apply else None)
    return view.job_outcome(job), not can_apply, pending, (version or 0) + 1, True, True


@callback(Output("import-cancel", "disabled", allow_duplicate=True),
          Input("import-cancel", "n_clicks"), State("import-job", "data"),
          prevent_initial_call=True)
def _cancel(clicks, shown):
    user = auth.current()
    if clicks and user and isinstance(shown, dict) and isinstance(shown.get("id"), int):
        jobs.cancel(shown["id"], user=user.login)
    return True


@callback(Output("import-history", "children"), Input("import-version", "data"))
def _history(_version):
    return view.history_table(import_queries.history())


@callback(Output("import-discrepancies", "children"), Input("import-version", "data"),
          State("page-filters", "data"))
def _discrepancies(_version, filters):
    if not filters:
        return view.message("Нет данных о регионе.", "gray")
    df = TABLE.frame(Filters(**filters))
    if df.empty:
        return dmc.Text("Расхождений нет.", c="dimmed")
    return data_table(df)
