"""The pseudonymisation key: where it lives, how it is made, how it is read.

Whoever holds the key can undo a pseudonym by hashing candidate BSNs (there are only a
billion), so the key lives outside the repository and outside every extract, readable by
its owner only, and its value never appears in a message, a repr or a log line: errors
name the file or the variable it came from, and what is wrong with it.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from governance.errors import BadInputError

KEY_ENV = "GOVERNANCE_PSEUDONYM_KEY"
KEY_FILE_ENV = "GOVERNANCE_KEY_FILE"
KEY_BYTES = 32
"""A key is at least 32 random bytes (256 bits, the output size of HMAC-SHA256)."""


class MissingKeyError(BadInputError):
    """No pseudonymisation key is set up: the user runs `governance init` or sets one."""


def key_file() -> Path:
    """`GOVERNANCE_KEY_FILE`, else `$XDG_CONFIG_HOME/governance/pseudonymisation.key`
    (XDG default `~/.config`): a per-user place, never inside the repository."""
    configured = os.environ.get(KEY_FILE_ENV)
    if configured:
        return Path(configured)
    config_home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(config_home) / "governance" / "pseudonymisation.key"


def ensure_key(path: Path | None = None) -> bool:
    """Create the key file with a new random key unless it exists; True when created.

    The file is created with O_EXCL and mode 0600 in one call, so it is never readable by
    others, not even for a moment, and a key made by a concurrent run is never replaced
    (replacing it would make that run's pseudonyms impossible to reproduce). An existing
    file that others may read is refused rather than silently fixed: its key may have
    leaked, which is for its owner to judge.
    """
    path = path or key_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        _check_private(path)
        return False
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_bytes(KEY_BYTES).hex() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)  # a half-written key would only fail later, less clearly
        raise
    return True


def load_key() -> bytes:
    """The key: `GOVERNANCE_PSEUDONYM_KEY` (hex) when set, else the key file's content."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return _parse_key(configured, source=f"environment variable {KEY_ENV}")
    path = key_file()
    try:
        _check_private(path)
        text = path.read_text(encoding="ascii")
    except FileNotFoundError:
        raise MissingKeyError(
            f"{path}: no pseudonymisation key; run `governance init` to create one, "
            f"or set {KEY_ENV} to a hex key of at least {KEY_BYTES} bytes"
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not ASCII text"
        raise BadInputError(
            f"{path}: cannot read the pseudonymisation key ({reason}); "
            f"check the file, or point {KEY_FILE_ENV} at the right one"
        ) from None
    return _parse_key(text, source=str(path))


def _check_private(path: Path) -> None:
    """Refuse a key file that its group or others may read, write or execute."""
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise BadInputError(
            f"{path}: the pseudonymisation key file has mode {mode:04o}, open to other "
            f"users; run `chmod 600 {path}` (and consider a new key if others could read it)"
        )


def _parse_key(text: str, *, source: str) -> bytes:
    """Hex text to key bytes; the message says what is expected, never what was found."""
    compact = text.strip()
    expected = f"expected a hex string of at least {2 * KEY_BYTES} characters ({KEY_BYTES} bytes)"
    try:
        key = bytes.fromhex(compact)
    except ValueError:
        raise BadInputError(
            f"{source}: not a valid pseudonymisation key: {expected}, "
            "with only the characters 0-9 and a-f"
        ) from None
    if len(key) < KEY_BYTES:
        raise BadInputError(
            f"{source}: the pseudonymisation key is too short: {expected}, "
            f"got {len(compact)} characters"
        )
    return key
