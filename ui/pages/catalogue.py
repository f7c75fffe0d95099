"""Catalogue: search and filter the registered datasets, and open one in its detail tabs.

The list and the detail come from `Governance.catalogue` and `Governance.dataset_detail`,
cached until the store changes; the table shows one page at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st

from governance.domain.roles import Permission
from governance.domain.vocabulary import BioLevel, LegalGround, Status
from governance.errors import BadInputError
from governance.services import Governance
from governance.views_service import (
    CatalogueChoices,
    CatalogueQuery,
    CatalogueRow,
    DatasetDetail,
)
from ui.components import dataset_detail
from ui.components.charts import table
from ui.components.safe import plain
from ui.components.session import data_version, require
from ui.components.texts import t

PAGE_SIZE = 50


# Each cache is keyed by the store, the person (the service checks their permission) and
# the store's state, so a write anywhere shows at once.
@st.cache_data(show_spinner=False, max_entries=8)
def _choices(_gov: Governance, store: str, actor: str, version: int) -> CatalogueChoices:
    return _gov.catalogue_choices()


@st.cache_data(show_spinner=False, max_entries=64)
def _rows(
    _gov: Governance, store: str, actor: str, version: int, query: CatalogueQuery
) -> tuple[CatalogueRow, ...]:
    return _gov.catalogue(query)


@st.cache_data(show_spinner=False, max_entries=32)
def _detail(
    _gov: Governance, store: str, actor: str, version: int, dataset_id: str, today: date
) -> DatasetDetail:
    return _gov.dataset_detail(dataset_id, today)


def _filter(column: Any, name: str, options: Sequence[Any], label: Callable[[Any], str]) -> Any:
    """A filter in `column`: '(all)' (None) or one of `options`, shown through `label`."""
    return column.selectbox(
        t(f"catalogue.filter.{name}"),
        [None, *options],
        format_func=lambda value: t("catalogue.any") if value is None else label(value),
        placeholder=t("catalogue.any"),  # what a None choice shows
        key=f"catalogue_{name}",
    )


gov = require(Permission.VIEW_CATALOGUE)
key = (gov.store.url, gov.actor, data_version(gov))
st.title(t("catalogue.title"))
st.caption(t("catalogue.intro"))
try:
    choices = _choices(gov, *key)
    search = st.text_input(
        t("catalogue.search"), key="catalogue_search", help=t("catalogue.search_help")
    )
    first, second, third = st.columns(3)
    fourth, fifth, sixth = st.columns(3)
    query = CatalogueQuery(
        search=search.strip() or None,
        organisation=_filter(first, "organisation", list(choices.organisations), str),
        owner=_filter(second, "owner", list(choices.owners), str),
        status=_filter(third, "status", list(Status), lambda s: t(f"catalogue.vocab.status.{s}")),
        personal_data=_filter(
            fourth,
            "personal_data",
            [True, False],
            lambda y: t(f"catalogue.personal_data_{str(y).lower()}"),
        ),
        legal_ground=_filter(
            fifth, "legal_ground", list(LegalGround), lambda g: t(f"catalogue.vocab.ground.{g}")
        ),
        bio_level=_filter(
            sixth, "bio_level", list(BioLevel), lambda b: t(f"catalogue.vocab.bio.{b}")
        ),
    )
    rows = _rows(gov, *key, query)
except BadInputError as error:
    st.error(plain(str(error)))
    st.stop()

if not rows:
    st.info(t("catalogue.none_found"))
    st.stop()

pages = -(-len(rows) // PAGE_SIZE)
page = 1
if pages > 1:
    page = int(
        st.number_input(t("catalogue.page", pages=pages), 1, pages, 1, step=1, key="catalogue_page")
    )
shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
first_shown = (page - 1) * PAGE_SIZE + 1
st.caption(
    t("catalogue.count", total=len(rows), first=first_shown, last=first_shown + len(shown) - 1)
)
table(
    [
        {
            "id": row.id,
            "title": row.title,
            "organisation": row.organisation,
            "owner": row.owner or "",
            "status": t(f"catalogue.vocab.status.{row.status}"),
            "personal_data": row.holds_personal_data,
            "legal_grounds": ", ".join(
                t(f"catalogue.vocab.ground.{ground}") for ground in row.legal_grounds
            ),
            "bio_level": t(f"catalogue.vocab.bio.{row.bio_level}"),
            "version": row.version,
            "updated": row.updated_at[:10],
        }
        for row in shown
    ],
    "catalogue.column",
)

chosen = st.selectbox(
    t("catalogue.choose"),
    [row.id for row in rows],
    index=None,
    placeholder=t("catalogue.choose_placeholder"),
    key="catalogue_dataset",
)
if chosen is not None:
    try:
        detail = _detail(gov, *key, chosen, date.today())
    except BadInputError as error:
        st.error(plain(str(error)))
    else:
        dataset_detail.show(detail)
