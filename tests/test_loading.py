"""Loading: every bundled questionnaire is valid; bad files give Swedish errors with file and line."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ojcli.errors import AnswersCheckError, LoadError
from ojcli.files.check import check_file
from ojcli.files.loading import list_questionnaires, load_answers, load_questionnaire
from ojcli.files.storage import render_answers
from ojcli.model.answers import AnswerSet, Meta, value_problem
from ojcli.model.questionnaire import Questionnaire, TextQuestion

MINIMAL = """\
format_version = 1
id = "test-2024"
year = 2024
title = "Testenkät"
reference_date = 2024-03-01
themes = [{{ id = "t", title = "Tema" }}]

[[sections]]
id = "s"
title = "Avsnitt"
[[sections.questions]]
id = "rutin_vald"
type = "yes_no"
text = "Finns rutinen?"
[[sections.questions]]
id = "form"
type = "single_choice"
text = "Vilken form?"
options = [{{ value = "egen", label = "Egen" }}, {{ value = "samverkan", label = "Samverkan" }}]
{extra_question}
[[indicators]]
id = "rutin"
title = "Rutin"
theme = "{theme}"
advice = "Ta fram en rutin."
rule = {rule}
"""


def questionnaire_text(
    rule: str = '{ question = "rutin_vald", equals = "ja" }',
    theme: str = "t",
    extra_question: str = "",
) -> str:
    return MINIMAL.format(rule=rule, theme=theme, extra_question=extra_question)


def test_every_bundled_questionnaire_loads() -> None:
    infos = list_questionnaires()
    assert [i.year for i in infos] == sorted(i.year for i in infos)
    assert {2019, 2024} <= {i.year for i in infos}
    for info in infos:
        q = load_questionnaire(info.path)
        assert q.id == info.id == info.path.stem
        assert q.year == info.year
        assert all(ind.presence and ind.criterion for ind in q.indicators), (
            f"{q.id}: every indicator says how its presence and criterion are known"
        )


@pytest.mark.parametrize(
    ("rule", "theme", "expected"),
    [
        (
            '{ question = "rutin_vad", equals = "ja" }',
            "t",
            "frågan 'rutin_vad' finns inte – menade du 'rutin_vald'?",
        ),
        (
            '{ question = "form", equals = "egne" }',
            "t",
            "'egne' är inte ett alternativ i frågan 'form' – menade du 'egen'?",
        ),
        (
            '{ question = "form", within_months = 12 }',
            "t",
            "frågan 'form' är av typen ett alternativ och passar inte den här regeln",
        ),
        (
            '{ question = "rutin_vald", equals = "ja" }',
            "tma",
            "indikator 'rutin': temat 'tma' finns inte",
        ),
        ('{ question = "rutin_vald", equal = "ja" }', "t", "regeln ska ha exakt en av nycklarna"),
        ("{ all = [] }", "t", "får inte vara tom"),
    ],
)
def test_bad_questionnaire_is_reported_with_a_hint(
    write_text: Callable[[str, str], Path], rule: str, theme: str, expected: str
) -> None:
    path = write_text(questionnaire_text(rule, theme), "enkat.toml")
    with pytest.raises(LoadError) as caught:
        load_questionnaire(path)
    message = "\n".join(caught.value.lines())
    assert str(path) in message
    assert expected in message


def test_condition_may_not_refer_to_a_later_question(
    write_text: Callable[[str, str], Path],
) -> None:
    extra = '[[sections.questions]]\nid = "tidig"\ntype = "yes_no"\ntext = "?"\nasked_if = { question = "sen", equals = "ja" }\n[[sections.questions]]\nid = "sen"\ntype = "yes_no"\ntext = "?"\n'
    path = write_text(questionnaire_text(extra_question=extra), "enkat.toml")
    with pytest.raises(LoadError, match="som inte kommer före 'tidig'"):
        load_questionnaire(path)


def test_unknown_field_in_questionnaire_names_its_line(
    write_text: Callable[[str, str], Path],
) -> None:
    text = questionnaire_text().replace(
        'text = "Vilken form?"', 'text = "Vilken form?"\nhjalp = "x"'
    )
    path = write_text(text, "enkat.toml")
    with pytest.raises(LoadError) as caught:
        load_questionnaire(path)
    line = text.splitlines().index('hjalp = "x"') + 1
    assert f"{path}:{line}: sections[0].questions[1].hjalp: är ett okänt fält" in "\n".join(
        caught.value.lines()
    )


# --- answers files ---------------------------------------------------------------------------


def test_bundled_example_loads_against_its_questionnaire() -> None:
    from ojcli.files.loading import example_answers

    answers, q = load_answers(example_answers())
    assert q.id == answers.meta.questionnaire == "oj-eb-2019"
    assert answers.answers["vantetid_dagar"] == 18


BAD_ANSWERS = [
    # (text of the [answers] table, expected line offset from "[answers]", expected message part)
    (
        'freda_kortfragor = "jaa"',
        '\'jaa\' är inte ett av alternativen "ja", "nej", "vet_ej" – menade du \'ja\'?',
    ),
    (
        '"fredа_kortfragor" = "ja"',
        "frågan 'fredа_kortfragor' finns inte i enkäten 2019 – menade du 'freda_kortfragor'?",
    ),
    ('"freda_kortfrågor" = "ja"', "menade du 'freda_kortfragor'?"),
    ('vantetid_dagar = "14"', "ska vara ett heltal utan citattecken"),
    ("vantetid_dagar = 400", "får vara högst 365"),
    ('rutin_vald_uppfoljd = "2023-02-30"', "2023-02-30 finns inte: februari 2023 har 28 dagar"),
    ('rutin_vald_uppfoljd = "1 mars 2023"', "ska vara ett datum, t.ex. 2024-03-01"),
    ('rutin_vald_uppfoljd = "2023-3-1"', "ska vara ett datum skrivet ÅÅÅÅ-MM-DD: 2023-03-01"),
    ("rutin_vald_uppfoljd = 2023-01-01T10:00:00", "ska vara ett datum utan klockslag"),
    ("vantetid_dagar = 14.5", "ska vara ett heltal, utan decimaler (inte 14.5)"),
    ("freda_kortfragor = true", "ska vara text"),
]


@pytest.mark.parametrize(("line", "expected"), BAD_ANSWERS)
def test_bad_answer_names_file_line_and_field(
    write_text: Callable[[str, str], Path], line: str, expected: str
) -> None:
    text = f'[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\nmunicipality_code = "2584"\nmunicipality_name = "Kiruna"\n\n[answers]\nrattsfall = "ja"\n{line}\n'
    """As `validate` checks it; an answer under an id without a question is kept by the loader
    (its question may have been deleted from the questionnaire), and listed by `validate`."""
    path = write_text(text, "svar.toml")
    with pytest.raises((LoadError, AnswersCheckError)) as caught:
        check_file(path)
    message = "\n".join(caught.value.lines())
    assert expected in message
    key = line.split("=")[0].strip().strip('"')
    assert f"{path}:9: answers.{key}:" in message


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        (
            '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\nmunicipality_code = 2584\n',
            4,
            "ska vara en kommunkod med fyra siffror inom citattecken",
        ),
        (
            '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-1999"\nmunicipality_code = "2584"\nmunicipality_name = "K"\n',
            3,
            "Enkäten 'oj-eb-1999' finns inte",
        ),
        ("[meta]\nformat_version = 1\n\n[answers]\nfreda = ja\n", 5, "ogiltigt värde"),
        ("[meta]\nformat_version = 1\n[meta]\n", 3, "anges två gånger"),
        (
            '[meta]\nformat_version = 1\n[answers]\nfreda_kortfrågor = "ja"\n',
            4,
            "en nyckel utan citattecken får bara innehålla a–z",
        ),
        ('[meta]\nformat_version = 99\nquestionnaire = "oj-eb-2019"\n', 2, "formatversion 99"),
    ],
)
def test_broken_answers_file_gives_line_and_swedish_message(
    write_text: Callable[[str, str], Path], text: str, line: int, expected: str
) -> None:
    path = write_text(text, "svar.toml")
    with pytest.raises(LoadError) as caught:
        load_answers(path)
    message = "\n".join(caught.value.lines())
    assert message.startswith((f"Kunde inte läsa svarsfilen {path}:", f"Fel i svarsfilen {path}:"))
    assert f"{path}:{line}:" in message
    assert expected in message


def test_missing_meta_field_is_named(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"rattsfall": "ja"})
    text = path.read_text(encoding="utf-8").replace('municipality_name = "Kiruna"\n', "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LoadError, match=r"meta\.municipality_name: saknas"):
        load_answers(path)


def test_non_utf8_and_missing_files_are_clean_errors(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.toml"
    latin.write_bytes('[meta]\nmunicipality_name = "Malmö"\n'.encode("latin-1"))
    with pytest.raises(LoadError, match="inte UTF-8-kodad"):
        load_answers(latin)
    with pytest.raises(LoadError, match="filen finns inte"):
        load_answers(tmp_path / "saknas.toml")
    with pytest.raises(LoadError, match="det är en mapp"):
        load_answers(tmp_path)


def test_a_bom_from_windows_editors_is_accepted(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"rattsfall": "ja"})
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    answers, _ = load_answers(path)
    assert answers.answers == {"rattsfall": "ja"}


# --- the file ojcli writes reads back unchanged -------------------------------------------------

# Any text a person can write: control characters other than tab and line break are refused.
TEXT = st.text(
    st.characters(exclude_categories=["Cs", "Cc"]) | st.sampled_from("\t\n"), max_size=40
)


@st.composite
def answer_sets(draw: st.DrawFn, q: Questionnaire) -> AnswerSet:
    answers: dict[str, Any] = {}
    for question in q.questions:
        if not draw(st.booleans()):
            continue
        if question.type == "yes_no":
            answers[question.id] = draw(st.sampled_from(["ja", "nej", "vet_ej"]))
        elif question.type == "number":
            answers[question.id] = draw(st.integers(0, 365))
        elif question.type == "date":
            answers[question.id] = draw(st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))
    comments = draw(st.dictionaries(st.sampled_from([x.id for x in q.questions]), TEXT, max_size=3))
    meta = Meta(
        format_version=1,
        questionnaire=q.id,
        municipality_code=draw(st.from_regex(r"\A\d{4}\Z")),
        municipality_name=draw(TEXT.filter(bool)),
        unit=draw(TEXT),
        respondent=draw(TEXT),
    )
    return AnswerSet(meta=meta, answers=answers, comments=comments)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_written_answers_read_back_identical(q2019: Questionnaire, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(q2019))
    text = render_answers(answers, q2019)
    assert AnswerSet.model_validate(tomllib.loads(text)) == answers


@pytest.mark.parametrize(
    ("field", "key", "over"),
    [
        ("meta.unit", "unit", {"unit": "Norr\x1b[2J"}),
        ("comments.rattsfall", "rattsfall", {"comments": {"rattsfall": "ok\x07"}}),
    ],
)
def test_control_characters_in_an_answers_file_are_refused_with_their_line(
    write_answers: Callable[..., Path],
    all_met: Callable[[], dict[str, Any]],
    field: str,
    key: str,
    over: dict[str, Any],
) -> None:
    # A file from a colleague could carry escapes that clear the screen or rewrite lines.
    path = write_answers(all_met(), **over)
    with pytest.raises(LoadError) as caught:
        load_answers(path)
    message = "\n".join(caught.value.lines())
    table = f"[{field.split('.')[0]}]"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(
        n for n, text in enumerate(lines, 1) if text.startswith(key) and n > lines.index(table)
    )
    assert f"{path}:{line}: {field}: innehåller ett styrtecken (U+00" in message


def test_a_text_answer_with_a_control_character_is_refused() -> None:
    question = TextQuestion(id="fritt", text="Övrigt", type="text")
    assert value_problem(question, "rad ett\nrad två\tflik") is None
    assert value_problem(question, "a\x1bb") == "innehåller ett styrtecken (U+001B); ta bort det"
