"""Every save keeps what a person wrote in the answers file: comments, blank lines, key order (issue 12)."""

from __future__ import annotations

import datetime as dt
import difflib
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import WriteError
from ojcli.files import layout, storage
from ojcli.files.loading import find_questionnaire, load_answers, load_questionnaire
from ojcli.files.session import Session
from ojcli.model.answers import FORMAT_VERSION, AnswerSet
from ojcli.model.questionnaire import (
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Questionnaire,
    TextQuestion,
)
from ojcli.model.schema import directive as schema_directive
from test_storage import V0_FILE

Q2019 = load_questionnaire(find_questionnaire(2019))
Q2024 = load_questionnaire(find_questionnaire(2024))


def editable(path: Path) -> tuple[AnswerSet, Questionnaire]:
    """The answers in a file as the interview holds them: a copy to change and save."""
    checked, questionnaire = load_answers(path)
    return checked.to_answer_set(), questionnaire


EDITED_BY_HAND = """\
# Våra svar för 2019 – Kiruna
# Beslutad i socialnämnden 2023-05-10, dnr SN 2023/123

[meta]
questionnaire = "oj-eb-2019"   # enkätåret
format_version = 2
municipality_code = "2584"
municipality_name = "Kiruna"


[answers]
# Svarat av enhetschefen
rutin_vald = "ja"  # se rutin RV-12
freda_kortfragor = "nej"    # införs hösten 2024

# Väntetid enligt verksamhetssystemet
vantetid_dagar = 14 # medel


[comments]
# underlag
vantetid_dagar = "Hösten 2018"  # källa: Procapita
"""


META = {
    "format_version": FORMAT_VERSION,
    "questionnaire": "oj-eb-2019",
    "municipality_code": "2584",
    "municipality_name": "Kiruna",
    "saved_at": dt.datetime(2024, 3, 1, 10, 0, tzinfo=dt.UTC),
}
DIRECTIVE = schema_directive(Q2019)  # added as the first line where a file has none


def example(question: Question) -> Any:
    """A valid answer to any question."""
    if isinstance(question, NumberQuestion):
        return max(question.minimum, min(14, question.maximum or 14))
    if isinstance(question, DateQuestion):
        return dt.date(2018, 6, 1)
    if isinstance(question, TextQuestion):
        return "Enligt protokollet"
    first = question.options[0].value  # type: ignore[union-attr]
    return [first] if isinstance(question, MultipleChoiceQuestion) else first


