"""Questionnaires and their differences as rich renderables for the terminal.

(The met / not-met list is plain text, drawn by `ojcli.report.one.text`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ojcli.model.provenance import Basis, Provenance
from ojcli.model.questionnaire import (
    QUESTION_TYPE_NAMES,
    Measure,
    MultipleChoiceQuestion,
    Questionnaire,
    SingleChoiceQuestion,
)
from ojcli.model.reported import ReportedShare
from ojcli.report import published as pub
from ojcli.report import wording as w
from ojcli.report.notes import with_note
from ojcli.scoring import describe

if TYPE_CHECKING:
    from ojcli.compare.years import QuestionnaireDiff


def hanging(marker: str, body: RenderableType, style: str | None = None) -> Table:
    """`marker` with `body` beside it: wrapped lines of the body stay under its first word."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(overflow="fold")
    grid.add_row(Text(marker, style=style or ""), body)
    return grid


def indented(*lines: Text, by: int = 3) -> Padding:
    """Lines set in by `by` columns; their wrapped lines keep the indent."""
    return Padding(Group(*lines), (0, 0, 0, by))


def render_questionnaire(q: Questionnaire) -> RenderableType:
    """A questionnaire for review on paper: questions, conditions, indicators, sources, assumptions."""
    parts: list[RenderableType] = [
        Text(with_note(q.title, q.id), style="bold"),
        Text(
            w.reference_date(q.reference_date)
            + (f" – {q.reference_date_note}" if q.reference_date_note else "")
        ),
        hanging("Källa:", Text(q.source or "anges inte"), style="dim"),
    ]
    parts += [hanging("Not:", Text(note), style="dim") for note in q.notes]
    marker_width = len(f"{len(q.questions)}.")
    for section in q.sections:
        parts += [Text(""), Text(section.title, style="bold underline")]
        for question in section.questions:
            lines = [Text(f"{question.text} ")]
            lines[0].append(
                f"[{question.id}, {QUESTION_TYPE_NAMES[question.type]}{'' if question.required else ', valfri'}]",
                style="dim",
            )
            if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
                lines.append(
                    Text(
                        "Alternativ: "
                        + "; ".join(f"{o.label} ({o.value})" for o in question.options)
                    )
                )
            if question.asked_if is not None:
                asked_if = describe(question.asked_if, q)
                lines.append(Text(f"{w.ASKED_ONLY_IF}: {asked_if}", style="cyan"))
            used = [i.id for i in q.indicators_using(question.id)]
            used += [f"{r.id} ({pub.REPORTED_VALUE})" for r in q.reported_using(question.id)]
            lines.append(
                Text("Används i: " + ("; ".join(used) if used else "ingen indikator"), style="dim")
            )
            if question.assumed:
                lines.append(Text(f"ANTAGANDE: {question.assumed}", style="yellow"))
            number = f"{q.number(question.id)}.".rjust(marker_width)
            parts.append(hanging(number, Group(*lines), style="bold"))
    parts += [Text(""), Text("Indikatorer", style="bold underline")]
    number_of = {s.id: n for n, s in enumerate(q.sources, 1)}
    for ind in q.indicators:
        title = Text(f"{ind.title} ", style="bold")
        title.append(f"[{ind.id}, {q.theme(ind.theme).title}]", style="dim")
        lines = [Text(f"Uppfylld om: {describe(ind.rule, q)}")]
        if ind.applies_if is not None:
            lines.append(Text(f"Gäller bara om: {describe(ind.applies_if, q)}"))
        lines.append(_provenance(f"Ingår {q.year}", ind.presence, number_of))
        lines.append(_provenance("Kriteriet", ind.criterion, number_of))
        lines.append(_measure(ind.measure, number_of))
        shares = "; ".join(
            f"{s.year}: {w.share_text(s)} {BASIS_WORDS[s.marker]} {_refs(s.sources, number_of)}"
            + (f" ({s.note})" if s.note else "")
            for s in ind.national_share
        )
        lines.append(Text(f"{w.NATIONAL}: {shares or w.NATIONAL_UNKNOWN}"))
        parts += [title, indented(*lines), Text("")]
    if q.reported:
        parts += [Text(pub.REPORTED_HEADING, style="bold underline"), Text(pub.REPORTED_INTRO)]
    for r in q.reported:
        title = Text(f"{r.title} ", style="bold")
        title.append(f"[{r.id}]", style="dim")
        lines = [
            Text(f"Räknas som: {describe_share(r, q)}"),
            _provenance(f"Ingår {q.year}", r.presence, number_of),
            Text(f"{pub.MEASURE}: {', '.join(r.kolada)} {_refs(r.sources, number_of)}".rstrip()),
            *([Text(r.note)] if r.note else []),
        ]
        parts += [title, indented(*lines), Text("")]
    parts.append(_summary(q))
    if q.sources:
        parts += [Text(""), Text("Källor", style="bold underline")]
        width = len(f"[{len(q.sources)}]")
        for n, source in enumerate(q.sources, 1):
            line = Text(source.title)
            if source.other_area:
                line.append(f" (annat område: {source.other_area})", style="yellow")
            # A link where the terminal supports it: clickable even when the line folds.
            url = Text(source.url, style=f"dim link {source.url}", overflow="fold")
            parts.append(hanging(f"[{n}]".rjust(width), Group(line, url)))
    return Group(*parts)


