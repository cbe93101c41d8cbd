"""The one answers check: what it lets through is what scoring relies on, remembered or not."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import given, seed
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import invoke, meta, needed
from ojcli.errors import AnswersCheckError, LoadError
from ojcli.files.check import check_file
from ojcli.files.loading import load_answers
from ojcli.interview.engine import Interview
from ojcli.model.answers import (
    AnswerChecker,
    AnswerSet,
    CheckedAnswers,
    Rejected,
    check_answer_set,
    value_problem,
)
from ojcli.model.questionnaire import Questionnaire
from ojcli.scoring import Evaluator, score

ROOT = Path(__file__).resolve().parents[1]

QUESTIONNAIRE = """
format_version = 1
id = "test-2024"
year = 2024
title = "Testenkät"
reference_date = 2024-03-01
themes = [{ id = "t", title = "Tema" }]

[[sections]]
id = "s"
title = "Avsnitt"
[[sections.questions]]
id = "rutin"
type = "yes_no"
text = "Finns rutinen?"
[[sections.questions]]
id = "strikt"
type = "yes_no"
allow_dont_know = false
text = "Ja eller nej?"
[[sections.questions]]
id = "form"
type = "single_choice"
text = "Vilken form?"
options = [{ value = "egen", label = "Egen" }, { value = "ingen", label = "Ingen" }]
[[sections.questions]]
id = "innehall"
type = "multiple_choice"
text = "Vad ingår?"
options = [{ value = "barn", label = "Barn" }, { value = "ja", label = "Ja" }]
[[sections.questions]]
id = "dagar"
type = "number"
text = "Hur många dagar?"
maximum = 365
[[sections.questions]]
id = "antal"
type = "number"
minimum = 1
text = "Hur många?"
[[sections.questions]]
id = "datum"
type = "date"
text = "När?"
[[sections.questions]]
id = "fritt"
type = "text"
max_length = 5
text = "Övrigt"

