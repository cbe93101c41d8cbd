"""The core knows nothing of the terminal, `score` does not import what it does not need, no import
cycle, no overlong source file."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path


def imported_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(out.split())


def test_core_modules_do_not_import_rich_or_typer() -> None:
    modules = imported_after(
        "import ojcli.scoring, ojcli.files.loading, ojcli.files.storage, ojcli.interview.engine"
    )
    assert "rich" not in modules
    assert "typer" not in modules


COMMAND_MODULES = {
    f"ojcli.cli.{name}"
    for name in ("results", "files", "survey", "compare", "report", "plan", "questionnaires")
}


def test_cli_start_up_loads_no_command() -> None:
    # Importing the CLI names the commands only; each command's module and options load when it
    # runs, so `ojcli score` does not pay for `survey`'s or `report`'s.
    modules = imported_after("import ojcli.cli")
    assert not COMMAND_MODULES & modules
    heavy = {"ojcli.scoring", "ojcli.files.loading", "ojcli.report.questionnaire", "pydantic"}
    assert not heavy & modules
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}


def test_score_draws_its_list_without_rich() -> None:
    # rich costs `ojcli score` more start-up time than all of its real work (see ojcli.terminal.ansi).
    modules = imported_after(
        "import sys\n"
        "from ojcli.cli import main\n"
        "from ojcli.files.loading import example_answers\n"
        "sys.argv = ['ojcli', 'score', str(example_answers())]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0\n"
    )
    assert "ojcli.report.one.text" in modules
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    assert COMMAND_MODULES & modules == {"ojcli.cli.results"}


def test_a_command_runs_with_the_cycle_collector_on() -> None:
    # Start-up runs without it (ojcli.cli); a long `compare-many` or `survey` must not.
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import gc\n"
            "from ojcli.cli import app\n"
            "print('at start-up:', gc.isenabled())\n"
            "import ojcli.scoring\n"
            "from ojcli.files.loading import example_answers\n"
            "real = ojcli.scoring.score\n"
            "def spy(*args):\n    print('in the command:', gc.isenabled())\n    return real(*args)\n"
            "ojcli.scoring.score = spy\n"
            "app(['score', str(example_answers())], standalone_mode=False)\n",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "at start-up: False" in out
    assert "in the command: True" in out


# --- the shape of the source: no import cycle, no overlong file ------------------------------------

SRC = Path(__file__).resolve().parents[1] / "src"
MAX_LINES = 450


def modules_of(root: Path) -> dict[str, Path]:
    """Every module below `root` by dotted name (a package by its own name)."""
    found = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _run_time_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node that runs when the module is imported or its functions called: all but the
    bodies of `if TYPE_CHECKING:` blocks, which only the type checker reads."""
    found: list[ast.AST] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        found.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            stack += node.orelse
        else:
            stack += ast.iter_child_nodes(node)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same tree it imports at run time: at the top or inside a
    function (imports for the type checker only cannot form a cycle when the code runs).
    `from a import b` counts as importing `a.b` when that is a module.
    """
    modules = modules_of(root)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in _run_time_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                    base = f"{anchor}.{base}".rstrip(".")
                targets = [
                    f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                    for alias in node.names
                ]
            else:
                continue
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, …, a], or None (depth-first search)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_no_import_cycle_in_ojcli() -> None:
    graph = import_graph(SRC)
    assert len(graph) > 50  # every module was read
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph) or [])


def test_the_cycle_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("def late() -> None:\n    from . import c\n")
    (package / "sub" / "c.py").write_text("import pkg.sub.d\n")
    (package / "sub" / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub.a import X\n"
    )
    assert find_cycle(import_graph(tmp_path)) is None  # for the type checker only: no cycle
    (package / "sub" / "d.py").write_text("def late() -> None:\n    from pkg.sub.a import X\n")
    assert find_cycle(import_graph(tmp_path)) == [
        "pkg.sub.a",
        "pkg.sub.b",
        "pkg.sub.c",
        "pkg.sub.d",
        "pkg.sub.a",
    ]


def test_no_source_file_is_over_450_lines() -> None:
    long = {
        str(path.relative_to(SRC)): n
        for path in SRC.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these files (at most {MAX_LINES} lines): {long}"
