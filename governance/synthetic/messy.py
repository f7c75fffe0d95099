"""The flaws of real exports, applied on purpose and in small seeded shares.

A quality check or a PII scanner that is only ever shown clean data proves little. Real
municipal exports lose the leading zero of a BSN (the column was numeric), write it with
dots, mix postcode forms, pad names with spaces, print 'NULL' for an empty field, hide a
phone number in a remark and repeat rows. Each helper makes one such flaw.
"""

from __future__ import annotations

import random

from governance.synthetic.identifiers import dotted_bsn
from governance.synthetic.people import email_address, phone_number
from governance.synthetic.table import Row

NULL = "NULL"
"""The literal some exports write for an empty database field."""


def bsn_as_exported(bsn: str, *, dotted: bool = False) -> str:
    """The BSN as a numeric source column exports it: without leading zero, or with dots."""
    if dotted:
        return dotted_bsn(bsn)
    return str(int(bsn))


def postcode_variant(rng: random.Random, canonical: str) -> str:
    """'6651 AB' as typed by hand: without the space, in lower case, or both."""
    compact = canonical.replace(" ", "")
    return rng.choice((compact, canonical.lower(), compact.lower()))


def padded(rng: random.Random, text: str) -> str:
    """The text with the leading or trailing blanks a copy-paste leaves behind."""
    return rng.choice((f" {text}", f"{text} ", f"  {text}", f"{text}  ", f" {text} "))


PHONE_REMARKS = (
    "Bereikbaar via {v}",
    "Terugbellen op {v} na 14:00",
    "Graag contact opnemen via {v}",
)
MAIL_REMARKS = (
    "Stukken mailen naar {v}",
    "Reactie gestuurd aan {v}",
)


def remark_with_contact(
    rng: random.Random,
    first_name: str,
    last_name: str,
    *,
    phone_remarks: tuple[str, ...] = PHONE_REMARKS,
    mail_remarks: tuple[str, ...] = MAIL_REMARKS,
) -> str:
    """A free-text remark that carries a phone number or an e-mail address.

    This is the personal data nobody declared: a PII scan of the remarks column must
    find it even though the registration says the column holds none. Templates contain
    '{v}' where the number or address goes.
    """
    if rng.random() < 0.5:
        return rng.choice(phone_remarks).format(v=phone_number(rng))
    return rng.choice(mail_remarks).format(v=email_address(rng, first_name, last_name))


def rows_with_gaps(rows: list[Row], columns: tuple[str, ...]) -> list[int]:
    """Indices of the rows with an empty field among `columns`: where 'NULL' can be spelt."""
    return [i for i, row in enumerate(rows) if any(row.get(name) is None for name in columns)]


def spell_nulls(row: Row, columns: tuple[str, ...]) -> None:
    """Write the literal 'NULL' into every empty field of `columns` in this row."""
    for name in columns:
        if row.get(name) is None:
            row[name] = NULL