def changes(old: str, new: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) from old to new, less the fingerprint every save records."""
    removed, added = [], []
    for line in difflib.ndiff(old.split("\n"), new.split("\n")):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ ") and not line.startswith("+ questionnaire_fingerprint = "):
            added.append(line[2:])
    return removed, added


def test_a_file_in_the_older_format_is_saved_in_the_current_one_in_place(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    older = EDITED_BY_HAND.replace("format_version = 2", "format_version = 1")
    path.write_text(older, encoding="utf-8")
    answers, q = editable(path)
    saved = storage.save_answers(path, answers, q, previous=older.encode("utf-8"))
    removed, added = changes(older, saved)
    assert removed == ["format_version = 1"]
    assert [x for x in added if not x.startswith("saved_at = ")] == [
        DIRECTIVE,
        "format_version = 2",
    ]
    # The questionnaire it was answered to is recorded under [meta], before [answers].
    meta = saved.split("[answers]")[0]
    assert 'questionnaire_fingerprint = "content-sha256:' in meta
    assert editable(path)[0] == answers


def comment(q: Questionnaire, qid: str) -> str:
    return f"# {q.question(qid).text}"


def test_an_interview_on_a_hand_edited_file_keeps_every_comment_and_blank_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(EDITED_BY_HAND, encoding="utf-8")
    # The first unanswered question is rutin_vald's follow-up; go back twice to change
    # freda_kortfragor, keep rutin_vald, answer both follow-ups, then quit.
    code, text = invoke(runner, "survey", str(path), input="<\n<\nja\n\nja\n2018-06-01\nq\n")
    assert code == 0, text
    saved = path.read_text(encoding="utf-8")
    removed, added = changes(EDITED_BY_HAND, saved)
    assert removed == ['freda_kortfragor = "nej"    # införs hösten 2024']
    saved_at = next(line for line in added if line.startswith("saved_at = "))
    assert added == [
        DIRECTIVE,
        saved_at,
        comment(Q2019, "rutin_vald_beslutad"),
        'rutin_vald_beslutad = "ja"',
        comment(Q2019, "rutin_vald_uppfoljd"),
        "rutin_vald_uppfoljd = 2018-06-01",
        'freda_kortfragor = "ja"    # införs hösten 2024',
    ]
    # Each new answer stands right after the one it follows up, the changed one where it was.
    lines = saved.split("\n")
    assert lines.index('rutin_vald = "ja"  # se rutin RV-12') + 2 == lines.index(
        'rutin_vald_beslutad = "ja"'
    )
    assert lines.index(saved_at) == lines.index('municipality_name = "Kiruna"') + 1
    data = tomllib.loads(saved)
    assert data["answers"] == {
        "rutin_vald": "ja",
        "rutin_vald_beslutad": "ja",
        "rutin_vald_uppfoljd": dt.date(2018, 6, 1),
        "freda_kortfragor": "ja",
        "vantetid_dagar": 14,
    }
    # A second session: a comment typed for the next question, and nothing else changes.
    code, text = invoke(runner, "survey", str(path), input="#Enligt protokoll\nq\n")
    assert code == 0, text
    again = path.read_text(encoding="utf-8")
    removed, added = changes(saved, again)
    assert [line for line in removed if line != saved_at] == []
    # In survey order: before the comment on vantetid_dagar and the person's note above it.
    assert [x for x in added if not x.startswith("saved_at = ")] == [
        'rutin_skyddade = "Enligt protokoll"'
    ]
    lines = again.split("\n")
    assert lines.index('rutin_skyddade = "Enligt protokoll"') + 1 == lines.index("# underlag")


def test_a_comment_added_by_hand_while_the_interview_waits_is_kept(
    write_answers: Callable[..., Path],
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    with Session.open(path) as session:
        text = path.read_text(encoding="utf-8")
        path.write_text(
            text.replace('freda_kortfragor = "ja"', 'freda_kortfragor = "ja" # sedan 2017\n# mitt'),
            encoding="utf-8",
        )
        session.answers.answers["rutin_vald"] = "nej"
        session.save(session.answers)
    saved = path.read_text(encoding="utf-8")
    assert 'freda_kortfragor = "ja" # sedan 2017\n' in saved
    assert "\n# mitt\n" in saved
    assert tomllib.loads(saved)["answers"] == {"freda_kortfragor": "ja", "rutin_vald": "nej"}


def test_a_removed_answer_takes_its_question_along_but_leaves_a_persons_note() -> None:
    answers = AnswerSet.model_validate(
        {"meta": META, "answers": {"freda_kortfragor": "ja", "rutin_vald": "ja"}}
    )
    text = storage.render_answers(answers, Q2019).replace(
        'rutin_vald = "ja"', 'rutin_vald = "ja"  # se RV-12'
    )
    del answers.answers["rutin_vald"]
    removed, added = changes(text, layout.update(text, answers, Q2019))
    assert removed == [comment(Q2019, "rutin_vald"), 'rutin_vald = "ja"  # se RV-12']
    assert added == ["# se RV-12"]


@pytest.mark.parametrize("q", [Q2019, Q2024], ids=lambda q: q.id)
def test_answering_in_survey_order_writes_what_a_new_file_would_hold(q: Questionnaire) -> None:
    """The usual way: each answer saved as it is given gives the familiar layout, sections and all."""
    answers = AnswerSet.model_validate({"meta": {**META, "questionnaire": q.id}})
    text = storage.render_answers(answers, q)
    for question in q.questions:
        answers.answers[question.id] = example(question)
        text = layout.update(text, answers, q)
        assert text == storage.render_answers(answers, q), question.id
    for question in q.questions[::3]:  # and taken out again
        del answers.answers[question.id]
        text = layout.update(text, answers, q)
        assert text == storage.render_answers(answers, q), question.id
    for question in q.sections[0].questions:  # a section left empty loses its heading too
        answers.answers.pop(question.id, None)
    text = layout.update(text, answers, q)
    assert text == storage.render_answers(answers, q)
    assert f"--- {q.sections[0].title} ---" not in text


def test_a_file_without_a_final_newline_gets_new_entries_on_lines_of_their_own(
    tmp_path: Path,
) -> None:
    path = tmp_path / "svar.toml"
    text = EDITED_BY_HAND.rstrip("\n")  # ends in a comment, without a line break
    path.write_text(text, encoding="utf-8")
    answers, q = editable(path)
    answers.comments["rattsfall"] = "Se protokollet"  # after the last one, in survey order
    saved = storage.save_answers(path, answers, q, previous=text.encode("utf-8"))
    removed, added = changes(text, saved)
    assert removed == []
    assert [x for x in added if not x.startswith("saved_at = ")] == [
        DIRECTIVE,
        'rattsfall = "Se protokollet"',
        "",
    ]
    assert saved.endswith(
        'vantetid_dagar = "Hösten 2018"  # källa: Procapita\nrattsfall = "Se protokollet"\n'
    )
    assert saved.startswith(f"{DIRECTIVE}\n# Våra svar för 2019 – Kiruna\n")


def test_a_table_header_that_ends_the_file_gets_its_first_entry_on_the_next_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "svar.toml"
    text = EDITED_BY_HAND.replace(
        '[comments]\n# underlag\nvantetid_dagar = "Hösten 2018"  # källa: Procapita\n', "[comments]"
    )
    path.write_text(text, encoding="utf-8")
    answers, q = editable(path)
    answers.comments["rattsfall"] = "Se protokollet"
    saved = storage.save_answers(path, answers, q, previous=text.encode("utf-8"))
    assert saved.endswith('\n[comments]\nrattsfall = "Se protokollet"\n')
    assert saved.startswith(f"{DIRECTIVE}\n# Våra svar för 2019 – Kiruna\n")  # not fresh


def test_the_header_names_the_ojcli_that_saved_the_file_last() -> None:
    """An older ojcli reads the version there to say which release a newer format needs."""
    answers = AnswerSet.model_validate({"meta": META, "answers": {"freda_kortfragor": "ja"}})
    text = storage.render_answers(answers, Q2019).replace(storage.header(), storage.header("0.0.1"))
    assert "ojcli 0.0.1." in text
    assert layout.update(text, answers, Q2019).split("\n")[:2] == [DIRECTIVE, storage.header()]
    mine = text.replace(storage.header("0.0.1"), "# Skapad med ojcli 0.0.1 av Anna")
    assert layout.update(mine, answers, Q2019) == mine  # a person's own line stays


@pytest.mark.parametrize(
    ("bom", "newline"),
    [("\ufeff", "\n"), ("", "\r\n"), ("\ufeff", "\r\n")],
    ids=["bom", "crlf", "both"],
)
def test_a_windows_editor_s_bom_and_line_endings_stay(
    tmp_path: Path, bom: str, newline: str
) -> None:
    path = tmp_path / "svar.toml"
    text = bom + EDITED_BY_HAND.replace("\n", newline)
    path.write_bytes(text.encode("utf-8"))
    answers, q = editable(path)
    answers.answers["socialjour"] = "ja"  # a new line among the old ones
    saved = storage.save_answers(path, answers, q, previous=path.read_bytes())
    assert saved.startswith(f"{bom}{DIRECTIVE}{newline}# Våra svar för 2019 – Kiruna{newline}")
    assert saved.count("\n") == saved.count(newline)  # no line ends otherwise
    assert editable(path)[0] == answers


def test_a_file_whose_layout_cannot_be_kept_is_written_fresh_and_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(EDITED_BY_HAND, encoding="utf-8")
    answers, q = editable(path)
    answers.answers["rutin_skyddade"] = "ja"

    def fails(*args: Any) -> str:
        raise RecursionError  # whatever the layout library may raise

    monkeypatch.setattr(layout, "update", fails)
    storage.save_answers(path, answers, q, previous=path.read_bytes())
    assert editable(path)[0] == answers
    assert path.read_text(encoding="utf-8").split("\n")[:2] == [DIRECTIVE, storage.header()]


def test_a_kept_layout_that_would_not_read_back_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-back check covers the layout-keeping path: a wrong text is never saved."""
    path = tmp_path / "svar.toml"
    path.write_text(EDITED_BY_HAND, encoding="utf-8")
    answers, q = editable(path)
    answers.answers["rutin_skyddade"] = "ja"
    monkeypatch.setattr(layout, "update", lambda text, *_: text)  # forgets the new answer
    storage.save_answers(path, answers, q, previous=path.read_bytes())
    assert load_answers(path)[0].answers["rutin_skyddade"] == "ja"


