"""Text people typed (titles, comments, answers) is shown as text, never as Markdown or
HTML: a `<script>` or a `[link](…)` in a dataset title stays visible characters."""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=])")
# GitHub-flavoured Markdown turns bare URLs, www. addresses and e-mail addresses into links
# after escaping has been undone; a zero-width space inside each keeps them plain text.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\\\.)|(?=@)", re.IGNORECASE)
_ZERO_WIDTH_SPACE = "\u200b"


def plain(text: object) -> str:
    """`text` escaped for st.markdown, st.write, labels and captions (which render
    Markdown); st.text, st.code and dataframes need no escaping."""
    escaped = _MARKDOWN.sub(r"\\\1", str(text))
    unlinked = _AUTOLINK.sub(_ZERO_WIDTH_SPACE, escaped)
    return unlinked.replace("\n", "  \n")
