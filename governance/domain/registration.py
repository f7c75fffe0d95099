"""A dataset registration: who owns the data, why it is processed, on what legal basis.

These models check the *shape* of a registration (types, known vocabularies, references
between its parts). Whether it is *lawful* is the job of `legal_rules`, which reports
cited findings instead of raising, so a user sees every problem at once.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from governance.domain.durations import parse_retention_period
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

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="lower-case letters, digits and single hyphens, e.g. 'wmo-wachtlijst'",
    ),
]


_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f]")  # all below U+0020 but tab and newline


def _no_control_characters(value: str) -> str:
    """Refuse NUL and other control characters: PostgreSQL rejects NUL, and they hide text.
    (A compiled pattern: this runs on every string of every registration read.)"""
    bad = _CONTROL_CHARACTER.search(value)
    if bad is not None:
        raise ValueError(f"contains the control character U+{ord(bad.group()):04X}; remove it")
    return value


Plain = Annotated[str, AfterValidator(_no_control_characters)]
Text = Annotated[Plain, Field(min_length=1)]


def _check_period(value: str) -> str:
    return str(parse_retention_period(value))


IsoPeriod = Annotated[str, AfterValidator(_check_period)]

_URL_WITH_PASSWORD = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/@?#]*:[^/@?#]*@")


def _no_password(url: str) -> str:
    """A registration is shown to every colleague, exported and audited: no secrets in it."""
    if _URL_WITH_PASSWORD.match(url):
        raise ValueError(
            "holds a password; leave it out of the registration and give it to the database "
            "driver through the environment (PGPASSWORD) or ~/.pgpass"
        )
    return url


DatabaseUrl = Annotated[Plain, AfterValidator(_no_password)]


class _Model(BaseModel):
    """Immutable, strict about unknown fields (a typo must not pass as an absent field)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Person(_Model):
    name: Text
    contact: Plain | None = None


class Owner(_Model):
    """The accountable owner (AVG art. 5(2)): a person in a department, reachable."""

    name: Text
    department: Text
    contact: Text


class Parsing(_Model):
    """How to read an export when detection is not enough: a CSV's encoding and delimiter,
    US dates, a comma-grouped decimal column, 'onbekend' for missing, 'J'/'N' booleans."""

    encoding: Literal["utf-8", "utf-8-sig", "cp1252", "latin-1"] | None = None
    delimiter: Literal[",", ";", "\t", "|"] | None = None
    date_format: Plain | None = None  # strftime style, e.g. '%m/%d/%Y'
    datetime_format: Plain | None = None
    decimal: Literal[",", "."] | None = None
    true_values: list[Text] | None = None
    false_values: list[Text] | None = None
    null_values: list[Plain] | None = None


class Source(_Model):
    """Where the data lives: a file path, or an SQL URL with a table."""

    system: Text
    format: SourceFormat
    location: Plain | None = None
    url: DatabaseUrl | None = None
    table: Plain | None = None
    parsing: Parsing | None = None

    @model_validator(mode="after")
    def _location_fits_format(self) -> Source:
        if self.format.is_file and not self.location:
            raise ValueError(
                f"a '{self.format.value}' source needs 'location' (the path of the file)"
            )
        if self.format is SourceFormat.SQL and not (self.url and self.table):
            raise ValueError("an 'sql' source needs 'url' (SQLAlchemy URL) and 'table'")
        csv_only = self.parsing and (self.parsing.encoding or self.parsing.delimiter)
        if csv_only and self.format is not SourceFormat.CSV:
            raise ValueError("'parsing.encoding' and 'parsing.delimiter' are for csv sources")
        return self

    @property
    def csv_options(self) -> dict[str, str]:
        """The reader's overrides of detection (encoding, delimiter) that are set."""
        if self.parsing is None:
            return {}
        chosen = {"encoding": self.parsing.encoding, "delimiter": self.parsing.delimiter}
        return {key: value for key, value in chosen.items() if value}


