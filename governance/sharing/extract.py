"""Writing a minimised extract: only the columns a plan allows, identifiers pseudonymised,
and a sidecar that says what was done to each column and why.

The plan is an allow-list: a column of the table that the plan does not name is not
written. The sidecar (`<file>.json`) travels with the extract so the recipient and an
auditor can see which decision allowed it and, per column, the rule that kept,
pseudonymised or dropped it; it holds headers and reasons, never a value or the key.

Both files are written to hidden temporary files beside the target and moved into place
only when both are complete, so a failed run leaves neither a half-written extract nor a
stray temporary file, and an extract already at the target stays as it was. The files
are created readable by their owner only: pseudonymised data are still personal data.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import BinaryIO, Literal, get_args

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from governance.domain.vocabulary import PiiEntity
from governance.errors import BadInputError
from governance.sharing.keys import KEY_ENV, MissingKeyError
from governance.sharing.pseudonyms import pseudonymise_column

Action = Literal["keep", "pseudonymise"]
ExtractFormat = Literal["csv", "parquet"]

_FORMATS: dict[str, ExtractFormat] = {".csv": "csv", ".parquet": "parquet"}
_SIDECAR_FACTS = ("file", "format", "rows", "columns", "dropped")


@dataclass(frozen=True)
class ColumnAction:
    """A column that goes into the extract: as it is, or pseudonymised as `entity`.

    `reason` and `source` say why (the rule and the registration or decision it comes
    from); they are copied into the sidecar.
    """

    name: str
    action: Action
    entity: PiiEntity | None = None
    reason: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        # An unknown action must not fall through to "keep": that would leak the raw column.
        if self.action not in get_args(Action):
            raise BadInputError(
                f"column {self.name!r}: unknown action {self.action!r}; "
                f"use one of {', '.join(get_args(Action))}"
            )


@dataclass(frozen=True)
class DroppedColumn:
    """A column left out of the extract, and why."""

    name: str
    reason: str = ""
    source: str = ""


@dataclass(frozen=True)
class ExtractPlan:
    """What to write: `columns` in this order; `dropped` only documents what is left out."""

    columns: tuple[ColumnAction, ...]
    dropped: tuple[DroppedColumn, ...] = ()

    def __post_init__(self) -> None:
        names = [column.name for column in self.columns]
        twice = sorted(name for name, count in Counter(names).items() if count > 1)
        if twice:
            raise BadInputError(f"extract plan names a column more than once: {', '.join(twice)}")
        both = sorted(set(names) & {column.name for column in self.dropped})
        if both:
            raise BadInputError(
                f"extract plan both writes and drops column(s): {', '.join(both)}; "
                "a column is either in the extract or dropped"
            )

    @property
    def needs_key(self) -> bool:
        return any(column.action == "pseudonymise" for column in self.columns)


@dataclass(frozen=True)
class ExtractReport:
    """What was written: the extract, its sidecar, the row count and the column decisions."""

    path: Path
    sidecar_path: Path
    rows: int
    columns: tuple[ColumnAction, ...]
    dropped: tuple[DroppedColumn, ...]


def write_extract(
    table: pa.Table, plan: ExtractPlan, out: Path, key: bytes | None, sidecar: dict[str, object]
) -> ExtractReport:
    """Write the plan's columns of `table` to `out` (.csv or .parquet) and the sidecar
    `<out>.json`; everything is checked before anything is written.

    `key` is the recipient's key (`recipient_key(load_key(), recipient)`), so that two
    recipients get different pseudonyms for the same person; it may be None only when
    nothing is pseudonymised. `sidecar` holds the caller's facts (decision, dataset,
    recipient, purpose); the facts about the file are added here and may not be in it.
    """
    extract_format = check_target(out)
    if plan.needs_key and key is None:
        raise MissingKeyError(
            f"{out}: the extract pseudonymises columns but no key was given; run "
            f"`governance init` to create one, or set {KEY_ENV}"
        )
    clashes = sorted(set(sidecar) & set(_SIDECAR_FACTS))
    if clashes:
        raise ValueError(f"sidecar facts {', '.join(clashes)} are written by write_extract")
    extract = _minimised(table, plan, key)
    sidecar_path = out.with_name(out.name + ".json")
    document = {
        **sidecar,
        "file": out.name,
        "format": extract_format,
        "rows": extract.num_rows,
        "columns": [asdict(column) for column in plan.columns],
        "dropped": [asdict(column) for column in plan.dropped],
    }
    sidecar_bytes = (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    _write_together(
        {
            out: lambda handle: _write_table(extract, handle, extract_format),
            sidecar_path: lambda handle: handle.write(sidecar_bytes),
        }
    )
    return ExtractReport(out, sidecar_path, extract.num_rows, plan.columns, plan.dropped)


def check_target(out: Path) -> ExtractFormat:
    """The extract's format from its suffix, once the target is known to be writable:
    checked before a share runs anything, so a bad `--out` costs nothing."""
    extract_format = _FORMATS.get(out.suffix.lower())
    if extract_format is None:
        raise BadInputError(
            f"{out}: unknown extract format {out.suffix or '(no suffix)'}; "
            f"name the file {' or '.join(_FORMATS)}"
        )
    if not out.parent.is_dir():
        raise BadInputError(f"{out}: the folder {out.parent} does not exist; create it first")
    if out.is_dir():
        raise BadInputError(f"{out}: is a folder; name the extract file")
    return extract_format


def _minimised(table: pa.Table, plan: ExtractPlan, key: bytes | None) -> pa.Table:
    """The plan's columns in plan order, the marked ones pseudonymised."""
    _check_columns(table, plan)
    extract = table.select([column.name for column in plan.columns])
    for index, column in enumerate(plan.columns):
        if column.action == "pseudonymise":
            assert key is not None  # write_extract refuses a plan that needs a key without one
            pseudonyms = pseudonymise_column(extract.column(index), key, column.entity)
            extract = extract.set_column(index, column.name, pseudonyms)
    return extract


