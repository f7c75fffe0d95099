"""The use cases the CLI and the UI both call; neither touches the store directly.

A `Governance` object holds one store and the acting user. Its methods validate first,
write in one transaction, and return small records a caller can print or render.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from governance import catalog_files, config
from governance.catalog_files import RegistrationFile, RegistrationFileError
from governance.domain.audit import verify_chain
from governance.domain.legal_rules import Finding, assess, refusals
from governance.domain.registration import Registration
from governance.errors import ConflictError
from governance.store import audit, registrations
from governance.store.db import Store
from governance.store.registrations import CatalogFilter, SaveResult, VersionInfo

if TYPE_CHECKING:
    from governance.synthetic import GeneratedFile


@dataclass(frozen=True)
class ImportedFile:
    path: Path
    result: SaveResult | None  # None on a dry run
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

    @property
    def intact(self) -> bool:
        return not self.problems


class Governance:
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
        files = self._load_all(catalog_files.discover(paths))
        warnings = {f.path: [f.describe(x) for x in assess(f.registration)] for f in files}
        if dry_run:
            return ImportReport([ImportedFile(f.path, None, warnings[f.path]) for f in files], True)
        imported = []
        with self.store.writing() as connection:
            for file in files:
                try:
                    result = registrations.save(connection, file.registration, self.actor)
                except ConflictError as error:
                    raise ConflictError(f"{file.where(('version',))}: {error}") from None
                imported.append(ImportedFile(file.path, result, warnings[file.path]))
        return ImportReport(imported)

    def _load_all(self, paths: list[Path]) -> list[RegistrationFile]:
        """Load every file and collect every problem, so one run shows them all."""
        problems: list[str] = []
        files: list[RegistrationFile] = []
        for path in paths:
            try:
                file = catalog_files.load(path)
            except RegistrationFileError as error:
                problems.extend(error.problems)
                continue
            problems.extend(file.describe(f) for f in refusals(assess(file.registration)))
            files.append(file)
        first_file: dict[str, Path] = {}
        for file in files:
            earlier = first_file.setdefault(file.registration.id, file.path)
            if earlier != file.path:
                problems.append(
                    f"{file.where(('id',))}: id '{file.registration.id}' is also used by "
                    f"{earlier}; every dataset needs its own id"
                )
        if problems:
            raise RegistrationFileError(problems)
        return files

    def list_catalog(self, where: CatalogFilter | None = None) -> list[Registration]:
        with self.store.reading() as connection:
            return registrations.list_current(connection, where or CatalogFilter())

    def show(self, dataset_id: str, version: int | None = None) -> DatasetView:
        with self.store.reading() as connection:
            registration = registrations.get(connection, dataset_id, version)
            history = registrations.history(connection, dataset_id)
        return DatasetView(registration, history, assess(registration))

    def export_catalog(
        self, dataset_ids: Sequence[str] = (), folder: Path | None = None
    ) -> list[tuple[Registration, Path | None]]:
        """The current registrations (all, or those named), written to `folder` if given."""
        with self.store.reading() as connection:
            if dataset_ids:
                chosen = [registrations.get(connection, i) for i in dataset_ids]
            else:
                chosen = registrations.list_current(connection, CatalogFilter())
        return [(r, catalog_files.write(r, folder) if folder else None) for r in chosen]

    # --- audit ---------------------------------------------------------------------------

    def verify_audit(self) -> AuditReport:
        with self.store.reading() as connection:
            entries = audit.entries(connection)
            head = audit.read_head(connection)
        return AuditReport(len(entries), verify_chain(entries, head))

    # --- demo ----------------------------------------------------------------------------

    def run_demo(
        self, data_dir: Path, catalog_dir: Path | None, seed: int, rows: int | None
    ) -> DemoReport:
        """Synthetic pilot data plus the example catalogue: a store ready to explore."""
        from governance.synthetic import generate_pilot_data

        generated = generate_pilot_data(data_dir, seed=seed, rows=rows)
        imported = self.import_catalog([catalog_dir or example_catalog_dir()])
        return DemoReport(generated, imported)


@dataclass(frozen=True)
class DemoReport:
    files: list[GeneratedFile]
    imported: ImportReport


def example_catalog_dir() -> Path:
    """`catalog/` in the working directory, else the one beside the installed package."""
    here = Path("catalog")
    return here if here.is_dir() else Path(__file__).resolve().parent.parent / "catalog"
