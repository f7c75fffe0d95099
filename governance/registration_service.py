"""Registering and editing a dataset one at a time (the UI's form), and checking an
uploaded data file: the legal rules' findings per field before saving, a save that
refuses a stale version, and a scan and quality run of the upload.

A form shows a problem next to the field it concerns, so every problem here carries the
path of that field in the registration document (`('purposes', 0, 'legal_basis')`), the
same paths the YAML import turns into file:line.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pydantic import ValidationError

from governance import config, scanning
from governance.catalog_files import explain
from governance.domain.legal_rules import Finding, Severity, assess
from governance.domain.legal_rules import Path as DocPath
from governance.domain.quality import ContractProblem, Outcome
from governance.domain.registration import Registration
from governance.domain.roles import Permission
from governance.domain.vocabulary import SourceFormat
from governance.errors import BadInputError, ConflictError
from governance.people_service import PeopleUseCases
from governance.store import assessment_queries, registrations
from governance.store.registrations import SaveResult, VersionInfo

if TYPE_CHECKING:
    from governance.domain.scan import Comparison, ScanReport
    from governance.services import Governance

MEGABYTE = 1024 * 1024
_SNIFF_BYTES = 64 * 1024  # enough of the head to tell text from a binary file
_CHUNK = MEGABYTE


@dataclass(frozen=True)
class FieldProblem:
    """One problem with one field of a registration: a shape error (`kind` is pydantic's
    error type, e.g. 'missing'), a legal rule's finding (`kind` is the rule id) or a form
    check of this module. A refusal blocks saving; a warning is shown and saved."""

    path: DocPath
    severity: Severity
    kind: str
    message: str
    source: str | None = None
    fix: str | None = None

    def describe(self) -> str:
        cited = f" ({self.source})" if self.source else ""
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.message}{cited}{fix}"


@dataclass(frozen=True)
class RegistrationCheck:
    """Every problem of a registration document, as a form shows them before saving."""

    problems: tuple[FieldProblem, ...]

    @property
    def refusals(self) -> tuple[FieldProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.REFUSAL)

    @property
    def warnings(self) -> tuple[FieldProblem, ...]:
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)


class RegistrationRefused(BadInputError):
    """Not saved: the document has refusals; `problems` says which, per field."""

    def __init__(self, problems: tuple[FieldProblem, ...]) -> None:
        self.problems = problems
        lines = [
            f"- {'.'.join(map(str, p.path)) or 'registration'}: {p.describe()}" for p in problems
        ]
        super().__init__("the registration is not saved:\n" + "\n".join(lines))


class RegistrationConflict(ConflictError):
    """Someone saved a newer version while this edit was open; `current` is that version."""

    def __init__(self, dataset_id: str, expected: int, current: VersionInfo) -> None:
        self.dataset_id = dataset_id
        self.expected = expected
        self.current = current
        super().__init__(
            f"'{dataset_id}' was saved as version {current.version} by {current.saved_by} at "
            f"{current.saved_at} while you edited version {expected}; nothing was overwritten. "
            f"Compare your input with version {current.version}, then save it on top of it"
        )


class ColumnVerdict(StrEnum):
    """How a column of an uploaded file compares with the registration."""

    AGREES = "agrees"  # found what was declared (personal data or none)
    UNDECLARED = "undeclared"  # personal data found that the registration does not declare
    NOT_FOUND = "not_found"  # declared personal data the scan did not find
    UNREGISTERED = "unregistered"  # in the file, not a declared column
    MISSING = "missing"  # a declared column the file lacks


@dataclass(frozen=True)
class ColumnFinding:
    """Declared against found for one column: entity names only, never a value."""

    column: str
    declared: str | None
    found: tuple[str, ...]
    verdict: ColumnVerdict


@dataclass(frozen=True)
class ExpectationSummary:
    """One expectation's outcome as counts: the unexpected-value samples stay out."""

    type: str
    columns: tuple[str, ...]
    severity: str
    success: bool
    unexpected_count: int | None


