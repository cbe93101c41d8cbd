"""Start-up budget: `ojcli score FILE` end to end against a minimal one-command typer app.

Two files are scored (unless --file names one): the bundled example, and a file answering every
question of the survey year a unit head prepares today (`questionnaires new`, the largest
questionnaire); the budget holds for each.

Both run as fresh processes from the same interpreter, interleaved so that machine noise hits
both alike; the figure is the median wall time of each and their ratio (budget: 1.25).

Wall time on a shared machine moves by ±10 %. With --instructions (needs valgrind) the script
also counts the instructions each command executes under callgrind: slow (about 10 s), but
the same on every run, so a change of a few per cent shows.

Exit status 1 when over budget: with --instructions the instruction ratio decides (the steady
figure; .ci/run uses it), without it the median wall-time ratio.

    python benchmarks/startup.py [--runs 40] [--file ANSWERS.toml] [--instructions]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MINIMAL_APP = """
import typer

app = typer.Typer()


@app.command()
def main(path: str) -> None:
    print(path)


app()
"""

BUDGET = 1.25


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def instructions(cmd: list[str], env: dict[str, str]) -> int:
    """Instructions executed by `cmd`, counted by valgrind's callgrind.

    With a fixed hash seed: string hashing is randomised per process, which moves the count
    by about a million instructions from run to run.
    """
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise RuntimeError(f"no instruction count from callgrind:\n{done.stderr}")
    return int(match.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument(
        "--file", type=Path, default=None, help="answers file (default: the bundled example)"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count instructions under valgrind's callgrind (load-independent)",
    )
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        print("valgrind is missing: install it (apt-get install valgrind)", file=sys.stderr)
        return 2

    # This machine sets PYTHONDONTWRITEBYTECODE; an installed ojcli has its bytecode compiled
    # by pip, so let the warm-up runs write it, as a user's machine would have it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_COLOR": "1", "COLUMNS": "100"}
    print(f"python {sys.version.split()[0]}, {args.runs} interleaved runs each, bytecode cached")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        for answers in [args.file] if args.file else default_files(Path(tmp), env):
            worst = max(worst, measure(minimal, answers, env, args.runs, args.instructions))
    if worst > BUDGET:
        what = "instruction" if args.instructions else "wall-time"
        print(f"OVER BUDGET: {what} ratio {worst:.3f} > {BUDGET}", file=sys.stderr)
        return 1
    print(f"within budget ({BUDGET}): highest ratio {worst:.3f}")
    return 0


def default_files(tmp: Path, env: dict[str, str]) -> list[Path]:
    """The bundled example, and every question answered in the year prepared today."""
    import datetime as dt

    from ojcli.files.loading import example_answers
    from ojcli.prepare import survey_year_for

    year = survey_year_for(dt.date.today())
    questionnaire = tmp / f"oj-eb-{year}.toml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ojcli",
            "questionnaires",
            "new",
            str(year),
            "-o",
            str(questionnaire),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return [example_answers(), answer_everything(questionnaire, tmp / f"svar-{year}.toml")]


def answer_everything(questionnaire_file: Path, out: Path) -> Path:
    """An answers file beside the questionnaire that answers every one of its questions."""
    import datetime as dt

    import tomli_w

    from ojcli.files.loading import load_questionnaire

    questionnaire = load_questionnaire(questionnaire_file)
    day = min(dt.date.today(), questionnaire.reference_date) - dt.timedelta(days=30)
    answers: dict[str, object] = {}
    for question in questionnaire.questions:
        match question.type:
            case "yes_no":
                answers[question.id] = "ja"
            case "single_choice":
                answers[question.id] = question.options[0].value
            case "multiple_choice":
                answers[question.id] = [question.options[0].value]
            case "number":
                answers[question.id] = max(question.minimum, min(5, question.maximum or 5))
            case "date":
                answers[question.id] = day
            case "text":
                answers[question.id] = "Svar."
    meta = {
        "format_version": 2,
        "questionnaire": questionnaire.id,
        "municipality_code": "0880",
        "municipality_name": "Kalmar",
        "unit": "Ekonomiskt bistånd",
        "respondent": "Benchmark",
        "saved_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
    }
    out.write_text(tomli_w.dumps({"meta": meta, "answers": answers}), encoding="utf-8")
    return out


def measure(minimal: Path, answers: Path, env: dict[str, str], runs: int, count: bool) -> float:
    """Print the figures of `ojcli score answers` against the minimal app; return the ratio."""
    floor_cmd = [sys.executable, str(minimal), str(answers)]
    ojcli_cmd = [sys.executable, "-m", "ojcli", "score", str(answers)]
    for cmd in (floor_cmd, ojcli_cmd):  # warm the file cache and .pyc files
        wall(cmd, env)
    floor, ours = [], []
    for _ in range(runs):
        floor.append(wall(floor_cmd, env))
        ours.append(wall(ojcli_cmd, env))
    f, o = statistics.median(floor), statistics.median(ours)
    print(f"\nojcli score {answers.name}, against the minimal typer app (one command):")
    print(f"  median wall time: {f * 1000:.1f} ms and {o * 1000:.1f} ms, ratio {o / f:.2f}")
    # The fastest run of each is what the machine can do when nothing else interferes.
    print(
        f"  fastest runs: {min(floor) * 1000:.1f} ms and {min(ours) * 1000:.1f} ms, "
        f"ratio {min(ours) / min(floor):.2f}"
    )
    if not count:
        return o / f
    floor_n, ours_n = (instructions(cmd, env) for cmd in (floor_cmd, ojcli_cmd))
    print(
        f"  instructions (callgrind): {floor_n / 1e6:.1f} M and {ours_n / 1e6:.1f} M, "
        f"ratio {ours_n / floor_n:.3f}"
    )
    return ours_n / floor_n


if __name__ == "__main__":
    sys.exit(main())
