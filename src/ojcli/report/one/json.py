"""The report as JSON for machines: stable keys and a format version (see README).

Version 1 is what `ojcli score --format json` has printed since the start. Later keys were
only added inside the documented objects (summary.themes, summary.reported (values reported
without a verdict, never in the counts), summary.plan, indicator answers and theme title, change
values, indicator holds_until, lapses_before_reference, measure, carried_from and plan, and
questionnaire.preliminary, fingerprint and notices), never at the top level, so the version
stays 1.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ojcli.report.model import Preliminary, Report, build
from ojcli.report.wording import machine_percent
from ojcli.scoring import STATE_WORDS, ScoreReport, State

if TYPE_CHECKING:
    from ojcli.model.questionnaire import Measure, NationalShare
    from ojcli.report.model import Share
    from ojcli.report.plan import Plan

JSON_FORMAT_VERSION = 1
ANSWERS_FORMAT_VERSION = 1


def jsonable(value: object) -> object:
    """A value as JSON holds it: dates as ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def summary_counts(counts: Mapping[State, int], total: int, text: str) -> dict[str, Any]:
    """The `summary` counts shared by the score and compare formats."""
    return {
        "met": counts[State.MET],
        "not_met": counts[State.NOT_MET],
        "incomplete": counts[State.INCOMPLETE],
        "not_applicable": counts[State.NOT_APPLICABLE],
        "total": total,
        "text": text,
    }


def share_data(share: Share | NationalShare | None) -> dict[str, Any] | None:
    """A national share as the JSON formats give it (`national_share`)."""
    if share is None:
        return None
    return {"year": share.year, "percent": share.percent, "basis": share.basis}


def preliminary_data(p: Preliminary | None) -> dict[str, Any] | None:
    """A prepared questionnaire's marker as the JSON formats give it (`preliminary`), or None."""
    if p is None:
        return None
    return {
        "based_on_years": list(p.based_on_years),
        "prepared_on": p.prepared_on.isoformat(),
        "note": p.note,
        "text": p.text,
    }


def _head(r: Report, kind: str, version: int) -> dict[str, Any]:
    return {
        "format": kind,
        "format_version": version,
        "questionnaire": {
            "id": r.questionnaire_id,
            "year": r.year,
            "title": r.title,
            "reference_date": r.questionnaire_reference_date.isoformat(),
            "source": r.questionnaire_source,
            "preliminary": preliminary_data(r.preliminary),
            "fingerprint": r.questionnaire_fingerprint,
            "notices": list(r.notices),
        },
        "reference_date": r.reference_date.isoformat(),
        "unit": {
            "municipality_code": r.municipality_code,
            "municipality_name": r.municipality_name,
            "unit": r.unit,
            "respondent": r.respondent,
        },
    }


def data(r: Report) -> dict[str, Any]:
    """The report as plain data; the keys are a public interface (see README)."""
    return _with_plan(_results(r), r)


def _results(r: Report) -> dict[str, Any]:
    return {
        **_head(r, "ojcli-score", JSON_FORMAT_VERSION),
        "summary": {
            **summary_counts(r.counts, len(r.indicators), r.summary),
            "themes": [
                {
                    "id": t.id,
                    "title": t.title,
                    "met": t.met,
                    "not_met": t.tally(State.NOT_MET),
                    "incomplete": t.tally(State.INCOMPLETE),
                    "not_applicable": t.tally(State.NOT_APPLICABLE),
                    "total": len(t.indicators),
                    "applicable": t.applicable,
                    "met_percent": machine_percent(t.share_here),
                    "national_mean_percent": machine_percent(t.national_mean),
                    "national_known": t.national_known,
                    "national_years": list(t.national_years),
                    "indicators": [i.id for i in t.indicators],
                }
                for t in r.themes
            ],
            "reported": [
                {
                    "id": v.id,
                    "title": v.title,
                    "kolada": list(v.kolada),
                    "percent": machine_percent(v.percent),
                    "text": v.text,
                    "detail": v.detail,
                    "questions": {a.question: jsonable(a.value) for a in v.answers},
                }
                for v in r.reported
            ],
        },
        "indicators": [
            {
                "id": i.id,
                "title": i.title,
                "theme": i.theme,
                "theme_title": i.theme_title,
                "state": i.state.value,
                "state_text": STATE_WORDS[i.state],
                "reasons": list(i.reasons),
                "advice": i.advice,
                "changes": [
                    {"question": c.question, "text": c.text, "value": jsonable(c.value)}
                    for c in i.changes
                ],
                "questions": {a.question: jsonable(a.value) for a in i.answers},
                "answers": [
                    {
                        "question": a.question,
                        "name": a.name,
                        "value": jsonable(a.value),
                        "display": a.display,
                        "status": a.status.value,
                        "comment": a.comment,
                    }
                    for a in i.answers
                ],
                "national_share": share_data(i.share),
                "source": i.source,
                "assumed": list(i.assumed),
                "holds_until": jsonable(i.holds_until),
                "lapses_before_reference": i.lapses_before_reference,
                "measure": measure_data(i.measure),
                "carried_from": i.carried_from,
            }
            for i in r.indicators
        ],
    }


def _with_plan(data: dict[str, Any], r: Report) -> dict[str, Any]:
    """The plan inside the documented objects: `summary.plan` and each indicator's `plan`."""
    entries: dict[str, Any] = {}
    if r.plan is not None:
        from ojcli.report.one.plan_docs import entry_data

        entries = {x.id: entry_data(x) for x in r.plan.entries}
        data["summary"]["plan"] = {"decided": r.plan.decided, "undecided": len(r.plan.undecided)}
    else:
        data["summary"]["plan"] = None
    for indicator in data["indicators"]:
        indicator["plan"] = entries.get(indicator["id"])
    return data


def measure_data(m: Measure | None) -> dict[str, Any] | None:
    """An indicator's published measure as the JSON formats give it (`measure`), or None."""
    if m is None:
        return None
    return {"kolada": m.kolada, "met_value": m.met_value, "met_label": m.met_label, "note": m.note}


def answers_data(r: Report) -> dict[str, Any]:
    """The answer sheet as plain data: every question in survey order with answer and comment."""
    return {
        **_head(r, "ojcli-answers", ANSWERS_FORMAT_VERSION),
        "sections": [
            {
                "title": s.title,
                "questions": [
                    {
                        "number": q.number,
                        "id": q.id,
                        "text": q.text,
                        "type": q.type,
                        "value": jsonable(q.value),
                        "display": q.display,
                        "status": q.status.value,
                        "comment": q.comment,
                        "condition": q.condition,
                    }
                    for q in s.questions
                ],
            }
            for s in r.sheet
        ],
    }


def report_data(report: ScoreReport) -> dict[str, Any]:
    """The JSON data straight from a score report (kept for callers of the first version)."""
    from ojcli.model.dates import today
    from ojcli.report.plan import with_plan

    return data(with_plan(build(report), report.answers.plan, today()))


def dump(obj: dict[str, Any]) -> str:
    """Indented JSON with å ä ö kept readable, as every JSON format of ojcli is written."""
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"


def render(r: Report) -> str:
    """Indented JSON with å ä ö kept readable."""
    return dump(data(r))


def render_plan(plan: Plan) -> str:
    """`ojcli plan --format json` (`format` = `ojcli-plan`, version 1)."""
    from ojcli.report.one.plan_docs import plan_data

    return dump(plan_data(plan))


def render_answers(r: Report) -> str:
    """The answer sheet as indented JSON."""
    return dump(answers_data(r))
