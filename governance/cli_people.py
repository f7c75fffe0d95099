"""The people commands (`governance users …`): accounts, roles and passwords.

Passwords are read from standard input (`--password-stdin`) or asked at a prompt that does
not echo; never from the command line, where `ps` and the shell history would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from governance.cli_io import open_governance, print_result
from governance.domain.roles import Role
from governance.errors import BadInputError, ExitCode

ROLES = tuple(role.value for role in Role)


def add_users_commands(commands: Any, command: Any, format_option: Any) -> None:
    group = commands.add_parser("users", help="people, their roles and passwords")
    actions = group.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    adding = command(
        actions,
        "add",
        "give a person roles (creating them), and a password to sign in to the UI; only an "
        "admin may, and the first user must be an admin",
        _users_add,
    )
    adding.add_argument("name", metavar="NAME", help="as in GOVERNANCE_USER")
    adding.add_argument(
        "--role", action="append", choices=ROLES, required=True, help="repeat for several roles"
    )
    _password_options(adding, "set a password (asked twice at a prompt)")
    listing = command(actions, "list", "list people and their roles", _users_list)
    format_option(listing)
    passwd = command(
        actions,
        "passwd",
        "set a person's password for the UI (your own, or anyone's as an admin)",
        _users_passwd,
    )
    passwd.add_argument("name", metavar="NAME")
    _password_options(passwd, None)


def _password_options(parser: argparse.ArgumentParser, prompt_help: str | None) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input",
    )
    if prompt_help:
        group.add_argument("--password", action="store_true", help=prompt_help)


def _users_add(arguments: argparse.Namespace) -> int:
    roles = frozenset(Role(r) for r in arguments.role)
    asked = arguments.password_stdin or arguments.password
    password = _read_password(arguments.password_stdin) if asked else None
    created = open_governance(arguments).add_user(arguments.name, roles, password)
    with_password = " (with a password)" if password is not None else ""
    print(
        f"{'added' if created else 'updated'} {arguments.name}: "
        f"{', '.join(sorted(roles))}{with_password}"
    )
    return ExitCode.OK


def _users_list(arguments: argparse.Namespace) -> int:
    from governance.cli_format import table

    people = open_governance(arguments).users()
    data = {"users": [{"name": n, "roles": sorted(r)} for n, r in people]}
    text = table(("NAME", "ROLES"), [(n, ", ".join(sorted(r))) for n, r in people])
    return print_result(arguments, data, text)


def _users_passwd(arguments: argparse.Namespace) -> int:
    password = _read_password(arguments.password_stdin)
    open_governance(arguments).set_password(arguments.name, password)
    print(f"password set for {arguments.name}")
    return ExitCode.OK


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise BadInputError("--password-stdin: standard input held no password")
        return line
    if not sys.stdin.isatty():
        raise BadInputError("no terminal to ask for a password; use --password-stdin")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise BadInputError("the two passwords differ; nothing was changed")
    return first
