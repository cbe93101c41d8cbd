"""`ojcli plan` through the CLI (issue 18): the order of the plan, the interactive step with
piped input, what it saves and keeps, and the plan's formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke, invoke_raw
from ojcli.model import dates
from plan_files import HEAD, write_folder

D = dt.date


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> list[D]:
    """The day ojcli thinks it is (settable: `today[0] = …`); 2029-11-20 to start with."""
    day = [D(2029, 11, 20)]
    monkeypatch.setattr(dates, "today", lambda: day[0])
    return day


# A routine followed up 2028-12-15 with a 12-month rule holds until 2029-12-15: met today
# (2029-11-20), lapsing before the reference date 2030-03-01.
PLANNED = (
    HEAD.replace("[answers]\n", "[answers]\nrutin_uppfoljd = 2028-12-15\n")
    + """
[plan.mote]
decision = "act"
action = "Inför separata möten"
owner = "Bo Berg"
due = 2029-11-01

[plan.vantetid]
decision = "act"
action = "Fler nybesökstider"
owner = "Cia"
due = 2030-05-01

[plan.jour]
decision = "accept"
reason = "Länets gemensamma jour räcker"

[plan.tolk]
decision = "act"
action = "Upphandla tolk"
owner = "Dan"
due = 2030-01-15
"""
)


def plan_json(runner: CliRunner, path: Path) -> dict[str, object]:
    code, out = invoke_raw(runner, "plan", str(path), "--format", "json")
    assert code == 0, out
    data: dict[str, object] = json.loads(out)
    return data


def test_overdue_and_due_before_the_reference_date_come_first_then_the_rest_by_date(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path, PLANNED)
    entries = plan_json(runner, path)["entries"]
    assert isinstance(entries, list)
    shown = [(x["id"], x["section"], x["date"], x["overdue"], x["decision"]) for x in entries]
    assert shown == [
        ("mote", "soon", "2029-11-01", True, "act"),  # overdue: its date has passed
        ("rutin", "soon", "2029-12-16", False, None),  # lapses before the reference date
        ("tolk", "soon", "2030-01-15", False, "act"),
        ("vantetid", "later", "2030-05-01", False, "act"),  # after the reference date
        ("jour", "accepted", None, False, "accept"),
    ]
    by_id = {x["id"]: x for x in entries}
    assert "Försenad" in by_id["mote"]["note"]
    assert "räknas då inte som uppfylld i 2030 års enkät" in by_id["vantetid"]["note"]
    assert by_id["rutin"]["state"] == "met"
    assert by_id["rutin"]["lapses_on"] == "2029-12-16"
    assert "senast 2029-12-15" in by_id["rutin"]["suggestion"]  # its last day, as said elsewhere


def test_an_indicator_not_met_without_a_decision_is_listed_as_inget_beslut(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path, PLANNED.split("[plan.tolk]")[0])
    code, out = invoke(runner, "plan", str(path), input="")
    assert code == 0
    assert "Tolk vid behov Inget beslut." in out
    assert "Det här skulle uppfylla indikatorn: «tolken»: «Ja» (nu «Nej»)" in out
    entries = plan_json(runner, path)["entries"]
    assert isinstance(entries, list)
    assert [x["id"] for x in entries] == ["mote", "rutin", "tolk", "vantetid", "jour"]
    tolk = entries[2]  # after the dated ones before the reference date
    assert (tolk["section"], tolk["date"], tolk["decision_text"]) == ("soon", None, "Inget beslut")


def test_the_step_decides_three_indicators_and_keeps_the_hand_comments(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path)
    replies = [
        "?",  # help, then the same question again
        "1",  # rutin (incomplete): act
        "",  # the default action: what would meet it
        "",  # the default owner: the respondent
        "2030-02-30",  # no such day
        "2030-01-20",
        "2",  # mote: accept
        "",  # a reason is needed
        "Inga lokaler",
        ">",  # vantetid: skipped
        "3",  # jour: no action
        "Länets jour",
        "q",  # tolk: left for later
    ]
    code, out = invoke(runner, "plan", str(path), input="\n".join(replies) + "\n")
    assert code == 0, out
    assert "Indikator 1 av 5 utan beslut" in out
    assert "2030-02-30 finns inte: februari 2030 har 28 dagar." in out
    assert "Det här behövs för beslutet." in out
    assert out.count("Beslutet är sparat.") == 3
    assert "2 indikatorer saknar beslut. Fortsätt med: ojcli plan" in out
    text = path.read_text(encoding="utf-8")
    plan = tomllib.loads(text)["plan"]
    assert plan == {
        "rutin": {
            "decision": "act",
            "action": "«rutinens uppföljning»: ett datum från 2029-03-01 till mätdatum "
            "2030-03-01 – besluta eller följ upp före 2030-03-01",
            "owner": "Anna Andersson",
            "due": D(2030, 1, 20),
        },
        "mote": {"decision": "accept", "reason": "Inga lokaler"},
        "jour": {"decision": "no_action", "reason": "Länets jour"},
    }
    # What the person wrote stands as it stood.
    assert text.startswith(HEAD.replace("[meta]", "[meta]", 1).split("\n")[0]) or (
        "# Vår svarsfil: kommentarer som ska stå kvar\n" in text
    )
    assert 'mote = "nej"   # ändras efter nämndens beslut i januari\n' in text
    for line in HEAD.splitlines():
        assert line in text.splitlines(), line


def test_enter_keeps_a_decision_when_it_is_changed_in_the_list(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path, PLANNED)
    # Undecided first (none: every open indicator has a decision, rutin lapses without one).
    replies = ["3", "", "2", "", "", "Ny ansvarig", "", ""]  # rutin: no action; then no. 2
    code, out = invoke(runner, "plan", str(path), input="\n".join(replies) + "\n")
    assert code == 0, out
    assert "Nummer på en indikator att ändra beslut för" in out
    plan = tomllib.loads(path.read_text(encoding="utf-8"))["plan"]
    assert plan["rutin"] == {"decision": "no_action"}
    # Number 2 in the list is now the routine's neighbour by date: tolk, kept but for its owner.
    assert plan["tolk"] == {
        "decision": "act",
        "action": "Upphandla tolk",
        "owner": "Ny ansvarig",
        "due": D(2030, 1, 15),
    }


def test_end_of_input_and_q_save_what_was_decided_and_say_how_to_go_on(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path)
    code, out = invoke(runner, "plan", str(path), input="2\nFinns inget behov\n")
    assert code == 0
    assert "Beslutet är sparat." in out
    assert "4 indikatorer saknar beslut" in out
    plan = tomllib.loads(path.read_text(encoding="utf-8"))["plan"]
    assert plan == {"rutin": {"decision": "accept", "reason": "Finns inget behov"}}
    assert not (tmp_path / "svar.toml.lock").exists()


def test_a_wrong_decision_is_explained_and_asked_again(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path)
    code, out = invoke(runner, "plan", str(path), input="7\nvet inte\nq\n")
    assert code == 0
    assert out.count("Svara med ett av alternativen: 1 = Åtgärda") == 2
    assert "plan" not in tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_plan_formats(runner: CliRunner, tmp_path: Path, today: list[D]) -> None:
    path = write_folder(tmp_path, PLANNED)
    code, md = invoke_raw(runner, "plan", str(path), "--format", "md")
    assert code == 0
    assert md.startswith("# Handlingsplan: Kiruna, Försörjningsstöd\n")
    assert md.index("### Före mätdatum 2030-03-01") < md.index("### Efter mätdatum")
    assert "| **2029-11-01** | Separata möten |" in md
    code, out = invoke_raw(runner, "plan", str(path), "--format", "csv")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Del", "Datum", "Indikator-id"]
    assert [r[2] for r in rows[1:]] == ["mote", "rutin", "tolk", "vantetid", "jour"]
    target = tmp_path / "plan.md"
    code, out = invoke(runner, "plan", str(path), "-o", str(target))
    assert code == 0
    assert target.read_text(encoding="utf-8") == md
    data = plan_json(runner, path)
    assert (data["format"], data["format_version"]) == ("ojcli-plan", 1)
    assert (data["decided"], data["undecided"]) == (4, 1)


def test_a_file_never_gets_a_plan_output_written_over_it(runner: CliRunner, tmp_path: Path) -> None:
    path = write_folder(tmp_path)
    before = path.read_bytes()
    # The answers file itself: a refusal to overwrite (4); a calendar not named .ics: the
    # command line's fault (2), as for every file a command writes (ojcli.files.targets).
    for option, exit_code, said in (
        (["-o", str(path)], 4, "det är svarsfilen själv"),
        (["--ics", str(path)], 4, "det är svarsfilen själv"),
        (
            ["--ics", str(tmp_path / "x.txt")],
            2,
            "ojcli skriver kalendrar bara till filer som slutar på .ics",
        ),
    ):
        code, out = invoke(runner, "plan", str(path), *option)
        assert code == exit_code, option
        assert said in out
    assert path.read_bytes() == before


def test_the_report_carries_the_plan_in_every_format(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path, PLANNED)
    code, md = invoke_raw(runner, "report", str(path), "--format", "md")
    assert code == 0
    plan = md[md.index("## Handlingsplan") : md.index("## Kommentarer")]
    assert md.index("## Resultat per tema") < md.index("## Handlingsplan")
    assert "| Separata möten | ✗ Ej uppfylld | Åtgärda: Inför separata möten. | Bo Berg |" in plan
    assert "Godtas som ej uppfylld: Länets gemensamma jour räcker." in plan
    code, html = invoke_raw(runner, "report", str(path), "--format", "html")
    assert '<section id="handlingsplan">' in html
    assert "Länets gemensamma jour räcker" in html
    code, out = invoke_raw(runner, "report", str(path), "--format", "json")
    data = json.loads(out)
    plans = {i["id"]: i["plan"] for i in data["indicators"]}
    # Judged on the reference date, as the report is: the routine has lapsed by then.
    assert plans["rutin"]["decision"] is None
    assert plans["rutin"]["state"] == "not_met"
    assert (plans["tolk"]["owner"], plans["tolk"]["due"]) == ("Dan", "2030-01-15")
    assert data["summary"]["plan"] == {"decided": 4, "undecided": 1}
    code, out = invoke_raw(runner, "score", str(path), "--format", "json")
    assert json.loads(out) == data  # the same JSON as the report's
    code, out = invoke_raw(runner, "report", str(path), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff")), delimiter=";"))
    by_id = {r["Indikator-id"]: r for r in rows}
    assert by_id["tolk"]["Ansvarig"] == "Dan"
    assert by_id["tolk"]["Klart senast"] == "2030-01-15"
    assert by_id["jour"]["Skäl (beslut)"] == "Länets gemensamma jour räcker"
    assert by_id["rutin"]["Beslut"] == ""


def test_score_names_the_plan_in_one_line_only_when_the_file_has_one(
    runner: CliRunner, tmp_path: Path, today: list[D]
) -> None:
    path = write_folder(tmp_path, PLANNED.split("[plan.tolk]")[0])
    code, out = invoke(runner, "score", str(path))
    assert code == 0
    # Judged on the reference date, the routine has lapsed and tolk has no decision.
    assert out.endswith(
        "Handlingsplan: 3 beslut, 2 ej uppfyllda saknar beslut. Visa och besluta: ojcli plan "
        f"{path}"
    )
    code, out = invoke(runner, "score", str(write_folder(tmp_path, HEAD, "utan.toml")))
    assert "Handlingsplan" not in out
