"""An assessment as PDF, for the file: the same blocks as the Markdown export, laid out on A4
with bordered tables, a shaded risk matrix, bookmarks and page numbers.

fpdf2 is imported inside `render_pdf`, so the CLI starts without it. The core font Helvetica
needs no font file (CI has none) but covers latin-1 only, so every text passes `to_latin1`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from governance.domain.risks import Grade
from governance.dpia.document import (
    Alert,
    Block,
    Fields,
    Heading,
    Paragraph,
    Style,
    Table,
    outline,
    words,
)
from governance.dpia.report import Report

if TYPE_CHECKING:
    from fpdf import FPDF

FONT = "Helvetica"
MARGIN = 18  # mm
BODY_SIZE = 10
TABLE_SIZE = 8
KEEP_WITH_NEXT = 30  # mm: a heading moves to the next page unless this much follows it
MATRIX_ROW_HEIGHT = 11  # mm: the matrix reads as a grid of squares-ish cells
HEADING_SIZES = {1: 17, 2: 13.5, 3: 11.5}
GREY = (90, 90, 90)
HEADER_FILL = (232, 232, 232)
SHADES = {Grade.LOW: (226, 239, 218), Grade.MEDIUM: (252, 229, 196), Grade.HIGH: (248, 213, 211)}

_REPLACEMENTS = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‑": "-",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "…": "...",
        "×": "x",
        "≥": ">=",
        "≤": "<=",
        "→": "->",
        "•": "-",
        "€": "EUR",
    }
)


def to_latin1(text: str) -> str:
    """The text in the core font's latin-1: typographic characters as their plain
    equivalents, anything else outside latin-1 as '?' (fpdf2 would raise on it)."""
    return text.translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def render_pdf(report: Report) -> bytes:
    """The report in its language as PDF bytes."""
    pdf = _new_pdf(report)
    for block in outline(report):
        _lay_out(pdf, block)
    return bytes(pdf.output())


def _new_pdf(report: Report) -> FPDF:
    from fpdf import FPDF

    page = words(report.language)["page"]

    class _Pdf(FPDF):
        def footer(self) -> None:
            self.set_y(-MARGIN + 6)
            self.set_font(FONT, "I", 8)
            self.set_text_color(*GREY)
            self.cell(0, 5, page.format(page=self.page_no(), pages="{nb}"), align="C")

    pdf = _Pdf(format="A4")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_title(report.title)
    pdf.set_author(report.author)
    pdf.set_subject(report.template_title)
    pdf.set_lang(report.language)
    created = _creation_date(report)
    if created:
        pdf.set_creation_date(created)
    pdf.add_page()
    return pdf


def _creation_date(report: Report) -> datetime | None:
    """The moment the document's content was fixed: the sign-off, else the creation."""
    moment = report.sign_off.at if report.sign_off else report.created_at
    try:
        return datetime.fromisoformat(moment)
    except ValueError:
        return None


def _lay_out(pdf: FPDF, block: Block) -> None:
    match block:
        case Heading():
            _heading(pdf, block)
        case Paragraph():
            _paragraph(pdf, block)
        case Fields():
            _fields(pdf, block)
        case Table():
            _table(pdf, block)
        case Alert():
            _alert(pdf, block)
        case _:
            raise TypeError(f"no PDF layout for {block!r}")


