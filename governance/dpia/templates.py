"""Loading the assessment templates (`dpia/<id>.yaml`), checked on load with `file:line`
and the fix for every problem, and kept once loaded (they change with a release, not
during a run)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from governance import config
from governance.catalog_files import (
    LineMap,
    UnreadableFile,
    explain,
    line_of,
    parse_with_lines,
    read_small_text,
)
from governance.domain.templates import Template, TemplateKind
from governance.errors import BadInputError

TEMPLATE_IDS = {
    TemplateKind.PRESCAN: "prescan",
    TemplateKind.DPIA: "model-dpia",
    TemplateKind.IAMA: "iama",
    TemplateKind.DEDA: "deda",
}


class TemplateError(BadInputError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def template_for(kind: TemplateKind) -> Template:
    return load_template(config.project_path("dpia") / f"{TEMPLATE_IDS[kind]}.yaml")


@cache
def load_template(path: Path) -> Template:
    try:
        text = read_small_text(path, "template")
    except UnreadableFile as problem:
        raise TemplateError([str(problem)]) from None
    data, lines = parse_with_lines(text, path)
    if not isinstance(data, dict):
        raise TemplateError([f"{path}:1: a template is one mapping (id:, kind:, parts:, …)"])
    doubles = _repeated_question_ids(data, lines, path)
    if doubles:
        raise TemplateError(doubles)
    try:
        template = Template.model_validate(data)
    except ValidationError as error:
        raise TemplateError(
            [
                f"{path}:{line_of(lines, tuple(e['loc']))}: {explain(e, Template)}"
                for e in error.errors()
            ]
        ) from None
    if template.id != path.stem:
        raise TemplateError(
            [
                f"{path}:{lines.get(('id',), 1)}: id '{template.id}' differs from the file name; "
                f"name the file {template.id}.yaml or set id: {path.stem}"
            ]
        )
    return template


def _repeated_question_ids(data: dict[str, Any], lines: LineMap, path: Path) -> list[str]:
    """Each question id used a second time, at its line (the model only knows that one is
    repeated, not where)."""
    seen: dict[str, int] = {}
    problems = []
    parts = data.get("parts")
    for p, part in enumerate(parts if isinstance(parts, list) else []):
        questions = part.get("questions") if isinstance(part, dict) else None
        for q, question in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(question, dict) or not isinstance(question.get("id"), str):
                continue
            line = line_of(lines, ("parts", p, "questions", q, "id"))
            first = seen.setdefault(question["id"], line)
            if first != line:
                problems.append(
                    f"{path}:{line}: question id '{question['id']}' is also used at line "
                    f"{first}; give every question its own id"
                )
    return problems
