"""A first hour without a stumble (issue 13): the municipality prompt, wording slips, the demo copy."""

from __future__ import annotations

import errno
import json
import os
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.errors import EXIT_USAGE, EXIT_WRITE, LoadError, WriteError
from ojcli.files.loading import (
    example_answers,
    find_questionnaire,
    load_answers,
    load_questionnaire,
)
from ojcli.files.storage import write_new
from ojcli.interview.replies import ReplyError, parse_reply
from ojcli.model.municipalities import closest, search
from ojcli.model.questionnaire import Questionnaire


def new_file(runner: CliRunner, tmp_path: Path, replies: str) -> tuple[str, dict[str, object]]:
    """Start a new answers file with these replies at the municipality prompt; output and meta."""
    path = tmp_path / "svar.toml"
    _, output = invoke(
        runner, "survey", str(path), "--year", "2019", "-e", "", "-u", "", input=replies + "q\n"
    )
    meta = tomllib.loads(path.read_text(encoding="utf-8"))["meta"] if path.exists() else {}
    return output, meta


# --- the municipality prompt ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "name"),
    [
        ("Kalmar kommun", "Kalmar"),
        ("Kalmar stad", "Kalmar"),
        ("kalmar  KOMMUN", "Kalmar"),
        ("Region Gotland", "Gotland"),
        ("Gotlands kommun", "Gotland"),
        ("Stockholms stad", "Stockholm"),
        ("Borås stad", "Borås"),
        ("Upplands Väsby kommun", "Upplands Väsby"),
        ("Karlstad", "Karlstad"),
        ("0880", "Kalmar"),
    ],
)
def test_the_municipality_is_found_as_people_write_it(
    runner: CliRunner, tmp_path: Path, reply: str, name: str
) -> None:
    output, meta = new_file(runner, tmp_path, f"{reply}\n")
    assert meta["municipality_name"] == name, output
    assert "Ingen kommun heter" not in output


@pytest.mark.parametrize(
    "typo", ["Kalmr", "Kalmar stadd", "Kalmar komun", "Klamar", "Kalmarr kommun"]
)
@pytest.mark.parametrize("accept", ["", "j", "J", "ja"])
def test_a_near_miss_suggests_kalmar_and_enter_or_j_takes_it(
    runner: CliRunner, tmp_path: Path, typo: str, accept: str
) -> None:
    output, meta = new_file(runner, tmp_path, f"{typo}\n{accept}\n")
    assert (
        f"Ingen kommun heter '{typo}' – menade du 'Kalmar'? Kommun (Enter eller j = Kalmar):"
        in output
    )
    assert "Karlstad" not in output
    assert meta["municipality_name"] == "Kalmar"


def test_another_name_after_a_suggestion_is_taken_instead(
    runner: CliRunner, tmp_path: Path
) -> None:
    output, meta = new_file(runner, tmp_path, "Kalmr\nKiruna\n")
    assert "menade du 'Kalmar'?" in output
    assert meta["municipality_name"] == "Kiruna"


def test_an_empty_reply_says_what_to_type(runner: CliRunner, tmp_path: Path) -> None:
    output, meta = new_file(runner, tmp_path, "\n  \nKiruna\n")
    assert output.count("Skriv kommunens namn, t.ex. Kiruna, eller dess kod, t.ex. 2584.") == 2
    assert "Ingen kommun heter ''" not in output
    assert meta["municipality_name"] == "Kiruna"


def test_nothing_close_says_what_to_type(runner: CliRunner, tmp_path: Path) -> None:
    output, meta = new_file(runner, tmp_path, "Xyzzyq\nKiruna\n")
    assert "Ingen kommun heter 'Xyzzyq'. Skriv namnet eller koden." in output
    assert meta["municipality_name"] == "Kiruna"


def test_search_and_closest_directly() -> None:
    assert [m.name for m in search("Göteborgs Stad")] == ["Göteborg"]
    assert [m.name for m in search("Kalmarstad")] == ["Kalmar"]
    assert [m.name for m in search("Halmstad")] == ["Halmstad"]  # "stad" in a name stays
    assert search("") == []
    assert getattr(closest("Kalmar stadd"), "name", None) == "Kalmar"
    assert closest("Xyzzyq") is None


# --- wording ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "nearest"),
    [
        ("2030", "2024"),
        ("2017", "2018"),
        ("oj-eb-2031", "oj-eb-2024"),
        ("oj-eb-2o19", "oj-eb-2019"),
    ],
)
def test_an_unknown_year_suggests_the_nearest(runner: CliRunner, key: str, nearest: str) -> None:
    code, output = invoke(runner, "questionnaires", "show", key)
    assert code == EXIT_USAGE
    assert f"Enkäten '{key}' finns inte – menade du '{nearest}'? Tillgängliga år: 2018," in output
    assert "?." not in output


