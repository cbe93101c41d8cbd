"""The answers file as new TOML text: survey order, each question as a comment, a header line.

Also the pieces `ojcli.files.layout` inserts into an existing file, so that what it adds
reads exactly as a new file would.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import tomli_w

from ojcli.model.answers import AnswerSet
from ojcli.model.questionnaire import Questionnaire
from ojcli.model.schema import directive as schema_directive


def render_value(value: Any) -> str:
    """One TOML value as text (tomli-w has no public single-value writer)."""
    return tomli_w.dumps({"v": value}).split("=", 1)[1].strip()


def key_text(key: str) -> str:
    """A key as TOML writes it: bare when it can be, quoted otherwise."""
    return tomli_w.dumps({key: 0}).rsplit("=", 1)[0].strip()


def comment_text(text: str) -> list[str]:
    """Text as TOML comment lines."""
    return [f"# {line}".rstrip() for line in text.splitlines()]


def header(version: str | None = None) -> str:
    """The first line of a written answers file: what it is and which ojcli wrote it."""
    return f"# Svar till Öppna jämförelser av ekonomiskt bistånd, skapad med ojcli {version or _version()}."


@functools.cache
def _version() -> str:
    from ojcli import __version__  # package metadata: read once, and only when a file is written

    return __version__


def render_answers(answers: AnswerSet, questionnaire: Questionnaire | None = None) -> str:
    """The answers file as new TOML text, in survey order, with each question as a comment."""
    data = answers.model_dump(exclude_none=True)
    out = [
        # Points an editor with TOML schema support at the schema the survey writes beside it.
        *([] if questionnaire is None else [schema_directive(questionnaire)]),
        header(),
        "# Filen kan redigeras för hand; kontrollera den sedan med: ojcli validate FIL",
        "",
        "[meta]",
        *(f"{key_text(k)} = {render_value(v)}" for k, v in data["meta"].items()),
        "",
        "[answers]",
    ]
    given = dict(answers.answers)
    if questionnaire is not None:
        for section in questionnaire.sections:
            ids = [q.id for q in section.questions if q.id in given]
            if not ids:
                continue
            out += ["", *comment_text(f"--- {section.title} ---")]
            for qid in ids:
                out += [
                    *comment_text(questionnaire.question(qid).text),
                    f"{key_text(qid)} = {render_value(given.pop(qid))}",
                ]
    out += [f"{key_text(k)} = {render_value(v)}" for k, v in given.items()]
    if answers.comments:
        out += ["", "# Kommentarer och underlag per fråga", "[comments]"]
        out += [f"{key_text(k)} = {render_value(v)}" for k, v in answers.comments.items()]
    if answers.plan:
        out += ["", *comment_text(PLAN_INTRO)]
        for iid in plan_order(answers.plan, questionnaire):
            out += ["", *plan_table(iid, answers.plan[iid].as_toml(), questionnaire)]
    return "\n".join(out) + "\n"


PLAN_INTRO = "Handlingsplan: ett beslut per indikator (ojcli plan FIL)"


def plan_order(plan: Mapping[str, object], questionnaire: Questionnaire | None) -> list[str]:
    """The plan's indicator ids in the questionnaire's order; ids it does not have last."""
    known = [] if questionnaire is None else [i.id for i in questionnaire.indicators]
    return [i for i in known if i in plan] + [i for i in plan if i not in known]


def plan_table(
    iid: str, values: Mapping[str, Any], questionnaire: Questionnaire | None
) -> list[str]:
    """One decision as a `[plan.ID]` table, the indicator's title as a comment under the header."""
    titles = {} if questionnaire is None else {i.id: i.title for i in questionnaire.indicators}
    return [
        f"[plan.{key_text(iid)}]",
        *comment_text(titles.get(iid, "")),
        *(f"{key_text(k)} = {render_value(v)}" for k, v in values.items()),
    ]
