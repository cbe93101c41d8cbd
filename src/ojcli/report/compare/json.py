"""Comparisons as JSON for programs: two files (`ojcli-compare`) and many (`ojcli-compare-many`).

Pure `data -> str`; the keys are a public interface (see README) with a format version.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ojcli.compare.many import ManyComparison, Tally, YearMatrix
from ojcli.compare.pair import Comparison, Shift
from ojcli.model import identity
from ojcli.report.model import preliminary_of
from ojcli.report.one.json import dump, jsonable, preliminary_data, share_data, summary_counts
from ojcli.report.wording import machine_percent, preliminary_text
from ojcli.scoring import ScoreReport

JSON_FORMAT_VERSION = 1


def _side(report: ScoreReport, path: object) -> dict[str, Any]:
    q, meta = report.questionnaire, report.answers.meta
    return {
        "file": str(path),
        "questionnaire": {
            "id": q.id,
            "year": q.year,
            "title": q.title,
            "preliminary": preliminary_data(preliminary_of(q)),
            "fingerprint": identity.fingerprint_of(q),
            "notices": list(identity.notices(q, meta.questionnaire_fingerprint)),
        },
        "reference_date": report.reference_date.isoformat(),
        "unit": {
            "municipality_code": meta.municipality_code,
            "municipality_name": meta.municipality_name,
            "unit": meta.unit,
        },
        "summary": summary_counts(report.counts, len(report.verdicts), report.summary),
    }


def comparison_data(c: Comparison) -> dict[str, Any]:
    """Two files compared, as plain data."""
    counts = {shift.value: 0 for shift in Shift}  # every count, zero included: a stable shape
    for change in c.indicators:
        counts[change.shift.value] += 1
    return {
        "format": "ojcli-compare",
        "format_version": JSON_FORMAT_VERSION,
        "old": _side(c.old, c.old_path),
        "new": _side(c.new, c.new_path),
        "summary": counts,
        "indicators": [
            {
                "id": ch.id,
                "title": ch.title,
                "change": ch.shift.value,
                "old_state": None if ch.old_state is None else ch.old_state.value,
                "new_state": None if ch.new_state is None else ch.new_state.value,
                "reasons": [] if ch.new is None else list(ch.new.reasons),
                "definition_notes": list(ch.notes),
                "carried_from": None if ch.new is None else ch.new.indicator.carried_from,
            }
            for ch in c.indicators
        ],
        "answers": [
            {
                "question": a.question,
                "name": a.name,
                "old": jsonable(a.old),
                "new": jsonable(a.new),
                "old_text": a.old_text,
                "new_text": a.new_text,
                "old_status": None if a.old_status is None else a.old_status.value,
                "new_status": None if a.new_status is None else a.new_status.value,
                "note": a.note,
            }
            for a in c.answers
        ],
        "notes": list(c.notes),
        "plan_followed_up": [
            {
                "id": f.id,
                "title": f.title,
                "action": f.action,
                "owner": f.owner,
                "due": jsonable(f.due),
                "new_state": None if f.new_state is None else f.new_state.value,
                "carried_out": f.carried_out,
            }
            for f in c.followed_up
        ],
    }


def render_comparison(c: Comparison) -> str:
    """Two files compared, as indented JSON with å ä ö kept readable."""
    return dump(comparison_data(c))


def _tally(t: Tally) -> dict[str, Any]:
    return {
        "met": t.met,
        "not_met": t.not_met,
        "incomplete": t.incomplete,
        "not_applicable": t.not_applicable,
        "applicable": t.applicable,
        "share": machine_percent(t.share),
    }


def _year(m: YearMatrix) -> dict[str, Any]:
    ids = [col.id for col in m.columns]
    return {
        "year": m.year,
        "questionnaire": {
            "id": m.questionnaire_id,
            "title": m.title,
            "preliminary": {
                "based_on_years": list(m.based_on_years),
                "text": preliminary_text(m.year, m.based_on_years),
            }
            if m.preliminary
            else None,
            # Which version: a year judged by several has a matrix for each (see notes).
            "fingerprint": m.fingerprint,
            "path": m.questionnaire_file or None,
            "version": m.version[0],
            "versions": m.version[1],
        },
        "reference_date": m.reference_date.isoformat(),
        "units": len(m.rows),
        "indicators": [
            {
                "id": col.id,
                "title": col.title,
                "theme": col.theme,
                "group": _tally(t),
                "national_share": share_data(col.national),
                "planned_action": m.planned[n] if m.planned else 0,
            }
            for n, (col, t) in enumerate(zip(m.columns, m.tallies, strict=True))
        ],
        "counties": [
            {
                "code": county.code,
                "name": county.name,
                "indicators": {i: _tally(t) for i, t in zip(ids, county.tallies, strict=True)},
                "units": [
                    {
                        "file": str(row.path),
                        "municipality_code": row.unit.municipality_code,
                        "municipality_name": row.unit.municipality_name,
                        "unit": row.unit.unit,
                        "states": {i: s.value for i, s in zip(ids, row.states, strict=True)},
                        "met": row.met,
                        "applicable": row.applicable,
                    }
                    for row in county.rows
                ],
            }
            for county in m.counties
        ],
    }


def matrix_data(c: ManyComparison) -> dict[str, Any]:
    """Many files compared, as plain data: per year the matrix by county, then the failures."""
    return {
        "format": "ojcli-compare-many",
        "format_version": JSON_FORMAT_VERSION,
        "files": c.files,
        "compared": c.units,
        "failed": len(c.failures),
        "skipped_other_years": c.skipped,
        "years": [_year(m) for m in c.years],
        "failures": [{"file": str(f.path), "problems": list(f.lines)} for f in c.failures],
        "notes": list(c.notes),
    }


def render_matrix(c: ManyComparison) -> str:
    """Many files compared, as indented JSON with each file's entry on one line.

    One line per file keeps thousands of files readable and diffable, and lets the C encoder
    write them: an indented dump runs in Python, which cost compare-many a sixth of its time.
    """
    data = matrix_data(c)
    lines: list[str] = []
    for year in data["years"]:
        for county in year["counties"]:
            units = county["units"]
            for n, unit in enumerate(units):
                lines.append(json.dumps(unit, ensure_ascii=False))
                units[n] = f"\x00{len(lines) - 1}"  # a stand-in no file name can hold
    return re.sub(r'"\\u0000(\d+)"', lambda m: lines[int(m.group(1))], dump(data))
