"""Nothing typed is lost: hand edits during an interview, broken edits, Ctrl-C mid-save, backups."""

from __future__ import annotations

import os
import signal
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import LoadError
from ojcli.files import storage
from ojcli.files.loading import load_answers
from ojcli.files.locking import lock_path
from ojcli.files.merge import merge3
from ojcli.files.session import Session, edited_path, unsaved_path
from ojcli.interview.engine import Interview, QuestionView, ReviewRow, Status
from ojcli.model.answers import CheckedAnswers

Step = str | Callable[[], None]


class ScriptedPrompter:
    """Replies from a script; a callable in the script runs (e.g. edits the file) before the next reply."""

    def __init__(self, script: list[Step]):
        self.script = list(script)
        self.messages: list[str] = []
        self.questions: list[str] = []

    def read(self, prompt: str) -> str:
        while self.script:
            step = self.script.pop(0)
            if callable(step):
                step()
                continue
            return step
        raise EOFError

    def show_question(self, view: QuestionView) -> None:
        self.questions.append(view.question.id)

    def show_help(self, view: QuestionView) -> None:
        pass

    def show_review(self, rows: list[ReviewRow]) -> None:
        pass

    def info(self, text: str) -> None:
        self.messages.append(text)

    def error(self, text: str) -> None:
        self.messages.append(text)


def on_disk(path: Path) -> dict[str, Any]:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    """What a person does in a text editor: change one piece of text and save."""

    def apply() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, (old, text)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return apply


@pytest.fixture
def opened(write_answers: Callable[..., Path]) -> tuple[Path, Session, list[str]]:
    path = write_answers({"freda_kortfragor": "ja", "rutin_vald": "nej"})
    notes: list[str] = []
    session = Session.open(path, notify=notes.append)
    return path, session, notes


# --- hand edits while the interview waits --------------------------------------------------------


def test_an_edit_made_while_the_interview_waits_is_kept_and_reported(
    write_answers: Callable[..., Path],
) -> None:
    path = write_answers({"freda_kortfragor": "ja", "rutin_vald": "nej"})
    notes: list[str] = []
    with Session.open(path, notify=notes.append) as session:
        prompter = ScriptedPrompter(
            [
                edit(path, 'freda_kortfragor = "ja"', 'freda_kortfragor = "nej"'),
                edit(path, "[answers]", '[comments]\nrutin_vald = "Se SN-protokoll"\n\n[answers]'),
                "ja",  # rutin_skyddade, typed after the edits
                "q",
            ]
        )
        status = Interview(session.questionnaire, session.answers, prompter, session.save).run()
    assert status is Status.PAUSED
    data = on_disk(path)
    assert data["answers"]["freda_kortfragor"] == "nej"  # the edit
    assert data["answers"]["rutin_skyddade"] == "ja"  # the typed answer
    assert data["comments"] == {"rutin_vald": "Se SN-protokoll"}
    note = " ".join(" ".join(notes).split())
    assert "hade ändrats utanför ojcli" in note
    assert "Ändringarna är inlästa och behålls: freda_kortfragor, kommentar rutin_vald." in note
    kept = edited_path(path)
    assert f"finns kvar i {kept}" in note
    assert 'freda_kortfragor = "nej"' in kept.read_text(encoding="utf-8")
    # The interview itself sees the edit: the answer in memory is the edited one.
    assert session.answers.answers["freda_kortfragor"] == "nej"


def test_an_edit_that_opens_follow_up_questions_is_followed(
    write_answers: Callable[..., Path],
) -> None:
    """rutin_vald edited to "ja" by hand: its follow-ups count as unanswered from then on."""
    path = write_answers({"freda_kortfragor": "ja", "rutin_vald": "nej"})
    with Session.open(path) as session:
        prompter = ScriptedPrompter(
            [edit(path, 'rutin_vald = "nej"', 'rutin_vald = "ja"'), "ja", "q"]
        )
        interview = Interview(session.questionnaire, session.answers, prompter, session.save)
        interview.run()
        assert interview.unanswered()[0].id == "rutin_vald_beslutad"
    assert on_disk(path)["answers"]["rutin_vald"] == "ja"
    with Session.open(path) as session:  # resuming asks the opened follow-up first
        prompter = ScriptedPrompter(["ja", "q"])
        Interview(session.questionnaire, session.answers, prompter, session.save).run()
    assert prompter.questions[0] == "rutin_vald_beslutad"
    assert on_disk(path)["answers"]["rutin_vald_beslutad"] == "ja"


