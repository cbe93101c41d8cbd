"""Moving from one survey year to the next: the diff, carrying answers over, and `survey --from`."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.compare.years import carry_over, diff
from ojcli.files.loading import find_questionnaire, load_answers, load_questionnaire
from ojcli.model.questionnaire import Questionnaire
from ojcli.scoring import State, score


def year(y: int) -> Questionnaire:
    return load_questionnaire(find_questionnaire(y))


def flat(text: str) -> str:
    return " ".join(text.split())


def test_diff_2023_2024_shows_the_currency_rule_change() -> None:
    d = diff(year(2023), year(2024))
    changed = {c.id: c for c in d.changed}
    assert "kriteriet" in changed["rutin-vald"].what
    assert "inom 12 månader" in changed["rutin-vald"].before
    assert "inom 24 månader" in changed["rutin-vald"].after
    assert [i.id for i in d.removed] == []  # 2024 asks every 2023 indicator again
    # 2023 already holds every measure in both of Kolada's catalogues (presence assumed).
    assert {i.id for i in d.added} == {
        "individbaserad-uppfoljning-behov",
        "individbaserad-uppfoljning-insatser",
        "individbaserad-uppfoljning-resultat",
    }
    assert "separata-moten" in [i.id for i in d.unchanged]


def test_diff_2019_2020_lists_new_indicators_and_questions() -> None:
    d = diff(year(2019), year(2020))
    assert "separata-moten" in [i.id for i in d.added]
    # The landlord agreement has no ekonomiskt bistånd measure in Kolada, so nothing assumes it.
    assert [i.id for i in d.removed] == ["overenskommelse-hyresvardar"]
    assert "freda-kortfragor" in [i.id for i in d.unchanged]  # in both years, same criterion
    assert "separata_moten_erbjudna" in [q.id for q in d.questions_added]
    # The follow-up questions name the year before the survey: asked again, not carried over.
    changed = [q.id for q in d.questions_changed]
    assert {"systematisk_uppfoljning_period", "systematisk_uppfoljning_kon"} <= set(changed)
    # 2019 holds the measures that ended in 2021 too (inferred from Kolada's February 2020
    # catalogue); 2020 asks them the same way and only assumes them: a change of assumptions.
    assert [i.id for i in d.added] == ["separata-moten"]
    changed_how = {c.id: c.what for c in d.changed}
    for ended in ("rutin-sip", "samordning-missbruk", "samordning-lss", "kompetensutvecklingsplan"):
        assert changed_how[ended] == ("antagandena",), ended
    assert not d.empty


def test_same_year_diff_is_empty() -> None:
    assert diff(year(2021), year(2021)).empty


def test_carry_over_keeps_dates_and_asks_changed_questions_again(
    write_answers: Callable[..., Path],
) -> None:
    old, new = year(2019), year(2020)
    previous, _ = load_answers(
        write_answers(
            {"vantetid_dagar": 9, "rattsfall": "ja", "freda_kortfragor": "ja"},
            comments={"vantetid_dagar": "Medel hösten 2018"},
        )
    )
    carry = carry_over(previous, old, new)
    assert carry.answers.meta.questionnaire == "oj-eb-2020"
    assert carry.answers.meta.municipality_name == "Kiruna"
    assert carry.answers.answers["vantetid_dagar"] == 9
    assert carry.answers.answers["freda_kortfragor"] == "ja"  # the same question in 2020
    assert "rattsfall" not in carry.answers.answers  # not asked in 2020
    assert carry.answers.comments == {"vantetid_dagar": "Medel hösten 2018"}


def test_a_question_whose_wording_changed_is_asked_again_with_the_old_answer_as_default(
    write_answers: Callable[..., Path],
) -> None:
    old = year(2019)
    data = old.model_dump(by_alias=True, exclude_defaults=True)
    data["id"] = "oj-eb-2099"
    for section in data["sections"]:
        for question in section["questions"]:
            if question["id"] == "rattsfall":
                question["text"] += " (ny lydelse)"
    changed = Questionnaire.model_validate(data)
    previous, _ = load_answers(write_answers({"rattsfall": "ja", "socialjour": "nej"}))
    carry = carry_over(previous, old, changed)
    assert carry.answers.answers == {"socialjour": "nej"}
    assert carry.defaults == {"rattsfall": "ja"}
    assert carry.to_confirm == ["rattsfall"]


def test_survey_from_asks_only_new_questions_and_scores_by_the_new_rule(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    # 2023 allows 12 months; 2021-09-01 is 18 months before 2023-03-01: not met.
    previous = write_answers(
        {
            "rutin_vald": "ja",
            "rutin_vald_beslutad": "ja",
            "rutin_vald_uppfoljd": dt.date(2021, 9, 1),
            "hushall_kvinna_man": "nej",
        },
        name="svar-2023.toml",
        questionnaire="oj-eb-2023",
    )
    old_answers, old_q = load_answers(previous)
    assert {v.indicator.id: v.state for v in score(old_q, old_answers).verdicts}[
        "rutin-vald"
    ] is State.NOT_MET

    target = tmp_path / "svar-2024.toml"
    # The first question (FREDA, new in 2024) is skipped; the households question names its
    # year, so it is asked again: Enter keeps last year's "Nej".
    result = runner.invoke(
        app, ["survey", str(target), "--from", str(previous), "--year", "2024"], input=">\n\nq\n"
    )
    out = flat(result.output)
    assert result.exit_code == 0, result.output
    assert "3 svar förs över, 1 ändrad fråga ställs igen med förra svaret som förval" in out
    assert "Hade ni under 2023 biståndshushåll med en kvinna och en man?" in out
    assert "Tidigare svar: Nej" in out
    data = tomllib.loads(target.read_text(encoding="utf-8"))
    assert data["meta"]["questionnaire"] == "oj-eb-2024"
    assert data["answers"]["rutin_vald_uppfoljd"] == dt.date(2021, 9, 1)
    # The first question asked is the first one without an answer, not one carried over.
    assert "Finns en skriftlig rutin för hur handläggaren" not in out
    answers, q = load_answers(target)
    verdicts = {v.indicator.id: v.state for v in score(q, answers).verdicts}
    assert verdicts["rutin-vald"] is State.NOT_MET  # 2021-09-01 is 30 months before 2024-03-01
    assert verdicts["separata-moten"] is State.NOT_APPLICABLE


def test_survey_from_refuses_to_overwrite_and_same_year(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    previous = write_answers({"rattsfall": "ja"})
    existing = tmp_path / "finns.toml"
    existing.write_text("x", encoding="utf-8")
    refused = runner.invoke(app, ["survey", str(existing), "--from", str(previous)])
    assert refused.exit_code == 4  # every refusal to overwrite (issue 19, item 12)
    assert "finns redan" in flat(refused.output)
    assert existing.read_text(encoding="utf-8") == "x"
    same = runner.invoke(
        app, ["survey", str(tmp_path / "ny.toml"), "--from", str(previous), "--year", "2019"]
    )
    assert same.exit_code == 2
    assert "gäller redan" in flat(same.output)


def test_questionnaires_diff_command(runner: CliRunner) -> None:
    result = runner.invoke(app, ["questionnaires", "diff", "2023", "2024"])
    assert result.exit_code == 0
    out = flat(result.output)
    changed = diff(year(2023), year(2024)).changed
    assert "rutin-vald" in {c.id for c in changed}
    assert f"Ändrade indikatorer ({len(changed)})" in out
    assert "inom 12 månader" in out
    assert "inom 24 månader" in out


@pytest.mark.parametrize("pair", [("2018", "2019"), ("2020", "2021"), ("2022", "2023")])
def test_every_neighbouring_pair_diffs(runner: CliRunner, pair: tuple[str, str]) -> None:
    result: Any = runner.invoke(app, ["questionnaires", "diff", *pair])
    assert result.exit_code == 0, result.output
    assert "Nya indikatorer" in result.output


# --- carried answers this year's rules no longer accept ---------------------------------------

ANSWERS_2023: dict[str, Any] = {
    "rutin_vald": "ja",
    "rutin_vald_beslutad": "ja",
    "rutin_vald_uppfoljd": dt.date(2022, 6, 1),  # 2024 allows 24 months: still accepted
    "hushall_kvinna_man": "nej",
    "overenskommelse_af": "ja",
    "overenskommelse_af_beslutad": "ja",
    # Within 12 months of 2023-03-01, not of 2024-03-01 (the earliest date is then 2023-03-01).
    "overenskommelse_af_uppfoljd": dt.date(2022, 5, 15),
}
TOO_OLD = (
    "Obs: för gammalt för 2024 års mätdatum 2024-03-01; tidigaste godtagbara datum är 2023-03-01."
)


def answers_column(output: str) -> str:
    """The review table's answer column as one line of text (the question column left out)."""
    cells = [line.rsplit("│", 1)[1] for line in output.splitlines() if "│" in line]
    return flat(" ".join(cells))


