"""IP addresses: IPv4 (four octets 0–255, no leading zeros) and IPv6 (full, compressed with
'::', with an IPv4 tail such as ::ffff:192.0.2.1, with a zone such as fe80::1%eth0).

An IP address in access logs and form submissions can single out a household. The
standard library decides validity; IPv4, by far the common case, is also decided by one
RE2 pattern so a column of a million addresses needs no Python call per value.
"""

from __future__ import annotations

import ipaddress

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers.base import Recognizer, register

_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_HEX = "[0-9A-Fa-f]{0,4}"
# loose on purpose: the groups and '::' are counted by the ipaddress module
_IPV6 = rf"(?:{_HEX}:){{2,7}}(?:{_HEX}|{_IPV4})(?:%[0-9A-Za-z_.-]+)?"
CELL_REGEX = rf"^(?:{_IPV4}|{_IPV6})$"
_IPV4_CELL = rf"^{_IPV4}$"

TEXT_REGEX = (
    # not after "Name/": "Chrome/120.0.0.0" is a version; "http://10.0.0.1" is an address
    rf"(?-i:(?<![0-9A-Za-z.:])(?<![0-9A-Za-z_)]/)(?:{_IPV4}(?![0-9]|\.[0-9])"
    rf"|(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)(?:{_HEX}:){{2,7}}(?:{_IPV4}|{_HEX})(?![0-9A-Za-z:.])))"
)


def is_valid_ip(value: str) -> bool:
    """True for an IPv4 or IPv6 address the ipaddress module accepts, written as text
    (a bare integer, which ipaddress would also read, is not an address here)."""
    if not value or not value.isascii() or ("." not in value and ":" not in value):
        return False
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def are_valid_ip(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_ip` over a whole array: IPv4 by RE2, the rest one call per distinct value."""
    strings = as_string_array(values)
    valid = regex_mask(strings, _IPV4_CELL)
    other = ~valid & np.asarray(pc.fill_null(pc.match_substring(strings, ":"), False), dtype=bool)
    if other.any():
        rows = np.flatnonzero(other)
        encoded = pc.take(strings, pa.array(rows)).dictionary_encode()
        verdicts = np.fromiter(
            (is_valid_ip(value) for value in encoded.dictionary.to_pylist()), dtype=bool
        )
        valid[rows] = verdicts[np.asarray(encoded.indices, dtype=np.int64)]
    return valid


IP_ADDRESS = register(
    Recognizer(
        name="ip_address",
        entity=PiiEntity.IP_ADDRESS,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_ip,
        are_valid=are_valid_ip,
        validator="ipaddress",
        context=("ip", "ip-adres", "ipadres", "ip-address"),
        score=0.7,
    )
)
