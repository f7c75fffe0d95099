"""Street addresses: a street name with a house number, optionally postcode and town."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.address import ADDRESS
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("Kerkstraat 12", True),
        ("Kerkstraat 12a", True),
        ("Kerkstraat 12 A", True),
        ("Kerkstraat 12-2", True),
        ("Kerkstraat 12 bis", True),
        ("Kerkstraat 12 hs", True),
        ("Kerkstraat 12-II", True),
        ("Van Goghstraat 3", True),
        ("Burgemeester de Withstraat 45", True),
        ("Oude Gracht 100", True),
        ("Laan van Meerdervoort 12", True),
        ("2e Hugo de Grootstraat 7", True),
        ("St. Jacobsstraat 1", True),
        ("Prins Hendrikkade 108", True),
        ("'s-Gravendijkwal 5", True),
        ("Henriëtte Roland Holststraat 9", True),
        ("Stationsplein 1", True),
        ("Markt 1", True),
        ("Binnenring 4", True),
        ("Coolsingel 40", True),
        ("KERKSTRAAT 12", True),
        ("Kerkstraat 12, 1234 AB Utrecht", True),
        ("Kerkstraat 12 1234AB Utrecht", True),
        ("Kerkstraat 12, 1234 AB", True),
        ("Kerkstraat 12, Utrecht", True),
        ("Kerkstraat 12\n1234 AB\nUtrecht", True),  # a label, one part per line
        ("Dorpsweg 3, 2471 AA 's-Gravenzande", True),
        ("Kerkstraat 12, 1234 AB Alphen aan den Rijn", True),
        ("Kerkstraat", False),  # a street without a number
        ("Van Goghstraat", False),
        ("Oude Gracht", False),
        ("Rotterdam 12", False),  # a town, not a street
        ("Harderwijk 3", False),
        ("Eindhoven 5", False),
        ("Herinnering 2", False),  # a letter type, not a street ending in -ring
        ("Vergadering 3", False),
        ("Weg 3", False),  # a bare street word is not a street
        ("Kerkstraat 0", False),
        ("Kerkstraat 12345", False),  # five digits: an amount or a code
        ("kerkstraat 12", False),  # a street name starts with a capital
        ("1234 AB Utrecht", False),
        ("Utrecht", False),
        ("Hoofdstuk 3", False),
    ],
)
def test_address_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(ADDRESS, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Melder woont aan de Kerkstraat 12 in Utrecht.", ["Kerkstraat 12"]),
        ("Adres: Van Goghstraat 3a, 1234 AB Utrecht", ["Van Goghstraat 3a, 1234 AB Utrecht"]),
        ("lantaarn kapot bij Laan van Meerdervoort 12", ["Laan van Meerdervoort 12"]),
        ("de Kerkstraat is opgebroken", []),
        ("in Rotterdam 12 meldingen", []),
    ],
)
def test_address_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(ADDRESS, text) == found
