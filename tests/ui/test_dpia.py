"""The DPIA workspace: the pre-scan with its suggestions, answering the Model DPIA part by
part, the risk register, comments, the workflow steps by role, and the export; and that
the page and the services refuse whom they should."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from governance.domain.assessment import Status
from governance.domain.roles import Role
from governance.domain.templates import TemplateKind
from governance.dpia.templates import template_for
from governance.people_service import PermissionDenied
from tests.test_dpia_service import every_required_answer
from tests.ui.conftest import governance_as
from ui.components.safe import plain

WMO, JEUGD = "wmo-wachtlijst", "jeugd-wachtlijst"
INJECTED = "<script>alert(1)</script> [x](http://evil)"


# --- helpers (also used by test_ethics) ---------------------------------------------------------


def keyed(widgets: Any, prefix: str) -> Any:
    """The one widget whose key starts with `prefix` (answer inputs carry a digest of the
    stored answer at the end of their key)."""
    found = [w for w in widgets if w.key and w.key.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} widgets with a key starting {prefix!r}"
    return found[0]


def ending(widgets: Any, suffix: str) -> Any:
    found = [w for w in widgets if w.key and w.key.endswith(suffix)]
    assert len(found) == 1, f"{len(found)} widgets with a key ending {suffix!r}"
    return found[0]


def opened(open_page: Callable[..., AppTest], page: str, user: str, assessment_id: int) -> AppTest:
    """The page as `user`, with this assessment open."""
    app = open_page(page, as_user=user)
    app.selectbox(key=f"{page}.open").select(assessment_id).run()
    assert not app.exception
    return app


def unescaped(markdown: str) -> str:
    """What a reader sees of Markdown escaped by `plain`."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts_shown(app: AppTest) -> list[str]:
    return [element.value for element in app.text]


def nl(key: str, **values: Any) -> str:
    from ui.components.texts import texts

    text = texts("nl")[key]
    return text.format(**values) if values else text


def in_review(
    url: str,
    kind: TemplateKind = TemplateKind.DPIA,
    title: str = "DPIA wachtlijsten",
    author: str = "steward",
) -> int:
    """An assessment written by `author`, submitted and taken up by the privacy officer."""
    writer = governance_as(url, author)
    state = writer.new_assessment(kind, [WMO], title)
    writer.answer(state.id, every_required_answer(template_for(kind)))
    writer.submit(state.id)
    governance_as(url, "privacy-officer").review(state.id, {})
    return state.id


# --- the pre-scan -----------------------------------------------------------------------------


