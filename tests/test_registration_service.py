"""The registration form's use cases: problems per field before saving, a save that makes
a new version or refuses a stale one, and the check of an uploaded data file."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest

from governance import scanning
from governance.domain.legal_rules import Severity
from governance.domain.quality import Outcome
from governance.errors import BadInputError, ConflictError
from governance.people_service import PermissionDenied
from governance.registration_service import (
    ColumnVerdict,
    RegistrationConflict,
    RegistrationRefused,
    UploadRefused,
)
from governance.services import Governance
from governance.store.registrations import SaveOutcome
from tests.builders import REMOVE, valid_document, with_change

WETTEN = "https://wetten.overheid.nl/BWBR0035362/2024-01-01#Hoofdstuk2_Paragraaf2.3_Artikel2.3.2"


def _document(**changes: Any) -> dict[str, Any]:
    document = valid_document()
    del document["version"]
    for path, value in changes.items():
        document = with_change(document, path.replace("__", "."), value)
    return document


@pytest.fixture
def gov(sqlite_url: str) -> Governance:
    return Governance.open(sqlite_url, "steward")


@pytest.mark.parametrize(
    ("change", "value", "path", "kind", "severity"),
    [
        ("title", REMOVE, ("title",), "missing", Severity.REFUSAL),
        ("retention.period", "P5X", ("retention", "period"), "value_error", Severity.REFUSAL),
        ("source.format", "json", ("source", "format"), "enum", Severity.REFUSAL),
        (
            "purposes.0.legal_basis.provision",
            "zie beleid",
            ("purposes", 0, "legal_basis", "provision"),
            "provision-format",
            Severity.REFUSAL,
        ),
        (
            "purposes.0.legal_basis.provision",
            "Wmo 2015",
            ("purposes", 0, "legal_basis", "provision"),
            "provision-format",
            Severity.REFUSAL,
        ),
        (
            "purposes.0.legal_basis.provision",
            "art. 2.3.2",
            ("purposes", 0, "legal_basis", "provision"),
            "provision-format",
            Severity.REFUSAL,
        ),
        (
            "purposes.0.legal_basis.ground",
            "legitimate_interests",
            ("purposes", 0, "legal_basis", "ground"),
            "ground-f-public-authority",
            Severity.REFUSAL,
        ),
        ("owner", REMOVE, ("owner",), "owner-missing", Severity.REFUSAL),
        ("retention", REMOVE, ("retention",), "retention-missing", Severity.REFUSAL),
        ("steward", REMOVE, ("steward",), "steward-missing", Severity.WARNING),
        ("columns", [], ("columns",), "columns-undeclared", Severity.WARNING),
    ],
)
def test_each_problem_names_its_field(
    gov: Governance, change: str, value: Any, path: tuple[Any, ...], kind: str, severity: Severity
) -> None:
    before = gov.store_version()
    problems = gov.check_registration(with_change(_document(), change, value)).problems
    assert [(p.path, p.kind, p.severity) for p in problems] == [(path, kind, severity)]
    assert problems[0].message
    assert gov.store_version() == before, "a check saves nothing"


@pytest.mark.parametrize(
    "provision",
    [
        "Wmo 2015, art. 2.3.2",
        "Jeugdwet, artikel 2.3",
        "Paspoortwet, art. 26 jo. Gemeentewet, art. 160, eerste lid, onder a",
        "Regulation (EU) 2016/679, Article 6",
        WETTEN,
    ],
)
def test_a_provision_naming_a_law_and_an_article_passes(gov: Governance, provision: str) -> None:
    document = _document(purposes__0__legal_basis__provision=provision)
    assert gov.check_registration(document).problems == ()


def test_every_example_provision_passes(gov: Governance) -> None:
    gov.import_catalog([Path(__file__).resolve().parents[1] / "catalog"])
    for dataset_id, _ in gov.registration_choices():
        stored = gov.show(dataset_id).registration.document()
        assert not gov.check_registration(stored).refusals, dataset_id


def test_a_new_dataset_is_created_and_then_updated(store_url: str) -> None:
    gov = Governance.open(store_url, "steward")
    created = gov.save_registration(_document(), None)
    assert (created.outcome, created.version) == (SaveOutcome.CREATED, 1)
    updated = gov.save_registration(_document(title="Nieuwe titel"), 1)
    assert (updated.outcome, updated.version) == (SaveOutcome.UPDATED, 2)
    again = gov.save_registration(_document(title="Nieuwe titel"), 2)
    assert (again.outcome, again.version) == (SaveOutcome.UNCHANGED, 2)
    assert gov.show("wmo-test").registration.title == "Nieuwe titel"
    assert gov.registration_choices() == [("wmo-test", "Nieuwe titel")]


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(store_url: str) -> None:
    mine, theirs = Governance.open(store_url, "steward"), Governance.open(store_url, "collega")
    mine.save_registration(_document(), None)
    theirs.save_registration(_document(title="Hun titel"), 1)
    before = mine.store_version()
    with pytest.raises(RegistrationConflict) as raised:
        mine.save_registration(_document(title="Mijn titel"), 1)
    assert isinstance(raised.value, ConflictError)
    assert (raised.value.current.version, raised.value.current.saved_by) == (2, "collega")
    assert "nothing was overwritten" in str(raised.value)
    assert mine.show("wmo-test").registration.title == "Hun titel"
    assert mine.store_version() == before
    rebased = mine.save_registration(_document(title="Mijn titel"), 2)
    assert rebased.version == 3


def test_a_new_dataset_needs_a_free_id(gov: Governance) -> None:
    gov.save_registration(_document(), None)
    with pytest.raises(RegistrationRefused) as raised:
        gov.save_registration(_document(title="Een andere"), None)
    assert [(p.path, p.kind) for p in raised.value.problems] == [(("id",), "id-taken")]
    assert gov.show("wmo-test").history[-1].version == 1


def test_an_edit_of_an_unknown_dataset_is_refused(gov: Governance) -> None:
    with pytest.raises(BadInputError, match="register it as a new dataset"):
        gov.save_registration(_document(), 3)


@pytest.mark.parametrize(
    ("change", "value"),
    [
        ("title", REMOVE),
        ("retention.period", "P5X"),
        ("purposes.0.legal_basis.provision", "zie beleid"),
        ("personal_data.bsn.statutory_basis", REMOVE),
    ],
)
def test_a_refused_save_stores_nothing(gov: Governance, change: str, value: Any) -> None:
    gov.save_registration(_document(), None)
    before = gov.store_version()
    with pytest.raises(RegistrationRefused) as raised:
        gov.save_registration(with_change(_document(), change, value), 1)
    assert raised.value.problems and all(
        p.severity is Severity.REFUSAL for p in raised.value.problems
    )
    assert gov.store_version() == before
    assert gov.show("wmo-test").registration.version == 1


def test_warnings_do_not_stop_a_save(gov: Governance) -> None:
    document = with_change(_document(), "steward", REMOVE)
    assert gov.check_registration(document).warnings
    assert gov.save_registration(document, None).outcome is SaveOutcome.CREATED


# --- uploads -------------------------------------------------------------------------------


def _bsn(seed: int) -> str:
    """A number that passes the BSN eleven-test (synthetic)."""
    digits = [int(d) for d in f"{100000000 + seed * 7919:09d}"[:8]]
    total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
    for last in range(10):
        if (total - last) % 11 == 0:
            return "".join(map(str, digits)) + str(last)
    return _bsn(seed + 1000)


def _csv() -> bytes:
    lines = ["client_bsn,datum_aanvraag,email"]
    lines += [f"{_bsn(i)},2026-01-{i % 28 + 1:02d},persoon{i}@example.nl" for i in range(40)]
    return ("\n".join(lines) + "\n").encode()


def test_an_upload_is_scanned_and_validated_against_the_registration(
    gov: Governance, monkeypatch: pytest.MonkeyPatch
) -> None:
    gov.save_registration(_document(), None)
    seen: list[tuple[Path, int, int]] = []
    read = scanning.read_source

    def watch(registration: Any, data: Path | None, sheet: str | None) -> Any:
        assert data is not None
        modes = (stat.S_IMODE(data.stat().st_mode), stat.S_IMODE(data.parent.stat().st_mode))
        seen.append((data, *modes))
        return read(registration, data, sheet)

    monkeypatch.setattr(scanning, "read_source", watch)
    before = gov.store_version()
    checked = gov.check_upload("wmo-test", "../../wmo export.csv", _csv())
    verdicts = {c.column: (c.declared, c.found, c.verdict) for c in checked.columns}
    assert verdicts["client_bsn"] == ("BSN", ("BSN",), ColumnVerdict.AGREES)
    assert verdicts["email"] == (None, ("EMAIL_ADDRESS",), ColumnVerdict.UNDECLARED)
    assert verdicts["wachtdagen"] == (None, (), ColumnVerdict.MISSING)
    assert checked.undeclared_personal_data
    assert (checked.rows, checked.filename) == (40, "wmo_export.csv")
    assert checked.outcome is Outcome.FAILED  # the contract misses 'wachtdagen'
    assert any(p.column == "wachtdagen" for p in checked.contract)
    assert gov.store_version() == before + 2, "the scan and the quality run are recorded"
    stored = gov.dataset_detail("wmo-test")
    assert stored.scans[0].source == stored.quality[0].source == "upload: wmo_export.csv"
    ((path, file_mode, folder_mode),) = seen
    assert (file_mode, folder_mode) == (0o600, 0o700), "only its owner can read the upload"
    assert not path.exists() and not path.parent.exists(), "the upload is deleted afterwards"
    text = repr(checked)
    assert "persoon1@example.nl" not in text and _bsn(1) not in text, "no value leaves the check"


@pytest.mark.parametrize(
    ("filename", "content", "says"),
    [
        ("foto.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "extension is '.png'"),
        ("export", b"a,b\n1,2\n", "extension is 'none'"),
        ("export.csv", b"\x89PNG\r\n\x1a\n" + bytes(100), "its content is no table"),
        ("export.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "its content is no table"),
        ("export.csv", b"PK\x03\x04" + bytes(60), "its content is no table"),
        ("export.xlsx", b"a,b\n1,2\n", "its content is a CSV file"),
        ("export.parquet", b"PAR1" + bytes(20), "its content is no table"),
        ("export.csv", b"", "is empty"),
    ],
)
def test_a_file_that_is_not_a_data_file_is_refused(
    gov: Governance, filename: str, content: bytes, says: str
) -> None:
    gov.save_registration(_document(), None)
    before = gov.store_version()
    with pytest.raises(UploadRefused, match=says):
        gov.check_upload("wmo-test", filename, content)
    assert gov.store_version() == before


def test_a_workbook_that_would_unpack_to_far_more_than_its_size_is_refused(
    gov: Governance,
) -> None:
    gov.save_registration(_document(), None)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 20_000_000)  # 20 MB of one digit
    assert len(packed.getvalue()) < 100_000
    with pytest.raises(UploadRefused, match="would unpack to 19 MB, far more than"):
        gov.check_upload("wmo-test", "bom.xlsx", packed.getvalue())


class _Unreadable(io.RawIOBase):
    """A stream that knows its size but must not be read: the size check comes first."""

    def __init__(self, size: int) -> None:
        self.size, self.position = size, 0

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        self.position = self.size + offset if whence == os.SEEK_END else offset
        return self.position

    def tell(self) -> int:
        return self.position

    def read(self, size: int = -1) -> bytes:
        raise AssertionError("an upload over the limit is read")


@pytest.mark.parametrize(("limit", "size"), [(None, 100 * 1024 * 1024), ("1", 1024 * 1024 + 1)])
def test_an_upload_over_the_limit_is_refused_before_it_is_read(
    gov: Governance, monkeypatch: pytest.MonkeyPatch, limit: str | None, size: int
) -> None:
    if limit is not None:
        monkeypatch.setenv("GOVERNANCE_MAX_UPLOAD_MB", limit)
    gov.save_registration(_document(), None)
    with pytest.raises(UploadRefused, match=r"more than the \d+ MB"):
        gov.check_upload("wmo-test", "groot.csv", _Unreadable(size))  # type: ignore[arg-type]


def test_an_upload_at_the_limit_is_checked(
    gov: Governance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOVERNANCE_MAX_UPLOAD_MB", "1")
    gov.save_registration(_document(), None)
    content = _csv()
    padded = content + b"\n" * (1024 * 1024 - len(content))
    assert gov.check_upload("wmo-test", "wmo.csv", padded).rows == 40


@pytest.mark.parametrize(
    ("user", "allowed"), [("steward", True), ("analist", False), ("privacy-officer", False)]
)
def test_only_a_steward_may_check_and_save(sqlite_url: str, user: str, allowed: bool) -> None:
    from governance.domain.roles import Role

    admin = Governance.open(sqlite_url, "beheer")
    admin.add_user("beheer", frozenset({Role.ADMIN}))
    admin.add_user("steward", frozenset({Role.STEWARD}))
    admin.add_user("analist", frozenset({Role.ANALYST}))
    admin.add_user("privacy-officer", frozenset({Role.PRIVACY_OFFICER}))
    gov = Governance.open(sqlite_url, user)
    actions = [
        lambda: gov.registration_choices(),
        lambda: gov.check_registration(_document()),
        lambda: gov.save_registration(_document(), None),
    ]
    for action in actions:
        if allowed:
            action()
        else:
            with pytest.raises(PermissionDenied):
                action()


def test_an_analyst_may_not_check_an_upload(sqlite_url: str) -> None:
    from governance.domain.roles import Role

    admin = Governance.open(sqlite_url, "beheer")
    admin.add_user("beheer", frozenset({Role.ADMIN, Role.STEWARD}))
    admin.add_user("analist", frozenset({Role.ANALYST}))
    admin.save_registration(_document(), None)
    with pytest.raises(PermissionDenied, match="check an uploaded data file"):
        Governance.open(sqlite_url, "analist").check_upload("wmo-test", "wmo.csv", _csv())
