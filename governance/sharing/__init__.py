"""Sharing data with one recipient: the minimised extract.

After the share gate approves (dataset, recipient, purpose), `write_extract` writes only
the columns the plan allows, with BSN and other direct identifiers replaced by keyed-hash
pseudonyms, plus a sidecar JSON that records the decision and what happened to each
column. Pseudonyms are per recipient (`recipient_key`): stable within one recipient, so it
can follow a person over time, and different across recipients, so two extracts cannot be
joined on them. The key (`keys`) lives outside the repository and never in an extract,
a sidecar, a message or a log.

    key = recipient_key(load_key(), "dataplatform")
    write_extract(table, plan, Path("wmo.parquet"), key, {"decision": "…", ...})
"""

from governance.sharing.extract import (
    ColumnAction,
    DroppedColumn,
    ExtractPlan,
    ExtractReport,
    check_target,
    write_extract,
)
from governance.sharing.keys import MissingKeyError, ensure_key, key_file, load_key
from governance.sharing.pseudonyms import normalise, pseudonymise_column, recipient_key

__all__ = [
    "ColumnAction",
    "DroppedColumn",
    "ExtractPlan",
    "ExtractReport",
    "MissingKeyError",
    "check_target",
    "ensure_key",
    "key_file",
    "load_key",
    "normalise",
    "pseudonymise_column",
    "recipient_key",
    "write_extract",
]