[[indicators]]
id = "rutin"
title = "Rutin"
theme = "t"
advice = "Ta fram rutinen."
rule = { question = "rutin", equals = "ja" }
"""
Q = Questionnaire.model_validate(tomllib.loads(QUESTIONNAIRE))
QIDS = [x.id for x in Q.questions]
META = meta(Q.id)

# Values of every kind TOML has, and some it has not, with the options and bounds near at hand
# so that the same value often comes to several questions (where a memory could mix them up).
WORDS = st.sampled_from(["ja", "nej", "vet_ej", "egen", "ingen", "barn", "Ja", "ja ", "", "abcdef"])
SCALARS = st.one_of(
    WORDS,
    st.text(max_size=7),
    st.booleans(),
    st.integers(-2, 400),
    st.integers(),
    st.floats(allow_nan=False),
    st.sampled_from([0.0, 1.0, -1.0]),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2030, 12, 31)),
    st.times(),
)
# Values equal to Python across types (True == 1 == 1.0, a datetime at midnight and its date).
LOOKALIKES = [
    0,
    1,
    True,
    False,
    0.0,
    1.0,
    "ja",
    ["ja"],
    dt.date(2024, 1, 1),
    dt.datetime(2024, 1, 1),
]
VALUES = st.one_of(
    st.sampled_from(LOOKALIKES),
    SCALARS,
    st.lists(st.one_of(WORDS, st.integers(0, 2), st.booleans()), max_size=4),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


# --- remembered verdicts are the full check's verdicts ---------------------------------------------


@given(st.sampled_from(QIDS), st.lists(VALUES, max_size=12), st.permutations(LOOKALIKES))
def test_a_remembered_verdict_is_the_full_checks_verdict(
    qid: str, values: list[Any], lookalikes: list[Any]
) -> None:
    """Random values and lookalikes in any order to one question, each asked twice (the second
    verdict comes from memory), with the same values to the other questions in between."""
    checker = AnswerChecker(Q)
    question = Q.question(qid)
    mixed = [v for pair in itertools.zip_longest(values, lookalikes) for v in pair if v is not None]
    for value in mixed:
        assert checker.value_problem(qid, value) == value_problem(question, value), value
    for other in QIDS:
        for value in mixed:
            assert checker.value_problem(other, value) == value_problem(Q.question(other), value)
    for value in mixed:
        assert checker.value_problem(qid, value) == value_problem(question, value), value


ANSWERS_TABLES = st.dictionaries(st.sampled_from([*QIDS, "okand"]), VALUES, max_size=6)
ANSWERS_DATA = st.fixed_dictionaries(
    {
        "meta": st.sampled_from([META, meta("annan-2024")]),
        "answers": ANSWERS_TABLES,
        "comments": st.dictionaries(st.sampled_from([*QIDS, "okand"]), st.just("ok"), max_size=2),
    }
)


def keepable(value: Any) -> bool:
    """A value an answer can have (text, whole number, date, list of text), whatever the question."""
    if type(value) is list:
        return all(type(v) is str for v in value)
    return type(value) in (str, int, dt.date)


def fits(data: dict[str, Any]) -> bool:
    """The rules, spelt out once more: the test's own oracle. An id without a question is kept
    apart, never a reason to refuse the file, when its value is one an answer can have."""
    return data["meta"]["questionnaire"] == Q.id and all(
        value_problem(Q.question(qid), value) is None if qid in QIDS else keepable(value)
        for qid, value in data["answers"].items()
    )


def as_meant(qid: str, value: Any) -> Any:
    """A fitting value as scoring gets it: 14.0 as 14, "2024-01-01" as the date."""
    kind = Q.question(qid).type
    if kind == "number" and type(value) is float:
        return int(value)
    if kind == "date" and type(value) is str:
        return dt.date.fromisoformat(value)
    return value


@seed(2)  # issue 19: unseeded, it found a misspelt comment let through only half the time
@given(st.lists(ANSWERS_DATA, min_size=1, max_size=6))
def test_a_checker_kept_for_many_files_decides_as_a_fresh_one(files: list[dict[str, Any]]) -> None:
    """Accept / reject and every message agree, and agree with the rules; what is accepted is
    exactly the values checked, each fitting its question, and what has no question is kept
    apart as it was."""
    kept = AnswerChecker(Q)
    for data in files + files:
        fresh, again = AnswerChecker(Q).check(data), kept.check(data)
        assert isinstance(again, CheckedAnswers) is isinstance(fresh, CheckedAnswers) is fits(data)
        if isinstance(fresh, Rejected):
            assert isinstance(again, Rejected)
            assert again.problems == fresh.problems
            assert fresh.problems
            continue
        assert again == fresh
        assert isinstance(again, CheckedAnswers)
        # What got through is what was checked, as meant, and fits its question.
        assert [(k, type(v), v) for k, v in again.answers.items()] == [
            (k, type(m), m)
            for k, v in data["answers"].items()
            if k in QIDS
            for m in [as_meant(k, v)]
        ]
        for qid, value in again.answers.items():
            assert value_problem(Q.question(qid), value) is None, (qid, value)
        assert dict(again.comments) == {k: v for k, v in data["comments"].items() if k in QIDS}
        assert dict(again.unknown) == {k: v for k, v in data["answers"].items() if k not in QIDS}
        unknown = {k: v for k, v in data["comments"].items() if k not in QIDS}
        assert dict(again.unknown_comments) == unknown


# The same to Python, not the same answer: a verdict remembered without the question or the
# type would accept the second after the first.
FALSE_FRIENDS = [
    ("rutin", "ja", "dagar", "ja"),
    ("innehall", ["ja"], "form", ["ja"]),
    ("dagar", 1, "dagar", True),
    ("dagar", 1.0, "dagar", 1.5),
    ("datum", "2024-01-01", "datum", "2024-1-1"),
    ("antal", 1, "dagar", 400),
    ("datum", dt.date(2024, 1, 1), "datum", dt.datetime(2024, 1, 1)),
]


@pytest.mark.parametrize(("good_q", "good", "bad_q", "bad"), FALSE_FRIENDS)
def test_a_value_that_fits_one_question_is_not_taken_for_another(
    good_q: str, good: object, bad_q: str, bad: object
) -> None:
    checker = AnswerChecker(Q)
    assert checker.value_problem(good_q, good) is None
    assert checker.value_problem(bad_q, bad) is not None
    assert checker.value_problem(bad_q, bad) is not None  # and again, from memory


# --- the edges of what fits ------------------------------------------------------------------------

EDGES = [
    ("innehall", ["barn", "ja"], None),
    ("innehall", [], None),
    ("innehall", ["barn", "barn"], "samma alternativ står mer än en gång"),
    ("innehall", ["ja", "barn", "ja"], "samma alternativ står mer än en gång"),
    ("fritt", "12345", None),  # max_length 5
    ("fritt", "123456", "är för lång (högst 5 tecken)"),
    ("fritt", "åäö" + "12", None),  # characters, not bytes
    ("dagar", 365, None),
    ("dagar", 366, "får vara högst 365"),
    ("antal", 1, None),
    ("antal", 0, "ska vara minst 1"),
    ("datum", "2024-02-29", None),  # quoted: the date it spells, as the JSON Schema reads it
    ("datum", "2023-02-29", "2023-02-29 finns inte: februari 2023 har 28 dagar"),
    ("dagar", 14.0, None),  # 14 written with decimals: 14, as the JSON Schema reads it
    ("dagar", 14.5, "ska vara ett heltal, utan decimaler (inte 14.5)"),
    ("dagar", float("inf"), "ska vara ett heltal, utan decimaler (inte inf)"),
]


@pytest.mark.parametrize(("qid", "value", "problem"), EDGES)
def test_the_edges_of_what_fits(qid: str, value: Any, problem: str | None) -> None:
    assert value_problem(Q.question(qid), value) == problem
    assert AnswerChecker(Q).value_problem(qid, value) == problem


def test_a_quoted_date_and_a_whole_number_with_decimals_are_read_as_meant(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(
        tomli_w.dumps({"meta": META, "answers": {"datum": "2024-02-29", "dagar": 14.0}}), "utf-8"
    )
    checked, _ = load_answers(path, Q)
    assert [(k, type(v), v) for k, v in checked.answers.items()] == [
        ("datum", dt.date, dt.date(2024, 2, 29)),
        ("dagar", int, 14),
    ]
    in_memory = check_answer_set(checked.to_answer_set(), Q)
    assert in_memory.answers == checked.answers


def test_an_option_listed_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(
        tomli_w.dumps({"meta": META, "answers": {"innehall": ["barn", "barn"]}}), "utf-8"
    )
    with pytest.raises(LoadError) as caught:
        load_answers(path, Q)
    assert caught.value.lines()[1:] == [
        f"  {path}:8: answers.innehall: samma alternativ står mer än en gång"
    ]


# --- a file with a wrong type is refused, never scored ---------------------------------------------


@given(ANSWERS_TABLES)
def test_an_answers_file_loads_only_when_every_answer_fits(
    tmp_path_factory: pytest.TempPathFactory, answers: dict[str, Any]
) -> None:
    """Through the loader: a checked answer set of fitting values, or a LoadError naming the file.

    An answer under an id without a question ("okand") is no reason to refuse: it is kept apart.
    """
    path = tmp_path_factory.mktemp("svar") / "svar.toml"
    path.write_text(tomli_w.dumps({"meta": META, "answers": answers}), encoding="utf-8")
    expected = [value_problem(Q.question(k), v) for k, v in answers.items() if k in QIDS]
    fits = not any(expected) and all(keepable(v) for k, v in answers.items() if k not in QIDS)
    if fits:
        checked, q = load_answers(path, Q)
        assert q is Q
        read = tomllib.loads(path.read_text("utf-8"))["answers"]
        assert dict(checked.answers) == {k: v for k, v in read.items() if k in QIDS}
        assert dict(checked.unknown) == {k: v for k, v in read.items() if k not in QIDS}
    else:
        with pytest.raises(LoadError) as caught:
            load_answers(path, Q)
        lines = caught.value.lines()
        assert lines[0] == f"Fel i svarsfilen {path}:"  # read, but an answer does not fit
        assert len(lines) > 1
        assert all(line.startswith(f"  {path}:") for line in lines[1:])


TJUGO = {"meta": meta(), "answers": {"vantetid_dagar": "tjugo"}}


def test_a_number_in_words_is_a_load_error_not_zero_days(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(tomli_w.dumps(TJUGO), encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        load_answers(path)
    assert caught.value.lines() == [
        f"Fel i svarsfilen {path}:",
        f"  {path}:8: answers.vantetid_dagar: ska vara ett heltal utan citattecken",
    ]


def test_a_file_of_many_problems_lists_the_first_fifty_and_says_there_are_more(
    tmp_path: Path,
) -> None:
    """Sixty answers under ids without a question: kept by the loader, listed by `validate`."""
    path = tmp_path / "svar.toml"
    answers = {f"fraga_{n:03d}": "ja" for n in range(60)}
    path.write_text(tomli_w.dumps({"meta": meta(), "answers": answers}), encoding="utf-8")
    checked, _ = load_answers(path)
    assert dict(checked.unknown) == answers
    with pytest.raises(AnswersCheckError) as caught:
        check_file(path)
    lines = caught.value.lines()
    assert len(lines) == 1 + 50 + 1
    assert lines[1].startswith(f"  {path}:8: answers.fraga_000: frågan 'fraga_000' finns inte")
    assert lines[50].startswith(f"  {path}:57: answers.fraga_049: frågan 'fraga_049' finns inte")
    assert lines[-1] == f"  {path}: … och fler fel; bara de 50 första visas."


@pytest.mark.parametrize("command", [["score"], ["report", "--format", "md"], ["validate"]])
def test_the_commands_refuse_a_number_in_words(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(tomli_w.dumps(TJUGO), encoding="utf-8")
    code, text = invoke(runner, *command, str(path))
    assert code == 3, text
    assert "answers.vantetid_dagar: ska vara ett heltal utan citattecken" in text
    assert "uppfyll" not in text.lower()  # no verdict at all


def test_compare_many_lists_a_number_in_words_and_scores_the_rest(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / "fel.toml").write_text(tomli_w.dumps(TJUGO), encoding="utf-8")
    (tmp_path / "bra.toml").write_text(tomli_w.dumps({"meta": meta()}), encoding="utf-8")
    code, text = invoke(runner, "compare-many", str(tmp_path), "--format", "csv")
    assert code == 1, text
    assert "answers.vantetid_dagar: ska vara ett heltal utan citattecken" in text
    assert "fel.toml" in text


def test_without_asserts_a_number_in_words_is_still_refused(tmp_path: Path) -> None:
    """`python -O` drops assert statements; the check does not rest on one."""
    path = tmp_path / "svar.toml"
    path.write_text(tomli_w.dumps(TJUGO), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-O", "-m", "ojcli", "score", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200"},
        check=False,
    )
    assert done.returncode == 3, done.stdout + done.stderr
    assert "answers.vantetid_dagar: ska vara ett heltal utan citattecken" in done.stderr
    assert "Traceback" not in done.stderr


# --- only the checker makes checked answers, and they stay as checked --------------------------------


def answer_set(answers: dict[str, Any]) -> AnswerSet:
    return AnswerSet.model_validate({"meta": META, "answers": answers})


def test_answers_in_memory_are_checked_too() -> None:
    with pytest.raises(LoadError) as caught:
        check_answer_set(answer_set({"dagar": "tjugo", "form": "annan"}), Q)
    assert caught.value.lines() == [
        "Fel i svaren:",
        "  answers.dagar: ska vara ett heltal utan citattecken",
        '  answers.form: \'annan\' är inte ett av alternativen "egen", "ingen"',
    ]


def test_checked_answers_come_only_from_the_checker_and_stay_as_checked() -> None:
    draft = answer_set({"dagar": 20, "innehall": ["barn"]})
    checked = check_answer_set(draft, Q)
    with pytest.raises(TypeError):
        CheckedAnswers(draft, Q, _key=object())
    with pytest.raises(TypeError):
        checked.answers["dagar"] = "tjugo"  # type: ignore[index]
    with pytest.raises(AttributeError):
        checked.answers = {"dagar": "tjugo"}  # type: ignore[misc]
    draft.answers["dagar"] = "tjugo"  # editing what was checked does not reach the checked copy
    draft.answers["innehall"].append("okänt")  # type: ignore[union-attr]
    assert checked.answers == {"dagar": 20, "innehall": ["barn"]}
    editable = checked.to_answer_set()
    editable.answers["innehall"].append("ja")  # type: ignore[union-attr]
    assert checked.answers == {"dagar": 20, "innehall": ["barn"]}


def test_scoring_takes_only_answers_checked_against_its_questionnaire(q2019: Questionnaire) -> None:
    unchecked = AnswerSet.model_validate(TJUGO)
    with pytest.raises(AttributeError):  # code without types cannot slip past either
        score(q2019, unchecked)  # type: ignore[arg-type]
    checked = check_answer_set(answer_set({"dagar": 20}), Q)
    with pytest.raises(ValueError, match="test-2024, not oj-eb-2019"):
        Evaluator(q2019, checked, q2019.reference_date)


def test_the_interview_reads_only_checked_answers(q2019: Questionnaire) -> None:
    interview = Interview(q2019, AnswerSet.model_validate(TJUGO), None, lambda _: None)  # type: ignore[arg-type]
    with pytest.raises(LoadError, match="vantetid_dagar: ska vara ett heltal"):
        interview.asked()


@pytest.mark.slow
def test_mypy_refuses_unchecked_answers_to_scoring(tmp_path: Path) -> None:
    """Passing file-model answers to scoring is a type error, not a quiet 0 or []."""
    api = needed("mypy.api")
    snippet = tmp_path / "unchecked.py"
    snippet.write_text(
        "from ojcli.model.answers import AnswerSet\n"
        "from ojcli.model.questionnaire import Questionnaire\n"
        "from ojcli.scoring import Evaluator, score\n\n\n"
        "def f(q: Questionnaire, a: AnswerSet) -> None:\n"
        "    score(q, a)\n"
        "    Evaluator(q, a.answers, q.reference_date)\n",
        encoding="utf-8",
    )
    out, _, status = api.run(
        [
            "--strict",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            "--no-incremental",
            str(snippet),
        ]
    )
    assert status == 1, out
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert len(errors) == 2, out
    assert all('expected "CheckedAnswers"' in e and "[arg-type]" in e for e in errors), out