# How a fact is known, as `show` says it: sourced, inferred, assumed.
BASIS_WORDS: dict[Basis, str] = {"sourced": "belagt", "inferred": "härlett", "assumed": "ANTAGET"}


def _refs(ids: list[str], number_of: dict[str, int]) -> str:
    return "[" + ", ".join(str(number_of.get(i, i)) for i in ids) + "]" if ids else ""


def _provenance(label: str, p: Provenance | None, number_of: dict[str, int]) -> Text:
    """One line: how a fact is known, the sources by number, and the note."""
    if p is None:
        return Text(f"{label}: ANTAGET – ingen källa anges", style="yellow")
    refs = _refs(p.sources, number_of)
    word = BASIS_WORDS[p.basis]
    line = f"{label}: {word}{' ' + refs if refs else ''}"
    # A note may start by saying the basis again ("Antaget: …"): say it once.
    head, colon, rest = p.note.partition(":")
    note = rest.strip() if colon and head.strip().casefold() == word.casefold() else p.note
    line += f" – {note}" if note else ""
    return Text(line, style="yellow" if p.basis == "assumed" else "")


def _measure(m: Measure | None, number_of: dict[str, int]) -> Text:
    """The published measure: its Kolada id(s) and the value that means met, or why there is none."""
    if m is None:
        return Text(f"{pub.MEASURE}: anges inte", style="yellow")
    if not m.kolada:
        return Text(f"{pub.MEASURE}: inget – {m.note}")
    refs = _refs(m.sources, number_of)
    met = pub.met_value_text(m.met_value, m.met_label) if m.met_value is not None else ""
    line = f"{pub.MEASURE}: {', '.join(m.kolada)}; {met}{' ' + refs if refs else ''}"
    return Text(line + (f" – {m.note}" if m.note else ""))


def describe_share(r: ReportedShare, q: Questionnaire) -> str:
    """How a reported share is computed, in words: "«med socionomexamen» av «årsarbetare», i procent"."""
    return f"«{q.question(r.part).name}» av «{q.question(r.whole).name}», i procent"


