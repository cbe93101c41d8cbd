"""The report as one self-contained HTML file that prints well on A4: pure `Report -> str`.

No scripts, fonts, images or links to fetch: the style sheet and the charts (inline SVG) are
in the file. Every state is shown as a symbol and a word, so the page reads without colour,
and all text from the answers or questionnaire is escaped.
"""

from __future__ import annotations

import html

from ojcli.report.model import (
    SHARE_LEGEND,
    STATUS_WORDS,
    SYMBOLS,
    THEME_SHARE_LEGEND,
    AnswerStatus,
    IndicatorResult,
    Report,
    ThemeResult,
    round_percent,
)
from ojcli.scoring import STATE_WORDS, State

CSS = """
@page { size: A4; margin: 16mm 15mm 18mm 15mm;
  @bottom-right { content: "Sida " counter(page) " av " counter(pages); font-size: 8pt; color: #444;
    font-family: Arial, "DejaVu Sans", sans-serif; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "DejaVu Sans", sans-serif;
  font-size: 11pt; line-height: 1.4; color: #111; background: #fff;
  max-width: 50rem; margin: 1.5rem auto; padding: 0 1rem; }
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
table.results { table-layout: fixed; }
table.results .c-state { width: 9.5em; }
table.results .c-share { width: 6.5em; }
table.sheet { table-layout: fixed; }
table.sheet .c-nr { width: 2.8em; }
table.sheet .c-answer { width: 11em; }
table.sheet .c-comment { width: 25%; }
td { overflow-wrap: anywhere; }
.state { white-space: nowrap; font-weight: 700; }
.state.met { color: #14642d; }
.state.not_met { color: #a11a12; }
.state.incomplete { color: #7a5200; }
.state.not_applicable { color: #555; }
.indicator { border: 1px solid #bbb; border-left: 6px solid #888; padding: .5em .8em .3em;
  margin: .8em 0; break-inside: avoid; page-break-inside: avoid; }
.indicator.not_met { border-left-color: #a11a12; }
.indicator.incomplete { border-left-color: #b07a00; border-left-style: dashed; }
.indicator h3 { margin-top: .1em; }
dl { margin: .2em 0; }
dt { font-weight: 700; margin-top: .35em; }
dd { margin: 0 0 .2em 0; }
ul { margin: .1em 0 .3em; padding-left: 1.3em; }
.comment { font-style: italic; }
.missing { font-weight: 700; }
.skipped { color: #555; }
svg.chart { display: block; }
svg.chart text { font-family: inherit; font-size: 11px; fill: #111; }
code { font-size: .85em; color: #444; }
tr, .keep { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { margin-top: 1.2em; }
}
""".strip()

_BAR = 140  # width of a full (100 %) bar in the chart, in SVG units
_HERE_FILL, _NATIONAL_FILL = "#1d4f91", "#a9b6c4"


def e(text: str) -> str:
    """Escape text from data for HTML (quotes too, so it is safe in attributes)."""
    return html.escape(text, quote=True)


def _page(title: str, body: list[str]) -> str:
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="sv">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{e(title)}</title>",
            f"<style>\n{CSS}\n</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(r: Report, kicker: str) -> list[str]:
    who = f"<strong>{e(r.unit_name)}</strong> (kommunkod {e(r.municipality_code)})"
    if r.respondent:
        who += f" · Uppgiftslämnare: {e(r.respondent)}"
    return [
        "<header>",
        f'<p class="kicker">{e(kicker)}</p>',
        f"<h1>{e(r.title)}</h1>",
        f"<p>{who}</p>",
        f'<p class="meta">{e(r.reference_text)} · Enkät: {e(r.questionnaire_id)}</p>',
        "</header>",
    ]


def _state(state: State) -> str:
    return f'<span class="state {state.value}">{SYMBOLS[state]} {e(STATE_WORDS[state])}</span>'


def _chart(t: ThemeResult) -> str:
    """Two labelled bars: the share met here and the national mean, numbers printed beside."""
    rows = [
        ("Här", t.share_here, _HERE_FILL, _here_text(t)),
        ("Riket", t.national_mean, _NATIONAL_FILL, _national_text(t)),
    ]
    label = f"{t.title}: här {_here_text(t)}, riket {_national_text(t)}"
    parts = [
        f'<svg class="chart" width="330" height="44" viewBox="0 0 330 44" role="img" '
        f'aria-label="{e(label)}">'
    ]
    for n, (name, value, fill, text) in enumerate(rows):
        y = 3 + n * 21
        width = 0 if value is None else round(_BAR * value / 100, 1)
        parts += [
            f'<text x="0" y="{y + 12}">{name}</text>',
            f'<rect x="40" y="{y}" width="{_BAR}" height="15" fill="#fff" stroke="#555" stroke-width="1"/>',
            f'<rect x="40" y="{y}" width="{width:g}" height="15" fill="{fill}" stroke="#111" stroke-width="{1 if width else 0}"/>',
            f'<text x="{46 + _BAR}" y="{y + 12}">{e(text)}</text>',
        ]
    parts.append("</svg>")
    return "".join(parts)


