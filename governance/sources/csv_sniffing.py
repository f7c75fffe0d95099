"""Finding out how a CSV file is spelled: its encoding, whether it is text at all, its delimiter.

Municipal exports come as ';'-separated Windows-1252 (Suite4, Excel 'CSV (gescheiden
door lijstscheidingsteken)'), ','-separated UTF-8 with a BOM (web applications, Excel 'CSV
UTF-8') or plain UTF-8, and now and then with tabs or pipes. Nobody writes down which, so
the reader detects it:

* Encoding: a UTF-8 byte-order mark means 'utf-8-sig'; otherwise bytes that are valid UTF-8
  throughout mean 'utf-8'; otherwise 'cp1252'. The whole file is checked, not a head
  sample: in an export whose first é sits on line 40,000 a head sample would say UTF-8 and
  the read would fail there. The check runs in the same pass as the SHA-256 fingerprint
  (ASCII chunks skip decoding), so it costs little more than reading the file once.
  Bytes that are neither (Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined),
  UTF-16/UTF-32 and binary files are refused with a message saying how to re-save.
  Text that is valid UTF-8 is read as UTF-8 even if it was meant as cp1252 ('Ã©'): the
  two cannot be told apart from the bytes, and such text is rare in real exports.
* Delimiter: each of `,` `;` tab `|` splits the first records (quotes respected, so a
  quoted '1,5' or a quoted line break does not count); the winner gives the header more
  than one column and the following records the same number of fields as the header, most
  consistently. A file whose header holds none of them has one column.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from governance.sources.errors import UnreadableDataError
from governance.sources.fingerprint import CHUNK_BYTES

DELIMITERS = (",", ";", "\t", "|")
"""Candidates, in the order that breaks ties (',' is the CSV default)."""

SNIFF_RECORDS = 50
"""Records compared when choosing the delimiter."""

UTF8_BOM = codecs.BOM_UTF8
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")

_BINARY_CHECK_BYTES = 65536
_CONTROL_BYTES = bytes([*range(0, 9), 11, *range(14, 32), 127])
"""Bytes that text files do not contain (tab, LF, FF and CR are allowed)."""

_MAGIC = (
    (
        b"PK\x03\x04",
        "is a ZIP archive (an .xlsx workbook or a zipped export?), not CSV text",
        "give a workbook the .xlsx extension, or unzip the export first",
    ),
    (b"PAR1", "is a Parquet file, not CSV text", "give it the .parquet extension"),
    (
        b"\xd0\xcf\x11\xe0",
        "is an old Excel (.xls) or other Office file, not CSV text",
        "open it in Excel and save it as CSV UTF-8 or as .xlsx",
    ),
    (b"%PDF", "is a PDF document, not CSV text", "export the data itself as CSV"),
    (b"\x1f\x8b", "is gzip-compressed", "decompress it first"),
    (b"SQLite format 3\x00", "is an SQLite database", "read its table as an SQL source"),
)

_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)

_RESAVE_AS_UTF8 = (
    "save it again as UTF-8 (in Excel: 'CSV UTF-8 (door komma's gescheiden)') or as "
    "Windows-1252 ('CSV (gescheiden door lijstscheidingsteken)')"
)


@dataclass(frozen=True)
class ByteScan:
    """The result of the one pass over a CSV file's bytes."""

    fingerprint: str
    size: int
    encoding: str
    head: bytes
    """The first CHUNK_BYTES of the file (all of it when `complete`)."""

    @property
    def complete(self) -> bool:
        return len(self.head) == self.size


ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1")
"""Encodings a caller may name instead of detection (latin-1 decodes any byte: the last
resort for an export with bytes Windows-1252 leaves undefined)."""


def scan_bytes(path: Path, source: str, encoding: str | None = None) -> ByteScan:
    """Hash the file and decide its encoding in one streaming pass; refuse non-text files.

    A named `encoding` (one of ENCODINGS) replaces detection, but the file must still
    decode with it.
    """
    hasher = hashlib.sha256()
    utf8 = _Utf8Check()
    cp1252_undefined_at: int | None = None
    offset = 0
    head = b""
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            if offset == 0:
                head = chunk
                check_text(chunk, source)
            hasher.update(chunk)
            utf8.feed(chunk, offset)
            if cp1252_undefined_at is None:
                cp1252_undefined_at = _first_of(chunk, CP1252_UNDEFINED, offset)
            offset += len(chunk)
    utf8.finish(offset)
    if encoding is None:
        encoding = _choose_encoding(path, source, head, utf8.invalid_at, cp1252_undefined_at)
    else:
        _check_named_encoding(path, source, encoding, utf8.invalid_at, cp1252_undefined_at)
    return ByteScan(hasher.hexdigest(), offset, encoding, head)


