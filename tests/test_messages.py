"""What a person reads when something is wrong: Swedish for the operating system's reasons, one
heading per kind of error, and sentences that say each thing once (issue 19, item 15)."""

from __future__ import annotations

import ast
import errno
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import LoadError, WriteError
from ojcli.files.loading import MAX_FILE_BYTES, example_answers, load_answers
from ojcli.files.storage import write_atomic

ENGLISH = ("Permission denied", "No such file", "Too many levels", "Read-only", "No space", "Errno")


@pytest.mark.parametrize(
    ("code", "swedish"),
    [
        (errno.EACCES, "behörighet saknas"),
        (errno.ENOENT, "filen eller mappen finns inte"),
        (errno.ELOOP, "de symboliska länkarna går i en slinga"),
        (errno.ENOSPC, "det finns inget utrymme kvar på disken"),
        (errno.EROFS, "filsystemet är skrivskyddat"),
        (errno.ENAMETOOLONG, "namnet är för långt för filsystemet"),
        (errno.EXDEV, "filen ligger på ett annat filsystem"),
    ],
)
def test_each_os_error_has_a_swedish_sentence(code: int, swedish: str) -> None:
    from ojcli.errors import os_reason

    assert os_reason(OSError(code, os.strerror(code))) == swedish


def test_an_os_error_without_a_sentence_is_named_by_its_code_not_in_english() -> None:
    from ojcli.errors import os_reason

    said = os_reason(OSError(errno.ECHILD, os.strerror(errno.ECHILD)))
    assert said == "operativsystemet gav felet ECHILD"
    assert os_reason(OSError(123456, "Something odd")) == "ett okänt fel från operativsystemet"


