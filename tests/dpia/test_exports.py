"""The Markdown and PDF exports of an assessment: every section a council or an auditor looks
for, in the report's language, with the risk register and matrix where the risks say."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from governance.domain.assessment import Advice, Comment, SignOff
from governance.domain.prescan import Outcome
from governance.domain.risks import Grade, Measure, Risk
from governance.domain.templates import Criterion
from governance.domain.vocabulary import DpiaRequirement
from governance.dpia.markdown import render_markdown
from governance.dpia.pdf import SHADES, render_pdf, to_latin1
from governance.dpia.report import Report, ReportAnswer, ReportDataset, ReportPart

HEADINGS = {
    "nl": [
        "Managementsamenvatting",
        "Antwoorden per onderdeel",
        "Risicoregister",
        "Kans × impact",
        "Advies FG",
        "Besluit en ondertekening",
        "Bijlage: open opmerkingen",
    ],
    "en": [
        "Management summary",
        "Answers per part",
        "Risk register",
        "Likelihood × impact",
        "DPO advice",
        "Decision and sign-off",
        "Appendix: open comments",
    ],
}

RISKS = (
    Risk(
        id="R1",
        description="Zorggegevens | bij onbevoegden",
        rights=("privacy", "non-discriminatie"),
        likelihood=Grade.MEDIUM,
        impact=Grade.HIGH,
        measures=(
            Measure("Rolgebaseerde toegang", "Teamleider Wmo", date(2025, 6, 1)),
            Measure("Logging en controle", "CISO"),
        ),
        residual_likelihood=Grade.LOW,
        residual_impact=Grade.MEDIUM,
    ),
    Risk(
        id="R2",
        description="Onjuiste koppeling\ntussen bestanden",
        rights=("juistheid",),
        likelihood=Grade.LOW,
        impact=Grade.LOW,
        measures=(Measure("Steekproef na elke koppeling", "Informatiebeheerder"),),
    ),
)


def report(language: str = "nl", **changes: object) -> Report:
    """A signed-off DPIA with one required question left open and one comment."""
    built = Report(
        language=language,
        assessment_id=7,
        version=2,
        status="approved",
        title="DPIA Wmo-wachtlijst",
        template_title="Model DPIA Rijksdienst",
        template_version="3.0",
        datasets=(ReportDataset("wmo-wachtlijst", "Wmo-wachtlijst", "Gemeente Rivierstad"),),
        author="Anna de Vries",
        created_at="2025-01-10T09:30:00.000000+00:00",
        summary="De wachtlijst wordt gedeeld met de GGD.",
        parts=(
            ReportPart(
                "a",
                "A. Beschrijving",
                "Model DPIA, deel A",
                (
                    ReportAnswer(
                        "voorstel", "Wat is het voorstel?", "punt 1", "Een dashboard.", True
                    ),
                    ReportAnswer("locaties", "Waar wordt verwerkt?", "punt 8", "", True),
                ),
            ),
            ReportPart(
                "b",
                "B. Rechtmatigheid",
                "Model DPIA, deel B",
                (
                    ReportAnswer(
                        "grondslag", "Welke grondslag?", "AVG art. 6(1)", "Openbare taak", True
                    ),
                    ReportAnswer("doelbinding", "Verenigbaar doel?", "", "", False),
                ),
            ),
        ),
        risks=RISKS,
        advice=Advice(
            "conditional",
            "Beperk de toegang tot het zorgteam.",
            "Bram FG",
            "2025-02-01T10:00:00+00:00",
        ),
        sign_off=SignOff(
            approved=True,
            by="Carla Jansen",
            at="2025-02-03T14:15:00+00:00",
            version=2,
            note="Onder voorwaarde van het FG-advies.",
            review_by=date(2026, 2, 3),
        ),
        comments=(
            Comment(
                "locaties", "Noem ook de back-up.", "Dirk Privacy", "2025-01-20T08:00:00+00:00", 1
            ),
        ),
        matrix_reference="Model DPIA Rijksdienst, onderdeel C (kans x impact)",
    )
    return replace(built, **changes)


PRESCAN = Outcome(
    DpiaRequirement.REQUIRED,
    {Criterion.EDPB: ["kwetsbare_groepen", "grote_schaal"]},
    iama_needed=True,
    childrens_rights=False,
    reference="Pre-scan DPIA Rijksdienst, beslisregel",
)


def pdf_text(data: bytes) -> str:
    """The PDF's text with whitespace normalised: wrapping decides where lines break."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def table_rows(markdown: str, first_cell: str) -> list[list[str]]:
    """The cells of each Markdown table row whose first cell is `first_cell`."""
    rows = []
    for line in markdown.splitlines():
        if line.startswith(f"| {first_cell} |"):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


