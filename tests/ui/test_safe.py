"""What people typed never becomes markup or a link when a page shows it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.components.safe import plain

LINKS = re.compile(r"://|www\\?\.|\w@", re.IGNORECASE)


@pytest.mark.parametrize(
    "typed",
    [
        "<script>alert(1)</script>",
        "[klik hier](http://evil.example)",
        "zie https://evil.example/pad",
        "zie WWW.evil.example",
        "mail jan@evil.example",
        "<img src=x onerror=alert(1)>",
        "# kop",
        "**vet** en _schuin_",
    ],
)
def test_markup_links_and_addresses_stay_text(typed: str) -> None:
    shown = plain(typed)
    assert not LINKS.search(shown), "no bare URL, www. address or e-mail address left"
    assert "<" not in shown.replace("\\<", ""), "every angle bracket escaped"
    assert "[" not in shown.replace("\\[", "") and "#" not in shown.replace("\\#", "")


@given(st.text())
def test_the_characters_remain_readable(typed: str) -> None:
    shown = plain(typed).replace("\u200b", "").replace("  \n", "\n")
    assert re.sub(r"\\(.)", r"\1", shown) == typed
