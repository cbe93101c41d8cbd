"""Questionnaires and their differences as rich renderables for the terminal.

(The met / not-met list is plain text, drawn by `ojcli.report.one.text`.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.text import Text

from ojcli.model.provenance import Basis, Provenance
from ojcli.model.questionnaire import (
    QUESTION_TYPE_NAMES,
    MultipleChoiceQuestion,
    Questionnaire,
    SingleChoiceQuestion,
)
from ojcli.report import wording as w
from ojcli.scoring import describe

if TYPE_CHECKING:
    from ojcli.compare.years import QuestionnaireDiff


def render_questionnaire(q: Questionnaire) -> RenderableType:
    """A questionnaire for review on paper: questions, conditions, indicators, sources, assumptions."""
    parts: list[RenderableType] = [
        Text(f"{q.title} ({q.id})", style="bold"),
        Text(
            w.reference_date(q.reference_date)
            + (f" – {q.reference_date_note}" if q.reference_date_note else "")
        ),
        Text(f"Källa: {q.source}" if q.source else "Källa: anges inte", style="dim"),
    ]
    parts += [Text(f"Not: {note}", style="dim") for note in q.notes]
    for section in q.sections:
        parts += [Text(""), Text(section.title, style="bold underline")]
        for question in section.questions:
            line = Text(f"{q.number(question.id)}. ", style="bold")
            line.append(f"{question.text} ")
            line.append(
                f"[{question.id}, {QUESTION_TYPE_NAMES[question.type]}{'' if question.required else ', valfri'}]",
                style="dim",
            )
            if isinstance(question, SingleChoiceQuestion | MultipleChoiceQuestion):
                line.append(
                    "\n   Alternativ: "
                    + "; ".join(f"{o.label} ({o.value})" for o in question.options)
                )
            if question.asked_if is not None:
                asked_if = describe(question.asked_if, q)
                line.append(f"\n   {w.ASKED_ONLY_IF}: {asked_if}", style="cyan")
            used = q.indicators_using(question.id)
            line.append(
                "\n   Används i: " + ("; ".join(i.id for i in used) if used else "ingen indikator"),
                style="dim",
            )
            if question.assumed:
                line.append(f"\n   ANTAGANDE: {question.assumed}", style="yellow")
            parts.append(line)
    parts += [Text(""), Text("Indikatorer", style="bold underline")]
    number_of = {s.id: n for n, s in enumerate(q.sources, 1)}
    for ind in q.indicators:
        text = Text(f"{ind.title} ", style="bold")
        text.append(f"[{ind.id}, {q.theme(ind.theme).title}]", style="dim")
        text.append(f"\n   Uppfylld om: {describe(ind.rule, q)}")
        if ind.applies_if is not None:
            text.append(f"\n   Gäller bara om: {describe(ind.applies_if, q)}")
        _provenance(text, f"Ingår {q.year}", ind.presence, number_of)
        _provenance(text, "Kriteriet", ind.criterion, number_of)
        shares = "; ".join(
            f"{s.year}: {w.share_text(s)} {BASIS_WORDS[s.marker]} {_refs(s.sources, number_of)}"
            + (f" ({s.note})" if s.note else "")
            for s in ind.national_share
        )
        text.append(f"\n   {w.NATIONAL}: {shares or w.NATIONAL_UNKNOWN}")
        parts += [text, Text("")]
    parts.append(_summary(q))
    if q.sources:
        parts += [Text(""), Text("Källor", style="bold underline")]
        for n, source in enumerate(q.sources, 1):
            line = Text(f"[{n}] {source.title}")
            if source.other_area:
                line.append(f" (annat område: {source.other_area})", style="yellow")
            # A link where the terminal supports it: clickable even when the line folds.
            parts += [line, Text(source.url, style=f"dim link {source.url}", overflow="fold")]
    return Group(*parts)


# How a fact is known, as `show` says it: sourced, inferred, assumed.
BASIS_WORDS: dict[Basis, str] = {"sourced": "belagt", "inferred": "härlett", "assumed": "ANTAGET"}


def _refs(ids: list[str], number_of: dict[str, int]) -> str:
    return "[" + ", ".join(str(number_of.get(i, i)) for i in ids) + "]" if ids else ""


def _provenance(text: Text, label: str, p: Provenance | None, number_of: dict[str, int]) -> None:
    """One line: how a fact is known, the sources by number, and the note."""
    if p is None:
        text.append(f"\n   {label}: ANTAGET – ingen källa anges", style="yellow")
        return
    refs = _refs(p.sources, number_of)
    line = f"\n   {label}: {BASIS_WORDS[p.basis]}{' ' + refs if refs else ''}"
    line += f" – {p.note}" if p.note else ""
    text.append(line, style="yellow" if p.basis == "assumed" else "")


def _summary(q: Questionnaire) -> Text:
    """How many indicators' presence and criteria are sourced, inferred and assumed."""

    def counts(of: list[Provenance | None]) -> str:
        bases: list[Basis] = [p.basis if p is not None else "assumed" for p in of]
        return ", ".join(
            f"{BASIS_WORDS[b].lower()} {bases.count(b)}" for b in BASIS_WORDS if b in bases
        )

    n = len(q.indicators)
    return Text(
        f"{n} {'indikator' if n == 1 else 'indikatorer'}. "
        f"Ingår {q.year}: {counts([i.presence for i in q.indicators])}. "
        f"Kriteriet: {counts([i.criterion for i in q.indicators])}.",
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
