"""Great Expectations, imported lazily and configured once: offline, quiet, in memory.

`import great_expectations` takes about three seconds, so nothing imports it at module
level: `gx()` imports it on first use, after switching analytics off (the environment
variable is read when GX starts) and turning its loggers down to WARNING (GX logs metric
values and SQL parameters at DEBUG/INFO). `context()` builds one ephemeral data context per
process — no project folder, no stores on disk, progress bars off — and hands out the same
one afterwards; `lock` serialises the runs that add and remove data sources on it.
"""

from __future__ import annotations

import logging
import os
import threading
from types import ModuleType
from typing import Any

lock = threading.RLock()
_context: Any = None


def gx() -> ModuleType:
    """The `great_expectations` module, imported (once) with analytics off and quiet logs."""
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    import great_expectations

    quiet_loggers()
    return great_expectations


def quiet_loggers() -> None:
    """Every GX logger at WARNING or above: some GX modules set their own logger to INFO
    when imported, so this runs again after each import that may load more of GX."""
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if (
            name.split(".")[0] == "great_expectations"
            and isinstance(logger, logging.Logger)
            and logger.level < logging.WARNING
        ):
            logger.setLevel(logging.WARNING)


def new_context() -> Any:
    """A fresh ephemeral context: in memory only, analytics and progress bars off."""
    gx_module = gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx_module.get_context(mode="ephemeral")
    ctx.enable_analytics(False)
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    quiet_loggers()
    return ctx


def context() -> Any:
    """The process's shared ephemeral context (built on first use)."""
    global _context
    with lock:
        if _context is None:
            _context = new_context()
        return _context
