"""What an exported assessment says and in which order: its fixed words in Dutch and English,
and the outline of blocks that both exports lay out.

The Markdown (for a council or an auditor) and the PDF (for the file) render the same blocks,
so the two cannot drift apart: a section added here appears in both. Blocks hold plain text;
each renderer does its own escaping and styling.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from governance.domain.assessment import Advice, Comment, SignOff
from governance.domain.prescan import Outcome
from governance.domain.risks import Grade, Measure, Risk, level
from governance.dpia.report import Report, ReportAnswer, ReportPart

LANGUAGES = ("nl", "en")

# key -> (Dutch, English): each text next to its translation, so a reviewer sees both.
_TEXTS: dict[str, tuple[str, str]] = {
    # sections
    "summary": ("Managementsamenvatting", "Management summary"),
    "prescan": ("Uitkomst pre-scan", "Pre-scan outcome"),
    "answers": ("Antwoorden per onderdeel", "Answers per part"),
    "risks": ("Risicoregister", "Risk register"),
    "matrix": ("Kans × impact", "Likelihood × impact"),
    "advice": ("Advies FG", "DPO advice"),
    "decision": ("Besluit en ondertekening", "Decision and sign-off"),
    "comments": ("Bijlage: open opmerkingen", "Appendix: open comments"),
    "review_needed": ("Let op: herbeoordeling nodig", "Attention: review needed"),
    # title block
    "template": ("Sjabloon", "Template"),
    "assessment": ("Beoordeling", "Assessment"),
    "version": ("versie", "version"),
    "status": ("Status", "Status"),
    "datasets": ("Datasets", "Datasets"),
    "author": ("Auteur", "Author"),
    "created": ("Aangemaakt", "Created"),
    # placeholders
    "not_written": ("Nog niet geschreven.", "Not written yet."),
    "not_answered": ("— (niet beantwoord)", "— (not answered)"),
    "not_given": ("Nog niet gegeven.", "Not given yet."),
    "no_decision": ("Nog geen besluit.", "No decision yet."),
    "no_risks": ("Geen risico's vastgelegd.", "No risks recorded."),
    "none": ("geen", "none"),
    # answers
    "required": ("(verplicht)", "(required)"),
    "progress": ("{answered} van {total} vragen beantwoord", "{answered} of {total} answered"),
    # risk register and matrix
    "id": ("ID", "ID"),
    "description": ("Beschrijving", "Description"),
    "rights": ("Geraakte rechten", "Affected rights"),
    "likelihood": ("Kans", "Likelihood"),
    "impact": ("Impact", "Impact"),
    "level": ("Niveau", "Level"),
    "measures": ("Maatregelen", "Measures"),
    "residual": ("Restrisico", "Residual level"),
    "owner": ("eigenaar", "owner"),
    "due": ("uiterlijk", "due"),
    "matrix_corner": ("Kans \\ impact", "Likelihood \\ impact"),
    # pre-scan
    "outcome": ("Uitkomst", "Outcome"),
    "decided_by": ("Doorslaggevende criteria", "Deciding criteria"),
    "iama": ("IAMA nodig", "IAMA needed"),
    "children": ("Kinderrechtentoets aanbevolen", "Children's rights assessment advised"),
    "unanswered": ("Onbeantwoord", "Unanswered"),
    "basis": ("Beslisregel", "Decision rule"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # advice, decision, comments
    "position": ("Standpunt", "Position"),
    "advice_text": ("Advies", "Advice"),
    "by": ("Door", "By"),
    "at": ("Op", "At"),
    "verdict": ("Besluit", "Decision"),
    "on_version": ("Op versie", "On version"),
    "review_by": ("Herbeoordelen uiterlijk", "Review by"),
    "note": ("Toelichting", "Note"),
    "comment": ("Opmerking", "Comment"),
    "date": ("Datum", "Date"),
    "page": ("pagina {page} van {pages}", "page {page} of {pages}"),
    # stored values in words
    "grade.low": ("laag", "low"),
    "grade.medium": ("middel", "medium"),
    "grade.high": ("hoog", "high"),
    "status.draft": ("concept", "draft"),
    "status.submitted": ("ingediend", "submitted"),
    "status.in_review": ("in beoordeling", "in review"),
    "status.changes_requested": ("wijzigingen gevraagd", "changes requested"),
    "status.approved": ("goedgekeurd", "approved"),
    "status.rejected": ("afgewezen", "rejected"),
    "requirement.required": ("DPIA verplicht", "DPIA required"),
    "requirement.recommended": ("DPIA aanbevolen", "DPIA recommended"),
    "requirement.not_required": ("DPIA niet verplicht", "DPIA not required"),
    "criterion.ap_list": ("AP-lijst", "Dutch DPA list"),
    "criterion.edpb": ("EDPB-criteria", "EDPB criteria"),
    "criterion.new_legislation": ("Nieuwe wetgeving", "New legislation"),
    "position.positive": ("positief", "positive"),
    "position.conditional": ("positief onder voorwaarden", "positive on conditions"),
    "position.negative": ("negatief", "negative"),
}


def words(language: str) -> dict[str, str]:
    """The fixed texts in one language; a report in another language is refused, not
    silently rendered in Dutch."""
    if language not in LANGUAGES:
        raise ValueError(f"report language {language!r} is not one of {', '.join(LANGUAGES)}")
    index = LANGUAGES.index(language)
    return {key: pair[index] for key, pair in _TEXTS.items()}


def term(w: dict[str, str], kind: str, value: str) -> str:
    """A stored value (grade, status, position) in words; an unknown one as stored."""
    return w.get(f"{kind}.{value}", value)


def moment(iso: str) -> str:
    """An ISO timestamp as a reader writes it (minutes, UTC); anything else as given."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        return f"{when:%Y-%m-%d %H:%M}"
    return f"{when.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


