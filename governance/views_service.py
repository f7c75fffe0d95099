"""What the dashboard and the catalogue show: figures across the catalogue, and one
dataset with everything recorded about it. Read-only; every method checks
VIEW_CATALOGUE.

The figures are computed from a handful of queries whatever the size of the catalogue
(`governance.store.catalogue_queries`); the UI caches them until the store changes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from governance import scanning
from governance.assessment_views import AssessmentRow
from governance.domain.assessment import Assessment
from governance.domain.audit import AuditEntry
from governance.domain.gate import Decision
from governance.domain.legal_rules import Finding, Severity, assess
from governance.domain.quality import ContractProblem
from governance.domain.registration import Registration
from governance.domain.roles import Permission
from governance.dpia_service import covered_now, reasons_for_review
from governance.people_service import PeopleUseCases
from governance.store import assessments, catalogue_queries, registrations
from governance.store.catalogue_queries import CurrentDocument, StoredScan
from governance.store.registrations import CatalogFilter, VersionInfo

LEGAL_BASIS_RULES = frozenset(
    {
        "purpose-without-basis",  # AVG art. 6(1) and 6(4)
        "provision-missing",  # AVG art. 6(3)
        "provision-format",  # AVG art. 6(3)
        "ground-f-public-authority",  # AVG art. 6(1), last sentence
        "special-category-without-exception",  # AVG art. 9
        "criminal-data-without-basis",  # AVG art. 10
        "bsn-without-statutory-basis",  # UAVG art. 46
    }
)
"""The legal rules that say whether the processing has a lawful basis: a ground for every
purpose (with its provision for c and e), an exception for special categories and
criminal-law data, a statutory basis for the BSN. Owner, retention and the warnings are
about other duties, not the basis."""

REVIEW_NOTICE = timedelta(days=30)
"""An approved assessment shows as due for review this long before its review date."""

DETAIL_LIMIT = 50
"""The newest scans, quality runs and decisions a dataset's detail view lists."""

AUDIT_LIMIT = 200
"""The newest audit entries about one dataset in its history."""


# --- the catalogue list -------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogueQuery(CatalogFilter):
    """Search words and filters; None (or empty) leaves a filter out. Those of
    `CatalogFilter` are applied in SQL, these on the fields inside the document."""

    owner: str | None = None
    legal_ground: str | None = None
    bio_level: str | None = None


@dataclass(frozen=True)
class CatalogueRow:
    """One dataset in the catalogue table: what it is, whose, and on what basis."""

    id: str
    title: str
    organisation: str
    owner: str | None
    status: str
    holds_personal_data: bool
    legal_grounds: tuple[str, ...]
    bio_level: str
    version: int
    updated_at: str


@dataclass(frozen=True)
class CatalogueChoices:
    """What the organisation and owner filters offer: the values in the catalogue."""

    organisations: tuple[str, ...]
    owners: tuple[str, ...]


def _catalogue_row(current: CurrentDocument) -> CatalogueRow:
    """Read from the stored document (`Registration.document()`: optional parts absent),
    without validating it again: a listing of a thousand datasets must stay light."""
    document = current.document
    grounds = {p["legal_basis"]["ground"] for p in document["purposes"] if "legal_basis" in p}
    return CatalogueRow(
        current.id,
        current.title,
        current.organisation,
        document.get("owner", {}).get("name"),
        current.status,
        current.holds_personal_data,
        tuple(sorted(grounds)),
        document["confidentiality"],
        current.version,
        current.updated_at,
    )


def _matches(row: CatalogueRow, query: CatalogueQuery) -> bool:
    """The filters on fields inside the document (the others are applied in SQL)."""
    return (
        (not query.owner or row.owner == query.owner)
        and (not query.legal_ground or query.legal_ground in row.legal_grounds)
        and (not query.bio_level or row.bio_level == query.bio_level)
    )


# --- the dashboard ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DatasetCount:
    organisation: str
    status: str
    count: int


@dataclass(frozen=True)
class LegalBasisGap:
    """A dataset with personal data whose legal basis is incomplete, and the rules it breaks."""

    dataset_id: str
    title: str
    organisation: str
    rules: tuple[str, ...]


@dataclass(frozen=True)
class LegalBasisFigure:
    personal: int  # datasets holding personal data
    gaps: tuple[LegalBasisGap, ...]

    @property
    def complete(self) -> int:
        return self.personal - len(self.gaps)

    @property
    def share(self) -> float | None:
        """The part with a complete legal basis (0–1); None without personal data."""
        return self.complete / self.personal if self.personal else None


@dataclass(frozen=True)
class AssessmentCount:
    kind: str
    status: str
    count: int


