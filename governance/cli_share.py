"""The sharing commands: `gate`, `check` and `share`, and how their answers read.

Apart from `cli` so that the command line's main module stays a table of contents; like
every command, these import the services only when they run.
"""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance.cli_io import open_governance
from governance.errors import ExitCode

if TYPE_CHECKING:
    from governance.domain.gate import Decision
    from governance.share_service import CheckAnswer, GateRun, ShareRun

VERDICT_MARKS = {
    "pass": "ok",
    "warn": "WARN",
    "condition": "COND",
    "block": "BLOCK",
    "not_assessed": "-",
}


def add_share_commands(commands: Any, command: Any, format_option: Any) -> None:
    """Add the three commands; `command` and `format_option` are the CLI's own helpers."""
    gate = command(
        commands,
        "gate",
        "decide whether a dataset may go to a recipient for a purpose, citing the law; "
        "runs the PII scan and quality suite on the data when none is stored for it, "
        "stores and audits the decision (exit 1 when blocked)",
        _gate,
    )
    _share_arguments(gate)
    format_option(gate)

    check = command(
        commands,
        "check",
        "is a dataset approved for my purpose (and recipient)? answers from the stored "
        "decisions without reading data (exit 1 unless approved)",
        _check,
    )
    check.add_argument("dataset_id", metavar="ID")
    check.add_argument("--purpose", required=True, metavar="P", help="a purpose id")
    check.add_argument("--recipient", metavar="R", help="a recipient id or name (default: any)")
    format_option(check)

    share = command(
        commands,
        "share",
        "write the minimised extract the gate allows (only allowed columns, identifiers "
        "pseudonymised) and a sidecar JSON; writes nothing when blocked (exit 1)",
        _share,
    )
    _share_arguments(share)
    share.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE",
        help="the extract, .csv or .parquet; the sidecar goes to FILE.json",
    )
    format_option(share)


def _share_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dataset_id", metavar="ID")
    parser.add_argument("--recipient", required=True, metavar="R", help="a recipient id or name")
    parser.add_argument("--purpose", required=True, metavar="P", help="a purpose id")
    parser.add_argument(
        "--data", type=Path, metavar="PATH", help="use this file as the dataset's data"
    )
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX with several")


def _gate(arguments: argparse.Namespace) -> int:
    from governance.cli_format import to_json

    run: GateRun = open_governance(arguments).gate(
        arguments.dataset_id,
        arguments.recipient,
        arguments.purpose,
        arguments.data,
        arguments.sheet,
    )
    if arguments.format == "json":
        print(
            to_json({**run.decision.to_json(), "scanned": run.scanned, "validated": run.validated})
        )
    else:
        print(decision_text(run.decision, run.registration.title))
    return _exit_for(run.decision)


def _share(arguments: argparse.Namespace) -> int:
    from governance.cli_format import to_json

    run: ShareRun = open_governance(arguments).share(
        arguments.dataset_id,
        arguments.recipient,
        arguments.purpose,
        arguments.out,
        arguments.data,
        arguments.sheet,
    )
    decision, extract = run.gate.decision, run.extract
    if arguments.format == "json":
        print(
            to_json(
                {
                    "decision": decision.to_json(),
                    "reused_decision": run.reused,
                    "extract": str(extract.path) if extract else None,
                    "sidecar": str(extract.sidecar_path) if extract else None,
                    "rows": extract.rows if extract else None,
                }
            )
        )
        return _exit_for(decision)
    if run.reused:
        print(f"using decision {decision.id} of {decision.decided_at[:10]} (still valid)\n")
    print(decision_text(decision, run.gate.registration.title))
    if extract is None:
        print("\nnothing written: the gate blocked this share")
    else:
        print(
            f"\nwrote {extract.rows} rows, {len(extract.columns)} columns to {extract.path} "
            f"({len(extract.dropped)} left out); what was done per column: "
            f"{extract.sidecar_path}"
        )
    return _exit_for(decision)


def _exit_for(decision: Decision) -> int:
    return ExitCode.OK if decision.outcome.allows_sharing else ExitCode.CHECKS_FAILED


