"""The assessment commands (`governance dpia …`).

The acting person is `GOVERNANCE_USER` (else the login name); their roles, kept in the
store, decide what they may do — an author cannot approve their own DPIA.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance.cli_io import check_output, open_governance, print_result, write_output
from governance.errors import BadInputError, ExitCode

if TYPE_CHECKING:
    from governance.domain.assessment import Assessment
    from governance.dpia_service import AssessmentView, PrescanView

KINDS = ("dpia", "iama", "deda")  # TemplateKind without the pre-scan; a test keeps them equal
POSITIONS = ("positive", "conditional", "negative")  # ADVICE_POSITIONS; a test keeps them equal


def add_dpia_commands(commands: Any, command: Any, format_option: Any) -> None:
    group = commands.add_parser(
        "dpia", help="DPIA pre-scan, DPIA, IAMA and DEDA: write, review, approve, export"
    )
    actions = group.add_subparsers(dest="dpia_command", metavar="ACTION", required=True)

    prescan = command(
        actions,
        "prescan",
        "does this processing need a DPIA? shows what the registrations and scans suggest, "
        "with evidence, and the outcome of the answers; --save stores it for the gate",
        _prescan,
    )
    prescan.add_argument("dataset_ids", nargs="+", metavar="ID")
    _answer_options(prescan)
    prescan.add_argument(
        "--accept-suggestions",
        action="store_true",
        help="answer yes where the registrations and scans suggest it",
    )
    prescan.add_argument(
        "--others-no", action="store_true", help="answer no to every other criterion question"
    )
    prescan.add_argument("--save", action="store_true", help="store the pre-scan (audited)")
    format_option(prescan)

    new = command(actions, "new", "start a DPIA, IAMA or DEDA for registered datasets", _new)
    new.add_argument("dataset_ids", nargs="+", metavar="ID")
    new.add_argument("--template", choices=KINDS, default="dpia", help="default: dpia")
    new.add_argument("--title", default="", help="default: the template's title")
    format_option(new)

    answer = command(
        actions,
        "answer",
        "answer questions (QUESTION=VALUE, or a YAML file of question: value for lists such "
        "as the risk register); an approved assessment gets a new version in draft",
        _answer,
    )
    answer.add_argument("assessment_id", type=int, metavar="A")
    answer.add_argument("pairs", nargs="*", metavar="QUESTION=VALUE")
    answer.add_argument("--file", type=Path, metavar="YAML", help="answers as a YAML mapping")
    format_option(answer)

    status = command(actions, "status", "list assessments, or show one with its progress", _status)
    status.add_argument("assessment_id", type=int, nargs="?", metavar="A")
    status.add_argument(
        "--version",
        type=int,
        dest="at_version",
        metavar="N",
        help="as version N ended (default: the latest)",
    )
    status.add_argument("--dataset", metavar="ID", help="only assessments of this dataset")
    format_option(status)

    submit = command(
        actions, "submit", "submit for review (all required questions answered)", _submit
    )
    submit.add_argument("assessment_id", type=int, metavar="A")
    format_option(submit)

    review = command(
        actions,
        "review",
        "as privacy officer: take up the review, comment per question, request changes",
        _review,
    )
    review.add_argument("assessment_id", type=int, metavar="A")
    review.add_argument("--comment", action="append", default=[], metavar="QUESTION=TEXT")
    review.add_argument("--request-changes", action="store_true", help="send it back to the author")
    format_option(review)

    advise = command(actions, "advise", "as DPO (FG): record your advice (AVG art. 35(2))", _advise)
    advise.add_argument("assessment_id", type=int, metavar="A")
    advise.add_argument("--position", choices=POSITIONS, required=True)
    advise.add_argument("--text", required=True)
    format_option(advise)

    approve = command(
        actions,
        "approve",
        "as privacy officer (not the author): approve; frozen from then on",
        _approve,
    )
    approve.add_argument("assessment_id", type=int, metavar="A")
    approve.add_argument(
        "--review-by",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="default: one year from today",
    )
    approve.add_argument("--note", default="")
    format_option(approve)

    reject = command(actions, "reject", "as privacy officer (not the author): reject", _reject)
    reject.add_argument("assessment_id", type=int, metavar="A")
    reject.add_argument("--reason", required=True)
    format_option(reject)

    export = command(actions, "export", "write the assessment as Markdown or PDF", _export)
    export.add_argument("assessment_id", type=int, metavar="A")
    export.add_argument("--out", type=Path, required=True, metavar="FILE", help=".md or .pdf")
    export.add_argument("--language", choices=("nl", "en"), default="nl")
    export.add_argument(
        "--version",
        type=int,
        dest="at_version",
        metavar="N",
        help="as version N ended, e.g. the approved one (default: the latest)",
    )


def _answer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=VALUE",
        help="e.g. nieuwe-wetgeving=nee; repeat",
    )


def _pairs(items: list[str], what: str) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise BadInputError(f"{item!r}: write {what} as QUESTION=VALUE")
        pairs[key.strip()] = value
    return pairs


# --- the pre-scan ----------------------------------------------------------------------------


def _prescan(arguments: argparse.Namespace) -> int:
    view: PrescanView = open_governance(arguments).prescan(
        arguments.dataset_ids,
        _pairs(arguments.answer, "--answer"),
        arguments.accept_suggestions,
        arguments.others_no,
        arguments.save,
    )
    result = view.outcome
    data = {
        "datasets": view.datasets,
        "outcome": result.requirement.value,
        "complete": result.complete,
        "suggested_outcome": view.suggested.requirement.value,
        "decided_by": {c.value: ids for c, ids in result.decided_by.items()},
        "iama_needed": result.iama_needed,
        "childrens_rights": result.childrens_rights,
        "unanswered": result.unanswered,
        "suggestions": [
            {"question": s.question, "evidence": list(s.evidence)} for s in view.suggestions
        ],
        "answers": view.answers,
        "assessment": view.assessment.id if view.assessment else None,
        "reference": result.reference,
    }
    return print_result(arguments, data, _prescan_text(view))


def _prescan_text(view: PrescanView) -> str:
    """The outcome when complete; otherwise what the suggestions would decide, so the
    reader sees where it is heading before answering every question."""
    result = view.outcome
    shown = result if result.complete else view.suggested
    if result.complete:
        head = f"DPIA {result.requirement.value}"
    else:
        head = (
            f"incomplete ({len(result.unanswered)} required question(s) unanswered); with the "
            f"suggestions confirmed: DPIA {view.suggested.requirement.value}"
        )
    lines = [f"pre-scan of {', '.join(view.datasets)}: {head}"]
    lines += [f"  {c.value}: {', '.join(ids)}" for c, ids in shown.decided_by.items()]
    if shown.iama_needed:
        lines.append("  an IAMA is needed (an algorithm supports decisions about people)")
    if shown.childrens_rights:
        lines.append("  a children's rights assessment is advisable")
    lines.append(f"  ({result.reference})")
    if view.suggestions:
        lines.append(
            "\nsuggested by the registrations and scans (confirm with --accept-suggestions "
            "or --answer QUESTION=ja):"
        )
        for suggestion in view.suggestions:
            mark = {True: "yes", False: "no"}.get(view.answers.get(suggestion.question), "?")
            lines.append(f"  [{mark}] {suggestion.question}: {'; '.join(suggestion.evidence)}")
    if result.unanswered:
        lines.append(f"\nunanswered: {', '.join(result.unanswered)}")
    if view.assessment:
        lines.append(f"\nsaved as assessment {view.assessment.id}")
    return "\n".join(lines)


# --- writing and reviewing -------------------------------------------------------------------


def _new(arguments: argparse.Namespace) -> int:
    from governance.domain.templates import TemplateKind

    state = open_governance(arguments).new_assessment(
        TemplateKind(arguments.template), arguments.dataset_ids, arguments.title
    )
    return _state(arguments, state, f"started assessment {state.id}")


def _answer(arguments: argparse.Namespace) -> int:
    answers: dict[str, Any] = _pairs(arguments.pairs, "an answer")
    if arguments.file:
        answers.update(_answers_file(arguments.file))
    if not answers:
        raise BadInputError("give answers as QUESTION=VALUE or --file answers.yaml")
    state = open_governance(arguments).answer(arguments.assessment_id, answers)
    return _state(arguments, state, f"recorded {len(answers)} answer(s)")


def _answers_file(path: Path) -> dict[str, Any]:
    from governance.catalog_files import UnreadableFile, parse_with_lines, read_small_text

    try:
        data, _ = parse_with_lines(read_small_text(path, "answers file"), path)
    except UnreadableFile as problem:
        raise BadInputError(str(problem)) from None
    if not isinstance(data, dict):
        raise BadInputError(f"{path}:1: answers are a mapping of question: value")
    return {str(key): value for key, value in data.items()}


def _submit(arguments: argparse.Namespace) -> int:
    state = open_governance(arguments).submit(arguments.assessment_id)
    return _state(arguments, state, "submitted for review")


def _review(arguments: argparse.Namespace) -> int:
    comments = _pairs(arguments.comment, "--comment")
    state = open_governance(arguments).review(
        arguments.assessment_id, comments, arguments.request_changes
    )
    return _state(arguments, state, f"review: {len(comments)} comment(s)")


def _advise(arguments: argparse.Namespace) -> int:
    state = open_governance(arguments).advise(
        arguments.assessment_id, arguments.position, arguments.text
    )
    return _state(arguments, state, "DPO advice recorded")


def _approve(arguments: argparse.Namespace) -> int:
    state = open_governance(arguments).approve(
        arguments.assessment_id, arguments.review_by, arguments.note
    )
    sign_off = state.sign_off
    review_by = sign_off.review_by if sign_off else None
    return _state(arguments, state, f"approved; review by {review_by}")


def _reject(arguments: argparse.Namespace) -> int:
    state = open_governance(arguments).reject(arguments.assessment_id, arguments.reason)
    return _state(arguments, state, "rejected")


def _state(arguments: argparse.Namespace, state: Assessment, done: str) -> int:
    return print_result(
        arguments,
        assessment_json(state),
        f"{done}: assessment {state.id} v{state.version} ({state.kind.value}) is "
        f"{state.status.value}",
    )


def assessment_json(state: Assessment) -> dict[str, Any]:
    return {
        "id": state.id,
        "kind": state.kind.value,
        "template": state.template,
        "template_version": state.template_version,
        "title": state.title,
        "datasets": list(state.datasets),
        "author": state.author,
        "version": state.version,
        "status": state.status.value,
        "answers": state.answers,
        "comments": [c.__dict__ for c in state.comments],
        "advice": state.advice.__dict__ if state.advice else None,
        "sign_off": {
            **state.sign_off.__dict__,
            "review_by": state.sign_off.review_by.isoformat() if state.sign_off.review_by else None,
        }
        if state.sign_off
        else None,
    }


def _status(arguments: argparse.Namespace) -> int:
    from governance.cli_format import table

    governance = open_governance(arguments)
    if arguments.assessment_id is None:
        states = governance.assessments(arguments.dataset)
        rows = [
            (
                s.id,
                s.kind.value,
                s.version,
                s.status.value,
                s.author,
                ", ".join(s.datasets),
                s.title,
            )
            for s in states
        ]
        data = {"assessments": [assessment_json(s) for s in states]}
        text = table(("ID", "KIND", "V", "STATUS", "AUTHOR", "DATASETS", "TITLE"), rows)
        return print_result(arguments, data, text)
    view: AssessmentView = governance.assessment(arguments.assessment_id, arguments.at_version)
    data = {
        **assessment_json(view.state),
        "progress": [{"part": p, "answered": a, "questions": n} for p, a, n in view.progress],
        "unanswered": view.unanswered,
        "review_needed": view.review_needed,
        "prescan": view.prescan.requirement.value if view.prescan else None,
        "suggestions": [
            {"question": s.question, "evidence": list(s.evidence)} for s in view.suggestions
        ],
    }
    return print_result(arguments, data, _status_text(view))


def _status_text(view: AssessmentView) -> str:
    state = view.state
    lines = [
        f"assessment {state.id} v{state.version}: {state.title} ({state.kind.value}, "
        f"template {state.template} {state.template_version})",
        f"status {state.status.value}; author {state.author}; datasets {', '.join(state.datasets)}",
    ]
    lines += [f"  {part}: {answered}/{total}" for part, answered, total in view.progress]
    if view.unanswered:
        lines.append(f"unanswered required: {', '.join(view.unanswered)}")
    if view.prescan:
        lines.append(f"pre-scan outcome: DPIA {view.prescan.requirement.value}")
    lines += [f"comment on {c.question} by {c.by}: {c.text}" for c in state.comments]
    if state.advice:
        lines.append(f"DPO advice ({state.advice.position}) by {state.advice.by}")
    if state.sign_off:
        verdict = "approved" if state.sign_off.approved else "rejected"
        lines.append(
            f"{verdict} by {state.sign_off.by} on {state.sign_off.at[:10]}"
            + (f", review by {state.sign_off.review_by}" if state.sign_off.review_by else "")
        )
    lines += [f"REVIEW NEEDED: {reason}" for reason in view.review_needed]
    lines += [f"suggested yes for {s.question}: {'; '.join(s.evidence)}" for s in view.suggestions]
    return "\n".join(lines)


EXPORT_FORMATS = {".md": "markdown", ".pdf": "pdf"}


def _export(arguments: argparse.Namespace) -> int:
    out: Path = arguments.out
    fmt = EXPORT_FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise BadInputError(f"{out}: name the export .md or .pdf")
    check_output(out)
    content = open_governance(arguments).export(
        arguments.assessment_id, fmt, arguments.language, arguments.at_version
    )
    write_output(out, content)
    return ExitCode.OK