def _here_text(t: ThemeResult) -> str:
    if t.share_here is None:
        return "ingen indikator gäller"
    return f"{round_percent(t.share_here)} % ({t.met} av {t.applicable})"


def _national_text(t: ThemeResult) -> str:
    if t.national_mean is None:
        return "uppgift saknas"
    known = (
        ""
        if t.national_known == len(t.indicators)
        else f" ({t.national_known} av {len(t.indicators)} kända)"
    )
    return f"{round_percent(t.national_mean)} %{known}"


def _summary(r: Report) -> list[str]:
    lines = [
        '<section id="sammanfattning">',
        "<h2>Sammanfattning</h2>",
        f'<p class="summary">{e(r.summary)}</p>',
        "<table>",
        "<thead><tr><th>Tema</th><th>Uppfyllda här och i riket</th>"
        f'<th class="num" title="Ej uppfyllda">{SYMBOLS[State.NOT_MET]} Ej uppf.</th>'
        f'<th class="num" title="Ofullständiga">{SYMBOLS[State.INCOMPLETE]} Ofullst.</th>'
        f'<th class="num" title="Ej tillämpliga">{SYMBOLS[State.NOT_APPLICABLE]} Ej till.</th></tr></thead>',
        "<tbody>",
    ]
    for t in r.themes:
        lines.append(
            f"<tr><td>{e(t.title)}</td><td>{_chart(t)}</td>"
            f'<td class="num">{t.tally(State.NOT_MET)}</td>'
            f'<td class="num">{t.tally(State.INCOMPLETE)}</td>'
            f'<td class="num">{t.tally(State.NOT_APPLICABLE)}</td></tr>'
        )
    lines += [
        "</tbody>",
        "</table>",
        f'<p class="legend">Här: andel av de indikatorer som gäller här som är uppfyllda. '
        f"{e(THEME_SHARE_LEGEND)}</p>",
        "</section>",
    ]
    return lines


def _answer_items(i: IndicatorResult) -> list[str]:
    items = []
    for a in i.answers:
        if a.status is AnswerStatus.UNANSWERED:
            value = f'<span class="missing">{SYMBOLS[State.INCOMPLETE]} {e(a.display)}</span>'
        elif a.status is AnswerStatus.NOT_ASKED:
            value = f'<span class="skipped">{e(a.display)}</span>'
        else:
            value = e(a.display)
        comment = f' – <span class="comment">{e(a.comment)}</span>' if a.comment else ""
        items.append(f"<li>{e(a.name)}: {value}{comment}</li>")
    return items


def _action(i: IndicatorResult) -> list[str]:
    share = f" · riket {i.share.year}: {e(i.share.text)}" if i.share is not None else ""
    why = "Varför" if i.state is State.NOT_MET else "Saknas"
    lines = [
        f'<article class="indicator {i.state.value}">',
        f"<h3>{_state(i.state)} {e(i.title)}</h3>",
        f'<p class="sub">{e(i.theme_title)}{share}</p>',
        "<dl>",
        f"<dt>{why}</dt>",
        *(f"<dd>{e(reason)}</dd>" for reason in i.reasons),
    ]
    if i.changes:
        lines += [
            "<dt>Det här skulle uppfylla indikatorn</dt>",
            "<dd><ul>",
            *(f"<li>{e(c.text)}</li>" for c in i.changes),
            "</ul></dd>",
        ]
    lines += [
        "<dt>Råd</dt>",
        f"<dd>{e(i.advice)}</dd>",
        "<dt>Svar som användes</dt>",
        "<dd><ul>",
        *_answer_items(i),
        "</ul></dd>",
        "</dl>",
        "</article>",
    ]
    return lines


def _theme(t: ThemeResult, year: int) -> list[str]:
    lines = [
        f"<h3>{e(t.title)}</h3>",
        f'<p class="sub">Här: {e(_here_text(t))} · riket, medel: {e(_national_text(t))}</p>',
        '<table class="results">',
        '<colgroup><col class="c-state"><col><col class="c-share"></colgroup>',
        f'<thead><tr><th>Status</th><th>Indikator</th><th class="num">Riket {year}</th></tr></thead>',
        "<tbody>",
    ]
    for i in t.indicators:
        note = ""
        if i.state is State.NOT_APPLICABLE:
            note = f'<br><span class="note">Gäller inte här: {e(" ".join(i.reasons))}</span>'
        share = e(i.share.text) if i.share is not None else "–"
        lines.append(
            f"<tr><td>{_state(i.state)}</td><td>{e(i.title)}{note}</td>"
            f'<td class="num">{share}</td></tr>'
        )
    return [*lines, "</tbody>", "</table>"]


