"""Pseudonyms by keyed hash: the same person gets the same pseudonym, and nobody without
the key can compute one.

A plain hash of a BSN is no pseudonym: there are only a billion BSNs, so anyone can hash
them all and look the value up. HMAC-SHA256 with a secret key prevents that. The key is
first narrowed to the recipient (`recipient_key`), so two recipients cannot join their
extracts on the pseudonym, while one recipient can follow a person across its extracts.

Values are normalised first, per entity type, because the same BSN is written
'012345672', '12345672' (a numeric export lost the zero) and '0123.45.672': without
normalisation one person would get three pseudonyms.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Callable

import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity

PSEUDONYM_LENGTH = 24
"""Hex characters kept of the HMAC: 96 bits, so no collision in any municipal table, and
never 9 digits, so a pseudonym of a BSN is never itself taken for a BSN."""

_NOT_DIGIT = re.compile(r"[^0-9]")


def recipient_key(key: bytes, recipient_id: str) -> bytes:
    """The key for one recipient: HMAC-SHA256(key, 'recipient:' + id)."""
    return hmac.new(key, b"recipient:" + recipient_id.encode("utf-8"), hashlib.sha256).digest()


def normalise(value: str, entity: PiiEntity | None) -> str:
    """The value in one canonical spelling for its entity type, so formatting differences
    do not make different pseudonyms."""
    return _NORMALISERS.get(entity, _text)(value)


def pseudonymise_column(
    values: pa.Array | pa.ChunkedArray, key: bytes, entity: PiiEntity | None
) -> pa.Array:
    """The column's pseudonyms as text; nulls stay null.

    Each distinct value is hashed once and the results are taken back to the rows, so a
    column of a million rows with repeats costs as many HMACs as it has distinct values.
    """
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not pa.types.is_string(values.type):
        values = values.cast(pa.string())
    encoded = pc.dictionary_encode(values)
    distinct = [_pseudonym(key, value, entity) for value in encoded.dictionary.to_pylist()]
    return pa.array(distinct, type=pa.string()).take(encoded.indices)


def _pseudonym(key: bytes, value: str, entity: PiiEntity | None) -> str:
    """The pseudonym of one value: the first 24 hex characters of HMAC-SHA256(key, value)."""
    canonical = normalise(value, entity).encode("utf-8")
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()[:PSEUDONYM_LENGTH]


def _text(value: str) -> str:
    """Strip, collapse inner whitespace, casefold: 'Jan  de Vries ' is 'jan de vries'."""
    return " ".join(value.split()).casefold()


def _bsn(value: str) -> str:
    """Digits only, left-padded to 9: '1234.56.782' and '12345678 2' are '123456782'."""
    digits = _NOT_DIGIT.sub("", value)
    return digits.zfill(9) if digits else _text(value)


def _iban(value: str) -> str:
    """No whitespace, upper case: 'nl91 abna 0417 1643 00' is 'NL91ABNA0417164300'."""
    return "".join(value.split()).upper()


def _email(value: str) -> str:
    return value.strip().casefold()


def _phone(value: str) -> str:
    """Digits only, the Dutch country code as the trunk '0': '+31 (0)6-1234 5678',
    '0031 6 12345678' and '06-12345678' are all '0612345678'."""
    digits = _NOT_DIGIT.sub("", value)
    if not digits:
        return _text(value)
    for country_code in ("0031", "31"):
        if digits.startswith(country_code):
            national = digits.removeprefix(country_code)
            return "0" + national.removeprefix("0")  # '+31 (0)6…' writes the trunk 0 too
    return digits


_NORMALISERS: dict[PiiEntity | None, Callable[[str], str]] = {
    PiiEntity.BSN: _bsn,
    PiiEntity.IBAN: _iban,
    PiiEntity.EMAIL_ADDRESS: _email,
    PiiEntity.PHONE_NUMBER: _phone,
}
