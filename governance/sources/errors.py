"""The one error of the sources layer: the data cannot be read as a table.

It is a `BadInputError` (exit 2): the steward fixes or re-exports the file, no engineer
is needed. Every message has three parts - the source, what is wrong, the fix - and never
a cell value, because a row may hold a BSN or a name: positions are given as line, row and
column numbers instead. Header names may appear: they are metadata, and the scan report
prints them anyway.
"""

from __future__ import annotations

from governance.errors import BadInputError


class UnreadableDataError(BadInputError):
    """A data file or table cannot be read as a table; `source`, `problem`, `fix` say why."""

    def __init__(self, source: str, problem: str, fix: str) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}; {fix}")