def _check_columns(table: pa.Table, plan: ExtractPlan) -> None:
    """Every plan column is in the table exactly once (a header may repeat in a CSV)."""
    counts = Counter(table.column_names)
    missing = [column.name for column in plan.columns if counts[column.name] == 0]
    if missing:
        raise BadInputError(
            f"extract plan names column(s) the data does not have: {', '.join(missing)}; "
            f"the data has: {', '.join(table.column_names)}"
        )
    repeated = [column.name for column in plan.columns if counts[column.name] > 1]
    if repeated:
        raise BadInputError(
            f"the data has more than one column named {', '.join(repeated)}; "
            "rename them in the source so the extract plan can tell them apart"
        )


def _write_table(table: pa.Table, handle: BinaryIO, extract_format: ExtractFormat) -> None:
    if extract_format == "csv":
        pa_csv.write_csv(table, handle, pa_csv.WriteOptions(include_header=True, delimiter=","))
    else:
        pq.write_table(table, handle)


def _write_together(writers: dict[Path, Callable[[BinaryIO], object]]) -> None:
    """Write each file to a temporary file beside it, then move all into place.

    The moves come only after every write has succeeded; on any error the temporary
    files are removed and the targets are left as they were.
    """
    staged: dict[Path, Path] = {}
    try:
        for target, write in writers.items():
            staged[target] = _staged(target, write)
        for target, temporary in staged.items():
            os.replace(temporary, target)
    except OSError as error:
        raise BadInputError(
            f"{error.filename or next(iter(writers))}: cannot write the extract "
            f"({error.strerror or error}); check the folder's permissions and free space"
        ) from error
    finally:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)


def _staged(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """A complete, synced temporary copy of what goes to `target`, in the same folder."""
    descriptor, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
