"""The use cases the CLI and the UI both call; neither touches the store directly.

A `Governance` object holds one store and the acting user. Its methods validate first,
write in one transaction, and return small records a caller can print or render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from governance import catalog_files, config, scanning
from governance.assessment_views import AssessmentViews
from governance.audit_service import AuditViews
from governance.catalog_files import RegistrationFile, RegistrationFileError
from governance.domain.audit import ChainHead, verify_chain, verify_records
from governance.domain.legal_rules import Finding, Severity, assess, refusals
from governance.domain.registration import Registration
from governance.domain.roles import Permission, Role
from governance.errors import BadInputError, ConflictError, UnknownDatasetError
from governance.registration_service import RegistrationUseCases
from governance.share_service import ShareUseCases
from governance.store import audit, registrations
from governance.store.db import Store
from governance.store.registrations import CatalogFilter, SaveResult, VersionInfo
from governance.views_service import CatalogueViews

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from governance.domain.quality import ValidationResult
    from governance.domain.scan import Comparison, ScanReport
    from governance.exports.context import DatasetRecord
    from governance.sources import LoadedTable
    from governance.synthetic import GeneratedFile


@dataclass(frozen=True)
class ImportedFile:
    path: Path
    result: SaveResult  # on a dry run: what the import would do
    warnings: list[str]


@dataclass(frozen=True)
class ImportReport:
    files: list[ImportedFile]
    dry_run: bool = False


@dataclass(frozen=True)
class DatasetView:
    """A registration with its history and the findings of the legal rules."""

    registration: Registration
    history: list[VersionInfo]
    findings: list[Finding]


@dataclass(frozen=True)
class AuditReport:
    entries: int
    problems: list[str] = field(default_factory=list)
    head: ChainHead | None = None

    @property
    def intact(self) -> bool:
        return not self.problems


class Governance(CatalogueViews, RegistrationUseCases, AssessmentViews, AuditViews, ShareUseCases):
    """Every use case, on one store, as one acting person."""

    def __init__(self, store: Store, actor: str) -> None:
        self.store = store
        self.actor = actor

    @classmethod
    def open(cls, url: str | None = None, actor: str | None = None) -> Governance:
        """Open the configured store, migrating it on first use."""
        store = Store(url or config.database_url())
        store.migrate()
        return cls(store, actor or config.actor())

    # --- catalogue -----------------------------------------------------------------------

    def import_catalog(self, paths: Sequence[Path], dry_run: bool = False) -> ImportReport:
        """Validate every file, then store all of them in one transaction, or none."""
        self.require(Permission.REGISTER, "register datasets")
        assessed = self._load_all(catalog_files.discover(paths))
        act = registrations.plan if dry_run else self._save
        transaction = self.store.reading if dry_run else self.store.writing
        imported = []
        with transaction() as connection:
            for file, findings in assessed:
                try:
                    result = act(connection, file.registration)
                except ConflictError as error:
                    raise ConflictError(f"{file.where(('version',))}: {error}") from None
                warnings = [file.describe(f) for f in findings]
                imported.append(ImportedFile(file.path, result, warnings))
        return ImportReport(imported, dry_run)

    def _save(self, connection: Connection, registration: Registration) -> SaveResult:
        return registrations.save(connection, registration, self.actor)

    def _load_all(self, paths: list[Path]) -> list[tuple[RegistrationFile, list[Finding]]]:
        """Load every file and assess every registration once; collect every problem, so
        one run shows them all. What remains with each registration are its warnings."""
        problems: list[str] = []
        assessed: list[tuple[RegistrationFile, list[Finding]]] = []
        seen: dict[str, RegistrationFile] = {}
        for path in paths:
            try:
                loaded = catalog_files.load(path)
            except RegistrationFileError as error:
                problems.extend(error.problems)
                continue
            for file in loaded:
                findings = assess(file.registration)
                problems.extend(file.describe(f) for f in refusals(findings))
                earlier = seen.setdefault(file.registration.id, file)
                if earlier is not file:
                    problems.append(
                        f"{file.where(('id',))}: id '{file.registration.id}' is also used at "
                        f"{earlier.where(('id',))}; every dataset needs its own id"
                    )
                assessed.append((file, [f for f in findings if f.severity is Severity.WARNING]))
        if problems:
            raise RegistrationFileError(problems)
        return assessed

    def list_catalog(self, where: CatalogFilter | None = None) -> list[Registration]:
        self.require(Permission.VIEW_CATALOGUE, "read the catalogue")
        with self.store.reading() as connection:
            return registrations.list_current(connection, where or CatalogFilter())

    def show(self, dataset_id: str, version: int | None = None) -> DatasetView:
        self.require(Permission.VIEW_CATALOGUE, "read the catalogue")
        with self.store.reading() as connection:
            registration = registrations.get(connection, dataset_id, version)
            history = registrations.history(connection, dataset_id)
        return DatasetView(registration, history, assess(registration))

    def export_catalog(
        self, dataset_ids: Sequence[str] = (), folder: Path | None = None
    ) -> list[tuple[Registration, Path | None]]:
        """The current registrations (all, or those named), written to `folder` if given."""
        self.require(Permission.VIEW_CATALOGUE, "read the catalogue")
        with self.store.reading() as connection:
            if dataset_ids:
                chosen = [registrations.get(connection, i) for i in dict.fromkeys(dataset_ids)]
            else:
                chosen = registrations.list_current(connection, CatalogFilter())
        return [(r, catalog_files.write(r, folder) if folder else None) for r in chosen]

    # --- PII scan ------------------------------------------------------------------------

    def scan_dataset(
        self,
        dataset_id: str,
        data: Path | None = None,
        sample: int | None = None,
        sheet: str | None = None,
        shown_as: str | None = None,
    ) -> DatasetScan:
        """Scan a registered dataset's data (or `data`), compare with its declaration,
        store the result with the data's fingerprint, and audit it. `shown_as` names the
        source in the record instead of the path (an upload's temporary file)."""
        from governance.store import scans

        self.require(Permission.RUN_CHECKS, "scan a dataset")
        with self.store.reading() as connection:
            registration = registrations.get(connection, dataset_id)
        report = scanning.scan_source(registration, data, sample, sheet)
        if shown_as is not None:
            report = replace(report, source=shown_as)
        with self.store.writing() as connection:
            scan_id, comparison = scans.record(connection, registration, report, self.actor)
        return DatasetScan(registration, report, comparison, scan_id)

    # --- quality -------------------------------------------------------------------------

    def validate_dataset(
        self,
        dataset_id: str,
        data: Path | None = None,
        sheet: str | None = None,
        suites: Path | None = None,
        today: date | None = None,
        shown_as: str | None = None,
    ) -> DatasetValidation:
        """Run the schema contract and the expectation suite on the dataset's data (or on
        `data`), store the result with the data's fingerprint, and audit it."""
        from governance.quality.run import suite_file
        from governance.store import scans

        self.require(Permission.RUN_CHECKS, "run a quality check")
        if suites is not None and not suites.is_dir():
            raise BadInputError(f"{suites}: no such folder of expectation suites (--suites)")
        suite_yaml = suite_file(dataset_id, suites or config.project_path("expectations"))
        with self.store.reading() as connection:
            try:
                registration = registrations.get(connection, dataset_id)
            except UnknownDatasetError as error:
                if suite_yaml is None:
                    raise
                raise UnknownDatasetError(
                    f"{suite_yaml}: a suite for {error}; import its registration first"
                ) from None
            report = scans.latest_report(connection, dataset_id)
        found = {c["name"] for c in report["columns"] if c["entities"]} if report else set()
        return self._validate(registration, found, suite_yaml, data, sheet, today, shown_as)

    def _validate(
        self,
        registration: Registration,
        found_personal: set[str],
        suite_yaml: Path | None,
        data: Path | None,
        sheet: str | None,
        today: date | None,
        shown_as: str | None = None,
        loaded: LoadedTable | None = None,
    ) -> DatasetValidation:
        """The quality run itself, on `loaded` when the caller has read the data already;
        personal columns are the declared ones and those the latest scan found, so that no
        value of theirs is kept."""
        from governance.quality.run import (
            QualityInput,
            suite_digest,
            validate_file,
            validate_sql,
            warm_up,
        )
        from governance.store import validations

        if suite_yaml is not None:
            warm_up()
        declared = {c.name for c in registration.declared_pii_columns}
        personal = frozenset(declared | found_personal)
        run = QualityInput(registration, suite_yaml, personal, today or date.today())
        if loaded is None and scanning.data_file(registration, data) is not None:
            loaded = scanning.read_source(registration, data, sheet)
        if loaded is not None:
            result = validate_file(run, loaded)
        else:  # an SQL table is validated in the database, never pulled out whole
            source = registration.source
            result = validate_sql(run, str(source.url), str(source.table))
        if shown_as is not None:
            result = replace(result, source=shown_as)
        recorded = {**result.to_json(), "suite_digest": suite_digest(suite_yaml)}
        with self.store.writing() as connection:
            run_id = validations.record(connection, recorded, self.actor)
        return DatasetValidation(result, suite_yaml is not None, run_id)

    # --- audit ---------------------------------------------------------------------------

    def store_version(self) -> int:
        """How many changes the store has seen (the audit chain's length): a cache key that
        changes with every write."""
        with self.store.reading() as connection:
            head = audit.read_head(connection)
        return head.seq if head else 0

    def verify_audit(self) -> AuditReport:
        """The chain is intact, and every stored registration version, scan, quality run
        and gate decision is one that governance wrote and logged (none changed, added or
        deleted behind its back)."""
        self.require(Permission.VIEW_AUDIT, "verify the audit log")
        from governance.store import (
            assessments,
            credentials,
            decisions,
            scans,
            users,
            validations,
        )

        with self.store.reading() as connection:
            entries = audit.entries(connection)
            head = audit.read_head(connection)
            records = [
                *registrations.audited_records(connection),
                *scans.audited_records(connection),
                *validations.audited_records(connection),
                *decisions.audited_records(connection),
                *assessments.audited_records(connection),
                *users.audited_records(connection),
                *credentials.audited_records(connection),
            ]
        problems = verify_chain(entries, head) + verify_records(entries, records)
        return AuditReport(len(entries), problems, head)

    # --- interoperability exports ---------------------------------------------------------

    def export_records(self) -> list[DatasetRecord]:
        """Every current registration with the latest scan of its registered data and its
        DPIA state: what the OpenMetadata, DCAT-AP-NL and Art. 30 exports read."""
        from governance.exports.context import DatasetRecord
        from governance.store import scans

        self.require(Permission.EXPORT, "export the catalogue")
        with self.store.reading() as connection:
            return [
                DatasetRecord(
                    registration,
                    scans.latest_report(
                        connection, registration.id, scanning.source_label(registration)
                    ),
                    self.dpia_state(registration, connection),
                )
                for registration in registrations.list_current(connection, CatalogFilter())
            ]

    # --- demo ----------------------------------------------------------------------------

    def run_demo(
        self, data_dir: Path, catalog_dir: Path | None, seed: int, rows: int | None
    ) -> DemoReport:
        """Synthetic pilot data, the example catalogue, and for each pilot a PII scan and a
        quality run against its registration: a store ready to explore."""
        from governance.synthetic import generate_pilot_data

        try:
            generated = generate_pilot_data(data_dir, seed=seed, rows=rows)
        except OSError as error:
            raise BadInputError(
                f"{data_dir}: cannot write the demo data ({error.strerror}); choose another "
                "folder with --data-dir"
            ) from None
        imported = self.import_catalog([catalog_dir or config.project_path("catalog")])
        scanned = [self.scan_dataset(file.dataset_id, data=file.path) for file in generated]
        validated = [self.validate_dataset(file.dataset_id, data=file.path) for file in generated]
        return DemoReport(generated, imported, scanned, validated, self._demo_people())

    def _demo_people(self) -> list[tuple[str, frozenset[Role]]]:
        """One account per role when the store has none yet, each with DEMO_PASSWORD: the
        one running the demo as admin and steward, and colleagues to write, review, advise
        and ask (GOVERNANCE_USER on the command line, or sign in to the UI)."""
        if self.users():
            return []
        self.add_user(self.actor, frozenset({Role.ADMIN, Role.STEWARD}), DEMO_PASSWORD)
        for name, role in DEMO_COLLEAGUES:
            self.add_user(name, frozenset({role}), DEMO_PASSWORD)
        return self.users()


@dataclass(frozen=True)
class DatasetScan:
    registration: Registration
    report: ScanReport
    comparison: Comparison
    scan_id: int


@dataclass(frozen=True)
class DatasetValidation:
    result: ValidationResult
    had_suite: bool
    run_id: int


@dataclass(frozen=True)
class DemoReport:
    files: list[GeneratedFile]
    imported: ImportReport
    scans: list[DatasetScan]
    validations: list[DatasetValidation]
    people: list[tuple[str, frozenset[Role]]]


DEMO_PASSWORD = "demo-wachtwoord"  # synthetic demo store on 127.0.0.1 only; printed by the demo
DEMO_COLLEAGUES = (
    ("steward", Role.STEWARD),
    ("privacy-officer", Role.PRIVACY_OFFICER),
    ("fg", Role.DPO),
    ("analist", Role.ANALYST),
)
