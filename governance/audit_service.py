"""Reading the audit log: entries filtered by actor, action, subject and time, with the
chain's verification status. VIEW_AUDIT only.

The log grows with every change, so it is read a page at a time, filtered and counted in
the database; verifying the whole chain is `Governance.verify_audit`, which a caller runs
when asked, not on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.domain.audit import AuditEntry
from governance.domain.roles import Permission
from governance.errors import BadInputError
from governance.people_service import PeopleUseCases
from governance.store import audit_queries
from governance.store.audit_queries import AuditFilter

MAX_PAGE = 500
"""The most entries one page holds: enough to read, small enough to render at once."""


@dataclass(frozen=True)
class AuditPage:
    entries: tuple[AuditEntry, ...]  # newest first
    total: int  # how many entries match the filter, on every page
    offset: int
    limit: int


@dataclass(frozen=True)
class AuditChoices:
    """What the log's filters can be set to: the actors and action families it holds."""

    actors: tuple[str, ...]
    families: tuple[str, ...]


class AuditViews(PeopleUseCases):
    def audit_entries(
        self, where: AuditFilter | None = None, limit: int = 50, offset: int = 0
    ) -> AuditPage:
        """The entries that match `where`, newest first, `limit` of them from `offset`."""
        self.require(Permission.VIEW_AUDIT, "read the audit log")
        where = where or AuditFilter()
        if not 1 <= limit <= MAX_PAGE:
            raise BadInputError(f"a page holds 1 to {MAX_PAGE} audit entries, not {limit}")
        if offset < 0:
            raise BadInputError(f"the offset counts entries from 0, not {offset}")
        if where.since and where.until and where.since > where.until:
            raise BadInputError(
                f"the period starts on {where.since} after it ends on {where.until}; swap the dates"
            )
        with self.store.reading() as connection:
            entries, total = audit_queries.page(connection, where, limit, offset)
        return AuditPage(tuple(entries), total, offset, limit)

    def audit_choices(self) -> AuditChoices:
        """The actors and action families in the log, to filter on."""
        self.require(Permission.VIEW_AUDIT, "read the audit log")
        with self.store.reading() as connection:
            return AuditChoices(
                tuple(audit_queries.actors(connection)), tuple(audit_queries.families(connection))
            )
