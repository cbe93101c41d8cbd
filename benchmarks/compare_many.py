"""How fast and how lean `compare-many` is, beside a bare `tomllib.load` loop over the same files.

    python benchmarks/compare_many.py [--sizes 300,3000,30000] [--rounds 5] [--data DIR]
                                      [--end-to-end 3000] [--instructions]

For each size, answers files are generated once (benchmarks/generate_answers.py, seed 0)
under DIR/N and reused. Then, each in a fresh Python process:

- time: the files are read once to warm the OS cache; then, round by round, the bare loop
  (`for p in paths: tomllib.load(open(p, "rb"))`) and `ojcli.compare.many.compare_many(paths)`
  run side by side, alternating which goes first. Both get the same path list. The
  comparison includes everything `compare-many` does before rendering: loading the
  questionnaires, validating and checking every file, scoring, grouping by year and county.
  Reported: the median time over the rounds of each, the median of the rounds' ratios
  (each round's pair runs back to back) in wall-clock and in CPU time of the process (on a
  machine shared with other work, CPU time is the steadier of the two), and the first
  round's ratio (the process's first comparison, paying one-time costs such as loading the
  questionnaires and building validators).
- memory: `compare_many` alone, once under tracemalloc (peak of Python allocations during the
  comparison) and once without it (the process's peak resident size, ru_maxrss); the bare
  loop's resident size beside it for reference.
- end to end (--end-to-end, default 3,000 files): `ojcli compare-many DIR --format json` as a
  command against `python -c "<the bare loop>"`, both as fresh processes, so interpreter
  start-up, imports, listing the folder and writing the JSON are included. Bytecode is cached
  as on a user's machine (pip compiles it; PYTHONDONTWRITEBYTECODE is dropped, and a warm-up
  run of each writes it). Reported: the fastest wall time of each, and the fastest CPU time
  (user + system) of each, the steadier one on a shared machine.
- instructions (--instructions, needs valgrind): callgrind counts the instructions of the
  whole command and of the bare loop, and, in one process each after the same imports, of
  one `compare_many` and one bare loop over the files. Slow (minutes for 3,000 files, more on
  a busy machine), but the same on every run, where times on a shared machine move by tens
  of per cent.

Budget: the whole command over 3,000 files (the --end-to-end sizes) at most 2.0 times the bare
loop, in instructions with --instructions, else in CPU time (the steadier time on a shared
machine). The script exits with 1 when a measured ratio is over it.

Single-process on purpose: the budget is a ratio to a single-process loop, and both run on
one core.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BARE_LOOP = "import sys, tomllib, pathlib\n[tomllib.load(open(p, 'rb')) for p in sorted(pathlib.Path(sys.argv[1]).rglob('*.toml'))]"


def data_set(root: Path, n: int) -> Path:
    """DIR/N with n generated files, made once."""
    folder = root / str(n)
    marker = folder / ".generated"
    if marker.exists() and marker.read_text() == str(n):
        return folder
    sys.path.insert(0, str(HERE))
    from generate_answers import generate

    print(f"  genererar {n} svarsfiler i {folder} …", file=sys.stderr)
    generate(folder, n, seed=0)
    marker.write_text(str(n))
    return folder


def paths_of(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.toml"))


def bare(paths: list[Path]) -> None:
    """The floor: parse every file with tomllib and nothing else."""
    for path in paths:
        with path.open("rb") as fh:
            tomllib.load(fh)


# --- workers (each runs in a fresh process) ---------------------------------------------------


def worker_time(folder: Path, rounds: int) -> dict[str, Any]:
    from ojcli.compare.many import compare_many

    paths = paths_of(folder)
    for path in paths:  # warm the OS file cache for both contestants
        path.read_bytes()
    times: dict[str, list[float]] = {"bare": [], "many": [], "bare_cpu": [], "many_cpu": []}
    units = 0
    for r in range(rounds):
        order = ["bare", "many"] if r % 2 == 0 else ["many", "bare"]
        for name in order:
            start, start_cpu = time.perf_counter(), time.process_time()
            if name == "bare":
                bare(paths)
            else:
                result = compare_many(paths)
                units = result.units
            times[name].append(time.perf_counter() - start)
            times[f"{name}_cpu"].append(time.process_time() - start_cpu)
    return {"files": len(paths), "units": units, **times}


def worker_memory(folder: Path, traced: bool) -> dict[str, Any]:
    import resource
    import tracemalloc

    from ojcli.compare.many import compare_many

    paths = paths_of(folder)
    if traced:
        tracemalloc.start()
        compare_many(paths)
        _, peak = tracemalloc.get_traced_memory()
        return {"traced_peak": peak}
    compare_many(paths)
    return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def worker_bare_memory(folder: Path) -> dict[str, Any]:
    import resource

    import ojcli.compare.many  # noqa: F401 - same imports as the comparison, for a fair baseline

    bare(paths_of(folder))
    return {"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}


def worker_once(folder: Path, what: str) -> dict[str, Any]:
    """Imports and the path list, then nothing, the bare loop or the comparison, once."""
    from ojcli.compare.many import compare_many

    paths = paths_of(folder)
    if what == "bare":
        bare(paths)
    elif what == "many":
        compare_many(paths)
    return {}


def child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args], check=True, capture_output=True, text=True
    )
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def end_to_end(folder: Path, rounds: int) -> dict[str, dict[str, float]]:
    """Fastest wall and CPU time of the bare loop and of the command, as fresh processes."""
    import resource

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = {"bare": bare_command(folder), "ojcli": ojcli_command(folder)}
    for cmd in commands.values():  # warm the file cache and write the bytecode
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
    best = {name: {"wall": float("inf"), "cpu": float("inf")} for name in commands}
    for _ in range(rounds):
        for name, cmd in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=env)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            best[name] = {"wall": min(best[name]["wall"], wall), "cpu": min(best[name]["cpu"], cpu)}
    return best


def bare_command(folder: Path) -> list[str]:
    return [sys.executable, "-c", BARE_LOOP, str(folder)]


def ojcli_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "ojcli", "compare-many", str(folder), "--format", "json"]


def instructions(cmd: list[str]) -> int:
    """Instructions executed by `cmd`, counted by valgrind's callgrind (bytecode cached)."""
    from startup import instructions as counted  # the one callgrind runner, beside this script

    return counted(cmd, {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})


