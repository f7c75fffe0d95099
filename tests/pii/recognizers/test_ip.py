"""IP addresses: IPv4 octets and leading zeros; IPv6 full, compressed and IPv4-mapped."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.ip import IP_ADDRESS
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("192.168.1.1", True),
        ("8.8.8.8", True),
        ("0.0.0.0", True),
        ("255.255.255.255", True),
        ("2001:0db8:85a3:0000:0000:8a2e:0370:7334", True),
        ("2001:db8:85a3::8a2e:370:7334", True),
        ("2001:DB8::1", True),
        ("::1", True),
        ("fe80::", True),
        ("::ffff:192.0.2.128", True),
        ("fe80::1%eth0", True),
        ("256.1.1.1", False),
        ("1.2.3", False),
        ("1.2.3.4.5", False),
        ("01.2.3.4", False),  # leading zero
        ("192.168.001.1", False),
        ("1.2.3.-4", False),
        ("2001:db8::1::2", False),  # two '::'
        ("2001:db8:85a3:0:0:8a2e:370:7334:1", False),  # nine groups
        ("12:30:45", False),  # a time
        ("00:1A:2B:3C:4D:5E", False),  # a MAC address
        ("12345", False),
        ("", False),
    ],
)
def test_ip_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(IP_ADDRESS, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("login vanaf 192.168.1.20 om 10:30", ["192.168.1.20"]),
        ("adres 2001:db8::1 geblokkeerd", ["2001:db8::1"]),
        ("versie 1.2.3.4.5", []),
        ("om 12:30:45 uur", []),
        ("300.1.1.1", []),
    ],
)
def test_ip_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(IP_ADDRESS, text) == found
