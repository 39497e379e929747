"""The brief as a server-made PDF: A4 pages with the title, Russian numbers, page numbers and
a chart rendered by kaleido with the system's Chromium."""
import io
import shutil

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from dashboard import brief_pdf
from dashboard import brief_view as bv


def document(rows: int = 60) -> bv.Document:
    orgs = pd.DataFrame({"Организация": [f"МБУК «Дом культуры № {i}»" for i in range(rows)],
                         "Просрочено": list(range(rows)),
                         "Доля, %": [12.34] * rows})
    headline = pd.DataFrame({"Показатель": ["Оценено"], "2026": [1325]})
    fig = go.Figure(go.Bar(x=["Образование", "Культура"], y=[889, 317]))
    return bv.Document(
        "Справка к заседанию", "о результатах независимой оценки качества в 2026 году",
        ["Краснодарский край · все сферы · 2026 год", "Данные на 23.11.2026"], True,
        [bv.Section(1, "Основные показатели", "Показатели",
                    ["Оценено 1\u00a0325 организаций из 1\u00a0350 по плану (98,1\u00a0%)."],
                    [bv.Block(None, headline)], [bv._sized(bv.base(fig))]),
         bv.Section(2, "Просроченные мероприятия", "Просроченные", ["Просрочено много."],
                    [bv.Block("Организации.", orgs)])],
        2026, "данные на 23.11.2026")


def text_of(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), text.replace("\u00a0", " ")


@pytest.mark.skipif(not shutil.which("chromium"), reason="нет chromium для графиков kaleido")
def test_pdf_has_pages_title_russian_numbers_and_a_chart():
    data = brief_pdf.pdf(document())
    assert data.startswith(b"%PDF")
    pages, text = text_of(data)
    assert pages > 1
    assert "Справка к заседанию" in text
    assert "Оценено 1 325 организаций из 1 350 по плану (98,1 %)" in text
    assert "12,3" in text and f"стр. 1 из {pages}" in text and f"стр. {pages} из {pages}" in text
    assert "демонстрационным данным" in text
    assert b"/Subtype /Image" in data


def test_pdf_without_charts_given_no_images():
    doc = document(rows=5)
    doc.sections[0].figures = []
    pages, text = text_of(brief_pdf.pdf(doc, images=[]))
    assert pages == 1 and "1. Основные показатели" in text and "стр. 1 из 1" in text


def test_no_cyrillic_font_is_a_clear_russian_error(monkeypatch, tmp_path):
    monkeypatch.setattr(brief_pdf.pdfmetrics, "getRegisteredFontNames", lambda: [])
    with pytest.raises(brief_pdf.BriefPdfError, match="Не найден шрифт с кириллицей"):
        brief_pdf.register_fonts([(str(tmp_path / "a.ttf"), str(tmp_path / "b.ttf"))])


def _png(width: int, height: int) -> bytes:
    from PIL import Image as PilImage
    out = io.BytesIO()
    PilImage.new("RGB", (width, height), "#4c6ef5").save(out, "PNG")
    return out.getvalue()


def _lowest_marks(data: bytes) -> list[float]:
    """Per page, the lowest text baseline or image bottom above the footer, in points."""
    out = []
    for page in PdfReader(io.BytesIO(data)).pages:
        ys = []

        def text(t, cm, tm, *_):
            if t.strip():
                ys.append(tm[5] * cm[3] + cm[5])

        def operator(op, args, cm, tm):
            if op == b"Do":  # an image: cm is its placement, cm[5] its bottom edge
                ys.append(cm[5])
        page.extract_text(visitor_text=text, visitor_operand_before=operator)
        out.append(min(y for y in ys if y > brief_pdf.MARGIN + 3 * brief_pdf.mm - 2))
    return out


def test_pages_are_filled_tables_split_and_charts_shrink_into_the_room():
    def rows(n, label):
        return pd.DataFrame({"Организация": [f"{label} № {i}" for i in range(n)],
                             "Значение": [float(i) for i in range(n)]})
    long_line = "Балл вырос в большинстве сфер, кроме культуры, где он снизился на 0,4. " * 3
    doc = bv.Document(
        "Справка к заседанию", "проверка вёрстки", ["Край · все сферы · 2026 год", "Данные"],
        False,
        [bv.Section(1, "Показатели", "П", [long_line] * 3, [bv.Block(None, rows(9, "Строка"))]),
         # a tall chart that does not fit whole in what page 1 has left
         bv.Section(2, "Охват", "О", ["Коротко."], [bv.Block("Подпись.", rows(8, "Сфера"))],
                    [go.Figure()]),
         bv.Section(3, "Сферы", "С", [long_line] * 6, [bv.Block("Таблица.", rows(20, "Орг"))]),
         bv.Section(4, "Организации", "Р", ["Список."], [bv.Block("Длинная.", rows(45, "МБУ"))])],
        2026, "данные на 01.12.2026")
    data = brief_pdf.pdf(doc, images=[_png(1360, 900)])
    lowest = _lowest_marks(data)
    frame_bottom = brief_pdf.MARGIN + 3 * brief_pdf.mm
    frame_height = brief_pdf.PAGE_H - brief_pdf.MARGIN - frame_bottom
    # every page but the last is at least 75 % filled
    assert all(y - frame_bottom < 0.25 * frame_height for y in lowest[:-1]), lowest
    pages, text = text_of(data)
    # the split table repeats its header on the next page
    assert text.count("Организация") >= pages - 1