@dataclass(frozen=True)
class UploadCheck:
    """What the scan and the quality run found in an uploaded file (both are recorded)."""

    dataset_id: str
    filename: str
    size: int
    rows: int
    rows_scanned: int
    columns: tuple[ColumnFinding, ...]
    outcome: Outcome
    had_suite: bool
    contract: tuple[ContractProblem, ...]
    expectations: tuple[ExpectationSummary, ...]
    scan_id: int
    run_id: int

    @property
    def undeclared_personal_data(self) -> bool:
        return any(c.verdict is ColumnVerdict.UNDECLARED for c in self.columns)


class UploadRefused(BadInputError):
    """The upload is not checked: too large, or not a data file (the message says why)."""


# Rules whose check reports the whole registration, because the YAML lacks the key; a
# form has a field for it, and shows the finding there.
_FIELD_OF_RULE: dict[str, DocPath] = {
    "owner-missing": ("owner",),
    "owner-missing-non-personal": ("owner",),
    "retention-missing": ("retention",),
    "steward-missing": ("steward",),
    "columns-undeclared": ("columns",),
    "personal-data-undescribed": ("personal_data",),
}


class RegistrationUseCases(PeopleUseCases):
    def registration_choices(self) -> list[tuple[str, str]]:
        """The datasets a steward can edit: id and title, by id."""
        self.require(Permission.REGISTER, "edit registrations")
        with self.store.reading() as connection:
            choices = assessment_queries.dataset_choices(connection)
        return [(choice.id, choice.title) for choice in choices]

    def check_registration(self, document: dict[str, Any]) -> RegistrationCheck:
        """Every problem of the document, per field: its shape, the legal rules and the
        provision's form. Nothing is saved."""
        self.require(Permission.REGISTER, "check a registration")
        return RegistrationCheck(_problems(document)[0])

    def save_registration(
        self, document: dict[str, Any], expected_version: int | None
    ) -> SaveResult:
        """Save the document as a new version of the dataset it was loaded from at
        `expected_version` (None: a new dataset, whose id must be free). Refusals raise
        RegistrationRefused; a newer version saved meanwhile raises RegistrationConflict."""
        self.require(Permission.REGISTER, "save a registration")
        problems, registration = _problems(document)
        refused = RegistrationCheck(problems).refusals
        if refused or registration is None:
            raise RegistrationRefused(refused)
        registration = registration.model_copy(update={"version": expected_version or 1})
        try:
            with self.store.writing() as connection:
                current = registrations.current_version(connection, registration.id)
                if expected_version is None and current is not None:
                    raise RegistrationRefused((_id_taken(registration.id),))
                if expected_version is not None and current is None:
                    raise BadInputError(
                        f"there is no dataset '{registration.id}' to save a new version of; "
                        "register it as a new dataset"
                    )
                return registrations.save(connection, registration, self.actor)
        except ConflictError:
            assert expected_version is not None  # a new dataset cannot be stale
            with self.store.reading() as connection:
                stored = registrations.history(connection, registration.id)[-1]
            raise RegistrationConflict(registration.id, expected_version, stored) from None

    def check_upload(
        self: Governance, dataset_id: str, filename: str, content: bytes | BinaryIO
    ) -> UploadCheck:
        """Scan and validate an uploaded data file against the dataset's registration.

        The size is checked before anything is read (a stream is measured by seeking), and
        the extension and the first bytes must be those of a CSV, XLSX or Parquet file. The
        upload lives in a private temporary file (0600, in a 0700 folder) for the scan and
        the quality run, which record and audit their results; it is deleted afterwards."""
        from governance.pii.scan import scan_table
        from governance.quality.run import suite_file
        from governance.store import scans

        self.require(Permission.RUN_CHECKS, "check an uploaded data file")
        stream = io.BytesIO(content) if isinstance(content, bytes) else content
        name = _safe_name(filename)
        size = _refuse_unfit_upload(name, stream)
        with self.store.reading() as connection:
            registration = registrations.get(connection, dataset_id)
        suite_yaml = suite_file(dataset_id, config.project_path("expectations"))
        # Recorded as the upload it was, not as the temporary file's path.
        shown_as = f"upload: {name}"
        with _private_copy(name, stream) as path:
            loaded = scanning.read_source(registration, path, None)  # once, for both runs
            report = replace(scan_table(loaded), source=shown_as)
            with self.store.writing() as connection:
                scan_id, comparison = scans.record(connection, registration, report, self.actor)
            # As `validate_dataset`: the columns this scan found personal keep their values
            # out of the quality result.
            found = {c.name for c in report.columns if c.entities}
            validated = self._validate(
                registration, found, suite_yaml, None, None, None, shown_as, loaded=loaded
            )
        result = validated.result
        return UploadCheck(
            dataset_id=dataset_id,
            filename=name,
            size=size,
            rows=report.rows,
            rows_scanned=report.rows_scanned,
            columns=_column_findings(registration, report, comparison),
            outcome=result.outcome,
            had_suite=validated.had_suite,
            contract=result.contract,
            expectations=tuple(
                ExpectationSummary(
                    e.type, e.columns, e.severity.value, e.success, e.unexpected_count
                )
                for e in result.expectations
            ),
            scan_id=scan_id,
            run_id=validated.run_id,
        )