def test_when_both_change_one_answer_the_typed_one_wins_and_the_other_is_shown(
    opened: tuple[Path, Session, list[str]],
) -> None:
    path, session, notes = opened
    edit(path, 'rutin_vald = "nej"', 'rutin_vald = "vet_ej"')()
    session.answers.answers["rutin_vald"] = "ja"
    session.save(session.answers)
    session.close()
    assert on_disk(path)["answers"]["rutin_vald"] == "ja"
    note = " ".join(notes[-1].split())
    assert 'rutin_vald: i filen stod "vet_ej", här "ja" – det senare gäller.' in note
    assert 'rutin_vald = "vet_ej"' in edited_path(path).read_text(encoding="utf-8")


def test_an_answer_removed_by_hand_stays_removed(opened: tuple[Path, Session, list[str]]) -> None:
    path, session, _ = opened
    edit(path, 'rutin_vald = "nej"\n', "")()
    session.answers.answers["rutin_skyddade"] = "ja"
    session.save(session.answers)
    session.close()
    assert on_disk(path)["answers"] == {"freda_kortfragor": "ja", "rutin_skyddade": "ja"}


def test_a_meta_edit_is_kept(opened: tuple[Path, Session, list[str]]) -> None:
    path, session, _ = opened
    edit(path, 'municipality_name = "Kiruna"', 'municipality_name = "Kiruna"\nrespondent = "Bo"')()
    session.answers.answers["rutin_skyddade"] = "nej"
    session.save(session.answers)
    session.close()
    assert on_disk(path)["meta"]["respondent"] == "Bo"


def test_a_broken_edit_is_never_overwritten_and_answers_wait_beside_it(
    opened: tuple[Path, Session, list[str]],
) -> None:
    path, session, notes = opened
    edit(path, 'rutin_vald = "nej"', "rutin_vald = nej")()  # missing quotes: not TOML
    broken = path.read_bytes()
    session.answers.answers["rutin_skyddade"] = "ja"
    session.save(session.answers)
    assert path.read_bytes() == broken
    stand_in = unsaved_path(path)
    assert stand_in.name == "svar.ny.toml"
    assert on_disk(stand_in)["answers"]["rutin_skyddade"] == "ja"
    assert session.saved_in == stand_in
    note = " ".join(notes[-1].split())
    assert "har ändrats utanför ojcli och går inte att läsa just nu" in note
    assert f"{path}:" in note  # the line with the problem
    assert f"Filen skrivs inte över. Svaren sparas i {stand_in}" in note
    # Another answer while it is still broken: still beside it.
    session.answers.answers["utredningsmall"] = "ja"
    session.save(session.answers)
    assert path.read_bytes() == broken
    assert on_disk(stand_in)["answers"]["utredningsmall"] == "ja"
    # The person fixes the file (and changes something else by hand too): all comes together.
    edit(path, "rutin_vald = nej", 'rutin_vald = "vet_ej"')()
    session.answers.answers["rutin_vrakning"] = "nej"
    session.save(session.answers)
    data = on_disk(path)["answers"]
    assert data["rutin_vald"] == "vet_ej"
    assert data["rutin_skyddade"] == "ja"
    assert data["utredningsmall"] == "ja"
    assert data["rutin_vrakning"] == "nej"
    assert not stand_in.exists()
    assert session.saved_in == path
    assert "går att läsa igen och har nu alla svar" in notes[-1]
    session.close()


