"""Write N valid answers files with varied answers, for tests and benchmarks.

    python benchmarks/generate_answers.py OUT_DIR N [--seed 0] [--years 2019,2024]

File i is for survey year i mod 7 (cycling over the bundled questionnaires, 2018–2024) and
for municipality (i div 7) mod 290 in SCB order, so any prefix covers every year, and 3,000
files are about ten survey rounds of every municipality (2,030 distinct municipality-year
pairs, then again). A pair that comes again is given a unit name ("kopia 2", …) so that each
file stays a unit of its own.

Answers follow the questionnaire: a question is answered only when its condition asks it;
yes/no questions get ja / nej / vet ej, dates fall 0–40 months before the reference date,
numbers spread over their range, and about one question in twenty is left unanswered, so
every verdict state occurs. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import tomli_w

from ojcli.files.loading import list_questionnaires, load_questionnaire
from ojcli.model.answers import FORMAT_VERSION, AnswerChecker, AnswerSet, AnswerValue, Meta
from ojcli.model.municipalities import municipalities
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)
from ojcli.scoring import Evaluator, Tri, subtract_months

SKIP_SHARE = 0.05  # share of asked questions left unanswered (gives "ofullständig")


def random_value(question: Question, q: Questionnaire, rng: random.Random) -> AnswerValue:
    """A valid random answer to one question."""
    if isinstance(question, YesNoQuestion):
        values = ["ja", "nej", "vet_ej"] if question.allow_dont_know else ["ja", "nej"]
        weights = [6, 3, 1] if question.allow_dont_know else [6, 3]
        return rng.choices(values, weights)[0]
    if isinstance(question, SingleChoiceQuestion):
        return rng.choice(question.options).value
    if isinstance(question, MultipleChoiceQuestion):
        return [o.value for o in question.options if rng.random() < 0.7]
    if isinstance(question, NumberQuestion):
        top = question.maximum if question.maximum is not None else question.minimum + 60
        return rng.randint(question.minimum, min(top, question.minimum + 40))
    if isinstance(question, DateQuestion):
        earliest = subtract_months(q.reference_date, 40)
        return earliest + dt.timedelta(days=rng.randint(0, (q.reference_date - earliest).days))
    assert isinstance(question, TextQuestion)
    return "Genererat testsvar."


def random_answers(q: Questionnaire, rng: random.Random) -> dict[str, AnswerValue]:
    """Answers in survey order; a question is answered only when its condition asks it."""
    meta = Meta(
        format_version=FORMAT_VERSION,
        questionnaire=q.id,
        municipality_code="0000",
        municipality_name="-",
    )
    draft, checker = AnswerSet(meta=meta), AnswerChecker(q)
    for question in q.questions:
        asked = Evaluator(q, checker.check_set(draft), q.reference_date).is_asked(question.id)
        if asked is Tri.FALSE or rng.random() < SKIP_SHARE:
            continue
        draft.answers[question.id] = random_value(question, q, rng)
    return draft.answers


def generate(out: Path, n: int, seed: int = 0, years: list[int] | None = None) -> list[Path]:
    """Write n answers files under out/YEAR/ and return their paths in order."""
    infos = [i for i in list_questionnaires() if years is None or i.year in years]
    if not infos:
        raise SystemExit(f"no questionnaire for the years {years}")
    questionnaires = [load_questionnaire(i.path) for i in infos]
    places = municipalities()
    rng = random.Random(seed)
    paths: list[Path] = []
    for i in range(n):
        q = questionnaires[i % len(questionnaires)]
        round_, place_index = divmod(i // len(questionnaires), len(places))
        place, copy = places[place_index], round_ + 1
        meta: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "questionnaire": q.id,
            "municipality_code": place.code,
            "municipality_name": place.name,
        }
        if copy > 1:
            meta["unit"] = f"kopia {copy}"
        meta["respondent"] = "Testdata"
        data: dict[str, Any] = {"meta": meta, "answers": random_answers(q, rng)}
        if rng.random() < 0.2:
            first = next(iter(data["answers"]), None)
            if first is not None:
                data["comments"] = {first: "Underlag finns i verksamhetsplanen."}
        path = (
            out / str(q.year) / (f"{place.code}.toml" if copy == 1 else f"{place.code}-{copy}.toml")
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    """Command line: write the files and say where."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--years", help="comma-separated survey years, e.g. 2019,2024")
    args = parser.parse_args(argv)
    years = [int(y) for y in args.years.split(",")] if args.years else None
    paths = generate(args.out, args.n, args.seed, years)
    print(f"{len(paths)} svarsfiler i {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
