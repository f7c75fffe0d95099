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