@dataclass(frozen=True)
class AssessmentReview:
    """An assessment as a line in a table: its state, and whether its approval needs a
    review (its date is near or past, or a dataset it covers changed since)."""

    id: int
    kind: str
    title: str
    datasets: tuple[str, ...]
    status: str
    version: int
    author: str
    approved_version: int | None
    review_by: date | None
    review_reasons: tuple[str, ...]  # a dataset it covers changed since the approval
    overdue: bool  # the review date has passed
    review_soon: bool  # the review date is within REVIEW_NOTICE (or passed)

    @property
    def due(self) -> bool:
        return self.review_soon or bool(self.review_reasons)


@dataclass(frozen=True)
class GateCount:
    day: str  # YYYY-MM-DD (UTC)
    outcome: str
    count: int


@dataclass(frozen=True)
class PiiCount:
    """Columns per entity over the datasets with a scan of their registered data: declared
    by the registration, found by the scan, both, only found, only declared."""

    entity: str
    declared: int
    found: int
    confirmed: int
    undeclared: int
    not_found: int


@dataclass(frozen=True)
class DashboardFigures:
    datasets: tuple[DatasetCount, ...]
    legal_basis: LegalBasisFigure
    assessments: tuple[AssessmentCount, ...]
    reviews_due: tuple[AssessmentReview, ...]
    gate_outcomes: tuple[GateCount, ...]
    pii: tuple[PiiCount, ...]
    scanned: int  # datasets with a scan of their registered data
    total: int  # datasets in the catalogue


# --- one dataset ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnPii:
    """A column as registered and as the latest scan of the registered data found it; the
    differences are the scan's stored comparison (made against the version it scanned)."""

    name: str
    type: str | None  # None: not in the registration
    declared: str | None
    found: tuple[str, ...]
    undeclared: tuple[str, ...]
    not_found: tuple[str, ...]
    in_registration: bool
    in_data: bool


@dataclass(frozen=True)
class ScanFinding:
    column: str
    entity: str
    score: float
    match_rate: float
    kind: str
    evidence: tuple[str, ...]  # counts, rules and masked shapes: never a value


@dataclass(frozen=True)
class ScanRow:
    id: int
    scanned_at: str
    scanned_by: str
    source: str
    registered_source: bool  # the registered file, not one given in its place
    registration_version: int
    rows: int
    rows_scanned: int
    findings: tuple[ScanFinding, ...]
    undeclared: int  # columns with personal data the registration does not declare


@dataclass(frozen=True)
class ExpectationRow:
    """One expectation's outcome, without the unexpected-value samples (the detail view
    shows counts only)."""

    type: str
    columns: tuple[str, ...]
    severity: str
    success: bool
    observed: str
    unexpected_count: int | None
    unexpected_percent: float | None
    note: str


@dataclass(frozen=True)
class QualityRun:
    id: int
    validated_at: str
    validated_by: str
    source: str
    registration_version: int
    rows: int
    outcome: str
    contract: tuple[ContractProblem, ...]
    expectations: tuple[ExpectationRow, ...]


@dataclass(frozen=True)
class DatasetDetail:
    registration: Registration
    findings: tuple[Finding, ...]
    columns: tuple[ColumnPii, ...]
    column_scan: ScanRow | None  # the scan the columns are compared with
    scans: tuple[ScanRow, ...]
    quality: tuple[QualityRun, ...]
    decisions: tuple[Decision, ...]
    assessments: tuple[AssessmentReview, ...]
    versions: tuple[VersionInfo, ...]
    audit: tuple[AuditEntry, ...]
    # Assessments and audit entries need their own permissions (ASSESS, VIEW_AUDIT): for
    # other roles those tabs stay empty and say why.
    shows_assessments: bool = True
    shows_audit: bool = True


