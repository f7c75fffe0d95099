from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.domain.audit import GENESIS, AuditEntry, ChainHead, entry_hash, verify_chain


def build_chain(actions: list[str]) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    previous = GENESIS
    for seq, action in enumerate(actions, start=1):
        fields = (seq, f"2026-11-28T10:00:{seq:02d}", "steward", action, f"ds@{seq}", "d" * 64)
        digest = entry_hash(*fields, previous)
        entries.append(AuditEntry(*fields, previous, digest))
        previous = digest
    return entries


def head_of(entries: list[AuditEntry]) -> ChainHead | None:
    return ChainHead(entries[-1].seq, entries[-1].entry_hash) if entries else None


def test_an_intact_chain_verifies() -> None:
    chain = build_chain(["registration.create", "registration.update", "registration.update"])
    assert verify_chain(chain, head_of(chain)) == []
    assert verify_chain([], None) == []


@pytest.mark.parametrize("field", ["at", "actor", "action", "subject", "digest"])
def test_an_edited_entry_is_named(field: str) -> None:
    chain = build_chain(["a", "b", "c"])
    head = head_of(chain)
    chain[1] = dataclasses.replace(chain[1], **{field: "edited"})
    problems = verify_chain(chain, head)
    assert any("audit entry 2" in p and "changed" in p for p in problems)


def test_a_deleted_middle_entry_is_found() -> None:
    chain = build_chain(["a", "b", "c"])
    head = head_of(chain)
    problems = verify_chain([chain[0], chain[2]], head)
    assert any("2–2 are missing" in p for p in problems)


def test_a_deleted_last_entry_is_found_through_the_head() -> None:
    chain = build_chain(["a", "b", "c"])
    problems = verify_chain(chain[:2], head_of(chain))
    assert any("head records entry 3" in p for p in problems)


def test_an_emptied_log_is_found() -> None:
    chain = build_chain(["a"])
    assert verify_chain([], head_of(chain)) != []


@given(
    st.lists(st.sampled_from(["create", "update", "import"]), min_size=1, max_size=12), st.data()
)
def test_any_single_edit_is_detected(actions: list[str], data: st.DataObject) -> None:
    chain = build_chain(actions)
    head = head_of(chain)
    index = data.draw(st.integers(0, len(chain) - 1))
    field = data.draw(st.sampled_from(["at", "actor", "action", "subject", "digest"]))
    original = getattr(chain[index], field)
    chain[index] = dataclasses.replace(chain[index], **{field: original + "x"})
    assert verify_chain(chain, head) != []