# --- blocks ---------------------------------------------------------------------------------


class Style(StrEnum):
    PLAIN = "plain"
    STRONG = "strong"  # a question
    NOTE = "note"  # a reference, the progress or a placeholder: small and italic


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1 the title, 2 a section, 3 a part or sub-section


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Style = Style.PLAIN


@dataclass(frozen=True)
class Fields:
    """Label-value pairs: the title block, the pre-scan outcome, the advice, the decision."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # relative column widths (the PDF's)
    shades: tuple[tuple[Grade | None, ...], ...] = ()  # per cell: the matrix's levels


@dataclass(frozen=True)
class Alert:
    """Something the reader must see before anything else (the review-needed reasons)."""

    title: str
    items: tuple[str, ...]


Block = Heading | Paragraph | Fields | Table | Alert


def outline(report: Report) -> list[Block]:
    """The report's blocks in reading order; both exports lay out exactly these."""
    w = words(report.language)
    return [
        *_title(report, w),
        *_review_needed(report, w),
        Heading(w["summary"], 2),
        _text_or(report.summary, w["not_written"]),
        *(_prescan(report.prescan, w) if report.prescan else []),
        Heading(w["answers"], 2),
        *(block for part in report.parts for block in _part(part, w)),
        *_risks(report, w),
        Heading(w["advice"], 2),
        _advice(report.advice, w),
        Heading(w["decision"], 2),
        _decision(report.sign_off, w),
        *_comments(report, w),
    ]


def _text_or(text: str, placeholder: str) -> Paragraph:
    """The text, or a line that says it is missing: a reader must not guess at an empty
    section."""
    return Paragraph(text) if text else Paragraph(placeholder, Style.NOTE)


def _title(report: Report, w: dict[str, str]) -> list[Block]:
    datasets = "\n".join(f"{d.title} ({d.id}), {d.organisation}" for d in report.datasets)
    fields = (
        (w["template"], f"{report.template_title}, {w['version']} {report.template_version}"),
        (w["assessment"], f"#{report.assessment_id}, {w['version']} {report.version}"),
        (w["status"], term(w, "status", report.status)),
        (w["datasets"], datasets or w["none"]),
        (w["author"], report.author),
        (w["created"], moment(report.created_at)),
    )
    return [Heading(report.title, 1), Fields(fields)]


def _review_needed(report: Report, w: dict[str, str]) -> list[Block]:
    return [Alert(w["review_needed"], report.review_needed)] if report.review_needed else []


def _prescan(outcome: Outcome, w: dict[str, str]) -> list[Block]:
    decided = tuple(
        (term(w, "criterion", criterion.value), ", ".join(questions))
        for criterion, questions in outcome.decided_by.items()
    ) or ((w["decided_by"], w["none"]),)
    fields = (
        (w["outcome"], term(w, "requirement", outcome.requirement.value)),
        *decided,
        (w["iama"], w["yes"] if outcome.iama_needed else w["no"]),
        (w["children"], w["yes"] if outcome.childrens_rights else w["no"]),
        *(((w["unanswered"], ", ".join(outcome.unanswered)),) if outcome.unanswered else ()),
        *(((w["basis"], outcome.reference),) if outcome.reference else ()),
    )
    return [Heading(w["prescan"], 2), Fields(fields)]


def _part(part: ReportPart, w: dict[str, str]) -> list[Block]:
    progress = w["progress"].format(answered=part.answered, total=len(part.answers))
    about = f"{part.reference} · {progress}" if part.reference else progress
    return [
        Heading(part.title, 3),
        Paragraph(about, Style.NOTE),
        *(block for answer in part.answers for block in _answer(answer, w)),
    ]


