"""The registration form's fields, and the way between a registration document and the
values its widgets hold.

Every field is named by its path in the document (`owner.contact`,
`purposes.legal_basis.provision`), the names of the README's field reference; the text
keys of its label and help are that path with underscores. The conversion is lossless for
what the form shows, so a document loaded, left alone and read back is the same document:
a form opened and saved unchanged stores no new version.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from governance.domain.vocabulary import (
    BioLevel,
    ColumnType,
    DcatTheme,
    DpiaRequirement,
    LegalGround,
    PiiEntity,
    PurposeKind,
    SourceFormat,
    SpecialCategory,
    Status,
)

DocPath = tuple[str | int, ...]


class Kind(StrEnum):
    TEXT = "text"  # one line
    AREA = "area"  # several lines of text
    LINES = "lines"  # a list of texts, one per line
    LIST = "list"  # a short list of texts, separated by commas
    FLAG = "flag"  # true or false
    CHOICE = "choice"  # one value of a vocabulary
    DATE = "date"
    PICK = "pick"  # several ids or names declared elsewhere in the form


@dataclass(frozen=True)
class Field:
    """One value of the document: `path` inside the document, or inside a list item for
    a table's column. A FLAG equal to its default is left out (the model's default
    holds), so that an untouched section stays absent."""

    path: str
    kind: Kind = Kind.TEXT
    choices: tuple[str, ...] = ()
    default: Any = None
    required: bool = False
    picks: str = ""  # PICK: the table whose ids (or column names) are the options

    @property
    def parts(self) -> DocPath:
        return tuple(self.path.split("."))


@dataclass(frozen=True)
class Table:
    """A list of objects in the document, edited as rows (purposes, columns, …)."""

    path: str
    columns: tuple[Field, ...]
    required: bool = False
    names: str = "id"  # the column whose values other fields pick

    @property
    def parts(self) -> DocPath:
        return tuple(self.path.split("."))


@dataclass(frozen=True)
class Section:
    """A part of the form; problems with `paths` (a whole object) show at its top."""

    name: str
    paths: tuple[str, ...]
    parts: tuple[Field | Table, ...]


def _values(vocabulary: Iterable[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


PURPOSES = Table(
    "purposes",
    (
        Field("id", required=True),
        Field("description", required=True),
        Field("kind", Kind.CHOICE, _values(PurposeKind)),
        Field("legal_basis.ground", Kind.CHOICE, _values(LegalGround)),
        Field("legal_basis.provision"),
        Field("columns", Kind.PICK, picks="columns"),
        Field("compatibility.original_purpose"),
        Field("compatibility.reference"),
        Field("compatibility.assessed_on", Kind.DATE),
        Field("compatibility.assessed_by"),
    ),
    required=True,
)
COLUMNS = Table(
    "columns",
    (
        Field("name", required=True),
        Field("type", Kind.CHOICE, _values(ColumnType)),
        Field("nullable", Kind.FLAG, default=True),
        Field("unique", Kind.FLAG, default=False),
        Field("pii", Kind.CHOICE, _values(PiiEntity)),
        Field("identifier", Kind.FLAG, default=False),
        Field("description"),
    ),
    names="name",
)
RECIPIENTS = Table(
    "recipients",
    (
        Field("id"),
        Field("name", required=True),
        Field("organisation", required=True),
        Field("agreement"),
        Field("purposes", Kind.PICK, picks="purposes"),
    ),
)
SPECIAL_CATEGORIES = Table(
    "personal_data.special_categories",
    (
        Field("category", Kind.CHOICE, _values(SpecialCategory)),
        Field("exception"),
        Field("purposes", Kind.PICK, picks="purposes"),
    ),
)
TRANSFERS = Table(
    "personal_data.transfers",
    (Field("country"), Field("safeguard")),
)

SECTIONS: tuple[Section, ...] = (
    Section(
        "general",
        (),
        (
            Field("id", required=True),
            Field("title", required=True),
            Field("description", Kind.AREA, required=True),
            Field("organisation", required=True),
            Field("public_authority", Kind.FLAG, default=True),
            Field("confidentiality", Kind.CHOICE, _values(BioLevel), BioLevel.INTERNAL.value),
            Field("status", Kind.CHOICE, _values(Status), Status.DRAFT.value),
        ),
    ),
    Section(
        "people",
        ("owner", "steward"),
        (
            Field("owner.name"),
            Field("owner.department"),
            Field("owner.contact"),
            Field("steward.name"),
            Field("steward.contact"),
        ),
    ),
    Section(
        "source",
        ("source", "source.parsing"),
        (
            Field("source.system", required=True),
            Field("source.format", Kind.CHOICE, _values(SourceFormat), SourceFormat.CSV.value),
            Field("source.location"),
            Field("source.url"),
            Field("source.table"),
            Field(
                "source.parsing.encoding", Kind.CHOICE, ("utf-8", "utf-8-sig", "cp1252", "latin-1")
            ),
            Field("source.parsing.delimiter", Kind.CHOICE, (",", ";", "\t", "|")),
            Field("source.parsing.decimal", Kind.CHOICE, (",", ".")),
            Field("source.parsing.date_format"),
            Field("source.parsing.datetime_format"),
            Field("source.parsing.true_values", Kind.LIST),
            Field("source.parsing.false_values", Kind.LIST),
            Field("source.parsing.null_values", Kind.LIST),
        ),
    ),
    Section("purposes", (), (PURPOSES,)),
    Section(
        "personal_data",
        ("personal_data", "personal_data.criminal_data", "personal_data.bsn"),
        (
            Field("personal_data.data_subjects", Kind.LINES),
            Field("personal_data.categories", Kind.LINES),
            SPECIAL_CATEGORIES,
            Field("personal_data.bsn.statutory_basis"),
            Field("personal_data.bsn.purposes", Kind.PICK, picks="purposes"),
            Field("personal_data.bsn.recipients", Kind.PICK, picks="recipients"),
            Field("personal_data.criminal_data.description"),
            Field("personal_data.criminal_data.basis"),
            Field("personal_data.criminal_data.purposes", Kind.PICK, picks="purposes"),
            TRANSFERS,
        ),
    ),
    Section(
        "retention",
        ("retention",),
        (Field("retention.period"), Field("retention.basis", Kind.AREA)),
    ),
    Section("columns", (), (COLUMNS,)),
    Section("recipients", (), (RECIPIENTS,)),
    Section(
        "dpia",
        ("dpia",),
        (
            Field("dpia.prescan", Kind.CHOICE, _values(DpiaRequirement)),
            Field("dpia.reasoning", Kind.AREA),
            Field("dpia.reference"),
            Field("dpia.approved_on", Kind.DATE),
            Field("dpia.review_by", Kind.DATE),
        ),
    ),
    Section(
        "publication",
        ("publication",),
        (
            Field("publication.open_data", Kind.FLAG, default=False),
            Field("publication.theme", Kind.CHOICE, _values(DcatTheme)),
            Field("publication.landing_page"),
            Field("publication.license"),
        ),
    ),
)

FIELDS: tuple[Field, ...] = tuple(
    part for section in SECTIONS for part in section.parts if isinstance(part, Field)
)
TABLES: tuple[Table, ...] = tuple(
    part for section in SECTIONS for part in section.parts if isinstance(part, Table)
)


def table_named(path: str) -> Table:
    """The table at `path` (what a PICK field picks from)."""
    return next(table for table in TABLES if table.path == path)


def text_key(path: str) -> str:
    """`purposes.legal_basis.ground` -> `purposes_legal_basis_ground` (a text file key)."""
    return path.replace(".", "_")


# --- document -> widgets -------------------------------------------------------------------


def widget_value(field: Field, value: Any) -> Any:
    """What the field's widget shows for a document value (None: absent)."""
    if field.kind in (Kind.TEXT, Kind.AREA):
        return "" if value is None else str(value)
    if field.kind is Kind.LINES:
        return "\n".join(map(str, value)) if isinstance(value, list) else ""
    if field.kind is Kind.LIST:
        return ", ".join(map(str, value)) if isinstance(value, list) else ""
    if field.kind is Kind.FLAG:
        return value if isinstance(value, bool) else field.default
    if field.kind is Kind.CHOICE:
        return value if value in field.choices else field.default
    if field.kind is Kind.DATE:
        return _as_date(value)
    return [str(v) for v in value] if isinstance(value, list) else []


