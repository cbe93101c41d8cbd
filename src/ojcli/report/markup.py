"""Text from data made inert in Markdown and HTML: one escape function per markup, used by all."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")
# Kept whole on a line: a date ("2019-03-01") and a questionnaire id or file name ending in its
# year ("oj-eb-2027", "svar-2024"), which a browser would otherwise break after a hyphen.
_WHOLE = re.compile(r"\b(?:\d{4}-\d{2}-\d{2}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*-\d{4})\b")


def md(text: str) -> str:
    """Data text made inert in Markdown: one line, special characters escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def e(text: object) -> str:
    """Data text escaped for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(str(text), quote=True)


def h(text: object) -> str:
    """Data text for the body of an HTML page: escaped, and no date or id split at its hyphens.

    Browsers may break a line after the hyphen of "2019-03-01" or "oj-eb-2027"; such a word is
    kept whole in a `nowrap` span (the shared style sheet, `ojcli.report.page`), its characters
    unchanged, so a copied id is still the id. Not for attributes or SVG.
    """
    return _WHOLE.sub(r'<span class="nowrap">\g<0></span>', e(text))


def ident(text: object) -> str:
    """An identifier (a questionnaire id of any form) escaped and never broken across lines."""
    return f'<span class="nowrap">{e(text)}</span>'


def css_string(text: str) -> str:
    """Text as a quoted CSS string, for `content:`.

    Quotes, backslashes, angle brackets and line breaks are hex escapes, so no text can end the
    string or the page's `<style>` element.
    """
    escaped = "".join(c if c.isprintable() and c not in '"\\<>' else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'
