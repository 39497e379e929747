"""The meeting brief as a PDF made on the server: the same document as the screen
(brief_view.document), A4, a Cyrillic TTF font, charts as PNG images rendered by kaleido with
the system's Chromium in one browser session, «стр. N из M» in the footer. No network."""
from __future__ import annotations

import asyncio
import io
from pathlib import Path
from xml.sax.saxutils import escape

import plotly.graph_objects as go
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    CondPageBreak, Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle,
)

from dashboard.brief_view import CHART_HEIGHT, CHART_WIDTH, Block, Document, Section

FONT = "BriefSans"
FONT_BOLD = "BriefSans-Bold"
# Regular and bold faces with Cyrillic, in order of preference (Debian packages
# fonts-dejavu-core and fonts-liberation).
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
     "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
)
MARGIN = 15 * mm
PAGE_W, PAGE_H = A4
TEXT_W = PAGE_W - 2 * MARGIN
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#495057")
LINE = colors.HexColor("#adb5bd")
IMAGE_SCALE = 2  # PNG pixels per CSS pixel: sharp on paper


class BriefPdfError(RuntimeError):
    """The PDF cannot be made; the message is for the user, in Russian."""


# ------------------------------------------------------------------ fonts

def register_fonts(candidates=FONT_CANDIDATES) -> tuple[str, str]:
    """Register the first regular/bold pair found; the paths used."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT, FONT_BOLD
    for regular, bold in candidates:
        if Path(regular).is_file() and Path(bold).is_file():
            pdfmetrics.registerFont(TTFont(FONT, regular))
            pdfmetrics.registerFont(TTFont(FONT_BOLD, bold))
            pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD)
            return regular, bold
    raise BriefPdfError(
        "Не найден шрифт с кириллицей для PDF: нужен DejaVu Sans (пакет fonts-dejavu-core) "
        "или Liberation Sans (fonts-liberation) в /usr/share/fonts/truetype. "
        "Справку можно распечатать из браузера кнопкой «Печать».")


# ------------------------------------------------------------------ charts

async def _render(figures: list[go.Figure]) -> list[bytes]:
    import kaleido
    # one browser for all the charts; no MathJax (it would be fetched from a CDN)
    async with kaleido.Kaleido(n=1, mathjax=False, timeout=60) as k:
        return [await k.calc_fig(fig, opts={"format": "png", "width": CHART_WIDTH,
                                            "height": fig.layout.height or CHART_HEIGHT,
                                            "scale": IMAGE_SCALE})
                for fig in figures]


def render_images(figures: list[go.Figure]) -> list[bytes]:
    """PNG images of the figures, rendered in one Chromium session."""
    if not figures:
        return []
    from kaleido.errors import (
        BrowserClosedError, BrowserFailedError, ChromeNotFoundError, KaleidoError,
    )
    try:
        return asyncio.run(_render(figures))
    except ChromeNotFoundError as e:
        raise BriefPdfError("Для графиков в PDF нужен браузер Chromium (пакет chromium): "
                            "он не найден на сервере.") from e
    except (BrowserFailedError, BrowserClosedError, KaleidoError, TimeoutError) as e:
        raise BriefPdfError(f"Графики для PDF не построены: {e}") from e


# ------------------------------------------------------------------ styles

def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=base, fontName=FONT_BOLD, fontSize=18,
                                leading=22, spaceAfter=3),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=12, leading=15,
                                   spaceAfter=6),
        "meta": ParagraphStyle("meta", parent=base, fontSize=9.5, textColor=MUTED),
        "demo": ParagraphStyle("demo", parent=base, fontSize=9.5, textColor=colors.HexColor(
            "#8a4b00"), backColor=colors.HexColor("#fff0e0"), borderPadding=(3, 4, 3, 4),
            spaceBefore=6),
        "h2": ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16,
                             spaceBefore=12, spaceAfter=4),
        "finding": ParagraphStyle("finding", parent=base, leftIndent=11, bulletIndent=0,
                                  spaceAfter=2),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8.5, leading=11,
                                  textColor=MUTED, spaceBefore=5, spaceAfter=2),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11, textColor=MUTED,
                               spaceBefore=3),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=10.5),
        "cell_num": ParagraphStyle("cell_num", parent=base, fontSize=8.5, leading=10.5,
                                   alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=8,
                               leading=10, textColor=MUTED),
        "head_num": ParagraphStyle("head_num", parent=base, fontName=FONT_BOLD, fontSize=8,
                                   leading=10, textColor=MUTED, alignment=TA_RIGHT),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


# ------------------------------------------------------------------ tables

def _widths(block: Block, numeric: dict[str, bool]) -> list[float]:
    """Every column at least as wide as its longest word (header included); numeric columns
    as wide as their longest value; the text columns share what is left in proportion to
    the room their full texts would want."""
    df = block.df
    pad = 7

    def width(text: str, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, FONT_BOLD if bold else FONT, 8.5 if not bold else 8)

    low, want = {}, {}
    for c in df.columns:
        cells = [block.cell(i, c) for i in range(len(df))]
        words = [w for v in cells for w in v.split()] + c.split()
        low[c] = max(width(w, w in c.split()) for w in words) + pad
        if numeric[c]:
            low[c] = max(low[c], max((width(v) for v in cells), default=0) + pad)
            want[c] = max(low[c], min(width(c, True) + pad, 70))
        else:
            want[c] = max(low[c], min(max((width(v) for v in cells), default=0), 260) + pad)
    if sum(want.values()) <= TEXT_W:
        widths = dict(want)
        text = [c for c in df.columns if not numeric[c]] or list(df.columns)
        extra = (TEXT_W - sum(widths.values())) / len(text)
        for c in text:
            widths[c] += extra
    else:
        widths = dict(low)
        room = TEXT_W - sum(low.values())
        grow = {c: want[c] - low[c] for c in df.columns if not numeric[c]}
        total = sum(grow.values()) or 1
        for c, g in grow.items():
            widths[c] += max(room, 0) * g / total
    return [widths[c] for c in df.columns]


MIN_TABLE_SCALE = 0.8  # smallest type a too wide table is set in, against the usual


def _layout(block: Block) -> tuple[list[float], float]:
    """Column widths and the type scale: a table whose longest words do not fit side by side
    (many columns with long headers) is set a little smaller rather than run off the page."""
    widths = _widths(block, {c: block.numeric(c) for c in block.df.columns})
    scale = max(MIN_TABLE_SCALE, min(1.0, TEXT_W / sum(widths))) if widths else 1.0
    return [w * scale for w in widths], scale


def _scaled(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    if scale == 1:
        return style
    return ParagraphStyle(f"{style.name}-{scale:.2f}", parent=style,
                          fontSize=style.fontSize * scale, leading=style.leading * scale)


def table(block: Block, st: dict[str, ParagraphStyle],
          layout: tuple[list[float], float] | None = None) -> Table:
    df = block.df
    numeric = {c: block.numeric(c) for c in df.columns}
    widths, scale = layout or _layout(block)
    st = {k: _scaled(st[k], scale) for k in ("head", "head_num", "cell", "cell_num")}
    head = [_p(c, st["head_num" if numeric[c] else "head"]) for c in df.columns]
    rows = [[_p(block.cell(i, c), st["cell_num" if numeric[c] else "cell"]) for c in df.columns]
            for i in range(len(df))]
    t = Table([head, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("LINEBELOW", (0, 0), (-1, 0), 1, LINE),
             ("LINEBELOW", (0, 1), (-1, -1), 0.4, colors.HexColor("#dee2e6")),
             ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
             ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
    if block.bold_last and rows:
        style += [("LINEABOVE", (0, -1), (-1, -1), 1, LINE),
                  ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f3f5"))]
    t.setStyle(TableStyle(style))
    return t


# ------------------------------------------------------------------ the document

class _FitImage(Image):
    """A chart that shrinks (down to MIN_SHARE of its height, aspect kept) into the room left
    on a page rather than leaving that room empty and starting the next page."""
    MIN_SHARE = 0.65

    def __init__(self, png: bytes, width: float):
        self._full = (width, width * _png_ratio(png))
        super().__init__(io.BytesIO(png), width=self._full[0], height=self._full[1])

    @property
    def min_height(self) -> float:
        return self._full[1] * self.MIN_SHARE

    def wrap(self, availWidth, availHeight):  # noqa: N803 (reportlab's names)
        w, h = self._full
        share = min(1.0, availWidth / w, max(availHeight, 0) / h)
        if share < self.MIN_SHARE:  # too little room: the full size, on the next page
            share = min(1.0, availWidth / w)
        self.drawWidth, self.drawHeight = w * share, h * share
        return self.drawWidth, self.drawHeight


class _Room(CondPageBreak):
    """Starts a new page unless the flowables (measured at the frame's width) and `extra`
    points fit in what is left: a heading stays with its first lines, a caption with the
    head of its table, without holding whole blocks together."""

    def __init__(self, flowables: list, extra: float = 0):
        super().__init__(0)
        self._measured, self._extra = flowables, extra

    def wrap(self, availWidth, availHeight):  # noqa: N803
        frame = self._doctemplateAttr("frame")
        if frame is not None and getattr(frame, "_atTop", 0):
            return 0, 0  # a new page would not give more room
        need = self._extra
        for f in self._measured:
            need += f.getSpaceBefore() + f.wrap(availWidth, availHeight)[1] + f.getSpaceAfter()
        self.height = need
        return super().wrap(availWidth, availHeight)


TABLE_HEAD_ROWS = 3   # a table starts on a page only with its header and this many rows
SHORT_TABLE = 6       # a table this short is not split at all


def _table_parts(b: Block, st) -> list:
    """The caption and the table, preceded by the room they need to start on this page."""
    caption = _p(b.caption, st["caption"]) if b.caption else Spacer(1, 4)
    layout = _layout(b)
    rows = len(b.df) if len(b.df) <= SHORT_TABLE else TABLE_HEAD_ROWS
    head = table(Block(b.caption, b.df.head(rows), b.decimals,
                       b.row_decimals[:rows] if b.row_decimals else None), st, layout)
    return [_Room([caption, head]), caption, table(b, st, layout)]


def _section(s: Section, images: list[bytes], st) -> list:
    heading = _p(f"{s.number}. {s.title}", st["h2"])
    findings = [Paragraph(escape(line), st["finding"], bulletText="•") for line in s.findings]
    figures = [_FitImage(png, TEXT_W) for png in images]
    # the heading with its first finding and the start of what follows it: a chart at its
    # smallest, or about three lines of text
    if figures and len(findings) <= 2:
        out: list = [_Room([heading, *findings], figures[0].min_height)]
    else:
        out = [_Room([heading, *findings[:1]], 40)]
    out += [heading, *findings]
    for fig in figures:
        out += [_Room([], fig.min_height), fig]
    for b in s.tables:
        out += _table_parts(b, st)
    if s.note:
        out.append(_p(s.note, st["note"]))
    return out


def _png_ratio(png: bytes) -> float:
    """height / width of a PNG, from its IHDR chunk."""
    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    return height / width if width else 0.5


def _fit(text: str, width: float, size: float = 8) -> str:
    """The text cut with «…» to fit the width (a long district name in the footer)."""
    if pdfmetrics.stringWidth(text, FONT, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", FONT, size) > width:
        text = text[:-1]
    return text.rstrip(" ·") + "…"


class _NumberedCanvas(pdfcanvas.Canvas):
    """Holds the pages back until the end, to write «стр. N из M» on each."""
    footer_left = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 8)
            self.setFillColor(MUTED)
            self.drawString(MARGIN, 9 * mm, _fit(self.footer_left, TEXT_W - 70))
            self.drawRightString(PAGE_W - MARGIN, 9 * mm, f"стр. {self._pageNumber} из {total}")
            self.setStrokeColor(colors.HexColor("#dee2e6"))
            self.line(MARGIN, 12 * mm, PAGE_W - MARGIN, 12 * mm)
            super().showPage()
        super().save()


def pdf(doc: Document, images: list[bytes] | None = None) -> bytes:
    """The brief as PDF bytes. `images`: PNGs of doc.figures() (rendered here if None)."""
    register_fonts()
    if images is None:
        images = render_images(doc.figures())
    st = _styles()
    story: list = [_p(doc.title, st["title"]), _p(doc.subtitle, st["subtitle"])]
    story += [_p(line, st["meta"]) for line in doc.meta]
    if doc.is_demo:
        story.append(_p("Справка составлена по демонстрационным данным и не отражает "
                        "фактических результатов оценки.", st["demo"]))
    story.append(Spacer(1, 4))
    it = iter(images)
    for s in doc.sections:
        story += _section(s, [next(it) for _ in s.figures], st)

    buffer = io.BytesIO()
    footer = f"{doc.title} · {doc.meta[0]} · {doc.as_of}" + (" · демо" if doc.is_demo else "")

    class Canvas(_NumberedCanvas):
        footer_left = footer

    template = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
        bottomMargin=MARGIN + 3 * mm, title=f"{doc.title} {doc.subtitle}",
        author="НОК-монитор", subject=doc.meta[0])
    template.build(story, canvasmaker=Canvas)
    return buffer.getvalue()
