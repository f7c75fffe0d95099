"""The gate, the analyst's check and the extract on the example catalogue and synthetic
pilot data, through the services and a real store (SQLite, and PostgreSQL where marked)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import yaml

from governance.domain.gate import Action, Outcome, Verdict
from governance.errors import BadInputError, UnknownDatasetError
from governance.pii.recognizers.bsn import is_valid_bsn
from governance.services import Governance
from governance.share_service import Answer
from governance.sharing import MissingKeyError
from governance.sources import read_table
from governance.synthetic import GeneratedFile, generate_pilot_data
from tests.builders import valid_document, with_changes, write_yaml

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
WMO = "wmo-wachtlijst"


@pytest.fixture(scope="module")
def pilots(tmp_path_factory: pytest.TempPathFactory) -> dict[str, GeneratedFile]:
    out = tmp_path_factory.mktemp("pilots")
    return {f.dataset_id: f for f in generate_pilot_data(out, rows=300)}


@pytest.fixture(scope="module")
def catalog(pilots: dict[str, GeneratedFile], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example catalogue with each source pointing at its generated pilot file."""
    return catalog_at(pilots, tmp_path_factory.mktemp("catalog"))


def catalog_at(pilots: dict[str, GeneratedFile], folder: Path) -> Path:
    for path in CATALOG.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        generated = pilots[path.stem].path
        text = text.replace(f"location: demo-data/{generated.name}", f"location: {generated}")
        (folder / path.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def wmo_file(pilots: dict[str, GeneratedFile]) -> Path:
    return pilots[WMO].path


def open_store(url: str, catalog: Path) -> Governance:
    governance = Governance.open(url, actor="steward")
    governance.import_catalog([catalog])
    return governance


@pytest.fixture
def governance(sqlite_url: str, catalog: Path) -> Governance:
    return open_store(sqlite_url, catalog)


def rewrite_csv(
    source: GeneratedFile,
    target: Path,
    change: Callable[[dict[str, str], int], dict[str, str]],
) -> Path:
    """A copy of a pilot CSV in its own dialect with each row passed through `change`."""
    with source.path.open(encoding=source.encoding, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=source.delimiter))
    changed = [change(dict(row), index) for index, row in enumerate(rows)]
    with target.open("w", encoding=source.encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(changed[0]), delimiter=source.delimiter)
        writer.writeheader()
        writer.writerows(changed)
    return target


def rule(decision_results: tuple, rule_id: str):  # type: ignore[no-untyped-def]
    return next(r for r in decision_results if r.rule == rule_id)


# --- the gate ------------------------------------------------------------------------------


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_registered_share_is_conditional_with_its_reasons(
    store: str, request: pytest.FixtureRequest, catalog: Path
) -> None:
    governance = open_store(request.getfixturevalue(f"{store}_url"), catalog)
    run = governance.gate(WMO, "beleid-sociaal-domein", "beleidsanalyse")
    decision = run.decision
    assert decision.outcome is Outcome.CONDITIONAL
    assert (run.scanned, run.validated) == (True, True)
    conditions = {c.action: c.columns for c in decision.conditions}
    assert conditions[Action.PSEUDONYMISE] == ("Client_BSN",)
    assert "Clientnaam" in conditions[Action.DROP]
    assert rule(decision.results, "purpose-limitation").verdict is Verdict.PASS
    assert decision.id is not None
    again = governance.gate(WMO, "beleid-sociaal-domein", "beleidsanalyse")
    assert (again.scanned, again.validated) == (False, False)  # found by fingerprint
    assert again.decision.id != decision.id
    assert governance.verify_audit().intact


def test_an_unregistered_purpose_is_blocked_citing_purpose_limitation(
    governance: Governance, wmo_file: Path
) -> None:
    decision = governance.gate(WMO, "sdr-dataplatform", "marketing").decision
    assert decision.outcome is Outcome.BLOCKED
    purpose = rule(decision.results, "purpose-limitation")
    assert purpose.verdict is Verdict.BLOCK
    assert "AVG art. 5(1)(b)" in purpose.source and "art. 6(4)" in purpose.source
    assert "wachtlijst-monitoring, beleidsanalyse" in purpose.reason


def test_an_unknown_recipient_is_blocked_listing_the_known_ones(
    governance: Governance, wmo_file: Path
) -> None:
    decision = governance.gate(WMO, "Makelaar BV", "beleidsanalyse").decision
    recipient = rule(decision.results, "recipient-allowed")
    assert (decision.outcome, recipient.verdict) == (Outcome.BLOCKED, Verdict.BLOCK)
    assert "sdr-dataplatform (Dataplatform Samenwerking Data Rivierland)" in recipient.reason


