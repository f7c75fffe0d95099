"""The sharing use cases: the gate, the analyst's check and the minimised extract.

`Governance` takes these as a base class, so the CLI, the UI and pipelines call one
object. The gate gathers its evidence on the exact data to be shared: it finds the
stored scan and quality run by the data's fingerprint and runs them only when missing,
reading the data once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance import config, scanning
from governance.domain.gate import (
    Action,
    ColumnTreatment,
    Decision,
    GateInput,
    QualityEvidence,
    ScanEvidence,
    Verdict,
    share_form,
)
from governance.domain.quality import Outcome as QualityOutcome
from governance.domain.registration import Registration, canonical_digest
from governance.domain.roles import Permission
from governance.domain.scan import ColumnDifference
from governance.domain.vocabulary import PiiEntity
from governance.dpia_service import AssessmentUseCases
from governance.errors import BadInputError
from governance.store import audit, decisions, registrations

if TYPE_CHECKING:
    from governance.domain.dpia_state import DpiaState
    from governance.sharing import ExtractReport
    from governance.sources import LoadedTable


@dataclass(frozen=True)
class _Runs:
    """What the gate knows of the data: its fingerprint, the scan and quality run on it
    (id and stored payload), whether it ran them now, and the data if it read them."""

    fingerprint: str
    scan: tuple[int, dict[str, Any]]
    quality: tuple[int, dict[str, Any]]
    scanned: bool
    validated: bool
    loaded: LoadedTable | None


@dataclass(frozen=True)
class GateRun:
    registration: Registration
    decision: Decision
    scanned: bool  # the gate ran the scan (none was stored for this data)
    validated: bool  # likewise the quality run


class Answer(StrEnum):
    APPROVED = "approved"
    NOT_APPROVED = "not approved"
    NO_LONGER_VALID = "no longer valid"
    NEVER_ASSESSED = "never assessed"


@dataclass(frozen=True)
class CheckedDecision:
    decision: Decision
    invalid_because: list[str]

    @property
    def answer(self) -> Answer:
        if self.invalid_because:
            return Answer.NO_LONGER_VALID
        return Answer.APPROVED if self.decision.outcome.allows_sharing else Answer.NOT_APPROVED


@dataclass(frozen=True)
class CheckAnswer:
    """The analyst's answer, from stored decisions only: one per recipient assessed."""

    registration: Registration
    purpose: str
    recipient: str | None
    decisions: list[CheckedDecision] = field(default_factory=list)
    unknown: str | None = None  # the purpose or recipient is not the registration's

    @property
    def answer(self) -> Answer:
        if self.unknown:
            return Answer.NOT_APPROVED
        answers = {d.answer for d in self.decisions}
        for answer in (Answer.APPROVED, Answer.NOT_APPROVED, Answer.NO_LONGER_VALID):
            if answer in answers:
                return answer
        return Answer.NEVER_ASSESSED

    @property
    def approved(self) -> bool:
        return self.answer is Answer.APPROVED


@dataclass(frozen=True)
class ShareRun:
    gate: GateRun
    reused: bool  # a valid stored decision was used, no new gate run
    extract: ExtractReport | None  # None when the gate blocked

    @property
    def decision(self) -> Decision:
        return self.gate.decision


