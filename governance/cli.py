"""The `governance` command line.

Start-up stays fast: only argparse is imported here; each command imports what it needs
when it runs (`governance --help` loads no database driver, no pydantic, no pandas).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from governance import __version__
from governance.cli_dpia import add_dpia_commands
from governance.cli_exports import add_export_commands
from governance.cli_io import open_governance
from governance.cli_people import add_users_commands
from governance.cli_share import add_share_commands
from governance.cli_ui import add_ui_command
from governance.domain.vocabulary import Status
from governance.errors import ExitCode, GovernanceError

if TYPE_CHECKING:
    from governance.domain.registration import Registration

Handler = Callable[[argparse.Namespace], int]

FORMATS = ("table", "json")
STATUSES = tuple(status.value for status in Status)


def _exit_code_help() -> str:
    lines = [f"  {code.value}  {code.meaning}" for code in ExitCode]
    return "exit codes:\n" + "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="governance",
        description="Data governance and ethics compliance for Dutch municipalities: "
        "register datasets, keep the catalogue, check before sharing.",
        epilog=_exit_code_help() + "\n\nenvironment:\n  GOVERNANCE_DB    store URL "
        "(default sqlite:///governance.db)\n  GOVERNANCE_USER  name recorded in the audit log",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"governance {__version__}")
    parser.add_argument("--db", metavar="URL", help="store URL; overrides GOVERNANCE_DB")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    _command(commands, "init", "create or migrate the store", _init)
    _add_catalog_commands(commands)
    _add_scan_command(commands)
    _add_validate_command(commands)
    add_share_commands(commands, _command, _format_option)
    add_dpia_commands(commands, _command, _format_option)
    add_users_commands(commands, _command, _format_option)
    add_export_commands(commands, _command)
    _add_audit_commands(commands)
    _add_demo_command(commands)
    add_ui_command(commands, _command)
    return parser


def _add_catalog_commands(commands: Any) -> None:
    catalog = commands.add_parser("catalog", help="import, browse and export registrations")
    catalog_commands = catalog.add_subparsers(
        dest="catalog_command", metavar="ACTION", required=True
    )

    importing = _command(
        catalog_commands,
        "import",
        "load registrations from YAML files or folders (validated; all-or-nothing)",
        _catalog_import,
    )
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importing.add_argument("--dry-run", action="store_true", help="validate only, store nothing")
    _format_option(importing)

    listing = _command(catalog_commands, "list", "list registrations", _catalog_list)
    listing.add_argument("--organisation", help="only this organisation (case-insensitive)")
    listing.add_argument("--status", choices=STATUSES, help="only this status")
    listing.add_argument(
        "--search",
        metavar="WORDS",
        help="words in id, title, description, organisation, owner or purposes",
    )
    personal = listing.add_mutually_exclusive_group()
    personal.add_argument(
        "--personal-data",
        dest="personal_data",
        action="store_const",
        const=True,
        help="only datasets that hold personal data",
    )
    personal.add_argument(
        "--no-personal-data",
        dest="personal_data",
        action="store_const",
        const=False,
        help="only datasets without personal data",
    )
    _format_option(listing)

    showing = _command(
        catalog_commands,
        "show",
        "show one registration with its history and the legal rules' findings",
        _catalog_show,
    )
    showing.add_argument("dataset_id", metavar="ID")
    showing.add_argument(
        "--version",
        type=_count(1),
        dest="at_version",
        metavar="N",
        help="an earlier version (default: the current one)",
    )
    _format_option(showing, extra=("yaml",))

    exporting = _command(
        catalog_commands,
        "export",
        "write registrations back as YAML (round-trip stable)",
        _catalog_export,
    )
    exporting.add_argument("dataset_ids", nargs="*", metavar="ID", help="default: all")
    exporting.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write <id>.yaml files here (default: print to stdout)",
    )
    exporting.add_argument("--format", choices=("yaml", "json"), default="yaml")


def _add_scan_command(commands: Any) -> None:
    scan = _command(
        commands,
        "scan",
        "find personal data per column of a file (CSV/XLSX/Parquet) or a registered dataset; "
        "for a dataset, compare with its declared columns, store and audit the result "
        "(exit 1 when personal data is found that the registration does not declare)",
        _scan,
    )
    scan.add_argument("target", metavar="PATH_OR_ID", help="a data file, or a dataset id")
    scan.add_argument(
        "--data", type=Path, metavar="PATH", help="for a dataset: scan this file as its data"
    )
    scan.add_argument(
        "--sample", type=_count(1), metavar="N", help="scan only the first N rows (default: all)"
    )
    scan.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX with several")
    _format_option(scan)


def _add_validate_command(commands: Any) -> None:
    validate = _command(
        commands,
        "validate",
        "run a dataset's schema contract (its registration) and expectation suite "
        "(expectations/ID.yaml) on its data; store and audit the result "
        "(exit 1 when the contract breaks or a critical expectation fails)",
        _validate,
    )
    validate.add_argument("dataset_id", metavar="ID")
    validate.add_argument(
        "--data", type=Path, metavar="PATH", help="validate this file as the dataset's data"
    )
    validate.add_argument("--sheet", metavar="NAME", help="the sheet of an XLSX with several")
    validate.add_argument(
        "--suites",
        type=Path,
        metavar="DIR",
        help="folder of expectation suites (default: expectations/)",
    )
    validate.add_argument(
        "--html", type=Path, metavar="FILE", help="also write a self-contained HTML report"
    )
    _format_option(validate)


def _add_audit_commands(commands: Any) -> None:
    audit = commands.add_parser("audit", help="the append-only, hash-chained audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = _command(
        audit_commands,
        "verify",
        "check that no audit entry was changed or deleted (exit 1 if one was)",
        _audit_verify,
    )
    _format_option(verify)


def _add_demo_command(commands: Any) -> None:
    demo = _command(
        commands,
        "demo",
        "generate synthetic pilot data, initialise the store and import the example catalogue",
        _demo,
    )
    demo.add_argument(
        "--data-dir",
        type=Path,
        default=Path("demo-data"),
        metavar="DIR",
        help="where the synthetic files go (default: demo-data)",
    )
    demo.add_argument(
        "--catalog",
        type=Path,
        default=None,
        metavar="DIR",
        help="registrations to import (default: the example catalogue)",
    )
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default: 2026)")
    demo.add_argument(
        "--rows",
        type=_count(0),
        default=None,
        metavar="N",
        help="rows per dataset (default: a realistic size per pilot)",
    )


def _command(subparsers: Any, name: str, summary: str, handler: Handler) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = subparsers.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=_exit_code_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.set_defaults(handler=handler)
    return command


def _count(minimum: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `minimum` up to 2**31 - 1 (what a store holds)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not minimum <= value < 2**31:
            raise argparse.ArgumentTypeError(f"{value} is not between {minimum} and 2**31 - 1")
        return value

    return parse


def _format_option(command: argparse.ArgumentParser, extra: tuple[str, ...] = ()) -> None:
    command.add_argument(
        "--format",
        choices=FORMATS + extra,
        default="table",
        help="table for people (default), json for machines",
    )


def command_names(parser: argparse.ArgumentParser | None = None) -> list[str]:
    """Every command as typed ('catalog import', …): the one list the README test reads."""
    parser = parser or build_parser()
    names: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                nested = command_names(sub)
                names.extend(f"{name} {n}" for n in nested) if nested else names.append(name)
    return names


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        return int(arguments.handler(arguments))
    except BrokenPipeError:  # `governance … | head`: the reader has all it wanted
        sys.stderr.close()
        return int(ExitCode.OK)
    except GovernanceError as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return int(error.exit_code)
    except Exception as error:  # the last line of defence: say so, exit 3
        if os.environ.get("GOVERNANCE_DEBUG"):
            raise
        print(
            f"internal error: {type(error).__name__}: {error} "
            "(set GOVERNANCE_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return int(ExitCode.INTERNAL_ERROR)


# --- handlers ------------------------------------------------------------------------------


def _init(arguments: argparse.Namespace) -> int:
    from governance import config
    from governance.sharing import ensure_key, key_file, load_key
    from governance.store.db import Store

    store = Store(arguments.db or config.database_url())
    applied = store.migrate()
    print(f"store {'migrated' if applied else 'up to date'}: {store.safe_url}")
    if os.environ.get("GOVERNANCE_PSEUDONYM_KEY"):
        load_key()  # a malformed key is refused here, not at the first share
        print("pseudonymisation key: given by GOVERNANCE_PSEUDONYM_KEY")
    else:
        created = ensure_key()
        print(
            f"pseudonymisation key {'created' if created else 'present'}: {key_file()} "
            "(owner-only; keep it out of the repository and back it up)"
        )
    return ExitCode.OK


def _catalog_import(arguments: argparse.Namespace) -> int:
    from governance.cli_format import table, to_json

    report = open_governance(arguments).import_catalog(arguments.paths, dry_run=arguments.dry_run)
    for file in report.files:
        for warning in file.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    outcomes = [
        {
            "path": str(f.path),
            "id": f.result.dataset_id,
            "outcome": f.result.outcome.value,
            "version": f.result.version,
            "warnings": f.warnings,
        }
        for f in report.files
    ]
    if arguments.format == "json":
        print(to_json(outcomes))
        return ExitCode.OK
    print(
        table(
            ("FILE", "ID", "OUTCOME", "VERSION", "WARNINGS"),
            [
                (o["path"], o["id"], o["outcome"], o["version"], len(o["warnings"]))
                for o in outcomes
            ],
        )
    )
    verb = "validated (dry run, nothing stored)" if report.dry_run else "imported"
    print(f"\n{len(report.files)} registration(s) {verb}")
    return ExitCode.OK


def _summary(registration: Registration) -> dict[str, Any]:
    document = registration.document()
    keys = (
        "id",
        "title",
        "organisation",
        "owner",
        "steward",
        "status",
        "version",
        "confidentiality",
    )
    return {
        **{k: document.get(k) for k in keys},
        "holds_personal_data": registration.holds_personal_data,
        "purposes": document["purposes"],
    }


def _catalog_list(arguments: argparse.Namespace) -> int:
    from governance.cli_format import table, to_json
    from governance.store.registrations import CatalogFilter

    found = open_governance(arguments).list_catalog(
        CatalogFilter(
            organisation=arguments.organisation,
            status=arguments.status,
            search=arguments.search,
            personal_data=arguments.personal_data,
        )
    )
    if arguments.format == "json":
        print(to_json([_summary(r) for r in found]))
        return ExitCode.OK
    rows = [
        (
            r.id,
            r.version,
            r.status.value,
            r.organisation,
            r.owner.name if r.owner else None,
            "yes" if r.holds_personal_data else "no",
            _grounds(r),
            r.title,
        )
        for r in found
    ]
    print(
        table(("ID", "V", "STATUS", "ORGANISATION", "OWNER", "PERSONAL", "GROUNDS", "TITLE"), rows)
    )
    print(f"\n{len(found)} dataset(s)")
    return ExitCode.OK


def _grounds(registration: Registration) -> str:
    letters = {p.legal_basis.ground.letter for p in registration.purposes if p.legal_basis}
    return ",".join(sorted(letters)) or "-"


def _catalog_show(arguments: argparse.Namespace) -> int:
    from governance.catalog_files import dump
    from governance.cli_format import to_json

    view = open_governance(arguments).show(arguments.dataset_id, arguments.at_version)
    if arguments.format == "yaml":
        print(dump(view.registration), end="")
    elif arguments.format == "json":
        print(
            to_json(
                {
                    "registration": view.registration.document(),
                    "holds_personal_data": view.registration.holds_personal_data,
                    "history": [v.__dict__ for v in view.history],
                    "findings": [
                        {
                            "rule": f.rule_id,
                            "severity": f.severity.value,
                            "source": f.source,
                            "message": f.message,
                            "fix": f.fix,
                        }
                        for f in view.findings
                    ],
                }
            )
        )
    else:
        from governance.cli_format import registration_text

        print(registration_text(view))
    return ExitCode.OK


def _catalog_export(arguments: argparse.Namespace) -> int:
    from governance.catalog_files import dump
    from governance.cli_format import to_json

    exported = open_governance(arguments).export_catalog(arguments.dataset_ids, arguments.out)
    if arguments.out:
        for _, path in exported:
            print(path)
    elif arguments.format == "json":
        print(to_json([r.document() for r, _ in exported]))
    else:
        print("\n---\n".join(dump(r) for r, _ in exported), end="")
    return ExitCode.OK


def _scan(arguments: argparse.Namespace) -> int:
    from governance.cli_format import scan_text, to_json
    from governance.scanning import scan_file

    target = Path(arguments.target)
    if not target.exists() and (target.suffix or "/" in arguments.target):
        print(f"error: {target}: no such file (give a data file or a dataset id)", file=sys.stderr)
        return ExitCode.BAD_INPUT
    if target.exists() and arguments.data is None:
        report = scan_file(target, arguments.sample, arguments.sheet)
        print(to_json(report.to_json()) if arguments.format == "json" else scan_text(report))
        return ExitCode.OK
    scanned = open_governance(arguments).scan_dataset(
        arguments.target, arguments.data, arguments.sample, arguments.sheet
    )
    if arguments.format == "json":
        print(
            to_json(
                {
                    **scanned.report.to_json(),
                    "dataset": scanned.registration.id,
                    "version": scanned.registration.version,
                    "comparison": scanned.comparison.to_json(),
                }
            )
        )
    else:
        print(scan_text(scanned.report, scanned.comparison))
    undeclared = scanned.comparison.has_undeclared_personal_data
    return ExitCode.CHECKS_FAILED if undeclared else ExitCode.OK


def _validate(arguments: argparse.Namespace) -> int:
    from governance.cli_format import to_json, validation_text
    from governance.domain.quality import Outcome

    if arguments.html and not _writable(arguments.html):
        print(
            f"error: cannot write the HTML report to {arguments.html}; choose a file in a "
            "writable folder",
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    validation = open_governance(arguments).validate_dataset(
        arguments.dataset_id, arguments.data, arguments.sheet, arguments.suites
    )
    result = validation.result
    if arguments.html:
        from governance.quality.html_report import render

        arguments.html.write_text(render(result), encoding="utf-8")
    if arguments.format == "json":
        print(
            to_json({**result.to_json(), "run": validation.run_id, "suite": validation.had_suite})
        )
    else:
        print(validation_text(result, validation.had_suite))
    return ExitCode.CHECKS_FAILED if result.outcome is Outcome.FAILED else ExitCode.OK


def _writable(path: Path) -> bool:
    """Checked before a run, so a bad report path stops it before anything is stored."""
    folder = path.parent if str(path.parent) else Path(".")
    return folder.is_dir() and os.access(folder, os.W_OK) and not path.is_dir()


def _audit_verify(arguments: argparse.Namespace) -> int:
    from governance.cli_format import to_json

    report = open_governance(arguments).verify_audit()
    head = report.head
    if arguments.format == "json":
        print(
            to_json(
                {
                    "entries": report.entries,
                    "intact": report.intact,
                    "problems": report.problems,
                    "head": {"seq": head.seq, "hash": head.entry_hash} if head else None,
                }
            )
        )
    elif report.intact:
        print(
            f"audit chain intact: {report.entries} entries verified, and every stored "
            "registration version, scan, quality run, gate decision, assessment event and "
            "user matches its entry"
        )
        if head:
            print(
                f"head: entry {head.seq}, hash {head.entry_hash} (keep it outside the store "
                "to detect a rollback of the whole log)"
            )
    else:
        for problem in report.problems:
            print(f"BROKEN: {problem}")
    return ExitCode.OK if report.intact else ExitCode.CHECKS_FAILED


def _demo(arguments: argparse.Namespace) -> int:
    from collections import Counter

    from governance.services import DEMO_PASSWORD

    governance = open_governance(arguments)
    report = governance.run_demo(
        arguments.data_dir, arguments.catalog, arguments.seed, arguments.rows
    )
    for generated in report.files:
        print(f"generated {generated.path} ({generated.rows} rows, {generated.format})")
    outcomes = Counter(f.result.outcome.value for f in report.imported.files)
    summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
    print(f"registrations in {governance.store.safe_url}: {summary}")
    for scanned in report.scans:
        undeclared = ", ".join(d.column for d in scanned.comparison.undeclared)
        found = f"undeclared personal data in {undeclared}" if undeclared else "as declared"
        print(f"scanned {scanned.registration.id}: {found}")
    for validation in report.validations:
        result = validation.result
        print(f"validated {result.dataset_id}: {result.outcome.value}")
    for name, roles in report.people:
        print(
            f"user {name}: {', '.join(sorted(roles))} (sign in to the UI with password "
            f"{DEMO_PASSWORD}, or act as them with GOVERNANCE_USER={name})"
        )
    print(
        "\nnext: governance ui; governance catalog list; governance scan wmo-wachtlijst; "
        "governance validate wmo-wachtlijst --html wmo.html;\n"
        "      governance gate wmo-wachtlijst --recipient sdr-dataplatform "
        "--purpose beleidsanalyse"
    )
    return ExitCode.OK


if __name__ == "__main__":
    raise SystemExit(main())
