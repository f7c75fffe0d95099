"""Scanning a loaded table: every column prepared, read by header, classified."""

from __future__ import annotations

from datetime import date

import numpy as np

from governance.domain.scan import ScanReport
from governance.pii.classifier import classify
from governance.pii.columns import prepare
from governance.pii.free_text import FreeTextSearch
from governance.pii.headers import read_header
from governance.sources import LoadedTable


def scan_table(loaded: LoadedTable, today: date | None = None) -> ScanReport:
    """The PII report of a table: one decision per column, with its evidence."""
    reference = np.datetime64(today or date.today(), "D")
    free_text = FreeTextSearch()
    columns = tuple(
        classify(prepare(name, loaded.table.column(index)), read_header(name), free_text, reference)
        for index, name in enumerate(loaded.table.column_names)
    )
    return ScanReport(loaded.path, loaded.rows, loaded.rows_read, columns, loaded.fingerprint)
