"""Accounts, passwords and the permission check of every use case: a hidden button in the
UI is never the protection, the services refuse."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from governance.domain.roles import PERMISSIONS, Permission, Role, permissions_of, roles_with
from governance.domain.templates import TemplateKind
from governance.errors import BadInputError
from governance.people_service import PermissionDenied
from governance.services import Governance
from tests.test_cli import Cli

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
PASSWORD = "correct horse battery"


@pytest.fixture
def store(store_url: str) -> str:
    admin = Governance.open(store_url, "ada")
    admin.add_user("ada", frozenset({Role.ADMIN}), PASSWORD)
    for name, role in (
        ("stef", Role.STEWARD),
        ("anna", Role.ANALYST),
        ("petra", Role.PRIVACY_OFFICER),
    ):
        admin.add_user(name, frozenset({role}), PASSWORD)
    Governance.open(store_url, "stef").import_catalog([CATALOG])
    return store_url


@pytest.mark.parametrize(
    ("name", "password", "roles"),
    [
        ("stef", PASSWORD, {Role.STEWARD}),
        ("stef", PASSWORD + "x", None),
        ("stef", "", None),
        ("nobody", PASSWORD, None),
        ("STEF", PASSWORD, None),
    ],
)
def test_only_the_right_password_signs_in(
    store: str, name: str, password: str, roles: set[Role] | None
) -> None:
    found = Governance.open(store, "ui").authenticate(name, password)
    assert found == (frozenset(roles) if roles else None)


def test_the_store_holds_an_argon2_hash_never_the_password(store: str) -> None:
    engine = sa.create_engine(store)
    with engine.connect() as connection:
        hashes = [
            row[0] for row in connection.execute(sa.text("SELECT password_hash FROM credentials"))
        ]
        log = " ".join(str(row) for row in connection.execute(sa.text("SELECT * FROM audit_log")))
    engine.dispose()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert PASSWORD not in log and not any(h in log for h in hashes)


@pytest.mark.parametrize("password", ["short", "elevenchars"])
def test_a_short_password_is_refused_and_nothing_is_stored(store: str, password: str) -> None:
    with pytest.raises(BadInputError, match="at least 12 characters"):
        Governance.open(store, "ada").add_user("kim", frozenset({Role.ANALYST}), password)
    assert "kim" not in dict(Governance.open(store, "ada").users())


def test_people_set_their_own_password_and_only_an_admin_sets_anothers(store: str) -> None:
    Governance.open(store, "anna").set_password("anna", "a new long password")
    assert Governance.open(store, "x").authenticate("anna", "a new long password")
    with pytest.raises(PermissionDenied, match=r"anna \(analyst\) may not set another's password"):
        Governance.open(store, "anna").set_password("stef", "taken over password")
    Governance.open(store, "ada").set_password("stef", "reset by the admin")
    assert Governance.open(store, "x").authenticate("stef", "reset by the admin")
    with pytest.raises(BadInputError, match="no user 'ghost'"):
        Governance.open(store, "ada").set_password("ghost", "a password for nobody")


def test_a_password_hash_swapped_in_the_database_shows_in_audit_verify(store: str) -> None:
    engine = sa.create_engine(store)
    with engine.begin() as connection:
        stolen = connection.execute(
            sa.text("SELECT password_hash FROM credentials WHERE name = 'ada'")
        ).scalar()
        connection.execute(
            sa.text("UPDATE credentials SET password_hash = :h WHERE name = 'anna'"), {"h": stolen}
        )
    engine.dispose()
    report = Governance.open(store, "petra").verify_audit()
    assert not report.intact
    assert any("password anna" in problem for problem in report.problems)


@pytest.mark.parametrize(
    ("actor", "action"),
    [
        ("anna", lambda g: g.import_catalog([CATALOG])),
        ("anna", lambda g: g.scan_dataset("wmo-wachtlijst")),
        ("anna", lambda g: g.validate_dataset("wmo-wachtlijst")),
        ("anna", lambda g: g.gate("wmo-wachtlijst", "beleid-sociaal-domein", "beleidsanalyse")),
        ("anna", lambda g: g.verify_audit()),
        ("anna", lambda g: g.prescan(["wmo-wachtlijst"])),
        ("petra", lambda g: g.import_catalog([CATALOG])),
        ("petra", lambda g: g.share("wmo-wachtlijst", "x", "y", Path("/tmp/never.csv"))),
        ("stef", lambda g: g.verify_audit()),
        ("anna", lambda g: g.assessments()),
        ("anna", lambda g: g.assessment(1)),
        ("anna", lambda g: g.export(1, "md")),
        ("stranger", lambda g: g.list_catalog()),
        ("stranger", lambda g: g.export_catalog()),
        ("stranger", lambda g: g.users()),
        ("anna", lambda g: g.new_assessment(TemplateKind.DEDA, ["wmo-wachtlijst"], "")),
        ("stranger", lambda g: g.check("wmo-wachtlijst", "beleidsanalyse")),
        ("ada", lambda g: g.import_catalog([CATALOG])),
    ],
)
def test_every_use_case_refuses_a_role_without_its_permission(
    store: str, actor: str, action: object
) -> None:
    governance = Governance.open(store, actor)
    with pytest.raises(PermissionDenied, match=f"{actor} .* may not .* that needs the role"):
        action(governance)  # type: ignore[operator]


def test_a_new_store_without_accounts_lets_its_operator_set_up(sqlite_url: str) -> None:
    operator = Governance.open(sqlite_url, "setup")
    assert operator.may(Permission.REGISTER)
    operator.import_catalog([CATALOG])
    operator.add_user("setup", frozenset({Role.ADMIN}))
    assert not operator.may(Permission.REGISTER), "from the first account on, roles count"


def test_the_permission_table_gives_everyone_the_catalogue_and_no_one_everything() -> None:
    everything = frozenset(Permission)
    for role in Role:
        assert Permission.VIEW_CATALOGUE in PERMISSIONS[role]
        assert PERMISSIONS[role] != everything
    assert permissions_of(frozenset(Role)) == everything, "every permission has a role"
    assert roles_with(Permission.MANAGE_USERS) == [Role.ADMIN]


def test_users_commands_set_passwords_from_stdin(sqlite_url: str, tmp_path: Path) -> None:
    cli = Cli(sqlite_url, tmp_path)
    cli.env["GOVERNANCE_USER"] = "ada"
    added = subprocess.run(
        [*_governance(), "users", "add", "ada", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n", env=cli.env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added ada: admin (with a password)" in added.stdout
    assert Governance.open(sqlite_url, "x").authenticate("ada", PASSWORD) == {Role.ADMIN}
    empty = subprocess.run(
        [*_governance(), "users", "passwd", "ada", "--password-stdin"],
        input="\n", env=cli.env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert empty.returncode == 2 and "held no password" in empty.stderr
    no_terminal = subprocess.run(
        [*_governance(), "users", "passwd", "ada"],
        input="", env=cli.env, cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert no_terminal.returncode == 2 and "use --password-stdin" in no_terminal.stderr
    assert Governance.open(sqlite_url, "x").authenticate("ada", PASSWORD)


def _governance() -> list[str]:
    from tests.test_cli import GOVERNANCE

    return list(GOVERNANCE)


def test_repeated_failures_lock_the_name_and_a_success_clears_them(store: str) -> None:
    from governance.passwords import SIGN_IN_THROTTLE, SignInLocked

    ui = Governance.open(store, "ui")
    for _ in range(SIGN_IN_THROTTLE.allowed):
        assert ui.authenticate("Stef", "a wrong password") is None
    with pytest.raises(SignInLocked, match="too many failed sign-ins"):
        ui.authenticate("stef", PASSWORD)  # even the right password, for a while
    assert ui.authenticate("anna", PASSWORD) == {Role.ANALYST}, "other names are not locked"


def test_the_lock_ends_after_its_window() -> None:
    from governance.passwords import SignInLocked, SignInThrottle

    throttle = SignInThrottle(allowed=2, window=0.2)
    throttle.failed("x")
    throttle.check("x")
    throttle.failed("x")
    with pytest.raises(SignInLocked):
        throttle.check("x")
    time.sleep(0.25)
    throttle.check("x")
    throttle.failed("x")
    throttle.succeeded("x")
    throttle.failed("x")
    throttle.check("x")