def _summary(q: Questionnaire) -> Text:
    """How many indicators' presence and criteria are sourced, inferred and assumed."""

    def counts(of: list[Provenance | None]) -> str:
        bases: list[Basis] = [p.basis if p is not None else "assumed" for p in of]
        return ", ".join(
            f"{BASIS_WORDS[b].lower()} {bases.count(b)}" for b in BASIS_WORDS if b in bases
        )

    n = len(q.indicators)
    measured = sum(1 for i in q.indicators if i.measure is not None and i.measure.kolada)
    return Text(
        f"{w.counted(n, 'indikator', 'indikatorer')}. "
        f"Ingår {q.year}: {counts([i.presence for i in q.indicators])}. "
        f"Kriteriet: {counts([i.criterion for i in q.indicators])}. "
        f"{pub.MEASURE}: {w.count(measured, n)}.",
        style="bold",
    )


def render_diff(d: QuestionnaireDiff) -> RenderableType:
    """What changed between two survey years, indicators first, for review on paper."""
    parts: list[RenderableType] = [Text(f"Från {d.old.title} till {d.new.title}", style="bold")]
    if d.old.reference_date.replace(year=2000) != d.new.reference_date.replace(year=2000):
        parts.append(
            Text(
                f"Mätdatum: {w.date_text(d.old.reference_date)} → {w.date_text(d.new.reference_date)}"
            )
        )

    def section(title: str, items: Sequence[RenderableType]) -> None:
        parts.extend([Text(""), Text(f"{title} ({len(items)})", style="bold underline")])
        parts.extend(items or [Text("  inga", style="dim")])

    def item(marker: str, *lines: RenderableType, style: str | None = None) -> Table:
        return hanging(f"  {marker}", Group(*lines), style=style)

    # Carried into a prepared year: assumed, not new; from the year compared with, the same
    # definition whose only change is that its presence is now assumed.
    carried_from = {i.id: i.carried_from for i in d.new.indicators}
    kept = [c for c in d.changed if c.what == ("antagandena",) and carried_from[c.id] == d.old.year]
    years = {i.carried_from for i in d.added if i.carried_from is not None}
    for year in sorted(years | ({d.old.year} if kept else set())):
        carried = [
            item("+", Text(f"{i.title} [{i.id}]")) for i in d.added if i.carried_from == year
        ]
        carried += [item("=", Text(f"{c.title} [{c.id}]")) for c in kept if year == d.old.year]
        section(pub.carried_heading(year, d.new.year), carried)
    new = [i for i in d.added if i.carried_from is None]
    if new or len(new) == len(d.added):
        section("Nya indikatorer", [item("+", Text(f"{i.title} [{i.id}]")) for i in new])
    section("Borttagna indikatorer", [item("−", Text(f"{i.title} [{i.id}]")) for i in d.removed])
    changed = []
    for c in (c for c in d.changed if c not in kept):
        said = f"{c.title} [{c.id}]: ändrat "
        if carried_from[c.id] == d.old.year and "antagandena" in c.what:
            said += ", ".join(x for x in c.what if x != "antagandena")
            said += f"; {pub.carried_text(d.old.year, d.new.year)}"
        else:
            said += ", ".join(c.what)
        lines: list[RenderableType] = [Text(said)]
        if c.before != c.after:
            before_after = Table.grid(padding=(0, 1), pad_edge=False)
            before_after.add_column(no_wrap=True, style="dim")
            before_after.add_column(style="dim")
            before_after.add_row("före:", Text(c.before))
            before_after.add_row("efter:", Text(c.after))
            lines.append(Padding(before_after, (0, 0, 0, 2)))
        changed.append(item("~", *lines))
    section("Ändrade indikatorer", changed)
    section(
        "Oförändrade indikatorer",
        [item("=", Text(f"{i.title} [{i.id}]", style="dim"), style="dim") for i in d.unchanged],
    )
    section("Nya frågor", [item("+", Text(f"{q.text} [{q.id}]")) for q in d.questions_added])
    section(
        "Borttagna frågor", [item("−", Text(f"{q.text} [{q.id}]")) for q in d.questions_removed]
    )
    section(
        "Ändrade frågor (frågas igen vid --from)",
        [item("~", Text(f"{q.text} [{q.id}]")) for q in d.questions_changed],
    )
    return Group(*parts)