def _check_named_encoding(
    path: Path, source: str, encoding: str, utf8_invalid_at: int | None, cp1252_at: int | None
) -> None:
    bad_at = {"utf-8": utf8_invalid_at, "utf-8-sig": utf8_invalid_at, "cp1252": cp1252_at}.get(
        encoding
    )
    if bad_at is not None:
        raise UnreadableDataError(
            source,
            f"is not valid {encoding} (line {line_of_offset(path, bad_at)}), the encoding "
            "it was said to have",
            "correct the encoding named for it, or leave it out to detect it",
        )


def check_text(head: bytes, source: str) -> None:
    """Raise when the start of the file shows it is not CSV text (a known binary or UTF-16)."""
    for magic, problem, fix in _MAGIC:
        if head.startswith(magic):
            raise UnreadableDataError(source, problem, fix)
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            raise UnreadableDataError(source, f"is encoded as {name}", _RESAVE_AS_UTF8)
    sample = head[:_BINARY_CHECK_BYTES]
    if b"\x00" in sample:
        if _looks_like_utf16(sample):
            raise UnreadableDataError(source, "is encoded as UTF-16", _RESAVE_AS_UTF8)
        raise UnreadableDataError(
            source,
            "holds binary data (NUL bytes), not CSV text",
            "check that this is the exported CSV and not another kind of file",
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 100):
        raise UnreadableDataError(
            source,
            "holds binary data (control bytes), not CSV text",
            "check that this is the exported CSV and not another kind of file",
        )


def _looks_like_utf16(sample: bytes) -> bool:
    even, odd = sample[0::2], sample[1::2]
    if not even or not odd:
        return False
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.3


class _Utf8Check:
    """Incremental UTF-8 validation that remembers where the first invalid byte was."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self.invalid_at: int | None = None

    def feed(self, chunk: bytes, offset: int) -> None:
        if self.invalid_at is not None:
            return
        pending = len(self._decoder.getstate()[0])
        if not pending and chunk.isascii():
            return
        try:
            self._decoder.decode(chunk)
        except UnicodeDecodeError as error:
            self.invalid_at = max(0, offset - pending + error.start)

    def finish(self, offset: int) -> None:
        if self.invalid_at is not None:
            return
        pending = len(self._decoder.getstate()[0])
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            self.invalid_at = offset - pending


def _first_of(chunk: bytes, needles: tuple[bytes, ...], offset: int) -> int | None:
    found = [i for i in (chunk.find(n) for n in needles) if i >= 0]
    return offset + min(found) if found else None


def _choose_encoding(
    path: Path, source: str, head: bytes, utf8_invalid_at: int | None, cp1252_at: int | None
) -> str:
    if head.startswith(UTF8_BOM):
        if utf8_invalid_at is None:
            return "utf-8-sig"
        raise UnreadableDataError(
            source,
            "starts with a UTF-8 byte-order mark but is not valid UTF-8 at line "
            f"{line_of_offset(path, utf8_invalid_at)} (byte {utf8_invalid_at})",
            _RESAVE_AS_UTF8,
        )
    if utf8_invalid_at is None:
        return "utf-8"
    if cp1252_at is None:
        return "cp1252"
    raise UnreadableDataError(
        source,
        "is neither UTF-8 (invalid at line "
        f"{line_of_offset(path, utf8_invalid_at)}) nor Windows-1252 (a byte at line "
        f"{line_of_offset(path, cp1252_at)} has no character there)",
        _RESAVE_AS_UTF8,
    )


def line_of_offset(path: Path, offset: int) -> int:
    """The 1-based physical line that holds byte `offset` (for messages only)."""
    lines = 1
    with path.open("rb") as handle:
        remaining = offset
        while remaining > 0 and (chunk := handle.read(min(CHUNK_BYTES, remaining))):
            lines += chunk.count(b"\n")
            remaining -= len(chunk)
    return lines


def decode_head(scan: ByteScan) -> str:
    """The head as text; a multi-byte character cut off at its end is left out."""
    decoder = codecs.getincrementaldecoder(scan.encoding)()
    return decoder.decode(scan.head, final=scan.complete)


def _records(text: str, delimiter: str, complete: bool) -> list[list[str]]:
    """Up to SNIFF_RECORDS non-blank records; the last is dropped when it may be cut off."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record:
                records.append(record)
            if len(records) > SNIFF_RECORDS:
                return records[:SNIFF_RECORDS]
    except csv.Error:
        return records[:-1] if len(records) > 1 else records
    if not complete and len(records) > 1:
        records.pop()
    return records


def sniff_delimiter(text: str, *, complete: bool) -> str:
    """The delimiter of the text's first records (see the module docstring)."""
    best: tuple[bool, float, int, int] | None = None
    chosen = DELIMITERS[0]
    for rank, delimiter in enumerate(DELIMITERS):
        records = _records(text, delimiter, complete)
        if not records:
            continue
        width = len(records[0])
        body = records[1:]
        consistency = sum(len(r) == width for r in body) / len(body) if body else 1.0
        score = (width > 1, consistency, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def header_names(text: str, delimiter: str) -> list[str]:
    """The fields of the first non-blank record: the column names, exactly as written."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            if record:
                return record
    except csv.Error:
        return []
    return []
