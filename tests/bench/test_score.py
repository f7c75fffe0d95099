"""The benchmark's scoring, on hand-made scan reports: no CLI, no generated data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.pii import score
from bench.pii.labels import TableLabels, read_labels, write_labels
from bench.pii.score import ColumnResult, Counts, compare, count, micro

LABELS = TableLabels(
    file="wmo.csv",
    columns={
        "Client_BSN": ("BSN",),
        "Adres": ("STREET_ADDRESS", "POSTCODE"),
        "bsn_hash": (),
        "status": (),
        "Opmerking": ("PHONE_NUMBER",),
    },
    hard_negatives=("bsn_hash",),
    about={"bsn_hash": "SHA-256 hashes"},
)


def report(**entities: list[str]) -> dict[str, object]:
    return {
        "source": "wmo.csv",
        "rows": 10,
        "rows_scanned": 10,
        "columns": [{"name": n, "entities": e, "findings": []} for n, e in entities.items()],
    }


PERFECT = report(
    Client_BSN=["BSN"],
    Adres=["POSTCODE", "STREET_ADDRESS"],
    bsn_hash=[],
    status=[],
    Opmerking=["PHONE_NUMBER"],
)


def test_a_perfect_scan_meets_every_target() -> None:
    results = compare(LABELS, PERFECT)
    per_entity = count(results)
    assert micro(per_entity) == Counts(tp=4, fp=0, fn=0)
    assert micro(per_entity).f1 == 1.0
    assert per_entity["IBAN"].f1 is None  # not in this table: not judged
    assert score.all_failures(results, {}) == []
    assert score.mismatches(results) == []


def test_column_entity_pairs_are_the_unit() -> None:
    scanned = report(
        Client_BSN=["BSN", "PERSON"],
        Adres=["STREET_ADDRESS"],
        bsn_hash=[],
        status=[],
        Opmerking=["PHONE_NUMBER"],
    )
    per_entity = count(compare(LABELS, scanned))
    assert per_entity["BSN"] == Counts(tp=1)
    assert per_entity["PERSON"] == Counts(fp=1)
    assert per_entity["POSTCODE"] == Counts(fn=1)
    assert per_entity["PERSON"].f1 == 0.0
    assert per_entity["POSTCODE"].precision is None and per_entity["POSTCODE"].f1 == 0.0
    total = micro(per_entity)
    assert total == Counts(tp=3, fp=1, fn=1)
    assert total.precision == pytest.approx(0.75)
    assert total.recall == pytest.approx(0.75)
    assert total.f1 == pytest.approx(0.75)


def test_a_finding_on_a_hard_negative_fails_even_with_good_f1() -> None:
    many = {f"c{i}": ("BSN",) for i in range(200)}
    labels = TableLabels("t.csv", {**many, "bsn": ()}, hard_negatives=("bsn",))
    scanned = report(**{name: ["BSN"] for name in [*many, "bsn"]})
    results = compare(labels, scanned)
    assert micro(count(results)).f1 > 0.99
    hard = score.hard_negative_false_positives(results)
    assert [(r.column, sorted(r.judged_extra)) for r in hard] == [("bsn", ["BSN"])]
    assert any("hard-negative" in f for f in score.all_failures(results, {}))


def test_a_false_positive_on_an_ordinary_negative_costs_precision_only() -> None:
    scanned = report(
        Client_BSN=["BSN"],
        Adres=["POSTCODE", "STREET_ADDRESS"],
        bsn_hash=[],
        status=["PERSON"],
        Opmerking=["PHONE_NUMBER"],
    )
    results = compare(LABELS, scanned)
    assert score.hard_negative_false_positives(results) == []
    assert count(results)["PERSON"] == Counts(fp=1)


def test_entity_target_applies_per_entity() -> None:
    per_entity = {"BSN": Counts(tp=95, fn=5), "IBAN": Counts(tp=8, fn=2)}
    failures = score.target_failures(per_entity, [], micro_target=0.9)
    assert failures == ["IBAN F1 0.889 < 0.9"]


def test_micro_target() -> None:
    per_entity = {"BSN": Counts(tp=96, fp=2, fn=4)}
    assert score.target_failures(per_entity, []) == ["micro F1 0.970 < 0.97"]
    per_entity = {"BSN": Counts(tp=97, fp=1, fn=3)}
    assert score.target_failures(per_entity, []) == []


def test_a_missing_column_counts_as_reporting_nothing() -> None:
    scanned = report(Client_BSN=["BSN"])
    results = compare(LABELS, scanned)
    adres = next(r for r in results if r.column == "Adres")
    assert adres.got == frozenset() and adres.note == "not in scan"
    assert count(results)["POSTCODE"] == Counts(fn=1)


def test_headers_match_exactly() -> None:
    scanned = report(**{"\ufeffClient_BSN": ["BSN"]})  # a BOM left on the first header
    results = compare(LABELS, scanned)
    assert count(results)["BSN"] == Counts(fn=1)
    unlabelled = score.unjudged(results)
    assert [r.note for r in unlabelled] == ["not in labels"]


def test_a_failed_scan_misses_everything_and_is_reported() -> None:
    results = compare(LABELS, None)
    assert micro(count(results)) == Counts(fn=4)
    failures = score.all_failures(results, {"wmo.csv": "exit code 3"})
    assert "1 table(s) could not be scanned" in failures


def test_entities_outside_the_vocabulary_are_not_judged() -> None:
    scanned = report(
        Client_BSN=["BSN"],
        Adres=["POSTCODE", "STREET_ADDRESS"],
        bsn_hash=["NATIONALITY"],
        status=[],
        Opmerking=["PHONE_NUMBER"],
    )
    results = compare(LABELS, scanned)
    assert score.all_failures(results, {}) == []
    assert [r.column for r in score.unjudged(results)] == ["bsn_hash"]


def test_malformed_reports_do_not_crash() -> None:
    odd = {"columns": [{"name": "Client_BSN", "entities": "BSN"}, {"entities": ["BSN"]}, 3]}
    results = compare(LABELS, odd)
    assert count(results)["BSN"] == Counts(fn=1)


def test_report_text_names_columns_and_entities_only() -> None:
    scanned = report(
        Client_BSN=[],
        Adres=["STREET_ADDRESS", "POSTCODE"],
        bsn_hash=["BSN"],
        status=[],
        Opmerking=["PHONE_NUMBER"],
    )
    text = score.format_report(compare(LABELS, scanned), {})
    assert "wmo.csv :: bsn_hash got [BSN]  (SHA-256 hashes)" in text
    assert "wmo.csv :: Client_BSN: expected [BSN] got []" in text
    assert text.rstrip().splitlines()[-4:] == [
        "targets: MISSED",
        "  - micro F1 0.750 < 0.97",
        "  - BSN F1 0.000 < 0.9",
        "  - 1 false positive(s) on hard-negative columns (target 0)",
    ]


def test_main_scores_saved_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_labels(tmp_path, LABELS)
    saved = tmp_path / "saved"
    saved.mkdir()
    (saved / "wmo.scan.json").write_text(json.dumps(PERFECT), "utf-8")
    assert score.main([str(tmp_path), "--load", str(saved)]) == 0
    assert "targets: met" in capsys.readouterr().out
    (saved / "wmo.scan.json").write_text(json.dumps(report(Client_BSN=["BSN"])), "utf-8")
    assert score.main([str(tmp_path), "--load", str(saved)]) == 1


def test_main_without_labels_is_bad_input(tmp_path: Path) -> None:
    assert score.main([str(tmp_path)]) == 2


def test_label_files_round_trip_and_default_hard_negatives(tmp_path: Path) -> None:
    path = write_labels(tmp_path, LABELS)
    assert path.name == "wmo.labels.json"
    assert read_labels(path) == LABELS
    bare = tmp_path / "bare.labels.json"
    bare.write_text(json.dumps({"file": "b.csv", "columns": {"a": ["BSN"], "b": []}}), "utf-8")
    assert read_labels(bare).hard_negatives == ("b",)  # no list given: every [] column


def test_labels_reject_unknown_entities_and_labelled_hard_negatives() -> None:
    with pytest.raises(ValueError, match="unknown entities"):
        TableLabels("t.csv", {"a": ("SSN",)})
    with pytest.raises(ValueError, match="must be labelled"):
        TableLabels("t.csv", {"a": ("BSN",)}, hard_negatives=("a",))


def test_column_result_splits_missed_and_extra() -> None:
    result = ColumnResult("t", "c", frozenset({"BSN", "PERSON"}), frozenset({"BSN", "IBAN", "X"}))
    assert result.missed == {"PERSON"}
    assert result.extra == {"IBAN", "X"}
    assert result.judged_extra == {"IBAN"}


def test_optional_entities_count_neither_way() -> None:
    labels = TableLabels(
        "t.csv",
        {"Adres": ("STREET_ADDRESS",), "Postcode": ("POSTCODE",)},
        optional={"Adres": ("POSTCODE",)},
    )
    for reported in (["STREET_ADDRESS"], ["STREET_ADDRESS", "POSTCODE"]):
        results = compare(labels, report(Adres=reported, Postcode=["POSTCODE"]))
        assert micro(count(results)) == Counts(tp=2), reported
        assert score.mismatches(results) == []
    missing = compare(labels, report(Adres=["POSTCODE"], Postcode=["POSTCODE"]))
    assert count(missing)["STREET_ADDRESS"] == Counts(fn=1)


def test_optional_entities_are_validated_and_round_trip(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="required and optional"):
        TableLabels("t.csv", {"a": ("POSTCODE",)}, optional={"a": ("POSTCODE",)})
    with pytest.raises(ValueError, match="unknown column"):
        TableLabels("t.csv", {"a": ()}, optional={"b": ("POSTCODE",)})
    with pytest.raises(ValueError, match="must be labelled"):
        TableLabels("t.csv", {"a": ()}, hard_negatives=("a",), optional={"a": ("POSTCODE",)})
    labels = TableLabels("t.csv", {"a": ("STREET_ADDRESS",)}, optional={"a": ("POSTCODE",)})
    assert read_labels(write_labels(tmp_path, labels)) == labels
