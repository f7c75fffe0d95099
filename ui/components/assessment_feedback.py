"""Taking a step on an assessment from a button, and saying how it went next to it.

Steps run as widget callbacks, before the page is drawn again: the page then shows the new
status at once, and a step refused by the services (the workflow, the separation of
duties, a role taken away since the page was drawn) comes back as a message at the place
it was taken, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from governance.errors import BadInputError
from governance.services import Governance
from ui.components.safe import plain
from ui.components.session import governance

_FEEDBACK = "assessment.feedback"


def act(
    where: str,
    done: str | Callable[[Any], str],
    step: Callable[[Governance], Any],
    done_at: str | None = None,
) -> Any:
    """Run `step` as the signed-in person (a callback); remember the refusal to show at
    `where`, or `done` (or what it says of the result) to show at `done_at` (default
    `where`: a step that opens what it made is answered where that opens). Returns what
    the step returned, None when refused."""
    try:
        result = step(governance())
    except BadInputError as error:
        tell(where, "error", str(error))
        return None
    tell(done_at or where, "success", done if isinstance(done, str) else done(result))
    return result


def tell(where: str, kind: str, text: str) -> None:
    st.session_state[_FEEDBACK] = (where, kind, text)


def feedback(where: str) -> None:
    """The outcome of the last step taken at `where`, shown once."""
    found = st.session_state.get(_FEEDBACK)
    if not found or found[0] != where:
        return
    del st.session_state[_FEEDBACK]
    _, kind, text = found
    {"error": st.error, "info": st.info}.get(kind, st.success)(plain(text))
