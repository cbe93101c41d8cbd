"""Fuzzed answers and questionnaire files: every one ends in a clean Swedish error or a valid result.

Budget: the hypothesis profile ("ci" by default, "long" by hand; see tests/conftest.py). Each
example also runs under a watchdog, so a hang fails the test instead of stalling CI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from typer.testing import CliRunner

from ojcli.cli import app
from ojcli.errors import LoadError
from ojcli.files.loading import (
    MAX_FILE_BYTES,
    example_answers,
    find_questionnaire,
    load_answers,
    load_questionnaire,
)
from ojcli.files.session import Session
from ojcli.files.storage import render_answers, save_answers

Q2019 = find_questionnaire(2019)
QUESTION_IDS = [q.id for q in load_questionnaire(Q2019).questions]
EXAMPLE, EXAMPLE_Q = load_answers(example_answers())
VALID = render_answers(EXAMPLE.to_answer_set(), EXAMPLE_Q).encode("utf-8")
QUESTIONNAIRE_BYTES = Q2019.read_bytes()


def scaled(fraction: float) -> settings:
    """A share of the profile's budget, for the slower tests."""
    budget = max(10, int(settings.default.max_examples * fraction))
    return settings(
        max_examples=budget,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


class Hang(Exception):
    """A single example ran far longer than any file should take."""


@contextlib.contextmanager
def watchdog(seconds: float = 60) -> Iterator[None]:
    """Fail instead of hanging (POSIX timers; elsewhere the CI job timeout is the guard)."""
    if sys.platform == "win32":
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise Hang(f"no result after {seconds} s")

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(autouse=True, scope="module")
def _no_questionnaire_cache() -> Iterator[None]:
    """Fuzzed questionnaires must not fill the cache folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OJCLI_NO_CACHE", "1")
        yield


# --- strategies -----------------------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", "ja", "nej", "vet_ej", "\x00", "\ufeff", "\u202e", "å\u0301", "\x1b[31m"]),
    st.builds(lambda c, n: c * n, st.sampled_from(["x", "å", "\n", "\\"]), st.integers(0, 20_000)),
)
scalars = st.one_of(
    texts,
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.times(),
)
keys = st.one_of(st.sampled_from(QUESTION_IDS), texts)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=20,
)
metas = st.fixed_dictionaries(
    {},
    optional={
        "format_version": st.one_of(st.integers(-3, 4), values),
        "questionnaire": st.one_of(st.sampled_from(["oj-eb-2019", "oj-eb-2024", "2019"]), values),
        "municipality_code": st.one_of(st.sampled_from(["2584", "0180", "1"]), values),
        "municipality_name": st.one_of(st.just("Kiruna"), values),
        "unit": values,
        "respondent": values,
        "saved_at": values,
        "kommunkod": st.one_of(st.integers(0, 9999), values),  # format version 0 keys
        "kommun": values,
    },
)
answer_files = st.fixed_dictionaries(
    {"meta": st.one_of(metas, values)},
    optional={
        "answers": st.one_of(st.dictionaries(keys, values, max_size=8), values),
        "comments": st.one_of(st.dictionaries(keys, texts, max_size=4), values),
        "extra": values,
    },
)


def _dump(data: dict[str, Any]) -> bytes | None:
    try:
        return tomli_w.dumps(data).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError):
        return None  # tomli-w cannot write it (e.g. a time with a zone): not a file


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """A real file after a few edits of the kind editors, copies and disks make."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(
                ["insert", "delete", "flip", "dup_line", "drop_line", "truncate", "bom", "utf16"]
            )
        )
        at = draw(st.integers(0, len(data)))
        if kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=20) | texts.map(str.encode))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "flip" and data:
            data[min(at, len(data) - 1)] = draw(st.integers(0, 255))
        elif kind in ("dup_line", "drop_line"):
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines[i:i] = [lines[i]] if kind == "dup_line" else []
            if kind == "drop_line":
                del lines[i]
            data = bytearray(b"\n".join(lines))
        elif kind == "truncate":
            del data[at:]
        elif kind == "bom":
            data[0:0] = b"\xef\xbb\xbf"
        elif kind == "utf16":
            data = bytearray(bytes(data).decode("utf-8", "replace").encode("utf-16"))
    return bytes(data)


