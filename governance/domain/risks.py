"""The risk register of an assessment: each risk for the data subjects with its likelihood
and impact, the level the matrix gives, the measures against it and the level that remains
(Model DPIA Rijksdienst, parts C and D)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any


class Grade(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


# Likelihood x impact -> level; a high impact is never low, however unlikely.
MATRIX: dict[tuple[Grade, Grade], Grade] = {
    (Grade.LOW, Grade.LOW): Grade.LOW,
    (Grade.LOW, Grade.MEDIUM): Grade.LOW,
    (Grade.LOW, Grade.HIGH): Grade.MEDIUM,
    (Grade.MEDIUM, Grade.LOW): Grade.LOW,
    (Grade.MEDIUM, Grade.MEDIUM): Grade.MEDIUM,
    (Grade.MEDIUM, Grade.HIGH): Grade.HIGH,
    (Grade.HIGH, Grade.LOW): Grade.MEDIUM,
    (Grade.HIGH, Grade.MEDIUM): Grade.HIGH,
    (Grade.HIGH, Grade.HIGH): Grade.HIGH,
}
MATRIX_REFERENCE = "Model DPIA Rijksdienst, onderdeel C (kans x impact)"


def level(likelihood: Grade, impact: Grade) -> Grade:
    return MATRIX[(likelihood, impact)]


@dataclass(frozen=True)
class Measure:
    description: str
    owner: str
    due: date | None = None


@dataclass(frozen=True)
class Risk:
    id: str
    description: str
    rights: tuple[str, ...]
    likelihood: Grade
    impact: Grade
    measures: tuple[Measure, ...] = ()
    residual_likelihood: Grade | None = None
    residual_impact: Grade | None = None

    @property
    def level(self) -> Grade:
        return level(self.likelihood, self.impact)

    @property
    def residual_level(self) -> Grade | None:
        if self.residual_likelihood is None or self.residual_impact is None:
            return None
        return level(self.residual_likelihood, self.residual_impact)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "description": self.description,
            "rights": list(self.rights),
            "likelihood": self.likelihood.value,
            "impact": self.impact.value,
            "measures": [
                {
                    "description": m.description,
                    "owner": m.owner,
                    "due": m.due.isoformat() if m.due else None,
                }
                for m in self.measures
            ],
            "residual_likelihood": _value(self.residual_likelihood),
            "residual_impact": _value(self.residual_impact),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Risk:
        """A risk from its stored or hand-written form; raises ValueError on a bad field."""
        if not isinstance(data, dict):
            raise ValueError("a risk is a mapping with id, description, likelihood, impact")
        missing = [k for k in ("id", "description", "likelihood", "impact") if not data.get(k)]
        if missing:
            raise ValueError(f"a risk needs {', '.join(missing)}")
        return cls(
            id=str(data["id"]),
            description=str(data["description"]),
            rights=_texts(data.get("rights")),
            likelihood=_grade(data["likelihood"], "likelihood"),
            impact=_grade(data["impact"], "impact"),
            measures=tuple(_measure(m) for m in data.get("measures") or ()),
            residual_likelihood=_optional_grade(data.get("residual_likelihood")),
            residual_impact=_optional_grade(data.get("residual_impact")),
        )


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts, or one text (not split into its letters)."""
    if value is None or value == "":
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)


def _grade(value: Any, what: str) -> Grade:
    try:
        return Grade(str(value).strip().lower())
    except ValueError:
        grades = ", ".join(g.value for g in Grade)
        raise ValueError(f"{what} {value!r} is not one of {grades}") from None


def _optional_grade(value: Any) -> Grade | None:
    return None if value in (None, "") else _grade(value, "residual grade")


def _value(grade: Grade | None) -> str | None:
    return grade.value if grade else None


def _measure(data: Any) -> Measure:
    if not isinstance(data, dict) or not data.get("description") or not data.get("owner"):
        raise ValueError("a measure needs a description and an owner")
    due = data.get("due")
    try:
        due_date = date.fromisoformat(str(due)) if due else None
    except ValueError:
        raise ValueError(f"a measure's due date {due!r} is not a date (YYYY-MM-DD)") from None
    return Measure(str(data["description"]), str(data["owner"]), due_date)
