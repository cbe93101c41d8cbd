"""The report as Markdown, for management and the committee: pure `Report -> str`.

The words come from `ojcli.report.wording` (the HTML report says the same); this module adds
only the Markdown around them.
"""

from __future__ import annotations

from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.markup import md
from ojcli.report.model import AnswerStatus, IndicatorResult, Report, ThemeResult, text_bar
from ojcli.scoring import State

_COUNTED = (State.NOT_MET, State.INCOMPLETE, State.NOT_APPLICABLE)


def _header(r: Report, title: str) -> list[str]:
    who = w.unit_line(f"**{md(r.unit_name)}**", r.municipality_code, md(r.respondent))
    lines = [f"# {md(title)}", "", who, "", w.survey_line(md(r.reference_text), r.questionnaire_id)]
    if r.preliminary is not None:
        lines += ["", f"> **{md(r.preliminary.text)}**"]
    lines += [line for n in r.document_notices for line in ("", f"> **{w.NOTICE}:** {md(n)}")]
    return lines


def _row(cells: list[str]) -> str:
    return f"| {' | '.join(cells)} |"


def _summary(r: Report) -> list[str]:
    counted = " | ".join(f"{w.SYMBOLS[s]} {w.STATE_PLURALS[s]}" for s in _COUNTED)
    head = f"| {w.THEME} | {w.HERE} | | {w.NATIONAL} | {counted} |"
    lines = [f"## {w.SUMMARY}", "", f"**{md(r.summary)}**", "", head]
    lines.append("|---|---|---|---|---:|---:|---:|")
    for t in r.themes:
        cells = [md(t.title), w.theme_here(t), f"`{text_bar(t.share_here)}`", w.theme_national(t)]
        lines.append(_row(cells + [str(t.tally(s)) for s in _COUNTED]))
    return [*lines, "", f"{w.HERE_LEGEND} {w.THEME_SHARE_LEGEND}"]


def _answers(i: IndicatorResult) -> list[str]:
    lines = [f"**{w.ANSWERS_USED}:**", ""]
    for a in i.answers:
        shown = md(a.display)
        if a.status is AnswerStatus.UNANSWERED:
            shown = f"**{w.SYMBOLS[State.INCOMPLETE]} {shown}**"
        line = f"- {md(a.name)}: {shown}"
        if a.comment:
            line += f" – *{md(a.comment)}*"
        lines.append(line)
    return lines


def _action(i: IndicatorResult, year: int) -> list[str]:
    context = pub.action_line(w.action_context(md(i.theme_title), i.share), i, year)
    lines = [f"### {i.label}: {md(i.marked_title)}", "", f"*{context}*", ""]
    for reason in i.reasons:
        lines += [f"**{w.REASON_LABELS[i.state]}:** {md(reason)}", ""]
    if i.due_text:  # met today, but lapses before the reference date
        lines += [f"**{md(i.due_text)}**", ""]
    if i.changes:
        lines += [f"**{w.WOULD_MEET}:**", ""]
        lines += [f"- {md(c.text)}" for c in i.changes]
        lines.append("")
    lines += [f"**{w.ADVICE}:** {md(i.advice)}", ""]
    return lines + _answers(i) + [""]


def _theme(t: ThemeResult, r: Report) -> list[str]:
    lines = [f"### {md(t.title)}", "", w.theme_line(w.theme_here(t), w.theme_national(t)), ""]
    column = pub.national_column(r.year, [i.share for i in r.indicators])
    lines += [_row([w.STATUS, w.INDICATOR, column]), "|---|---|---:|"]
    for i in t.indicators:
        title = md(i.marked_title)
        if i.carried_from is not None:
            title += f" · *{md(pub.carried_text(i.carried_from, r.year))}*"
        lines.append(f"| {i.label} | {title} | {pub.dated_share(i.share, r.year)} |")
    for i in t.indicators:
        if i.state is State.NOT_APPLICABLE:
            lines += ["", w.not_applicable_note(md(" ".join(i.reasons)), md(i.title))]
        elif i.due_text:
            lines += ["", w.due_note(md(i.title), md(i.due_text))]
    return [*lines, ""]


