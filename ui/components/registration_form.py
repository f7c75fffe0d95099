"""The registration form: put a document into its widgets, draw every section with
inline help, read the document back, and show each problem next to its field.

Every value lives in `st.session_state` under the field's key, so a refused save or a
conflict loses nothing: the page only reloads the form when the person chooses another
dataset. Lists (purposes, columns, recipients, …) are `st.data_editor` tables whose base
rows stay fixed until the next load, so the edits on top of them survive every rerun.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from governance.domain.legal_rules import Severity
from governance.registration_service import FieldProblem
from ui.components.registration_fields import (
    FIELDS,
    SECTIONS,
    TABLES,
    DocPath,
    Field,
    Kind,
    Section,
    Table,
    document,
    get,
    names,
    rows,
    table_named,
    text_key,
    widget_value,
)
from ui.components.safe import plain
from ui.components.texts import language, t, texts

_SYMBOLS = {"\t": "tab"}  # a choice shown by name rather than as an invisible character
_ICONS = {Severity.REFUSAL: ":material/block:", Severity.WARNING: ":material/warning:"}


def widget_key(path: str) -> str:
    return f"reg.field.{path}"


def editor_key(table: Table) -> str:
    return f"reg.table.{table.path}"


def _base_key(table: Table) -> str:
    return f"reg.rows.{table.path}"


def load(source: Mapping[str, Any]) -> None:
    """Fill the form with a document; call before the form is drawn in this run."""
    for field in FIELDS:
        st.session_state[widget_key(field.path)] = widget_value(field, get(source, field.path))
    for table in TABLES:
        st.session_state[_base_key(table)] = rows(source, table)
        st.session_state.pop(editor_key(table), None)


def is_loaded() -> bool:
    """Whether the widgets hold a form (Streamlit forgets widget values once a page is
    left; the page then reloads its last draft)."""
    return all(widget_key(field.path) in st.session_state for field in FIELDS)


def normalised(source: Mapping[str, Any]) -> dict[str, Any]:
    """A document as the form would give it back (defaults and empty lists left out),
    to compare a stored version with what someone typed."""
    values = {field.path: widget_value(field, get(source, field.path)) for field in FIELDS}
    return document(values, {table.path: rows(source, table) for table in TABLES})


@dataclass(frozen=True)
class DrawnForm:
    """The document the widgets hold, and where each field's messages go."""

    document: dict[str, Any]
    slots: dict[DocPath, DeltaGenerator]


def draw(editing: bool) -> DrawnForm:
    """Every section in reading order. The personal-data section picks purposes and
    recipients as edited in this run, so it is filled last into its place."""
    slots: dict[DocPath, DeltaGenerator] = {(): st.container()}
    boxes = {section.name: st.container(border=True) for section in SECTIONS}
    edited: dict[str, list[dict[str, Any]]] = {}
    for section in sorted(SECTIONS, key=lambda s: any(_picks_edited(p) for p in s.parts)):
        with boxes[section.name]:
            _draw_section(section, editing, edited, slots)
    values = {field.path: st.session_state.get(widget_key(field.path)) for field in FIELDS}
    return DrawnForm(document(values, edited), slots)


def _picks_edited(part: Field | Table) -> bool:
    return isinstance(part, Field) and part.kind is Kind.PICK


def _draw_section(
    section: Section,
    editing: bool,
    edited: dict[str, list[dict[str, Any]]],
    slots: dict[DocPath, DeltaGenerator],
) -> None:
    st.subheader(t(f"register.section.{section.name}"))
    st.caption(t(f"register.section_help.{section.name}"))
    for path in section.paths:
        slots[tuple(path.split("."))] = st.container()
    for row in _rows(section.parts):
        places = st.columns(_ROW) if len(row) > 1 or _short(row[0]) else [st.container()]
        for part, place in zip(row, places, strict=False):
            with place:
                if isinstance(part, Table):
                    edited[part.path] = _draw_table(part)
                else:
                    _draw_field(part, editing and part.path == "id", edited)
                slots[part.parts] = st.container()


_ROW = 3  # short fields of one object side by side


def _short(part: Field | Table) -> bool:
    return isinstance(part, Field) and part.kind not in (Kind.AREA, Kind.LINES)


def _rows(parts: tuple[Field | Table, ...]) -> list[list[Field | Table]]:
    """Short fields of the same object in rows of up to three; the rest on their own."""
    rows_: list[list[Field | Table]] = []
    for part in parts:
        last = rows_[-1] if rows_ else None
        if (
            last is not None
            and _short(part)
            and _short(last[-1])
            and len(last) < _ROW
            and part.parts[:-1] == last[-1].parts[:-1]
        ):
            last.append(part)
        else:
            rows_.append([part])
    return rows_


def _label(path: str, required: bool) -> str:
    return t(f"register.field.{text_key(path)}") + (" *" if required else "")