def cell_value(field: Field, value: Any) -> Any:
    """What a table cell shows: as a widget, but empty text is an empty cell."""
    shown = widget_value(field, value)
    return shown if shown != "" else None


def get(document: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or None where a part is absent."""
    value: Any = document
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def items(document: Mapping[str, Any], table: Table) -> list[Mapping[str, Any]]:
    found = get(document, table.path)
    return [item for item in found if isinstance(item, Mapping)] if isinstance(found, list) else []


def rows(document: Mapping[str, Any], table: Table) -> list[dict[str, Any]]:
    """The table's rows for the editor, one per list item, cells by column path."""
    return [
        {column.path: cell_value(column, get(item, column.path)) for column in table.columns}
        for item in items(document, table)
    ]


# --- widgets -> document -------------------------------------------------------------------


def document_value(field: Field, shown: Any) -> Any:
    """The document value of what a widget or cell holds; None leaves the field out."""
    shown = _clean(shown)
    if shown is None:
        return None
    if field.kind in (Kind.TEXT, Kind.AREA):
        text = str(shown).strip()
        return text or None
    if field.kind in (Kind.LINES, Kind.LIST):
        separator = "\n" if field.kind is Kind.LINES else ","
        listed = [part.strip() for part in str(shown).split(separator) if part.strip()]
        return listed or None
    if field.kind is Kind.FLAG:
        return None if bool(shown) == field.default else bool(shown)
    if field.kind is Kind.DATE:
        return _as_date(shown).isoformat() if _as_date(shown) else None
    if field.kind is Kind.PICK:
        picked = [str(v).strip() for v in shown if str(v).strip()]
        return picked or None
    return str(shown) or None


def document(
    values: Mapping[str, Any], tables: Mapping[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The registration document the form holds: `values` by field path, `tables` rows by
    table path. Empty fields, empty rows and sections with nothing filled in are left
    out, so that the model's defaults and its 'required' messages apply."""
    built: dict[str, Any] = {}
    for field in FIELDS:
        _put(built, field.parts, document_value(field, values.get(field.path)))
    for table in TABLES:
        listed = [item for row in tables.get(table.path, []) if (item := _item(table, row))]
        _put(built, table.parts, listed or None)
    return built


def _item(table: Table, row: Mapping[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for column in table.columns:
        _put(item, column.parts, document_value(column, row.get(column.path)))
    return item


def _put(target: dict[str, Any], parts: DocPath, value: Any) -> None:
    if value is None:
        return
    for part in parts[:-1]:
        target = target.setdefault(str(part), {})
    target[str(parts[-1])] = value


def _clean(value: Any) -> Any:
    """An editor's empty cell (None, NaN, NaT) as None; numpy arrays as lists."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ == "NaTType":
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        return value.tolist()
    return value


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def names(rows_of: Iterable[Mapping[str, Any]], table: Table) -> list[str]:
    """The ids (or column names) in a table's rows, for the fields that pick them."""
    found = (str(_clean(row.get(table.names)) or "").strip() for row in rows_of)
    return list(dict.fromkeys(name for name in found if name))