class CatalogueViews(PeopleUseCases):
    def catalogue(self, query: CatalogueQuery | None = None) -> tuple[CatalogueRow, ...]:
        """Every dataset matching the search and the filters, by id (the page pages)."""
        query = query or CatalogueQuery()
        with self.store.reading() as connection:
            self._require_in(connection, Permission.VIEW_CATALOGUE, "read the catalogue")
            found = catalogue_queries.current_documents(connection, query)
        rows = (_catalogue_row(current) for current in found)
        return tuple(row for row in rows if _matches(row, query))

    def catalogue_choices(self) -> CatalogueChoices:
        with self.store.reading() as connection:
            self._require_in(connection, Permission.VIEW_CATALOGUE, "read the catalogue")
            return CatalogueChoices(
                tuple(catalogue_queries.organisations(connection)),
                tuple(catalogue_queries.owners(connection)),
            )

    def dashboard(self, today: date | None = None) -> DashboardFigures:
        """The catalogue in figures, from five queries whatever its size.

        A dataset with personal data (as its registration declares them) has a *complete
        legal basis* when the legal rules find nothing of `LEGAL_BASIS_RULES` in its current
        registration: a lawful ground for every purpose (with its provision where the law
        demands one), an exception for special categories and criminal-law data, a
        statutory basis for the BSN. Other findings (owner, retention, warnings) do not
        count against it. Personal data a scan found but nobody declared shows in the PII
        figure, as found and not declared.
        """
        today = today or date.today()
        with self.store.reading() as connection:
            self._require_in(connection, Permission.VIEW_CATALOGUE, "read the dashboard")
            documents = catalogue_queries.current_documents(connection)
            labels = {d.id: d.source_label for d in documents}
            reports = catalogue_queries.latest_registered_scans(connection, labels)
            states = catalogue_queries.workflow_states(connection)
            outcomes = catalogue_queries.gate_outcomes_per_day(connection)
        per_status = Counter((d.organisation, d.status) for d in documents)
        kinds = Counter((s.kind.value, s.status.value) for s in states)
        covered = covered_now(documents, reports)
        rows = (_assessment_row(state, covered, today) for state in states)
        return DashboardFigures(
            tuple(DatasetCount(o, s, n) for (o, s), n in sorted(per_status.items())),
            _legal_basis(documents),
            tuple(AssessmentCount(k, s, n) for (k, s), n in sorted(kinds.items())),
            tuple(row for row in rows if row.due),
            tuple(GateCount(*counted) for counted in outcomes),
            _pii_counts(documents, reports),
            len(reports),
            len(documents),
        )

    def dataset_detail(self, dataset_id: str, today: date | None = None) -> DatasetDetail:
        """One dataset with everything recorded about it, for the catalogue's tabs."""
        today = today or date.today()
        with self.store.reading() as connection:
            self._require_in(connection, Permission.VIEW_CATALOGUE, "read the catalogue")
            permitted = self._permissions(connection)
            registration = registrations.get(connection, dataset_id)
            versions = registrations.history(connection, dataset_id)
            scans = catalogue_queries.scans_of(connection, dataset_id, DETAIL_LIMIT)
            runs = catalogue_queries.validations_of(connection, dataset_id, DETAIL_LIMIT)
            decided = catalogue_queries.decisions_of(connection, dataset_id, DETAIL_LIMIT)
            states = assessments.all_states(connection, dataset_id)
            covering = {d for state in states for d in state.datasets}
            documents = catalogue_queries.current_documents(connection, ids=sorted(covering))
            labels = {d.id: d.source_label for d in documents}
            reports = catalogue_queries.latest_registered_scans(connection, labels)
            entries = catalogue_queries.audit_about(
                connection, dataset_id, [s.id for s in states], AUDIT_LIMIT
            )
        shows_assessments = Permission.ASSESS in permitted
        shows_audit = Permission.VIEW_AUDIT in permitted
        label = scanning.source_label(registration)
        scan_rows = tuple(_scan_row(scan, label) for scan in scans)
        registered = next((i for i, row in enumerate(scan_rows) if row.registered_source), None)
        covered = covered_now(documents, reports)
        return DatasetDetail(
            registration,
            tuple(assess(registration)),
            _columns(registration, None if registered is None else scans[registered]),
            None if registered is None else scan_rows[registered],
            scan_rows,
            tuple(_quality_run(run) for run in runs),
            tuple(decided),
            tuple(_assessment_row(state, covered, today) for state in states)
            if shows_assessments
            else (),
            tuple(versions),
            tuple(entries) if shows_audit else (),
            shows_assessments,
            shows_audit,
        )


# --- computing the figures --------------------------------------------------------------------


def _legal_basis(documents: list[CurrentDocument]) -> LegalBasisFigure:
    """Only datasets with personal data count; the legal rules judge each registration."""
    personal = [d for d in documents if d.holds_personal_data]
    judged = ((d, _basis_gaps(d)) for d in personal)
    gaps = (LegalBasisGap(d.id, d.title, d.organisation, broken) for d, broken in judged if broken)
    return LegalBasisFigure(len(personal), tuple(gaps))


_BASIS_GAPS: dict[str, tuple[str, ...]] = {}
_BASIS_GAPS_KEPT = 20_000