def test_an_undeclared_bsn_column_is_blocked_citing_the_finding(
    governance: Governance, pilots: dict[str, GeneratedFile], tmp_path: Path
) -> None:
    data = rewrite_csv(
        pilots[WMO], tmp_path / "wmo.csv", lambda row, _: {**row, "BSN_partner": row["Client_BSN"]}
    )
    decision = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=data).decision
    found = rule(decision.results, "pii-declared")
    assert (decision.outcome, found.verdict) == (Outcome.BLOCKED, Verdict.BLOCK)
    assert "BSN_partner (BSN)" in found.reason


def test_data_failing_a_critical_expectation_is_blocked(
    governance: Governance, pilots: dict[str, GeneratedFile], tmp_path: Path
) -> None:
    def unknown_status(row: dict[str, str], index: int) -> dict[str, str]:
        return {**row, "Status": "Zoekgeraakt"} if index % 10 == 0 else row

    data = rewrite_csv(pilots[WMO], tmp_path / "wmo.csv", unknown_status)
    decision = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=data).decision
    quality = rule(decision.results, "quality")
    assert (decision.outcome, quality.verdict) == (Outcome.BLOCKED, Verdict.BLOCK)
    assert "expect_column_values_to_be_in_set on Status, 30 unexpected" in quality.reason
    assert "Zoekgeraakt" not in quality.reason  # counts, never values


# --- the extract -------------------------------------------------------------------------


def test_a_bsn_share_for_analysis_carries_pseudonyms_not_bsns(
    governance: Governance, wmo_file: Path, tmp_path: Path, key_file: Path
) -> None:
    original = read_table(wmo_file).table.column("Client_BSN").to_pylist()
    out = tmp_path / "out" / "wmo.csv"
    out.parent.mkdir()
    run = governance.share(WMO, "beleid-sociaal-domein", "beleidsanalyse", out)
    assert run.extract is not None and run.gate.decision.outcome is Outcome.CONDITIONAL
    shared = read_table(out).table
    assert "Clientnaam" not in shared.column_names and "Opmerking" not in shared.column_names
    pseudonyms = shared.column("Client_BSN").to_pylist()
    assert len(pseudonyms) == len(original)
    assert not set(pseudonyms) & set(original)
    cells = [cell for column in shared.columns for cell in column.to_pylist() if cell]
    assert not any(is_valid_bsn(cell) for cell in cells)  # no BSN anywhere in the extract
    sidecar = yaml.safe_load(out.with_name("wmo.csv.json").read_text())
    assert sidecar["decision"] == run.gate.decision.id
    treated = {c["name"]: c["action"] for c in sidecar["columns"]}
    assert treated["Client_BSN"] == "pseudonymise"
    assert {d["name"] for d in sidecar["dropped"]} >= {"Clientnaam", "Opmerking"}


def test_pseudonyms_hold_within_a_recipient_and_differ_across_recipients(
    governance: Governance, wmo_file: Path, tmp_path: Path, key_file: Path
) -> None:
    def bsn_pseudonyms(recipient: str, name: str) -> list[str]:
        out = tmp_path / name
        governance.share(WMO, recipient, "beleidsanalyse", out)
        return pq.read_table(out).column("Client_BSN").to_pylist()

    first = bsn_pseudonyms("beleid-sociaal-domein", "a.parquet")
    assert bsn_pseudonyms("beleid-sociaal-domein", "b.parquet") == first
    other = bsn_pseudonyms("sdr-dataplatform", "c.parquet")
    assert len(other) == len(first) and not set(other) & set(first)


def test_a_share_reuses_a_valid_decision_and_gates_again_on_other_data(
    governance: Governance, pilots: dict[str, GeneratedFile], tmp_path: Path, key_file: Path
) -> None:
    wmo = pilots[WMO].path
    decided = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=wmo).decision
    run = governance.share(WMO, "sdr-dataplatform", "beleidsanalyse", tmp_path / "a.csv", data=wmo)
    assert run.reused and run.gate.decision.id == decided.id
    other = rewrite_csv(pilots[WMO], tmp_path / "other.csv", lambda row, _: row)
    other.write_text(other.read_text(encoding=pilots[WMO].encoding) + "\n", pilots[WMO].encoding)
    rerun = governance.share(
        WMO, "sdr-dataplatform", "beleidsanalyse", tmp_path / "b.csv", data=other
    )
    assert not rerun.reused and rerun.gate.decision.id != decided.id


def test_a_blocked_share_writes_nothing(
    governance: Governance, wmo_file: Path, tmp_path: Path, key_file: Path
) -> None:
    out = tmp_path / "wmo.csv"
    run = governance.share(WMO, "sdr-dataplatform", "marketing", out)
    assert run.extract is None and run.gate.decision.outcome is Outcome.BLOCKED
    assert list(tmp_path.glob("wmo.csv*")) == []