# --- main -------------------------------------------------------------------------------------

BUDGET = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,3000,30000")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "ojcli-bench")
    parser.add_argument("--end-to-end", default="3000", help="sizes for the whole-command run")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the whole command's instructions under valgrind's callgrind",
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        kind, folder = args.worker[0], Path(args.worker[1])
        if kind == "time":
            result = worker_time(folder, int(args.worker[2]))
        elif kind == "bare-memory":
            result = worker_bare_memory(folder)
        elif kind == "once":
            result = worker_once(folder, args.worker[2])
        else:
            result = worker_memory(folder, traced=kind == "traced")
        print(json.dumps(result))
        return 0

    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} kärnor, {args.rounds} omgångar")
    print(
        f"{'filer':>7} {'tomllib':>9} {'compare':>9} {'kvot':>5} {'kvot cpu':>8} {'kvot 1:a':>8} "
        f"{'µs/fil':>7} {'tracemalloc':>12} {'maxrss':>8} {'maxrss bar':>10}"
    )
    rows = []
    for n in sizes:
        folder = data_set(args.data, n)
        rounds = args.rounds if n <= 10_000 else max(1, args.rounds - 1)
        t = child("time", str(folder), str(rounds))
        traced = child("traced", str(folder))["traced_peak"]
        rss = child("rss", str(folder))["maxrss_kib"]
        rss_bare = child("bare-memory", str(folder))["maxrss_kib"]
        b, m = statistics.median(t["bare"]), statistics.median(t["many"])
        ratio = statistics.median(x / y for x, y in zip(t["many"], t["bare"], strict=True))
        cpu = statistics.median(x / y for x, y in zip(t["many_cpu"], t["bare_cpu"], strict=True))
        first = t["many"][0] / t["bare"][0]
        rows.append((n, b, m))
        print(
            f"{t['files']:>7} {b:>8.3f}s {m:>8.3f}s {ratio:>5.2f} {cpu:>8.2f} {first:>8.2f} "
            f"{m / t['files'] * 1e6:>7.0f} {traced / 2**20:>9.1f} MB {rss / 1024:>5.0f} MB "
            f"{rss_bare / 1024:>7.0f} MB"
        )
    for (n0, _, m0), (n1, _, m1) in itertools.pairwise(rows):
        print(f"{n0} → {n1} filer ({n1 / n0:.0f} ×): tiden × {m1 / m0:.1f}")
    over: list[str] = []
    for n in [int(s) for s in args.end_to_end.split(",") if s]:
        rounds = args.rounds if n <= 10_000 else 1
        folder = data_set(args.data, n)
        best = end_to_end(folder, rounds)
        b, o = best["bare"], best["ojcli"]
        print(
            f"Hela kommandot, {n} filer (bästa av {rounds}): python -c <bar loop> "
            f"{b['wall']:.3f}s (cpu {b['cpu']:.3f}s), ojcli compare-many --format json "
            f"{o['wall']:.3f}s (cpu {o['cpu']:.3f}s), kvot {o['wall'] / b['wall']:.2f} "
            f"(cpu {o['cpu'] / b['cpu']:.2f})"
        )
        if not args.instructions and o["cpu"] / b["cpu"] > BUDGET:
            over.append(f"{n} filer: cpu-kvot {o['cpu'] / b['cpu']:.2f}")
        if args.instructions:
            bi, oi = instructions(bare_command(folder)), instructions(ojcli_command(folder))
            print(
                f"Instruktioner (callgrind), hela kommandot, {n} filer: {bi / 1e6:.0f} M och "
                f"{oi / 1e6:.0f} M, kvot {oi / bi:.2f}"
            )
            if oi / bi > BUDGET:
                over.append(f"{n} filer: instruktionskvot {oi / bi:.2f}")
            once = [sys.executable, __file__, "--worker", "once", str(folder)]
            base = instructions([*once, "nothing"])  # imports and the path list, in both
            lb, lm = (instructions([*once, what]) - base for what in ("bare", "many"))
            print(
                f"Instruktioner (callgrind), compare_many, {n} filer: bar loop {lb / 1e6:.0f} M, "
                f"compare_many {lm / 1e6:.0f} M, kvot {lm / lb:.2f}"
            )

    if over:
        print(f"ÖVER BUDGET ({BUDGET}): " + "; ".join(over), file=sys.stderr)
        return 1
    print(f"inom budget ({BUDGET})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
