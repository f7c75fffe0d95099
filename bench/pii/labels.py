"""The label file: the truth per column of one generated table, shared by writer and judge.

`<table>.labels.json` = {"file": "...", "columns": {"<header exactly>": ["BSN"], ...}} plus
three optional keys the scorer understands: "hard_negatives" (columns built as look-alikes
of personal data; a finding there is the worst kind of error), "optional" (entities a
column may or may not be reported with, where the contract leaves the choice open: the
postcode inside a full address) and "about" (a one-line description per column, so a
mismatch report says what the column was meant to test).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bench.pii.vocabulary import ENTITIES

SUFFIX = ".labels.json"


@dataclass(frozen=True)
class TableLabels:
    file: str
    columns: dict[str, tuple[str, ...]]
    hard_negatives: tuple[str, ...] = ()
    about: dict[str, str] = field(default_factory=dict)
    optional: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for header, entities in self.columns.items():
            unknown = [e for e in entities if e not in ENTITIES]
            if unknown:
                raise ValueError(f"{self.file}: column {header!r} has unknown entities {unknown}")
        for header in self.hard_negatives:
            if self.columns.get(header, ()) != () or header in self.optional:
                raise ValueError(f"{self.file}: hard negative {header!r} must be labelled []")
        for header, entities in self.optional.items():
            if header not in self.columns or any(e not in ENTITIES for e in entities):
                raise ValueError(f"{self.file}: optional {header!r}: unknown column or entity")
            if set(entities) & set(self.columns[header]):
                raise ValueError(f"{self.file}: {header!r}: an entity is required and optional")

    @property
    def table(self) -> str:
        return Path(self.file).stem

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "columns": {header: list(entities) for header, entities in self.columns.items()},
            "hard_negatives": list(self.hard_negatives),
            "optional": {header: list(entities) for header, entities in self.optional.items()},
            "about": self.about,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> TableLabels:
        columns = data["columns"]
        assert isinstance(columns, dict)
        hard = data.get("hard_negatives")
        if hard is None:  # no explicit list: every column labelled [] is a negative to keep
            hard = [header for header, entities in columns.items() if not entities]
        about = data.get("about") or {}
        optional = data.get("optional") or {}
        assert isinstance(hard, list) and isinstance(about, dict) and isinstance(optional, dict)
        return cls(
            file=str(data["file"]),
            columns={str(h): tuple(e) for h, e in columns.items()},
            hard_negatives=tuple(str(h) for h in hard),
            about={str(k): str(v) for k, v in about.items()},
            optional={str(h): tuple(e) for h, e in optional.items()},
        )


def label_path(folder: Path, data_file: str) -> Path:
    return folder / f"{Path(data_file).stem}{SUFFIX}"


def write_labels(folder: Path, labels: TableLabels) -> Path:
    path = label_path(folder, labels.file)
    path.write_text(json.dumps(labels.to_json(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path


def read_labels(path: Path) -> TableLabels:
    return TableLabels.from_json(json.loads(path.read_text("utf-8")))


def read_folder(folder: Path) -> list[TableLabels]:
    """Every label file in a folder, sorted by name (a stable report order)."""
    return [read_labels(path) for path in sorted(folder.glob(f"*{SUFFIX}"))]
