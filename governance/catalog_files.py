"""Registration YAML files: reading with line numbers, validating, writing back.

Every problem is reported as ``file:line: what is wrong; how to fix it`` — a steward edits
YAML by hand, so the line matters more than the Python exception. Reading uses PyYAML's
safe loader; the node tree it builds gives the line of every key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from governance.domain.legal_rules import Finding
from governance.domain.legal_rules import Path as DocPath
from governance.domain.registration import Registration, nested_models
from governance.errors import BadInputError

YAML_SUFFIXES = (".yaml", ".yml")
LineMap = dict[DocPath, int]


class RegistrationFileError(BadInputError):
    """One or more registration files are invalid; `problems` lists each with file:line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class RegistrationFile:
    path: Path
    registration: Registration
    lines: LineMap

    def where(self, doc_path: DocPath) -> str:
        return f"{self.path}:{line_of(self.lines, doc_path)}"

    def describe(self, finding: Finding) -> str:
        return f"{self.where(finding.path)}: {finding.describe()}"


def discover(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, and those inside the folders named (sorted, recursive)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES))
        elif path.is_file():
            found.append(path)
        else:
            raise BadInputError(f"{path}: no such file or folder")
    if not found:
        raise BadInputError(
            f"no registration files (*.yaml, *.yml) in {', '.join(map(str, paths))}"
        )
    return found


def load(path: Path) -> RegistrationFile:
    """Read and validate one registration file; raise RegistrationFileError on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RegistrationFileError([f"{path}: cannot read the file ({error})"]) from error
    data, lines = parse_with_lines(text, path)
    if not isinstance(data, dict):
        raise RegistrationFileError(
            [
                f"{path}:1: a registration file holds one mapping (id:, title:, …), not "
                f"{type(data).__name__}"
            ]
        )
    try:
        registration = Registration.model_validate(data)
    except ValidationError as error:
        raise RegistrationFileError(
            [f"{path}:{line_of(lines, tuple(e['loc']))}: {_explain(e)}" for e in error.errors()]
        ) from None
    return RegistrationFile(path, registration, lines)


def parse_with_lines(text: str, path: Path | str = "<text>") -> tuple[Any, LineMap]:
    """Parse YAML safely and map every key path (e.g. ('purposes', 0, 'id')) to its line."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise RegistrationFileError(
            [
                f"{path}:{line}: YAML syntax error: {problem}; check the indentation, the "
                "colons after keys and the quoting of values that contain ': ' or '#'"
            ]
        ) from None
    finally:
        loader.dispose()
    lines: LineMap = {(): 1}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines


def _collect_lines(node: yaml.Node, prefix: DocPath, lines: LineMap) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = (*prefix, key_node.value)
            lines[path] = key_node.start_mark.line + 1
            _collect_lines(value_node, path, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = (*prefix, index)
            lines[path] = item.start_mark.line + 1
            _collect_lines(item, path, lines)


def line_of(lines: LineMap, doc_path: DocPath) -> int:
    """The line of the path, or of its nearest ancestor that is in the file."""
    for length in range(len(doc_path), -1, -1):
        if doc_path[:length] in lines:
            return lines[doc_path[:length]]
    return 1


def dotted(doc_path: DocPath) -> str:
    text = ""
    for part in doc_path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _explain(error: Any) -> str:
    """Turn one pydantic error into a sentence with the fix."""
    loc = tuple(error["loc"])
    where = dotted(loc) or "registration"
    kind = error["type"]
    if kind == "missing":
        return f"'{where}' is required; add it"
    if kind == "extra_forbidden":
        known = ", ".join(_known_fields(loc[:-1]))
        return f"unknown field '{where}'; the fields allowed here are: {known}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"'{where}': {message}"


def _known_fields(loc: DocPath) -> list[str]:
    model: type[BaseModel] | None = Registration
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(str(part))
        models = nested_models(field.annotation) if field else []
        model = models[0] if models else None
    return list(model.model_fields) if model else []


def dump(registration: Registration) -> str:
    """The registration as YAML, fields in model order; loading it gives it back unchanged."""
    return yaml.safe_dump(registration.document(), sort_keys=False, allow_unicode=True, width=100)


def write(registration: Registration, folder: Path) -> Path:
    """Write `<id>.yaml` into the folder atomically (a reader never sees half a file)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{registration.id}.yaml"
    partial = target.with_suffix(".yaml.partial")
    partial.write_text(dump(registration), encoding="utf-8")
    partial.replace(target)
    return target
