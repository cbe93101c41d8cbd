"""The report as Markdown, for management and the committee: pure `Report -> str`."""

from __future__ import annotations

import re

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
    text_bar,
)
from ojcli.scoring import State

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def md(text: str) -> str:
    """Data text made inert in Markdown: one line, special characters escaped."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _here(t: ThemeResult) -> str:
    if t.share_here is None:
        return "ingen gäller"
    return f"{t.met} av {t.applicable} ({round_percent(t.share_here)} %)"


def _national(t: ThemeResult) -> str:
    if t.national_mean is None:
        return "uppgift saknas"
    known = (
        ""
        if t.national_known == len(t.indicators)
        else f" ({t.national_known} av {len(t.indicators)})"
    )
    return f"{round_percent(t.national_mean)} %{known}"


def _share(i: IndicatorResult) -> str:
    return i.share.text if i.share is not None else "–"


def _header(r: Report, title: str) -> list[str]:
    who = f"**{md(r.unit_name)}** (kommunkod {r.municipality_code})"
    if r.respondent:
        who += f" · Uppgiftslämnare: {md(r.respondent)}"
    return [f"# {md(title)}", "", who, "", f"{md(r.reference_text)} · Enkät: {r.questionnaire_id}"]


def _summary(r: Report) -> list[str]:
    lines = [
        "## Sammanfattning",
        "",
        f"**{md(r.summary)}**",
        "",
        "| Tema | Uppfyllda här | | Riket, medel | ✗ Ej uppfyllda | ? Ofullständiga | – Ej tillämpliga |",
        "|---|---|---|---|---:|---:|---:|",
    ]
    for t in r.themes:
        lines.append(
            f"| {md(t.title)} | {_here(t)} | `{text_bar(t.share_here)}` | {_national(t)} "
            f"| {t.tally(State.NOT_MET)} | {t.tally(State.INCOMPLETE)} "
            f"| {t.tally(State.NOT_APPLICABLE)} |"
        )
    lines += [
        "",
        f"Uppfyllda här: andel av de indikatorer som gäller här. {THEME_SHARE_LEGEND}",
    ]
    return lines


def _answers(i: IndicatorResult) -> list[str]:
    lines = ["**Svar som användes:**", ""]
    for a in i.answers:
        shown = md(a.display)
        if a.status is AnswerStatus.UNANSWERED:
            shown = f"**{SYMBOLS[State.INCOMPLETE]} {shown}**"
        line = f"- {md(a.name)}: {shown}"
        if a.comment:
            line += f" – *{md(a.comment)}*"
        lines.append(line)
    return lines


def _action(i: IndicatorResult) -> list[str]:
    share = f" · riket {i.share.year}: {i.share.text}" if i.share is not None else ""
    why = "Varför" if i.state is State.NOT_MET else "Saknas"
    lines = [f"### {i.label}: {md(i.title)}", "", f"*{md(i.theme_title)}{share}*", ""]
    for reason in i.reasons:
        lines += [f"**{why}:** {md(reason)}", ""]
    if i.changes:
        lines += ["**Det här skulle uppfylla indikatorn:**", ""]
        lines += [f"- {md(c.text)}" for c in i.changes]
        lines.append("")
    lines += [f"**Råd:** {md(i.advice)}", ""]
    return lines + _answers(i) + [""]


def _theme(t: ThemeResult, year: int) -> list[str]:
    lines = [
        f"### {md(t.title)}",
        "",
        f"Här: {_here(t)} · riket, medel: {_national(t)}",
        "",
        f"| Status | Indikator | Riket {year} |",
        "|---|---|---:|",
    ]
    lines += [f"| {i.label} | {md(i.title)} | {_share(i)} |" for i in t.indicators]
    for i in t.indicators:
        if i.state is State.NOT_APPLICABLE:
            lines += ["", f"{md(i.title)} gäller inte här: {md(' '.join(i.reasons))}"]
    return [*lines, ""]


def render(r: Report) -> str:
    """Heading, summary table, the action list first, results per theme, comments, sources."""
    lines = [*_header(r, f"{r.title}"), "", *_summary(r), ""]
    actions = r.open_indicators
    lines += ["## Att åtgärda", ""]
    if actions:
        lines += [
            "Indikatorer som inte är uppfyllda, med skälet, den minsta ändring av svaren som "
            "skulle uppfylla dem och ett råd.",
            "",
        ]
        for i in actions:
            lines += _action(i)
    else:
        lines += ["Alla indikatorer som gäller här är uppfyllda.", ""]
    lines += ["## Resultat per tema", ""]
    for t in r.themes:
        lines += _theme(t, r.year)
    lines += ["## Kommentarer och underlag", ""]
    if r.comments:
        lines += [f"- **{md(c.name)}**: {md(c.text)}" for c in r.comments]
    else:
        lines.append("Inga kommentarer gavs i svarsfilen.")
    lines += ["", "## Källor", ""]
    if r.questionnaire_source:
        lines.append(f"- Enkäten: {md(r.questionnaire_source)}")
    lines += [f"- {md(i.title)}: {md(i.source) or 'källa saknas'}" for i in r.indicators]
    if r.has_assumptions:
        lines += ["", "### Antaganden", ""]
        lines += [f"- {md(i.title)}: {md(a)}" for i in r.indicators for a in i.assumed]
    lines += ["", SHARE_LEGEND]
    for note in r.notes:
        lines += ["", f"*{md(note)}*"]
    lines += ["", "Skapad med ojcli."]
    return "\n".join(lines) + "\n"


def render_answers(r: Report) -> str:
    """Every question in survey order with its answer and comment, to copy into the web survey."""
    counts = dict.fromkeys(AnswerStatus, 0)
    for section in r.sheet:
        for q in section.questions:
            counts[q.status] += 1
    lines = [
        *_header(r, f"Svarsunderlag: {r.title}"),
        "",
        "Alla frågor i enkätens ordning, med svar och kommentar, för den som för in svaren i "
        "Socialstyrelsens webbenkät. Frågor som ställs inte hoppas över med de här svaren.",
        "",
        f"{counts[AnswerStatus.ANSWERED]} besvarade, {counts[AnswerStatus.UNANSWERED]} "
        f"obesvarade, {counts[AnswerStatus.NOT_ASKED]} ställs inte.",
        "",
    ]
    for section in r.sheet:
        lines += [
            f"## {md(section.title)}",
            "",
            "| Nr | Fråga | Svar | Kommentar |",
            "|---:|---|---|---|",
        ]
        for q in section.questions:
            text = md(q.text) + (f" *({md(q.condition)})*" if q.condition else "")
            answer = md(q.display)
            if q.status is AnswerStatus.UNANSWERED:
                answer = f"**{SYMBOLS[State.INCOMPLETE]} {STATUS_WORDS[q.status]}**"
            elif q.status is AnswerStatus.NOT_ASKED:
                answer = f"{SYMBOLS[State.NOT_APPLICABLE]} {STATUS_WORDS[q.status]}"
            lines.append(f"| {q.number} | {text} | {answer} | {md(q.comment)} |")
        lines.append("")
    lines.append("Skapad med ojcli.")
    return "\n".join(lines) + "\n"