class LegalBasis(_Model):
    """One AVG art. 6(1) ground; grounds c and e name the provision of law (art. 6(3))."""

    ground: LegalGround
    provision: Plain | None = None


class Compatibility(_Model):
    """The AVG art. 6(4) assessment that lets a further purpose reuse data collected for
    `original_purpose` without a legal basis of its own: where it is written down, when and
    by whom it was made."""

    original_purpose: Slug
    reference: Text
    assessed_on: date
    assessed_by: Text


class Purpose(_Model):
    """Why the data is processed. `columns` lists the columns this purpose needs (data
    minimisation, AVG art. 5(1)(c)): a share for it drops the rest; absent means not yet
    worked out, and a share then carries every declared column with a warning."""

    id: Slug
    description: Text
    kind: PurposeKind = PurposeKind.ANALYSIS  # the protective default: shares carry pseudonyms
    legal_basis: LegalBasis | None = None
    compatibility: Compatibility | None = None
    columns: list[Text] | None = Field(default=None, min_length=1)

    def covered_by(self, listed: list[str]) -> bool:
        """Whether an exception or basis listing `listed` purposes (empty: all) covers this
        one. A further purpose (AVG art. 6(4)) is covered only when named: an art. 9(2)
        exception or a BSN basis does not carry over to it by itself."""
        return self.id in listed or (not listed and self.compatibility is None)


class SpecialCategoryUse(_Model):
    """An art. 9 category and the art. 9(2) / UAVG exception that lifts the prohibition,
    for the purposes it covers (empty: every purpose of the dataset)."""

    category: SpecialCategory
    exception: Plain | None = None
    purposes: list[Slug] = Field(default_factory=list)


class CriminalData(_Model):
    """Art. 10 data: what it is, the authority or law that allows it, and the purposes that
    law covers (empty: every purpose of the dataset)."""

    description: Text
    basis: Plain | None = None
    purposes: list[Slug] = Field(default_factory=list)


class BsnUse(_Model):
    """Use of the citizen service number; UAVG art. 46 demands a statutory basis. The
    basis covers `purposes` (empty: every purpose) and hands the BSN only to the listed
    `recipients` (ids); any other share carries a pseudonym or does not happen."""

    statutory_basis: Plain | None = None
    purposes: list[Slug] = Field(default_factory=list)
    recipients: list[Slug] = Field(default_factory=list)


class Transfer(_Model):
    """A transfer to a third country or international organisation (AVG art. 30(1)(e))
    and the safeguard it relies on (art. 45–49)."""

    country: Text
    safeguard: Text


class PersonalData(_Model):
    data_subjects: list[Text] = Field(default_factory=list)
    categories: list[Text] = Field(default_factory=list)
    special_categories: list[SpecialCategoryUse] = Field(default_factory=list)
    criminal_data: CriminalData | None = None
    bsn: BsnUse | None = None
    transfers: list[Transfer] = Field(default_factory=list)

    @model_validator(mode="after")
    def _categories_once(self) -> PersonalData:
        refuse_doubles("special category", [use.category.value for use in self.special_categories])
        return self


class Retention(_Model):
    period: IsoPeriod
    basis: Plain | None = None


class Column(_Model):
    """`identifier`: the column points at one person in the source system (a client, case or
    application number), so an analysis share carries a pseudonym for it, like a BSN."""

    name: Text
    type: ColumnType
    nullable: StrictBool = True
    unique: StrictBool = False
    pii: PiiEntity | None = None
    identifier: StrictBool = False
    description: Plain | None = None

    @property
    def identifies(self) -> bool:
        """A direct identifier by its entity, or a key to one person."""
        return self.identifier or (self.pii is not None and self.pii.is_direct_identifier)


