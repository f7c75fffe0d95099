"""Generate the labelled PII benchmark: municipal-style exports plus their label files.

Usage: .venv/bin/python bench/pii/tables.py --out /tmp/pii-bench [--seed 2026] [--scale 1]

Each table is declared below as a list of columns: header, how the values are made, and
the true entity set. The labels are written next to the data as `<table>.labels.json`.
The output folder must lie outside the repository: the data is synthetic but looks real,
and a benchmark that ships its tables invites tuning to them.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __name__ == "__main__" and not __package__:  # run as a script: make `bench.pii` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.pii import columns as c
from bench.pii.freetext import FreeText
from bench.pii.labels import TableLabels, write_labels
from bench.pii.people import People, Pools
from bench.pii.vocabulary import (
    BSN,
    CREDIT_CARD,
    DATE_OF_BIRTH,
    EMAIL_ADDRESS,
    IBAN,
    IP_ADDRESS,
    LICENSE_PLATE,
    PERSON,
    PHONE_NUMBER,
    POSTCODE,
    STREET_ADDRESS,
)
from bench.pii.writers import CsvStyle, write_csv, write_parquet, write_xlsx

DEFAULT_OUT = Path("/tmp/pii-bench")
DEFAULT_SEED = 2026
REPO = Path(__file__).resolve().parents[2]

SEMICOLON_CP1252 = CsvStyle(delimiter=";", encoding="cp1252", decimal_comma=True)
SEMICOLON_CP1252_NULL = CsvStyle(delimiter=";", encoding="cp1252", decimal_comma=True, null="NULL")
COMMA_BOM = CsvStyle(delimiter=",", encoding="utf-8", bom=True)
COMMA_BOM_NULL = CsvStyle(delimiter=",", encoding="utf-8", bom=True, null="NULL")
COMMA_UTF8 = CsvStyle()

MOBILE = ("mobile", "mobile_space", "mobile_compact")
INTERNATIONAL = ("intl", "intl_compact", "intl_trunk", "intl_00")
LANDLINE = ("area", "area_space", "area_paren", "area_long", "intl_area")
MUNICIPALITIES = ("Rivierstad", "Dijkwaard", "Polderveen", "Heuvelrug-Oost", "Maasdonk-West")
USER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/123.0.6312.122 Safari/537.36",
)
STATUSES = ("Nieuw", "In behandeling", "Afgehandeld", "Doorgezet", "Vervallen")


@dataclass(frozen=True)
class Col:
    """One column: header exactly as written, its maker, its truth, and why it is here."""

    header: str
    make: c.Maker
    entities: tuple[str, ...] = ()
    about: str = ""
    hard: bool = False
    gaps: float = 0.0
    optional: tuple[str, ...] = ()  # may be reported or not: neither counts


@dataclass(frozen=True)
class Table:
    file: str
    rows: int
    columns: tuple[Col, ...]
    csv: CsvStyle | None = None  # None: the format follows the extension (.xlsx, .parquet)


def _cols(*columns: Col) -> tuple[Col, ...]:
    return columns


TABLES: tuple[Table, ...] = (
    Table(
        "wmo_wachtlijst.csv",
        3000,
        _cols(
            Col(
                "Clientnummer",
                c.client_numbers(),
                about="9-digit client numbers, all fail 11-check",
                hard=True,
            ),
            Col("Client_BSN", c.bsns("plain"), (BSN,), "9-digit BSN"),
            Col("Achternaam", c.surnames(), (PERSON,), "surname only, with tussenvoegsels"),
            Col(
                "Geboortedatum",
                c.dates(1925, 1965, "dmy"),
                (DATE_OF_BIRTH,),
                "dd-mm-jjjj",
                gaps=0.02,
            ),
            Col("Postcode", c.postcodes(("space",)), (POSTCODE,), "postcode NNNN LL"),
            Col("Huisnummer", c.house_numbers(), about="house number alone"),
            Col("Woonplaats", c.cities(), about="place names", hard=True),
            Col("Aanvraagdatum", c.dates(2023, 2025, "dmy"), about="request dates", hard=True),
            Col(
                "Beschikkingsdatum",
                c.dates(2023, 2025, "dmy"),
                about="decision dates",
                hard=True,
                gaps=0.2,
            ),
            Col(
                "Voorziening",
                c.choice(
                    (
                        "Huishoudelijke ondersteuning",
                        "Begeleiding individueel",
                        "Dagbesteding",
                        "Woonvoorziening",
                        "Vervoersvoorziening",
                        "Rolstoel",
                    )
                ),
                about="category",
            ),
            Col("Productcode", c.codes("WMO-AA-99"), about="product codes", hard=True),
            Col("Wachttijd (dagen)", c.integers(0, 400), about="counts"),
            Col("Eigen bijdrage", c.amounts(0, 220), about="amounts, decimal comma", hard=True),
            Col(
                "Opmerking",
                c.remarks("wmo", (BSN, PHONE_NUMBER, PERSON), 0.04),
                about="free text, ~4% PII",
            ),
        ),
        SEMICOLON_CP1252,
    ),
    Table(
        "jeugd_toewijzingen.csv",
        2000,
        _cols(
            Col(
                "dossiernummer",
                c.sequence("JGD", 2024000001, 10),
                about="dossier numbers",
                hard=True,
            ),
            Col(
                "bsn_jeugdige",
                c.bsns("lost_zero", zero_share=0.35),
                (BSN,),
                "BSN, 8 digits where the leading 0 was lost",
            ),
            Col(
                "geboortedatum_jeugdige",
                c.dates(2006, 2024, "iso"),
                (DATE_OF_BIRTH,),
                "ISO dates of birth of children",
            ),
            Col("leeftijd", c.integers(0, 18), about="ages", hard=True),
            Col("naam_ouder", c.sortable_names(), (PERSON,), "names as surname, initials"),
            Col(
                "telefoon_ouder", c.phones(INTERNATIONAL), (PHONE_NUMBER,), "+31 / 0031 / (0) forms"
            ),
            Col("email_ouder", c.emails(), (EMAIL_ADDRESS,), "private e-mail", gaps=0.15),
            Col("pc4", c.pc4(), about="four-digit postcode areas", hard=True),
            Col("product_code", c.codes("99A99"), about="youth-care product codes", hard=True),
            Col("agb_code", c.codes("99999999"), about="8-digit provider codes", hard=True),
            Col("zorgaanbieder", c.organisations(), about="organisation names", hard=True),
            Col("startdatum", c.dates(2023, 2025, "iso"), about="start dates", hard=True),
            Col("einddatum", c.dates(2025, 2026, "iso"), about="end dates", hard=True, gaps=0.3),
        ),
        COMMA_BOM_NULL,
    ),
    Table(
        "fixi_meldingen.csv",
        5000,
        _cols(
            Col("meldingnummer", c.sequence("M", 2024000001, 10), about="report numbers"),
            Col("datum_melding", c.dates(2024, 2025, "iso"), about="report dates", hard=True),
            Col(
                "categorie",
                c.choice(
                    ("Straatverlichting", "Afval", "Bestrating", "Groen", "Verkeer", "Overlast")
                ),
                about="category",
            ),
            Col(
                "omschrijving",
                c.remarks("fixi", (PHONE_NUMBER, EMAIL_ADDRESS, PERSON), 0.03),
                about="free text, ~3% PII",
            ),
            Col("straat", c.street_names(), about="street names without number", hard=True),
            Col("lat", c.coordinates(51.8, 52.2), about="latitude", hard=True),
            Col("lon", c.coordinates(4.9, 5.6), about="longitude", hard=True),
            Col("melder_email", c.emails(), (EMAIL_ADDRESS,), "e-mail, 40% empty", gaps=0.4),
            Col(
                "melder_telefoon",
                c.phones(MOBILE),
                (PHONE_NUMBER,),
                "06 forms, half empty",
                gaps=0.5,
            ),
            Col("status", c.choice(STATUSES), about="status"),
            Col(
                "afhandeldatum",
                c.dates(2024, 2025, "iso"),
                about="closing dates",
                hard=True,
                gaps=0.3,
            ),
            Col(
                "wijk",
                c.choice(("Centrum", "Noord", "Oost", "Zuid", "West", "Buitengebied")),
                about="district",
            ),
            Col("gemeente", c.choice(MUNICIPALITIES), about="municipality names", hard=True),
        ),
        COMMA_UTF8,
    ),
    Table(
        "inhuur_kosten.xlsx",
        800,
        _cols(
            Col("Inhuurkracht", c.full_names(), (PERSON,), "full names"),
            Col("Leverancier", c.organisations(), about="organisation names", hard=True),
            Col("KvK-nummer leverancier", c.kvk_numbers(), about="8-digit KvK numbers", hard=True),
            Col(
                "IBAN leverancier", c.ibans("spaced"), (IBAN,), "spaced IBAN (freelancers included)"
            ),
            Col(
                "Functie",
                c.choice(
                    (
                        "Beleidsadviseur",
                        "Projectleider",
                        "Jurist",
                        "Data-analist",
                        "Consulent Wmo",
                        "Medewerker KCC",
                    )
                ),
                about="job titles",
            ),
            Col("Uurtarief", c.amounts(65, 160), about="amounts", hard=True),
            Col("Uren", c.integers(4, 180), about="hours"),
            Col(
                "Factuurdatum",
                c.dates(2024, 2025, None),
                about="invoice dates (date cells)",
                hard=True,
            ),
            Col("Kostenplaats", c.codes("KP9999"), about="cost centre codes"),
            Col("Projectcode", c.codes("PRJ-99-999"), about="project codes", hard=True),
            Col(
                "E-mail",
                c.work_emails("rivierstad.nl"),
                (EMAIL_ADDRESS,),
                "work e-mail of a person",
            ),
            Col(
                "Toelichting",
                c.remarks("inhuur", (EMAIL_ADDRESS,), 0.03),
                about="free text, ~3% e-mail",
            ),
            Col(
                "Geboortejaar",
                c.integers(1955, 2000),
                about="years of birth (years, not dates)",
                hard=True,
            ),
        ),
    ),
    Table(
        "burgerzaken_id_aanvragen.parquet",
        4000,
        _cols(
            Col("bsn", c.bsns("int", zero_share=0.3), (BSN,), "int64 BSN, leading zeros lost"),
            Col("geslachtsnaam", c.surnames(), (PERSON,), "surnames"),
            Col("voornamen", c.first_names(), (PERSON,), "given names only"),
            Col(
                "geboortedatum",
                c.dates(1935, 2020, None),
                (DATE_OF_BIRTH,),
                "date32 dates of birth",
                gaps=0.01,
            ),
            Col("leeftijd", c.integers(0, 90), about="ages", hard=True),
            Col(
                "documentsoort",
                c.choice(("Paspoort", "Identiteitskaart", "Rijbewijs")),
                about="category",
            ),
            Col(
                "aanvraagdatum", c.dates(2024, 2025, None), about="date32 request dates", hard=True
            ),
            Col(
                "afhaaldatum",
                c.dates(2024, 2025, None),
                about="date32 pick-up dates",
                hard=True,
                gaps=0.2,
            ),
            Col(
                "balie",
                c.choice(("Stadhuis", "Stadswinkel Noord", "Servicepunt Oost")),
                about="desk",
            ),
            Col("leges", c.amounts(40, 90), about="fees (float64)", hard=True),
            Col("aantal_aanvragen", c.integers(1, 3), about="counts"),
        ),
    ),
    Table(
        "vth_vergunningen.csv",
        1500,
        _cols(
            Col("Zaaknummer", c.codes("Z/99/999999"), about="case numbers", hard=True),
            Col("Aanvrager", c.full_names(), (PERSON,), "full names"),
            Col(
                "Locatie",
                c.full_addresses(),
                (STREET_ADDRESS,),
                "street + number, postcode + place",
                optional=(POSTCODE,),
            ),
            Col("Kadastraal perceel", c.codes("RVS0 A 9999"), about="cadastral parcels", hard=True),
            Col(
                "X-coördinaat (RD)", c.integers(120000, 160000), about="RD x coordinates", hard=True
            ),
            Col(
                "Y-coördinaat (RD)", c.integers(430000, 470000), about="RD y coordinates", hard=True
            ),
            Col(
                "Omschrijving werkzaamheden",
                c.remarks("vth", (), 0.0, empty=0.05),
                about="clean free text: streets, dates, amounts",
                hard=True,
            ),
            Col("Datum ontvangst", c.dates(2023, 2025, "dmy"), about="receipt dates", hard=True),
            Col(
                "Besluitdatum",
                c.dates(2023, 2025, "dmy"),
                about="decision dates",
                hard=True,
                gaps=0.3,
            ),
            Col("Leges", c.amounts(100, 25000), about="amounts, decimal comma", hard=True),
            Col("Bouwjaar", c.integers(1890, 2024), about="construction years", hard=True),
            Col("Gemeente", c.choice(MUNICIPALITIES), about="municipality names", hard=True),
            Col(
                "Telefoon gemachtigde",
                c.phones(LANDLINE),
                (PHONE_NUMBER,),
                "area-code forms",
                gaps=0.3,
            ),
        ),
        SEMICOLON_CP1252_NULL,
    ),
    Table(
        "parkeervergunningen.xlsx",
        2500,
        _cols(
            Col("Vergunningnummer", c.sequence("PV", 100001, 6), about="permit numbers"),
            Col(
                "Kenteken", c.plates(dashes=True), (LICENSE_PLATE,), "plates, all sidecodes, dashes"
            ),
            Col(
                "Tweede kenteken",
                c.plates(dashes=False),
                (LICENSE_PLATE,),
                "plates without dashes, 70% empty",
                gaps=0.7,
            ),
            Col("Naam", c.initials_names(), (PERSON,), "initials + surname"),
            Col("Adres", c.street_addresses(), (STREET_ADDRESS,), "street + house number"),
            Col(
                "Postcode",
                c.postcodes(("compact", "lowercompact", "lower")),
                (POSTCODE,),
                "postcodes NNNNLL / NNNNll / NNNN ll",
            ),
            Col("Woonplaats", c.cities(), about="place names", hard=True),
            Col("Zone", c.choice(("A", "B", "C", "Centrum")), about="zone"),
            Col(
                "Ingangsdatum",
                c.dates(2024, 2025, None),
                about="start dates (date cells)",
                hard=True,
            ),
            Col("Bedrag", c.amounts(30, 300), about="amounts", hard=True),
            Col("Rekeningnummer", c.ibans("compact"), (IBAN,), "compact IBAN"),
            Col(
                "Telefoon",
                c.phones(MOBILE + LANDLINE),
                (PHONE_NUMBER,),
                "mobile and landline",
                gaps=0.2,
            ),
        ),
    ),
    Table(
        "belastingen_incasso.csv",
        3500,
        _cols(
            Col(
                "debiteurnummer",
                c.client_numbers(sequential=True),
                about="sequential 9-digit numbers, ~1 in 11 pass the 11-check",
                hard=True,
            ),
            Col("bsn", c.bsns("dotted"), (BSN,), "dotted BSN NNNN.NN.NNN"),
            Col("tenaamstelling", c.sortable_names(), (PERSON,), "names as surname, initials"),
            Col(
                "iban",
                c.ibans("mixed", foreign_share=0.1),
                (IBAN,),
                "spaced/compact/lower, some BE/DE",
            ),
            Col(
                "aanslagnummer",
                c.codes("2025.9999.9999"),
                about="dotted assessment numbers",
                hard=True,
            ),
            Col("aanslagbedrag", c.amounts(50, 2500), about="amounts", hard=True),
            Col("termijnen", c.integers(1, 10), about="counts"),
            Col("dagtekening", c.dates(2025, 2025, "iso"), about="assessment dates", hard=True),
            Col("woz_waarde", c.integers(150000, 900000), about="property values", hard=True),
            Col("objectadres", c.street_addresses(), (STREET_ADDRESS,), "street + house number"),
            Col(
                "postcode",
                c.postcodes(("lower", "lowercompact", "space")),
                (POSTCODE,),
                "lower-case forms",
            ),
        ),
        COMMA_BOM,
    ),
    Table(
        "klantcontact_log.csv",
        4000,
        _cols(
            Col("contactId", c.hex_ids(32), about="hex identifiers"),
            Col("datumContact", c.dates(2025, 2025, "iso"), about="contact dates", hard=True),
            Col(
                "kanaal",
                c.choice(("Telefoon", "Balie", "E-mail", "Chat", "WhatsApp")),
                about="channel",
            ),
            Col("klantNaam", c.full_names(), (PERSON,), "full names (camelCase header)", gaps=0.2),
            Col("klantTelefoon", c.phones(), (PHONE_NUMBER,), "all phone forms", gaps=0.3),
            Col("klantEmail", c.emails(), (EMAIL_ADDRESS,), "private e-mail", gaps=0.4),
            Col(
                "klantPostcode",
                c.postcodes(("space", "compact", "lower")),
                (POSTCODE,),
                "postcodes, mixed forms, half empty",
                gaps=0.5,
            ),
            Col(
                "onderwerp",
                c.choice(("Afval", "Parkeren", "Paspoort", "Belastingen", "Wmo", "Melding")),
                about="subject",
            ),
            Col(
                "notitie",
                c.remarks("klantcontact", (PHONE_NUMBER, EMAIL_ADDRESS, PERSON, BSN), 0.05),
                about="free text, ~5% PII",
            ),
            Col(
                "telefoon",
                c.extensions(),
                about="internal extensions under a telefoon header",
                hard=True,
            ),
            Col("medewerker", c.codes("MW999"), about="employee codes"),
            Col("ipAdres", c.ip_addresses(0.0), (IP_ADDRESS,), "IPv4"),
            Col("duurSeconden", c.integers(10, 1800), about="durations"),
        ),
        COMMA_UTF8,
    ),
    Table(
        "webportaal_sessies.parquet",
        5000,
        _cols(
            Col("session_id", c.hex_ids(64), about="64-hex session ids"),
            Col("started_at", c.timestamps(2025), about="ISO timestamps", hard=True),
            Col("ip_address", c.ip_addresses(0.4), (IP_ADDRESS,), "IPv4 and IPv6"),
            Col("login_email", c.emails(), (EMAIL_ADDRESS,), "e-mail", gaps=0.3),
            Col("callback_url", c.email_urls(), (EMAIL_ADDRESS,), "percent-encoded e-mail in URLs"),
            Col(
                "page",
                c.choice(
                    (
                        "/aanvragen/parkeervergunning",
                        "/melding/openbare-ruimte",
                        "/mijn/belastingen",
                        "/afspraak/paspoort",
                    )
                ),
                about="paths",
            ),
            Col(
                "user_agent",
                c.choice(USER_AGENTS),
                about="user agents with dotted version numbers",
                hard=True,
            ),
            Col("http_status", c.choice((200, 200, 200, 302, 404, 500)), about="status codes"),
            Col("bytes", c.integers(200, 500000), about="sizes"),
            Col(
                "payment_card",
                c.cards(spaced_share=0.0),
                (CREDIT_CARD,),
                "compact card numbers, 80% empty",
                gaps=0.8,
            ),
        ),
    ),
    Table(
        "webwinkel_betalingen.csv",
        1200,
        _cols(
            Col("Ordernummer", c.sequence("WW-", 250001, 6), about="order numbers"),
            Col("Besteldatum", c.dates(2025, 2025, "dmy"), about="order dates", hard=True),
            Col(
                "Product",
                c.choice(
                    (
                        "Uittreksel BRP",
                        "Parkeerkaart bezoekers",
                        "Afvalpas",
                        "Rijbewijs spoed",
                        "Huwelijksakte",
                    )
                ),
                about="products",
            ),
            Col("Productcode", c.codes("PRD-99999"), about="product codes", hard=True),
            Col("Bedrag", c.amounts(5, 150), about="amounts, decimal comma", hard=True),
            Col(
                "Kaartnummer",
                c.cards(spaced_share=0.8),
                (CREDIT_CARD,),
                "Luhn-valid cards, mostly spaced",
            ),
            Col("Kaart (gemaskeerd)", c.masked_cards(), about="masked cards", hard=True),
            Col("Vervaldatum kaart", c.card_expiries(), about="expiry MM/YY"),
            Col("Naam kaarthouder", c.full_names(), (PERSON,), "full names"),
            Col("E-mailadres", c.emails(), (EMAIL_ADDRESS,), "e-mail"),
            Col("IP-adres klant", c.ip_addresses(0.2), (IP_ADDRESS,), "IPv4 and some IPv6"),
            Col("Transactie-ID", c.hex_ids(20), about="hex transaction ids"),
        ),
        SEMICOLON_CP1252,
    ),
    Table(
        "neutrale_export.csv",
        1500,
        _cols(
            Col("kolom_1", c.sequence("", 1, 1), about="row numbers"),
            Col("kolom_2", c.bsns("plain"), (BSN,), "BSN under a neutral header"),
            Col("kolom_3", c.full_names(), (PERSON,), "full names under a neutral header"),
            Col(
                "kolom_4",
                c.dates(1930, 2010, "dmy_short"),
                (DATE_OF_BIRTH,),
                "d-m-yyyy birth dates under a neutral header",
            ),
            Col("kolom_5", c.amounts(0, 5000), about="amounts", hard=True),
            Col(
                "kolom_6",
                c.postcodes(("space", "compact")),
                (POSTCODE,),
                "postcodes under a neutral header",
            ),
            Col("kolom_7", c.phones(), (PHONE_NUMBER,), "phones under a neutral header"),
            Col("veld1", c.choice(STATUSES), about="status"),
            Col("veld2", c.dates(2024, 2025, "dmy_short"), about="recent event dates", hard=True),
            Col("veld3", c.ibans("compact"), (IBAN,), "IBAN under a neutral header"),
            Col("veld4", c.emails(), (EMAIL_ADDRESS,), "e-mail under a neutral header"),
            Col(
                "veld5",
                c.full_addresses(),
                (STREET_ADDRESS,),
                "full addresses under a neutral header",
                optional=(POSTCODE,),
            ),
            Col("veld6", c.plates(dashes=True), (LICENSE_PLATE,), "plates under a neutral header"),
            Col("veld7", c.ip_addresses(0.3), (IP_ADDRESS,), "IPs under a neutral header"),
            Col(
                "veld8",
                c.client_numbers(),
                about="client numbers under a neutral header",
                hard=True,
            ),
            Col("veld9", c.cards(spaced_share=0.5), (CREDIT_CARD,), "cards under a neutral header"),
        ),
        COMMA_UTF8,
    ),
    Table(
        "misleidende_koppen.csv",
        1000,
        _cols(
            Col("klantnummer", c.client_numbers(), about="client numbers", hard=True),
            Col("bsn", c.hashed_bsns(), about="SHA-256 hashes under a bsn header", hard=True),
            Col(
                "BSN_nummer",
                c.client_numbers(),
                about="11-check failures under a bsn header",
                hard=True,
            ),
            Col("telefoon", c.extensions(), about="extensions under a telefoon header", hard=True),
            Col("postcode", c.pc4(), about="PC4 under a postcode header", hard=True),
            Col(
                "creditcard",
                c.masked_cards(),
                about="masked cards under a creditcard header",
                hard=True,
            ),
            Col("iban", c.masked_ibans(), about="masked IBANs under an iban header", hard=True),
            Col(
                "adres",
                c.street_names(),
                about="street names without number under adres",
                hard=True,
            ),
            Col(
                "geboortejaar",
                c.integers(1930, 2010),
                about="years under a birth header",
                hard=True,
            ),
            Col(
                "naam", c.organisations(), about="organisation names under a naam header", hard=True
            ),
            Col(
                "email",
                c.choice(("ja", "nee")),
                about="opt-in flags under an email header",
                hard=True,
            ),
        ),
        SEMICOLON_CP1252_NULL,
    ),
    Table(
        "subsidies_organisaties.xlsx",
        600,
        _cols(
            Col("Organisatie", c.organisations(), about="organisation names", hard=True),
            Col("KvK", c.kvk_numbers(), about="8-digit KvK numbers", hard=True),
            Col(
                "RSIN",
                c.rsins(),
                about="RSINs: pass the 11-check, organisation numbers (policy: not personal)",
                hard=True,
            ),
            Col("Vestigingsplaats", c.cities(), about="place names", hard=True),
            Col("Contactpersoon", c.initials_names(), (PERSON,), "initials + surname"),
            Col("E-mail contactpersoon", c.emails(), (EMAIL_ADDRESS,), "e-mail"),
            Col("Telefoon", c.phones(LANDLINE + MOBILE), (PHONE_NUMBER,), "phones"),
            Col("Subsidiebedrag", c.amounts(1000, 250000), about="amounts", hard=True),
            Col(
                "Besluitdatum",
                c.dates(2023, 2025, None),
                about="decision dates (date cells)",
                hard=True,
            ),
            Col(
                "Regeling",
                c.choice(("Sport en bewegen", "Cultuur", "Welzijn", "Duurzaamheid")),
                about="scheme",
            ),
            Col(
                "Beschikkingsnummer", c.codes("SUB-2025-9999"), about="decision numbers", hard=True
            ),
        ),
    ),
    Table(
        "leerlingenvervoer.csv",
        700,
        _cols(
            Col("Naam leerling", c.full_names(), (PERSON,), "full names"),
            Col(
                "Geboortedatum leerling",
                c.mixed_dates(2008, 2020, ("dmy_short", "dmy", "slash")),
                (DATE_OF_BIRTH,),
                "mixed d-m-yyyy / dd-mm-jjjj / dd/mm/yyyy",
            ),
            Col(
                "Adres",
                c.full_addresses(),
                (STREET_ADDRESS,),
                "full addresses",
                optional=(POSTCODE,),
            ),
            Col(
                "Telefoon ouder/verzorger",
                c.phones(("area_paren", "intl_area", "area_long", "area_space", "mobile")),
                (PHONE_NUMBER,),
                "(0)/area-code forms",
            ),
            Col("Voornaam ouder", c.first_names(), (PERSON,), "given names only"),
            Col(
                "School",
                c.choice(
                    (
                        "Basisschool De Linde",
                        "SBO Het Anker",
                        "Cluster 4 De Brug",
                        "OBS Noorderlicht",
                        "VSO De Horizon",
                    )
                ),
                about="school names",
                hard=True,
            ),
            Col("Afstand (km)", c.amounts(1, 40), about="distances", hard=True),
            Col("Vervoerder", c.organisations(), about="organisation names", hard=True),
            Col("Rolstoel", c.choice(("ja", "nee")), about="flags"),
            Col("Leeftijd", c.integers(4, 18), about="ages", hard=True),
            Col("Ingangsdatum", c.dates(2024, 2025, "dmy"), about="start dates", hard=True),
        ),
        COMMA_BOM,
    ),
    Table(
        "schuldhulp_intake.xlsx",
        900,
        _cols(
            Col(
                "Clientnummer",
                c.client_numbers(sequential=True),
                about="sequential client numbers",
                hard=True,
            ),
            Col(
                "BSN",
                c.bsns("int", zero_share=0.3),
                (BSN,),
                "BSN as Excel number, leading zero lost",
            ),
            Col("Voornaam", c.first_names(), (PERSON,), "given names only"),
            Col("Achternaam", c.surnames(), (PERSON,), "surnames only"),
            Col("Geboortedatum", c.dates(1950, 2004, None), (DATE_OF_BIRTH,), "Excel date cells"),
            Col(
                "Contact", c.contact_mix(), (PHONE_NUMBER, EMAIL_ADDRESS), "phone or e-mail per row"
            ),
            Col("Rekeningnummer", c.ibans("lower"), (IBAN,), "lower-case IBAN"),
            Col("Totale schuld", c.amounts(500, 60000), about="amounts", hard=True),
            Col("Aantal schuldeisers", c.integers(1, 25), about="counts"),
            Col(
                "Intakedatum",
                c.dates(2024, 2025, None),
                about="intake dates (date cells)",
                hard=True,
            ),
            Col(
                "Notities", c.remarks("wmo", (IBAN, PHONE_NUMBER), 0.03), about="free text, ~3% PII"
            ),
            Col("Faxnummer", c.empty(), about="empty column"),
        ),
    ),
    Table(
        "handhaving_parkeren.csv",
        1800,
        _cols(
            Col("Kenteken", c.plates(dashes=True), (LICENSE_PLATE,), "plates, dashes"),
            Col("Datum", c.dates(2025, 2025, "dmy"), about="dates of offence", hard=True),
            Col("Tijd", c.times(), about="times"),
            Col("Feitcode", c.codes("R399"), about="offence codes", hard=True),
            Col("Boete", c.amounts(50, 400), about="amounts, decimal comma", hard=True),
            Col("Locatie", c.street_addresses(), (STREET_ADDRESS,), "street + house number"),
            Col("Lat", c.coordinates(51.8, 52.2), about="latitude, decimal comma", hard=True),
            Col("Lon", c.coordinates(4.9, 5.6), about="longitude, decimal comma", hard=True),
            Col("BOA", c.codes("BOA-999"), about="officer codes"),
            Col(
                "Merk",
                c.choice(("Volkswagen", "Opel", "Peugeot", "Toyota", "Renault", "Kia")),
                about="car makes",
            ),
        ),
        SEMICOLON_CP1252,
    ),
)


def _stable_rng(seed: int, name: str) -> random.Random:
    """One random source per table, so editing one table leaves the others unchanged."""
    return random.Random(f"{seed}:{name}")


def _with_gaps(values: list[object], share: float, rng: random.Random) -> list[object]:
    if share <= 0:
        return values
    return [None if rng.random() < share else value for value in values]


def build_table(
    table: Table, pools: Pools, seed: int, scale: float
) -> tuple[int, list[str], list[list[object]], TableLabels]:
    """Make one table's values and its labels (nothing written yet)."""
    rng = _stable_rng(seed, table.file)
    ctx = c.Ctx(rng, People(pools, rng))
    rows = max(50, round(table.rows * scale))
    headers: list[str] = []
    data: list[list[object]] = []
    truth: dict[str, tuple[str, ...]] = {}
    about: dict[str, str] = {}
    for col in table.columns:
        made = col.make(ctx, rows)
        if isinstance(made, FreeText):
            values: list[object] = list(made.values)
            entities = made.entities
        else:
            values = _with_gaps(list(made), col.gaps, rng)
            entities = col.entities
        headers.append(col.header)
        data.append(values)
        truth[col.header] = entities
        about[col.header] = col.about
    hard = tuple(col.header for col in table.columns if col.hard)
    optional = {col.header: col.optional for col in table.columns if col.optional}
    labels = TableLabels(table.file, truth, hard, about, optional)
    return rows, headers, data, labels


