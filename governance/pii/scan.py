"""Scanning a loaded table: every column prepared, read by header, classified.

Two cores are used: columns are classified in a small thread pool (the Arrow kernels that
do most of the work release the GIL), and when any column reads as prose the Presidio
analyzer — a second of imports and tokenizer set-up — is built in the background while
the structured columns are scanned.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np

from governance.domain.scan import ScanReport
from governance.pii.classifier import classify
from governance.pii.columns import prepare
from governance.pii.free_text import FreeTextSearch
from governance.pii.headers import read_header
from governance.sources import LoadedTable

WORKERS = min(4, os.cpu_count() or 1)


def scan_table(loaded: LoadedTable, today: date | None = None) -> ScanReport:
    """The PII report of a table: one decision per column, with its evidence."""
    reference = np.datetime64(today or date.today(), "D")
    columns = [
        prepare(name, loaded.table.column(index))
        for index, name in enumerate(loaded.table.column_names)
    ]
    free_text = FreeTextSearch()
    with ThreadPoolExecutor(WORKERS) as pool:
        if any(column.is_prose for column in columns):
            pool.submit(lambda: free_text.analyzer)
        reports = pool.map(
            lambda column: classify(column, read_header(column.name), free_text, reference),
            columns,
        )
        return ScanReport(
            loaded.path, loaded.rows, loaded.rows_read, tuple(reports), loaded.fingerprint
        )
