"""Registering and editing a dataset one at a time (the UI's form), and checking an
uploaded data file: the legal rules' findings per field before saving, a save that
refuses a stale version, and a scan and quality run of the upload."""

from __future__ import annotations

from governance.people_service import PeopleUseCases


class RegistrationUseCases(PeopleUseCases):
    pass
