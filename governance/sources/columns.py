"""Checks on header names that hold for every format.

A column the scan or a registration cannot name unambiguously is an error, not something
to repair silently: renaming 'Naam' to 'Naam_2' or inventing 'column_3' would make the
scan report and the registration disagree about which column is which.
"""

from __future__ import annotations

from collections.abc import Sequence

from governance.sources.errors import UnreadableDataError

_SHOWN_NAME_LENGTH = 60


def check_column_names(
    source: str,
    names: Sequence[str | None],
    *,
    where: str,
    letters: bool = False,
    delimited: bool = False,
) -> None:
    """Raise when a name is empty (or only blanks) or appears twice; positions count from 1.

    `where` says where the names live ("the header line", "the header row (row 1) of
    sheet 'Inhuur'"); `letters` adds spreadsheet column letters; `delimited` adds the
    usual cause of an empty last name in a CSV (a trailing delimiter).
    """
    if not names:
        raise UnreadableDataError(
            source, f"{where} holds no column names", "put the column names in the first row"
        )
    first_seen: dict[str, int] = {}

    def label(position: int) -> str:
        return f"{position} ({column_letter(position)})" if letters else str(position)

    for position, name in enumerate(names, start=1):
        if name is None or not name.strip():
            fix = f"give column {label(position)} a name"
            if delimited and position == len(names):
                fix += " or remove the delimiter at the end of the header line"
            raise UnreadableDataError(
                source, f"column {label(position)} has an empty name in {where}", fix
            )
        if name in first_seen:
            raise UnreadableDataError(
                source,
                f"columns {label(first_seen[name])} and {label(position)} have the same "
                f"name {_shown(name)} in {where}",
                "give every column a different name",
            )
        first_seen[name] = position


def _shown(name: str) -> str:
    if len(name) > _SHOWN_NAME_LENGTH:
        name = name[:_SHOWN_NAME_LENGTH] + "…"
    return repr(name)


def column_letter(position: int) -> str:
    """Spreadsheet letters for a 1-based column position: 1 → A, 27 → AA."""
    letters = ""
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