def test_a_decimal_for_a_whole_number_is_not_about_quotation_marks(
    write_answers: Callable[..., Path], q2019: Questionnaire
) -> None:
    path = write_answers({"vantetid_dagar": 4.5})
    with pytest.raises(LoadError) as caught:
        load_answers(path)
    message = "\n".join(caught.value.lines())
    assert "vantetid_dagar: ska vara ett heltal, utan decimaler (inte 4.5)" in message
    assert "citattecken" not in message
    question = q2019.question("vantetid_dagar")
    for reply in ("4.5", "4,5", "4,5 dagar"):
        with pytest.raises(ReplyError, match=r"utan decimaler, t\.ex\. 5 dagar") as wrong:
            parse_reply(question, reply)
        assert "citattecken" not in str(wrong.value)


def test_the_example_for_months_is_in_months_and_no_threshold() -> None:
    q2023 = load_questionnaire(find_questionnaire(2023))  # 2024 asks in the survey's levels
    question = q2023.question("plan_sjalvforsorjning_manader")
    with pytest.raises(ReplyError) as wrong:
        parse_reply(question, "tre")
    assert str(wrong.value) == "Svara med ett heltal, t.ex. 5 månader."


def test_score_help_says_only_unmet_once(runner: CliRunner) -> None:
    _, output = invoke(runner, "score", "--help")
    assert "--only unmet --only unmet" not in output
    assert "--only unmet Visa bara ej uppfyllda" in output


# --- the demo's example file ------------------------------------------------------------------


def test_demo_saves_the_example_file_to_try_the_other_commands(
    runner: CliRunner, tmp_path: Path
) -> None:
    copy = tmp_path / "exempel.toml"
    code, output = invoke(runner, "demo", "--spara", str(copy))
    assert code == 0
    assert f"Exempelfilen är sparad i {copy}. Prova: ojcli score {copy}" in output
    assert copy.read_bytes() == example_answers().read_bytes()
    _, demo = invoke(runner, "demo")
    code, scored = invoke(runner, "score", str(copy))
    assert code == 0
    assert scored.split("Mätdatum")[1] == demo.split("Mätdatum")[1]  # the same list
    code, _ = invoke(runner, "report", str(copy), "-o", str(tmp_path / "rapport.html"))
    assert code == 0
    code, _ = invoke(runner, "compare", str(copy), str(copy))
    assert code == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_demo_json_stays_json_with_a_copy(tmp_path: Path) -> None:
    from ojcli.cli import app

    result = CliRunner().invoke(app, ["demo", "-f", "json", "--spara", str(tmp_path / "e.toml")])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["indicators"]
    assert "Exempelfilen är sparad" in result.stderr


def test_demo_never_writes_over_a_file(runner: CliRunner, tmp_path: Path) -> None:
    mine = tmp_path / "svar.toml"
    mine.write_text("mina svar", encoding="utf-8")
    link = tmp_path / "länk.toml"
    link.symlink_to(tmp_path / "saknas.toml")
    for target in (mine, link):
        code, output = invoke(runner, "demo", "--spara", str(target))
        assert code == EXIT_WRITE
        assert f"{target} finns redan; ojcli skriver inte över den." in output
    assert mine.read_text(encoding="utf-8") == "mina svar"
    assert not (tmp_path / "saknas.toml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["länk.toml", "svar.toml"]


def test_a_file_that_appears_while_writing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "exempel.toml"
    real_link = os.link

    def someone_else_first(src: Path, dst: Path) -> None:
        Path(dst).write_text("någon annans", encoding="utf-8")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", someone_else_first)
    with pytest.raises(WriteError, match="finns redan"):
        write_new(target, b"exempel")
    assert target.read_text(encoding="utf-8") == "någon annans"
    assert [p.name for p in tmp_path.iterdir()] == ["exempel.toml"]


def test_without_hard_links_the_copy_is_still_whole_and_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(src: Path, dst: Path) -> None:
        raise OSError(errno.EPERM, "no hard links")

    monkeypatch.setattr(os, "link", no_links)
    write_new(tmp_path / "exempel.toml", b"exempel")
    assert (tmp_path / "exempel.toml").read_bytes() == b"exempel"
    assert [p.name for p in tmp_path.iterdir()] == ["exempel.toml"]
    with pytest.raises(WriteError, match="finns redan"):
        write_new(tmp_path / "exempel.toml", b"annat")
    assert (tmp_path / "exempel.toml").read_bytes() == b"exempel"


def test_a_failed_write_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteError, match="Kunde inte skriva"):
        write_new(tmp_path / "exempel.toml", b"exempel")
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(WriteError, match=r"mappen .* finns inte"):
        write_new(tmp_path / "saknas" / "exempel.toml", b"exempel")
