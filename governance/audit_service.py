"""Reading the audit log: entries filtered by actor, action, subject and time, with the
chain's verification status. VIEW_AUDIT only."""

from __future__ import annotations

from governance.people_service import PeopleUseCases


class AuditViews(PeopleUseCases):
    pass
