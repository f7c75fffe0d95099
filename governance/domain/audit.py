"""The audit chain: each entry's hash covers its content and the hash of the entry before.

Changing an entry breaks its own hash; deleting one breaks the link of the next (and the
recorded head, for the last). The store keeps the entries; this module only computes and
checks, so the rule is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """Who did what to which subject, when. `digest` fingerprints the change, never its data."""

    seq: int
    at: str
    actor: str
    action: str
    subject: str
    digest: str
    prev_hash: str
    entry_hash: str

    def describe(self) -> str:
        return f"audit entry {self.seq} ({self.action} {self.subject} by {self.actor} at {self.at})"


def entry_hash(
    seq: int, at: str, actor: str, action: str, subject: str, digest: str, prev_hash: str
) -> str:
    payload = json.dumps(
        [seq, at, actor, action, subject, digest, prev_hash], ensure_ascii=False
    ).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    seq: int
    entry_hash: str


def verify_chain(entries: Iterable[AuditEntry], head: ChainHead | None) -> list[str]:
    """Every break in the chain, in order, each naming the entry; empty when intact."""
    problems: list[str] = []
    expected_prev, expected_seq = GENESIS, 1
    last: AuditEntry | None = None
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                f"audit entries {expected_seq}–{entry.seq - 1} are missing before "
                f"{entry.describe()}"
            )
        if entry.prev_hash != expected_prev:
            problems.append(f"{entry.describe()} does not link to the entry before it")
        recomputed = entry_hash(
            entry.seq,
            entry.at,
            entry.actor,
            entry.action,
            entry.subject,
            entry.digest,
            entry.prev_hash,
        )
        if recomputed != entry.entry_hash:
            problems.append(f"{entry.describe()} was changed after it was written")
        expected_prev, expected_seq, last = entry.entry_hash, entry.seq + 1, entry
    problems.extend(_head_problems(last, head))
    return problems


def _head_problems(last: AuditEntry | None, head: ChainHead | None) -> list[str]:
    if head is None:
        return [] if last is None else ["the audit chain head is missing"]
    if last is None:
        return [f"audit entries 1–{head.seq} are missing: the log is empty"]
    if (last.seq, last.entry_hash) != (head.seq, head.entry_hash):
        return [
            f"the audit log ends at entry {last.seq} but its head records entry {head.seq}: "
            "entries were deleted or changed at the end"
        ]
    return []


@dataclass(frozen=True)
class AuditedRecord:
    """A stored record the log must account for: written through governance, unchanged."""

    subject: str
    action_kind: str  # the family of actions that write it, e.g. "registration"
    digest: str  # recomputed from the record as stored now
    what: str  # how to name it to a person


def verify_records(entries: list[AuditEntry], records: list[AuditedRecord]) -> list[str]:
    """Every record has an entry with its digest, and every entry of a record-writing action
    still has its record: a record changed, added or deleted behind governance is named."""
    kinds = {record.action_kind for record in records} | _RECORD_KINDS
    logged: dict[tuple[str, str], list[AuditEntry]] = {}
    for entry in entries:
        kind = entry.action.split(".")[0]
        if kind in kinds:
            logged.setdefault((kind, entry.subject), []).append(entry)
    problems: list[str] = []
    stored = {(record.action_kind, record.subject) for record in records}
    for record in records:
        matching = logged.get((record.action_kind, record.subject), [])
        if not matching:
            problems.append(f"{record.what} has no audit entry: it was written outside governance")
        elif matching[-1].digest != record.digest:
            # The latest entry counts: a record that was changed through governance (a
            # user's roles) must not be set back to an earlier state behind its back.
            problems.append(
                f"{record.what} differs from what audit entry {matching[-1].seq} recorded: it "
                "was changed after it was written"
            )
    for (kind, subject), written in logged.items():
        if (kind, subject) not in stored:
            problems.append(f"{written[-1].describe()} wrote a record that is no longer stored")
    return problems


_RECORD_KINDS = frozenset({"registration", "scan", "validation", "gate", "assessment", "user"})