class Recipient(_Model):
    """Who may receive the data; `purposes` empty means for every purpose of the dataset.
    `id` is the short name commands use; without one it is made from `name`."""

    id: Slug
    name: Text
    organisation: Text
    agreement: Plain | None = None
    purposes: list[Slug] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _id_from_name(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("id") and isinstance(data.get("name"), str):
            return {"id": slugify(data["name"]), **data}
        return data

    def answers_to(self, name: str) -> bool:
        """`name` is this recipient's id or name (case and spacing aside)."""
        wanted = " ".join(name.split()).casefold()
        return wanted in (self.id, " ".join(self.name.split()).casefold())


class Publication(_Model):
    """Publication as open data on data.overheid.nl (DCAT-AP-NL 3.0): only a dataset
    classified public and without personal data may set `open_data`."""

    open_data: StrictBool = False
    theme: DcatTheme
    landing_page: Plain | None = None
    license: Plain | None = None  # a URI, e.g. http://creativecommons.org/publicdomain/zero/1.0/


class DpiaRecord(_Model):
    """The DPIA status as recorded for the dataset: the pre-scan's outcome and its
    reasoning (AVG art. 35(1)) and, where a DPIA was made and approved outside this tool,
    its reference, approval date and the date it must be reviewed by (art. 35(11))."""

    prescan: DpiaRequirement
    reasoning: Text
    reference: Plain | None = None
    approved_on: date | None = None
    review_by: date | None = None

    @model_validator(mode="after")
    def _approval_complete(self) -> DpiaRecord:
        parts = [self.reference, self.approved_on, self.review_by]
        if any(part is not None for part in parts) and None in parts:
            raise ValueError(
                "an approved DPIA needs all of 'reference', 'approved_on' and 'review_by'"
            )
        return self


class Registration(_Model):
    id: Slug
    title: Text
    description: Text
    organisation: Text
    public_authority: StrictBool = True
    owner: Owner | None = None
    steward: Person | None = None
    source: Source
    purposes: list[Purpose] = Field(min_length=1)
    personal_data: PersonalData | None = None
    retention: Retention | None = None
    confidentiality: BioLevel = BioLevel.INTERNAL
    columns: list[Column] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    dpia: DpiaRecord | None = None
    publication: Publication | None = None
    status: Status = Status.DRAFT
    version: StrictInt = Field(default=1, ge=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Registration:
        purpose_ids = [p.id for p in self.purposes]
        refuse_doubles("purpose id", purpose_ids)
        refuse_doubles("column name", [c.name for c in self.columns])
        refuse_doubles("recipient id", [r.id for r in self.recipients])
        column_names = [c.name for c in self.columns]
        for purpose in self.purposes:
            _refuse_unknown(
                f"purpose '{purpose.id}'", "column", purpose.columns or [], column_names
            )
            if purpose.compatibility is not None:
                self._check_compatibility(purpose, purpose_ids)
        for recipient in self.recipients:
            _refuse_unknown(
                f"recipient '{recipient.name}'", "purpose", recipient.purposes, purpose_ids
            )
        publishing = self.publication is not None and self.publication.open_data
        if publishing and (self.confidentiality is not BioLevel.PUBLIC or self.holds_personal_data):
            raise ValueError(
                "'publication.open_data' is for a dataset classified 'public' without "
                "personal data; classify it public and remove the personal data, or set "
                "open_data to false"
            )
        personal = self.personal_data
        if personal is not None:
            for use in personal.special_categories:
                _refuse_unknown(
                    f"special category '{use.category.value}'", "purpose", use.purposes, purpose_ids
                )
            if personal.criminal_data is not None:
                _refuse_unknown(
                    "criminal_data", "purpose", personal.criminal_data.purposes, purpose_ids
                )
            if personal.bsn is not None:
                _refuse_unknown("bsn", "purpose", personal.bsn.purposes, purpose_ids)
                recipient_ids = [r.id for r in self.recipients]
                _refuse_unknown("bsn", "recipient", personal.bsn.recipients, recipient_ids)
        return self

    def _check_compatibility(self, purpose: Purpose, purpose_ids: list[str]) -> None:
        """A further purpose builds on an original one with its own lawful ground, not on
        consent (that asks for new consent) and not on another further purpose."""
        assert purpose.compatibility is not None
        original_id = purpose.compatibility.original_purpose
        others = [i for i in purpose_ids if i != purpose.id]
        _refuse_unknown(f"purpose '{purpose.id}'", "original purpose", [original_id], others)
        original = self.purpose(original_id)
        assert original is not None
        basis = original.legal_basis
        if basis is None:
            raise ValueError(
                f"purpose '{purpose.id}' is compatible with '{original_id}', which has no legal "
                "basis of its own; an art. 6(4) assessment builds on a purpose with one"
            )
        if basis.ground is LegalGround.CONSENT:
            raise ValueError(
                f"purpose '{purpose.id}' builds on '{original_id}', which rests on consent: a "
                "further purpose needs new consent, not a compatibility assessment (art. 6(4))"
            )

    def purpose(self, purpose_id: str) -> Purpose | None:
        wanted = purpose_id.strip().casefold()
        return next((p for p in self.purposes if p.id == wanted), None)

    def recipient(self, name: str) -> Recipient | None:
        return next((r for r in self.recipients if r.answers_to(name)), None)

    @property
    def declared_pii_columns(self) -> list[Column]:
        return [column for column in self.columns if column.pii is not None]

    @property
    def uses_bsn(self) -> bool:
        declared = self.personal_data is not None and self.personal_data.bsn is not None
        return declared or any(c.pii is PiiEntity.BSN for c in self.columns)

    @property
    def holds_personal_data(self) -> bool:
        """A `personal_data` section, a column with a PII entity, or an identifier column
        (a client or case number points at one person)."""
        return (
            self.personal_data is not None
            or bool(self.declared_pii_columns)
            or any(c.identifier for c in self.columns)
        )

    def document(self) -> dict[str, Any]:
        """The registration as plain data, in field order, without empty optionals."""
        return self.model_dump(mode="json", exclude_none=True)

    def content_digest(self) -> str:
        """SHA-256 of the content without the version: equal digests mean nothing changed."""
        return document_digest(self.document())


def document_digest(document: dict[str, Any]) -> str:
    """`content_digest` of a stored document, read as stored (so a change to it shows)."""
    return canonical_digest({k: v for k, v in document.items() if k != "version"})


def canonical_digest(data: object) -> str:
    encoded = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def _refuse_unknown(owner: str, what: str, named: list[str], known: list[str]) -> None:
    """A reference inside the registration must point at something it declares."""
    unknown = sorted(set(named) - set(known))
    if unknown:
        choices = ", ".join(known) or "none"
        raise ValueError(
            f"{owner} names unknown {what}(s) {', '.join(unknown)}; the {what}s of this "
            f"dataset are: {choices}"
        )


def slugify(text: str) -> str:
    """'Team Beleid Sociaal Domein' -> 'team-beleid-sociaal-domein' (ASCII letters, digits)."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-")[:80].rstrip("-")


def refuse_doubles(what: str, values: list[str]) -> None:
    doubles = sorted(value for value, times in Counter(values).items() if times > 1)
    if doubles:
        raise ValueError(f"{what} used more than once: {', '.join(doubles)}")


def field_names(model: type[BaseModel] = Registration, prefix: str = "") -> list[str]:
    """Every field path of the registration format (e.g. 'owner.contact'), for docs and tests."""
    names: list[str] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        names.append(path)
        for nested in nested_models(info.annotation):
            names.extend(field_names(nested, prefix=f"{path}."))
    return names


def nested_models(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models inside a field annotation (`Owner | None`, `list[Column]`, …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()):
        found.extend(nested_models(argument))
    return found
