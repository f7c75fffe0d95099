"""DCAT-AP-NL 3.0: the open dataset with every mandatory property, and nothing else.

The example catalogue has one open dataset (`reisdocumenten-piekmomenten`); the other six
hold personal data and must not appear in any form — not as a dataset, not as an id or a
title somewhere in the output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from rdflib import Graph, URIRef
from rdflib import namespace as ns
from rdflib.term import Literal as RdfLiteral

from governance.catalog_files import load
from governance.domain.dpia_state import DpiaState
from governance.domain.registration import Registration
from governance.domain.vocabulary import BioLevel
from governance.errors import BadInputError
from governance.exports.context import DatasetRecord, Organisation, load_organisations
from governance.exports.dcat import DCATAP, VCARD, dcat_graph, render_dcat
from tests.builders import REMOVE, valid_document, with_change

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG = ROOT / "catalog"
OPEN_ID = "reisdocumenten-piekmomenten"
RIVIERSTAD = URIRef("https://identifier.overheid.nl/tooi/id/gemeente/gm9901")
MANDATORY = (
    ns.DCTERMS.title,
    ns.DCTERMS.description,
    ns.DCTERMS.identifier,
    ns.DCTERMS.publisher,
    ns.DCTERMS.creator,
    ns.DCAT.contactPoint,
    ns.DCAT.theme,
    ns.DCTERMS.accessRights,
)


def example_registrations() -> list[Registration]:
    return [f.registration for path in sorted(CATALOG.glob("*.yaml")) for f in load(path)]


def example_records() -> list[DatasetRecord]:
    return [DatasetRecord(r, None, DpiaState(None)) for r in example_registrations()]


def organisations() -> dict[str, Organisation]:
    return load_organisations(ROOT / "organisations.yaml")


def open_document() -> dict[str, Any]:
    document = yaml.safe_load((CATALOG / f"{OPEN_ID}.yaml").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def record_of(document: dict[str, Any]) -> DatasetRecord:
    return DatasetRecord(Registration.model_validate(document), None, DpiaState(None))


def datasets(graph: Graph) -> list[URIRef]:
    return [s for s in graph.subjects(ns.RDF.type, ns.DCAT.Dataset) if isinstance(s, URIRef)]


@pytest.mark.parametrize("fmt, rdf_format", [("turtle", "turtle"), ("jsonld", "json-ld")])
def test_the_output_parses_back_into_the_same_graph(fmt: str, rdf_format: str) -> None:
    text = render_dcat(example_records(), organisations(), fmt)  # type: ignore[arg-type]
    parsed = Graph().parse(data=text, format=rdf_format)
    assert parsed.isomorphic(dcat_graph(example_records(), organisations()))
    assert len(datasets(parsed)) == 1


def test_only_the_open_dataset_is_published() -> None:
    graph = dcat_graph(example_records(), organisations())
    expected = URIRef(f"{RIVIERSTAD}/dataset/{OPEN_ID}")
    assert datasets(graph) == [expected]
    open_ids = {r.id for r in example_registrations() if r.publication and r.publication.open_data}
    assert open_ids == {OPEN_ID}


def test_each_published_dataset_has_every_mandatory_property() -> None:
    graph = dcat_graph(example_records(), organisations())
    for dataset in datasets(graph):
        missing = [p for p in MANDATORY if graph.value(dataset, p) is None]
        assert missing == [], dataset
        title = graph.value(dataset, ns.DCTERMS.title)
        description = graph.value(dataset, ns.DCTERMS.description)
        assert isinstance(title, RdfLiteral) and title.language == "nl"
        assert isinstance(description, RdfLiteral) and description.language == "nl"


def test_the_mandatory_values_come_from_the_registration_and_the_vocabularies() -> None:
    graph = dcat_graph(example_records(), organisations())
    [dataset] = datasets(graph)
    assert str(graph.value(dataset, ns.DCTERMS.identifier)) == str(dataset)
    assert graph.value(dataset, ns.DCTERMS.publisher) == RIVIERSTAD
    assert graph.value(dataset, ns.DCTERMS.creator) == RIVIERSTAD
    assert (RIVIERSTAD, ns.RDF.type, ns.FOAF.Agent) in graph
    assert str(graph.value(RIVIERSTAD, ns.FOAF.name)) == "Gemeente Rivierstad"
    assert graph.value(dataset, ns.DCAT.theme) == URIRef(
        "http://standaarden.overheid.nl/owms/terms/Bestuur"
    )
    assert graph.value(dataset, ns.DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
    )
    contact = graph.value(dataset, ns.DCAT.contactPoint)
    assert (contact, ns.RDF.type, VCARD.Kind) in graph
    assert str(graph.value(contact, VCARD.fn)) == "Informatiebeheerder Publiekszaken"
    assert graph.value(contact, VCARD.hasEmail) == URIRef(
        "mailto:informatiebeheer-pz@rivierstad.example"
    )


def test_the_recommended_properties_and_the_distribution() -> None:
    graph = dcat_graph(example_records(), organisations())
    [dataset] = datasets(graph)
    landing_page = URIRef("https://data.rivierstad.example/reisdocumenten-piekmomenten")
    assert graph.value(dataset, ns.DCTERMS.language) == URIRef(
        "http://publications.europa.eu/resource/authority/language/NLD"
    )
    assert graph.value(dataset, ns.DCAT.landingPage) == landing_page
    distribution = graph.value(dataset, ns.DCAT.distribution)
    assert (distribution, ns.RDF.type, ns.DCAT.Distribution) in graph
    assert graph.value(distribution, ns.DCAT.accessURL) == landing_page
    assert graph.value(distribution, ns.DCTERMS["format"]) == URIRef(
        "http://publications.europa.eu/resource/authority/file-type/CSV"
    )
    assert graph.value(distribution, ns.DCTERMS.license) == URIRef(
        "http://creativecommons.org/publicdomain/zero/1.0/"
    )
    # the provision is written in words: no URI to cite, so no applicableLegislation
    assert graph.value(dataset, DCATAP.applicableLegislation) is None


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_no_other_dataset_leaks_into_the_output(fmt: str) -> None:
    text = render_dcat(example_records(), organisations(), fmt)  # type: ignore[arg-type]
    others = [r for r in example_registrations() if r.id != OPEN_ID]
    assert len(others) == 6
    for registration in others:
        assert registration.id not in text
        assert registration.title not in text
    assert OPEN_ID in text


def test_an_internal_dataset_without_publication_never_appears() -> None:
    not_opened = with_change(open_document(), "publication.open_data", False)
    not_opened |= {"id": "intern-niet-open", "confidentiality": "internal"}
    unpublished = with_change(open_document(), "publication", REMOVE)
    unpublished |= {"id": "intern-zonder-publicatie", "confidentiality": "internal"}
    records = [record_of(not_opened), record_of(unpublished)]
    text = render_dcat(records, organisations())
    assert datasets(Graph().parse(data=text, format="turtle")) == []
    assert "intern-" not in text


def test_the_model_refuses_open_data_that_is_not_public() -> None:
    internal = with_change(open_document(), "confidentiality", "internal")
    personal = valid_document() | {
        "confidentiality": "public",
        "publication": {"open_data": True, "theme": "zorg-en-gezondheid"},
    }
    for document in (internal, personal):
        with pytest.raises(ValidationError, match=r"publication\.open_data"):
            record_of(document)


def test_the_exporter_checks_again_what_the_model_already_refuses() -> None:
    """A registration changed without validation (model_copy does not validate) must still
    stay out: publishing cannot be taken back."""
    [published] = [r for r in example_registrations() if r.id == OPEN_ID]
    internal = published.model_copy(update={"confidentiality": BioLevel.INTERNAL})
    personal = published.model_copy(
        update={"personal_data": Registration.model_validate(valid_document()).personal_data}
    )
    records = [DatasetRecord(r, None, DpiaState(None)) for r in (internal, personal)]
    assert datasets(dcat_graph(records, organisations())) == []


@pytest.mark.parametrize("status", ["draft", "retired"])
def test_a_draft_or_retired_open_dataset_is_not_published(status: str) -> None:
    record = record_of(with_change(open_document(), "status", status))
    assert datasets(dcat_graph([record], organisations())) == []


def test_an_organisation_missing_from_organisations_yaml_is_a_clear_error() -> None:
    record = record_of(with_change(open_document(), "organisation", "Gemeente Nergenshuizen"))
    with pytest.raises(BadInputError) as error:
        render_dcat([record], organisations())
    message = str(error.value)
    assert "Gemeente Nergenshuizen" in message and "organisations.yaml" in message
    assert OPEN_ID in message


def test_a_configured_base_mints_the_dataset_uris() -> None:
    graph = dcat_graph(
        example_records(), organisations(), base="https://data.rivierstad.example/id/"
    )
    assert datasets(graph) == [URIRef(f"https://data.rivierstad.example/id/{OPEN_ID}")]


def test_a_provision_with_a_uri_becomes_applicable_legislation() -> None:
    eli = "https://wetten.overheid.nl/jci1.3:c:BWBR0045754&hoofdstuk=3&artikel=3.1"
    document = with_change(
        open_document(),
        "purposes.0.legal_basis.provision",
        f"Wet open overheid, art. 3.1 ({eli})",
    )
    graph = dcat_graph([record_of(document)], organisations())
    [dataset] = datasets(graph)
    assert list(graph.objects(dataset, DCATAP.applicableLegislation)) == [URIRef(eli)]


def test_without_a_web_address_there_is_no_distribution() -> None:
    document = with_change(open_document(), "publication.landing_page", REMOVE)
    graph = dcat_graph([record_of(document)], organisations())
    [dataset] = datasets(graph)
    assert graph.value(dataset, ns.DCAT.distribution) is None  # demo-data/… is a local path
    assert graph.value(dataset, ns.DCAT.landingPage) is None


def test_a_landing_page_that_is_no_web_address_is_bad_input() -> None:
    document = with_change(open_document(), "publication.landing_page", "zie intranet")
    with pytest.raises(BadInputError, match=r"publication\.landing_page"):
        dcat_graph([record_of(document)], organisations())


def test_the_contact_point_falls_back_to_the_owner() -> None:
    document = with_change(open_document(), "steward.contact", REMOVE)
    graph = dcat_graph([record_of(document)], organisations())
    contact = graph.value(datasets(graph)[0], ns.DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:burgerzaken@rivierstad.example")


def test_the_namespaces_are_bound() -> None:
    graph = dcat_graph(example_records(), organisations())
    bound = dict(graph.namespaces())
    for prefix in ("dcat", "dct", "dcatap", "vcard", "foaf"):
        assert prefix in bound, prefix


def test_a_scan_that_finds_personal_data_keeps_the_dataset_off_the_portal() -> None:
    records = example_records()
    leaking = [
        DatasetRecord(
            r.registration,
            {"columns": [{"name": "locatie", "entities": ["PERSON"]}]},
            r.dpia,
        )
        if r.registration.id == "reisdocumenten-piekmomenten"
        else r
        for r in records
    ]
    assert "reisdocumenten-piekmomenten" in render_dcat(records, load_organisations())
    assert "reisdocumenten-piekmomenten" not in render_dcat(leaking, load_organisations())


def test_an_organisation_uri_must_be_a_web_address(tmp_path: Path) -> None:
    data = yaml.safe_load(Path("organisations.yaml").read_text(encoding="utf-8"))
    data[0]["uri"] = "gm9901"
    path = tmp_path / "organisations.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BadInputError, match="not an http"):
        load_organisations(path)