class ShareUseCases(AssessmentUseCases):
    """The gate reads the DPIA state the assessment use cases keep, hence the base."""

    # --- the gate ------------------------------------------------------------------------

    def gate(
        self,
        dataset_id: str,
        recipient: str,
        purpose: str,
        data: Path | None = None,
        sheet: str | None = None,
        today: date | None = None,
    ) -> GateRun:
        """Decide whether the data may go to `recipient` for `purpose`, store the decision
        and audit it. Unknown purposes and recipients are decisions (blocked), not errors."""
        self.require(Permission.GATE, "run the share gate")
        registration = self._current(dataset_id)
        gate_run, _ = self._gate(registration, recipient, purpose, data, sheet, today)
        return gate_run

    def _gate(
        self,
        registration: Registration,
        recipient: str,
        purpose: str,
        data: Path | None,
        sheet: str | None,
        today: date | None,
        loaded: LoadedTable | None = None,
        fingerprint: str | None = None,
    ) -> tuple[GateRun, LoadedTable | None]:
        """The gate itself, on the data (or its fingerprint) the caller may already have;
        returns the data when it had to read it, for reuse."""
        from governance.domain.gate_rules import decide

        validity = config.decision_validity()
        today = today or date.today()
        runs = self._runs_on_data(registration, data, sheet, today, loaded, fingerprint)
        evidence = GateInput(
            registration,
            purpose,
            recipient,
            _scan_evidence(*runs.scan),
            _quality_evidence(*runs.quality),
            self._dpia(registration),
            today,
        )
        decision = decide(
            evidence, runs.fingerprint, self.actor, audit.utc_now(), validity, data is None
        )
        with self.store.writing() as connection:
            decision = decisions.record(connection, decision)
        gate_run = GateRun(registration, decision, runs.scanned, runs.validated)
        return gate_run, runs.loaded

    def _runs_on_data(
        self,
        registration: Registration,
        data: Path | None,
        sheet: str | None,
        today: date,
        loaded: LoadedTable | None,
        fingerprint: str | None,
    ) -> _Runs:
        """The scan and quality run of exactly this data (and suite): found by the data's
        fingerprint, or run now on one read of the data. A broken suite stops this before
        the scan, so nothing is stored for a run that cannot finish."""
        from governance.pii.scan import scan_table
        from governance.quality.run import suite_digest, suite_file
        from governance.store import scans, validations

        suite_yaml = suite_file(registration.id, config.project_path("expectations"))
        digest = suite_digest(suite_yaml)
        if fingerprint is None:
            fingerprint = (
                loaded.fingerprint if loaded else scanning.file_fingerprint(registration, data)
            )
        if fingerprint is None:  # SQL or XLSX: the fingerprint needs the rows or the sheet
            loaded = scanning.read_source(registration, data, sheet)
            fingerprint = loaded.fingerprint
        key = (registration.id, registration.version, fingerprint)
        with self.store.reading() as connection:
            scan_hit = scans.on_data(connection, *key)
            quality_hit = validations.on_data(connection, *key, digest)
        scanned, validated = scan_hit is None, quality_hit is None
        if validated and suite_yaml is not None:
            from governance.quality.suites import load_suite

            load_suite(suite_yaml)
        if loaded is None and (scanned or validated):
            loaded = scanning.read_source(registration, data, sheet)
        if scan_hit is None:
            assert loaded is not None
            with self.store.writing() as connection:
                scan_id, compared = scans.record(
                    connection, registration, scan_table(loaded), self.actor
                )
            scan_hit = (scan_id, compared.to_json())
        if quality_hit is None:
            assert loaded is not None
            # Found personal columns the registration does not declare: their values must
            # not reach the quality result either (declared ones are masked already).
            found = {d["column"] for d in scan_hit[1]["undeclared"]}
            validation = self._validate(
                registration, found, suite_yaml, None, sheet, today, loaded=loaded
            )
            quality_hit = (
                validation.run_id,
                {**validation.result.to_json(), "suite_digest": digest},
            )
        return _Runs(fingerprint, scan_hit, quality_hit, scanned, validated, loaded)

    # --- the analyst's check ---------------------------------------------------------------

    def check(
        self,
        dataset_id: str,
        purpose: str,
        recipient: str | None = None,
        today: date | None = None,
    ) -> CheckAnswer:
        """Is the dataset approved for this purpose (and recipient)? From the stored
        decisions on the registered data only: no data is read, nothing is written."""
        self.require(Permission.CHECK, "ask whether a dataset is approved")
        with self.store.reading() as connection:
            registration = registrations.get(connection, dataset_id)
            purpose_id = _purpose_key(registration, purpose)
            recipient_id = _recipient_key(registration, recipient) if recipient else None
            found = decisions.latest(
                connection, registration.id, purpose_id, recipient_id, registered_only=True
            )
            label = scanning.source_label(registration)
            latest_data = decisions.latest_fingerprint(connection, registration.id, label or "")
        validity = self._validity(registration, latest_data, today or date.today())
        checked = [CheckedDecision(d, validity(d)) for d in found]
        unknown = _unknown(registration, purpose, recipient)
        return CheckAnswer(registration, purpose_id, recipient_id, checked, unknown)

    def _validity(
        self, registration: Registration, fingerprint: str | None, today: date
    ) -> Callable[[Decision], list[str]]:
        """Why a decision no longer holds for the registration, DPIA and suite as they are
        now (and data with `fingerprint`, when known)."""
        from governance.quality.run import suite_digest, suite_file

        dpia_digest = self._dpia(registration).digest()
        suite = suite_digest(suite_file(registration.id, config.project_path("expectations")))
        return lambda decision: decision.invalid_because(
            registration.version, dpia_digest, fingerprint, today, suite
        )

    # --- the extract -----------------------------------------------------------------------

    def share(
        self,
        dataset_id: str,
        recipient: str,
        purpose: str,
        out: Path,
        data: Path | None = None,
        sheet: str | None = None,
        today: date | None = None,
    ) -> ShareRun:
        """Write the minimised extract the gate allows, reusing a decision that still holds
        for exactly this data, else running the gate. Nothing is written when it blocks."""
        from governance.domain.gate_rules import pseudonymised_columns
        from governance.sharing import check_target, load_key, recipient_key

        self.require(Permission.SHARE, "write an extract")
        registration = self._current(dataset_id)
        check_target(out)
        _refuse_overwriting_the_source(registration, data, out)
        # Checked before anything runs: an extract that needs a key must not fail after
        # the gate has been run and stored for nothing.
        needs_key = pseudonymised_columns(registration, purpose, recipient)
        key = load_key() if needs_key else None
        today = today or date.today()
        fingerprint = scanning.file_fingerprint(registration, data)
        loaded = None if fingerprint else scanning.read_source(registration, data, sheet)
        fingerprint = fingerprint or (loaded.fingerprint if loaded else None)
        reusable = self._valid_decision(registration, recipient, purpose, fingerprint, today)
        if reusable is not None:
            gate_run = GateRun(registration, reusable, scanned=False, validated=False)
        else:
            gate_run, loaded = self._gate(
                registration, recipient, purpose, data, sheet, today, loaded, fingerprint
            )
        decision = gate_run.decision
        if not decision.outcome.allows_sharing:
            return ShareRun(gate_run, reusable is not None, None)
        if loaded is None:
            loaded = scanning.read_source(registration, data, sheet)
        recipient_secret = recipient_key(key, decision.recipient) if key else None
        extract = _write(registration, decision, loaded, out, recipient_secret)
        with self.store.writing() as connection:
            audit.append(
                connection,
                self.actor,
                "share.extract",
                f"{registration.id}@{registration.version} decision {decision.id} to "
                f"{decision.recipient}",
                canonical_digest({"file": out.name, "rows": extract.rows, "decision": decision.id}),
            )
        return ShareRun(gate_run, reusable is not None, extract)

    def _valid_decision(
        self,
        registration: Registration,
        recipient: str,
        purpose: str,
        fingerprint: str | None,
        today: date,
    ) -> Decision | None:
        """A stored decision that still holds for exactly this data, if there is one."""
        with self.store.reading() as connection:
            found = decisions.latest(
                connection,
                registration.id,
                _purpose_key(registration, purpose),
                _recipient_key(registration, recipient),
            )
        validity = self._validity(registration, fingerprint, today)
        return next((d for d in found if d.fingerprint == fingerprint and not validity(d)), None)

    def _dpia(self, registration: Registration) -> DpiaState:
        with self.store.reading() as connection:
            return self.dpia_state(registration, connection)

    def _current(self, dataset_id: str) -> Registration:
        with self.store.reading() as connection:
            return registrations.get(connection, dataset_id)