def test_closing_while_the_file_is_still_broken_says_where_the_answers_are(
    opened: tuple[Path, Session, list[str]],
) -> None:
    path, session, notes = opened
    edit(path, "[answers]", "[answers")()
    session.answers.answers["rutin_skyddade"] = "ja"
    session.save(session.answers)
    session.close()
    stand_in = unsaved_path(path)
    assert on_disk(stand_in)["answers"]["rutin_skyddade"] == "ja"
    note = " ".join(notes[-1].split())
    assert f"alla svar finns i {stand_in}" in note
    assert f"ojcli survey {stand_in}" in note
    assert not lock_path(path).exists()
    # The next session on the fixed file points at the answers left beside it.
    edit(path, "[answers", "[answers]")()
    later: list[str] = []
    Session.open(path, notify=later.append).close()
    assert any(f"{stand_in} finns kvar" in n for n in later)


def test_a_file_deleted_during_the_interview_is_written_again(
    opened: tuple[Path, Session, list[str]],
) -> None:
    path, session, notes = opened
    path.unlink()
    session.answers.answers["rutin_skyddade"] = "ja"
    session.save(session.answers)
    session.close()
    assert on_disk(path)["answers"] == {
        "freda_kortfragor": "ja",
        "rutin_vald": "nej",
        "rutin_skyddade": "ja",
    }
    assert "fanns inte längre och har skapats igen" in notes[-1]


def test_merge3_takes_each_side_s_changes() -> None:
    base = {"a": 1, "b": 2, "c": 3, "d": 4}
    ours = {"a": 1, "b": 20, "c": 3, "d": 40, "e": 5}
    theirs = {"a": 10, "b": 2, "d": 41, "f": 6}
    merged, taken, conflicts = merge3(base, ours, theirs)
    assert merged == {"a": 10, "b": 20, "d": 40, "e": 5, "f": 6}
    assert sorted(taken) == ["a", "c", "f"]
    assert conflicts == [("d", 41, 40)]


