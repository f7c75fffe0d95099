"""E-mail addresses, also inside a mailto: link or a URL, and percent-encoded (%40 for @).

Web forms and click logs carry the address in a query string ("?email=jan%40example.nl"),
which is as personal as the plain address. The check is syntactic and offline: a local
part of common characters, a domain of at least two labels, a top-level domain of at least
two letters, and the lengths of RFC 5321 (local part ≤ 64, domain ≤ 253). No public-suffix
list, no DNS.
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers.base import Recognizer, register

_LOCAL = r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_DOMAIN = rf"(?:{_LABEL}\.)+[A-Za-z]{{2,63}}"
_AT = "(?:@|%40)"
_ENCODED_ADDRESS = rf"{_LOCAL}{_AT}{_DOMAIN}"
_MAILTO = "[Mm][Aa][Ii][Ll][Tt][Oo]:"
_URL_TEXT = r'[^ \t\n\r\f\v<>"]'

_SHAPE = (
    rf"(?:{_MAILTO})?{_ENCODED_ADDRESS}"  # plain, encoded, or a bare mailto:
    rf"|[^<>@\n]*<(?:{_MAILTO})?{_ENCODED_ADDRESS}>"  # "Jan Jansen <jan@example.nl>"
    # a URL with the address in its path or query: https://…?email=jan%40example.nl&…
    rf"|[A-Za-z][A-Za-z0-9+.-]*:(?:{_URL_TEXT}*[=/:])?{_ENCODED_ADDRESS}(?:[&#?;/]{_URL_TEXT}*)?"
)
CELL_REGEX = rf"^(?:{_SHAPE})$"
_PLAIN = rf"^{_LOCAL}@{_DOMAIN}$"
_SHAPE_RE = re.compile(rf"(?:{_SHAPE})")
_ADDRESS_RE = re.compile(rf"({_LOCAL})@({_DOMAIN})")

TEXT_REGEX = rf"(?-i:(?<![A-Za-z0-9_+.-]){_ENCODED_ADDRESS}(?![A-Za-z0-9_-]|\.[A-Za-z0-9]|%40))"

MAX_LOCAL = 64
MAX_DOMAIN = 253


def is_valid_email(value: str) -> bool:
    """True for a cell or text match that holds an e-mail address of sound syntax."""
    if not _SHAPE_RE.fullmatch(value):
        return False
    decoded = value.replace("%40", "@")
    return any(
        len(found.group(1)) <= MAX_LOCAL and len(found.group(2)) <= MAX_DOMAIN
        for found in _ADDRESS_RE.finditer(decoded)
    )


def are_valid_email(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_email` over a whole array: plain addresses (almost every cell of an
    e-mail column) by RE2 and the position of '@'; links and encoded forms one Python call
    per distinct value."""
    strings = as_string_array(values)
    shaped = regex_mask(strings, CELL_REGEX)
    if not shaped.any():
        return shaped
    plain = shaped & regex_mask(strings, _PLAIN)
    at = np.asarray(pc.fill_null(pc.find_substring(strings, "@"), -1), dtype=np.int64)
    length = np.asarray(pc.fill_null(pc.binary_length(strings), 0), dtype=np.int64)
    valid = plain & (at <= MAX_LOCAL) & (length - at - 1 <= MAX_DOMAIN)
    other = shaped & ~plain
    if other.any():
        rows = np.flatnonzero(other)
        encoded = pc.take(strings, pa.array(rows)).dictionary_encode()
        verdicts = np.fromiter(
            (is_valid_email(value) for value in encoded.dictionary.to_pylist()), dtype=bool
        )
        valid[rows] = verdicts[np.asarray(encoded.indices, dtype=np.int64)]
    return valid


EMAIL = register(
    Recognizer(
        name="email",
        entity=PiiEntity.EMAIL_ADDRESS,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_email,
        are_valid=are_valid_email,
        validator="format",
        context=("email", "e-mail", "mail", "mailadres", "e-mailadres"),
        score=0.9,
    )
)