def _purpose_key(registration: Registration, purpose: str) -> str:
    known = registration.purpose(purpose)
    return known.id if known else purpose.strip()


def _recipient_key(registration: Registration, recipient: str) -> str:
    known = registration.recipient(recipient)
    return known.id if known else recipient.strip()


def _unknown(registration: Registration, purpose: str, recipient: str | None) -> str | None:
    """Why the question cannot be approved whatever was decided: a purpose or recipient
    the registration does not know, with the ones it does."""
    if registration.purpose(purpose) is None:
        known = ", ".join(p.id for p in registration.purposes)
        return f"'{purpose}' is not a purpose of {registration.id}; its purposes are: {known}"
    if recipient is not None and registration.recipient(recipient) is None:
        known = ", ".join(f"{r.id} ({r.name})" for r in registration.recipients) or "none"
        return f"'{recipient}' is not a recipient of {registration.id}; its recipients are: {known}"
    return None


def _refuse_overwriting_the_source(
    registration: Registration, data: Path | None, out: Path
) -> None:
    located = scanning.data_file(registration, data)
    if located is not None and located[0].resolve() == out.resolve():
        raise BadInputError(f"{out}: is the data being shared; write the extract to another file")


def _scan_evidence(scan_id: int, comparison: dict[str, Any]) -> ScanEvidence:
    undeclared = tuple(
        ColumnDifference(d["column"], tuple(PiiEntity(e) for e in d["entities"]))
        for d in comparison["undeclared"]
    )
    return ScanEvidence(scan_id, undeclared)


