"""What the dashboard and the catalogue show: figures across the catalogue, and one
dataset with everything recorded about it. Read-only; every method checks
VIEW_CATALOGUE."""

from __future__ import annotations

from governance.people_service import PeopleUseCases


class CatalogueViews(PeopleUseCases):
    pass
