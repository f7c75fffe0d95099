"""Street address (STREET_ADDRESS): a Dutch street name, a house number with its addition,
and optionally the postcode and the town ("Kerkstraat 12a, 1234 AB Utrecht").

A street name is recognised by the word it ends in (Kerkstraat, Van Goghstraat,
Burgemeester de Withstraat, Oude Gracht) or begins with when a preposition follows (Laan van
Meerdervoort). The house number is what makes it an address: a street name alone names
thousands of homes, a street with a number names one.

Refused on purpose: place names that end in a street-like syllable (Rotterdam, Harderwijk,
Eindhoven, Middelburg: the syllables dam, wijk, hoven and burg are not street words here),
nouns ending in "-ring" after a vowel (Vergadering 3, Herinnering 2: "ring" needs a
consonant before it, as in Binnenring), and house numbers of five digits or more (a year
or an amount is as likely).
"""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa

from governance.domain.vocabulary import PiiEntity
from governance.pii.recognizers._arrow import as_string_array, regex_mask
from governance.pii.recognizers.base import Recognizer, register

# Words a Dutch street name ends in (lower case; "ring" is handled apart, see below).
STREET_WORDS = (
    "straat", "straatje", "weg", "laan", "laantje", "plein", "pleintje", "gracht", "kade",
    "singel", "dijk", "pad", "paadje", "dreef", "hof", "steeg", "steegje", "plantsoen",
    "markt", "park", "boulevard", "allee", "allée", "erf", "wal", "burgwal", "baan",
    "haven", "vaart", "kanaal", "wetering", "veld", "kamp", "akker", "weide", "gaarde",
    "tuin", "zoom", "brink", "promenade", "passage", "galerij", "oever", "hoeve", "polder",
)  # fmt: skip
# Street words that name a street on their own ("Markt 12", "Brink 3").
STANDALONE = ("markt", "brink", "plein", "kade", "dijk", "haven", "singel", "gracht", "wal")
# Lower-case words inside a street name: articles, prepositions, tussenvoegsels.
PARTICLES = (
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "aan", "bij",
    "la", "le", "du", "des", "von", "tot", "over", "onder", "voor", "achter", "naar", "en",
    "'s", "a/d",
)  # fmt: skip
_LINKING = ("van", "der", "de", "den", "op", "naar", "aan", "bij", "tot", "ter", "ten", "in")

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
_LETTER = f"{_UP}{_LOW}"
_CONSONANT = "bcdfghjklmnpqrstvwxz"


def _alternation(words: tuple[str, ...], transform: str = "lower") -> str:
    forms = sorted({getattr(word, transform)() for word in words}, key=len, reverse=True)
    return "|".join(re.escape(form) for form in forms)


_SUFFIX = f"(?:{_alternation(STREET_WORDS)}|[{_CONSONANT}]ring)"
_SUFFIX_UPPER = f"(?:{_alternation(STREET_WORDS, 'upper')}|RING)"
_PARTICLE = f"(?:{_alternation(PARTICLES)})"