def _basis_gaps(current: CurrentDocument) -> tuple[str, ...]:
    """The `LEGAL_BASIS_RULES` the registration breaks, remembered by its content digest:
    a digest names one content for good, so the answer never goes stale, and a change
    elsewhere in the store does not make the dashboard validate a thousand registrations
    again (validation is most of its time)."""
    known = _BASIS_GAPS.get(current.content_digest)
    if known is None:
        findings = assess(Registration.model_validate(current.document))
        known = tuple(
            sorted(
                {
                    f.rule_id
                    for f in findings
                    if f.severity is Severity.REFUSAL and f.rule_id in LEGAL_BASIS_RULES
                }
            )
        )
        if len(_BASIS_GAPS) >= _BASIS_GAPS_KEPT:
            _BASIS_GAPS.clear()
        _BASIS_GAPS[current.content_digest] = known
    return known


def _found(report: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["name"], e) for c in report["columns"] for e in c["entities"]}


def _declared(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(c["name"], c["pii"]) for c in document["columns"] if "pii" in c}


def _pii_counts(
    documents: list[CurrentDocument], reports: dict[str, dict[str, Any]]
) -> tuple[PiiCount, ...]:
    """Per entity, declared and found columns of the scanned datasets: a dataset never
    scanned would only add declarations nobody checked."""
    declared: Counter[str] = Counter()
    found: Counter[str] = Counter()
    confirmed: Counter[str] = Counter()
    for current in documents:
        report = reports.get(current.id)
        if report is None:
            continue
        said, seen = _declared(current.document), _found(report)
        declared.update(entity for _, entity in said)
        found.update(entity for _, entity in seen)
        confirmed.update(entity for _, entity in said & seen)
    return tuple(
        PiiCount(
            entity,
            declared[entity],
            found[entity],
            confirmed[entity],
            found[entity] - confirmed[entity],
            declared[entity] - confirmed[entity],
        )
        for entity in sorted(declared | found)
    )


def _assessment_row(state: Assessment, covered: dict[str, Any], today: date) -> AssessmentReview:
    row = AssessmentRow.of(state)
    review_by = row.review_by
    reasons = reasons_for_review(state, {d: covered[d] for d in state.datasets if d in covered})
    return AssessmentReview(
        row.id,
        row.kind.value,
        row.title,
        row.datasets,
        row.status.value,
        row.version,
        row.author,
        row.approved_version,
        review_by,
        tuple(reasons),
        review_by is not None and review_by <= today,
        review_by is not None and review_by <= today + REVIEW_NOTICE,
    )


def _scan_row(scan: StoredScan, label: str | None) -> ScanRow:
    findings = tuple(
        ScanFinding(
            column["name"],
            finding["entity"],
            finding["score"],
            finding["match_rate"],
            finding.get("kind", "structured"),
            tuple(finding["evidence"]),
        )
        for column in scan.report["columns"]
        for finding in column["findings"]
    )
    return ScanRow(
        scan.id,
        scan.scanned_at,
        scan.scanned_by,
        scan.source,
        label is None or scan.source == label,
        scan.registration_version,
        scan.rows,
        scan.rows_scanned,
        findings,
        len(scan.comparison["undeclared"]),
    )


def _columns(registration: Registration, scan: StoredScan | None) -> tuple[ColumnPii, ...]:
    """The registered columns in their order, then those only the data has."""
    report = scan.report if scan else {"columns": []}
    comparison = scan.comparison if scan else {}
    found = {c["name"]: tuple(c["entities"]) for c in report["columns"]}
    undeclared = {d["column"]: tuple(d["entities"]) for d in comparison.get("undeclared", [])}
    not_found = {
        d["column"]: tuple(d["entities"]) for d in comparison.get("declared_not_found", [])
    }
    registered = {c.name for c in registration.columns}
    rows = [
        ColumnPii(
            c.name,
            c.type.value,
            c.pii.value if c.pii else None,
            found.get(c.name, ()),
            undeclared.get(c.name, ()),
            not_found.get(c.name, ()),
            True,
            c.name in found,
        )
        for c in registration.columns
    ]
    rows += [
        ColumnPii(name, None, None, entities, undeclared.get(name, ()), (), False, True)
        for name, entities in found.items()
        if name not in registered
    ]
    return tuple(rows)


def _quality_run(run: catalogue_queries.StoredValidation) -> QualityRun:
    result = run.result
    return QualityRun(
        run.id,
        run.validated_at,
        run.validated_by,
        run.source,
        run.registration_version,
        run.rows,
        run.outcome,
        tuple(ContractProblem(**problem) for problem in result["contract"]),
        tuple(
            ExpectationRow(
                e["type"],
                tuple(e["columns"]),
                e["severity"],
                e["success"],
                "" if e["observed"] is None else str(e["observed"]),
                e["unexpected_count"],
                e["unexpected_percent"],
                e["note"] or "",
            )
            for e in result["expectations"]
        ),
    )
