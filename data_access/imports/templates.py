"""Templates built from the specs: XLSX (the data sheet with the header and one example row,
and a sheet «Описание» explaining each column), CSV (header and example), and the Markdown
of docs/import.md. One source, so the templates, the docs and the importer cannot drift."""
from __future__ import annotations

import csv
import datetime as dt
import io

from data_access.imports.core import DISCREPANCY_POINTS
from data_access.imports.fields import Column, Spec
from data_access.imports.kinds import KINDS
from data_access.imports.reader import MAX_FILE_BYTES, MAX_ROWS, megabytes

DESCRIPTION_SHEET = "Описание"
DESCRIPTION_HEADER = ("Столбец", "Обязательный", "Что указать", "Допустимые значения",
                      "Другие названия столбца", "Пример")


def _cell(value):
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "" if value is None else str(value)


def _required(c: Column) -> str:
    if c.required:
        return "да"
    return "столбец — да, ячейка — нет" if c.present else "нет"


def describe(spec: Spec) -> list[tuple[str, ...]]:
    return [(c.header, _required(c), c.help, c.type.expected, ", ".join(c.aliases),
             _cell(c.example)) for c in spec.columns]


def file_stem(spec: Spec) -> str:
    return f"шаблон_{spec.kind}"


def template_csv(kind: str) -> bytes:
    """Header and example row; semicolons, decimal comma, UTF-8 with BOM (Russian Excel)."""
    spec = KINDS[kind]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.header for c in spec.columns])
    writer.writerow([_cell(c.example) for c in spec.columns])
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    spec = KINDS[kind]
    book = Workbook()
    data = book.active
    data.title = spec.sheet_title
    data.append([c.header for c in spec.columns])
    data.append([c.example for c in spec.columns])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="E8EEF7")
    for column, cell in zip(spec.columns, data[1]):
        cell.font = bold
        if column.must_be_in_file:
            cell.fill = fill
        width = max(len(column.header), len(_cell(column.example))) + 2
        data.column_dimensions[cell.column_letter].width = min(max(12, width), 50)
    for column, cell in zip(spec.columns, data[2]):
        if isinstance(column.example, dt.date):
            cell.number_format = "DD.MM.YYYY"
        elif column.field in ("inn", "operator_inn", "municipality"):
            cell.number_format = "@"  # codes stay text: leading zeros kept
    data.freeze_panes = "A2"

    about = book.create_sheet(DESCRIPTION_SHEET)
    about.append([spec.title])
    about["A1"].font = Font(bold=True, size=13)
    about.append([spec.description])
    about.append([f"Ключ строки: {spec.key_doc}. Повторная загрузка того же файла ничего не "
                  "меняет; строка с тем же ключом обновляет запись."])
    about.append([])
    about.append(list(DESCRIPTION_HEADER))
    for cell in about[5]:
        cell.font = bold
    for line in describe(spec):
        about.append(list(line))
    for letter, width in zip("ABCDEF", (28, 14, 60, 45, 45, 30)):
        about.column_dimensions[letter].width = width
    for row in about.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def markdown() -> str:
    """docs/import.md: how to load data and every template, column by column."""
    out = [
        "# Загрузка данных",
        "",
        "<!-- Файл создан командой `python -m data_access.imports.templates > docs/import.md`"
        " из описаний видов данных (data_access/imports/kinds.py). Не правьте его вручную. -->",
        "",
        "Данные загружаются из файлов XLSX или CSV двумя способами:",
        "",
        "- на странице «Загрузка данных» (`/import`): выберите вид данных, скачайте шаблон, "
        "загрузите заполненный файл, проверьте предварительный результат и нажмите "
        "«Применить»;",
        "- командой `python -m data_access import ВИД ФАЙЛ [--dry-run] [--sheet ЛИСТ] "
        "[--region 23]`. С `--dry-run` файл только проверяется. Код выхода 0 — файл "
        "загружен (или проверен без ошибок), 1 — отклонён; ошибки печатаются.",
        "",
        "## Общие правила",
        "",
        f"- **Формат.** XLSX (Excel 2007 и новее; читается первый лист или лист, указанный "
        f"явно) или CSV в кодировке UTF-8 (с BOM или без) или Windows-1251, с разделителем "
        f"«;», «,» или табуляцией. Размер файла — не больше {megabytes(MAX_FILE_BYTES)}, "
        f"строк данных — не больше {MAX_ROWS:_}".replace("_", " ") + ". XLS (Excel 97–2003) "
        "не читается: сохраните книгу как XLSX.",
        "- **Заголовки.** Строка заголовков — первая непустая строка (над ней может быть "
        "заголовок документа, до 10 строк). Столбцы узнаются по названию в любом порядке; "
        "регистр, пробелы, знаки препинания и «ё/е» не важны, принимаются и другие названия "
        "из таблиц ниже. Лишние столбцы не загружаются (о них выводится предупреждение).",
        "- **Числа** — с запятой или точкой («85,5» или «85.5»). **Даты** — ДД.ММ.ГГГГ "
        "(или дата Excel, или ГГГГ-ММ-ДД). **ИНН и ОКТМО** лучше хранить как текст: если "
        "Excel превратил их в числа и отбросил ведущие нули, они восстанавливаются.",
        "- **Проверка.** Проверяется каждая строка; об ошибке сообщается: файл, лист, строка "
        "(как в Excel), столбец (с адресом ячейки), значение и что ожидалось. Показываются "
        "первые 200 ошибок и их общее число.",
        "- **Всё или ничего.** Файл с хотя бы одной ошибкой не загружается совсем; файл без "
        "ошибок загружается целиком в одной транзакции.",
        "- **Повторная загрузка.** Строка находит свою запись по ключу (указан у каждого вида); "
        "если запись есть, она обновляется, иначе создаётся. Тот же файл, загруженный дважды, "
        "во второй раз ничего не меняет. Повтор ключа внутри файла — ошибка.",
        "- **Пустые ячейки.** Если необязательного столбца нет в файле, сохранённые значения "
        "не меняются; если столбец есть, а ячейка пуста, значение очищается.",
        "- **Результат.** До записи показывается, сколько строк будут новыми, изменёнными и "
        "без изменений. Каждая загрузка (применённая, отклонённая и проверка) записывается в "
        "журнал: кто, когда, файл, его SHA-256, числа строк, результат; журнал — на странице "
        "«Загрузка данных». После применённой загрузки дата данных региона становится "
        "сегодняшней, и все страницы показывают новые данные.",
        "- **Записи не удаляются** загрузкой: строки, которых нет в файле, остаются в базе.",
        "",
        "## Виды данных",
        "",
        "| Вид (KIND) | Что загружается | Ключ строки |",
        "|---|---|---|",
        *(f"| `{s.kind}` | {s.title} | {s.key_doc} |" for s in KINDS.values()),
        "",
    ]
    notes = {
        "assessments": [
            "К1–К5 и итоговый балл **не загружаются, а рассчитываются** по 15 показателям "
            "(приказ Минтруда России № 344н, `data_access/methodology.py`). Опубликованные "
            "оператором баллы можно указать для сверки: если опубликованный балл отличается "
            f"от рассчитанного более чем на {str(DISCREPANCY_POINTS).replace('.', ',')} "
            "балла, строка загружается, но отмечается; расхождения перечислены в результате "
            "загрузки и в разделе «Расхождения» страницы «Загрузка данных».",
            "Организация должна быть уже загружена (вид `organizations`), иначе строка — "
            "ошибка с её ИНН. Показатель Пожид заполняется только в сферах охраны здоровья и "
            "социального обслуживания (К2 с временем ожидания) и остаётся пустым в культуре и "
            "образовании.",
            "Повторная загрузка оценки заменяет её показатели: показатель с пустой ячейкой "
            "удаляется.",
        ],
        "plans": [
            "Графы формы постановления № 457: 1 — «Недостаток», 2 — «Мероприятие», 3 — "
            "«Плановый срок», 4 — «Ответственный (ФИО)» и «Должность ответственного», 5а — "
            "«Реализованные меры», 5б — «Фактический срок». Разделы I–V формы указываются в "
            "столбце «Критерий».",
            "План привязан к оценке организации за год (ИНН, год): оценка должна быть уже "
            "загружена. **Мероприятие определяется ИНН, годом, критерием, текстом недостатка "
            "и текстом мероприятия** (без учёта регистра, лишних пробелов и «ё/е»): исправление "
            "формулировки создаёт новое мероприятие, а прежнее остаётся.",
            "Дата утверждения плана одна на все строки плана.",
        ],
        "plan-progress": [
            "Мероприятие ищется в уже загруженном плане так же, как при загрузке плана; "
            "не найденное мероприятие — ошибка. Новые мероприятия этим видом не создаются.",
            "«Выполнено» требует фактического срока, «отменено» — причины; фактический срок не "
            "может быть позже сегодняшнего дня. Просрочка определяется по плановому сроку при "
            "показе, её не нужно отмечать.",
        ],
        "recommendation-reports": [
            "Министерство можно указать названием («Министерство культуры Краснодарского "
            "края») или сферой («Культура»).",
        ],
    }
    for spec in KINDS.values():
        out += [f"### `{spec.kind}` — {spec.title}", "", spec.description, "",
                f"Ключ строки: **{spec.key_doc}**.", ""]
        for note in notes.get(spec.kind, []):
            out += [f"- {note}"]
        if spec.kind in notes:
            out.append("")
        out += ["| Столбец | Обязательный | Что указать | Допустимые значения | "
                "Другие названия | Пример |", "|---|---|---|---|---|---|"]
        for line in describe(spec):
            out.append("| " + " | ".join(v.replace("|", "\\|") for v in line) + " |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown())
