"""Reading a CSV file into an all-text Arrow table with pyarrow's multithreaded reader.

The spelling (encoding, delimiter) comes from `csv_sniffing`; the header line is parsed
once in Python to check its names and then given to pyarrow as the column names, with
every column typed `pa.string()`, so pyarrow never guesses a type: a BSN keeps its leading
zero and '1,5' stays '1,5'. pyarrow reads the header line as the first record and it is
sliced off; comparing that record with the Python parse guards against the two parsers
disagreeing about the header.

Cells: an empty cell (quoted or not) is null; everything else is kept as written,
including blanks and the literal text 'NULL' that some exports write for an empty field.
Whether 'NULL' means missing is for the scanner and the quality checks to decide (it may
also be a real value, and a quality rule may want to count it). Blank lines are skipped
and are not rows. Quoted values may hold delimiters, quotes ("" inside quotes) and line
breaks.

A ragged row makes pyarrow fail with a message that quotes the row (personal data), so
its message is never passed on: a Python pass over the file finds the line number instead.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pyarrow as pa
import pyarrow.csv as pacsv

from governance.domain.vocabulary import SourceFormat
from governance.sources.columns import check_column_names
from governance.sources.csv_sniffing import decode_head, header_names, scan_bytes, sniff_delimiter
from governance.sources.errors import UnreadableDataError
from governance.sources.loaded import LoadedTable

BLOCK_BYTES = 4 << 20
"""Bytes per parse block for a full read (several blocks per core on a 100 MB file)."""

SAMPLE_BLOCK_BYTES = 1 << 20
"""Smaller blocks when only the first rows are wanted."""

MAX_BLOCK_BYTES = 512 << 20
"""A single record larger than a block needs a larger block; beyond this we give up."""

_T = TypeVar("_T")


def read_csv(
    path: Path,
    source: str,
    *,
    sample: int | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> LoadedTable:
    """Read the CSV at `path` (`source` is how messages and the result name it).

    `encoding` and `delimiter` replace detection when a registration names them.
    """
    scan = scan_bytes(path, source, encoding)
    head = decode_head(scan)
    if delimiter is None:
        delimiter = sniff_delimiter(head, complete=scan.complete)
    names = header_names(head, delimiter)
    if not names:
        raise UnreadableDataError(
            source,
            "holds no header line (only blank lines)",
            "export the data again with the column names in the first line",
        )
    check_column_names(source, names, where="the header line", delimited=True)
    reader = _ArrowCsv(path, source, scan.encoding, delimiter, names)
    if sample is None:
        table = reader.read_all()
        rows = table.num_rows
    else:
        table, complete = reader.read_first(sample)
        rows = table.num_rows if complete else reader.count_rows()
    return LoadedTable(
        table=table,
        path=source,
        format=SourceFormat.CSV,
        rows=rows,
        rows_read=table.num_rows,
        fingerprint=scan.fingerprint,
        encoding=scan.encoding,
        delimiter=delimiter,
    )


class _ArrowCsv:
    """The pyarrow options for one file, and the three ways this layer reads it."""

    def __init__(
        self, path: Path, source: str, encoding: str, delimiter: str, names: list[str]
    ) -> None:
        self.path = path
        self.source = source
        self.encoding = encoding
        self.delimiter = delimiter
        self.names = names
        # pyarrow skips a UTF-8 byte-order mark itself; other encodings it transcodes.
        self._arrow_encoding = "utf8" if encoding.startswith("utf-8") else encoding
        # Python's csv module (used to locate errors) must not see the BOM as text.
        self._python_encoding = "utf-8-sig" if encoding.startswith("utf-8") else encoding
        self._parse = pacsv.ParseOptions(
            delimiter=delimiter,
            quote_char='"',
            double_quote=True,
            escape_char=False,
            newlines_in_values=True,
            ignore_empty_lines=True,
        )

    def _read_options(self, block: int) -> pacsv.ReadOptions:
        return pacsv.ReadOptions(
            use_threads=True,
            block_size=block,
            column_names=self.names,
            encoding=self._arrow_encoding,
        )

    def _convert(self, columns: list[str]) -> pacsv.ConvertOptions:
        return pacsv.ConvertOptions(
            column_types={name: pa.string() for name in columns},
            include_columns=columns,
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=True,
        )

    def read_all(self) -> pa.Table:
        def read(block: int) -> pa.Table:
            return pacsv.read_csv(
                self.path,
                read_options=self._read_options(block),
                parse_options=self._parse,
                convert_options=self._convert(self.names),
            )

        return self._without_header(self._retrying(read, BLOCK_BYTES))

    def read_first(self, sample: int) -> tuple[pa.Table, bool]:
        """The first `sample` data rows, and whether they are all the rows of the file."""
        wanted = sample + 1  # the header line is the first record

        def read(block: int) -> tuple[pa.Table, bool]:
            reader = pacsv.open_csv(
                self.path,
                read_options=self._read_options(block),
                parse_options=self._parse,
                convert_options=self._convert(self.names),
            )
            batches: list[pa.RecordBatch] = []
            got = 0
            complete = False
            with reader:
                while got < wanted:
                    try:
                        batch = reader.read_next_batch()
                    except StopIteration:
                        complete = True
                        break
                    batches.append(batch)
                    got += batch.num_rows
            table = pa.Table.from_batches(batches, schema=reader.schema).slice(0, wanted)
            return table, complete

        table, complete = self._retrying(read, SAMPLE_BLOCK_BYTES)
        return self._without_header(table), complete

    def count_rows(self) -> int:
        """Data rows of the whole file, streamed (converting only the first column)."""

        def count(block: int) -> int:
            reader = pacsv.open_csv(
                self.path,
                read_options=self._read_options(block),
                parse_options=self._parse,
                convert_options=self._convert(self.names[:1]),
            )
            with reader:
                return sum(batch.num_rows for batch in reader)

        return self._retrying(count, BLOCK_BYTES) - 1

    def _without_header(self, table: pa.Table) -> pa.Table:
        if table.num_rows == 0:
            raise self._parse_error()
        first = [table.column(i)[0].as_py() for i in range(table.num_columns)]
        if first != self.names:
            raise UnreadableDataError(
                self.source,
                "the header line could not be read consistently",
                "check the quotes in the header line: a quote that opens a name must close it",
            )
        return table.slice(1)

    def _retrying(self, action: Callable[[int], _T], block: int) -> _T:
        while True:
            try:
                return action(block)
            except pa.ArrowInvalid as error:
                if "straddl" in str(error) and block < MAX_BLOCK_BYTES:
                    block *= 4  # one record (a long quoted text) is larger than a block
                    continue
                raise self._parse_error() from None

    def _parse_error(self) -> UnreadableDataError:
        """The error for a file pyarrow could not parse, located without quoting content."""
        shown = "tab" if self.delimiter == "\t" else f"'{self.delimiter}'"
        contain = "a tab" if self.delimiter == "\t" else shown
        found = find_ragged_record(
            self.path, self._python_encoding, self.delimiter, len(self.names)
        )
        if found is not None:
            line, fields = found
            if fields is None:
                return UnreadableDataError(
                    self.source,
                    f"the record at line {line} cannot be parsed (a field is too long "
                    "or a quote is not closed)",
                    "close every quote that opens a value, or correct the line",
                )
            return UnreadableDataError(
                self.source,
                f"line {line} has {fields} fields where the header line has "
                f"{len(self.names)} (delimiter {shown})",
                f"quote values that contain {contain}, a quote or a line break, or correct "
                "the line",
            )
        return UnreadableDataError(
            self.source,
            f"cannot be parsed as CSV (delimiter {shown}, encoding {self.encoding})",
            "check the quotes: a quote that opens a value must close it",
        )


def find_ragged_record(
    path: Path, encoding: str, delimiter: str, width: int
) -> tuple[int, int | None] | None:
    """The first record whose field count is not `width`: (its first line, its fields).

    Lines count physical lines from 1 (the header), as an editor shows them. `None`
    fields means the record could not be parsed at all.
    """
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        next_line = 1
        try:
            for record in reader:
                line, next_line = next_line, reader.line_num + 1
                if record and len(record) != width:
                    return line, len(record)
        except csv.Error:
            return next_line, None
    return None