# A word of a street name: capitalised (with hyphen parts and an abbreviating dot), in
# capitals, an ordinal ("1e", "2de"), or a particle.
_CAP_WORD = f"(?:'[sS]-)?[{_UP}][{_LETTER}'-]*\\.?"
_ORDINAL = "[1-9][0-9]?(?:e|de|ste)"
_LEAD_WORD = f"(?:{_CAP_WORD}|{_ORDINAL})"
_MID_WORD = f"(?:{_CAP_WORD}|{_ORDINAL}|{_PARTICLE})"
# The last word carries the street word: "Kerkstraat", "KERKSTRAAT"; or is the street word
# itself after other words ("Oude Gracht").
_LAST_COMPOUND = f"(?:'[sS]-)?[{_UP}][{_LETTER}'-]*{_SUFFIX}|[{_UP}][{_UP}'-]*{_SUFFIX_UPPER}"
_LAST_BARE = f"(?:{_alternation(STREET_WORDS, 'capitalize')}|{_alternation(STREET_WORDS, 'upper')})"
_LEADING_WORDS = f"{_LEAD_WORD} (?:{_MID_WORD} ){{0,3}}"
_STREET_ENDING = (
    f"(?:{_LEADING_WORDS})?(?:{_LAST_COMPOUND})"
    f"|{_LEADING_WORDS}{_LAST_BARE}"
    f"|(?:{_alternation(STANDALONE, 'capitalize')}|{_alternation(STANDALONE, 'upper')})"
)
# The street word first, a preposition next: "Laan van Meerdervoort", "Weg naar Laren".
_STREET_LEADING = (
    f"(?:{_alternation(STREET_WORDS, 'capitalize')}) (?:{_alternation(_LINKING)})"
    f"(?: {_MID_WORD}){{0,2}} {_CAP_WORD}"
)
_STREET = f"(?:{_STREET_ENDING}|{_STREET_LEADING})"

# House number 1–9999 and an addition: 12a, 12 A, 12-2, 12-II, 12 bis, 12 hs, 12-1hg.
_ADDITION = (
    "(?:[A-Za-z]{1,2}"
    "|-[0-9]{1,4}[A-Za-z]{0,2}|-[A-Za-z]{1,4}|/[0-9]{1,3}|/[A-Za-z]{1,2}"
    "| bus [0-9]{1,3}"
    "| [A-Za-z]"
    "| (?:bis|hs|h|huis|bg|bv|boven|beneden|sous|zw|rd|hoog|[1-9]hg|I{1,3}|IV|V|[0-9]{1,3}hg))"
)
_HOUSE_NUMBER = f"[1-9][0-9]{{0,3}}(?:{_ADDITION})?"
_POSTCODE = "[1-9][0-9]{3} ?[A-Za-z]{2}"
_TOWN_WORD = f"(?:'[sStT][ -])?[{_UP}][{_LETTER}'.-]*"
_TOWN = f"{_TOWN_WORD}(?: (?:{_TOWN_WORD}|aan|den|de|op|a/d|bij|in|ter|ten|van)){{0,4}}"
# between the parts: a comma, a space, or a line break (labels put each part on a line)
_BREAK = r"(?:,?(?: |\n|\r\n)|,)"
_TAIL = f"(?:{_BREAK}{_POSTCODE}(?:{_BREAK}{_TOWN})?|{_BREAK}{_TOWN})"

_SHAPE = f"{_STREET} {_HOUSE_NUMBER}(?:{_TAIL})?"
CELL_REGEX = f"^(?:{_SHAPE})$"
_SHAPE_RE = re.compile(f"(?:{_SHAPE})")

# In text: a street starting with a capital, a number, optionally postcode and one town word.
TEXT_REGEX = (
    f"(?-i:(?<![{_LETTER}0-9'-])(?:{_STREET}) {_HOUSE_NUMBER}"
    f"(?:,? ?[1-9][0-9]{{3}} ?[A-Z]{{2}}(?:,? ?{_TOWN_WORD})?)?(?![{_LETTER}0-9-]))"
)


def is_valid_address(value: str) -> bool:
    """True for a street name followed by a house number (and optionally postcode and town).

    There is no checksum for an address; the check is the shape, and the shape needs the
    number.
    """
    return bool(_SHAPE_RE.fullmatch(value))


def are_valid_address(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """`is_valid_address` over a whole array (the same pattern, in RE2)."""
    return regex_mask(as_string_array(values), CELL_REGEX)


ADDRESS = register(
    Recognizer(
        name="nl_street_address",
        entity=PiiEntity.STREET_ADDRESS,
        cell_regex=CELL_REGEX,
        text_regex=TEXT_REGEX,
        is_valid=is_valid_address,
        are_valid=are_valid_address,
        validator="street+number",
        context=("adres", "woonadres", "straat", "woont", "wonende", "huisnummer", "woonachtig"),
        score=0.7,
    )
)
