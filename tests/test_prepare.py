"""Preparing a survey year ojcli does not ship, and questionnaires that live beside the answers."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ojcli.model.dates
from conftest import invoke
from ojcli.errors import EXIT_WRITE
from ojcli.files.loading import list_questionnaires, load_questionnaire
from ojcli.model.questionnaire import Questionnaire
from ojcli.prepare import prepare, survey_year_for

TODAY = dt.date(2026, 11, 27)
WHO = ["--kommun", "0880", "--enhet", "Försörjningsstöd", "--uppgiftslamnare", "Enhetschef"]
# FREDA (the first question) skipped; rutin_vald, decided, last followed up; then pause.
REPLIES = ">\nja\nja\n2026-01-10\nq\n"


@pytest.fixture(scope="module")
def bundled() -> list[Questionnaire]:
    return [load_questionnaire(info.path) for info in list_questionnaires()]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ojcli.model.dates, "today", lambda: TODAY)


@pytest.mark.parametrize(
    ("today", "year"),
    [
        (dt.date(2026, 3, 31), 2026),  # the 2026 survey is still being answered
        (dt.date(2026, 4, 1), 2027),  # from April, next year's survey is prepared
        (dt.date(2026, 11, 27), 2027),
        (dt.date(2027, 1, 15), 2027),
    ],
)
def test_the_default_survey_year_is_the_one_being_prepared(today: dt.date, year: int) -> None:
    assert survey_year_for(today) == year


def test_the_newest_years_indicators_in_its_definitions_marked_assumed(
    bundled: list[Questionnaire],
) -> None:
    q = prepare(2027, bundled, TODAY)
    newest = max(bundled, key=lambda b: b.year)
    assert newest.year == 2024
    # At most the 2024 set, in its order: nothing that ended before it comes back.
    assert [i.id for i in q.indicators] == [i.id for i in newest.indicators]
    for ind, source in zip(q.indicators, newest.indicators, strict=True):
        assert ind.rule == source.rule
        assert ind.applies_if == source.applies_if
        assert ind.carried_from == 2024
        assert ind.presence is not None
        assert ind.presence.basis == "assumed"
        assert ind.presence.note.startswith("Antaget: indikatorn ingår 2027 som i enkäten 2024")
        assert ind.criterion is not None
        assert ind.criterion.basis == "assumed"
        shares = {
            (s.year, s.percent)
            for b in bundled
            for i in b.indicators
            if i.id == ind.id
            for s in i.national_share
        }
        assert {(s.year, s.percent) for s in ind.national_share} <= shares
        assert {s.year for s in ind.national_share} == {y for y, _ in shares}
        assert ind.share_for(2027) is None  # no share is invented for the new year
    assert q.reference_date == dt.date(2027, 3, 1)
    assert q.preliminary
    assert q.preparation is not None
    assert q.preparation.prepared_on == TODAY
    assert q.preparation.based_on_years == [2024]


def test_question_texts_name_the_new_survey_period(bundled: list[Questionnaire]) -> None:
    """Systematic follow-up asks about the results of the year before the survey: 2026 for 2027."""
    q = prepare(2027, bundled, TODAY)
    ind = next(i for i in q.indicators if i.id == "systematisk-uppfoljning")
    texts = [q.question(qid).text for qid in re.findall(r"question='(\w+)'", repr(ind.rule))]
    assert texts
    assert any("2026" in t for t in texts)
    assert not any(re.search(r"\b20(1\d|2[0-5])\b", t) for t in texts)
    helps = [q.question(qid).help for qid in re.findall(r"question='(\w+)'", repr(ind.rule))]
    assert any("året före enkäten, 2026" in h for h in helps)


def test_a_shipped_year_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    code, text = invoke(runner, "questionnaires", "new", "2024", "-o", str(tmp_path / "x.toml"))
    assert code == 2
    assert "ojcli har redan enkäten 2024" in text
    assert not (tmp_path / "x.toml").exists()


def test_an_existing_file_is_never_overwritten(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "oj-eb-2027.toml"
    target.write_text("mitt eget\n", encoding="utf-8")
    code, text = invoke(runner, "questionnaires", "new", "2027", "-o", str(target))
    assert code == EXIT_WRITE  # as every refusal to overwrite (issue 19, item 12)
    assert "finns redan" in text
    assert target.read_text(encoding="utf-8") == "mitt eget\n"


def _drop_indicator(text: str, iid: str) -> str:
    blocks = text.split("\n[[indicators]]\n")
    kept = [b for b in blocks if not b.lstrip().startswith(f'id = "{iid}"')]
    assert len(kept) == len(blocks) - 1
    return "\n[[indicators]]\n".join(kept)


def test_new_validate_show_survey_and_score_from_another_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, other = tmp_path / "enhet", tmp_path / "annan"
    work.mkdir()
    other.mkdir()
    monkeypatch.chdir(work)
    code, text = invoke(runner, "questionnaires", "new", "2027", "-o", "oj-eb-2027.toml")
    assert code == 0, text
    written = (work / "oj-eb-2027.toml").read_text(encoding="utf-8")
    assert written.startswith("# Förberedd enkät")
    assert "ojcli validate oj-eb-2027.toml" in written
    assert invoke(runner, "validate", "oj-eb-2027.toml")[0] == 0
    code, text = invoke(runner, "questionnaires", "show", "2027")
    assert code == 0
    assert "2027 (preliminär; oj-eb-2027)" in text
    assert "Ingår 2027: ANTAGET" in text
    assert "indikatorn ingår 2027 som i enkäten 2024" in text

    code, text = invoke(runner, "survey", "svar-2027.toml", "--year", "2027", *WHO, input=REPLIES)
    assert code == 0, text
    meta = tomllib.loads((work / "svar-2027.toml").read_text(encoding="utf-8"))["meta"]
    assert meta["questionnaire"] == "oj-eb-2027"
    assert meta["questionnaire_fingerprint"].startswith("content-sha256:")

    monkeypatch.chdir(other)
    answers = str(work / "svar-2027.toml")
    code, text = invoke(runner, "score", answers)
    assert code == 0, text
    assert "2027 (preliminär)" in text
    assert "Enkätfilen har ändrats" not in text
    data = json.loads(runner.invoke(_app(), ["score", answers, "--format", "json"]).stdout)
    assert data["questionnaire"]["reference_date"] == "2027-03-01"
    assert _state(data, "rutin-vald") == "met"  # 2026-01-10 is within 24 months of 2027-03-01

    # The unit head edits the prepared file: one indicator dropped, one rule made stricter.
    edited = _drop_indicator(written, "separata-moten").replace(
        "within_months = 24", "within_months = 6"
    )
    (work / "oj-eb-2027.toml").write_text(edited, encoding="utf-8")
    result = runner.invoke(_app(), ["score", answers, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Enkätfilen har ändrats sedan svaren sparades" in result.stderr
    data = json.loads(result.stdout)
    assert "separata-moten" not in {i["id"] for i in _indicators(data)}
    assert _state(data, "rutin-vald") == "not_met"

    # Saving again records the questionnaire as it is now: the notice is gone.
    assert invoke(runner, "survey", answers, input="nej\nq\n")[0] == 0
    assert "Enkätfilen har ändrats" not in runner.invoke(_app(), ["score", answers]).stderr


def test_with_no_questionnaire_for_the_year_survey_says_which_is_newest_and_how(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for stdin in ("", "ja\n"):  # no input at all, and piped input: no prompt to answer
        code, text = invoke(runner, "survey", "svar.toml", *WHO, input=stdin)
        assert code == 2, text
        assert "Det finns ingen enkät för 2027" in text
        assert "Den senaste enkäten ojcli har är 2024" in text
        assert "ojcli questionnaires new 2027 -o oj-eb-2027.toml" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_local_questionnaire_wins_over_the_bundled_one_and_ojcli_says_so(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, q2019: Questionnaire
) -> None:
    bundled = next(i.path for i in list_questionnaires() if i.year == 2019)
    text = bundled.read_text(encoding="utf-8").replace(
        'title = "Öppna jämförelser av ekonomiskt bistånd 2019"',
        'title = "Vår egen enkät 2019"',
    )
    (tmp_path / "enkat.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _ = invoke(runner, "survey", "svar.toml", "--year", "2019", *WHO, input="q\n")
    assert code == 0
    monkeypatch.chdir(tmp_path.parent)
    result = runner.invoke(_app(), ["score", str(tmp_path / "svar.toml")])
    assert "Vår egen enkät 2019" in result.stdout
    # In the list itself, where it is read (issue 19, items 7 and 21), and only there.
    shown = " ".join(result.stdout.split())
    assert shown.count("i stället för den som följer med ojcli") == 1
    assert f"Använder enkätfilen {tmp_path / 'enkat.toml'} för oj-eb-2019" in shown
    assert "i stället för" not in result.stderr


def test_enkat_names_the_questionnaire_explicitly(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "questionnaires", "new", "2027", "-o", "förberedd.toml")[0] == 0
    elsewhere = tmp_path / "svar"
    elsewhere.mkdir()
    target = str(elsewhere / "s.toml")
    code, text = invoke(runner, "survey", target, "--enkat", "förberedd.toml", *WHO, input="q\n")
    assert code == 0, text
    assert invoke(runner, "score", target)[0] == 3  # not beside the answers: not found
    code, text = invoke(runner, "score", target, "--enkat", "förberedd.toml")
    assert code == 0
    assert "2027 (preliminär)" in text
    assert invoke(runner, "validate", target, "--enkat", "förberedd.toml")[0] == 0


def test_compare_many_uses_a_folder_questionnaire_and_does_not_count_it_as_answers(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "questionnaires", "new", "2027")[0] == 0
    for name in ("a.toml", "b.toml"):
        assert invoke(runner, "survey", name, "--year", "2027", *WHO, input=REPLIES)[0] == 0
    monkeypatch.chdir(tmp_path.parent)
    result = runner.invoke(_app(), ["compare-many", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["files"], data["compared"], data["failed"]) == (2, 2, 0)
    assert [y["year"] for y in data["years"]] == [2027]


def test_from_a_preliminary_year_to_the_real_one_and_diff_of_two_files(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert invoke(runner, "questionnaires", "new", "2027")[0] == 0
    assert invoke(runner, "survey", "prel.toml", "--year", "2027", *WHO, input=REPLIES)[0] == 0
    # The real survey is published: a new id, separate meetings gone, the violence routine stricter.
    prepared = (tmp_path / "oj-eb-2027.toml").read_text(encoding="utf-8")
    real = _drop_indicator(prepared, "separata-moten").replace(
        'id = "oj-eb-2027"', 'id = "oj-eb-2027-skarp"'
    )
    real = real.replace("within_months = 24", "within_months = 12")
    (tmp_path / "skarp.toml").write_text(real, encoding="utf-8")

    code, text = invoke(runner, "questionnaires", "diff", "oj-eb-2027.toml", "skarp.toml")
    assert code == 0, text
    assert "Separata möten med kvinnan och mannen i biståndshushållet [separata-moten]" in text
    assert "12 månader" in text
    assert "24 månader" in text

    code, text = invoke(
        runner,
        "survey",
        "skarp-svar.toml",
        "--enkat",
        "skarp.toml",
        "--from",
        "prel.toml",
        input="q\n",
    )
    assert code == 0, text
    carried = tomllib.loads((tmp_path / "skarp-svar.toml").read_text(encoding="utf-8"))
    assert carried["meta"]["questionnaire"] == "oj-eb-2027-skarp"
    assert carried["answers"]["rutin_vald_uppfoljd"] == dt.date(2026, 1, 10)


def _app():  # type: ignore[no-untyped-def]
    from ojcli.cli import app

    return app


def _indicators(data: dict) -> list[dict]:  # type: ignore[type-arg]
    return list(data["indicators"])


def _state(data: dict, iid: str) -> str:  # type: ignore[type-arg]
    return next(i["state"] for i in _indicators(data) if i["id"] == iid)


def test_a_file_made_while_preparing_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 19, item 25: the check that nothing is there and the write are one step.
    import ojcli.prepare
    from ojcli.errors import WriteError

    target = tmp_path / "oj-eb-2027.toml"
    real_render = ojcli.prepare.render

    def someone_else_first(questionnaire: Questionnaire, name: str) -> str:
        target.write_text("en kollegas fil\n", encoding="utf-8")
        return real_render(questionnaire, name)

    monkeypatch.setattr(ojcli.prepare, "render", someone_else_first)
    with pytest.raises(WriteError, match="finns redan") as refused:
        ojcli.prepare.write_prepared(2027, target, TODAY)
    assert refused.value.exit_code == EXIT_WRITE
    assert target.read_text(encoding="utf-8") == "en kollegas fil\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oj-eb-2027.toml"]