# --- Ctrl-C in the middle of a save ---------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="raises SIGINT with os.kill")
@pytest.mark.usefixtures("ctrl_c_raises")
def test_ctrl_c_during_a_save_waits_until_the_answer_is_on_disk(
    opened: tuple[Path, Session, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, session, _ = opened
    real = storage.write_atomic

    def interrupted(target: Path, content: str | bytes) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C arrives mid-save
        real(target, content)

    monkeypatch.setattr(storage, "write_atomic", interrupted)
    session.answers.answers["rutin_skyddade"] = "ja"
    with pytest.raises(KeyboardInterrupt):
        session.save(session.answers)
    assert on_disk(path)["answers"]["rutin_skyddade"] == "ja"
    session.close()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_interrupted_save_is_retried_on_close(
    opened: tuple[Path, Session, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, session, _ = opened
    real = storage.write_atomic
    calls = []

    def fails_once(target: Path, content: str | bytes) -> None:
        calls.append(target)
        if len(calls) == 1:
            raise KeyboardInterrupt  # e.g. an exception the handler could not hold back
        real(target, content)

    monkeypatch.setattr(storage, "write_atomic", fails_once)
    session.answers.answers["rutin_skyddade"] = "ja"
    with pytest.raises(KeyboardInterrupt):
        session.save(session.answers)
    assert "rutin_skyddade" not in on_disk(path)["answers"]
    session.close()
    assert on_disk(path)["answers"]["rutin_skyddade"] == "ja"


# --- backups and restoring ------------------------------------------------------------------------


def test_each_session_keeps_the_previous_version_as_bak(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    before = path.read_bytes()
    code, text = invoke(runner, "survey", str(path), input="nej\nq\n")
    assert code == 0, text
    assert (path.parent / "svar.toml.bak").read_bytes() == before
    assert on_disk(path)["answers"]["rutin_vald"] == "nej"
    assert not lock_path(path).exists()


def test_a_broken_file_says_how_to_restore_the_backup(
    runner: CliRunner, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    invoke(runner, "survey", str(path), input="nej\nq\n")  # makes svar.toml.bak
    path.write_text(path.read_text(encoding="utf-8") + "\ntrasig = \n", encoding="utf-8")
    broken = path.read_bytes()
    code, text = invoke(runner, "survey", str(path), input="ja\n")
    assert code == 3
    assert f"Kunde inte läsa svarsfilen {path}" in text
    backup = path.parent / "svar.toml.bak"
    assert f"En tidigare version av filen finns i {backup} (1 svar)" in text
    assert f"Windows: copy {backup} {path}" in text
    assert f"macOS/Linux: cp {backup} {path}" in text
    assert path.read_bytes() == broken  # never overwritten
    assert not lock_path(path).exists()


@pytest.mark.parametrize(
    "command", [["score"], ["validate"], ["report", "--format", "md"]], ids=lambda c: c[0]
)
def test_reading_commands_also_say_how_to_restore_the_backup(
    runner: CliRunner, write_answers: Callable[..., Path], command: list[str]
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    invoke(runner, "survey", str(path), input="nej\nq\n")  # makes svar.toml.bak
    path.write_text(path.read_text(encoding="utf-8") + "\ntrasig = \n", encoding="utf-8")
    broken = path.read_bytes()
    code, text = invoke(runner, *command, str(path))
    assert code == 3
    assert "ogiltigt värde" in text
    assert f"En tidigare version av filen finns i {path}.bak (1 svar)" in text
    assert f"macOS/Linux: cp {path}.bak {path}" in text
    assert path.read_bytes() == broken


def test_no_restore_hint_when_the_backup_is_broken_too(write_answers: Callable[..., Path]) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    path.write_text("[meta\n", encoding="utf-8")
    (path.parent / "svar.toml.bak").write_text("[meta\n", encoding="utf-8")
    with pytest.raises(LoadError) as info:
        Session.open(path)
    assert "tidigare version" not in str(info.value)
    assert not lock_path(path).exists()


def test_restore_hint_quotes_paths_with_spaces(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "Svar Kiruna.toml"
    (tmp_path / "Svar Kiruna.toml.bak").write_text(
        '[meta]\nformat_version = 1\nquestionnaire = "oj-eb-2019"\n'
        'municipality_code = "2584"\nmunicipality_name = "Kiruna"\n',
        encoding="utf-8",
    )
    path.write_text("\x00\x01 skräp", encoding="utf-8")
    code, text = invoke(runner, "survey", str(path))
    assert code == 3
    assert f'copy "{tmp_path}/Svar Kiruna.toml.bak" "{tmp_path}/Svar Kiruna.toml"' in text


# --- the lock goes away however the interview ends ------------------------------------------------


@pytest.mark.parametrize("ending", ["q\n", "", "ja\n" * 60 + "\n"], ids=["quit", "eof", "finish"])
def test_the_lock_is_removed_however_the_interview_ends(
    runner: CliRunner, write_answers: Callable[..., Path], ending: str
) -> None:
    path = write_answers({"freda_kortfragor": "ja"})
    code, text = invoke(runner, "survey", str(path), input=ending)
    assert code == 0, text
    assert not lock_path(path).exists()


def test_the_lock_is_removed_after_ctrl_c(
    runner: CliRunner, write_answers: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ojcli.terminal import console

    def interrupt(self: object, prompt: str) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(console.RichPrompter, "read", interrupt)
    path = write_answers({"freda_kortfragor": "ja"})
    code, text = invoke(runner, "survey", str(path))
    assert code == 130
    assert "Fortsätt senare med" in text
    assert not lock_path(path).exists()


def test_a_new_file_is_created_only_once(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ny.toml"
    code, text = invoke(runner, "survey", str(path), "--year", "2019", input="Kiruna\n\n\nja\nq\n")
    assert code == 0, text
    answers, _ = load_answers(path)
    assert answers.answers == {"freda_kortfragor": "ja"}
    assert isinstance(answers, CheckedAnswers)
    # Besides the answers only the schema its first line points editors at (issue 13).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ny.toml", "ojcli-svar-2019.schema.json"]