def decision_text(decision: Decision, title: str) -> str:
    """A decision as a privacy officer reads it: the outcome, the conditions, then each
    rule with its verdict, source and reason."""
    lines = [
        f"{decision.outcome.value}: {title} [{decision.dataset_id} v"
        f"{decision.registration_version}] to {decision.recipient} for {decision.purpose}",
        f"decision {decision.id}, valid until {decision.valid_until} unless the "
        "registration, the data or the DPIA changes first",
    ]
    if decision.outcome.allows_sharing:
        lines += [f"  condition: {c.describe()}" for c in decision.conditions]
    lines.append("")
    for result in decision.results:
        lines.append(f"{VERDICT_MARKS[result.verdict.value]:<6} {result.rule}  ({result.source})")
        lines += textwrap.wrap(
            result.reason, width=100, initial_indent=" " * 7, subsequent_indent=" " * 7
        )
    return "\n".join(lines)


def _check(arguments: argparse.Namespace) -> int:
    from governance.cli_format import to_json

    answer: CheckAnswer = open_governance(arguments).check(
        arguments.dataset_id, arguments.purpose, arguments.recipient
    )
    if arguments.format == "json":
        print(to_json(check_json(answer)))
    else:
        print(check_text(answer))
    return ExitCode.OK if answer.approved else ExitCode.CHECKS_FAILED


def check_json(answer: CheckAnswer) -> dict[str, Any]:
    from governance.domain.gate import Verdict

    steward = answer.registration.steward
    return {
        "dataset": answer.registration.id,
        "purpose": answer.purpose,
        "recipient": answer.recipient,
        "answer": answer.answer.value,
        "why": answer.unknown,
        "next": _next_step(answer),
        "steward": {"name": steward.name, "contact": steward.contact} if steward else None,
        "decisions": [
            {
                "recipient": c.decision.recipient,
                "answer": c.answer.value,
                "decision": c.decision.id,
                "outcome": c.decision.outcome.value,
                "valid_until": c.decision.valid_until.isoformat(),
                "conditions": [x.describe() for x in c.decision.conditions],
                "blocked_by": [r.describe() for r in c.decision.with_verdict(Verdict.BLOCK)],
                "invalid_because": c.invalid_because,
            }
            for c in answer.decisions
        ],
    }


def _next_step(answer: CheckAnswer) -> str | None:
    """What to do when there is no valid approval: who to ask, which command to run."""
    if answer.approved:
        return None
    registration = answer.registration
    steward = registration.steward
    who = (
        f"the steward, {steward.name}" + (f" <{steward.contact}>" if steward.contact else "")
        if steward
        else "the dataset's owner"
    )
    if answer.unknown:
        return f"ask {who} whether the registration should include it"
    return (
        f"ask {who} to run `governance gate {registration.id} --recipient "
        f"{answer.recipient or 'R'} --purpose {answer.purpose}`"
    )


def check_text(answer: CheckAnswer) -> str:
    from governance.domain.gate import Verdict
    from governance.share_service import Answer

    registration = answer.registration
    asked = f"{registration.id} for '{answer.purpose}'" + (
        f" to {answer.recipient}" if answer.recipient else ""
    )
    if answer.unknown:
        return f"not approved: {answer.unknown}\nnext: {_next_step(answer)}"
    if not answer.decisions:
        return (
            f"never assessed: no gate decision on the registered data exists for {asked}.\n"
            f"next: {_next_step(answer)}"
        )
    lines = [f"{answer.answer.value}: {asked}"]
    for checked in answer.decisions:
        decision = checked.decision
        head = f"- {decision.recipient}: {checked.answer.value} (decision {decision.id}"
        if checked.answer is Answer.APPROVED:
            lines.append(f"{head}, {decision.outcome.value}, until {decision.valid_until})")
            lines += [f"    condition: {c.describe()}" for c in decision.conditions]
        elif checked.invalid_because:
            lines.append(f"{head}, was {decision.outcome.value})")
            lines += [f"    {reason}" for reason in checked.invalid_because]
            lines.append("    run the gate again for a current decision")
        else:
            lines.append(f"{head}, BLOCKED)")
            lines += [f"    {r.describe()}" for r in decision.with_verdict(Verdict.BLOCK)]
    if not answer.approved:
        lines.append(f"next: {_next_step(answer)}")
    return "\n".join(lines)
