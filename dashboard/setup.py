"""Starting a subject from nothing, as the dashboard tells it: the first screen of an empty
installation, the steps still to do for a subject without results, and «Новый субъект» for
an administrator (data_access/regions.py does the work, the server checks the role)."""
from __future__ import annotations

import dash_mantine_components as dmc
from dash import Input, Output, State, callback, dcc, html

from dashboard import auth, theme
from dashboard import format as fmt
from data_access import regions
from data_access.reference.russia import SUBJECTS

SUBJECT_OPTIONS = [{"value": s.code, "label": f"{s.name} ({s.code})"}
                   for s in sorted(SUBJECTS, key=lambda s: s.name)]
CLI = "python -m data_access"


def _command(text: str) -> html.Code:
    return html.Code(text, className="setup-command")


def _steps(done: dict[str, int] | None, code: str | None) -> html.Ol:
    """The four steps; `done`: what a subject has already (counts), None before it exists."""
    region = code or "КОД"
    done = done or {}

    def step(key: str, title: str, how: list, count_words: tuple[str, str, str] | None):
        n = done.get(key, 0)
        state = (f" — есть: {fmt.number(n)} {fmt.plural(n, *count_words)}"
                 if count_words and n else "")
        return html.Li([html.Strong(title + state), html.Div(how, className="setup-how")],
                       className="setup-step done" if n else "setup-step")

    return html.Ol([
        step("region", "Создайте субъект", [
            "по справочнику 89 субъектов — со сферами и министерствами-учредителями: ",
            _command(f"{CLI} add-region {region}"),
            " (код — две цифры, как в начале ИНН: 43 — Кировская область) или «Новый "
            "субъект» на странице «Загрузка данных»."], None),
        step("municipalities", "Загрузите муниципальные образования", [
            "файлом вида «Муниципальные образования» (ОКТМО, название, вид, население): ",
            _command(f"{CLI} import municipalities файл.xlsx --region {region}"),
            " — или из файла границ: ",
            _command(f"{CLI} load-boundaries границы.geojson --region {region} --create")],
            ("образование", "образования", "образований")),
        step("organizations", "Загрузите организации", [
            "ИНН, наименование, сфера, муниципальное образование (кодом ОКТМО или названием, "
            "как его пишет субъект), учредитель: ",
            _command(f"{CLI} import organizations файл.xlsx --region {region}")],
            ("организация", "организации", "организаций")),
        step("assessments", "Загрузите результаты оценки", [
            "как они опубликованы: показатели приказа № 344н, или К1–К5 и итоговый балл, или "
            "только итоговый балл: ",
            _command(f"{CLI} import assessments файл.csv --region {region}"),
            ". Шаблоны всех видов — на странице «Загрузка данных»."],
            ("оценка", "оценки", "оценок")),
    ], className="setup-steps")


def empty_installation() -> dmc.MantineProvider:
    """The whole screen while the database holds no subject."""
    user = auth.current()
    admin = user is not None and user.role == "admin"
    act = (create_form() if admin else dmc.Text([
        "Создать субъект на этой странице может администратор: ",
        html.A("войдите", href="/login?next=/"), " (администратора создаёт команда ",
        _command(f"{CLI} create-user ЛОГИН --role admin"), ")."], size="sm"))
    return dmc.MantineProvider(
        theme={"fontFamily": theme.FONT},
        children=html.Main(dmc.Paper([
            dmc.Title("НОК-монитор: начало работы", order=1, className="page-title"),
            dmc.Text("В базе ещё нет ни одного субъекта. Четыре шага — и панель покажет "
                     "охват, результаты и карту вашего субъекта.", size="lg", c="dimmed"),
            _steps(None, None),
            act,
        ], withBorder=True, radius="md", p="xl", className="setup-screen"),
            className="setup-page"))


def setup_notice(region_name: str, code: str, progress: dict[str, int]) -> dmc.Alert | None:
    """Above the pages of a subject with no results yet: what is done, what remains."""
    if progress.get("assessments"):
        return None
    return dmc.Alert([
        dmc.Text(f"У субъекта «{region_name}» ещё нет результатов оценки: страницы пусты, "
                 "пока не загружены данные.", size="sm"),
        _steps({**progress, "region": 1}, code),
    ], title="Что осталось сделать", color="blue", variant="light", className="setup-notice")


def create_form() -> html.Div:
    """«Новый субъект»: pick one of the 89, create it (an administrator)."""
    return html.Div([
        dmc.Group([
            dmc.Select(id="new-region-code", label="Новый субъект", data=SUBJECT_OPTIONS,
                       searchable=True, placeholder="Начните вводить название",
                       nothingFoundMessage="Не найдено", w=420, comboboxProps={"zIndex": 400}),
            html.Button("Создать субъект", id="new-region-create", className="dl-btn"),
        ], align="flex-end", gap="md"),
        dcc.Loading(html.Div(id="new-region-result"), type="dot", delay_show=300),
    ], className="new-region")


# The server lets only an administrator with the CSRF token call this (auth.py).
@callback(Output("new-region-result", "children"), Input("new-region-create", "n_clicks"),
          State("new-region-code", "value"), prevent_initial_call=True)
def create_region(_clicks, code):
    user = auth.current()
    if user is None or user.role != "admin":  # the server refused already (dashboard/auth.py)
        return dmc.Alert("Создать субъект может только администратор.", color="red")
    if not code:
        return dmc.Alert("Выберите субъект из списка.", color="yellow")
    try:
        added = regions.add_region(code, actor=user.login)
    except regions.RegionError as error:
        return dmc.Alert(f"Субъект не создан: {error}.", color="red")
    head = (f"Субъект создан: {added.subject.name}." if added.created
            else f"Субъект «{added.subject.name}» уже есть.")
    return dmc.Alert([
        dmc.Text(head + " Министерства-учредители: "
                 + "; ".join(f"{theme.sector_name(k)} — {v}" for k, v in added.ministries.items())
                 + ".", size="sm"),
        html.A("Перейти к загрузке его данных →", href=f"/import?region={added.subject.code}",
               className="setup-next"),
    ], color="green", variant="light")
