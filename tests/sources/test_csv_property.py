"""Property: any small table of text, written by Python's csv module, reads back equal.

Whatever the delimiter (',', ';', tab, '|') and encoding (UTF-8, UTF-8 with BOM, cp1252),
and whatever the cells hold - delimiters, quotes, line breaks, blanks, accents - the
reader returns the same header and cells, with empty cells as null.

Two honest limits are built into the strategy rather than hidden: header names hold no
candidate delimiter, quote or line break (with them the delimiter is ambiguous by
construction), and a cp1252 file whose bytes happen to be valid UTF-8 is skipped (no
reader can tell the two apart). Control characters other than tab and line breaks are
left out: the reader refuses them as binary.
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from governance.sources import read_table
from governance.sources.csv_sniffing import DELIMITERS

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")


def _characters(codec: str, *, header: bool) -> st.SearchStrategy[str]:
    excluded = ',;\t|"\r\n\ufeff' if header else "\ufeff"
    return st.characters(
        codec=codec,
        exclude_categories=("Cs", "Cc"),
        include_characters="" if header else "\t\r\n",
        exclude_characters=excluded,
    )


@st.composite
def tables(draw: st.DrawFn) -> tuple[str, str, list[str], list[list[str]]]:
    encoding = draw(st.sampled_from(ENCODINGS))
    delimiter = draw(st.sampled_from(DELIMITERS))
    codec = "cp1252" if encoding == "cp1252" else "utf-8"
    width = draw(st.integers(1, 4))
    name = st.text(_characters(codec, header=True), min_size=1, max_size=8).filter(str.strip)
    names = draw(st.lists(name, min_size=width, max_size=width, unique=True))
    cell = st.text(_characters(codec, header=False), max_size=10)
    rows = draw(st.lists(st.lists(cell, min_size=width, max_size=width), max_size=6))
    return encoding, delimiter, names, rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_any_small_text_table_reads_back_equal(
    case: tuple[str, str, list[str], list[list[str]]],
) -> None:
    encoding, delimiter, names, rows = case
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(names)
    writer.writerows(rows)
    content = buffer.getvalue().encode(encoding)
    if encoding == "cp1252" and not content.isascii():
        try:
            content.decode("utf-8")
            assume(False)  # valid UTF-8 too: ambiguous by nature
        except UnicodeDecodeError:
            pass

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "t.csv"
        path.write_bytes(content)
        loaded = read_table(path)

    assert loaded.table.column_names == names
    assert loaded.rows == loaded.rows_read == len(rows)
    expected = [{n: (v or None) for n, v in zip(names, row, strict=True)} for row in rows]
    assert loaded.table.to_pylist() == expected
    if len(names) > 1:
        assert loaded.delimiter == delimiter
    if content.isascii():
        assert loaded.encoding == "utf-8"
    else:
        assert loaded.encoding == encoding
