"""The entity names the benchmark labels with: the scan contract's fixed vocabulary.

Kept here rather than imported from the engine so the judge does not share code with the
judged; a test checks it against `governance.domain.vocabulary.PiiEntity`.
"""

from __future__ import annotations

PERSON = "PERSON"
BSN = "BSN"
IBAN = "IBAN"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
PHONE_NUMBER = "PHONE_NUMBER"
STREET_ADDRESS = "STREET_ADDRESS"
POSTCODE = "POSTCODE"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
LICENSE_PLATE = "LICENSE_PLATE"
IP_ADDRESS = "IP_ADDRESS"
CREDIT_CARD = "CREDIT_CARD"

ENTITIES: tuple[str, ...] = (
    PERSON,
    BSN,
    IBAN,
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    STREET_ADDRESS,
    POSTCODE,
    DATE_OF_BIRTH,
    LICENSE_PLATE,
    IP_ADDRESS,
    CREDIT_CARD,
)
