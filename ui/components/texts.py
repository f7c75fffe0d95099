"""All texts of the UI, one folder per language (`ui/texts/nl`, `ui/texts/en`), one YAML
file per page. `t("catalogue.title")` is key `title` of `catalogue.yaml` in the language
the user chose; Dutch is the default. A test keeps both languages' keys equal."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import streamlit as st
import yaml

LANGUAGES = {"nl": "Nederlands", "en": "English"}
DEFAULT_LANGUAGE = "nl"
TEXTS = Path(__file__).resolve().parent.parent / "texts"


def language() -> str:
    chosen = st.session_state.get("language", DEFAULT_LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **values: Any) -> str:
    """The text for `key` in the chosen language, with `{placeholders}` filled in."""
    text = texts(language())[key]
    return text.format(**values) if values else text


@cache
def texts(lang: str) -> dict[str, str]:
    """Every text of a language as `page.key` → text."""
    found: dict[str, str] = {}
    for path in sorted((TEXTS / lang).glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found.update(_flatten(path.stem, loaded, path))
    return found


def _flatten(prefix: str, tree: dict[Any, Any], path: Path) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if not isinstance(key, str):  # YAML reads a bare yes/no/on/off key as a boolean
            raise ValueError(f"{path}: key {key!r} under {prefix} must be quoted")
        name = f"{prefix}.{key}"
        if isinstance(value, dict):
            flat.update(_flatten(name, value, path))
        else:
            flat[name] = str(value)
    return flat