def _heading(pdf: FPDF, heading: Heading) -> None:
    size = HEADING_SIZES[heading.level]
    line = size * 0.5
    pdf.ln(line * (0.4 if heading.level == 1 else 1.2))
    if pdf.will_page_break(KEEP_WITH_NEXT):  # a heading never ends a page alone
        pdf.add_page()
    pdf.start_section(heading.text, heading.level - 1)  # the PDF's bookmarks
    pdf.set_font(FONT, "B", size)
    pdf.set_text_color(*BLACK)
    pdf.multi_cell(0, line, to_latin1(heading.text), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(line * 0.3)


BLACK = (0, 0, 0)
_PARAGRAPH_FONTS = {  # emphasis, size, colour
    Style.PLAIN: ("", BODY_SIZE, BLACK),
    Style.STRONG: ("B", BODY_SIZE, BLACK),
    Style.NOTE: ("I", 8.5, GREY),
}


def _paragraph(pdf: FPDF, paragraph: Paragraph) -> None:
    emphasis, size, colour = _PARAGRAPH_FONTS[paragraph.style]
    if paragraph.style is Style.STRONG and pdf.will_page_break(KEEP_WITH_NEXT / 2):
        pdf.add_page()  # a question stays with its answer
    pdf.set_font(FONT, emphasis, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, to_latin1(paragraph.text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*BLACK)
    pdf.ln(1.5 if paragraph.style is Style.STRONG else 2.5)


def _fields(pdf: FPDF, fields: Fields) -> None:
    """Labels in a column as wide as the widest, values wrapping beside them."""
    line = BODY_SIZE * 0.5
    pdf.set_font(FONT, "B", BODY_SIZE)
    width = max(pdf.get_string_width(to_latin1(f"{label}:")) for label, _ in fields.items) + 4
    for label, value in fields.items:
        pdf.set_font(FONT, "B", BODY_SIZE)
        pdf.cell(width, line, to_latin1(f"{label}:"))
        pdf.set_font(FONT, "", BODY_SIZE)
        pdf.multi_cell(0, line, to_latin1(value), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2.5)


def _table(pdf: FPDF, table: Table, header_fill: tuple[int, int, int] = HEADER_FILL) -> None:
    """A bordered table with a bold shaded header row (repeated on each page); long cells
    wrap, line breaks hold. Cells with a level get the matrix's tint. A row taller than a
    page cannot be a table row (fpdf2 does not split rows): then each row becomes a block
    of label-value pairs, which flows over pages."""
    from fpdf import FontFace

    pdf.set_font(FONT, "", TABLE_SIZE)
    if not _rows_fit(pdf, table):
        for cells in table.rows:
            _fields(pdf, Fields(tuple(zip(table.header, cells, strict=True))))
        return
    shades = table.shades or tuple(tuple(None for _ in row) for row in table.rows)
    with pdf.table(
        col_widths=table.widths,
        text_align="LEFT",
        line_height=TABLE_SIZE * 0.5,
        padding=(1, 1.2),
        min_row_height=MATRIX_ROW_HEIGHT if table.shades else None,
        headings_style=FontFace(emphasis="BOLD", fill_color=header_fill),
    ) as grid:
        grid.row([to_latin1(text) for text in table.header])
        for cells, row_shades in zip(table.rows, shades, strict=True):
            row = grid.row()
            for text, shade in zip(cells, row_shades, strict=True):
                style = FontFace(fill_color=SHADES[shade]) if shade else None
                row.cell(to_latin1(text), style=style)
    pdf.ln(3)


def _rows_fit(pdf: FPDF, table: Table) -> bool:
    """Whether every row, wrapped in its column, fits on one page below the header."""
    usable = pdf.eph - 4 * TABLE_SIZE  # room for the repeated header row
    total = sum(table.widths)
    widths = [pdf.epw * w / total - 2.4 for w in table.widths]  # minus the cell padding
    for cells in table.rows:
        lines = max(
            len(pdf.multi_cell(w, 1, to_latin1(text), dry_run=True, output="LINES"))
            for w, text in zip(widths, cells, strict=True)
        )
        if lines * TABLE_SIZE * 0.5 + 2 > usable:
            return False
    return True


def _alert(pdf: FPDF, alert: Alert) -> None:
    """A one-column table in the tint of a high risk, so it cannot be overlooked."""
    rows = tuple((f"- {item}",) for item in alert.items)
    _table(pdf, Table((alert.title,), rows, (1,)), header_fill=SHADES[Grade.HIGH])
