"""A quick look at one short text: could it be personal data? For the few texts that are
shown to a person outside the scan — an unexpected value in a quality report, a header
name — where a wrong 'no' would leak a value and a wrong 'yes' only masks it."""

from __future__ import annotations

import re

from governance.errors import BadInputError
from governance.pii.recognizers import RECOGNIZERS
from governance.pii.recognizers.names import looks_like_name, names_in_text


def looks_personal(text: str) -> bool:
    """True when any recognizer finds a valid value in the text, or it reads as a name."""
    stripped = text.strip()
    if not stripped:
        return False
    if any(recognizer.find(stripped) for recognizer in RECOGNIZERS):
        return True
    return looks_like_name(stripped) or bool(names_in_text(stripped))


# a capitalised word of three letters or more beside another word: "Anna de Wit", not the
# "RD X" of a coordinate column
_FULL_NAME = re.compile(r"\S\s+.*[A-Z][a-z]{2,}|[A-Z][a-z]{2,}.*\s+\S")


def refuse_data_as_header(source: str, columns: list[str]) -> None:
    """A file without a header row makes its first record the column names, and column
    names are printed and stored: refuse it before a value can escape that way."""
    suspect = [
        position
        for position, name in enumerate(columns, start=1)
        if any(recognizer.find(name) for recognizer in RECOGNIZERS)
        or (_FULL_NAME.search(name) and looks_like_name(name))
    ]
    if suspect:
        positions = ", ".join(str(p) for p in suspect)
        raise BadInputError(
            f"{source}: the first line looks like data, not column names (column(s) "
            f"{positions} hold a value of a personal kind); add a header row with the column "
            "names and try again"
        )
