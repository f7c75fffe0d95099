"""E-mail: plain, in mailto: links and URLs, percent-encoded; syntactic, offline."""

from __future__ import annotations

import pytest

from governance.pii.recognizers.email import EMAIL
from tests.pii.recognizers.helpers import cell_is_valid, found_in_text


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("jan@example.nl", True),
        ("Jan.Jansen@Example.NL", True),
        ("j.de.vries+wmo@mail.gemeente.example.nl", True),
        ("jan_jansen-1@example.co.uk", True),
        ("mailto:jan@example.nl", True),
        ("MAILTO:jan@example.nl?subject=melding", True),
        ("jan%40example.nl", True),
        ("https://forms.example.nl/melding?email=jan%40example.nl&id=3", True),
        ("https://example.nl/unsubscribe/jan@example.nl", True),
        ("Jan Jansen <jan@example.nl>", True),
        ("jan@localhost", False),  # no dot in the domain
        ("jan@example.n", False),  # one-letter top-level domain
        ("jan@example.123", False),
        ("jan@-example.nl", False),
        ("jan..jansen@example.nl", False),
        (".jan@example.nl", False),
        ("jan@@example.nl", False),
        ("jan@example..nl", False),
        ("jan @example.nl", False),
        ("@example.nl", False),
        ("https://example.nl/page?id=3", False),
        ("x" * 65 + "@example.nl", False),  # local part over 64 characters
        ("jan@" + "a" * 64 + ".nl", False),  # a label over 63 characters
        ("jan", False),
    ],
)
def test_email_cells(value: str, valid: bool) -> None:
    assert cell_is_valid(EMAIL, value) is valid


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mail naar jan@example.nl.", ["jan@example.nl"]),
        ("klik https://x.example/f?email=piet%40example.nl&a=1", ["piet%40example.nl"]),
        ("(a.b@example.org)", ["a.b@example.org"]),
        ("geen adres: jan@localhost", []),
        ("twitter @gemeente", []),
    ],
)
def test_email_in_text(text: str, found: list[str]) -> None:
    assert found_in_text(EMAIL, text) == found