def _problems(document: dict[str, Any]) -> tuple[tuple[FieldProblem, ...], Registration | None]:
    """The document's problems, and the registration when its shape is valid. The
    version a form was loaded at is not part of the content, so it is left out here."""
    content = {key: value for key, value in document.items() if key != "version"}
    try:
        registration = Registration.model_validate(content)
    except ValidationError as error:
        return tuple(_shape_problem(e) for e in error.errors()), None
    return tuple(_finding_problem(f) for f in assess(registration)), registration


def _shape_problem(error: Any) -> FieldProblem:
    return FieldProblem(tuple(error["loc"]), Severity.REFUSAL, error["type"], explain(error))


def _finding_problem(finding: Finding) -> FieldProblem:
    path = finding.path or _FIELD_OF_RULE.get(finding.rule_id, ())
    return FieldProblem(
        path, finding.severity, finding.rule_id, finding.message, finding.source, finding.fix
    )


def _id_taken(dataset_id: str) -> FieldProblem:
    return FieldProblem(
        ("id",),
        Severity.REFUSAL,
        "id-taken",
        f"a dataset with the id '{dataset_id}' is already registered",
        fix="choose another id, or choose that dataset to edit it",
    )


def _safe_name(filename: str) -> str:
    """The file name without folders, in characters every file system takes (the scan
    records it as the source's name)."""
    base = Path(filename.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", base).lstrip(".")
    return cleaned or "upload"


def _refuse_unfit_upload(name: str, stream: BinaryIO) -> int:
    """The upload's size in bytes, after checking it fits the limit and is a data file of
    the kind its extension says."""
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    limit = config.max_upload_mb()
    if size > limit * MEGABYTE:
        raise UploadRefused(
            f"'{name}' is {size / MEGABYTE:,.1f} MB, more than the {limit} MB the web page "
            "accepts (GOVERNANCE_MAX_UPLOAD_MB); check a larger file on the command line: "
            "governance scan ID --data FILE and governance validate ID --data FILE"
        )
    suffix = Path(name).suffix.lower()
    expected = _UPLOAD_FORMATS.get(suffix)
    accepted = ", ".join(sorted(_UPLOAD_FORMATS))
    if expected is None:
        raise UploadRefused(
            f"'{name}' is not a data file: its extension is '{suffix or 'none'}'; upload a "
            f"CSV, XLSX or Parquet file ({accepted})"
        )
    if size == 0:
        raise UploadRefused(f"'{name}' is empty (0 bytes); export the data again")
    found = _content_format(stream, size)
    stream.seek(0)
    if found is not expected:
        what = f"a {found.value.upper()} file" if found else "no table a reader knows"
        raise UploadRefused(
            f"'{name}' is not a data file: its extension says {expected.value.upper()}, but "
            f"its content is {what}; upload the export itself as {accepted}"
        )
    return size


_UPLOAD_FORMATS = {
    ".csv": SourceFormat.CSV,
    ".xlsx": SourceFormat.XLSX,
    ".parquet": SourceFormat.PARQUET,
}
_BINARY_MAGIC = (
    b"PK\x03\x04",
    b"PAR1",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"MZ",
    b"\x7fELF",
    b"\xd0\xcf\x11\xe0",
    b"\x1f\x8b",
)


# Text in an XLSX compresses 5–20×; a ZIP claiming far more is a decompression bomb.
_MAX_UNPACK_RATIO = 100


def _content_format(stream: BinaryIO, size: int) -> SourceFormat | None:
    """What the bytes are, whatever the name says: a Parquet file (PAR1 at both ends), an
    XLSX workbook (a ZIP holding xl/workbook.xml), CSV text (no NUL byte, UTF-8 or cp1252,
    no binary signature), or None."""
    head = stream.read(_SNIFF_BYTES)
    if head.startswith(b"PAR1"):
        stream.seek(max(size - 4, 0))
        return SourceFormat.PARQUET if stream.read(4) == b"PAR1" else None
    if head.startswith(b"PK\x03\x04"):
        stream.seek(0)
        try:
            with zipfile.ZipFile(stream) as archive:
                unpacked = sum(member.file_size for member in archive.infolist())
                if unpacked > size * _MAX_UNPACK_RATIO + _SNIFF_BYTES:
                    raise UploadRefused(
                        f"the workbook would unpack to {unpacked / MEGABYTE:,.0f} MB, far more "
                        "than a spreadsheet of its size holds; export the sheet as CSV"
                    )
                return SourceFormat.XLSX if "xl/workbook.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return None
    if b"\x00" in head or head.startswith(_BINARY_MAGIC):
        return None
    return SourceFormat.CSV if _decodes(head) else None


def _decodes(head: bytes) -> bool:
    """UTF-8 (a character cut at the end of `head` aside) or cp1252, as the CSV reader."""
    for encoding in ("utf-8", "cp1252"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


@contextmanager
def _private_copy(name: str, stream: BinaryIO) -> Iterator[Path]:
    """The upload as a file only its owner can read (0600 in a 0700 folder), removed with
    its folder afterwards, whatever happens in between."""
    folder = tempfile.mkdtemp(prefix="governance-upload-")
    try:
        path = Path(folder) / name
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as target:
            shutil.copyfileobj(stream, target, _CHUNK)
        yield path
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _column_findings(
    registration: Registration, report: ScanReport, comparison: Comparison
) -> tuple[ColumnFinding, ...]:
    """Each column of the file, then each declared column it lacks, with its verdict."""
    declared = {c.name: c.pii.value if c.pii else None for c in registration.columns}
    undeclared = {d.column for d in comparison.undeclared}
    not_found = {d.column for d in comparison.declared_not_found}
    unregistered = set(comparison.unregistered_columns)

    def verdict(name: str) -> ColumnVerdict:
        if name in undeclared:
            return ColumnVerdict.UNDECLARED
        if name in not_found:
            return ColumnVerdict.NOT_FOUND
        if name in unregistered:
            return ColumnVerdict.UNREGISTERED
        return ColumnVerdict.AGREES

    in_file = tuple(
        ColumnFinding(
            c.name, declared.get(c.name), tuple(e.value for e in c.entities), verdict(c.name)
        )
        for c in report.columns
    )
    missing = tuple(
        ColumnFinding(name, declared[name], (), ColumnVerdict.MISSING)
        for name in comparison.missing_columns
    )
    return in_file + missing
