"""The open datasets as DCAT-AP-NL 3.0, for harvesting by data.overheid.nl.

Only an active registration that is marked `publication.open_data` *and* classified BIO
public (and holds no personal data) becomes a dcat:Dataset. The registration model already
refuses open data on anything else; the exporter checks again, because publishing is the
one step that cannot be taken back.

Mapping (DCAT-AP-NL 3.0; `M` mandatory, `C` conditional, `R` recommended):

- dct:title, dct:description (M): the registration's title and description, tagged `nl`.
- dct:identifier (M): the dataset URI, `<publisher uri>/dataset/<id>` or `<base>/<id>`.
- dct:publisher, dct:creator (M): the organisation's URI from organisations.yaml, a
  foaf:Agent with its foaf:name.
- dcat:contactPoint (M): a vcard:Kind with the name and e-mail of the steward, else the
  owner, else the organisation's contact.
- dcat:theme (M): the data.overheid.nl theme (OWMS Taxonomie Beleidsagenda).
- dct:accessRights (M): the EU access-right PUBLIC.
- dcatap:applicableLegislation (C): a purpose's provision only when it carries a URI (an
  ELI or a wetten.overheid.nl link); a provision in words cannot be turned into a URI
  without guessing the BWB identifier, so it is left out.
- dcat:distribution (C): one dcat:Distribution with dcat:accessURL (the landing page, else
  the source location when that is a web address), dct:format from the EU file-type
  vocabulary and dct:license.
- dct:language, dcat:landingPage (R).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from governance.domain.registration import Registration
from governance.domain.vocabulary import BioLevel, SourceFormat, Status
from governance.errors import BadInputError
from governance.exports.context import DatasetRecord, Organisation, organisations_file

DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_AUTHORITY = "http://publications.europa.eu/resource/authority/"
PUBLIC_ACCESS = URIRef(EU_AUTHORITY + "access-right/PUBLIC")
DUTCH = URIRef(EU_AUTHORITY + "language/NLD")
FILE_TYPES = {
    SourceFormat.CSV: URIRef(EU_AUTHORITY + "file-type/CSV"),
    SourceFormat.PARQUET: URIRef(EU_AUTHORITY + "file-type/PARQUET"),
    SourceFormat.XLSX: URIRef(EU_AUTHORITY + "file-type/XLSX"),
}  # an SQL table is no file: its distribution has no dct:format
NAMESPACES = {"dcat": DCAT, "dct": DCTERMS, "dcatap": DCATAP, "vcard": VCARD, "foaf": FOAF}

_WEB_ADDRESS = re.compile(r"https?://[^\s<>\"]+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

Format = Literal["turtle", "jsonld"]


def is_published(registration: Registration) -> bool:
    """Active, marked open data, classified public and without personal data: all four,
    always. A draft's classification is not settled yet, and a retired dataset is no
    longer kept up to date, so neither goes to the portal."""
    publication = registration.publication
    return (
        registration.status is Status.ACTIVE
        and publication is not None
        and publication.open_data
        and registration.confidentiality is BioLevel.PUBLIC
        and not registration.holds_personal_data
    )


def dcat_graph(
    records: Iterable[DatasetRecord],
    organisations: Mapping[str, Organisation],
    base: str | None = None,
) -> Graph:
    """The published datasets as an RDF graph; every other registration is left out.
    `base` mints dataset URIs as `<base>/<id>` instead of under the publisher's URI."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    for record in records:
        if is_published(record.registration) and not record.holds_personal_data:
            _add_dataset(graph, record.registration, organisations, base)
    return graph


def render_dcat(
    records: Iterable[DatasetRecord],
    organisations: Mapping[str, Organisation],
    fmt: Format = "turtle",
    base: str | None = None,
) -> str:
    """The published datasets as Turtle or JSON-LD (compacted with the bound prefixes)."""
    graph = dcat_graph(records, organisations, base)
    if fmt == "turtle":
        return graph.serialize(format="turtle")
    if fmt == "jsonld":
        context = {prefix: str(namespace) for prefix, namespace in NAMESPACES.items()}
        return graph.serialize(format="json-ld", context=context, indent=2)
    raise BadInputError(f"unknown DCAT format '{fmt}'; choose turtle or jsonld")