def render(r: Report) -> str:
    """The results page: summary with charts, the action list, themes, comments, sources."""
    body = [*_header(r, "Öppna jämförelser · resultat"), *_summary(r)]
    body += ['<section id="atgarda">', "<h2>Att åtgärda</h2>"]
    if r.open_indicators:
        body.append(
            "<p>Indikatorer som inte är uppfyllda, med skälet, den minsta ändring av svaren "
            "som skulle uppfylla dem och ett råd.</p>"
        )
        for i in r.open_indicators:
            body += _action(i)
    else:
        body.append("<p>Alla indikatorer som gäller här är uppfyllda.</p>")
    body += ["</section>", '<section id="teman">', "<h2>Resultat per tema</h2>"]
    for t in r.themes:
        body += _theme(t, r.year)
    body += ["</section>", '<section id="kommentarer">', "<h2>Kommentarer och underlag</h2>"]
    if r.comments:
        body += [
            "<ul>",
            *(f"<li><strong>{e(c.name)}</strong>: {e(c.text)}</li>" for c in r.comments),
            "</ul>",
        ]
    else:
        body.append("<p>Inga kommentarer gavs i svarsfilen.</p>")
    body += ["</section>", '<section id="kallor">', "<h2>Källor</h2>", "<ul>"]
    if r.questionnaire_source:
        body.append(f"<li>Enkäten: {e(r.questionnaire_source)}</li>")
    body += [f"<li>{e(i.title)}: {e(i.source) or 'källa saknas'}</li>" for i in r.indicators]
    body.append("</ul>")
    if r.has_assumptions:
        body += ["<h3>Antaganden</h3>", "<ul>"]
        body += [f"<li>{e(i.title)}: {e(a)}</li>" for i in r.indicators for a in i.assumed]
        body.append("</ul>")
    body.append(f'<p class="legend">{e(SHARE_LEGEND)}</p>')
    body += [f'<p class="note">{e(note)}</p>' for note in r.notes]
    body += ["</section>", "<footer><p>Skapad med ojcli.</p></footer>"]
    return _page(f"{r.title} – {r.unit_name}", body)


def render_answers(r: Report) -> str:
    """The answer sheet: every question in survey order with answer and comment."""
    counts = dict.fromkeys(AnswerStatus, 0)
    for section in r.sheet:
        for q in section.questions:
            counts[q.status] += 1
    body = [
        *_header(r, "Öppna jämförelser · svarsunderlag"),
        "<p>Alla frågor i enkätens ordning, med svar och kommentar, för den som för in svaren "
        "i Socialstyrelsens webbenkät. Frågor som ställs inte hoppas över med de här svaren.</p>",
        f'<p class="summary">{counts[AnswerStatus.ANSWERED]} besvarade, '
        f"{counts[AnswerStatus.UNANSWERED]} obesvarade, "
        f"{counts[AnswerStatus.NOT_ASKED]} ställs inte.</p>",
    ]
    for section in r.sheet:
        body += [
            f"<h2>{e(section.title)}</h2>",
            '<table class="sheet">',
            '<colgroup><col class="c-nr"><col><col class="c-answer"><col class="c-comment"></colgroup>',
            '<thead><tr><th class="num">Nr</th><th>Fråga</th><th>Svar</th><th>Kommentar</th></tr></thead>',
            "<tbody>",
        ]
        for q in section.questions:
            condition = f'<br><span class="note">{e(q.condition)}</span>' if q.condition else ""
            if q.status is AnswerStatus.UNANSWERED:
                answer = f'<span class="missing">{SYMBOLS[State.INCOMPLETE]} {e(STATUS_WORDS[q.status])}</span>'
            elif q.status is AnswerStatus.NOT_ASKED:
                answer = f'<span class="skipped">{SYMBOLS[State.NOT_APPLICABLE]} {e(STATUS_WORDS[q.status])}</span>'
            else:
                answer = f"<strong>{e(q.display)}</strong>"
            body.append(
                f'<tr><td class="num">{q.number}</td>'
                f"<td>{e(q.text)} <code>{e(q.id)}</code>{condition}</td>"
                f"<td>{answer}</td><td>{e(q.comment)}</td></tr>"
            )
        body += ["</tbody>", "</table>"]
    body.append("<footer><p>Skapad med ojcli.</p></footer>")
    return _page(f"Svarsunderlag {r.title} – {r.unit_name}", body)