def test_a_missing_key_stops_the_share_before_anything_is_written(
    governance: Governance, wmo_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_KEY_FILE", str(tmp_path / "absent.key"))
    monkeypatch.delenv("GOVERNANCE_PSEUDONYM_KEY", raising=False)
    with pytest.raises(MissingKeyError, match="governance init"):
        governance.share(WMO, "sdr-dataplatform", "beleidsanalyse", tmp_path / "x.csv")
    assert list(tmp_path.glob("x.csv*")) == []
    assert governance.check(WMO, "beleidsanalyse").answer == Answer.NEVER_ASSESSED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("absent.csv", "absent.csv"),
        ("empty.csv", "empty"),
    ],
)
def test_unreadable_data_is_bad_input_and_decides_nothing(
    governance: Governance, tmp_path: Path, data: str, message: str
) -> None:
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(BadInputError, match=message):
        governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=tmp_path / data)
    assert governance.check(WMO, "beleidsanalyse").answer == Answer.NEVER_ASSESSED


def test_an_unknown_dataset_suggests_near_names(governance: Governance) -> None:
    with pytest.raises(UnknownDatasetError, match="wmo-wachtlijst"):
        governance.gate("wmo-wachtlyst", "sdr-dataplatform", "beleidsanalyse")


# --- the analyst's check -------------------------------------------------------------------


def test_check_answers_never_assessed_with_the_steward(governance: Governance) -> None:
    answer = governance.check(WMO, "beleidsanalyse", "sdr-dataplatform")
    assert answer.answer == Answer.NEVER_ASSESSED and not answer.approved
    assert answer.registration.steward is not None


def test_check_answers_approved_and_not_approved(governance: Governance, wmo_file: Path) -> None:
    governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")
    approved = governance.check(WMO, "beleidsanalyse", "Dataplatform Samenwerking Data Rivierland")
    assert approved.answer == Answer.APPROVED
    governance.gate(WMO, "beleid-sociaal-domein", "wachtlijst-monitoring")
    refused = governance.check(WMO, "wachtlijst-monitoring", "beleid-sociaal-domein")
    assert refused.answer == Answer.NOT_APPROVED
    blocked_by = refused.decisions[0].decision.with_verdict(Verdict.BLOCK)
    assert [r.rule for r in blocked_by] == ["recipient-allowed"]


def test_a_decision_is_no_longer_valid_after_the_registration_changes(
    governance: Governance, catalog: Path, tmp_path: Path
) -> None:
    governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")
    document = yaml.safe_load((catalog / f"{WMO}.yaml").read_text(encoding="utf-8"))
    document["title"] = "Wachtlijst Wmo (nieuwe titel)"
    governance.import_catalog([write_yaml(document, tmp_path / "wmo.yaml")])
    answer = governance.check(WMO, "beleidsanalyse", "sdr-dataplatform")
    assert answer.answer == Answer.NO_LONGER_VALID
    assert "version 1 then, 2 now" in answer.decisions[0].invalid_because[0]