deep = st.builds(
    lambda n, kind: {
        "array": b"[meta]\nx = " + b"[" * n + b"]" * n + b"\n",
        "inline": b"[meta]\nx = " + b"{a = " * n + b"1" + b"}" * n + b"\n",
        "tables": b"[" + b".".join([b"a"] * n) + b"]\n",
        "unclosed": b"[answers]\nx = " + b"[" * n,
    }[kind],
    st.integers(1, 3000),
    st.sampled_from(["array", "inline", "tables", "unclosed"]),
)
duplicates = st.sampled_from(
    [
        b"[meta]\nformat_version = 1\nformat_version = 1\n",
        b"[meta]\n[meta]\n",
        b'[answers]\nrutin_vald = "ja"\n[answers]\nrutin_vald = "nej"\n',
        b'[answers]\nrutin_vald = "ja"\n"rutin_vald" = "nej"\n',
        b"[answers]\na.b = 1\n[answers.a]\nb = 2\n",
        b"[meta]\nformat_version = " + b"9" * 5000 + b"\n",  # beyond int()'s digit limit
        b"[answers]\nvantetid_dagar = 1" + b"0" * 400 + b".0\n",  # a float that is inf
    ]
)
answer_bytes = st.one_of(
    answer_files.map(_dump).filter(lambda b: b is not None),
    mutated(VALID),
    st.binary(max_size=2000),
    deep,
    duplicates,
)
questionnaire_bytes = st.one_of(
    mutated(QUESTIONNAIRE_BYTES),
    st.dictionaries(
        st.sampled_from(
            [
                "format_version",
                "id",
                "year",
                "title",
                "reference_date",
                "themes",
                "sections",
                "indicators",
            ]
        )
        | texts,
        values,
        max_size=8,
    )
    .map(_dump)
    .filter(lambda b: b is not None),
    st.binary(max_size=2000),
    deep,
)


# --- the checks ------------------------------------------------------------------------------


def _event(text: str) -> None:
    """Count an outcome in hypothesis' statistics (the plain tests below run outside it)."""
    with contextlib.suppress(InvalidArgument):
        event(text)


def _kind(exc: LoadError) -> str:
    """A coarse class of error for hypothesis' statistics (what the fuzzing reached)."""
    text = " ".join(p.message for p in exc.problems)
    for needle, kind in (
        ("UTF-8", "inte UTF-8"),
        ("för stor", "för stor"),
        ("djupt nästlad", "för djup"),
        ("formatversion", "formatversion"),
        ("TOML", "TOML-syntax"),
        ("Rätta raden", "TOML-syntax"),
        ("finns inte", "okänd fråga/enkät"),
    ):
        if needle in text:
            return kind
    return "fält/typ"


def check_answers_file(raw: bytes) -> None:
    """Load, open as a session, save: only LoadError may come out, and a valid file saves."""
    with tempfile.TemporaryDirectory() as folder, watchdog():
        path = Path(folder) / "svar.toml"
        path.write_bytes(raw)
        try:
            answers, questionnaire = load_answers(path)
        except LoadError as exc:
            heading = exc.lines()[0]
            loaded = False
            _event(f"svarsfil: fel – {_kind(exc)}")
        else:
            heading = "Kunde inte läsa svarsfilen"
            _event("svarsfil: giltig")
            loaded = True
            saved = answers.to_answer_set()
            save_answers(Path(folder) / "kopia.toml", saved, questionnaire)
            assert load_answers(Path(folder) / "kopia.toml")[0].to_answer_set() == saved
        try:
            session = Session.open(path)
        except LoadError:
            assert not loaded
            assert path.read_bytes() == raw  # an unreadable file is never touched
        else:
            assert loaded
            with session:
                session.save(session.answers)
            # all answers kept, those without a question too (scoring reads the rest)
            assert load_answers(path)[0].to_answer_set().answers == session.answers.answers
        # Not read, or read with something wrong in it; or said in one line to be a questionnaire.
        assert heading.startswith(("Kunde inte läsa svarsfilen", "Fel i svarsfilen")) or (
            "är en enkätfil" in heading and "inte en svarsfil" in heading
        ), heading
        assert not (Path(folder) / "svar.toml.lock").exists()