def _lapsing(r: Report) -> list[str]:
    if not r.lapsing:
        return []
    lines = [f"### {w.LAPSING}", "", w.LAPSING_INTRO, ""]
    return [*lines, *(f"- **{md(i.title)}**: {md(i.due_text)}" for i in r.lapsing), ""]


def _reported(r: Report) -> list[str]:
    if not r.reported:
        return []
    lines = [f"## {pub.REPORTED_HEADING}", "", pub.REPORTED_INTRO, ""]
    for v in r.reported:
        detail = f" ({md(v.detail)})" if v.percent is not None else ""
        kolada = f" · {pub.kolada_text(v.kolada)}"
        lines.append(f"- **{md(v.title)}**: {md(v.text)}{detail}{kolada}")
    return [*lines, ""]


def render(r: Report) -> str:
    """Heading, summary table, the action list first, results per theme, comments, sources."""
    lines = [*_header(r, r.title), "", *_summary(r), ""]
    lines += [f"## {w.TO_DO}", ""]
    if r.open_indicators:
        lines += [w.TO_DO_INTRO, ""]
        for i in r.open_indicators:
            lines += _action(i, r.year)
    else:
        lines += [w.ALL_MET, ""]
    lines += _lapsing(r)
    lines += [f"## {w.RESULTS_BY_THEME}", ""]
    for t in r.themes:
        lines += _theme(t, r)
    if any(i.rests_on_assumption for i in r.indicators):
        lines += [md(w.ASSUMED_LEGEND_DOCUMENT), ""]
    lines += _reported(r)
    if r.plan is not None:
        from ojcli.report.one.plan_docs import markdown_section

        lines += markdown_section(r.plan)
    lines += [f"## {w.COMMENTS}", ""]
    if r.comments:
        lines += [f"- **{md(c.name)}**: {md(c.text)}" for c in r.comments]
    else:
        lines.append(w.NO_COMMENTS)
    lines += ["", f"## {w.SOURCES}", ""]
    if r.questionnaire_source:
        lines.append(f"- {w.questionnaire_source(md(r.questionnaire_source))}")
    lines += [
        f"- {w.source_line(md(i.title), md(pub.with_kolada(i.source, i.kolada)))}"
        for i in r.indicators
    ]
    if r.has_assumptions:
        lines += ["", f"### {w.ASSUMPTIONS}", ""]
        lines += [f"- {md(i.title)}: {md(a)}" for i in r.indicators for a in i.assumed]
    lines += ["", w.SHARE_LEGEND]
    for note in r.notes:
        lines += ["", f"*{md(note)}*"]
    lines += ["", w.MADE_BY]
    return "\n".join(lines) + "\n"


def render_answers(r: Report) -> str:
    """Every question in survey order with its answer and comment, to copy into the web survey."""
    lines = [*_header(r, f"{w.ANSWER_SHEET}: {r.title}"), "", w.SHEET_INTRO, ""]
    lines += [w.sheet_counts(r.sheet_counts), ""]
    for section in r.sheet:
        lines += [f"## {md(section.title)}", "", _row(list(w.SHEET_COLUMNS)), "|---:|---|---|---|"]
        for q in section.questions:
            text = md(q.text) + (f" *({md(q.condition)})*" if q.condition else "")
            answer = md(q.display)
            if q.status is AnswerStatus.UNANSWERED:
                answer = f"**{w.status_label(q.status)}**"
            elif q.status is AnswerStatus.NOT_ASKED:
                answer = w.status_label(q.status)
            lines.append(f"| {q.number} | {text} | {answer} | {md(q.comment)} |")
        lines.append("")
    lines.append(w.MADE_BY)
    return "\n".join(lines) + "\n"