def _help(path: str) -> str:
    return t(f"register.help.{text_key(path)}")


def _draw_field(field: Field, locked: bool, edited: dict[str, list[dict[str, Any]]]) -> None:
    key = widget_key(field.path)
    label, help_ = _label(field.path, field.required), _help(field.path)
    if field.kind in (Kind.TEXT, Kind.LIST):
        st.text_input(label, key=key, help=help_, disabled=locked)
    elif field.kind in (Kind.AREA, Kind.LINES):
        st.text_area(label, key=key, help=help_, height=100)
    elif field.kind is Kind.FLAG:
        st.checkbox(label, key=key, help=help_)
    elif field.kind is Kind.CHOICE:
        options = ([] if field.default else [None]) + list(field.choices)
        st.selectbox(
            label,
            options,
            key=key,
            help=help_,
            format_func=choice_label,
            placeholder=t("register.none"),
        )
    elif field.kind is Kind.DATE:
        st.date_input(label, key=key, help=help_, format="YYYY-MM-DD")
    else:
        picked = table_named(field.picks)
        chosen = st.session_state.get(key) or []
        options = list(dict.fromkeys([*names(edited.get(picked.path, []), picked), *chosen]))
        st.multiselect(label, options, key=key, help=help_, placeholder=t("register.pick"))


def choice_label(value: str | None) -> str:
    """A vocabulary value in words (the value itself where the texts have none)."""
    if value is None:
        return t("register.none")
    return texts(language()).get(f"register.choice.{_SYMBOLS.get(value, value)}", value)


def _draw_table(table: Table) -> list[dict[str, Any]]:
    key = text_key(table.path)
    required = " \\*" if table.required else ""
    st.markdown(f"**{t(f'register.field.{key}')}**{required}", help=_help(table.path))
    frame = pd.DataFrame(
        st.session_state[_base_key(table)], columns=[c.path for c in table.columns]
    )
    for column in table.columns:
        if column.kind is Kind.FLAG:
            frame[column.path] = frame[column.path].astype(bool)
    edited = st.data_editor(
        frame,
        key=editor_key(table),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            column.path: _column_config(column, f"{key}_{text_key(column.path)}")
            for column in table.columns
        },
    )
    return list(edited.to_dict("records"))


def _column_config(column: Field, key: str) -> Any:
    label = t(f"register.field.{key}") + (" *" if column.required else "")
    help_ = t(f"register.help.{key}")
    config = st.column_config
    if column.kind is Kind.CHOICE:
        return config.SelectboxColumn(label, help=help_, options=list(column.choices))
    if column.kind is Kind.FLAG:
        return config.CheckboxColumn(label, help=help_, default=column.default)
    if column.kind is Kind.DATE:
        return config.DateColumn(label, help=help_, format="YYYY-MM-DD")
    if column.kind is Kind.PICK:
        picked = table_named(column.picks)
        options = names(st.session_state[_base_key(picked)], picked)
        return config.MultiselectColumn(label, help=help_, options=options, accept_new_options=True)
    return config.TextColumn(label, help=help_)


# --- problems ------------------------------------------------------------------------------


def show_problems(
    slots: Mapping[DocPath, DeltaGenerator], problems: tuple[FieldProblem, ...]
) -> None:
    """Each problem in the slot of its field, or of the nearest part of the form that
    holds it (a table row's problem under its table); the rest at the top."""
    for problem in problems:
        place = max((k for k in slots if problem.path[: len(k)] == k), key=len)
        rest = problem.path[len(place) :]
        row = t("register.row", n=rest[0] + 1) + " · " if rest and isinstance(rest[0], int) else ""
        text = t("register.problem.missing") if problem.kind == "missing" else problem.describe()
        show = st.error if problem.severity is Severity.REFUSAL else st.warning
        with slots[place]:
            show(plain(row + text), icon=_ICONS[problem.severity])


def differences(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> list[dict[str, str]]:
    """The fields where two documents differ, each value as JSON text."""
    flat_mine, flat_theirs = _flatten(normalised(mine)), _flatten(normalised(theirs))
    return [
        {
            t("register.conflict.field"): path,
            t("register.conflict.mine"): flat_mine.get(path, ""),
            t("register.conflict.theirs"): flat_theirs.get(path, ""),
        }
        for path in sorted(flat_mine.keys() | flat_theirs.keys())
        if flat_mine.get(path) != flat_theirs.get(path)
    ]


def _flatten(value: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(value, Mapping):
        flat: dict[str, str] = {}
        for key, inner in value.items():
            flat.update(_flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        flat = {}
        for index, inner in enumerate(value):
            flat.update(_flatten(inner, f"{prefix}[{index}]"))
        return flat
    return {prefix: json.dumps(value, ensure_ascii=False)}