def write_table(table: Table, out: Path, headers: list[str], data: list[list[object]]) -> None:
    path = out / table.file
    if table.csv is not None:
        write_csv(path, headers, data, table.csv)
    elif path.suffix == ".xlsx":
        write_xlsx(path, headers, data)
    elif path.suffix == ".parquet":
        write_parquet(path, headers, data)
    else:
        raise ValueError(f"{table.file}: no CSV style and not .xlsx/.parquet")


def generate(
    out: Path, seed: int = DEFAULT_SEED, scale: float = 1.0, tables: Sequence[Table] = TABLES
) -> list[tuple[Table, int]]:
    """Write every table and its label file into `out`; returns (table, rows) pairs."""
    out.mkdir(parents=True, exist_ok=True)
    pools = Pools.build(seed)
    written = []
    for table in tables:
        rows, headers, data, labels = build_table(table, pools, seed, scale)
        write_table(table, out, headers, data)
        write_labels(out, labels)
        written.append((table, rows))
    return written


def _inside_repo(path: Path) -> bool:
    resolved = path.resolve()
    return resolved == REPO or REPO in resolved.parents


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0, help="row-count factor")
    args = parser.parse_args(argv)
    if _inside_repo(args.out):
        parser.error(f"--out {args.out} is inside the repository; write elsewhere")
    start = time.perf_counter()
    written = generate(args.out, args.seed, args.scale)
    for table, rows in written:
        print(f"{table.file:<36} {rows:>6} rows  {len(table.columns):>3} columns")
    columns = sum(len(table.columns) for table, _ in written)
    seconds = time.perf_counter() - start
    print(f"{len(written)} tables, {columns} columns in {args.out} ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