def _add_dataset(
    graph: Graph,
    registration: Registration,
    organisations: Mapping[str, Organisation],
    base: str | None,
) -> None:
    publication = registration.publication
    assert publication is not None  # is_published checked it
    publisher = _publisher(graph, registration, organisations)
    dataset = URIRef(_dataset_uri(registration, publisher, base))
    nl = "nl"
    for predicate, value in (
        (RDF.type, DCAT.Dataset),
        (DCTERMS.title, RdfLiteral(registration.title, lang=nl)),
        (DCTERMS.description, RdfLiteral(registration.description, lang=nl)),
        (DCTERMS.identifier, RdfLiteral(str(dataset))),
        (DCTERMS.publisher, publisher),
        (DCTERMS.creator, publisher),
        (DCAT.contactPoint, _contact_point(graph, registration, organisations)),
        (DCAT.theme, URIRef(publication.theme.uri)),
        (DCTERMS.accessRights, PUBLIC_ACCESS),
        (DCTERMS.language, DUTCH),
    ):
        graph.add((dataset, predicate, value))
    for legislation in _legislation(registration):
        graph.add((dataset, DCATAP.applicableLegislation, legislation))
    landing_page = _web_address(registration, "publication.landing_page", publication.landing_page)
    if landing_page is not None:
        graph.add((dataset, DCAT.landingPage, landing_page))
    license_uri = _web_address(registration, "publication.license", publication.license)
    distribution = _distribution(graph, registration, landing_page, license_uri)
    if distribution is not None:
        graph.add((dataset, DCAT.distribution, distribution))


def _publisher(
    graph: Graph, registration: Registration, organisations: Mapping[str, Organisation]
) -> URIRef:
    organisation = _organisation(registration, organisations)
    agent = URIRef(organisation.uri)
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, FOAF.name, RdfLiteral(organisation.name, lang="nl")))
    return agent


def _organisation(
    registration: Registration, organisations: Mapping[str, Organisation]
) -> Organisation:
    found = organisations.get(registration.organisation.casefold())
    if found is None:
        raise BadInputError(
            f"dataset '{registration.id}': organisation '{registration.organisation}' is not in "
            f"{organisations_file()}; add it there (name, uri, contact, dpo) — DCAT-AP-NL names "
            "the publisher by its URI"
        )
    return found


def _dataset_uri(registration: Registration, publisher: URIRef, base: str | None) -> str:
    prefix = base.rstrip("/") if base else f"{str(publisher).rstrip('/')}/dataset"
    return f"{prefix}/{registration.id}"


def _contact_point(
    graph: Graph, registration: Registration, organisations: Mapping[str, Organisation]
) -> BNode:
    """The first of steward, owner and organisation with an e-mail address: DCAT-AP-NL
    wants a way to ask about the data, and a mailbox outlives a person."""
    organisation = _organisation(registration, organisations)
    candidates = [
        (person.name, person.contact)
        for person in (registration.steward, registration.owner)
        if person is not None and person.contact
    ] + [(organisation.name, organisation.contact)]
    for name, contact in candidates:
        email = _EMAIL.search(contact)
        if email is not None:
            kind = BNode(f"{registration.id}-contact")
            graph.add((kind, RDF.type, VCARD.Kind))
            graph.add((kind, VCARD.fn, RdfLiteral(name)))
            graph.add((kind, VCARD.hasEmail, URIRef(f"mailto:{email.group()}")))
            return kind
    raise BadInputError(
        f"dataset '{registration.id}': no e-mail address for dcat:contactPoint; give the "
        "steward or the owner a contact e-mail"
    )


def _legislation(registration: Registration) -> list[URIRef]:
    """The URIs written in the purposes' provisions (e.g. an ELI link), in order, once."""
    found: dict[str, None] = {}
    for purpose in registration.purposes:
        provision = purpose.legal_basis.provision if purpose.legal_basis else None
        for match in _WEB_ADDRESS.finditer(provision or ""):
            found[match.group().rstrip(".,;)")] = None
    return [URIRef(uri) for uri in found]


def _distribution(
    graph: Graph,
    registration: Registration,
    landing_page: URIRef | None,
    license_uri: URIRef | None,
) -> BNode | None:
    """One distribution when there is a web address to reach the data; a local path (the
    demo's `demo-data/…`) is no access URL, and without one the distribution is omitted."""
    source = registration.source
    location = source.location or ""
    access = landing_page or (URIRef(location) if _WEB_ADDRESS.fullmatch(location) else None)
    if access is None:
        return None
    distribution = BNode(f"{registration.id}-distribution")
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCAT.accessURL, access))
    if source.format in FILE_TYPES:
        graph.add((distribution, DCTERMS["format"], FILE_TYPES[source.format]))
    if license_uri is not None:
        graph.add((distribution, DCTERMS.license, license_uri))
    return distribution


def _web_address(registration: Registration, field: str, value: str | None) -> URIRef | None:
    """A publication field that must be a web address: RDF needs a URI there, not text."""
    if value is None:
        return None
    if not _WEB_ADDRESS.fullmatch(value):
        raise BadInputError(
            f"dataset '{registration.id}': '{field}' must be a web address (http:// or "
            f"https://), not '{value}'"
        )
    return URIRef(value)
