"""The reads of the assessment screens, cached per store version (`data_version`): a
rerun after a click in a form must not replay 200 assessments or reread scan reports
again, and any write anywhere (which moves the version) makes every entry stale.

The first argument, the signed-in `Governance`, is not part of the key (Streamlit skips
arguments whose name starts with `_`); the pages have checked ASSESS before they ask. The
key holds the store too (its URL beside its version: two stores, as in the tests, share
one process's cache), and what depends on the person (the steps their roles allow) holds
their name.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from governance.assessment_views import Abilities, AssessmentRow, RiskRegister
from governance.domain.assessment import Status
from governance.domain.templates import TemplateKind
from governance.dpia_service import AssessmentView, PrescanView
from governance.services import Governance
from governance.store.assessment_queries import DatasetChoice
from ui.components.session import data_version

_ENTRIES = 64  # per function; a person clicks through a few assessments, not hundreds


def _version(gov: Governance) -> tuple[str, int]:
    return gov.store.safe_url, data_version(gov)


def rows(
    gov: Governance,
    kinds: tuple[TemplateKind, ...],
    dataset_id: str | None = None,
    status: Status | None = None,
) -> list[AssessmentRow]:
    return _rows(gov, _version(gov), kinds, dataset_id, status)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def _rows(
    _gov: Governance,
    store: tuple[str, int],
    kinds: tuple[TemplateKind, ...],
    dataset_id: str | None,
    status: Status | None,
) -> list[AssessmentRow]:
    return _gov.assessment_rows(kinds, dataset_id, status)


def view(gov: Governance, assessment_id: int, version: int | None = None) -> AssessmentView:
    return _view(gov, _version(gov), assessment_id, version)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def _view(
    _gov: Governance, store: tuple[str, int], assessment_id: int, version: int | None
) -> AssessmentView:
    return _gov.assessment(assessment_id, version)


def abilities(gov: Governance, assessment_id: int) -> Abilities:
    return _abilities(gov, _version(gov), gov.actor, assessment_id)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def _abilities(
    _gov: Governance, store: tuple[str, int], actor: str, assessment_id: int
) -> Abilities:
    return _gov.assessment_abilities(assessment_id)


def risks(gov: Governance, assessment_id: int, version: int | None = None) -> RiskRegister:
    return _risks(gov, _version(gov), assessment_id, version)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def _risks(
    _gov: Governance, store: tuple[str, int], assessment_id: int, version: int | None
) -> RiskRegister:
    return _gov.risk_register(assessment_id, version)


def datasets(gov: Governance) -> list[DatasetChoice]:
    return _datasets(gov, _version(gov))


@st.cache_data(show_spinner=False, max_entries=4)
def _datasets(_gov: Governance, store: tuple[str, int]) -> list[DatasetChoice]:
    return _gov.assessable_datasets()


def prescan(gov: Governance, dataset_ids: tuple[str, ...], answers: dict[str, Any]) -> PrescanView:
    """What the registrations and scans suggest, and the outcome of `answers` (not saved)."""
    return _prescan(gov, _version(gov), dataset_ids, answers)


@st.cache_data(show_spinner=False, max_entries=_ENTRIES)
def _prescan(
    _gov: Governance, store: tuple[str, int], dataset_ids: tuple[str, ...], answers: dict[str, Any]
) -> PrescanView:
    return _gov.prescan(list(dataset_ids), answers)
