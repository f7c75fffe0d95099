"""The register of processing activities (verwerkingsregister, AVG art. 30(1)).

One row per processing: a registration together with one of its purposes, because the
register is kept per purpose (each has its own lawful ground and its own recipients).
Only registrations that hold personal data belong in it — declared, or found by the latest
scan; an open aggregate is no processing of personal data (AVG art. 2(1), art. 4(2)).

The register is shown to the Dutch DPA on request, so a gap must be visible, not fatal:
a mandatory field the registration does not give (no retention, no data subjects, a
controller missing from organisations.yaml) leaves its cell empty and names the field in
the row's `flags`. Texts are Dutch by default; `language="en"` gives English.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass, fields, replace
from typing import Literal

from governance.domain.dpia_state import DpiaState
from governance.domain.durations import parse_retention_period
from governance.domain.registration import Purpose, Registration
from governance.domain.vocabulary import (
    BioLevel,
    DpiaRequirement,
    LegalGround,
    SpecialCategory,
    Status,
)
from governance.errors import BadInputError
from governance.exports.context import DatasetRecord, Organisation

Language = Literal["nl", "en"]
Format = Literal["xlsx", "csv", "md"]


@dataclass(frozen=True)
class Art30Row:
    """One processing, every AVG art. 30(1) field as text (a)–(g), plus the DPIA status."""

    controller: str
    controller_contact: str
    dpo: str
    dpo_contact: str
    processing: str
    purpose: str
    legal_ground: str
    provision: str
    data_subjects: str
    personal_data: str
    special_categories: str
    criminal_data: str
    bsn: str
    recipients: str
    transfers: str
    retention: str
    retention_basis: str
    security: str
    dpia: str
    flags: tuple[str, ...] = ()

    def cells(self) -> list[str]:
        *values, flags = astuple(self)
        return [*values, "; ".join(flags)]


HEADERS: dict[str, tuple[str, str]] = {
    "controller": ("Verwerkingsverantwoordelijke", "Controller"),
    "controller_contact": ("Contactgegevens verwerkingsverantwoordelijke", "Controller contact"),
    "dpo": ("Functionaris gegevensbescherming", "Data protection officer"),
    "dpo_contact": ("Contactgegevens FG", "DPO contact"),
    "processing": ("Verwerking (dataset)", "Processing (dataset)"),
    "purpose": ("Doel van de verwerking", "Purpose of the processing"),
    "legal_ground": ("Rechtsgrond (AVG art. 6)", "Lawful ground (GDPR art. 6)"),
    "provision": ("Wettelijke bepaling", "Statutory provision"),
    "data_subjects": ("Categorieën betrokkenen", "Categories of data subjects"),
    "personal_data": ("Categorieën persoonsgegevens", "Categories of personal data"),
    "special_categories": (
        "Bijzondere persoonsgegevens (art. 9)",
        "Special categories (art. 9)",
    ),
    "criminal_data": ("Strafrechtelijke gegevens (art. 10)", "Criminal data (art. 10)"),
    "bsn": ("BSN (UAVG art. 46)", "Citizen service number (UAVG art. 46)"),
    "recipients": ("Categorieën ontvangers", "Categories of recipients"),
    "transfers": ("Doorgifte aan derde landen", "Transfers to third countries"),
    "retention": ("Bewaartermijn", "Retention period"),
    "retention_basis": ("Grondslag bewaartermijn", "Basis of the retention period"),
    "security": ("Beveiligingsmaatregelen (algemeen)", "Security measures (general)"),
    "dpia": ("DPIA-status", "DPIA status"),
    "flags": ("Signaleringen", "Flags"),
}
MANDATORY = (
    "controller_contact",
    "dpo",
    "dpo_contact",
    "legal_ground",
    "data_subjects",
    "personal_data",
    "retention",
)  # plus `provision` where the ground needs one (AVG art. 6(3))

_WORDS: dict[str, tuple[str, str]] = {
    "none": ("geen", "none"),
    "no": ("nee", "no"),
    "not_applicable": ("n.v.t.", "n/a"),
    "controller_only": (
        "geen; alleen de verwerkingsverantwoordelijke zelf",
        "none; the controller only",
    ),
    "inside": ("binnen de organisatie", "within the organisation"),
    "outside": ("buiten de organisatie", "outside the organisation"),
    "agreement": ("overeenkomst", "agreement"),
    "no_agreement": ("geen overeenkomst vastgelegd", "no agreement recorded"),
    "exception": ("uitzondering", "exception"),
    "basis": ("grondslag", "basis"),
    "missing": ("ontbreekt", "missing"),
    "undeclared": (
        "de scan vond niet geregistreerde persoonsgegevens",
        "the scan found personal data the registration does not declare",
    ),
    "not_this_purpose": ("dekt dit doel niet", "does not cover this purpose"),
    "in_dataset": ("ja, in de dataset", "yes, in the dataset"),
    "safeguard": ("waarborg", "safeguard"),
    "unknown_org": ("niet in organisations.yaml", "not in organisations.yaml"),
    "approved": ("goedgekeurd", "approved"),
    "until": ("herbeoordelen uiterlijk", "review by"),
    "review_needed": (
        "herbeoordeling nodig: registratie of scan gewijzigd",
        "review needed: registration or scan changed",
    ),
    "and": ("en", "and"),
}
_GROUNDS: dict[LegalGround, tuple[str, str]] = {
    LegalGround.CONSENT: ("toestemming", "consent"),
    LegalGround.CONTRACT: ("overeenkomst", "contract"),
    LegalGround.LEGAL_OBLIGATION: ("wettelijke verplichting", "legal obligation"),
    LegalGround.VITAL_INTERESTS: ("vitaal belang", "vital interests"),
    LegalGround.PUBLIC_TASK: ("taak van algemeen belang of openbaar gezag", "public task"),
    LegalGround.LEGITIMATE_INTERESTS: ("gerechtvaardigd belang", "legitimate interests"),
}
_SPECIAL: dict[SpecialCategory, tuple[str, str]] = {
    SpecialCategory.RACIAL_OR_ETHNIC_ORIGIN: ("ras of etnische afkomst", "racial or ethnic origin"),
    SpecialCategory.POLITICAL_OPINIONS: ("politieke opvattingen", "political opinions"),
    SpecialCategory.RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS: (
        "religieuze of levensbeschouwelijke overtuigingen",
        "religious or philosophical beliefs",
    ),
    SpecialCategory.TRADE_UNION_MEMBERSHIP: ("lidmaatschap vakbond", "trade-union membership"),
    SpecialCategory.GENETIC: ("genetische gegevens", "genetic data"),
    SpecialCategory.BIOMETRIC: ("biometrische gegevens", "biometric data"),
    SpecialCategory.HEALTH: ("gezondheid", "health"),
    SpecialCategory.SEX_LIFE_OR_SEXUAL_ORIENTATION: (
        "seksueel gedrag of seksuele gerichtheid",
        "sex life or sexual orientation",
    ),
}
_DPIA: dict[DpiaRequirement | None, tuple[str, str]] = {
    DpiaRequirement.REQUIRED: ("vereist", "required"),
    DpiaRequirement.RECOMMENDED: ("aanbevolen", "recommended"),
    DpiaRequirement.NOT_REQUIRED: ("niet vereist", "not required"),
    None: ("onbekend: geen pre-scan vastgelegd", "unknown: no pre-scan recorded"),
}
_UNITS: dict[str, tuple[tuple[str, str], ...]] = {  # RetentionPeriod's fields: (one, more)
    "years": (("jaar", "jaar"), ("year", "years")),
    "months": (("maand", "maanden"), ("month", "months")),
    "weeks": (("week", "weken"), ("week", "weeks")),
    "days": (("dag", "dagen"), ("day", "days")),
}

# A general description of measures per confidentiality level (art. 30(1)(g) asks no
# more). The indication is the basisbeveiligingsniveau (BBN) of BIO 1.04; BIO2 (2025)
# replaces the BBNs by a risk-based choice, so it stays an indication: the measures in
# force are those of the organisation's information security policy.
_SECURITY: dict[BioLevel, tuple[str, tuple[str, str]]] = {
    BioLevel.PUBLIC: (
        "BBN1",
        (
            "openbaar: integriteit en beschikbaarheid beschermd (wijzigen alleen door "
            "bevoegden, back-up); geen eisen aan vertrouwelijkheid",
            "public: integrity and availability protected (changes by authorised staff "
            "only, back-up); no confidentiality requirements",
        ),
    ),
    BioLevel.INTERNAL: (
        "BBN2",
        (
            "intern: toegang op rol voor medewerkers die het nodig hebben, logging van "
            "toegang, versleuteld transport, back-up",
            "internal: role-based access for staff who need it, access logging, "
            "encrypted transport, back-up",
        ),
    ),
    BioLevel.CONFIDENTIAL: (
        "BBN2, aangevuld uit de risicoanalyse",
        (
            "vertrouwelijk: als intern, plus toegang per persoon geautoriseerd en "
            "periodiek herzien, versleuteling bij opslag, pseudonimisering bij analyse en "
            "delen",
            "confidential: as internal, plus access authorised per person and reviewed "
            "periodically, encryption at rest, pseudonymisation for analysis and sharing",
        ),
    ),
    BioLevel.SECRET: (
        "BBN3",
        (
            "geheim: als vertrouwelijk, plus een gescheiden omgeving, "
            "tweefactorauthenticatie en toegang alleen na screening",
            "secret: as confidential, plus a separate environment, two-factor "
            "authentication and access only after screening",
        ),
    ),
}


def art30_rows(
    records: Iterable[DatasetRecord],
    organisations: Mapping[str, Organisation],
    language: Language = "nl",
) -> list[Art30Row]:
    """One row per purpose of every registration that holds personal data."""
    return [
        _row(record, purpose, organisations, language)
        for record in records
        if record.registration.status is Status.ACTIVE and record.holds_personal_data
        for purpose in record.registration.purposes
    ]


def headers(language: Language = "nl") -> list[str]:
    index = _index(language)
    return [HEADERS[field.name][index] for field in fields(Art30Row)]


def render_art30(rows: list[Art30Row], fmt: Format, language: Language = "nl") -> bytes:
    """The register as an Excel workbook, a CSV for Excel, or a Markdown table."""
    if fmt == "xlsx":
        return _xlsx(rows, language)
    if fmt == "csv":
        return _csv(rows, language)
    if fmt == "md":
        return _markdown(rows, language)
    raise BadInputError(f"unknown register format '{fmt}'; choose xlsx, csv or md")


# --- rows -------------------------------------------------------------------------------


def _row(
    record: DatasetRecord,
    purpose: Purpose,
    organisations: Mapping[str, Organisation],
    language: Language,
) -> Art30Row:
    registration = record.registration
    i = _index(language)
    organisation = organisations.get(registration.organisation.casefold())
    personal = registration.personal_data
    retention = registration.retention
    row = Art30Row(
        controller=organisation.name if organisation else registration.organisation,
        controller_contact=organisation.contact if organisation else "",
        dpo=organisation.dpo.name if organisation else "",
        dpo_contact=(organisation.dpo.contact or "") if organisation else "",
        processing=f"{registration.title} ({registration.id})",
        purpose=f"{purpose.description} ({purpose.id})",
        legal_ground=_ground(purpose, i),
        provision=_provision(purpose, i),
        data_subjects="; ".join(personal.data_subjects) if personal else "",
        personal_data="; ".join(personal.categories) if personal else "",
        special_categories=_special_categories(registration, purpose, i),
        criminal_data=_criminal_data(registration, purpose, i),
        bsn=_bsn(registration, purpose, i),
        recipients=_recipients(registration, purpose, i),
        transfers=_transfers(registration, i),
        retention=_period(retention.period, i) if retention else "",
        retention_basis=(retention.basis or "") if retention else "",
        security=_security(registration.confidentiality, i),
        dpia=_dpia(record.dpia, i),
    )
    return _flagged(row, purpose, organisation is None, _undeclared(record), i)


def _undeclared(record: DatasetRecord) -> list[str]:
    """Personal data the latest scan found that the registration does not declare, as
    'column (ENTITY)': the register must not describe less than the data holds."""
    declared = {c.name: c.pii for c in record.registration.columns}
    return [
        f"{name} ({', '.join(sorted(e.value for e in entities if e is not declared.get(name)))})"
        for name, entities in record.found().items()
        if any(e is not declared.get(name) for e in entities)
    ]


def _flagged(
    row: Art30Row, purpose: Purpose, unknown_org: bool, undeclared: list[str], i: int
) -> Art30Row:
    needed = [*MANDATORY, "provision"] if _needs_provision(purpose) else list(MANDATORY)
    missing = [
        f"{HEADERS[name][i]}: {_WORDS['missing'][i]}" for name in needed if not getattr(row, name)
    ]
    if unknown_org:
        missing.insert(0, f"{row.controller}: {_WORDS['unknown_org'][i]}")
    if undeclared:
        missing.append(f"{_WORDS['undeclared'][i]}: {', '.join(undeclared)}")
    return replace(row, flags=tuple(missing))


def _ground(purpose: Purpose, i: int) -> str:
    if purpose.legal_basis is None:
        return ""
    ground = purpose.legal_basis.ground
    article = (
        f"AVG art. 6 lid 1 sub {ground.letter}" if i == 0 else f"GDPR art. 6(1)({ground.letter})"
    )
    return f"{_GROUNDS[ground][i]} ({article})"


def _provision(purpose: Purpose, i: int) -> str:
    basis = purpose.legal_basis
    if basis is not None and basis.provision:
        return basis.provision
    return "" if _needs_provision(purpose) else _WORDS["not_applicable"][i]


def _needs_provision(purpose: Purpose) -> bool:
    """Grounds (c) and (e) name their provision (AVG art. 6(3)); without a ground it is
    unknown whether one is needed, so the empty cell counts as a gap."""
    basis = purpose.legal_basis
    return basis is None or basis.ground.needs_provision


def _special_categories(registration: Registration, purpose: Purpose, i: int) -> str:
    personal = registration.personal_data
    uses = personal.special_categories if personal else []
    texts = [
        f"{_SPECIAL[use.category][i]} ("
        f"{_WORDS['exception'][i]}: {use.exception or _WORDS['missing'][i]}"
        f"{_coverage(purpose, use.purposes, i)})"
        for use in uses
    ]
    return "; ".join(texts) or _WORDS["none"][i]


def _criminal_data(registration: Registration, purpose: Purpose, i: int) -> str:
    personal = registration.personal_data
    criminal = personal.criminal_data if personal else None
    if criminal is None:
        return _WORDS["none"][i]
    basis = criminal.basis or _WORDS["missing"][i]
    coverage = _coverage(purpose, criminal.purposes, i)
    return f"{criminal.description} ({_WORDS['basis'][i]}: {basis}{coverage})"


def _bsn(registration: Registration, purpose: Purpose, i: int) -> str:
    if not registration.uses_bsn:
        return _WORDS["no"][i]
    personal = registration.personal_data
    use = personal.bsn if personal else None
    basis = (use.statutory_basis if use else None) or _WORDS["missing"][i]
    coverage = _coverage(purpose, use.purposes if use else [], i)
    return f"{_WORDS['in_dataset'][i]} ({_WORDS['basis'][i]}: {basis}{coverage})"


def _coverage(purpose: Purpose, listed: list[str], i: int) -> str:
    """A note when an exception or basis exists but does not reach this purpose."""
    return "" if purpose.covered_by(listed) else f"; {_WORDS['not_this_purpose'][i]}"


def _recipients(registration: Registration, purpose: Purpose, i: int) -> str:
    texts = []
    for recipient in registration.recipients:
        if recipient.purposes and purpose.id not in recipient.purposes:
            continue
        inside = recipient.organisation.casefold() == registration.organisation.casefold()
        if inside:
            where = _WORDS["inside"][i]
        elif recipient.agreement:
            where = f"{_WORDS['outside'][i]}, {_WORDS['agreement'][i]}: {recipient.agreement}"
        else:
            where = f"{_WORDS['outside'][i]}, {_WORDS['no_agreement'][i]}"
        texts.append(f"{recipient.name} ({recipient.organisation}; {where})")
    return "; ".join(texts) or _WORDS["controller_only"][i]


def _transfers(registration: Registration, i: int) -> str:
    personal = registration.personal_data
    transfers = personal.transfers if personal else []
    texts = [f"{t.country} ({_WORDS['safeguard'][i]}: {t.safeguard})" for t in transfers]
    return "; ".join(texts) or _WORDS["none"][i]


def _period(iso: str, i: int) -> str:
    """'P1Y6M' as '1 jaar en 6 maanden (P1Y6M)': the register is read by people."""
    period = parse_retention_period(iso)
    parts = [
        _count(getattr(period, unit), names[i])
        for unit, names in _UNITS.items()
        if getattr(period, unit)
    ] or [_count(0, _UNITS["days"][i])]
    if len(parts) == 1:
        return f"{parts[0]} ({iso})"
    return f"{', '.join(parts[:-1])} {_WORDS['and'][i]} {parts[-1]} ({iso})"


def _count(value: int, names: tuple[str, str]) -> str:
    return f"{value} {names[0] if value == 1 else names[1]}"


def _security(level: BioLevel, i: int) -> str:
    indication, measures = _SECURITY[level]
    reference = "indicatie BIO 1.04" if i == 0 else "indication BIO 1.04"
    return f"{measures[i]} ({reference}: {indication})"


def _dpia(state: DpiaState, i: int) -> str:
    parts = [_DPIA[state.requirement][i]]
    if state.approval is not None:
        approval = state.approval
        parts.append(
            f"{_WORDS['approved'][i]}: {approval.reference} ({approval.approved_on.isoformat()}), "
            f"{_WORDS['until'][i]} {approval.review_by.isoformat()}"
        )
    if state.review_needed:
        parts.append(_WORDS["review_needed"][i])
    return "; ".join(parts)


def _index(language: Language) -> int:
    if language not in ("nl", "en"):
        raise BadInputError(f"unknown language '{language}'; choose nl or en")
    return 0 if language == "nl" else 1


# --- rendering --------------------------------------------------------------------------

_TITLES = ("Verwerkingsregister (AVG art. 30)", "Register of processing activities (GDPR art. 30)")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_MAX_WIDTH = 60


def _xlsx(rows: list[Art30Row], language: Language) -> bytes:
    """Bold, frozen header; wrapped text; flagged rows filled, so a gap shows at a glance.
    Every cell is written as text: a description starting with '=' stays a description."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Verwerkingsregister" if language == "nl" else "Register"
    sheet.append(headers(language))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    flagged = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row.cells(), start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            cell.data_type = "s"
            cell.alignment = wrap
            if row.flags:
                cell.fill = flagged
    for column_cells in sheet.columns:
        longest = max(len(str(cell.value or "")) for cell in column_cells)
        letter = column_cells[0].column_letter
        sheet.column_dimensions[letter].width = min(longest + 2, _MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[Art30Row], language: Language) -> bytes:
    """UTF-8 with a byte-order mark and ';' between fields, because that is what Dutch
    Excel opens by double-click: without the BOM it reads Windows-1252 and garbles 'ë',
    and with ',' as the decimal separator its list separator is ';'. A cell starting with
    '=', '+', '-' or '@' gets a leading apostrophe, so Excel shows it instead of running
    it as a formula (CSV injection)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers(language))
    for row in rows:
        writer.writerow([_inert(value) for value in row.cells()])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def _inert(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _markdown(rows: list[Art30Row], language: Language) -> bytes:
    lines = [
        f"# {_TITLES[_index(language)]}",
        "",
        _markdown_line(headers(language)),
        _markdown_line(["---"] * len(HEADERS)),
        *(_markdown_line(row.cells()) for row in rows),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _markdown_line(cells: list[str]) -> str:
    """A table row; a '|' in a cell would end it and a newline would break the table."""
    escaped = [
        cell.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>") for cell in cells
    ]
    return "| " + " | ".join(escaped) + " |"
