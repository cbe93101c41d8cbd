"""Start-up budget: `ojcli score FILE` end to end against a minimal one-command typer app.

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

    from ojcli.files.loading import example_answers

    answers = args.file or example_answers()
    # This machine sets PYTHONDONTWRITEBYTECODE; an installed ojcli has its bytecode compiled
    # by pip, so let the warm-up runs write it, as a user's machine would have it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {"NO_COLOR": "1", "COLUMNS": "100"}
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        floor_cmd = [sys.executable, str(minimal), str(answers)]
        ojcli_cmd = [sys.executable, "-m", "ojcli", "score", str(answers)]
        for cmd in (floor_cmd, ojcli_cmd):  # warm the file cache and .pyc files
            wall(cmd, env)
        floor, ours = [], []
        for _ in range(args.runs):
            floor.append(wall(floor_cmd, env))
            ours.append(wall(ojcli_cmd, env))
        counts = (
            [instructions(cmd, env) for cmd in (floor_cmd, ojcli_cmd)] if args.instructions else []
        )
    f, o = statistics.median(floor), statistics.median(ours)
    print(
        f"python {sys.version.split()[0]}, {args.runs} interleaved runs each, median wall time, bytecode cached"
    )
    print(f"minimal typer app (one command):  {f * 1000:7.1f} ms")
    print(f"ojcli score {answers.name}:  {o * 1000:7.1f} ms")
    print(f"ratio: {o / f:.2f} (budget {BUDGET})")
    # The fastest run of each is what the machine can do when nothing else interferes.
    print(
        f"fastest runs: {min(floor) * 1000:.1f} ms and {min(ours) * 1000:.1f} ms, ratio {min(ours) / min(floor):.2f}"
    )
    ratio = o / f
    if counts:
        ratio = counts[1] / counts[0]
        print(
            f"instructions (callgrind): {counts[0] / 1e6:.1f} M and {counts[1] / 1e6:.1f} M, "
            f"ratio {ratio:.3f}"
        )
    if ratio > BUDGET:
        what = "instruction" if counts else "wall-time"
        print(f"OVER BUDGET: {what} ratio {ratio:.3f} > {BUDGET}", file=sys.stderr)
        return 1
    print(f"within budget ({BUDGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
