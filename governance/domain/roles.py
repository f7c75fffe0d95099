"""The roles people have in governance, and what each is for. The services check them;
a hidden button in the UI is never the protection."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    STEWARD = "steward"  # registers datasets, writes assessments
    PRIVACY_OFFICER = "privacy_officer"  # reviews, approves or rejects assessments
    DPO = "dpo"  # the data protection officer (FG): gives advice on a DPIA (AVG art. 35(2))
    ANALYST = "analyst"  # asks whether a dataset is approved for a purpose
    ADMIN = "admin"  # manages accounts and roles


class Permission(StrEnum):
    """What a person may do; each service action asks for one."""

    VIEW_CATALOGUE = "view_catalogue"  # browse registrations, scans, decisions, the dashboard
    REGISTER = "register"  # create and edit registrations
    RUN_CHECKS = "run_checks"  # PII scan and quality run on a dataset's data
    GATE = "gate"  # run the share gate, which records a decision
    CHECK = "check"  # ask whether a dataset is approved for a purpose and recipient
    SHARE = "share"  # write the minimised extract an approval allows
    ASSESS = "assess"  # work on pre-scans, DPIAs, IAMA and DEDA (the workflow checks each step)
    EXPORT = "export"  # OpenMetadata, DCAT-AP-NL and Art. 30 exports
    VIEW_AUDIT = "view_audit"  # read and verify the audit log
    MANAGE_USERS = "manage_users"  # accounts, roles and passwords


_EVERYONE = frozenset({Permission.VIEW_CATALOGUE, Permission.CHECK})

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.STEWARD: _EVERYONE
    | {
        Permission.REGISTER,
        Permission.RUN_CHECKS,
        Permission.GATE,
        Permission.SHARE,
        Permission.ASSESS,
        Permission.EXPORT,
    },
    Role.PRIVACY_OFFICER: _EVERYONE
    | {
        Permission.RUN_CHECKS,
        Permission.GATE,
        Permission.ASSESS,
        Permission.EXPORT,
        Permission.VIEW_AUDIT,
    },
    Role.DPO: _EVERYONE | {Permission.ASSESS, Permission.EXPORT, Permission.VIEW_AUDIT},
    Role.ANALYST: _EVERYONE | {Permission.SHARE},
    Role.ADMIN: _EVERYONE | {Permission.EXPORT, Permission.VIEW_AUDIT, Permission.MANAGE_USERS},
}


def permissions_of(roles: frozenset[Role]) -> frozenset[Permission]:
    """Everything any of these roles allows."""
    return frozenset().union(*(PERMISSIONS[role] for role in roles))


def roles_with(permission: Permission) -> list[Role]:
    """The roles that allow `permission`, for a message that says whom to ask."""
    return [role for role in Role if permission in PERMISSIONS[role]]
