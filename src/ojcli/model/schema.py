"""JSON Schemas of the answers file, for editors that check TOML while it is typed.

`for_questionnaire` knows one survey's question ids, their types and their alternatives and
allows nothing else in `[answers]` and `[comments]`, so an editor with TOML schema support
(Taplo / Even Better TOML) underlines a misspelt question before `ojcli validate` is run.
`generic` is the file format without a questionnaire. Titles and descriptions are Swedish:
the editor shows them to the person filling in the file. Draft 7, which Taplo understands.

The answers file points its editor at the schema with a first line `#:schema ./NAME`
(`directive`); the survey writes the schema beside the answers file (`file_name`).
"""

from __future__ import annotations

from typing import Any

from ojcli.model import questionnaire as qm

DRAFT = "http://json-schema.org/draft-07/schema#"
FILE_TITLE = "Svarsfil för ojcli (Öppna jämförelser av ekonomiskt bistånd)"


def file_name(questionnaire: qm.Questionnaire) -> str:
    """The schema's file name beside the answers file, e.g. "ojcli-svar-2024.schema.json"."""
    return f"ojcli-svar-{questionnaire.year}.schema.json"


def directive(questionnaire: qm.Questionnaire) -> str:
    """The first line of an answers file that points Taplo at the schema beside it."""
    return f"#:schema ./{file_name(questionnaire)}"


def _meta(questionnaire_id: str | None) -> dict[str, Any]:
    questionnaire: dict[str, Any] = {
        "type": "string",
        "minLength": 1,
        "title": "Enkät",
        "description": "Enkätens id, t.ex. oj-eb-2024.",
    }
    if questionnaire_id is not None:
        questionnaire = {**questionnaire, "const": questionnaire_id}
    return {
        "type": "object",
        "title": "Uppgifter om svaren",
        "description": "Vem som svarar och på vilken enkät.",
        "additionalProperties": False,
        "required": ["format_version", "questionnaire", "municipality_code", "municipality_name"],
        "properties": {
            "format_version": {
                "type": "integer",
                "minimum": 1,
                "title": "Formatversion",
                "description": "Svarsfilens formatversion; ändras inte för hand.",
            },
            "questionnaire": questionnaire,
            "municipality_code": {
                "type": "string",
                "pattern": r"^\d{4}$",
                "title": "Kommunkod",
                "description": 'Kommunens fyrsiffriga kod, t.ex. "2584".',
            },
            "municipality_name": {"type": "string", "minLength": 1, "title": "Kommun"},
            "unit": {
                "type": "string",
                "title": "Enhet",
                "description": "Stadsdel, nämnd eller enhet som svarar (valfritt).",
            },
            "respondent": {"type": "string", "title": "Uppgiftslämnare"},
            "saved_at": {
                "type": "string",
                "format": "date-time",
                "title": "Sparad",
                "description": "När ojcli senast sparade filen.",
            },
            "setup_unasked": {
                "type": "array",
                "items": {"enum": ["unit", "respondent"]},
                "title": "Ej besvarat vid start",
                "description": "Startfrågor som ännu inte är besvarade; ojcli tar bort raden.",
            },
            "questionnaire_fingerprint": {
                "type": "string",
                "title": "Enkätfilens fingeravtryck",
                "description": (
                    "Vilken version av enkätfilen svaren gavs till; ändras inte för hand."
                ),
            },
        },
    }


def _answer(question: qm.Question) -> dict[str, Any]:
    """What one answer may hold, with the question as title and description."""
    described = question.text + (f"\n\n{question.help}" if question.help else "")
    base: dict[str, Any] = {"title": question.name[:1].upper() + question.name[1:]}
    if isinstance(question, qm.YesNoQuestion | qm.SingleChoiceQuestion):
        options = "; ".join(f'"{o.value}" = {o.label}' for o in question.options)
        return {
            **base,
            "type": "string",
            "enum": [o.value for o in question.options],
            "description": f"{described}\n\nEtt av: {options}.",
        }
    if isinstance(question, qm.MultipleChoiceQuestion):
        options = "; ".join(f'"{o.value}" = {o.label}' for o in question.options)
        return {
            **base,
            "type": "array",
            "items": {"type": "string", "enum": [o.value for o in question.options]},
            "uniqueItems": True,
            "description": f"{described}\n\nEn lista med noll eller flera av: {options}.",
        }
    if isinstance(question, qm.NumberQuestion):
        bounds: dict[str, Any] = {"minimum": question.minimum}
        if question.maximum is not None:
            bounds["maximum"] = question.maximum
        unit = f" ({question.unit})" if question.unit else ""
        return {
            **base,
            **bounds,
            "type": "integer",
            "description": f"{described}\n\nEtt heltal{unit} utan citattecken.",
        }
    if isinstance(question, qm.DateQuestion):
        return {
            **base,
            "type": "string",
            "format": "date",
            "description": f"{described}\n\nEtt datum, ÅÅÅÅ-MM-DD, t.ex. 2024-03-01.",
        }
    if isinstance(question, qm.TextQuestion):
        return {
            **base,
            "type": "string",
            "maxLength": question.max_length,
            "description": described,
        }
    raise AssertionError(f"okänd frågetyp: {question.type}")  # pragma: no cover


