"""Fingerprints that tie a scan or a quality result to exactly the data it ran on.

A file's fingerprint is the SHA-256 of its bytes: any change, even one cell or a
different line ending, gives a new one. An SQL table has no bytes of its own, so its
fingerprint is computed from its content as text (`TableFingerprint`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path

from governance.sources.paths import check_data_file

CHUNK_BYTES = 4 << 20
"""Read size for streaming: large enough for full disk speed, small enough for any file."""

_MODULUS = 1 << 256


def fingerprint_file(path: Path | str) -> str:
    """SHA-256 hex of the file's bytes, streamed (constant memory for any size)."""
    path = Path(path)
    check_data_file(path, str(path))
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class TableFingerprint:
    """An order-independent SHA-256 of a table's content as text.

    SQL gives no row order unless asked, and sorting a large table in the database just
    to fingerprint it is costly (and text sort order depends on the collation), so the
    rows are combined as a multiset: each row's cells are encoded without ambiguity
    (length-prefixed text, '-' for null), hashed with SHA-256, and the row hashes are
    summed modulo 2**256 (a sum, not XOR, so duplicate rows count). The result is the
    SHA-256 of the column names, the row count and that sum. The same rows in any order,
    in SQLite or PostgreSQL, give the same fingerprint; any changed cell a different one.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self._names = list(names)
        self._sum = 0
        self.rows = 0

    def add_rows(self, rows: Iterable[Sequence[str | None]]) -> None:
        total = self._sum
        count = 0
        sha256 = hashlib.sha256
        for row in rows:
            encoded = "".join("-" if cell is None else f"{len(cell)}:{cell}" for cell in row)
            total += int.from_bytes(sha256(encoded.encode("utf-8", "surrogatepass")).digest())
            count += 1
        self._sum = total % _MODULUS
        self.rows += count

    def hexdigest(self) -> str:
        header = "".join(f"{len(name)}:{name}" for name in self._names)
        summary = hashlib.sha256()
        summary.update(b"governance-table-v1\n")
        summary.update(header.encode("utf-8", "surrogatepass"))
        summary.update(f"\n{self.rows}\n".encode())
        summary.update(self._sum.to_bytes(32, "big"))
        return summary.hexdigest()
