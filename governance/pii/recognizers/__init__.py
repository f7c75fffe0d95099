"""The Dutch recognizers. Importing this package registers every one of them in
`RECOGNIZERS`, in a fixed order; `dates`, `names` and `mask` are helpers, not recognizers."""

from governance.pii.recognizers import (  # noqa: F401  (imported to register)
    address,
    bsn,
    credit_card,
    email,
    iban,
    ip,
    kenteken,
    phone,
    postcode,
)
from governance.pii.recognizers.base import RECOGNIZERS, Recognizer, TextMatch, register

__all__ = ["RECOGNIZERS", "Recognizer", "TextMatch", "register"]
