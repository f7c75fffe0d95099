"""Password hashing for local accounts: argon2id with argon2-cffi's default parameters
(RFC 9106's second recommended option). Plain passwords are never stored or logged."""

from __future__ import annotations

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
