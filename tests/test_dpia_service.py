"""The assessment engine on the example catalogue with the real templates of `dpia/`:
the pre-scan, the whole workflow with roles, exports, and what the gate reads."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from governance.domain.assessment import Status
from governance.domain.dpia_state import DpiaState
from governance.domain.gate import Verdict
from governance.domain.roles import Role
from governance.domain.templates import AnswerType, Question, Template, TemplateKind
from governance.domain.vocabulary import DpiaRequirement
from governance.dpia.templates import TEMPLATE_IDS, TemplateError, load_template, template_for
from governance.dpia_service import PermissionDenied
from governance.errors import BadInputError
from governance.services import Governance
from tests.builders import write_yaml
from tests.domain.test_prescan import EDGES

CATALOG = Path(__file__).resolve().parent.parent / "catalog"
TEMPLATES = Path(__file__).resolve().parent.parent / "dpia"
WMO, JEUGD, INHUUR = "wmo-wachtlijst", "jeugd-wachtlijst", "inhuur-personeel"
RISK = {
    "id": "r1",
    "description": "Heridentificatie van cliënten in het dataplatform",
    "rights": ["privacy"],
    "likelihood": "medium",
    "impact": "high",
    "measures": [{"description": "BSN pseudonimiseren", "owner": "CISO", "due": "2027-01-31"}],
    "residual_likelihood": "low",
    "residual_impact": "medium",
}


class People:
    """One store seen by different people: `people.as_("stef")` acts as stef."""

    def __init__(self, url: str) -> None:
        self.url = url
        admin = Governance.open(url, actor="ada")
        admin.add_user("ada", frozenset({Role.ADMIN}))
        for name, role in (
            ("stef", Role.STEWARD),
            ("petra", Role.PRIVACY_OFFICER),
            ("pim", Role.PRIVACY_OFFICER),
            ("frank", Role.DPO),
            ("anna", Role.ANALYST),
        ):
            admin.add_user(name, frozenset({role}))
        self.as_("stef").import_catalog([CATALOG])

    def as_(self, name: str) -> Governance:
        return Governance.open(self.url, actor=name)


@pytest.fixture
def people(sqlite_url: str) -> People:
    return People(sqlite_url)


def an_answer(question: Question) -> Any:
    return {
        AnswerType.TEXT: "Beschreven in het projectplan wachtlijsten",
        AnswerType.YES_NO: "nee",
        AnswerType.CHOICE: question.options[0].id if question.options else None,
        AnswerType.MULTI_CHOICE: [question.options[0].id] if question.options else None,
        AnswerType.DATE: "2026-12-01",
        AnswerType.PEOPLE: "Petra (FG); Stef (steward)",
        AnswerType.RISK_LIST: [RISK],
    }[question.type]


def every_required_answer(template: Template) -> dict[str, Any]:
    return {q.id: an_answer(q) for q in template.questions if q.required}


# --- templates -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(TemplateKind))
def test_every_template_loads_with_bilingual_texts_and_references(kind: TemplateKind) -> None:
    template = template_for(kind)
    assert template.kind is kind and template.version
    ids = [q.id for q in template.questions]
    assert len(ids) == len(set(ids))
    for question in template.questions:
        assert question.text.nl and question.text.en and question.text.nl != question.text.en
        assert question.help.nl and question.help.en
        assert question.reference.strip()


def test_the_prescan_template_covers_the_ap_list_and_the_edpb_criteria() -> None:
    template = template_for(TemplateKind.PRESCAN)
    counts: dict[str, int] = {}
    for question in template.questions:
        if question.counts_as:
            counts[question.counts_as.value] = counts.get(question.counts_as.value, 0) + 1
    assert counts == {"ap_list": 17, "edpb": 9, "new_legislation": 1, "iama": 1, "children": 1}


def test_the_model_dpia_has_the_four_parts_and_seventeen_points() -> None:
    template = template_for(TemplateKind.DPIA)
    points = {q.id[:3] for q in template.questions if q.id.startswith("p")}
    assert points == {f"p{n:02d}" for n in range(1, 18)}
    assert any(q.type is AnswerType.RISK_LIST for q in template.questions)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t["parts"][0]["questions"][0].pop("reference"),
            "reference' is required; add it",
        ),
        (lambda t: t["parts"][0]["questions"][0].update(type="essay"), "type"),
        (
            lambda t: t["parts"][0]["questions"][1].update(id=t["parts"][0]["questions"][0]["id"]),
            "is also used at line",
        ),
        (
            lambda t: t["parts"][0]["questions"][0]["text"].pop("en"),
            "'parts[0].questions[0].text.en'",
        ),
    ],
)
def test_a_malformed_template_names_file_line_and_fix(
    tmp_path: Path, change: Any, message: str
) -> None:
    data = yaml.safe_load((TEMPLATES / "prescan.yaml").read_text(encoding="utf-8"))
    change(data)
    path = write_yaml(data, tmp_path / "prescan.yaml")
    with pytest.raises(TemplateError) as raised:
        load_template(path)
    assert message in str(raised.value)
    assert f"{path}:" in str(raised.value)
    line = int(str(raised.value).split(f"{path}:")[1].split(":")[0])
    assert line > 1


# --- the pre-scan --------------------------------------------------------------------------


def test_the_waiting_lists_need_a_dpia_for_health_vulnerable_subjects_and_combining(
    people: People,
) -> None:
    view = people.as_("stef").prescan([WMO, JEUGD], accept_suggestions=True, others_no=True)
    result = view.outcome
    assert result.requirement is DpiaRequirement.REQUIRED
    yes = {q for ids in result.decided_by.values() for q in ids}
    assert {"ap-gezondheidsgegevens", "edpb-kwetsbare-betrokkenen", "edpb-koppeling"} <= yes
    evidence = {s.question: s.evidence for s in view.suggestions}
    assert "wmo-wachtlijst declares special category 'health'" in evidence["ap-gezondheidsgegevens"]


def test_hired_staff_get_a_recommendation_for_one_criterion(people: People) -> None:
    view = people.as_("stef").prescan([INHUUR], accept_suggestions=True, others_no=True)
    assert view.outcome.requirement is DpiaRequirement.RECOMMENDED
    assert view.outcome.decided_by == {"edpb": ["edpb-kwetsbare-betrokkenen"]}


def test_an_approved_prescan_is_what_the_gate_reads(people: People) -> None:
    steward = people.as_("stef")
    answers = {
        "nieuwe-wetgeving": "nee",
        "iama-nodig": "nee",
        "kinderrechten": "nee",
        "onderbouwing": "Alleen gegevens van ingehuurde medewerkers",
    }
    view = steward.prescan([INHUUR], answers, accept_suggestions=True, others_no=True, save=True)
    assert view.assessment is not None and view.outcome.complete
    assert dpia_state_of(steward, INHUUR).reasoning != answers["onderbouwing"]  # not yet
    steward.submit(view.assessment.id)
    people.as_("petra").review(view.assessment.id, {})
    people.as_("petra").approve(view.assessment.id)
    state = dpia_state_of(steward, INHUUR)
    assert state.requirement is DpiaRequirement.RECOMMENDED
    assert state.reasoning == answers["onderbouwing"]


def dpia_state_of(governance: Governance, dataset_id: str) -> DpiaState:
    from governance.store import registrations

    with governance.store.reading() as connection:
        return governance.dpia_state(registrations.get(connection, dataset_id), connection)


def test_an_unknown_question_suggests_near_ids(people: People) -> None:
    with pytest.raises(BadInputError, match="did you mean ap-gezondheidsgegevens"):
        people.as_("stef").prescan([WMO], {"ap-gezondheid": "ja"})


# --- the workflow ---------------------------------------------------------------------------


def test_the_whole_workflow_with_separation_of_duties(people: People) -> None:
    stef, petra, frank = people.as_("stef"), people.as_("petra"), people.as_("frank")
    template = template_for(TemplateKind.DPIA)
    dpia = stef.new_assessment(TemplateKind.DPIA, [WMO, JEUGD], "DPIA wachtlijsten")
    suggested = {s.question for s in stef.assessment(dpia.id).suggestions}
    assert "p12-bsn" in suggested  # the registrations declare a BSN
    with pytest.raises(PermissionDenied) as refused:
        stef.submit(dpia.id)
    assert "p16-risicos" in str(refused.value) and "managementsamenvatting" in str(refused.value)
    stef.answer(dpia.id, every_required_answer(template))
    assert stef.submit(dpia.id).status is Status.SUBMITTED
    question = template.questions[0].id
    sent_back = petra.review(dpia.id, {question: "Noem de wachttijden precies"}, True)
    assert sent_back.status is Status.CHANGES_REQUESTED
    assert sent_back.comments[0].question == question and sent_back.comments[0].by == "petra"
    stef.answer(dpia.id, {question: "Wachttijd tussen besluit en start van de zorg"})
    stef.submit(dpia.id)
    petra.review(dpia.id, {})
    with pytest.raises(PermissionDenied, match="DPO's advice"):
        petra.approve(dpia.id)
    frank.advise(dpia.id, "conditional", "Akkoord mits het BSN gepseudonimiseerd wordt")
    with pytest.raises(PermissionDenied, match="needs the role privacy_officer; stef has steward"):
        stef.approve(dpia.id)
    approved = petra.approve(dpia.id)
    assert approved.status is Status.APPROVED and approved.sign_off is not None
    assert approved.sign_off.by == "petra"
    revised = stef.answer(dpia.id, {question: "Aangepaste beschrijving"})
    assert (revised.version, revised.status) == (2, Status.DRAFT)
    assert revised.in_force is not None and revised.in_force.version == 1
    assert petra.verify_audit().intact


def test_an_author_who_is_also_privacy_officer_may_not_approve(people: People) -> None:
    people.as_("ada").add_user("pim", frozenset({Role.PRIVACY_OFFICER, Role.STEWARD}))
    pim, petra, frank = people.as_("pim"), people.as_("petra"), people.as_("frank")
    template = template_for(TemplateKind.DPIA)
    dpia = pim.new_assessment(TemplateKind.DPIA, [WMO], "")
    pim.answer(dpia.id, every_required_answer(template))
    pim.submit(dpia.id)
    with pytest.raises(PermissionDenied, match=r"pim wrote \(part of\) assessment"):
        pim.review(dpia.id, {})
    petra.review(dpia.id, {})
    frank.advise(dpia.id, "positive", "Akkoord")
    with pytest.raises(PermissionDenied, match=r"pim wrote \(part of\) .* may not approve"):
        pim.approve(dpia.id)


def test_only_an_admin_gives_roles_and_the_first_user_is_one(sqlite_url: str) -> None:
    with pytest.raises(PermissionDenied, match="first user must be an admin"):
        Governance.open(sqlite_url, actor="x").add_user("x", frozenset({Role.STEWARD}))
    Governance.open(sqlite_url, actor="ada").add_user("ada", frozenset({Role.ADMIN}))
    refusal = r"stef \(no role\) may not give roles: that needs the role admin"
    with pytest.raises(PermissionDenied, match=refusal):
        Governance.open(sqlite_url, actor="stef").add_user("stef", frozenset({Role.ADMIN}))


def test_an_analyst_cannot_start_an_assessment(people: People) -> None:
    with pytest.raises(PermissionDenied, match="steward or privacy_officer"):
        people.as_("anna").new_assessment(TemplateKind.DEDA, [WMO], "")


# --- exports and the gate ---------------------------------------------------------------------


def in_review(people: People, datasets: list[str]) -> int:
    """A complete DPIA by stef, submitted and taken up for review by petra."""
    stef = people.as_("stef")
    dpia = stef.new_assessment(TemplateKind.DPIA, datasets, "DPIA wachtlijsten")
    stef.answer(dpia.id, every_required_answer(template_for(TemplateKind.DPIA)))
    stef.submit(dpia.id)
    people.as_("petra").review(dpia.id, {})
    return dpia.id


def approved_dpia(people: People, datasets: list[str]) -> int:
    dpia_id = in_review(people, datasets)
    people.as_("frank").advise(dpia_id, "positive", "Het FG-advies: akkoord")
    people.as_("petra").approve(dpia_id)
    return dpia_id


def test_the_pdf_export_opens_with_its_sections_and_risk_table(people: People) -> None:
    from pypdf import PdfReader

    dpia_id = approved_dpia(people, [WMO])
    pdf = people.as_("frank").export(dpia_id, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for section in ("Managementsamenvatting", "Risicoregister", "Advies", "Besluit"):
        assert section in text
    assert "Heridentificatie" in text and "r1" in text and "Het FG-advies: akkoord" in text
    markdown = people.as_("frank").export(dpia_id, "markdown", "en").decode()
    assert "Risk register" in markdown and "| r1 |" in markdown


def test_the_gate_reads_an_approved_dpia_and_its_review_need(
    people: People, tmp_path: Path
) -> None:
    dpia_id = approved_dpia(people, [WMO])
    steward = people.as_("stef")
    state = dpia_state_of(steward, WMO)
    assert state.approval is not None and state.approval.reference == f"assessment {dpia_id} v1"
    assert not state.review_needed
    document = yaml.safe_load((CATALOG / f"{WMO}.yaml").read_text(encoding="utf-8"))
    document["description"] += " Aangevuld."
    steward.import_catalog([write_yaml(document, tmp_path / "wmo.yaml")])
    view = steward.assessment(dpia_id)
    assert "registration version 1 was assessed, 2 is current" in view.review_needed[0]
    assert dpia_state_of(steward, WMO).review_needed


def test_a_gate_blocks_on_a_dpia_that_needs_review(people: People, tmp_path: Path) -> None:
    from governance.synthetic import generate_pilot

    data = generate_pilot(WMO, tmp_path, rows=100).path
    approved_dpia(people, [WMO])
    steward = people.as_("stef")
    before = steward.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=data).decision
    assert next(r for r in before.results if r.rule == "dpia").verdict is Verdict.PASS
    document = yaml.safe_load((CATALOG / f"{WMO}.yaml").read_text(encoding="utf-8"))
    document["title"] += " (bijgewerkt)"
    steward.import_catalog([write_yaml(document, tmp_path / "wmo.yaml")])
    after = steward.gate(WMO, "sdr-dataplatform", "beleidsanalyse", data=data).decision
    dpia = next(r for r in after.results if r.rule == "dpia")
    assert dpia.verdict is Verdict.BLOCK and "needs review" in dpia.reason


def test_template_ids_match_their_files() -> None:
    for kind, name in TEMPLATE_IDS.items():
        assert load_template((TEMPLATES / f"{name}.yaml").resolve()).kind is kind


def test_whoever_wrote_part_of_it_may_not_approve_it(people: People) -> None:
    dpia_id = approved_dpia(people, [WMO])
    petra = people.as_("petra")
    petra.answer(dpia_id, {"managementsamenvatting": "Door petra herschreven"})
    petra.submit(dpia_id)
    people.as_("pim").review(dpia_id, {})
    people.as_("frank").advise(dpia_id, "positive", "Akkoord")
    with pytest.raises(PermissionDenied, match=r"petra wrote \(part of\)"):
        petra.approve(dpia_id)
    assert people.as_("pim").approve(dpia_id).version == 2


def test_advice_on_answers_that_change_does_not_count(people: People) -> None:
    stef, petra = people.as_("stef"), people.as_("petra")
    dpia_id = in_review(people, [WMO])
    people.as_("frank").advise(dpia_id, "positive", "Akkoord")
    assert petra.review(dpia_id, {}, request_changes=True).advice is None
    stef.submit(dpia_id)
    petra.review(dpia_id, {})
    with pytest.raises(PermissionDenied, match="DPO's advice"):
        petra.approve(dpia_id)


def test_setting_negative_advice_aside_needs_a_note(people: People) -> None:
    petra = people.as_("petra")
    dpia_id = in_review(people, [WMO])
    people.as_("frank").advise(dpia_id, "negative", "Te grote risico's")
    with pytest.raises(PermissionDenied, match="needs a note"):
        petra.approve(dpia_id)
    assert petra.approve(dpia_id, note="Maatregelen r1 genomen").status is Status.APPROVED


def test_a_rejected_dpia_is_not_outweighed_by_the_recorded_one(people: People) -> None:
    assert dpia_state_of(people.as_("stef"), JEUGD).approval is not None  # the record
    stef, petra = people.as_("stef"), people.as_("petra")
    dpia = stef.new_assessment(TemplateKind.DPIA, [JEUGD], "")
    assert dpia_state_of(stef, JEUGD).approval is not None  # a draft changes nothing
    stef.answer(dpia.id, every_required_answer(template_for(TemplateKind.DPIA)))
    stef.submit(dpia.id)
    petra.review(dpia.id, {})
    petra.reject(dpia.id, "Risico's onvoldoende beschreven")
    assert dpia_state_of(stef, JEUGD).approval is None


def test_the_approved_version_stays_readable_after_a_revision(people: People) -> None:
    dpia_id = approved_dpia(people, [WMO])
    stef = people.as_("stef")
    stef.answer(dpia_id, {"managementsamenvatting": "Nieuwe samenvatting"})
    assert stef.assessment(dpia_id).state.answers["managementsamenvatting"] == (
        "Nieuwe samenvatting"
    )
    first = stef.assessment(dpia_id, version=1).state
    assert first.status is Status.APPROVED and first.version == 1
    assert first.answers["managementsamenvatting"] != "Nieuwe samenvatting"
    markdown = stef.export(dpia_id, "markdown", version=1).decode()
    assert "Nieuwe samenvatting" not in markdown
    with pytest.raises(BadInputError, match="has no version 3"):
        stef.assessment(dpia_id, version=3)


def test_a_long_risk_register_still_exports_as_pdf(people: People) -> None:
    from pypdf import PdfReader

    stef = people.as_("stef")
    dpia = stef.new_assessment(TemplateKind.DPIA, [WMO], "")
    long_risk = {
        **RISK,
        "description": " ".join(["heridentificatie"] * 400),
        "measures": [{"description": f"maatregel {n}", "owner": "CISO"} for n in range(30)],
    }
    stef.answer(dpia.id, {"p16-risicos": [long_risk]})
    pdf = stef.export(dpia.id, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "maatregel 29" in text


def test_the_last_admin_keeps_the_role(people: People) -> None:
    with pytest.raises(PermissionDenied, match="ada is the last admin"):
        people.as_("ada").add_user("ada", frozenset({Role.STEWARD}))


def test_audit_verify_finds_roles_set_back_behind_its_back(people: People) -> None:
    import sqlalchemy as sa

    from governance.store.schema import users

    admin = people.as_("ada")
    admin.add_user("anna", frozenset({Role.ANALYST, Role.PRIVACY_OFFICER}))
    with admin.store.writing() as connection:
        connection.execute(sa.update(users).where(users.c.name == "anna").values(roles=["analyst"]))
    report = admin.verify_audit()
    assert not report.intact and any("user anna" in p for p in report.problems)


@pytest.mark.parametrize(("yes", "requirement"), EDGES)
def test_the_shipped_decision_rule_at_its_edges(
    yes: tuple[str, ...], requirement: DpiaRequirement
) -> None:
    from governance.domain.prescan import outcome

    template = template_for(TemplateKind.PRESCAN)
    answers: dict[str, Any] = {q.id: False for q in template.questions if q.counts_as}
    answers.update(dict.fromkeys(yes, True))
    answers["onderbouwing"] = "test"
    result = outcome(template, answers)
    assert result.requirement is requirement and result.complete


def test_the_cli_choices_are_the_vocabularies() -> None:
    from governance.cli_dpia import KINDS, POSITIONS
    from governance.cli_people import ROLES
    from governance.domain.assessment import ADVICE_POSITIONS

    assert tuple(role.value for role in Role) == ROLES
    assert set(KINDS) == {k.value for k in TemplateKind} - {"prescan"}
    assert POSITIONS == ADVICE_POSITIONS
