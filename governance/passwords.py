"""Password hashing for local accounts: argon2id with argon2-cffi's default parameters
(RFC 9106's second recommended option). Plain passwords are never stored or logged."""

from __future__ import annotations

import threading
import time
from functools import cache
from typing import TYPE_CHECKING

from governance.errors import BadInputError

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MINIMUM_LENGTH = 12  # BIO / NCSC advice for passwords without a second factor


def hash_password(password: str) -> str:
    if len(password) < MINIMUM_LENGTH:
        raise BadInputError(f"a password needs at least {MINIMUM_LENGTH} characters")
    return _hasher().hash(password)


def verify(stored: str | None, password: str) -> bool:
    """Whether `password` matches `stored`; without a stored hash a dummy one is checked,
    so that an unknown account takes as long as a wrong password."""
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(stored or _dummy_hash(), password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    return _hasher().hash("no account has this password")


class SignInLocked(BadInputError):
    """Too many failed sign-ins for one account name: wait before trying again."""


class SignInThrottle:
    """Failed sign-ins per account name, in this process's memory: after `allowed`
    failures within `window` seconds the name is refused until the window has passed
    since the last failure. This slows guessing (each guess also costs an argon2 hash);
    a server with several processes, or behind the identity provider, needs the proxy's or
    the provider's limits too."""

    def __init__(self, allowed: int = 5, window: float = 15 * 60) -> None:
        self.allowed = allowed
        self.window = window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def check(self, name: str) -> None:
        with self._lock:
            recent = self._recent(name.casefold())
        if len(recent) >= self.allowed:
            wait = int(recent[-1] + self.window - time.monotonic()) // 60 + 1
            raise SignInLocked(
                f"too many failed sign-ins for this account; try again in {wait} minutes"
            )

    def failed(self, name: str) -> None:
        with self._lock:
            self._failures.setdefault(name.casefold(), []).append(time.monotonic())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name.casefold(), None)

    def _recent(self, key: str) -> list[float]:
        since = time.monotonic() - self.window
        recent = [at for at in self._failures.get(key, []) if at > since]
        self._failures[key] = recent
        return recent


SIGN_IN_THROTTLE = SignInThrottle()
