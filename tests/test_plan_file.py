"""The plan in the answers file (issue 18): `[plan.INDICATOR]` tables, validated like the answers,
kept through every save like comments, in the JSON Schema, and merged like answers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import textwrap
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import invoke, invoke_raw
from ojcli.errors import LoadError
from ojcli.files.loading import load_answers
from ojcli.files.session import Session
from ojcli.files.storage import save_answers
from ojcli.model.plan import Decision

HEAD = """\
[meta]
format_version = 2
questionnaire = "oj-eb-2019"
municipality_code = "2584"
municipality_name = "Kiruna"

[answers]
freda_kortfragor = "nej"
vantetid_dagar = 20
"""

GOOD_PLAN = """\

# Vår plan, skriven för hand
[plan.freda-kortfragor]
decision = "act"   # beslutat på APT
action = "Inför FREDA-kortfrågor i nybesöken"
# Anna har lovat
owner = "Anna Andersson"
due = 2019-02-15

[plan.vantetid-nybesok]
decision = "accept"
reason = "Personalbrist; prioriteras nästa år"
"""


def test_a_plan_is_read_into_decisions(write_text: Callable[..., Path]) -> None:
    answers, _ = load_answers(write_text(HEAD + GOOD_PLAN, "svar.toml"))
    assert answers.plan["freda-kortfragor"] == Decision(
        decision="act",
        action="Inför FREDA-kortfrågor i nybesöken",
        owner="Anna Andersson",
        due=dt.date(2019, 2, 15),
    )
    assert answers.plan["vantetid-nybesok"].reason.startswith("Personalbrist")


BAD_PLANS = [
    # (the plan's text, the line the message names, words the message must have)
    (
        '[plan.freda-kortfragr]\ndecision = "no_action"\n',
        11,
        ["plan.freda-kortfragr", "finns inte i enkäten 2019", "menade du 'freda-kortfragor'"],
    ),
    ('[plan.freda-kortfragor]\ndecision = "act"\naction = "x"\n', 11, ["owner och due"]),
    ('[plan.freda-kortfragor]\ndecision = "accept"\n', 11, ["behöver reason"]),
    ('[plan.freda-kortfragor]\ndecision = "godta"\n', 12, ["'godta' är inget beslut", '"act"']),
    (
        '[plan.freda-kortfragor]\ndecision = "no_action"\ndue = 2019-01-01\n',
        11,
        ['due hör till decision = "act"'],
    ),
    (
        '[plan.freda-kortfragor]\ndecision = "act"\naction = "x"\nowner = "y"\ndue = "2019-02-30"\n',
        15,
        ["2019-02-30 finns inte: februari 2019 har 28 dagar"],
    ),
    ('[plan.freda-kortfragor]\ndecision = "no_action"\nower = "y"\n', 13, ["okänt fält"]),
]


@pytest.mark.parametrize(("plan", "line", "words"), BAD_PLANS)
def test_a_wrong_plan_is_named_with_file_line_and_what_is_wrong(
    runner: CliRunner, write_text: Callable[..., Path], plan: str, line: int, words: list[str]
) -> None:
    path = write_text(HEAD + "\n" + plan, "svar.toml")
    before = path.read_bytes()
    code, out = invoke(runner, "validate", str(path))
    assert code == 3
    assert f"svar.toml:{line}:" in out
    for word in words:
        assert word in out
    code, out = invoke(runner, "score", str(path))
    assert code == 3
    assert words[0] in out
    assert path.read_bytes() == before  # never rewritten: the unknown id is kept as written


def test_a_quoted_date_is_the_date_and_a_save_writes_it_unquoted(
    write_text: Callable[..., Path],
) -> None:
    path = write_text(
        HEAD + GOOD_PLAN.replace("due = 2019-02-15", 'due = "2019-02-15"'), "svar.toml"
    )
    answers, q = load_answers(path)
    assert answers.plan["freda-kortfragor"].due == dt.date(2019, 2, 15)
    text = save_answers(path, answers.to_answer_set(), q, previous=path.read_bytes())
    assert "due = 2019-02-15\n" in text
    assert "# Anna har lovat\n" in text


def test_a_session_refuses_a_plan_with_an_unknown_indicator_and_leaves_it_be(
    write_text: Callable[..., Path],
) -> None:
    path = write_text(HEAD + '\n[plan.gammal-indikator]\ndecision = "no_action"\n', "svar.toml")
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        Session.open(path)
    assert "gammal-indikator" in "\n".join(caught.value.lines())
    assert path.read_bytes() == before


def test_a_save_keeps_what_a_person_wrote_in_the_plan(write_text: Callable[..., Path]) -> None:
    path = write_text(HEAD + GOOD_PLAN, "svar.toml")
    answers, q = load_answers(path)
    edited = answers.to_answer_set()
    edited.plan["freda-kortfragor"] = edited.plan["freda-kortfragor"].model_copy(
        update={"owner": "Bo Berg"}
    )
    edited.plan["rutin-skyddade-personuppgifter"] = Decision(decision="no_action")
    edited.answers["vantetid_dagar"] = 12
    text = save_answers(path, edited, q, previous=path.read_bytes())
    assert "# Vår plan, skriven för hand\n" in text
    assert 'decision = "act"   # beslutat på APT\n' in text
    assert '# Anna har lovat\nowner = "Bo Berg"\n' in text
    # The new decision stands in indicator order, between the two, with its title.
    new = "[plan.rutin-skyddade-personuppgifter]\n# Rutin för att inte röja skyddade personuppgifter\n"
    assert (
        text.index("[plan.freda-kortfragor]")
        < text.index(new)
        < text.index("[plan.vantetid-nybesok]")
    )
    assert load_answers(path)[0].plan == edited.plan
    # Nothing else moved: the old text is the new one less the lines this save changed.
    old_lines = (HEAD + GOOD_PLAN).splitlines()
    kept = [line for line in old_lines if line in text.splitlines()]
    assert len(old_lines) - len(kept) == 2  # the owner and the waiting time


def test_a_new_file_writes_the_plan_in_indicator_order_with_titles(
    write_text: Callable[..., Path], tmp_path: Path
) -> None:
    answers, q = load_answers(write_text(HEAD + GOOD_PLAN, "svar.toml"))
    text = save_answers(tmp_path / "ny.toml", answers.to_answer_set(), q)
    plan = text[text.index("# Handlingsplan") :]
    assert plan.index("[plan.freda-kortfragor]") < plan.index("[plan.vantetid-nybesok]")
    assert "# Väntetid för nybesök högst 14 dagar\n" in plan
    assert tomllib.loads(text)["plan"]["freda-kortfragor"]["due"] == dt.date(2019, 2, 15)


def test_edits_to_the_plan_on_disk_are_merged_into_a_session(
    write_text: Callable[..., Path],
) -> None:
    path = write_text(HEAD + GOOD_PLAN, "svar.toml")
    notices: list[str] = []
    with Session.open(path, notify=notices.append) as session:
        answers = session.answers
        # Meanwhile, someone accepts another indicator by hand…
        path.write_text(
            path.read_text("utf-8")
            + '\n[plan.socialjour]\ndecision = "accept"\nreason = "Länets jour"\n',
            encoding="utf-8",
        )
        # …while this session decides one.
        answers.plan["information-rattsfall"] = Decision(decision="no_action")
        session.save(answers)
    plan = load_answers(path)[0].plan
    assert set(plan) >= {"socialjour", "information-rattsfall", "freda-kortfragor"}
    assert any("beslut socialjour" in n for n in notices)


def test_the_year_schema_knows_the_indicators_as_plan_keys(runner: CliRunner) -> None:
    code, out = invoke_raw(runner, "schema", "--year", "2019")
    assert code == 0
    plan = json.loads(out)["properties"]["plan"]
    assert plan["additionalProperties"] is False
    assert "freda-kortfragor" in plan["properties"]
    decision = plan["properties"]["freda-kortfragor"]
    assert decision["properties"]["decision"]["enum"] == ["act", "accept", "no_action"]
    assert set(decision["properties"]) == set(Decision.model_fields)


TAPLO = shutil.which("taplo")


@pytest.mark.skipif(TAPLO is None, reason="taplo is installed with the test extra")
def test_taplo_accepts_a_plan_and_catches_a_misspelt_indicator(
    runner: CliRunner, tmp_path: Path
) -> None:
    code, out = invoke_raw(runner, "schema", "--year", "2019")
    assert code == 0
    schema = tmp_path / "s.json"
    schema.write_text(out, encoding="utf-8")
    uri = schema.resolve().as_uri()
    good = tmp_path / "good.toml"
    good.write_text(HEAD + GOOD_PLAN, encoding="utf-8")
    assert (
        subprocess.run(
            [str(TAPLO), "check", "--schema", uri, str(good)], capture_output=True
        ).returncode
        == 0
    )
    for wrong in ("[plan.freda-kortfragr]", '[plan.freda-kortfragor]\ndecision = "godta"'):
        bad = tmp_path / "bad.toml"
        bad.write_text(HEAD + "\n" + wrong + '\ndecision = "no_action"\n', encoding="utf-8")
        if "godta" in wrong:
            bad.write_text(HEAD + "\n" + wrong + "\n", encoding="utf-8")
        done = subprocess.run([str(TAPLO), "check", "--schema", uri, str(bad)], capture_output=True)
        assert done.returncode != 0, wrong


# --- bad input of every kind: a Swedish LoadError, never a traceback -----------------------------

_values = st.one_of(
    st.text(max_size=8),
    st.integers(),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_tables = st.dictionaries(
    st.sampled_from(["decision", "action", "owner", "due", "reason", "x"]),
    st.one_of(st.sampled_from(["act", "accept", "no_action"]), _values),
    max_size=5,
)


@given(
    plan=st.dictionaries(
        st.sampled_from(["freda-kortfragor", "socialjour", "okand", "x y"]),
        st.one_of(_tables, _values),
        max_size=3,
    )
)
def test_any_plan_is_read_or_refused_in_swedish(plan: dict[str, object]) -> None:
    import tempfile

    import tomli_w

    data = tomllib.loads(HEAD) | {"plan": plan}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "svar.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        try:
            answers, _ = load_answers(path)
        except LoadError as exc:
            lines = exc.lines()
            assert lines[0].startswith("Svarsfilen") or "svar.toml" in lines[0]
            assert all("Input should" not in line for line in lines), lines
        else:
            assert set(answers.plan) == set(plan)


def test_the_plan_intro_is_written_once(write_text: Callable[..., Path], tmp_path: Path) -> None:
    path = write_text(HEAD, "svar.toml")
    answers, q = load_answers(path)
    edited = answers.to_answer_set()
    for iid in ("freda-kortfragor", "socialjour"):
        edited.plan[iid] = Decision(decision="no_action")
        save_answers(path, edited, q, previous=path.read_bytes())
    text = path.read_text("utf-8")
    assert text.count("# Handlingsplan") == 1
    assert textwrap.dedent(text).startswith("#:schema")
