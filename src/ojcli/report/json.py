"""The score report as JSON for machines: stable keys and a format version."""

from __future__ import annotations

import json
from typing import Any

from ojcli.scoring import STATE_WORDS, ScoreReport, State

JSON_FORMAT_VERSION = 1


def report_data(report: ScoreReport) -> dict[str, Any]:
    """The report as plain data; the keys are a public interface (see README)."""
    q, meta = report.questionnaire, report.answers.meta
    return {
        "format": "ojcli-score",
        "format_version": JSON_FORMAT_VERSION,
        "questionnaire": {"id": q.id, "year": q.year, "title": q.title},
        "reference_date": report.reference_date.isoformat(),
        "unit": {
            "municipality_code": meta.municipality_code,
            "municipality_name": meta.municipality_name,
            "unit": meta.unit,
        },
        "summary": {
            "met": report.counts[State.MET],
            "not_met": report.counts[State.NOT_MET],
            "incomplete": report.counts[State.INCOMPLETE],
            "not_applicable": report.counts[State.NOT_APPLICABLE],
            "total": len(report.verdicts),
            "text": report.summary,
        },
        "indicators": [
            {
                "id": v.indicator.id,
                "title": v.indicator.title,
                "theme": v.indicator.theme,
                "state": v.state.value,
                "state_text": STATE_WORDS[v.state],
                "reasons": list(v.reasons),
                "advice": v.indicator.advice,
                "changes": [{"question": c.question, "text": c.text} for c in v.changes],
                "questions": {
                    qid: _jsonable(report.answers.answers.get(qid)) for qid in v.questions
                },
                "national_share": None
                if v.share is None
                else {"year": v.share.year, "percent": v.share.percent, "basis": v.share.basis},
                "source": v.indicator.source,
                "assumed": list(v.indicator.assumed),
            }
            for v in report.verdicts
        ],
    }


def _jsonable(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def render(report: ScoreReport) -> str:
    """Indented JSON with å ä ö kept readable."""
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"