def _quality_evidence(run_id: int, result: dict[str, Any]) -> QualityEvidence:
    """What failed, in words without values: contract problems and expectations by type
    and column, with their counts."""
    failed = [e for e in result["expectations"] if not e["success"]]

    def named(expectation: dict[str, Any]) -> str:
        count = expectation["unexpected_count"]
        unexpected = f", {count} unexpected" if count else ""
        return f"{expectation['type']} on {', '.join(expectation['columns'])}{unexpected}"

    return QualityEvidence(
        run_id,
        QualityOutcome(result["outcome"]),
        had_suite=result.get("suite_digest") is not None,
        failures=tuple(
            [p["message"] for p in result["contract"]]
            + [named(e) for e in failed if e["severity"] == "critical"]
        ),
        warnings=tuple(named(e) for e in failed if e["severity"] != "critical"),
        suite_digest=result.get("suite_digest"),
    )


def _write(
    registration: Registration,
    decision: Decision,
    loaded: LoadedTable,
    out: Path,
    key: bytes | None,
) -> ExtractReport:
    from governance.sharing import ColumnAction, DroppedColumn, ExtractPlan, write_extract

    form = share_form(decision, registration)
    entities = {c.name: c.pii for c in registration.columns}
    purpose = registration.purpose(decision.purpose)
    kept = (
        "needed for the purpose"
        if purpose is not None and purpose.columns is not None
        else "declared column (the purpose lists no columns)"
    )

    def why(treated: ColumnTreatment) -> str:
        return f"{treated.action.value} ({treated.rule})" if treated.action else kept

    plan = ExtractPlan(
        tuple(
            ColumnAction(
                c.name,
                "pseudonymise" if c.action is Action.PSEUDONYMISE else "keep",
                entities[c.name],
                why(c),
                c.source,
            )
            for c in form.shared
        ),
        tuple(DroppedColumn(c.name, why(c), c.source) for c in form.dropped),
    )
    sidecar = {
        "decision": decision.id,
        "outcome": decision.outcome.value,
        "dataset": registration.id,
        "version": registration.version,
        "data_fingerprint": decision.fingerprint,
        "recipient": decision.recipient,
        "purpose": decision.purpose,
        "valid_until": decision.valid_until.isoformat(),
        "conditions": [c.describe() for c in decision.conditions],
        "warnings": [r.reason for r in decision.with_verdict(Verdict.WARN)],
    }
    return write_extract(loaded.table, plan, out, key, sidecar)