# --- Markdown ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_markdown_has_every_section_in_the_reports_language(language: str) -> None:
    text = render_markdown(report(language))

    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    assert headings[0] == "DPIA Wmo-wachtlijst"
    assert [h for h in headings if h in HEADINGS[language]] == HEADINGS[language]
    assert not set(HEADINGS["en" if language == "nl" else "nl"]) & set(headings)


def test_markdown_title_block_names_template_assessment_and_datasets() -> None:
    text = render_markdown(report())

    assert "- **Sjabloon:** Model DPIA Rijksdienst, versie 3.0" in text
    assert "- **Beoordeling:** #7, versie 2" in text
    assert "- **Status:** goedgekeurd" in text
    assert "- **Datasets:** Wmo-wachtlijst (wmo-wachtlijst), Gemeente Rivierstad" in text
    assert "- **Aangemaakt:** 2025-01-10 09:30 UTC" in text


def test_markdown_answers_show_progress_and_the_open_required_question() -> None:
    text = render_markdown(report())

    assert "*Model DPIA, deel A · 1 van 2 vragen beantwoord*" in text
    assert "**Waar wordt verwerkt? (verplicht)**\n\n*punt 8*\n\n*— (niet beantwoord)*" in text
    assert "**Verenigbaar doel?**\n\n*— (niet beantwoord)*" in text
    assert "**Wat is het voorstel? (verplicht)**\n\n*punt 1*\n\nEen dashboard." in text


def test_markdown_risk_register_has_a_row_per_risk_with_escaped_cells() -> None:
    text = render_markdown(report())

    assert table_rows(text, "R1") == [
        [
            "R1",
            "Zorggegevens \\| bij onbevoegden",
            "privacy, non-discriminatie",
            "middel",
            "hoog",
            "hoog",
            "Rolgebaseerde toegang (eigenaar Teamleider Wmo, uiterlijk 2025-06-01)"
            "<br>Logging en controle (eigenaar CISO)",
            "laag",
        ]
    ]
    assert table_rows(text, "R2")[0][1] == "Onjuiste koppeling<br>tussen bestanden"
    assert table_rows(text, "R2")[0][-1] == "—"


@pytest.mark.parametrize(
    ("language", "high", "medium", "low"),
    [("nl", "hoog", "middel", "laag"), ("en", "high", "medium", "low")],
)
def test_markdown_matrix_puts_each_risk_in_its_cell(
    language: str, high: str, medium: str, low: str
) -> None:
    text = render_markdown(report(language))

    # rows: likelihood high to low; columns: impact low to high
    assert table_rows(text, high) == [[high, "", "", ""]]
    assert table_rows(text, medium) == [[medium, "", "", "R1"]]
    assert table_rows(text, low) == [[low, "R2", "", ""]]
    assert "*Model DPIA Rijksdienst, onderdeel C (kans x impact)*" in text


def test_markdown_matrix_lists_risks_sharing_a_cell_together() -> None:
    both_low = (RISKS[1], replace(RISKS[1], id="R3"))

    text = render_markdown(report(risks=both_low))

    assert table_rows(text, "laag") == [["laag", "R2, R3", "", ""]]


def test_markdown_advice_and_sign_off() -> None:
    text = render_markdown(report("en"))

    assert "- **Position:** positive on conditions" in text
    assert "- **Advice:** Beperk de toegang tot het zorgteam." in text
    assert "- **By:** Bram FG" in text
    assert "- **Decision:** approved" in text
    assert "- **By:** Carla Jansen" in text
    assert "- **At:** 2025-02-03 14:15 UTC" in text
    assert "- **On version:** 2" in text
    assert "- **Review by:** 2026-02-03" in text
    assert "- **Note:** Onder voorwaarde van het FG-advies." in text


@pytest.mark.parametrize(
    ("language", "placeholders"),
    [
        ("nl", ["*Nog niet geschreven.*", "*Nog niet gegeven.*", "*Nog geen besluit.*"]),
        ("en", ["*Not written yet.*", "*Not given yet.*", "*No decision yet.*"]),
    ],
)
def test_markdown_says_what_is_missing(language: str, placeholders: list[str]) -> None:
    text = render_markdown(report(language, summary="", advice=None, sign_off=None, comments=()))

    for placeholder in placeholders:
        assert placeholder in text
    assert "## Bijlage" not in text
    assert "## Appendix" not in text


def test_markdown_shows_review_reasons_before_the_summary() -> None:
    reasons = ("Dataset wmo-wachtlijst heeft een nieuwe kolom bsn", "De beoordeling is verlopen")

    text = render_markdown(report(review_needed=reasons))

    alert = "> **Let op: herbeoordeling nodig**\n>\n> - " + "\n> - ".join(reasons)
    assert alert in text
    assert text.index(alert) < text.index("## Managementsamenvatting")