def test_a_file_that_cannot_be_read_says_why_in_swedish(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "svar.toml"
    path.write_bytes(example_answers().read_bytes())
    real_open = os.open

    def denied(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    code, text = invoke(runner, "score", str(path))
    assert code == 3
    assert (
        text
        == f"Kunde inte läsa svarsfilen {path}: {path}: filen kan inte läsas: behörighet saknas"
    )
    assert not any(english in text for english in ENGLISH)


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
@pytest.mark.parametrize("command", ["score", "validate", "report", "survey", "plan"])
def test_a_loop_of_links_is_said_in_swedish(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    one, two = tmp_path / "a.toml", tmp_path / "b.toml"
    one.symlink_to(two)
    two.symlink_to(one)
    code, text = invoke(runner, command, str(one), input="")
    assert code == 3
    assert "de symboliska länkarna går i en slinga" in text
    assert not any(english in text for english in ENGLISH)


def test_a_file_that_cannot_be_written_says_why_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*_: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "replace", read_only)
    with pytest.raises(WriteError) as caught:
        write_atomic(tmp_path / "rapport.md", "text")
    assert str(caught.value) == (
        f"Kunde inte skriva {tmp_path / 'rapport.md'}: filsystemet är skrivskyddat. "
        "Den tidigare filen är orörd."
    )


def test_a_huge_file_is_too_big_to_be_an_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "svar.toml"
    path.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    with pytest.raises(LoadError) as caught:
        load_answers(path)
    assert caught.value.problems[0].message == (
        f"filen är för stor ({MAX_FILE_BYTES + 1} byte) för att vara en svarsfil"
    )


# --- one heading per kind of error --------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "heading"),
    [
        (None, "Kunde inte läsa svarsfilen"),  # missing
        (b"[meta\n", "Kunde inte läsa svarsfilen"),  # not TOML
        (b"\xff\xfe[meta]\n", "Kunde inte läsa svarsfilen"),  # not UTF-8
        (  # read, but a value is wrong
            b'[meta]\nformat_version = 2\nquestionnaire = "oj-eb-2019"\n'
            b'municipality_code = 2584\nmunicipality_name = "Kiruna"\n',
            "Fel i svarsfilen",
        ),
        (b'[Meta]\nquestionnaire = "oj-eb-2019"\n', "Fel i svarsfilen"),  # read, a name misspelt
    ],
    ids=["missing", "not-toml", "not-utf8", "wrong-value", "misspelt-name"],
)
def test_the_heading_says_whether_the_file_was_read(
    runner: CliRunner, tmp_path: Path, content: bytes | None, heading: str
) -> None:
    path = tmp_path / "svar.toml"
    if content is not None:
        path.write_bytes(content)
    for command in ("score", "validate", "report"):
        code, text = invoke(runner, command, str(path))
        assert code == 3
        # validate reads a file before it knows its kind
        unread = heading.startswith("Kunde inte")
        what = "filen" if command == "validate" and unread else "svarsfilen"
        assert text.startswith(heading.replace("svarsfilen", what) + f" {path}:"), (command, text)


# --- each thing said once -----------------------------------------------------------------------


def test_notes_join_the_parenthesis_a_text_ends_with() -> None:
    from ojcli.report.notes import with_note

    assert with_note("Öppna jämförelser 2027 (preliminär)", "mätdatum 2027-03-01") == (
        "Öppna jämförelser 2027 (preliminär; mätdatum 2027-03-01)"
    )
    assert (
        with_note("Öppna jämförelser 2019", "oj-eb-2019") == "Öppna jämförelser 2019 (oj-eb-2019)"
    )


@pytest.fixture
def prepared(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    code, text = invoke(runner, "questionnaires", "new", "2027", "-o", "oj-eb-2027.toml")
    assert code == 0, text
    return tmp_path / "oj-eb-2027.toml"


def _start_a_2027_survey(runner: CliRunner) -> tuple[int, str]:
    """`survey svar.toml` for Kiruna on the prepared 2027 questionnaire, quit at once."""
    return invoke(
        runner,
        "survey",
        "svar.toml",
        "--year",
        "2027",
        "-k",
        "Kiruna",
        "-e",
        "",
        "-u",
        "",
        input="q\n",
    )


def test_a_prepared_year_is_said_without_double_parentheses(
    runner: CliRunner, prepared: Path
) -> None:
    code, text = _start_a_2027_survey(runner)
    assert code == 0, text
    assert (
        "Ny svarsfil för Öppna jämförelser av ekonomiskt bistånd 2027 (preliminär; mätdatum 2027-03-01)."
        in text
    )
    assert ") (" not in text
    code, shown = invoke(runner, "questionnaires", "show", str(prepared))
    assert shown.startswith("Öppna jämförelser av ekonomiskt bistånd 2027 (preliminär; oj-eb-2027)")


def test_the_reference_line_says_change_once(runner: CliRunner, prepared: Path) -> None:
    _start_a_2027_survey(runner)
    code, text = invoke(runner, "score", "svar.toml")
    assert code == 0, text
    line = text[text.index("Mätdatum") : text.index("Preliminär")]
    assert line.count("Ändra") == 1, line  # "Ändra när enkäten är publicerad" (the file's note)
    assert "Bedöm mot ett annat datum med --per." in line


def test_an_assumption_is_called_assumed_once(runner: CliRunner, prepared: Path) -> None:
    code, text = invoke(runner, "questionnaires", "show", str(prepared))
    assert code == 0
    assert re.search(r"ANTAGET( \[[\d, ]+\])? – Antaget", text) is None
    assert re.search(
        r"Ingår 2027: ANTAGET \[[\d, ]+\] – indikatorn ingår 2027 som i enkäten 2024", text
    )


def test_a_lock_file_that_cannot_be_created_says_why_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ojcli.files.locking import FileLock

    lock = FileLock(tmp_path / "svar.toml")
    real_open = os.open

    def read_only(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(lock.path):
            raise OSError(errno.EROFS, "Read-only file system", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(WriteError) as caught:
        lock.acquire()
    assert (
        str(caught.value) == f"Kunde inte skapa låsfilen {lock.path}: filsystemet är skrivskyddat."
    )


# --- one home for every message -----------------------------------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src" / "ojcli"
# The argument that holds the words: the message of an error, the problems of a file's error.
WORDS_AT = {
    "UsageError": 0,
    "WriteError": 0,
    "OjcliError": 0,
    "BadParameter": 0,
    "Problem": 0,
    "LoadError": 1,
    "InvalidFileError": 1,
    "AnswersCheckError": 1,
}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _has_words(node: ast.AST, constants: frozenset[str] = frozenset()) -> bool:
    """Whether `node` writes words, leaving out errors and messages it calls for; `constants`
    are the module's names for words (`HINT = "Installera …"`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)  # "\n" joins lines, it says nothing
    if isinstance(node, ast.Name) and node.id in constants:
        return True
    if isinstance(node, ast.Call) and (
        _name(node) in WORDS_AT
        or (isinstance(node.func, ast.Attribute) and ast.unparse(node.func.value) == "messages")
    ):
        return False  # checked on its own, or worded in the catalogue
    return any(_has_words(child, constants) for child in ast.iter_child_nodes(node))


def inline_messages(path: Path) -> list[str]:
    """Each place in `path` that builds an error from words written there, not in ojcli.messages."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # Names given words anywhere in the module: `HINT = "Installera …"`, `msg = f"…"; raise X(msg)`.
    constants = frozenset(
        target.id
        for statement in ast.walk(tree)
        if isinstance(statement, ast.Assign)
        and isinstance(statement.value, ast.JoinedStr | ast.Constant | ast.BinOp)
        and _has_words(statement.value)
        for target in statement.targets
        if isinstance(target, ast.Name)
    )
    built = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (at := WORDS_AT.get(_name(node))) is not None
        and len(node.args) > at
        and _has_words(node.args[at], constants)
    ]
    # An error class that words itself: `super().__init__(f"Enkäten '{key}' finns inte …")`.
    built += [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and _name(node) == "__init__"
        and any(_has_words(arg, constants) for arg in node.args)
    ]
    # An error's `lines()` (ojcli.errors.OjcliError) says what the person reads, too.
    said = [
        ret
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "lines"
        for ret in ast.walk(node)
        if isinstance(ret, ast.Return)
        and ret.value is not None
        and _has_words(ret.value, constants)
    ]
    return [f"{path.relative_to(SRC)}:{node.lineno}" for node in built + said]


def test_every_error_is_worded_in_the_catalogue() -> None:
    # A person's error is worded once, in ojcli/messages/, with its exit code (issue 19,
    # item 15); the errors' classes and the messages of pydantic's validators in model/ keep theirs.
    found = [
        where
        for path in sorted(SRC.rglob("*.py"))
        if path.relative_to(SRC).parts[0] not in ("messages", "errors.py")
        for where in inline_messages(path)
    ]
    assert found == []


@pytest.mark.parametrize(("module", "code"), [("command_line", 2), ("reading", 3), ("writing", 4)])
def test_each_message_has_its_modules_exit_code(module: str, code: int) -> None:
    # The catalogue is kept by exit code: every error a module's functions return exits with its
    # code (the README's table), so an error is never worded under the wrong code.
    import importlib
    import inspect
    import typing

    from ojcli.errors import OjcliError, Problem

    found = importlib.import_module(f"ojcli.messages.{module}")
    functions = [
        f
        for name, f in inspect.getmembers(found, inspect.isfunction)
        if f.__module__ == found.__name__ and not name.startswith("_")
    ]
    assert functions
    for function in functions:
        returned = typing.get_type_hints(function)["return"]
        if returned in (str, Problem):  # words for an error made elsewhere, or a file's line
            continue
        assert issubclass(returned, OjcliError), function.__name__
        assert returned.exit_code == code, function.__name__
