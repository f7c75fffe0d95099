"""An assessment as Markdown: a document to hand to a municipal council or an auditor.

The content and its order come from `labels.outline`, shared with the PDF export; this module
only writes the blocks as Markdown.
"""

from __future__ import annotations

from governance.dpia.document import Alert, Block, Fields, Heading, Paragraph, Style, Table, outline
from governance.dpia.report import Report

_EMPHASIS = {Style.PLAIN: "{}", Style.STRONG: "**{}**", Style.NOTE: "*{}*"}


def render_markdown(report: Report) -> str:
    """The report in its language, one Markdown block per outline block."""
    return "\n\n".join(_block(block) for block in outline(report)) + "\n"


def _block(block: Block) -> str:
    match block:
        case Heading(text, level):
            return f"{'#' * level} {_one_line(text)}"
        case Paragraph(text, style):
            return _EMPHASIS[style].format(text)
        case Fields(items):
            return "\n".join(f"- **{label}:** {_indented(value)}" for label, value in items)
        case Table(header, rows):
            return _table(header, rows)
        case Alert(title, items):
            return "\n".join([f"> **{title}**", ">", *(f"> - {_one_line(i)}" for i in items)])
    raise TypeError(f"no Markdown for {block!r}")


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]) -> str:
    lines = [_row(header), _row(tuple("---" for _ in header))]
    lines += [_row(row) for row in rows]
    return "\n".join(lines)


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(text: str) -> str:
    """A table cell's text that cannot end the cell or the row: `|` escaped, line breaks as
    `<br>` (what GitHub, GitLab and pandoc's pipe tables all read)."""
    return "<br>".join(text.replace("|", "\\|").splitlines())


def _one_line(text: str) -> str:
    """Headings and list items end at a line break, so the break becomes a space."""
    return " ".join(text.split())


def _indented(text: str) -> str:
    """A multi-line value stays inside its list item."""
    return "\n  ".join(text.splitlines())