def test_markdown_appendix_groups_comments_under_their_question() -> None:
    text = render_markdown(report())

    appendix = text.split("## Bijlage: open opmerkingen")[1]
    assert "### Waar wordt verwerkt?" in appendix
    assert table_rows(appendix, "Noem ook de back-up.") == [
        ["Noem ook de back-up.", "Dirk Privacy", "2025-01-20 08:00 UTC", "1"]
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "## Uitkomst pre-scan",
                "- **Uitkomst:** DPIA verplicht",
                "- **EDPB-criteria:** kwetsbare_groepen, grote_schaal",
                "- **IAMA nodig:** ja",
                "- **Kinderrechtentoets aanbevolen:** nee",
                "- **Beslisregel:** Pre-scan DPIA Rijksdienst, beslisregel",
            ],
        ),
        (
            "en",
            [
                "## Pre-scan outcome",
                "- **Outcome:** DPIA required",
                "- **EDPB criteria:** kwetsbare_groepen, grote_schaal",
                "- **IAMA needed:** yes",
                "- **Children's rights assessment advised:** no",
            ],
        ),
    ],
)
def test_markdown_prescan_outcome_with_deciding_criteria(
    language: str, expected: list[str]
) -> None:
    text = render_markdown(report(language, prescan=PRESCAN))

    for line in expected:
        assert line in text


def test_markdown_prescan_without_deciding_criteria_says_so() -> None:
    not_required = Outcome(DpiaRequirement.NOT_REQUIRED, {}, False, False, ["grote_schaal"])

    text = render_markdown(report(prescan=not_required))

    assert "- **Uitkomst:** DPIA niet verplicht" in text
    assert "- **Doorslaggevende criteria:** geen" in text
    assert "- **Onbeantwoord:** grote_schaal" in text


def test_markdown_without_a_prescan_has_no_prescan_section() -> None:
    assert "pre-scan" not in render_markdown(report()).lower()


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="'de'"):
        render_markdown(report("de"))


# --- PDF --------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
def test_pdf_holds_the_sections_risks_advice_and_sign_off(language: str) -> None:
    data = render_pdf(report(language))

    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for heading in HEADINGS[language]:
        assert heading.replace("×", "x") in text
    for risk_id in ("R1", "R2"):
        assert risk_id in text
    assert "Zorggegevens | bij onbevoegden" in text
    assert "Onjuiste koppeling tussen bestanden" in text
    assert "Rolgebaseerde toegang" in text
    assert "Beperk de toegang tot het zorgteam." in text
    assert "Carla Jansen" in text


@pytest.mark.parametrize(
    ("language", "footer"), [("nl", "pagina {} van {}"), ("en", "page {} of {}")]
)
def test_pdf_numbers_its_pages(language: str, footer: str) -> None:
    reader = PdfReader(io.BytesIO(render_pdf(report(language))))

    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        assert footer.format(number, pages) in page.extract_text()


def test_pdf_carries_the_prescan_review_reasons_and_comments() -> None:
    data = render_pdf(report(prescan=PRESCAN, review_needed=("De beoordeling is verlopen",)))

    text = pdf_text(data)
    assert "Let op: herbeoordeling nodig" in text
    assert "De beoordeling is verlopen" in text
    assert "DPIA verplicht" in text
    assert "kwetsbare_groepen, grote_schaal" in text
    assert "Noem ook de back-up." in text


def test_pdf_shades_the_matrix_by_level() -> None:
    pages = PdfReader(io.BytesIO(render_pdf(report()))).pages
    drawn = "".join(page.get_contents().get_data().decode("latin-1") for page in pages)

    fills = re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", drawn)
    colours = {tuple(round(float(part) * 255) for part in fill) for fill in fills}
    assert set(SHADES.values()) <= colours


def test_pdf_metadata_dates_the_document_at_its_sign_off() -> None:
    reader = PdfReader(io.BytesIO(render_pdf(report())))

    assert reader.metadata is not None
    assert reader.metadata.title == "DPIA Wmo-wachtlijst"
    assert reader.metadata.creation_date is not None
    assert reader.metadata.creation_date.isoformat().startswith("2025-02-03T14:15")


def test_pdf_renders_text_outside_latin1() -> None:
    summary = "Kosten – “circa” € 5 … 3 × 4 ≥ 10 ✓"
    risk = replace(RISKS[0], description="Lek — ‘per ongeluk’ ★")

    data = render_pdf(report(summary=summary, risks=(risk,)))

    text = pdf_text(data)
    assert 'Kosten - "circa" EUR 5 ... 3 x 4 >= 10 ?' in text
    assert "Lek - 'per ongeluk' ?" in text


def test_to_latin1_keeps_dutch_accents_and_replaces_the_rest() -> None:
    assert to_latin1("Geëvalueerd – café × 2 “ok” ✓") == 'Geëvalueerd - café x 2 "ok" ?'


def test_importing_the_pdf_export_does_not_import_fpdf() -> None:
    """The CLI imports the exports; fpdf2 loads only when a PDF is made."""
    code = "import sys, governance.dpia.pdf; sys.exit('fpdf' in sys.modules)"

    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
