"""Text from data made inert in Markdown and HTML: one escape function per markup, used by all."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")
_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def md(text: str) -> str:
    """Data text made inert in Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def e(text: object) -> str:
    """Data text escaped for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)


def h(text: object) -> str:
    """Data text for the body of an HTML page: escaped, and no date split at its hyphens.

    Browsers may break a line after the hyphen of "2019-03-01"; a date is kept whole in a
    `nowrap` span (the shared style sheet, `ojcli.report.page`). Not for attributes or SVG.
    """
    return _DATE.sub(r'<span class="nowrap">\g<0></span>', e(text))