def _answer(answer: ReportAnswer, w: dict[str, str]) -> list[Block]:
    question = f"{answer.question} {w['required']}" if answer.required else answer.question
    reference = [Paragraph(answer.reference, Style.NOTE)] if answer.reference else []
    return [
        Paragraph(question, Style.STRONG),
        *reference,
        _text_or(answer.answer, w["not_answered"]),
    ]


_RISK_COLUMNS = (
    "id",
    "description",
    "rights",
    "likelihood",
    "impact",
    "level",
    "measures",
    "residual",
)


def _risks(report: Report, w: dict[str, str]) -> list[Block]:
    if not report.risks:
        return [Heading(w["risks"], 2), Paragraph(w["no_risks"], Style.NOTE)]
    register = Table(
        tuple(w[key] for key in _RISK_COLUMNS),
        tuple(_risk_row(risk, w) for risk in report.risks),
        (8, 30, 27, 17, 14, 14, 42, 22),  # mm on A4 at 18 mm margins, relative elsewhere
    )
    return [
        Heading(w["risks"], 2),
        register,
        Heading(w["matrix"], 3),
        *([Paragraph(report.matrix_reference, Style.NOTE)] if report.matrix_reference else []),
        _matrix(report, w),
    ]


def _risk_row(risk: Risk, w: dict[str, str]) -> tuple[str, ...]:
    measures = "\n".join(_measure(measure, w) for measure in risk.measures)
    residual = risk.residual_level
    return (
        risk.id,
        risk.description,
        ", ".join(risk.rights),
        term(w, "grade", risk.likelihood),
        term(w, "grade", risk.impact),
        term(w, "grade", risk.level),
        measures or "—",
        term(w, "grade", residual) if residual else "—",
    )


def _measure(measure: Measure, w: dict[str, str]) -> str:
    """A measure with who answers for it and by when: what an auditor checks it against."""
    due = f", {w['due']} {measure.due.isoformat()}" if measure.due else ""
    return f"{measure.description} ({w['owner']} {measure.owner}{due})"


_LIKELIHOOD_ROWS = (Grade.HIGH, Grade.MEDIUM, Grade.LOW)  # the usual heat map: high on top
_IMPACT_COLUMNS = (Grade.LOW, Grade.MEDIUM, Grade.HIGH)


def _matrix(report: Report, w: dict[str, str]) -> Table:
    cells = report.matrix()
    return Table(
        (w["matrix_corner"], *(term(w, "grade", i) for i in _IMPACT_COLUMNS)),
        tuple(
            (term(w, "grade", lk), *(", ".join(cells[(lk, i)]) for i in _IMPACT_COLUMNS))
            for lk in _LIKELIHOOD_ROWS
        ),
        (1.4, 1, 1, 1),
        tuple((None, *(level(lk, i) for i in _IMPACT_COLUMNS)) for lk in _LIKELIHOOD_ROWS),
    )


def _advice(advice: Advice | None, w: dict[str, str]) -> Block:
    if advice is None:
        return Paragraph(w["not_given"], Style.NOTE)
    return Fields(
        (
            (w["position"], term(w, "position", advice.position)),
            (w["advice_text"], advice.text),
            (w["by"], advice.by),
            (w["at"], moment(advice.at)),
        )
    )


def _decision(sign_off: SignOff | None, w: dict[str, str]) -> Block:
    if sign_off is None:
        return Paragraph(w["no_decision"], Style.NOTE)
    verdict = "status.approved" if sign_off.approved else "status.rejected"
    fields = [
        (w["verdict"], w[verdict]),
        (w["by"], sign_off.by),
        (w["at"], moment(sign_off.at)),
        (w["on_version"], str(sign_off.version)),
    ]
    if sign_off.review_by:
        fields.append((w["review_by"], sign_off.review_by.isoformat()))
    if sign_off.note:
        fields.append((w["note"], sign_off.note))
    return Fields(tuple(fields))


def _comments(report: Report, w: dict[str, str]) -> list[Block]:
    """The comments grouped per question, in the order of the questions in the template."""
    if not report.comments:
        return []
    texts = {a.question_id: a.question for part in report.parts for a in part.answers}
    order = {question: i for i, question in enumerate(texts)}
    by_question: dict[str, list[Comment]] = {}
    for comment in sorted(report.comments, key=lambda c: order.get(c.question, len(order))):
        by_question.setdefault(comment.question, []).append(comment)
    blocks: list[Block] = [Heading(w["comments"], 2)]
    for question, comments in by_question.items():
        blocks += [
            Heading(texts.get(question, question), 3),
            Paragraph(question, Style.NOTE),
            Table(
                (w["comment"], w["by"], w["date"], w["version"].capitalize()),
                tuple((c.text, c.by, moment(c.at), str(c.version)) for c in comments),
                (4, 1.5, 1.7, 0.7),
            ),
        ]
    return blocks