def _decision(title: str | None = None) -> dict[str, Any]:
    """One `[plan.ID]` table, as `ojcli.model.plan.Decision` takes it."""
    act_only = {"action": False, "owner": False, "due": False}
    return {
        "type": "object",
        "title": f"Beslut: {title}" if title else "Beslut",
        "description": (
            'Beslutet för indikatorn: "act" (åtgärda: action, owner, due), "accept" (godta som '
            'ej uppfylld: reason) eller "no_action" (ingen åtgärd behövs).'
        ),
        "additionalProperties": False,
        "required": ["decision"],
        "properties": {
            "decision": {"enum": ["act", "accept", "no_action"], "title": "Beslut"},
            "action": {"type": "string", "title": "Åtgärd", "description": "Vad som ska göras."},
            "owner": {"type": "string", "title": "Ansvarig", "description": "Vem som ansvarar."},
            "due": {
                "type": "string",
                "format": "date",
                "title": "Klart senast",
                "description": "Ett datum utan citattecken, t.ex. 2027-02-15.",
            },
            "reason": {"type": "string", "title": "Skäl", "description": "Varför."},
        },
        "allOf": [
            {
                "if": {"properties": {"decision": {"const": "act"}}},
                "then": {"required": ["action", "owner", "due"]},
                "else": {"properties": act_only},
            },
            {
                "if": {"properties": {"decision": {"const": "accept"}}},
                "then": {"required": ["reason"]},
            },
        ],
    }


def _plan(q: qm.Questionnaire | None) -> dict[str, Any]:
    plan: dict[str, Any] = {
        "type": "object",
        "title": "Handlingsplan",
        "description": "Ett beslut per indikator-id (ojcli plan FIL).",
    }
    if q is None:
        return {**plan, "additionalProperties": _decision()}
    return {
        **plan,
        "additionalProperties": False,
        "properties": {i.id: _decision(i.title) for i in q.indicators},
    }


def for_questionnaire(q: qm.Questionnaire) -> dict[str, Any]:
    """The schema of an answers file for questionnaire `q`: its question ids and nothing else."""
    answers = {x.id: _answer(x) for x in q.questions}
    comments = {
        x.id: {
            "type": "string",
            "title": f"Kommentar: {x.name}",
            "description": f"Kommentar eller underlag till frågan: {x.text}",
        }
        for x in q.questions
    }
    return {
        "$schema": DRAFT,
        "title": f"{FILE_TITLE}, {q.title} ({q.id})",
        "description": (
            f"Svar till {q.title}. Bara enkätens frågor får stå under [answers] och [comments], "
            "och bara dess indikatorer under [plan]; kontrollera filen med ojcli validate."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["meta"],
        "properties": {
            "meta": _meta(q.id),
            "answers": {
                "type": "object",
                "title": "Svar",
                "description": f"Svaren per fråga-id i {q.title}.",
                "additionalProperties": False,
                "properties": answers,
            },
            "comments": {
                "type": "object",
                "title": "Kommentarer och underlag",
                "description": "Kommentar eller underlag per fråga-id.",
                "additionalProperties": False,
                "properties": comments,
            },
            "plan": _plan(q),
        },
    }


def generic() -> dict[str, Any]:
    """The answers file without a questionnaire: any question id, any answer of a known kind."""
    value = {
        "title": "Svar",
        "description": "Text, heltal, datum eller en lista med text, beroende på frågan.",
        "anyOf": [
            {"type": "string"},
            {"type": "integer"},
            {"type": "array", "items": {"type": "string"}},
        ],
    }
    return {
        "$schema": DRAFT,
        "title": FILE_TITLE,
        "description": (
            "Svarsfilens format utan en viss enkät. Ett schema som känner ett års frågor: "
            "ojcli schema --year ÅR."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["meta"],
        "properties": {
            "meta": _meta(None),
            "answers": {
                "type": "object",
                "title": "Svar",
                "description": "Svaren per fråga-id.",
                "additionalProperties": value,
            },
            "comments": {
                "type": "object",
                "title": "Kommentarer och underlag",
                "description": "Kommentar eller underlag per fråga-id.",
                "additionalProperties": {"type": "string"},
            },
            "plan": _plan(None),
        },
    }
