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
MAX_FILE_BYTES = 1_000_000  # registrations are a few KB; a larger file is a mistake
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
            found.extend(
                sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file()
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise BadInputError(f"{path}: no such file or folder")
    if not found:
        raise BadInputError(
            f"no registration files (*.yaml, *.yml) in {', '.join(map(str, paths))}"
        )
    return found


def load(path: Path) -> list[RegistrationFile]:
    """Read and validate the registrations of one file (one per YAML document)."""
    text = _read(path)
    problems: list[str] = []
    files: list[RegistrationFile] = []
    for data, lines in parse_documents(text, path):
        if not isinstance(data, dict):
            problems.append(
                f"{path}:{lines[()]}: a registration is one mapping (id:, title:, …), not "
                f"{type(data).__name__}"
            )
            continue
        try:
            files.append(RegistrationFile(path, Registration.model_validate(data), lines))
        except ValidationError as error:
            problems += [
                f"{path}:{line_of(lines, tuple(e['loc']))}: {explain(e)}" for e in error.errors()
            ]
    if not files and not problems:
        problems.append(f"{path}: the file holds no registration")
    if problems:
        raise RegistrationFileError(problems)
    return files


def read_small_text(path: Path, what: str) -> str:
    """The UTF-8 text of a hand-written file (`what`: 'registration file', 'suite'), or
    one problem line saying why it cannot be read; a file over MAX_FILE_BYTES is refused
    before it is parsed."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"{path}: {size:,} bytes is too large for a {what} (at most "
                f"{MAX_FILE_BYTES:,}); is this a data file?"
            )
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"{path}: cannot read the {what}: it is not UTF-8 ({error.reason} at byte "
            f"{error.start}); save it as UTF-8"
        ) from None
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such {what}") from None
    except OSError as error:
        raise UnreadableFile(f"{path}: cannot read the {what} ({error.strerror})") from None


class UnreadableFile(Exception):
    """Why a hand-written file cannot be read (one line); callers wrap it in their error."""


def _read(path: Path) -> str:
    try:
        return read_small_text(path, "registration file")
    except UnreadableFile as problem:
        raise RegistrationFileError([str(problem)]) from None


def parse_with_lines(text: str, path: Path | str = "<text>") -> tuple[Any, LineMap]:
    """The first YAML document and the line of every key path in it."""
    documents = parse_documents(text, path)
    return documents[0] if documents else (None, {(): 1})


def parse_documents(
    text: str, path: Path | str = "<text>", what: str = "registration"
) -> list[tuple[Any, LineMap]]:
    """Parse every YAML document safely; map each key path (e.g. ('purposes', 0, 'id'))
    to its line. Anchors, aliases and repeated keys are refused: a registration never
    needs them, and they hide what a reviewer reads (or blow up in size)."""
    _refuse_anchors(text, path, what)
    loader = yaml.SafeLoader(text)
    documents: list[tuple[Any, LineMap]] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            lines: LineMap = {(): node.start_mark.line + 1}
            _collect_lines(node, (), lines, path)
            try:
                documents.append((loader.construct_document(node), lines))
            except ValueError as error:  # e.g. the impossible date 2026-02-30
                raise RegistrationFileError(
                    [f"{path}:{lines[()]}: {error}; write dates as YYYY-MM-DD that exist"]
                ) from None
    except yaml.YAMLError as error:
        raise _syntax_error(error, path) from None
    finally:
        loader.dispose()
    return documents


def _refuse_anchors(text: str, path: Path | str, what: str) -> None:
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise RegistrationFileError(
                    [
                        f"{path}:{event.start_mark.line + 1}: YAML anchors and aliases (&, *) are "
                        f"not allowed in a {what}; write the value out"
                    ]
                )
    except yaml.YAMLError as error:
        raise _syntax_error(error, path) from None


def _syntax_error(error: yaml.YAMLError, path: Path | str) -> RegistrationFileError:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(error, "problem", None) or str(error)
    return RegistrationFileError(
        [
            f"{path}:{line}: YAML syntax error: {problem}; check the indentation, the colons "
            "after keys and the quoting of values that contain ': ' or '#'"
        ]
    )


def _collect_lines(node: yaml.Node, prefix: DocPath, lines: LineMap, path: Path | str) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*prefix, key_node.value)
            line = key_node.start_mark.line + 1
            if key_path in lines:
                raise RegistrationFileError(
                    [
                        f"{path}:{line}: '{dotted(key_path)}' appears twice (first on line "
                        f"{lines[key_path]}); keep one"
                    ]
                )
            lines[key_path] = line
            _collect_lines(value_node, key_path, lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            item_path = (*prefix, index)
            lines[item_path] = item.start_mark.line + 1
            _collect_lines(item, item_path, lines, path)


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


def explain(error: Any, model: type[BaseModel] = Registration) -> str:
    """Turn one pydantic error on `model` into a sentence with the fix."""
    loc = tuple(error["loc"])
    where = dotted(loc) or model.__name__.lower()
    kind = error["type"]
    if kind == "missing":
        return f"'{where}' is required; add it"
    if kind == "extra_forbidden":
        known = ", ".join(_known_fields(loc[:-1], model))
        return f"unknown field '{where}'; the fields allowed here are: {known}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"'{where}': {message}"


def _known_fields(loc: DocPath, root: type[BaseModel]) -> list[str]:
    model: type[BaseModel] | None = root
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
    target = folder / f"{registration.id}.yaml"
    partial = target.with_suffix(".yaml.partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.write_text(dump(registration), encoding="utf-8")
        partial.replace(target)
    except OSError as error:
        raise BadInputError(
            f"{folder}: cannot write {target.name} ({error.strerror}); choose a writable folder"
        ) from None
    return target
