"""The HTML page every ojcli document is set on: one style sheet, A4 in print, a phone on screen.

`ojcli report` (results and answer sheet) and `ojcli compare-many --format html` share the
fonts, the page set-up and the way tables behave; each adds only the styles of its own
parts. On a narrow screen a table marked `stack` becomes one block per row, each cell on its
own line with its column's name (`data-label`) before it, and a table too wide to stack (the
comparison matrix) scrolls inside its `scroll` box instead of being cut off. Words are never
broken mid-word: only a single word wider than the line (a long file path) may wrap.

On paper every page carries its number and "Skapad med ojcli." in its bottom margin (the
document's own footer is not printed, so it never takes a page of its own), and a document
that is preliminary says so in the top margin of every page, not only on the first. The margin
boxes are CSS `@page` rules: Chromium (Chrome, Edge) prints them; Firefox and Safari leave the
margins empty, and the first page still says it.
"""

from __future__ import annotations

from ojcli.report.markup import css_string, e
from ojcli.report.wording import MADE_BY

_MARGIN_FONT = 'font-size: 8pt; font-family: Arial, "DejaVu Sans", sans-serif;'
# The page's margins: its number and what made it on every page.
_PAGE = f"""
@page {{ size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-left {{ content: {css_string(MADE_BY)}; {_MARGIN_FONT} color: #444; }}
  @bottom-right {{ content: "Sida " counter(page) " av " counter(pages); {_MARGIN_FONT} color: #444; }} }}
"""
STYLE = (
    _PAGE.strip()
    + "\n"
    + """
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; -webkit-text-size-adjust: 100%; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff;
  max-width: 50rem; margin: 1.5rem auto; padding: 0 1rem; overflow-wrap: break-word; }
h1 { font-size: 1.7em; margin: 0 0 .2em; line-height: 1.15; }
h2 { font-size: 1.3em; margin: 1.6em 0 .5em; padding-bottom: .15em; border-bottom: 2px solid #111; }
h3 { font-size: 1.05em; margin: 1.1em 0 .3em; }
p { margin: .3em 0 .6em; }
.kicker { text-transform: uppercase; letter-spacing: .06em; font-size: .8em; color: #444; margin: 0; }
.meta, .legend, .sub, .note, footer { color: #333; font-size: .9em; }
.summary { font-size: 1.15em; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 .8em; }
th, td { text-align: left; vertical-align: top; padding: .3em .45em; border-bottom: 1px solid #bbb; }
th { border-bottom: 2px solid #111; font-size: .9em; }
td.num, th.num { text-align: right; white-space: nowrap; }
.nowrap, time { white-space: nowrap; }
.preliminary, .notice { border: 2px solid #7a5200; padding: .4em .6em; font-weight: 700; }
.lapsing { color: #7a5200; font-weight: 700; }
code { font-size: .85em; color: #444; }
.scroll { overflow-x: auto; }
.scroll > table { width: auto; margin: 0; }
tr, .keep { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  body > footer { display: none; }
  h2 { margin-top: 1.2em; }
  .scroll { overflow: visible; }
}
@media screen and (max-width: 40rem) {
  body { margin: .8rem auto; padding: 0 .75rem; }
  h1 { font-size: 1.45em; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
  table.stack { border-top: 2px solid #111; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0 0 0 0); }
  table.stack tr { padding: .4em 0; border-bottom: 1px solid #bbb; }
  table.stack td { border: 0; padding: .1em 0; text-align: left; white-space: normal; }
  table.stack td:empty { display: none; }
  table.stack td.inline { display: inline-block; margin-right: 1.2em; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
}
""".strip()
)


def running_header(text: str) -> str:
    """The style that prints `text` in the top margin of every page (a preliminary document)."""
    return (
        f"@page {{ @top-right {{ content: {css_string(text)}; {_MARGIN_FONT} font-weight: 700;"
        " color: #7a5200; } }"
    )


def page(title: str, body: list[str], style: str = "", running: str = "") -> str:
    """A standalone HTML page: the shared style sheet, then the document's own `style`.

    `running` is printed at the top of every page (`running_header`): what must not be lost
    when one page of the document is read alone, such as that it is preliminary.
    """
    style = "\n".join(part for part in (style.strip(), running and running_header(running)) if part)
    css = f"{STYLE}\n{style}" if style else STYLE
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="sv">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>\n{css}\n</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