def test_the_review_after_from_marks_a_carried_date_too_old_for_the_new_reference_date(
    runner: CliRunner, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    previous = write_answers(ANSWERS_2023, name="svar-2023.toml", questionnaire="oj-eb-2023")
    target = tmp_path / "svar-2024.toml"
    # Skip the first question (new), keep last year's answer to the households question (asked
    # again: it names its year), skip every other new question; in the review, change the
    # marked answer (the agreement's date), then quit. Follow-ups of a skipped question are
    # not asked.
    q = year(2024)
    new = [x.id for x in q.questions if x.asked_if is None and x.id not in ANSWERS_2023]
    assert new[0] == "freda_kortfragor"
    marked = q.number("overenskommelse_af_uppfoljd")
    result = runner.invoke(
        app,
        ["survey", str(target), "--from", str(previous), "--year", "2024"],
        input=">\n\n" + ">\n" * (len(new) - 1) + f"{marked}\n2023-12-01\nq\n",
    )
    assert result.exit_code == 0, result.output
    out = flat(result.output)
    assert (
        "1 svar som förs över godtas inte av 2024 års krav; det är markerat i granskningen." in out
    )
    first, _, second = result.output.partition("Nummer på en fråga")
    # The first review marks the agreement's date under the answer, and only that one.
    answers = answers_column(first)
    assert f"Ja 2022-05-15 {TOO_OLD}" in answers
    assert "2022-06-01 Nej" in answers  # the routine's date, 24 months in 2024 too: no mark
    assert answers.count("Obs:") == 1
    assert "1 svar är markerat med Obs: ange numret för att ändra." in flat(first)
    # Once changed, the answer is no longer marked.
    again = answers_column(second.split("Granska svaren", 1)[1])
    assert "Ja Ja 2023-12-01" in again
    assert "Obs:" not in flat(second)


def test_carry_over_names_what_the_new_year_no_longer_accepts(
    write_answers: Callable[..., Path],
) -> None:
    previous, _ = load_answers(
        write_answers(ANSWERS_2023, name="svar-2023.toml", questionnaire="oj-eb-2023")
    )
    carry = carry_over(previous, year(2023), year(2024))
    assert carry.rejected == {
        "overenskommelse_af_uppfoljd": (dt.date(2022, 5, 15), TOO_OLD[5:-1]),
    }


def _stricter_plan(q: Questionnaire, months: int, year_: int) -> Questionnaire:
    data = q.model_dump(by_alias=True, exclude_defaults=True)
    data |= {"id": f"oj-eb-{year_}", "year": year_}
    for ind in data["indicators"]:
        if ind["id"] == "plan-sjalvforsorjning":
            ind["rule"]["all"][2]["value"] = months
    return Questionnaire.model_validate(data)


@pytest.mark.parametrize(
    ("answer", "marked"),
    [
        (3, True),  # accepted by "at most 3 months", not by "at most 2"
        (2, False),  # accepted by both
        (5, False),  # accepted by neither: no news that the carry-over brings
    ],
)
def test_a_changed_criterion_marks_an_answer_only_the_old_year_accepted(
    write_answers: Callable[..., Path], answer: int, marked: bool
) -> None:
    plan = {"plan_sjalvforsorjning": "ja", "plan_sjalvforsorjning_alla": "ja"}
    previous, old = load_answers(  # 2023 asks for the months; 2024 in the survey's levels
        write_answers({**plan, "plan_sjalvforsorjning_manader": answer}, questionnaire="oj-eb-2023")
    )
    carry = carry_over(previous, old, _stricter_plan(old, 2, 2099))
    if marked:
        assert carry.rejected == {
            "plan_sjalvforsorjning_manader": (
                answer,
                "godtas inte av 2099 års krav: «längsta tid från första kontakt till plan» är "
                "«3 månader»; kriteriet kräver högst «2 månader».",
            )
        }
    else:
        assert carry.rejected == {}