def check_questionnaire_file(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder, watchdog():
        path = Path(folder) / "enkat.toml"
        path.write_bytes(raw)
        try:
            assert load_questionnaire(path).questions
        except LoadError as exc:
            heading = exc.lines()[0]
            _event(f"enkätfil: fel – {_kind(exc)}")
        else:
            heading = "Kunde inte läsa enkätfilen"
            _event("enkätfil: giltig")
    assert heading.startswith(("Kunde inte läsa enkätfilen", "Fel i enkätfilen")) or (
        "är en svarsfil" in heading and "inte en enkätfil" in heading
    ), heading


@scaled(1.0)
@given(answer_bytes)
@example(VALID)
@example(b"\xef\xbb\xbf" + VALID)
@example(VALID.replace(b"format_version = 1", b"format_version = 0"))
@example(VALID.replace(b"format_version = 1", b"format_version = 99"))
@example(VALID.decode().encode("utf-16"))
@example(VALID.decode().encode("latin-1", "replace"))
@example(b"")
@example(b"\x00" * 100)
@example(b'[meta]\nquestionnaire = "' + b"x" * 251 + b'"\n')  # found by the long run: name too long
def test_any_answers_file_gives_a_clean_error_or_a_valid_result(raw: bytes) -> None:
    check_answers_file(raw)


@scaled(1.0)
@given(questionnaire_bytes)
@example(QUESTIONNAIRE_BYTES)
@example(b"\xef\xbb\xbf" + QUESTIONNAIRE_BYTES)
@example(QUESTIONNAIRE_BYTES.replace(b"format_version = 1", b"format_version = 7"))
def test_any_questionnaire_file_gives_a_clean_error_or_a_valid_result(raw: bytes) -> None:
    check_questionnaire_file(raw)


@scaled(0.3)
@given(
    st.one_of(answer_bytes, questionnaire_bytes), st.sampled_from(["validate", "score", "survey"])
)
def test_the_cli_never_shows_a_traceback(raw: bytes, command: str) -> None:
    with tempfile.TemporaryDirectory() as folder, watchdog():
        path = Path(folder) / "fil.toml"
        path.write_bytes(raw)
        result = CliRunner().invoke(app, [command, str(path)], input="")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in {0, 3}, result.output


# --- sizes a property test cannot afford every time ------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        VALID.replace(b"[comments]", b'[comments]\nfreda_kortfragor = "' + b"x" * 2_000_000 + b'"'),
        b"# " + b"x" * (MAX_FILE_BYTES + 1),
        VALID + b"".join(b"k%d = 1\n" % i for i in range(10_000)),
        VALID + b"[answers.x]\n" + b"".join(b"[answers.x%d]\n" % i for i in range(10_000)),
    ],
    ids=["2-MB-comment", "over-the-size-limit", "10000-keys", "10000-tables"],
)
def test_huge_files_end_cleanly(raw: bytes) -> None:
    check_answers_file(raw)


def test_a_very_long_but_valid_answer_is_kept(tmp_path: Path) -> None:
    raw = VALID.replace(
        b"[comments]", b'[comments]\nrutin_vald = "' + "å".encode() * 100_000 + b'"'
    )
    assert raw != VALID
    check_answers_file(raw)
    path = tmp_path / "svar.toml"
    path.write_bytes(raw)
    answers, _ = load_answers(path)
    assert len(answers.comments["rutin_vald"]) == 100_000


def test_the_watchdog_catches_a_hang() -> None:
    if sys.platform == "win32":
        pytest.skip("POSIX timers")

    def spin() -> None:
        with watchdog(0.2):
            while True:
                dt.date.today()

    with pytest.raises(Hang):
        spin()
