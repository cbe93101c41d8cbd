"""Text from data made inert in Markdown and HTML: one escape function per markup, used by all."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def md(text: str) -> str:
    """Data text made inert in Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def e(text: object) -> str:
    """Data text escaped for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)
