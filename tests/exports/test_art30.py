"""The Art. 30 register: one complete row per purpose, gaps flagged instead of fatal, and
files that Excel, the csv module and a Markdown reader open as they are."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from datetime import date
from typing import Any

import openpyxl
import pytest

from governance.domain.dpia_state import Approval, DpiaState
from governance.domain.registration import Registration
from governance.domain.vocabulary import DpiaRequirement
from governance.errors import BadInputError
from governance.exports.art30 import Art30Row, art30_rows, headers, render_art30
from governance.exports.context import DatasetRecord
from tests.builders import REMOVE, valid_document, with_change
from tests.exports.test_dcat import example_records, example_registrations, organisations


def record_of(document: dict[str, Any], dpia: DpiaState | None = None) -> DatasetRecord:
    registration = Registration.model_validate(document)
    return DatasetRecord(registration, None, dpia or DpiaState(None))


def one_row(document: dict[str, Any], language: str = "nl", **kwargs: Any) -> Art30Row:
    [row] = art30_rows([record_of(document, **kwargs)], organisations(), language)  # type: ignore[arg-type]
    return row


def test_one_row_per_purpose_of_every_registration_with_personal_data() -> None:
    registrations = example_registrations()
    personal = [r for r in registrations if r.holds_personal_data]
    rows = art30_rows(example_records(), organisations())
    assert len(rows) == sum(len(r.purposes) for r in personal) == 11
    expected = {(r.id, p.id) for r in personal for p in r.purposes}
    assert {(_dataset_id(row), _purpose_id(row)) for row in rows} == expected
    # the open aggregate holds no personal data: no processing in the sense of art. 30
    assert not any("reisdocumenten-piekmomenten" in row.processing for row in rows)


def test_the_example_catalogue_has_no_empty_mandatory_field() -> None:
    for row in art30_rows(example_records(), organisations()):
        assert row.flags == (), row.processing
        empty = [f.name for f in fields(row) if f.name != "flags" and not getattr(row, f.name)]
        assert empty == [], row.processing


def test_the_controller_and_dpo_come_from_organisations_yaml() -> None:
    row = one_row(valid_document())
    assert row.controller == "Gemeente Rivierstad"
    assert row.controller_contact.startswith("privacy@rivierstad.example")
    assert row.dpo == "Functionaris gegevensbescherming Rivierstad"
    assert row.dpo_contact == "fg@rivierstad.example"


def test_a_registration_without_retention_or_data_subjects_is_a_flagged_row() -> None:
    document = with_change(valid_document(), "retention", REMOVE)
    document = with_change(document, "personal_data.data_subjects", [])
    row = one_row(document)
    assert row.retention == "" and row.data_subjects == ""
    assert row.flags == ("Categorieën betrokkenen: ontbreekt", "Bewaartermijn: ontbreekt")
    english = one_row(document, language="en")
    assert english.flags == (
        "Categories of data subjects: missing",
        "Retention period: missing",
    )


def test_an_organisation_missing_from_organisations_yaml_is_flagged_not_fatal() -> None:
    row = one_row(with_change(valid_document(), "organisation", "Gemeente Nergenshuizen"))
    assert row.controller == "Gemeente Nergenshuizen"
    assert row.flags == (
        "Gemeente Nergenshuizen: niet in organisations.yaml",
        "Contactgegevens verwerkingsverantwoordelijke: ontbreekt",
        "Functionaris gegevensbescherming: ontbreekt",
        "Contactgegevens FG: ontbreekt",
    )


def test_a_missing_legal_basis_and_provision_are_flagged() -> None:
    no_basis = with_change(valid_document(), "purposes.0.legal_basis", REMOVE)
    assert one_row(no_basis).flags == (
        "Rechtsgrond (AVG art. 6): ontbreekt",
        "Wettelijke bepaling: ontbreekt",
    )
    no_provision = with_change(valid_document(), "purposes.0.legal_basis.provision", REMOVE)
    assert one_row(no_provision).flags == ("Wettelijke bepaling: ontbreekt",)
    consent = with_change(valid_document(), "purposes.0.legal_basis", {"ground": "consent"})
    row = one_row(consent)
    assert row.flags == () and row.provision == "n.v.t."
    assert row.legal_ground == "toestemming (AVG art. 6 lid 1 sub a)"


def test_personal_data_found_by_a_scan_but_not_declared_is_a_flagged_row() -> None:
    document = with_change(valid_document(), "personal_data", REMOVE)
    document["columns"] = [{"name": "opmerking", "type": "string"}]
    registration = Registration.model_validate(document)
    assert not registration.holds_personal_data
    scan = {"columns": [{"name": "opmerking", "entities": ["PERSON"]}]}
    [row] = art30_rows([DatasetRecord(registration, scan, DpiaState(None))], organisations())
    assert "Categorieën persoonsgegevens: ontbreekt" in row.flags
    assert "Categorieën betrokkenen: ontbreekt" in row.flags
    never_scanned = DatasetRecord(registration, None, DpiaState(None))
    assert art30_rows([never_scanned], organisations()) == []


def test_the_cells_say_what_the_registration_declares() -> None:
    row = one_row(valid_document())
    assert row.processing == "Wmo-wachtlijst (test) (wmo-test)"
    assert row.purpose == "Sturen op wachttijden (wachtlijst-monitoring)"
    assert row.legal_ground == "taak van algemeen belang of openbaar gezag (AVG art. 6 lid 1 sub e)"
    assert row.provision == "Wmo 2015, art. 2.3.2"
    assert row.personal_data == "identificatie; voorziening"
    assert row.special_categories == (
        "gezondheid (uitzondering: AVG art. 9(2)(h) jo. Wmo 2015, art. 5.1.1)"
    )
    assert row.criminal_data == "geen"
    assert row.bsn == "ja, in de dataset (grondslag: Wabb art. 10 jo. Wmo 2015, art. 5.1.1)"
    assert row.recipients == (
        "Dataplatform (ICT Rivierland; buiten de organisatie, overeenkomst: VWO-2026-001)"
    )
    assert row.transfers == "geen"
    assert row.retention == "15 jaar (P15Y)"
    assert row.retention_basis == "Selectielijst gemeenten 2020, 1.1"


def test_recipients_are_those_of_the_purpose_inside_or_outside_the_controller() -> None:
    document = valid_document()
    document["purposes"].append(
        {
            "id": "beleidsanalyse",
            "description": "Beleid evalueren",
            "legal_basis": {"ground": "public_task", "provision": "Wmo 2015, art. 2.1.2"},
        }
    )
    document["recipients"].append(
        {"name": "Team Beleid", "organisation": "Gemeente Rivierstad", "purposes": []}
    )
    document["recipients"].append({"name": "Onderzoeksbureau", "organisation": "Bureau X"})
    document["personal_data"]["bsn"]["purposes"] = ["wachtlijst-monitoring"]
    monitoring, analysis = art30_rows([record_of(document)], organisations())
    assert monitoring.recipients.startswith("Dataplatform (ICT Rivierland; buiten")
    assert "Team Beleid (Gemeente Rivierstad; binnen de organisatie)" in monitoring.recipients
    assert "Dataplatform" not in analysis.recipients
    assert "Onderzoeksbureau (Bureau X; buiten de organisatie, geen overeenkomst vastgelegd)" in (
        analysis.recipients
    )
    assert analysis.bsn.endswith("; dekt dit doel niet)")
    assert not monitoring.bsn.endswith("; dekt dit doel niet)")


def test_no_recipients_and_transfers_to_third_countries() -> None:
    document = with_change(valid_document(), "recipients", [])
    document["personal_data"]["transfers"] = [
        {"country": "Verenigde Staten", "safeguard": "EU-VS Data Privacy Framework"}
    ]
    row = one_row(document)
    assert row.recipients == "geen; alleen de verwerkingsverantwoordelijke zelf"
    assert row.transfers == "Verenigde Staten (waarborg: EU-VS Data Privacy Framework)"


@pytest.mark.parametrize(
    "period, dutch, english",
    [
        ("P1Y", "1 jaar (P1Y)", "1 year (P1Y)"),
        ("P1Y6M", "1 jaar en 6 maanden (P1Y6M)", "1 year and 6 months (P1Y6M)"),
        (
            "P2Y1M1W3D",
            "2 jaar, 1 maand, 1 week en 3 dagen (P2Y1M1W3D)",
            "2 years, 1 month, 1 week and 3 days (P2Y1M1W3D)",
        ),
        ("P90D", "90 dagen (P90D)", "90 days (P90D)"),
    ],
)
def test_the_retention_period_in_words(period: str, dutch: str, english: str) -> None:
    document = with_change(valid_document(), "retention.period", period)
    assert one_row(document).retention == dutch
    assert one_row(document, language="en").retention == english


@pytest.mark.parametrize(
    "level, indication",
    [
        ("public", "BBN1"),
        ("internal", "BBN2"),
        ("confidential", "BBN2, aangevuld uit de risicoanalyse"),
        ("secret", "BBN3"),
    ],
)
def test_security_measures_follow_the_bio_level(level: str, indication: str) -> None:
    row = one_row(with_change(valid_document(), "confidentiality", level))
    assert row.security.endswith(f"(indicatie BIO 1.04: {indication})")


def test_the_dpia_status_with_and_without_an_approval() -> None:
    assert one_row(valid_document()).dpia == "onbekend: geen pre-scan vastgelegd"
    approved = DpiaState(
        DpiaRequirement.REQUIRED,
        approval=Approval("DPIA Wmo v1.0", date(2026, 3, 1), date(2027, 3, 1)),
        review_needed=True,
    )
    row = one_row(valid_document(), dpia=approved)
    assert row.dpia == (
        "vereist; goedgekeurd: DPIA Wmo v1.0 (2026-03-01), herbeoordelen uiterlijk 2027-03-01; "
        "herbeoordeling nodig: registratie of scan gewijzigd"
    )
    english = one_row(valid_document(), language="en", dpia=DpiaState(DpiaRequirement.NOT_REQUIRED))
    assert english.dpia == "not required"


def _flagged_and_tricky_rows() -> list[Art30Row]:
    tricky = with_change(valid_document(), "description", "ignored")
    tricky["purposes"][0]["description"] = '=HYPERLINK("x") | met een pijp'
    flagged = with_change(valid_document("wmo-zonder"), "retention", REMOVE)
    return art30_rows([record_of(tricky), record_of(flagged)], organisations())


def test_the_xlsx_reads_back_with_dutch_headers_and_highlighted_flags() -> None:
    rows = _flagged_and_tricky_rows()
    workbook = openpyxl.load_workbook(io.BytesIO(render_art30(rows, "xlsx")))
    sheet = workbook.active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == headers("nl")
    assert values[0][0] == "Verwerkingsverantwoordelijke"
    assert [[cell or "" for cell in v] for v in values[1:]] == [row.cells() for row in rows]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["F2"].data_type == "s"  # a description starting with '=' is no formula
    assert sheet["A2"].fill.fill_type is None
    assert sheet["A3"].fill.fill_type == "solid"  # the row without retention
    assert sheet["F2"].alignment.wrap_text
    assert 10 < sheet.column_dimensions["F"].width <= 60


def test_the_csv_is_excel_ready_and_reads_back() -> None:
    rows = _flagged_and_tricky_rows()
    data = render_art30(rows, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert read[0] == headers("nl")
    assert read[1][5] == "'" + rows[0].purpose  # defused for Excel
    assert read[2] == rows[1].cells()
    assert "Bewaartermijn: ontbreekt" in read[2][-1]


def test_the_markdown_has_the_header_and_escapes_pipes() -> None:
    rows = _flagged_and_tricky_rows()
    lines = render_art30(rows, "md").decode("utf-8").splitlines()
    assert lines[0] == "# Verwerkingsregister (AVG art. 30)"
    assert lines[2] == "| " + " | ".join(headers("nl")) + " |"
    assert lines[3].startswith("| --- |")
    assert len(lines) == 4 + len(rows)
    assert "\\| met een pijp" in lines[4]
    assert lines[4].count(" | ") == len(headers("nl")) - 1


def test_english_headers_on_request() -> None:
    rows = art30_rows(example_records(), organisations(), "en")
    data = render_art30(rows, "csv", "en").decode("utf-8-sig")
    assert data.startswith("Controller;Controller contact;Data protection officer;")
    assert "Register of processing activities" in render_art30(rows, "md", "en").decode()


def test_an_unknown_format_or_language_is_bad_input() -> None:
    with pytest.raises(BadInputError, match="xlsx, csv or md"):
        render_art30([], "pdf")  # type: ignore[arg-type]
    with pytest.raises(BadInputError, match="nl or en"):
        art30_rows(example_records(), organisations(), "de")  # type: ignore[arg-type]


def _dataset_id(row: Art30Row) -> str:
    return row.processing.rsplit("(", 1)[1].rstrip(")")


def _purpose_id(row: Art30Row) -> str:
    return row.purpose.rsplit("(", 1)[1].rstrip(")")


def test_personal_data_the_scan_found_but_nobody_declared_is_flagged() -> None:
    registration = next(r for r in example_registrations() if r.id == "fixi-meldingen")
    scan = {"columns": [{"name": "omschrijving", "entities": ["PHONE_NUMBER"]}]}
    record = DatasetRecord(registration, scan, DpiaState(None))
    rows = art30_rows([record], organisations())
    assert rows and all("omschrijving (PHONE_NUMBER)" in "; ".join(r.flags) for r in rows)