def test_a_new_file_that_would_not_read_back_is_refused_and_the_old_one_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "svar.toml"
    path.write_text(EDITED_BY_HAND, encoding="utf-8")
    answers, q = editable(path)
    answers.answers["rutin_skyddade"] = "ja"
    monkeypatch.setattr(storage, "render_answers", lambda *_: EDITED_BY_HAND)
    with pytest.raises(WriteError, match="skulle inte gå att läsa tillbaka oförändrad"):
        storage.save_answers(path, answers, q)
    assert path.read_text(encoding="utf-8") == EDITED_BY_HAND
    assert sorted(p.name for p in tmp_path.iterdir()) == ["svar.toml"]


def test_upgrading_an_old_format_keeps_its_comments(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "gammal.toml"
    old = V0_FILE.replace('kommun = "Stockholm"', 'kommun = "Stockholm"  # hela staden')
    path.write_text(old, encoding="utf-8")
    code, text = invoke(runner, "survey", str(path), input="")
    assert code == 0, text
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith(f"{DIRECTIVE}\n# Svar (förhandsversion av ojcli)\n[meta]\n")
    assert "\n# hela staden\n" in saved  # the renamed key's note stays, on a line of its own
    assert 'freda_kortfragor = "ja"\nvantetid_dagar = 12\n\n[comments]\n' in saved
    assert load_answers(path)[0].meta.municipality_code == "0180"


# --- any layout a person may write ------------------------------------------------------------
#
# Files are drawn as text: tables in any order, keys in any order and quoting, any spacing,
# comments on their own lines and at line ends, blank lines, CRLF, a BOM, no final newline.
# Values are valid for their questions, so each file is a real answers file.

NOTE = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff"), max_size=20
)
SPACE = st.sampled_from(["", " ", "  ", "\t"])


