"""Closed vocabularies of the law and of the scanner, each value with the source it comes from.

One place for every list a user can choose from: the README test and the error messages
read them from here, so a new ground or entity type is added once.
"""

from __future__ import annotations

from enum import StrEnum


class LegalGround(StrEnum):
    """The six lawful grounds of AVG art. 6(1); exactly one applies per purpose."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def letter(self) -> str:
        return _GROUND_LETTERS[self]

    @property
    def needs_provision(self) -> bool:
        """Grounds (c) and (e) must be laid down in law (AVG art. 6(3))."""
        return self in (LegalGround.LEGAL_OBLIGATION, LegalGround.PUBLIC_TASK)


_GROUND_LETTERS = {
    LegalGround.CONSENT: "a",
    LegalGround.CONTRACT: "b",
    LegalGround.LEGAL_OBLIGATION: "c",
    LegalGround.VITAL_INTERESTS: "d",
    LegalGround.PUBLIC_TASK: "e",
    LegalGround.LEGITIMATE_INTERESTS: "f",
}


class SpecialCategory(StrEnum):
    """Special categories of personal data, AVG art. 9(1)."""

    RACIAL_OR_ETHNIC_ORIGIN = "racial_or_ethnic_origin"
    POLITICAL_OPINIONS = "political_opinions"
    RELIGIOUS_OR_PHILOSOPHICAL_BELIEFS = "religious_or_philosophical_beliefs"
    TRADE_UNION_MEMBERSHIP = "trade_union_membership"
    GENETIC = "genetic"
    BIOMETRIC = "biometric"
    HEALTH = "health"
    SEX_LIFE_OR_SEXUAL_ORIENTATION = "sex_life_or_sexual_orientation"


class PurposeKind(StrEnum):
    """What a purpose does with the data, which decides how a share for it is protected."""

    EXECUTION = "execution"  # carrying out the task itself: decisions about people
    ANALYSIS = "analysis"  # monitoring, policy analysis, statistics (AVG art. 89(1))


class DpiaRequirement(StrEnum):
    """The DPIA pre-scan's outcome: required on new legislation, one Dutch DPA list item or
    two EDPB criteria; recommended on one EDPB criterion (AVG art. 35(1), (3) and (4))."""

    REQUIRED = "required"
    RECOMMENDED = "recommended"
    NOT_REQUIRED = "not_required"


class BioLevel(StrEnum):
    """Confidentiality levels of the Baseline Informatiebeveiliging Overheid (BIO)."""

    PUBLIC = "public"
    INTERNAL = "internal"
    CONFIDENTIAL = "confidential"
    SECRET = "secret"


class Status(StrEnum):
    """Life cycle of a registration."""

    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class PiiEntity(StrEnum):
    """The scan vocabulary: entity types a column may hold (names are a fixed contract)."""

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

    @property
    def is_direct_identifier(self) -> bool:
        """Points at one person by itself; a share for analysis carries a pseudonym instead
        (AVG art. 89(1)). Postcode and date of birth identify only in combination."""
        return self not in (PiiEntity.POSTCODE, PiiEntity.DATE_OF_BIRTH)


class ColumnType(StrEnum):
    """Logical column types a registration declares (the schema contract reads them)."""

    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


class SourceFormat(StrEnum):
    """Where the data of a dataset lives: a file of one of these formats, or an SQL table."""

    CSV = "csv"
    PARQUET = "parquet"
    XLSX = "xlsx"
    SQL = "sql"

    @property
    def is_file(self) -> bool:
        return self is not SourceFormat.SQL


class DcatTheme(StrEnum):
    """The themes of data.overheid.nl (DCAT-AP-NL 3.0, dcat:theme): the top level of the
    Taxonomie Beleidsagenda in OWMS, each with its URI."""

    BESTUUR = "bestuur"
    CULTUUR_EN_RECREATIE = "cultuur-en-recreatie"
    ECONOMIE = "economie"
    FINANCIEN = "financien"
    HUISVESTING = "huisvesting"
    INTERNATIONAAL = "internationaal"
    LANDBOUW = "landbouw"
    MIGRATIE_EN_INTEGRATIE = "migratie-en-integratie"
    NATUUR_EN_MILIEU = "natuur-en-milieu"
    ONDERWIJS_EN_WETENSCHAP = "onderwijs-en-wetenschap"
    OPENBARE_ORDE_EN_VEILIGHEID = "openbare-orde-en-veiligheid"
    RECHT = "recht"
    RUIMTE_EN_INFRASTRUCTUUR = "ruimte-en-infrastructuur"
    SOCIALE_ZEKERHEID = "sociale-zekerheid"
    VERKEER = "verkeer"
    WERK = "werk"
    ZORG_EN_GEZONDHEID = "zorg-en-gezondheid"

    @property
    def uri(self) -> str:
        return "http://standaarden.overheid.nl/owms/terms/" + self.value.capitalize().replace(
            "-", "_"
        )