def test_a_steward_saves_the_prescan_of_the_waiting_lists_with_its_suggestions(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    app = open_page("dpia", as_user="steward")
    app.session_state["dpia.tab"] = nl("dpia.tab.prescan")
    app.run()
    app.multiselect(key="dpia.prescan.datasets").set_value([WMO, JEUGD]).run()
    assert ending(app.radio, ".ap-gezondheidsgegevens").value is True, "health data: yes"
    assert ending(app.radio, ".ap-cameratoezicht").value is None, "nothing suggests cameras"
    assert any("declares special category 'health'" in text for text in texts_shown(app))
    ending(app.button, ".others_no").click().run()
    ending(app.text_area, ".onderbouwing").input("Gezondheidsgegevens van kwetsbare cliënten")
    app.run()
    assert [w.value for w in app.warning] == [nl("dpia.outcome.required")]
    ending(app.button, ".save").click().run()

    assert not app.exception
    saved = governance_as(ui_store, "steward").assessment_rows([TemplateKind.PRESCAN])
    assert len(saved) == 1 and saved[0].datasets == (WMO, JEUGD)
    state = governance_as(ui_store, "steward").assessment(saved[0].id).state
    assert state.answers["ap-gezondheidsgegevens"] is True
    assert state.answers["edpb-koppeling"] is True and state.answers["ap-cameratoezicht"] is False
    assert app.session_state["dpia.open"] == saved[0].id, "the saved pre-scan opens"
    assert nl("dpia.outcome.required") in [w.value for w in app.warning]
    assert any(str(saved[0].id) in s.value for s in app.success)


# --- writing the Model DPIA ----------------------------------------------------------------------


def test_answering_a_question_moves_the_progress(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia = governance_as(ui_store, "steward").new_assessment(TemplateKind.DPIA, [WMO], "DPIA Wmo")
    app = opened(open_page, "dpia", "steward", dpia.id)
    before = app.get("progress")[0]
    assert before.value == 0 and before.text.startswith("0 van ")
    keyed(app.text_area, f"dpia.a.{dpia.id}.p01-voorstel-doel.").input("Wachtlijsten volgen")
    app.button(key=f"dpia.save.{dpia.id}.a-beschrijving").click().run()

    assert not app.exception
    assert app.get("progress")[0].text.startswith("1 van ")
    assert governance_as(ui_store, "steward").assessment(dpia.id).state.answers == {
        "p01-voorstel-doel": "Wachtlijsten volgen"
    }
    part = app.selectbox(key=f"dpia.part.{dpia.id}")
    assert part.value == "a-beschrijving" and "(1/" in part.format_func(part.value)


def test_a_suggested_answer_is_prefilled_for_the_author_to_confirm(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia = governance_as(ui_store, "steward").new_assessment(TemplateKind.DPIA, [WMO], "")
    app = opened(open_page, "dpia", "steward", dpia.id)
    app.selectbox(key=f"dpia.part.{dpia.id}").select("b-rechtmatigheid").run()
    assert keyed(app.radio, f"dpia.a.{dpia.id}.p12-bsn.").value is True
    assert any("declares a BSN" in text for text in texts_shown(app))
    assert "p12-bsn" not in governance_as(ui_store, "steward").assessment(dpia.id).state.answers
    app.button(key=f"dpia.save.{dpia.id}.b-rechtmatigheid").click().run()
    assert governance_as(ui_store, "steward").assessment(dpia.id).state.answers["p12-bsn"] is True


def test_the_risk_register_is_edited_and_drawn_as_a_heat_map(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia = governance_as(ui_store, "steward").new_assessment(TemplateKind.DPIA, [WMO], "")
    app = opened(open_page, "dpia", "steward", dpia.id)
    app.selectbox(key=f"dpia.part.{dpia.id}").select("c-risicos").run()
    risks = keyed(app.data_editor, f"dpia.risks.{dpia.id}.risks.")
    measures = keyed(app.data_editor, f"dpia.risks.{dpia.id}.measures.")
    app.session_state[risks.key] = {
        "edited_rows": {},
        "added_rows": [
            {
                "id": "r1",
                "description": "Heridentificatie",
                "rights": "privacy, non-discriminatie",
                "likelihood": "medium",
                "impact": "high",
                "residual_likelihood": "low",
                "residual_impact": "medium",
            }
        ],
        "deleted_rows": [],
    }
    app.session_state[measures.key] = {
        "edited_rows": {},
        "added_rows": [
            {
                "risk": "r1",
                "description": "BSN pseudonimiseren",
                "owner": "CISO",
                "due": "2027-01-31",
            }
        ],
        "deleted_rows": [],
    }
    app.button(key=f"dpia.risks.{dpia.id}.save").click().run()

    assert not app.exception and not app.error
    [risk] = governance_as(ui_store, "steward").risk_register(dpia.id).risks
    assert (risk.level.value, risk.residual_level and risk.residual_level.value) == ("high", "low")
    assert risk.rights == ("privacy", "non-discriminatie")
    assert [(m.owner, str(m.due)) for m in risk.measures] == [("CISO", "2027-01-31")]
    assert len(app.get("vega_lite_chart")) == 2, "heat maps before and after the measures"
    level = nl("dpia.risk.col.level")
    [register] = [d.value for d in app.dataframe if level in d.value.columns and "Id" in d.value]
    assert register[level].tolist() == [nl("dpia.grade.high")]


# --- reviewing --------------------------------------------------------------------------------


def test_a_privacy_officer_approves_a_dpia_the_steward_wrote(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia_id = in_review(ui_store)
    governance_as(ui_store, "fg").advise(dpia_id, "positive", "Akkoord")
    app = opened(open_page, "dpia", "privacy-officer", dpia_id)
    assert app.button(key=f"dpia.step.rejected.{dpia_id}.go")  # offered beside approval
    app.text_area(key=f"dpia.step.approved.{dpia_id}.note").input("Maatregelen volstaan")
    app.button(key=f"dpia.step.approved.{dpia_id}.go").click().run()

    assert not app.exception and not app.error
    state = governance_as(ui_store, "steward").assessment(dpia_id).state
    assert (
        state.status is Status.APPROVED
        and state.sign_off
        and state.sign_off.by == "privacy-officer"
    )
    assert plain(nl("dpia.done.approved")) in [s.value for s in app.success]
    header = next(c.value for c in app.caption if c.value.startswith(f"Nr. {dpia_id} "))
    assert nl("dpia.status.approved") in header


def test_the_dpo_advises_through_the_page(open_page: Callable[..., AppTest], ui_store: str) -> None:
    dpia_id = in_review(ui_store)
    app = opened(open_page, "dpia", "fg", dpia_id)
    app.radio(key=f"dpia.step.advised.{dpia_id}.position").set_value("conditional")
    app.text_area(key=f"dpia.step.advised.{dpia_id}.text").input("Mits het BSN gepseudonimiseerd")
    app.button(key=f"dpia.step.advised.{dpia_id}.go").click().run()

    advice = governance_as(ui_store, "steward").assessment(dpia_id).state.advice
    assert advice and (advice.position, advice.by) == ("conditional", "fg")
    assert "Mits het BSN gepseudonimiseerd" in texts_shown(app)


def test_a_reviewer_comments_per_question_and_the_text_stays_text(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia_id = in_review(ui_store, title=INJECTED)
    app = opened(open_page, "dpia", "privacy-officer", dpia_id)
    app.text_area(key=f"dpia.c.{dpia_id}.p01-voorstel-doel").input(INJECTED)
    app.button(key=f"dpia.comments.{dpia_id}.a-beschrijving").click().run()
    app.button(key=f"dpia.step.changes_requested.{dpia_id}").click().run()

    state = governance_as(ui_store, "steward").assessment(dpia_id).state
    assert [(c.question, c.text) for c in state.comments] == [("p01-voorstel-doel", INJECTED)]
    assert state.status is Status.CHANGES_REQUESTED
    steward = opened(open_page, "dpia", "steward", dpia_id)
    assert INJECTED in texts_shown(steward), "the comment is shown as text"
    title = steward.subheader[0].value
    assert title == plain(INJECTED) and r"\<script\>" in title and r"\[x\]" in title
    assert not any("<script>" in m.value for m in steward.markdown)


# --- export -----------------------------------------------------------------------------------


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Callable[[], Any]]]:
    """What each download button would hand the browser, by file name (made when clicked,
    so captured as the callable Streamlit keeps for it)."""
    from streamlit.runtime.media_file_manager import MediaFileManager

    found: dict[str, Callable[[], Any]] = {}
    keep = MediaFileManager.add_deferred

    def add_deferred(self: Any, data: Any, mimetype: Any, coordinates: Any, **kw: Any) -> Any:
        found[kw["file_name"]] = data
        return keep(self, data, mimetype, coordinates, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    yield found


def test_the_export_downloads_a_pdf_and_markdown(
    open_page: Callable[..., AppTest], ui_store: str, downloads: dict[str, Callable[[], Any]]
) -> None:
    dpia_id = in_review(ui_store)
    app = opened(open_page, "dpia", "steward", dpia_id)
    assert {b.key for b in app.get("download_button")} == {
        f"dpia.export.pdf.{dpia_id}.1",
        f"dpia.export.markdown.{dpia_id}.1",
    }
    assert downloads[f"dpia-{dpia_id}-v1.pdf"]().startswith(b"%PDF")
    assert b"Risicoregister" in downloads[f"dpia-{dpia_id}-v1.md"]()


# --- who may -----------------------------------------------------------------------------------


def test_an_analyst_is_refused_by_the_page_and_the_services(
    run_page_alone: Callable[..., AppTest], ui_store: str
) -> None:
    app = run_page_alone("dpia", as_user="analist")
    assert [e.value for e in app.error] == [nl("common.not_allowed")]
    assert not app.tabs
    analyst = governance_as(ui_store, "analist")
    with pytest.raises(PermissionDenied, match=r"analist \(analyst\) may not read the assessments"):
        analyst.assessment_rows()
    with pytest.raises(PermissionDenied, match="may not run a DPIA pre-scan"):
        analyst.prescan([WMO])


@pytest.mark.parametrize(
    ("user", "offered"),
    [
        ("steward", set()),  # a steward has no part in the review
        ("fg", {"advised"}),
        ("privacy-officer", {"changes_requested", "approved", "rejected"}),
    ],
)
def test_each_role_is_offered_its_own_steps_in_review(
    open_page: Callable[..., AppTest], ui_store: str, user: str, offered: set[str]
) -> None:
    dpia_id = in_review(ui_store)
    app = opened(open_page, "dpia", user, dpia_id)
    shown = {b.key.split(".")[2] for b in app.button if b.key and b.key.startswith("dpia.step.")}
    assert shown == offered


def test_a_steward_cannot_approve(ui_store: str) -> None:
    dpia_id = in_review(ui_store)
    governance_as(ui_store, "fg").advise(dpia_id, "positive", "Akkoord")
    with pytest.raises(
        PermissionDenied, match="needs the role privacy_officer; steward has steward"
    ):
        governance_as(ui_store, "steward").approve(dpia_id)
    assert governance_as(ui_store, "steward").assessment(dpia_id).state.status is Status.IN_REVIEW


@pytest.mark.parametrize(
    ("author", "refusal"),
    [
        # a steward who is privacy officer too is offered approval, but wrote it
        ("steward", "steward wrote (part of) assessment"),
        # the privacy officer role taken back after the page offered approval
        ("beheer", "needs the role privacy_officer; steward has steward"),
    ],
)
def test_a_steward_is_refused_approval_by_the_services_and_the_page_says_why(
    open_page: Callable[..., AppTest], ui_store: str, author: str, refusal: str
) -> None:
    """The page offers approval to a role; the services decide, and the page shows their
    refusal as an error next to the step, not a traceback, with nothing changed."""
    admin = governance_as(ui_store, "beheer")
    admin.add_user("steward", frozenset({Role.STEWARD, Role.PRIVACY_OFFICER}))
    dpia_id = in_review(ui_store, author=author)
    governance_as(ui_store, "fg").advise(dpia_id, "positive", "Akkoord")
    app = opened(open_page, "dpia", "steward", dpia_id)
    if author != "steward":
        admin.add_user("steward", frozenset({Role.STEWARD}))
    app.button(key=f"dpia.step.approved.{dpia_id}.go").click().run()

    assert not app.exception
    assert any(refusal in unescaped(e.value) for e in app.error)
    assert governance_as(ui_store, "steward").assessment(dpia_id).state.status is Status.IN_REVIEW


def test_editing_an_approved_dpia_starts_its_next_version_and_the_approved_stays_readable(
    open_page: Callable[..., AppTest], ui_store: str
) -> None:
    dpia_id = in_review(ui_store)
    governance_as(ui_store, "fg").advise(dpia_id, "positive", "Akkoord")
    governance_as(ui_store, "privacy-officer").approve(dpia_id)
    app = opened(open_page, "dpia", "steward", dpia_id)
    assert nl("dpia.revision_note", version=2) in [i.value for i in app.info]
    keyed(app.text_area, f"dpia.a.{dpia_id}.p01-voorstel-doel.").input("Herzien voorstel")
    app.button(key=f"dpia.save.{dpia_id}.a-beschrijving").click().run()

    state = governance_as(ui_store, "steward").assessment(dpia_id).state
    assert (state.version, state.status) == (2, Status.DRAFT)
    versions = app.selectbox(key=f"dpia.version.{dpia_id}")
    assert versions.options == [
        nl("dpia.version_n", version=2),
        nl("dpia.version_approved", version=1),
    ]
    versions.select(1).run()
    assert not [w for w in app.text_area if w.key and w.key.startswith("dpia.a.")], "read only"
    assert not [b for b in app.button if b.key and b.key.startswith("dpia.step.")]
    assert "Herzien voorstel" not in texts_shown(app)
    assert {b.key for b in app.get("download_button")} >= {f"dpia.export.pdf.{dpia_id}.1"}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_whole_record_reads_in_either_language(
    open_page: Callable[..., AppTest], ui_store: str, language: str
) -> None:
    dpia_id = in_review(ui_store)
    app = open_page("dpia", as_user="privacy-officer", language=language)
    app.selectbox(key="dpia.open").select(dpia_id).run()
    app.toggle(key=f"dpia.record.{dpia_id}").set_value(True).run()
    assert not app.exception
    template = template_for(TemplateKind.DPIA)
    titles = {h.value for h in app.subheader}
    assert {plain(p.title.in_language(language)) for p in template.parts} <= titles
    assert len(app.get("vega_lite_chart")) == 2, "the register's heat maps"
    assert not [w for w in app.text_area if w.key and w.key.startswith("dpia.c.")], "read only"


def test_every_text_the_components_compose_is_there_in_both_languages() -> None:
    """Texts picked by a value (a status, a kind, a step, a grade…) are not found by
    reading the code: list them from the vocabularies themselves."""
    from governance.assessment_views import STEPS
    from governance.domain.assessment import ADVICE_POSITIONS
    from governance.domain.risks import Grade
    from governance.domain.templates import Criterion
    from governance.domain.vocabulary import DpiaRequirement
    from ui.components.risk_matrix import MEASURE_COLUMNS, RISK_COLUMNS
    from ui.components.texts import texts

    needed = {
        *(f"dpia.status.{s.value}" for s in Status),
        *(f"dpia.kind.{k.value}" for k in TemplateKind),
        *(f"dpia.position.{p}" for p in ADVICE_POSITIONS),
        *(f"dpia.grade.{g.value}" for g in Grade),
        *(f"dpia.criterion.{c.value}" for c in Criterion),
        *(f"dpia.outcome.{r.value}" for r in DpiaRequirement),
        *(f"dpia.{kind}.{step.value}" for step in STEPS for kind in ("step", "done")),
        *(f"dpia.tab.{name}" for name in ("list", "prescan", "new")),
        *(f"dpia.export.{fmt}" for fmt in ("pdf", "markdown")),
        *(f"dpia.risk.col.{c}" for c in (*RISK_COLUMNS, *MEASURE_COLUMNS)),
        *(f"dpia.risk.col.{c}" for c in ("level", "before", "after", "count")),
    }
    for language in ("nl", "en"):
        assert needed - set(texts(language)) == set(), language