def value_for(question: Question) -> st.SearchStrategy[Any]:
    if isinstance(question, NumberQuestion):
        return st.integers(question.minimum, question.maximum or 10_000)
    if isinstance(question, DateQuestion):
        return st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))
    if isinstance(question, TextQuestion):
        return NOTE
    values = [o.value for o in question.options]  # type: ignore[union-attr]
    if isinstance(question, MultipleChoiceQuestion):
        return st.lists(st.sampled_from(values), unique=True, min_size=1)
    return st.sampled_from(values)


@st.composite
def answer_sets(draw: st.DrawFn, q: Questionnaire = Q2019) -> tuple[dict[str, Any], dict[str, str]]:
    chosen = draw(st.lists(st.sampled_from(q.questions), unique_by=lambda x: x.id, max_size=8))
    commented = draw(st.lists(st.sampled_from(q.questions), unique_by=lambda x: x.id, max_size=3))
    return {x.id: draw(value_for(x)) for x in chosen}, {x.id: draw(NOTE) for x in commented}


class Writer:
    """Draws the lines of a hand-written file, remembering each comment in the order written."""

    def __init__(self, draw: st.DrawFn):
        self.draw = draw
        self.lines: list[str] = []
        self.notes: list[str] = []

    def note(self) -> str:
        text = f"#{self.draw(NOTE)}"
        self.notes.append(text)
        return text

    def padding(self) -> None:
        for kind in self.draw(st.lists(st.sampled_from(["comment", "blank", "space"]), max_size=2)):
            self.lines.append({"comment": self.note, "blank": str, "space": lambda: "  "}[kind]())

    def entry(self, key: str, value: Any) -> None:
        draw = self.draw
        written = storage.render_value(value)
        if isinstance(value, str) and "'" not in value and draw(st.booleans()):
            written = f"'{value}'"  # a literal string
        elif isinstance(value, int) and value >= 1000 and draw(st.booleans()):
            written = f"{value:_}"
        name = draw(st.sampled_from([key, f'"{key}"', f"'{key}'"]))
        line = f"{draw(SPACE)}{name}{draw(SPACE)}={draw(SPACE)}{written}"
        if draw(st.booleans()):
            line += f"{draw(SPACE)}{self.note()}"
        self.lines.append(line)

    def table(self, name: str, values: dict[str, Any]) -> None:
        self.lines += [""] * self.draw(st.integers(0, 2))
        header = f"[{name}]"
        if self.draw(st.booleans()):
            header += f"{self.draw(SPACE)}{self.note()}"
        self.lines.append(header)
        for key in self.draw(st.permutations(list(values))):
            self.padding()
            self.entry(key, values[key])
        self.padding()


