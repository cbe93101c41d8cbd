"""A first hour without a stumble (issue 13): the municipality prompt, wording slips, the demo copy."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke
from ojcli.model.municipalities import closest, search


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
