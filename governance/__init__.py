"""governance: data governance and ethics compliance for Dutch municipalities.

`gate`, `check` and `share` (see `governance.api`) load on first use, so that importing
the package, and with it every CLI start, stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_API = ("gate", "check", "share")
__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        # import_module, not an import statement: type checkers of the domain alone
        # (mypy on governance/domain) must not follow it into every engine.
        return getattr(importlib.import_module("governance.api"), name)
    raise AttributeError(f"module 'governance' has no attribute {name!r}")
