"""Every sharing test runs in a private key environment under tmp_path: HOME,
XDG_CONFIG_HOME and GOVERNANCE_KEY_FILE point there and GOVERNANCE_PSEUDONYM_KEY is unset,
so no test can read or create a key in the real home folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from governance.sharing.keys import KEY_ENV, KEY_FILE_ENV


@pytest.fixture(autouse=True)
def key_file_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The key file of this test (not yet created)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(KEY_ENV, raising=False)
    path = tmp_path / "keys" / "pseudonymisation.key"
    monkeypatch.setenv(KEY_FILE_ENV, str(path))
    return path
