"""The met / not-met list as rich renderables for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ojcli.model.questionnaire import Questionnaire
from ojcli.report.model import (
    SYMBOLS,
    THEME_SHARE_LEGEND,
    ThemeResult,
    build,
    round_percent,
    text_bar,
)
from ojcli.scoring import STATE_WORDS, ScoreReport, State, Verdict

if TYPE_CHECKING:
    from ojcli.yearchange import QuestionnaireDiff

ASCII_SYMBOLS = {
    State.MET: "+",
    State.NOT_MET: "x",
    State.NOT_APPLICABLE: "-",
    State.INCOMPLETE: "?",
}
STYLES = {
    State.MET: "green",
    State.NOT_MET: "red",
    State.NOT_APPLICABLE: "dim",
    State.INCOMPLETE: "yellow",
}


def state_label(state: State, unicode: bool = True) -> Text:
    """Symbol and word, never colour alone."""
    symbol = (SYMBOLS if unicode else ASCII_SYMBOLS)[state]
    return Text(f"{symbol} {STATE_WORDS[state]}", style=STYLES[state])


def _share(verdict: Verdict, year: int) -> Text:
    share = verdict.share
    if share is None:
        return Text("riket –", style="dim")
    approx = "≈" if share.basis != "stated" else ""
    return Text(f"riket {approx}{share.percent:g} %")


def _details(verdict: Verdict) -> Text | None:
    """Why, what would meet it, and the advice; None for a met indicator."""
    if verdict.state is State.MET:
        return None
    text = Text()
    label = {
        State.NOT_MET: "Varför: ",
        State.INCOMPLETE: "Saknas: ",
        State.NOT_APPLICABLE: "Ej tillämplig: ",
    }[verdict.state]
    for reason in verdict.reasons:
        text.append(label, style="bold")
        text.append(f"{reason}\n")
    if verdict.state is State.NOT_APPLICABLE:
        text.rstrip()
        return text
    if verdict.changes:
        text.append("Det här skulle uppfylla indikatorn:\n", style="bold")
        for change in verdict.changes:
            text.append(f"  • {change.text}\n")
    text.append("Råd: ", style="bold")
    text.append(verdict.indicator.advice)
    return text


def theme_bars(themes: tuple[ThemeResult, ...], unicode: bool = True) -> RenderableType:
    """One line per theme: a text bar of the share met here and one of the national mean."""
    table = Table(box=None, show_edge=False, pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("Per tema", ratio=1, header_style="bold")
    table.add_column("Här", no_wrap=True, header_style="bold")
    table.add_column("Riket", no_wrap=True, header_style="bold")
    for t in themes:
        here = (
            f"{text_bar(t.share_here, unicode=unicode)} {t.met} av {t.applicable}"
            if t.share_here is not None
            else f"{text_bar(None, unicode=unicode)} ingen gäller"
        )
        if t.national_mean is None:
            national = Text("uppgift saknas", style="dim")
        else:
            known = (
                ""
                if t.national_known == len(t.indicators)
                else f" ({t.national_known} av {len(t.indicators)})"
            )
            national = Text(
                f"{text_bar(t.national_mean, unicode=unicode)} {round_percent(t.national_mean)} %{known}"
            )
        table.add_row(Text(t.title), Text(here), national)
    return table


def render(report: ScoreReport, console: Console, only_unmet: bool = False) -> RenderableType:
    """Heading, the indicators per theme with reasons, bars per theme, and the summary line."""
    unicode = (console.encoding or "").lower().startswith("utf")
    q, meta = report.questionnaire, report.answers.meta
    model = build(report)
    parts: list[RenderableType] = [
        Text(f"{report.answers.unit_name} ({meta.municipality_code}) – {q.title}", style="bold"),
        Text(model.reference_text, style="dim"),
    ]
    for title, verdicts in report.by_theme():
        shown = [
            v for v in verdicts if not only_unmet or v.state in (State.NOT_MET, State.INCOMPLETE)
        ]
        if not shown:
            continue
        parts += [Text(""), Text(title, style="bold underline")]
        # One grid per theme: the reasons sit in a row of their own under the title column,
        # so they wrap with a hanging indent, and rich measures the columns once per theme.
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(no_wrap=True, width=15)
        grid.add_column(ratio=1)
        grid.add_column(justify="right", no_wrap=True)
        for v in shown:
            grid.add_row(state_label(v.state, unicode), Text(v.indicator.title), _share(v, q.year))
            details = _details(v)
            if details is not None:
                grid.add_row("", details, "")
        parts.append(grid)
    themes = model.themes
    parts += [Text(""), theme_bars(themes, unicode), Text(""), Text(report.summary, style="bold")]
    legend = ["Här: uppfyllda av de indikatorer som gäller här."]
    if any(t.national_mean is not None for t in themes):
        legend.append(THEME_SHARE_LEGEND)
    legend.append(
        f"Procent vid indikatorerna: andel av landets kommuner som uppfyllde indikatorn {q.year} (≈ ungefärligt eller härlett)."
    )
    parts.append(Text(" ".join(legend), style="dim"))
    return Group(*parts)


def render_questionnaire(q: Questionnaire) -> RenderableType:
    """A questionnaire for review on paper: questions, conditions, indicators, sources, assumptions."""
    from ojcli.model.questionnaire import QUESTION_TYPE_NAMES, SingleChoiceQuestion
    from ojcli.model.questionnaire import MultipleChoiceQuestion as Multi
    from ojcli.scoring import describe

    parts: list[RenderableType] = [
        Text(f"{q.title} ({q.id})", style="bold"),
        Text(
            f"Mätdatum {q.reference_date.isoformat()}"
            + (f" – {q.reference_date_note}" if q.reference_date_note else "")
        ),
        Text(f"Källa: {q.source}" if q.source else "Källa: anges inte", style="dim"),
    ]
    parts += [Text(f"Not: {note}", style="dim") for note in q.notes]
    number = 0
    for section in q.sections:
        parts += [Text(""), Text(section.title, style="bold underline")]
        for question in section.questions:
            number += 1
            line = Text(f"{number}. ", style="bold")
            line.append(f"{question.text} ")
            line.append(
                f"[{question.id}, {QUESTION_TYPE_NAMES[question.type]}{'' if question.required else ', valfri'}]",
                style="dim",
            )
            if isinstance(question, SingleChoiceQuestion | Multi):
                line.append(
                    "\n   Alternativ: "
                    + "; ".join(f"{o.label} ({o.value})" for o in question.options)
                )
            if question.asked_if is not None:
                line.append(f"\n   Ställs bara om: {describe(question.asked_if, q)}", style="cyan")
            used = q.indicators_using(question.id)
            line.append(
                "\n   Används i: " + ("; ".join(i.id for i in used) if used else "ingen indikator"),
                style="dim",
            )
            if question.assumed:
                line.append(f"\n   ANTAGANDE: {question.assumed}", style="yellow")
            parts.append(line)
    parts += [Text(""), Text("Indikatorer", style="bold underline")]
    for ind in q.indicators:
        text = Text(f"{ind.title} ", style="bold")
        text.append(f"[{ind.id}, {q.theme(ind.theme).title}]", style="dim")
        text.append(f"\n   Uppfylld om: {describe(ind.rule, q)}")
        if ind.applies_if is not None:
            text.append(f"\n   Gäller bara om: {describe(ind.applies_if, q)}")
        shares = ", ".join(
            f"{s.year}: {'≈' if s.basis != 'stated' else ''}{s.percent:g} %"
            for s in ind.national_share
        )
        text.append(f"\n   Riket: {shares or 'uppgift saknas'}")
        text.append(f"\n   Källa: {ind.source or 'SAKNAS'}", style="dim")
        for assumption in ind.assumed:
            text.append(f"\n   ANTAGANDE: {assumption}", style="yellow")
        parts.append(text)
    sourced = sum(1 for i in q.indicators if i.sourced)
    parts += [
        Text(""),
        Text(
            f"{len(q.indicators)} indikatorer: {sourced} vilar på källa, {len(q.indicators) - sourced} på antaganden.",
            style="bold",
        ),
    ]
    return Group(*parts)


def render_diff(d: QuestionnaireDiff) -> RenderableType:
    """What changed between two survey years, indicators first, for review on paper."""
    parts: list[RenderableType] = [Text(f"Från {d.old.title} till {d.new.title}", style="bold")]
    if d.old.reference_date.replace(year=2000) != d.new.reference_date.replace(year=2000):
        parts.append(
            Text(
                f"Mätdatum: {d.old.reference_date.isoformat()} → {d.new.reference_date.isoformat()}"
            )
        )

    def section(title: str, lines: list[Text]) -> None:
        parts.extend([Text(""), Text(f"{title} ({len(lines)})", style="bold underline")])
        parts.extend(lines or [Text("  inga", style="dim")])

    section("Nya indikatorer", [Text(f"  + {i.title} [{i.id}]") for i in d.added])
    section("Borttagna indikatorer", [Text(f"  − {i.title} [{i.id}]") for i in d.removed])
    changed = []
    for c in d.changed:
        text = Text(f"  ~ {c.title} [{c.id}]: ändrat {', '.join(c.what)}")
        if c.before != c.after:
            text.append(f"\n      före:  {c.before}\n      efter: {c.after}", style="dim")
        changed.append(text)
    section("Ändrade indikatorer", changed)
    section(
        "Oförändrade indikatorer",
        [Text(f"  = {i.title} [{i.id}]", style="dim") for i in d.unchanged],
    )
    section("Nya frågor", [Text(f"  + {q.text} [{q.id}]") for q in d.questions_added])
    section("Borttagna frågor", [Text(f"  − {q.text} [{q.id}]") for q in d.questions_removed])
    section(
        "Ändrade frågor (frågas igen vid --from)",
        [Text(f"  ~ {q.text} [{q.id}]") for q in d.questions_changed],
    )
    return Group(*parts)
