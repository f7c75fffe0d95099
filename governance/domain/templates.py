"""Assessment templates: the framework as data (`dpia/*.yaml`), checked on load.

A template is a versioned questionnaire in parts: the DPIA pre-scan, the Model DPIA
Rijksdienst, the IAMA and the DEDA dialogue. Every question carries its text and help in
Dutch and English, its answer type, whether it is required, and the reference it comes
from (article, criterion, model point), so the product shows the source beside the
question. The pre-scan's questions also say which criterion a "yes" counts towards, and
its decision rule (how many of which criteria make a DPIA required) is data too.

`suggested_by` names the facts from registrations and scans that suggest a "yes"
(`SIGNALS`): the engine computes them, the author confirms.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, model_validator

from governance.domain.registration import Slug, Text, refuse_doubles
from governance.domain.vocabulary import SpecialCategory


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Bilingual(_Model):
    """A text in Dutch (the default of the product) and English."""

    nl: Text
    en: Text

    def in_language(self, language: str) -> str:
        return self.en if language == "en" else self.nl


class TemplateKind(StrEnum):
    PRESCAN = "prescan"
    DPIA = "dpia"
    IAMA = "iama"
    DEDA = "deda"


class AnswerType(StrEnum):
    TEXT = "text"
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    DATE = "date"
    PEOPLE = "people"  # names with their role, e.g. the participants of a dialogue
    RISK_LIST = "risk_list"  # the risk register of the assessment


class Criterion(StrEnum):
    """What a "yes" to a pre-scan question counts towards (FRAMEWORK.md, the pre-scan)."""

    AP_LIST = "ap_list"  # one of the Dutch DPA's 17 always-DPIA kinds of processing
    EDPB = "edpb"  # one of the nine EDPB (WP248) criteria
    NEW_LEGISLATION = "new_legislation"
    IAMA = "iama"  # algorithms that support decisions about people: an IAMA is needed
    CHILDREN = "children"  # a children's rights assessment is advisable


SIGNALS: dict[str, str] = {
    **{
        f"special_category:{category.value}": f"a dataset declares special category "
        f"'{category.value}'"
        for category in SpecialCategory
    },
    "criminal_data": "a dataset declares criminal-law data (AVG art. 10)",
    "bsn": "a dataset declares or its scan finds a BSN",
    "minors": "the data subjects include children or young people",
    "social_services_clients": "the data subjects are clients of social services or care",
    "employees": "the data subjects are employees or hired staff",
    "shared_with_other_organisation": "a dataset goes to a recipient of another organisation",
    "several_organisations": "the datasets come from more than one organisation",
    "several_datasets": "more than one dataset is combined",
    "large_scale": "the latest scan counts more rows than the large-scale threshold",
}
"""The facts the engine derives from registrations and scans, each explained."""


def _known_signal(value: str) -> str:
    if value not in SIGNALS:
        raise ValueError(f"unknown signal '{value}'; the signals are: {', '.join(SIGNALS)}")
    return value


Signal = Annotated[str, AfterValidator(_known_signal)]


class Option(_Model):
    id: Slug
    label: Bilingual


class Question(_Model):
    id: Slug
    text: Bilingual
    help: Bilingual
    type: AnswerType
    options: list[Option] = Field(default_factory=list)
    required: StrictBool = True
    reference: Text
    counts_as: Criterion | None = None
    suggested_by: list[Signal] = Field(default_factory=list)

    @model_validator(mode="after")
    def _options_fit_type(self) -> Question:
        choosing = self.type in (AnswerType.CHOICE, AnswerType.MULTI_CHOICE)
        if choosing and len(self.options) < 2:
            raise ValueError(f"a '{self.type.value}' question needs at least two 'options'")
        if not choosing and self.options:
            raise ValueError(f"a '{self.type.value}' question has no 'options'; remove them")
        refuse_doubles("option id", [o.id for o in self.options])
        if (self.counts_as or self.suggested_by) and self.type is not AnswerType.YES_NO:
            raise ValueError("'counts_as' and 'suggested_by' are for 'yes_no' questions")
        return self


class Part(_Model):
    id: Slug
    title: Bilingual
    reference: Text
    intro: Bilingual | None = None
    questions: list[Question] = Field(min_length=1)


class DecisionRule(_Model):
    """When the pre-scan says a DPIA is required or recommended: the minimum number of
    "yes" answers per criterion, any one of which suffices."""

    required_when: dict[Criterion, Annotated[int, Field(ge=1)]]
    recommended_when: dict[Criterion, Annotated[int, Field(ge=1)]]
    reference: Text


class Template(_Model):
    id: Slug
    kind: TemplateKind
    version: Text
    title: Bilingual
    reference: Text
    parts: list[Part] = Field(min_length=1)
    decision: DecisionRule | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Template:
        refuse_doubles("part id", [p.id for p in self.parts])
        refuse_doubles("question id", [q.id for q in self.questions])
        is_prescan = self.kind is TemplateKind.PRESCAN
        if is_prescan and self.decision is None:
            raise ValueError("a pre-scan template needs its 'decision' rule")
        if not is_prescan and self.decision is not None:
            raise ValueError("only a pre-scan template has a 'decision' rule")
        counting = [q.id for q in self.questions if q.counts_as]
        if counting and not is_prescan:
            raise ValueError(f"'counts_as' is for pre-scan questions only ({', '.join(counting)})")
        return self

    @property
    def questions(self) -> list[Question]:
        return [q for part in self.parts for q in part.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)
