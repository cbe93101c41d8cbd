"""The report as one self-contained HTML file that prints well on A4: pure `Report -> str`.

No scripts, fonts, images or links to fetch: the style sheet and the charts (inline SVG) are
in the file. Every state is shown as a symbol and a word, so the page reads without colour,
and all text from the answers or questionnaire is escaped. The words come from
`ojcli.report.wording` (the Markdown report says the same); this module adds the HTML.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.markup import e, h, ident
from ojcli.report.model import AnswerStatus, IndicatorResult, Report, ThemeResult, state_label
from ojcli.report.page import page
from ojcli.scoring import State

# The shared page (fonts, A4, tables on a phone) is `ojcli.report.page`; this is the report's own.
CSS = """
table.results, table.sheet { table-layout: fixed; }
table.results .c-state { width: 9.5em; }
table.results .c-share { width: 6.5em; }
table.sheet .c-nr { width: 2.8em; }
table.sheet .c-answer { width: 11em; }
table.sheet .c-comment { width: 25%; }
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
td.theme { font-weight: 700; }
svg.chart { display: block; max-width: 100%; height: auto; }
svg.chart text { font-family: inherit; font-size: 11px; fill: #111; }
@media screen and (max-width: 40rem) {
  table.sheet td.nr::before { content: "Fråga "; font-weight: 700; }
  table.sheet td.nr { font-weight: 700; }
  .indicator { padding: .4em .6em .2em; }
}
""".strip()

_BAR = 140  # width of a full (100 %) bar in the chart, in SVG units
_HERE_FILL, _NATIONAL_FILL = "#1d4f91", "#a9b6c4"
# The states counted in the summary table, with the short column headings that fit there.
_COUNTED = {
    State.NOT_MET: "Ej uppf.",
    State.INCOMPLETE: "Ofullst.",
    State.NOT_APPLICABLE: "Ej till.",
}


def _page(r: Report, title: str, body: list[str], extra: str = "") -> str:
    """The page, saying "Preliminär" on every printed page when the questionnaire is prepared."""
    running = "" if r.preliminary is None else r.preliminary.text
    return page(title, body, f"{CSS}\n{extra}" if extra else CSS, running)


def _header(r: Report, kicker: str) -> list[str]:
    who = w.unit_line(f"<strong>{h(r.unit_name)}</strong>", h(r.municipality_code), h(r.respondent))
    return [
        "<header>",
        f'<p class="kicker">{h(kicker)}</p>',
        f"<h1>{h(r.title)}</h1>",
        f"<p>{who}</p>",
        f'<p class="meta">{w.survey_line(h(r.reference_text), ident(r.questionnaire_id))}</p>',
        *([] if r.preliminary is None else [f'<p class="preliminary">{h(r.preliminary.text)}</p>']),
        *(f'<p class="notice"><strong>{w.NOTICE}:</strong> {h(n)}</p>' for n in r.document_notices),
        "</header>",
    ]


def _state(state: State) -> str:
    return f'<span class="state {state.value}">{h(state_label(state))}</span>'


def _chart_width(themes: Sequence[ThemeResult]) -> int:
    """One width for every chart of a page, so equal shares draw equal bars.

    Wide enough for the longest number ("52 % (2019–2020 och 2022; 3 av 4 kända)"), at about
    6.2 units a character of 11 px text. The page scales the charts down to a phone's width.
    """
    said = [len(text) for t in themes for text in (w.theme_here(t), w.theme_national(t))]
    return max(380, 46 + _BAR + math.ceil(6.2 * max(said, default=0)))


def _chart(t: ThemeResult, size: int) -> str:
    """Two labelled bars: the share met here and the national mean, numbers printed beside."""
    here, national = w.theme_here(t), w.theme_national(t)
    rows = [
        (w.HERE, t.share_here, _HERE_FILL, here),
        (w.NATIONAL, t.national_mean, _NATIONAL_FILL, national),
    ]
    label = w.chart_label(t.title, here, national)
    parts = [
        f'<svg class="chart" width="{size}" height="44" viewBox="0 0 {size} 44" role="img" '
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


def _summary(r: Report) -> list[str]:
    counted = "".join(
        f'<th class="num" title="{w.STATE_PLURALS[s]}">{w.SYMBOLS[s]} {abbreviation}</th>'
        for s, abbreviation in _COUNTED.items()
    )
    lines = [
        '<section id="sammanfattning">',
        f"<h2>{w.SUMMARY}</h2>",
        f'<p class="summary">{h(r.summary)}</p>',
        '<table class="stack">',
        f"<thead><tr><th>{w.THEME}</th><th>Uppfyllda här och i riket</th>{counted}</tr></thead>",
        "<tbody>",
    ]
    size = _chart_width(r.themes)
    for t in r.themes:
        cells = "".join(
            f'<td class="num inline" data-label="{w.SYMBOLS[s]} {abbreviation}">{t.tally(s)}</td>'
            for s, abbreviation in _COUNTED.items()
        )
        lines.append(
            f'<tr><td class="theme">{h(t.title)}</td><td>{_chart(t, size)}</td>{cells}</tr>'
        )
    legend = f"{w.HERE_LEGEND} {w.THEME_SHARE_LEGEND}"
    return [*lines, "</tbody>", "</table>", f'<p class="legend">{h(legend)}</p>', "</section>"]


def _answer_items(i: IndicatorResult) -> list[str]:
    items = []
    for a in i.answers:
        if a.status is AnswerStatus.UNANSWERED:
            value = f'<span class="missing">{w.SYMBOLS[State.INCOMPLETE]} {h(a.display)}</span>'
        elif a.status is AnswerStatus.NOT_ASKED:
            value = f'<span class="skipped">{h(a.display)}</span>'
        else:
            value = h(a.display)
        comment = f' – <span class="comment">{h(a.comment)}</span>' if a.comment else ""
        items.append(f"<li>{h(a.name)}: {value}{comment}</li>")
    return items


def _action(i: IndicatorResult, year: int) -> list[str]:
    context = h(pub.action_line(w.action_context(i.theme_title, i.share), i, year))
    lines = [
        f'<article class="indicator {i.state.value}">',
        f"<h3>{_state(i.state)} {h(i.marked_title)}</h3>",
        f'<p class="sub">{context}</p>',
        "<dl>",
        f"<dt>{w.REASON_LABELS[i.state]}</dt>",
        *(f"<dd>{h(reason)}</dd>" for reason in i.reasons),
    ]
    if i.due_text:  # met today, but lapses before the reference date
        lines.append(f'<dd class="lapsing">{h(i.due_text)}</dd>')
    if i.changes:
        lines += [
            f"<dt>{w.WOULD_MEET}</dt>",
            "<dd><ul>",
            *(f"<li>{h(c.text)}</li>" for c in i.changes),
            "</ul></dd>",
        ]
    lines += [
        f"<dt>{w.ADVICE}</dt>",
        f"<dd>{h(i.advice)}</dd>",
        f"<dt>{w.ANSWERS_USED}</dt>",
        "<dd><ul>",
        *_answer_items(i),
        "</ul></dd>",
        "</dl>",
        "</article>",
    ]
    return lines


def _theme(t: ThemeResult, r: Report) -> list[str]:
    year = r.year
    column = pub.national_column(year, [i.share for i in r.indicators])
    line = w.theme_line(w.theme_here(t), w.theme_national(t))
    lines = [
        f"<h3>{h(t.title)}</h3>",
        f'<p class="sub">{h(line)}</p>',
        '<table class="results stack">',
        '<colgroup><col class="c-state"><col><col class="c-share"></colgroup>',
        f"<thead><tr><th>{w.STATUS}</th><th>{w.INDICATOR}</th>"
        f'<th class="num">{column}</th></tr></thead>',
        "<tbody>",
    ]
    for i in t.indicators:
        note = ""
        if i.carried_from is not None:
            note = f'<br><span class="note">{h(pub.carried_text(i.carried_from, year))}</span>'
        if i.state is State.NOT_APPLICABLE:
            note += f'<br><span class="note">{w.not_applicable_note(h(" ".join(i.reasons)))}</span>'
        elif i.due_text:
            kind = "lapsing" if i.lapses_before_reference else "note"
            note += f'<br><span class="{kind}">{h(i.due_text)}</span>'
        lines.append(
            f"<tr><td>{_state(i.state)}</td><td>{h(i.marked_title)}{note}</td>"
            f'<td class="num" data-label="{column}">{h(pub.dated_share(i.share, year))}</td></tr>'
        )
    return [*lines, "</tbody>", "</table>"]


def _reported(r: Report) -> list[str]:
    if not r.reported:
        return []
    lines = [f"<h3>{pub.REPORTED_HEADING}</h3>", f"<p>{h(pub.REPORTED_INTRO)}</p>", "<ul>"]
    for v in r.reported:
        detail = f" ({h(v.detail)})" if v.percent is not None else ""
        lines.append(
            f"<li><strong>{h(v.title)}</strong>: {h(v.text)}{detail} · "
            f"{h(pub.kolada_text(v.kolada))}</li>"
        )
    return [*lines, "</ul>"]


def render(r: Report) -> str:
    """The results page: summary with charts, the action list, themes, comments, sources."""
    body = [*_header(r, w.RESULTS_KICKER), *_summary(r)]
    body += ['<section id="atgarda">', f"<h2>{w.TO_DO}</h2>"]
    if r.open_indicators:
        body.append(f"<p>{w.TO_DO_INTRO}</p>")
        for i in r.open_indicators:
            body += _action(i, r.year)
    else:
        body.append(f"<p>{w.ALL_MET}</p>")
    if r.lapsing:
        body += [f"<h3>{w.LAPSING}</h3>", f"<p>{w.LAPSING_INTRO}</p>", "<ul>"]
        body += [
            f'<li><strong>{h(i.title)}</strong>: <span class="lapsing">{h(i.due_text)}</span></li>'
            for i in r.lapsing
        ]
        body.append("</ul>")
    body += ["</section>", '<section id="teman">', f"<h2>{w.RESULTS_BY_THEME}</h2>"]
    for t in r.themes:
        body += _theme(t, r)
    if any(i.rests_on_assumption for i in r.indicators):
        body.append(f'<p class="legend">{h(w.ASSUMED_LEGEND_DOCUMENT)}</p>')
    body += _reported(r)
    body.append("</section>")
    plan_css = ""
    if r.plan is not None:
        from ojcli.report.one.plan_docs import HTML_CSS, html_section

        body += html_section(r.plan)
        plan_css = HTML_CSS
    body += ['<section id="kommentarer">', f"<h2>{w.COMMENTS}</h2>"]
    if r.comments:
        body += [
            "<ul>",
            *(f"<li><strong>{h(c.name)}</strong>: {h(c.text)}</li>" for c in r.comments),
            "</ul>",
        ]
    else:
        body.append(f"<p>{w.NO_COMMENTS}</p>")
    body += ["</section>", '<section id="kallor">', f"<h2>{w.SOURCES}</h2>", "<ul>"]
    if r.questionnaire_source:
        body.append(f"<li>{w.questionnaire_source(h(r.questionnaire_source))}</li>")
    body += [
        f"<li>{w.source_line(h(i.title), h(pub.with_kolada(i.source, i.kolada)))}</li>"
        for i in r.indicators
    ]
    body.append("</ul>")
    if r.has_assumptions:
        body += [f"<h3>{w.ASSUMPTIONS}</h3>", "<ul>"]
        body += [f"<li>{h(i.title)}: {h(a)}</li>" for i in r.indicators for a in i.assumed]
        body.append("</ul>")
    body.append(f'<p class="legend">{h(w.SHARE_LEGEND)}</p>')
    body += [f'<p class="note">{h(note)}</p>' for note in r.notes]
    body += ["</section>", f"<footer><p>{w.MADE_BY}</p></footer>"]
    return _page(r, f"{r.title} – {r.unit_name}", body, plan_css)


def render_answers(r: Report) -> str:
    """The answer sheet: every question in survey order with answer and comment."""
    head = "".join(
        f'<th class="num">{c}</th>' if n == 0 else f"<th>{c}</th>"
        for n, c in enumerate(w.SHEET_COLUMNS)
    )
    body = [
        *_header(r, w.SHEET_KICKER),
        f"<p>{w.SHEET_INTRO}</p>",
        f'<p class="summary">{w.sheet_counts(r.sheet_counts)}</p>',
    ]
    for section in r.sheet:
        body += [
            f"<h2>{h(section.title)}</h2>",
            '<table class="sheet stack">',
            '<colgroup><col class="c-nr"><col><col class="c-answer"><col class="c-comment"></colgroup>',
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
        ]
        for q in section.questions:
            condition = f'<br><span class="note">{h(q.condition)}</span>' if q.condition else ""
            if q.status is AnswerStatus.UNANSWERED:
                answer = f'<span class="missing">{h(w.status_label(q.status))}</span>'
            elif q.status is AnswerStatus.NOT_ASKED:
                answer = f'<span class="skipped">{h(w.status_label(q.status))}</span>'
            else:
                answer = f"<strong>{h(q.display)}</strong>"
            body.append(
                f'<tr><td class="num nr">{q.number}</td>'
                f"<td>{h(q.text)} <code>{h(q.id)}</code>{condition}</td>"
                f'<td data-label="{w.ANSWER}">{answer}</td>'
                f'<td data-label="{w.COMMENT}">{h(q.comment)}</td></tr>'
            )
        body += ["</tbody>", "</table>"]
    body.append(f"<footer><p>{w.MADE_BY}</p></footer>")
    return _page(r, f"{w.ANSWER_SHEET} {r.title} – {r.unit_name}", body)
