"""Small questionnaires for issue 17's code: levels, measures, shares by year, carrying a year over.

Built as plain data (as a file would hold it) and validated like any questionnaire, so a test
can change one thing and see what a user would see.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from ojcli.model.questionnaire import Questionnaire

SOURCES = [
    {
        "id": "sos",
        "title": "Socialstyrelsen: ÖJ ekonomiskt bistånd",
        "url": "https://example.se/sos",
    },
    {"id": "kolada", "title": "Kolada: måttkatalogen april 2024", "url": "https://example.se/k"},
]
LEVELS_ALL = [
    {"value": "ja_alla", "label": "Ja, för alla"},
    {"value": "ja_inte_alla", "label": "Ja, men inte för alla"},
    {"value": "nej", "label": "Nej"},
]
LEVELS_PARTLY = [
    {"value": "ja", "label": "Ja"},
    {"value": "delvis", "label": "Delvis"},
    {"value": "nej", "label": "Nej"},
]
QUESTIONS: dict[str, dict[str, Any]] = {
    "plan_tre_manader": {
        "type": "single_choice",
        "label": "plan inom tre månader",
        "text": "Görs en plan mot självförsörjning tillsammans med den enskilde inom tre månader?",
        "help": "Planen är en del av utredningen enligt 4 kap. 1 § socialtjänstlagen (2001:453).",
        "options": LEVELS_ALL,
    },
    "rattsfall": {
        "type": "single_choice",
        "label": "information om nya rättsfall",
        "text": "Får handläggarna fortlöpande information om nya rättsfall?",
        "help": "Genomgångar av nya domar och JO-beslut; bistånd enligt socialtjänstlagen (2001:453).",
        "options": LEVELS_PARTLY,
    },
    "overenskommelse_af": {
        "type": "yes_no",
        "label": "överenskommelse med Arbetsförmedlingen",
        "text": "Finns en skriftlig överenskommelse med Arbetsförmedlingen?",
        "help": "Om samverkan i enskilda ärenden.",
    },
    "overenskommelse_af_uppfoljd": {
        "type": "date",
        "label": "överenskommelsen uppföljd",
        "text": "När följdes överenskommelsen senast upp?",
        "asked_if": {"question": "overenskommelse_af", "equals": "ja"},
    },
    "riksnorm": {
        "type": "yes_no",
        "label": "riksnormen förklarad",
        "text": "Förklarar handläggarna vad riksnormen omfattar?",
        "help": "Vad riksnormen omfattar står i 4 kap. 3 § socialtjänstlagen (2001:453); "
        "rätten till bistånd i 4 kap. 2 § socialtjänstlagen (2001:453), "
        "hemlöshet i 5 kap. 11 § socialtjänstlagen (2001:453).",
    },
    "socialjour": {
        "type": "yes_no",
        "label": "socialjour",
        "text": "Finns socialjour med socionomutbildad personal under 2023?",
    },
}
INDICATORS: dict[str, dict[str, Any]] = {
    "plan-sjalvforsorjning": {
        "title": "Plan mot självförsörjning för alla inom tre månader",
        "theme": "sjalvforsorjning",
        "rule": {"question": "plan_tre_manader", "equals": "ja_alla"},
        "advice": "Gör planen inom tre månader, för alla.",
        "measure": {
            "kolada": ["U31512"],
            "met_value": 2,
            "met_label": "Ja, för alla",
            "sources": ["kolada"],
        },
    },
    "rattsfall": {
        "title": "Handläggare får kontinuerlig information om nya rättsfall",
        "theme": "kunskap",
        "rule": {"question": "rattsfall", "equals": "ja"},
        "advice": "Gå igenom nya rättsfall med handläggarna.",
        "measure": {"kolada": ["U31493"], "met_value": 2, "met_label": "Ja", "sources": ["kolada"]},
    },
    "overenskommelse-af": {
        "title": "Aktuell överenskommelse med Arbetsförmedlingen",
        "theme": "sjalvforsorjning",
        "rule": {
            "all": [
                {"question": "overenskommelse_af", "equals": "ja"},
                {"question": "overenskommelse_af_uppfoljd", "within_months": 12},
            ]
        },
        "advice": "Följ upp överenskommelsen varje år.",
        "measure": {"kolada": ["U31476"], "met_value": 1, "met_label": "Ja", "sources": ["kolada"]},
    },
    "riksnorm": {
        "title": "Riksnormen förklaras",
        "theme": "kunskap",
        "rule": {"question": "riksnorm", "equals": "ja"},
        "advice": "Förklara riksnormen.",
        "measure": {"note": "Inget publicerat mått; ojclis eget exempel."},
    },
    "socialjour": {
        "title": "Socialjour med socionomutbildad personal",
        "theme": "kunskap",
        "rule": {"question": "socialjour", "equals": "ja"},
        "advice": "Ordna socialjour.",
        "measure": {
            "kolada": ["U31466"],
            "met_value": 1,
            "met_label": "Ja",
            "sources": ["kolada"],
        },
    },
}
READS = {  # the questions each indicator reads, in survey order
    "plan-sjalvforsorjning": ["plan_tre_manader"],
    "rattsfall": ["rattsfall"],
    "overenskommelse-af": ["overenskommelse_af", "overenskommelse_af_uppfoljd"],
    "riksnorm": ["riksnorm"],
    "socialjour": ["socialjour"],
}
THEMES = [
    {"id": "sjalvforsorjning", "title": "Självförsörjning och samverkan"},
    {"id": "kunskap", "title": "Kunskap och uppföljning"},
]


def year(
    survey_year: int,
    indicators: list[str],
    shares: dict[str, dict[int, float]] | None = None,
    presence: str = "sourced",
) -> dict[str, Any]:
    """A questionnaire of `survey_year` with these indicators (in this order) and national shares."""
    shares = shares or {}
    asked = [qid for iid in indicators for qid in READS[iid]]
    inds = []
    for iid in indicators:
        ind = copy.deepcopy(INDICATORS[iid])
        ind["id"] = iid
        ind["presence"] = {"basis": presence, "sources": ["sos"], "note": "Enligt källan."}
        ind["criterion"] = {"basis": "inferred", "sources": ["kolada"], "note": "Ur Kolada."}
        ind["national_share"] = [
            {"year": y, "percent": p, "sources": ["sos"]}
            for y, p in sorted(shares.get(iid, {}).items())
        ]
        inds.append(ind)
    return {
        "format_version": 2,
        "id": f"oj-eb-{survey_year}",
        "year": survey_year,
        "title": f"Öppna jämförelser av ekonomiskt bistånd {survey_year}",
        "reference_date": dt.date(survey_year, 3, 1),
        "sources": SOURCES,
        "themes": [t for t in THEMES if any(i["theme"] == t["id"] for i in inds)],
        "sections": [
            {
                "id": "alla",
                "title": "Frågor",
                "questions": [{"id": qid, **QUESTIONS[qid]} for qid in asked],
            }
        ],
        "indicators": inds,
    }


def questionnaire(data: dict[str, Any]) -> Questionnaire:
    """The data validated as a questionnaire file is."""
    return Questionnaire.model_validate(data)
