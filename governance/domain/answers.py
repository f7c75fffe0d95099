"""Checking an answer against its question's type, and the form it is stored in (JSON).

The CLI gives text (`ja`, `2026-05-01`, `a,b`), YAML files and the UI give structures;
both end up as the same stored value, or as a ValueError that says what is expected."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from governance.domain.risks import Risk
from governance.domain.templates import AnswerType, Question

YES = frozenset({"ja", "j", "yes", "y", "true", "waar"})
NO = frozenset({"nee", "n", "no", "false", "onwaar"})


def parse_answer(question: Question, raw: Any) -> Any:
    parse = _PARSERS[question.type]
    try:
        return parse(question, raw)
    except ValueError as error:
        raise ValueError(f"question {question.id} ({question.type.value}): {error}") from None


def _text(question: Question, raw: Any) -> str:
    if isinstance(raw, (list, dict)):
        raise ValueError("give one text, not a list or mapping")
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise ValueError("give a text")
    return text


def _yes_no(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().casefold()
    if word in YES or word in NO:
        return word in YES
    raise ValueError(f"answer ja or nee (yes or no), not {str(raw)[:40]!r}")


def _choice(question: Question, raw: Any) -> str:
    chosen = str(raw).strip()
    known = [o.id for o in question.options]
    if chosen not in known:
        raise ValueError(f"choose one of {', '.join(known)}")
    return chosen


def _multi_choice(question: Question, raw: Any) -> list[str]:
    items = raw if isinstance(raw, list) else [p for p in str(raw).split(",") if p.strip()]
    chosen = [_choice(question, item) for item in items]
    if not chosen:
        raise ValueError(f"choose one or more of {', '.join(o.id for o in question.options)}")
    return list(dict.fromkeys(chosen))


def _date(question: Question, raw: Any) -> str:
    try:
        if isinstance(raw, datetime):
            raw = raw.date()
        return (raw if isinstance(raw, date) else date.fromisoformat(str(raw).strip())).isoformat()
    except ValueError:
        raise ValueError(f"give a date as YYYY-MM-DD, not {str(raw)[:40]!r}") from None


_PERSON = re.compile(r"^\s*(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?\s*$")


def _people(question: Question, raw: Any) -> list[dict[str, str]]:
    """A list of {name, role}, or text 'Name (role); Name (role)'."""
    items = raw if isinstance(raw, list) else [p for p in str(raw).split(";") if p.strip()]
    people = []
    for item in items:
        if isinstance(item, dict) and str(item.get("name", "")).strip():
            people.append({"name": str(item["name"]).strip(), "role": str(item.get("role") or "")})
            continue
        match = _PERSON.match(str(item))
        if match is None or isinstance(item, dict):
            raise ValueError("give people as 'Name (role); Name (role)' or a list of name/role")
        people.append({"name": match["name"], "role": (match["role"] or "").strip()})
    if not people:
        raise ValueError("name at least one person")
    return people


def _risk_list(question: Question, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("give a list of risks (a YAML list with id, description, likelihood, …)")
    risks = [Risk.from_json(item) for item in raw]
    ids = [r.id for r in risks]
    if len(set(ids)) != len(ids):
        raise ValueError("every risk needs its own id")
    return [r.to_json() for r in risks]


_PARSERS = {
    AnswerType.TEXT: _text,
    AnswerType.YES_NO: _yes_no,
    AnswerType.CHOICE: _choice,
    AnswerType.MULTI_CHOICE: _multi_choice,
    AnswerType.DATE: _date,
    AnswerType.PEOPLE: _people,
    AnswerType.RISK_LIST: _risk_list,
}
