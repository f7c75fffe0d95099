"""What the exporters read: the registrations with their latest scan and DPIA state, and
the controllers (organisations) with their DPO and URI."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from governance import config
from governance.catalog_files import (
    UnreadableFile,
    explain,
    line_of,
    parse_with_lines,
    read_small_text,
)
from governance.domain.dpia_state import DpiaState
from governance.domain.registration import Person, Registration, Text
from governance.domain.vocabulary import PiiEntity
from governance.errors import BadInputError


def _web_address(value: str) -> str:
    """A URI the exports can use as an identifier: an http(s) address, nothing relative."""
    if not value.startswith(("http://", "https://")) or " " in value:
        raise ValueError(f"{value!r} is not an http(s) URI, e.g. a TOOI identifier")
    return value


class Organisation(BaseModel):
    """A controller: its name as the registrations write it, its URI (TOOI), its contact
    details and its data protection officer (AVG art. 30(1)(a), art. 37)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: Text
    uri: Annotated[Text, AfterValidator(_web_address)]
    contact: Text
    dpo: Person


@dataclass(frozen=True)
class DatasetRecord:
    """A registration and what the store knows of it: the latest scan of its registered
    data (None when never scanned) and its DPIA state."""

    registration: Registration
    latest_scan: dict[str, Any] | None
    dpia: DpiaState

    @property
    def holds_personal_data(self) -> bool:
        """Declared personal data, or any the latest scan found: an undeclared column of
        names makes the dataset personal data all the same."""
        return self.registration.holds_personal_data or any(self.found().values())

    def found(self) -> dict[str, set[PiiEntity]]:
        """Per column, the entities the latest scan found."""
        columns = self.latest_scan["columns"] if self.latest_scan else []
        return {c["name"]: {PiiEntity(e) for e in c["entities"]} for c in columns}


def organisations_file() -> Path:
    configured = os.environ.get("GOVERNANCE_ORGANISATIONS")
    return Path(configured) if configured else config.project_path("organisations.yaml")


def load_organisations(path: Path | None = None) -> dict[str, Organisation]:
    """The organisations by name (case-insensitive key), checked with `file:line` errors."""
    path = path or organisations_file()
    try:
        data, lines = parse_with_lines(read_small_text(path, "organisations file"), path)
    except UnreadableFile as problem:
        raise BadInputError(
            f"{problem}; the exports need the controllers (GOVERNANCE_ORGANISATIONS)"
        ) from None
    if not isinstance(data, list):
        raise BadInputError(f"{path}:1: a list of organisations (- name:, uri:, contact:, dpo:)")
    found: dict[str, Organisation] = {}
    problems = []
    for index, item in enumerate(data):
        try:
            organisation = Organisation.model_validate(item)
        except ValidationError as error:
            problems += [
                f"{path}:{line_of(lines, (index, *e['loc']))}: {explain(e, Organisation)}"
                for e in error.errors()
            ]
            continue
        found[organisation.name.casefold()] = organisation
    if problems:
        raise BadInputError("\n".join(problems))
    return found
