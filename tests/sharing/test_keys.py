"""The pseudonymisation key: where it lives, created private and once, read from the
environment or the file, and refused - without showing it - when it is unsafe or malformed."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from governance.errors import BadInputError, ExitCode
from governance.sharing import MissingKeyError, ensure_key, key_file, load_key
from governance.sharing.keys import KEY_ENV, KEY_FILE_ENV

SECRET = "5ec7e7" * 11  # 66 hex characters: 33 bytes, a valid key
SECRET_PREFIX = SECRET[:16]  # what a partial leak would show


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_key_file(path: Path, content: str, mode: int = 0o600) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="ascii")
    path.chmod(mode)
    return path


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    """Umask 0: whatever the code asks for is what the file gets."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_key_file_from_environment(key_file_path: Path) -> None:
    assert key_file() == key_file_path


def test_key_file_under_xdg_config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV)
    assert key_file() == tmp_path / "config" / "governance" / "pseudonymisation.key"


def test_key_file_defaults_to_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV)
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert key_file() == tmp_path / "home" / ".config" / "governance" / "pseudonymisation.key"


@pytest.mark.usefixtures("permissive_umask")
def test_ensure_key_creates_a_private_key(key_file_path: Path) -> None:
    assert ensure_key() is True
    assert mode_of(key_file_path) == 0o600
    assert mode_of(key_file_path.parent) == 0o700
    content = key_file_path.read_text(encoding="ascii")
    assert len(content.strip()) == 64
    assert bytes.fromhex(content) == load_key()


def test_ensure_key_is_idempotent(key_file_path: Path) -> None:
    assert ensure_key() is True
    first = key_file_path.read_bytes()
    assert ensure_key() is False
    assert key_file_path.read_bytes() == first
    assert mode_of(key_file_path) == 0o600


def test_ensure_key_at_an_explicit_path(tmp_path: Path, key_file_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere" / "key"
    assert ensure_key(elsewhere) is True
    assert mode_of(elsewhere) == 0o600
    assert not key_file_path.exists()


def test_each_new_key_is_random(tmp_path: Path) -> None:
    ensure_key(tmp_path / "a")
    ensure_key(tmp_path / "b")
    assert (tmp_path / "a").read_bytes() != (tmp_path / "b").read_bytes()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660, 0o620, 0o602, 0o666, 0o610])
def test_ensure_key_refuses_an_existing_file_open_to_others(key_file_path: Path, mode: int) -> None:
    write_key_file(key_file_path, SECRET, mode)
    with pytest.raises(BadInputError) as raised:
        ensure_key()
    message = str(raised.value)
    assert str(key_file_path) in message
    assert f"chmod 600 {key_file_path}" in message
    assert SECRET_PREFIX not in message
    assert key_file_path.read_text(encoding="ascii") == SECRET  # not replaced


@pytest.mark.parametrize("mode", [0o600, 0o400, 0o700])
def test_owner_only_modes_are_accepted(key_file_path: Path, mode: int) -> None:
    write_key_file(key_file_path, SECRET, mode)
    assert ensure_key() is False
    assert load_key() == bytes.fromhex(SECRET)


def test_environment_key_wins_over_the_file(
    key_file_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_key()
    monkeypatch.setenv(KEY_ENV, SECRET)
    assert load_key() == bytes.fromhex(SECRET)


def test_environment_key_needs_no_file(
    key_file_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, f"  {SECRET.upper()}\n")
    assert load_key() == bytes.fromhex(SECRET)
    assert not key_file_path.exists()


@pytest.mark.parametrize(
    "value",
    [
        SECRET[:62],  # 31 bytes: too short
        SECRET[:63],  # odd length
        SECRET[:-1] + "g",  # not hex
        "correct horse battery staple " * 3,  # a passphrase, not a key
    ],
)
def test_a_bad_environment_key_is_refused_without_showing_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv(KEY_ENV, value)
    with pytest.raises(BadInputError) as raised:
        load_key()
    message = str(raised.value)
    assert KEY_ENV in message
    assert "at least 64" in message
    assert value[:16] not in message
    assert value[:16] not in repr(raised.value)


def test_a_missing_key_says_how_to_make_one(key_file_path: Path) -> None:
    with pytest.raises(MissingKeyError) as raised:
        load_key()
    message = str(raised.value)
    assert str(key_file_path) in message
    assert "governance init" in message
    assert KEY_ENV in message
    assert isinstance(raised.value, BadInputError)
    assert raised.value.exit_code == ExitCode.BAD_INPUT


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604])
def test_load_key_refuses_a_file_open_to_others(key_file_path: Path, mode: int) -> None:
    write_key_file(key_file_path, SECRET, mode)
    with pytest.raises(BadInputError) as raised:
        load_key()
    assert f"chmod 600 {key_file_path}" in str(raised.value)
    assert SECRET_PREFIX not in str(raised.value)


@pytest.mark.parametrize(
    "content",
    ["", "\n", SECRET[:62], SECRET[:-2] + "zz", "-----BEGIN PRIVATE KEY-----\n" + SECRET],
)
def test_load_key_refuses_a_malformed_file_without_showing_it(
    key_file_path: Path, content: str
) -> None:
    write_key_file(key_file_path, content)
    with pytest.raises(BadInputError) as raised:
        load_key()
    message = str(raised.value)
    assert str(key_file_path) in message
    assert "at least 64" in message
    assert SECRET_PREFIX not in message and SECRET_PREFIX not in repr(raised.value)
    assert not isinstance(raised.value, MissingKeyError)


def test_load_key_refuses_a_file_that_is_not_text(key_file_path: Path) -> None:
    key_file_path.parent.mkdir(parents=True)
    key_file_path.write_bytes(b"\xff\xfe" + SECRET.encode())
    key_file_path.chmod(0o600)
    with pytest.raises(BadInputError, match="cannot read the pseudonymisation key") as raised:
        load_key()
    assert SECRET_PREFIX not in str(raised.value)


def test_load_key_refuses_a_folder(key_file_path: Path) -> None:
    key_file_path.mkdir(parents=True, mode=0o700)
    with pytest.raises(BadInputError, match="cannot read the pseudonymisation key"):
        load_key()