@st.composite
def hand_written(draw: st.DrawFn, q: Questionnaire = Q2019) -> tuple[str, AnswerSet, list[str]]:
    """(the file's text, the answers it holds, its comments in order)."""
    answers, comments = draw(answer_sets(q))
    meta = {
        "format_version": FORMAT_VERSION,
        "questionnaire": q.id,
        "municipality_code": "2584",
        "municipality_name": draw(st.sampled_from(["Kiruna", "Kiruna kommun"])),
        **draw(st.fixed_dictionaries({}, optional={"unit": NOTE, "respondent": NOTE})),
    }
    tables = {"meta": meta, "answers": answers}
    if comments or draw(st.booleans()):
        tables["comments"] = comments
    writer = Writer(draw)
    if draw(st.booleans()):
        writer.lines.append(DIRECTIVE)  # as ojcli writes it; else a save adds it
    writer.padding()
    for name in draw(st.permutations(list(tables))):
        writer.table(name, tables[name])
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    text = newline.join(writer.lines) + draw(st.sampled_from([newline, ""]))
    text = draw(st.sampled_from(["", "\ufeff"])) + text
    data = {"meta": meta, "answers": answers, "comments": comments}
    return text, AnswerSet.model_validate(data), writer.notes


def in_order(notes: list[str], text: str) -> bool:
    """Whether each note is in the text, after the one before it."""
    at = 0
    for note in notes:
        at = text.find(note, at)
        if at < 0:
            return False
        at += len(note)
    return True


@given(hand_written())
def test_saving_an_unchanged_file_gives_back_the_same_bytes(
    drawn: tuple[str, AnswerSet, list[str]],
) -> None:
    text, answers, _ = drawn
    assert AnswerSet.model_validate(tomllib.loads(text.removeprefix("\ufeff"))) == answers
    expected, bom = text, "\ufeff" if text.startswith("\ufeff") else ""
    if not text.removeprefix(bom).startswith(DIRECTIVE):  # the one line a save adds
        newline = "\r\n" if "\r\n" in text else "\n"
        expected = bom + DIRECTIVE + newline + text.removeprefix(bom)
    assert layout.update(text, answers, Q2019) == expected


@given(hand_written(), answer_sets())
def test_any_change_keeps_every_comment_a_person_wrote(
    tmp_path_factory: pytest.TempPathFactory,
    drawn: tuple[str, AnswerSet, list[str]],
    new: tuple[dict[str, Any], dict[str, str]],
) -> None:
    text, answers, notes = drawn
    path = tmp_path_factory.mktemp("layout") / "svar.toml"
    path.write_bytes(text.encode("utf-8"))
    answers.answers.clear()
    answers.answers.update(new[0])
    answers.comments.clear()
    answers.comments.update(new[1])
    saved = storage.save_answers(path, answers, Q2019, previous=text.encode("utf-8"))
    assert path.read_bytes() == saved.encode("utf-8")
    assert editable(path)[0] == answers
    assert in_order(notes, saved), saved
    assert saved.count("\n") - saved.count("\r\n") == 0 or "\r\n" not in text
