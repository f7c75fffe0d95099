"""Pieces of text patterns (Python `re`) that several recognizers share."""

from __future__ import annotations

# Not inside a spaced IBAN: "NL91 ABNA 0417 1643 00" holds a phone number's shape, and
# "DE89 3704 0044 0532 0130 00" a card's. Fixed-width lookbehinds, for `re` and `regex`.
NOT_INSIDE_IBAN = r"(?<![A-Za-z]{2}[0-9]{2} )(?<![A-Za-z]{2}[0-9]{2} [A-Za-z0-9]{4} )"
