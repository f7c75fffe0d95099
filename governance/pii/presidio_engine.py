"""Presidio, offline: a blank Dutch spaCy pipeline and our recognizers as pattern recognizers.

No spaCy model can be downloaded here and none exists for Dutch on the index, so the NLP
engine is `spacy.blank("nl")` (tokenizer only) and `load()` never downloads. Presidio's
own e-mail recognizer would fetch the public-suffix list through tldextract; we register
only our own recognizers, so nothing reaches for the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine

    from governance.pii.recognizers.base import Recognizer

LANGUAGE = "nl"


def build_analyzer(recognizers: Iterable[Recognizer]) -> AnalyzerEngine:
    """An AnalyzerEngine on blank Dutch spaCy with one validating pattern recognizer each."""
    import spacy
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    class BlankDutchNlpEngine(SpacyNlpEngine):  # type: ignore[misc]
        """Tokenizer only; never downloads a model."""

        def load(self) -> None:
            self.nlp = {LANGUAGE: spacy.blank(LANGUAGE)}

    class ValidatingPatternRecognizer(PatternRecognizer):  # type: ignore[misc]
        """Our regex, then our validator: an invalid candidate is dropped."""

        def __init__(self, recognizer: Recognizer) -> None:
            self._recognizer = recognizer
            super().__init__(
                supported_entity=recognizer.entity.value,
                name=recognizer.name,
                supported_language=LANGUAGE,
                patterns=[Pattern(recognizer.name, recognizer.text_regex, recognizer.score)],
                context=list(recognizer.context),
            )

        def validate_result(self, pattern_text: str) -> Any:
            return self._recognizer.is_valid(pattern_text) or False

    engine = BlankDutchNlpEngine(models=[{"lang_code": LANGUAGE, "model_name": "blank"}])
    engine.load()
    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    for recognizer in recognizers:
        registry.add_recognizer(ValidatingPatternRecognizer(recognizer))
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[LANGUAGE])
