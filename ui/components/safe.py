"""Text people typed (titles, comments, answers) is shown as text, never as Markdown or
HTML: a `<script>` or a `[link](…)` in a dataset title stays visible characters."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: object) -> str:
    """`text` escaped for st.markdown, st.write, labels and captions (which render
    Markdown); st.text, st.code and dataframes need no escaping."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    return escaped.replace("\n", "  \n")
