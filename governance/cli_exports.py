"""`governance export openmetadata | dcat | art30`: the catalogue for other systems.

Each command reads the store once (`Governance.export_records`) and the controllers of
`organisations.yaml` (`GOVERNANCE_ORGANISATIONS`); the exporters load only when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from governance.cli_io import check_output, open_governance, write_output
from governance.errors import BadInputError, ExitCode


def add_export_commands(commands: Any, command: Any) -> None:
    group = commands.add_parser(
        "export", help="the catalogue as OpenMetadata entities, DCAT-AP-NL or the Art. 30 register"
    )
    actions = group.add_subparsers(dest="export_command", metavar="FORMAT", required=True)

    openmetadata = command(
        actions,
        "openmetadata",
        "the registrations as OpenMetadata entity requests (tables, columns with PII tags, "
        "classifications, custom properties): written as JSON, or pushed to a server "
        "(create-or-update, so a second push changes nothing)",
        _openmetadata,
    )
    target = openmetadata.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="DIR", help="write the requests as JSON")
    target.add_argument("--server", metavar="URL", help="push to this OpenMetadata server")
    openmetadata.add_argument("--token", metavar="T", help="the bot's JWT token (with --server)")

    dcat = command(
        actions,
        "dcat",
        "the open datasets (classified public and marked open_data) as DCAT-AP-NL 3.0 for "
        "data.overheid.nl; no other dataset ever appears",
        _dcat,
    )
    dcat.add_argument("--format", choices=("turtle", "jsonld"), default="turtle")
    dcat.add_argument("--out", type=Path, metavar="FILE", help="default: standard output")
    dcat.add_argument(
        "--base",
        metavar="URI",
        help="mint dataset URIs as URI/<id> (default: <publisher uri>/dataset/<id>)",
    )

    art30 = command(
        actions,
        "art30",
        "the register of processing activities (AVG art. 30): one row per registration and "
        "purpose; a row missing a mandatory field is flagged, not left out",
        _art30,
    )
    art30.add_argument("--format", choices=("xlsx", "csv", "md"), default="xlsx")
    art30.add_argument("--out", type=Path, metavar="FILE", help="required for xlsx")
    art30.add_argument(
        "--language", choices=("nl", "en"), default="nl", help="of the headers and the cell texts"
    )


def _inputs(arguments: argparse.Namespace) -> tuple[list[Any], dict[str, Any]]:
    from governance.exports.context import load_organisations

    organisations = load_organisations()
    return open_governance(arguments).export_records(), organisations


def _openmetadata(arguments: argparse.Namespace) -> int:
    from governance.exports import openmetadata

    records, organisations = _inputs(arguments)
    requests = openmetadata.build_requests(records, organisations)
    if arguments.out is not None:
        written = openmetadata.write_requests(requests, arguments.out)
        print(f"wrote {len(written)} entity requests to {arguments.out}")
        return ExitCode.OK
    if not arguments.token:
        raise BadInputError("--server needs --token (the JWT of an OpenMetadata bot)")
    report = openmetadata.push(requests, arguments.server, arguments.token)
    print(report.describe())
    return ExitCode.OK


def _dcat(arguments: argparse.Namespace) -> int:
    from governance.exports.dcat import render_dcat

    if arguments.out is not None:
        check_output(arguments.out)
    records, organisations = _inputs(arguments)
    base = arguments.base
    if base is not None and (not base.startswith(("http://", "https://")) or " " in base):
        raise BadInputError(f"--base {base!r}: give an http(s) URI, e.g. https://data.example.nl")
    rendered = render_dcat(records, organisations, arguments.format, base)
    write_output(arguments.out, rendered.encode("utf-8"))
    return ExitCode.OK


def _art30(arguments: argparse.Namespace) -> int:
    from governance.exports.art30 import art30_rows, render_art30

    if arguments.format == "xlsx" and arguments.out is None:
        raise BadInputError("an xlsx register needs --out FILE.xlsx")
    if arguments.out is not None:
        check_output(arguments.out)
    records, organisations = _inputs(arguments)
    rows = art30_rows(records, organisations, arguments.language)
    write_output(arguments.out, render_art30(rows, arguments.format, arguments.language))
    flagged = [row for row in rows if row.flags]
    if flagged:
        print(
            f"{len(flagged)} row(s) flagged (a missing field, or personal data the scan found "
            "that the registration does not declare): see the last column",
            file=sys.stderr,
        )
    return ExitCode.OK