def test_a_decision_expires(
    governance: Governance, wmo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_DECISION_VALIDITY", "P7D")
    today = date(2026, 11, 28)
    decision = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", today=today).decision
    assert decision.valid_until == today + timedelta(days=7)
    later = governance.check(WMO, "beleidsanalyse", today=today + timedelta(days=8))
    assert later.answer == Answer.NO_LONGER_VALID
    assert "expired on 2026-12-05" in later.decisions[0].invalid_because[0]


def test_a_decision_holds_no_longer_than_the_dpia_it_relies_on(
    governance: Governance, wmo_file: Path
) -> None:
    decision = governance.gate(
        WMO, "sdr-dataplatform", "beleidsanalyse", today=date(2027, 2, 1)
    ).decision
    assert decision.valid_until == date(2027, 3, 12)  # the DPIA's review date


def test_a_bad_validity_setting_is_bad_input(
    governance: Governance, wmo_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_DECISION_VALIDITY", "90 dagen")
    with pytest.raises(BadInputError, match="GOVERNANCE_DECISION_VALIDITY"):
        governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")


def test_the_gate_reads_an_sql_source_once_and_finds_its_runs_again(
    sqlite_url: str, tmp_path: Path
) -> None:
    import sqlalchemy as sa

    data_url = f"sqlite:///{tmp_path}/bron.db"
    engine = sa.create_engine(data_url)
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE wachtlijst (client_bsn TEXT, datum_aanvraag TEXT, wachtdagen INTEGER)"
        )
        connection.exec_driver_sql(
            "INSERT INTO wachtlijst VALUES ('111222333', '2026-01-05', 12), "
            "('123456782', '2026-02-10', 30)"
        )
    engine.dispose()
    document = with_changes(
        valid_document("wmo-sql"),
        {
            "source": {"system": "Suite4", "format": "sql", "url": data_url, "table": "wachtlijst"},
            "purposes.0.kind": "analysis",
            "dpia": {"prescan": "not_required", "reasoning": "test"},
            "personal_data.special_categories": [],
        },
    )
    governance = Governance.open(sqlite_url, actor="steward")
    governance.import_catalog([write_yaml(document, tmp_path / "wmo-sql.yaml")])
    first = governance.gate("wmo-sql", "dataplatform", "wachtlijst-monitoring")
    assert (first.scanned, first.validated) == (True, True)
    assert first.decision.outcome is Outcome.CONDITIONAL
    again = governance.gate("wmo-sql", "dataplatform", "wachtlijst-monitoring")
    assert (again.scanned, again.validated) == (False, False)
    assert again.decision.fingerprint == first.decision.fingerprint


# --- what the gate may and may not reuse --------------------------------------------------------


def test_a_scan_of_a_sample_is_not_reused_for_the_whole_file(governance: Governance) -> None:
    governance.scan_dataset(WMO, sample=50)
    assert governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse").scanned


def test_a_changed_suite_needs_a_new_quality_run(
    governance: Governance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")
    suites = tmp_path / "expectations"
    suites.mkdir()
    suite = (CATALOG.parent / "expectations" / f"{WMO}.yaml").read_text(encoding="utf-8")
    (suites / f"{WMO}.yaml").write_text(suite.replace("min_value: 0", "min_value: 5"), "utf-8")
    monkeypatch.chdir(tmp_path)  # expectations/ of the working directory wins
    answer = governance.check(WMO, "beleidsanalyse", "sdr-dataplatform")
    assert "the expectation suite changed" in answer.decisions[0].invalid_because[0]
    second = governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")
    assert second.validated and second.decision.validation_id != first.decision.validation_id


def test_check_answers_from_the_registered_data_only(
    governance: Governance, pilots: dict[str, GeneratedFile], tmp_path: Path
) -> None:
    sample = rewrite_csv(pilots[WMO], tmp_path / "sample.csv", lambda row, _: row)
    governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=sample)
    answer = governance.check(WMO, "beleidsanalyse", "sdr-dataplatform")
    assert answer.answer == Answer.NEVER_ASSESSED


def test_check_says_when_the_registered_data_changed(
    governance: Governance, pilots: dict[str, GeneratedFile], tmp_path: Path
) -> None:
    governance.gate(WMO, "sdr-dataplatform", "beleidsanalyse")
    registered = pilots[WMO].path
    original = registered.read_bytes()
    try:
        registered.write_bytes(original + b"\n")
        governance.scan_dataset(WMO)
        answer = governance.check(WMO, "beleidsanalyse", "sdr-dataplatform")
        assert answer.answer == Answer.NO_LONGER_VALID
        assert "the data changed" in answer.decisions[0].invalid_because[0]
    finally:
        registered.write_bytes(original)


def test_check_names_an_unknown_recipient_and_the_known_ones(governance: Governance) -> None:
    answer = governance.check(WMO, "beleidsanalyse", "makelaar")
    assert answer.answer == Answer.NOT_APPROVED
    assert answer.unknown is not None and "sdr-dataplatform" in answer.unknown


def test_a_share_never_overwrites_its_own_data(
    governance: Governance, pilots: dict[str, GeneratedFile], key_file: Path
) -> None:
    with pytest.raises(BadInputError, match="is the data being shared"):
        governance.share(WMO, "sdr-dataplatform", "beleidsanalyse", pilots[WMO].path)


def test_a_share_that_pseudonymises_nothing_needs_no_key(
    governance: Governance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_KEY_FILE", str(tmp_path / "absent.key"))
    monkeypatch.delenv("GOVERNANCE_PSEUDONYM_KEY", raising=False)
    run = governance.share(
        "project-planning", "concerncontrol", "portfoliosturing", tmp_path / "pp.csv"
    )
    assert run.extract is not None and run.decision.outcome.allows_sharing


def test_identifiers_travel_as_pseudonyms_for_analysis(
    governance: Governance, tmp_path: Path, key_file: Path
) -> None:
    run = governance.share(WMO, "sdr-dataplatform", "wachtlijst-monitoring", tmp_path / "m.csv")
    treated = {c.name: c.action for c in run.extract.columns} if run.extract else {}
    assert treated["Aanvraagnummer"] == treated["Client_BSN"] == "pseudonymise"
