"""What ships works: the built wheel carries the questionnaires and runs outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it (without dependencies) into a folder of its own."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work / "dist"),
            str(ROOT),
        ],
        check=True,
    )
    wheel = next((work / "dist").glob("ojcli-*.whl"))
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    return target


def _run(target: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "ojcli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_wheel_demo_runs_from_another_folder(installed_wheel: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "import ojcli, sys; print(ojcli.__file__)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed_wheel)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(installed_wheel)), (
        "the test must exercise the wheel, not the checkout"
    )
    result = _run(installed_wheel, tmp_path, "demo")
    assert result.returncode == 0, result.stderr
    assert "indikatorer uppfyllda" in result.stdout


@pytest.mark.slow
def test_wheel_lists_every_bundled_questionnaire(installed_wheel: Path, tmp_path: Path) -> None:
    result = _run(installed_wheel, tmp_path, "questionnaires")
    assert result.returncode == 0, result.stderr
    shipped = sorted(p.stem for p in (ROOT / "questionnaires").glob("*.toml"))
    for qid in shipped:
        assert qid in result.stdout


@pytest.mark.parametrize("package", ["typer", "tomlkit"])
def test_a_dependency_used_beyond_its_public_api_is_bounded_to_what_was_tested(
    package: str,
) -> None:
    # cli/_swedish.py and cli/app.py reach into typer, files/layout.py into tomlkit (issue 19, item 25): an
    # unbounded release could break them without a change here. The bound admits the installed
    # release, the one the suite is running on now.
    import tomllib
    from importlib.metadata import version

    from packaging.requirements import Requirement

    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    found = [
        Requirement(d) for d in dependencies["project"]["dependencies"] if d.startswith(package)
    ]
    assert len(found) == 1
    assert any(spec.operator == "<" for spec in found[0].specifier)
    assert version(package) in found[0].specifier
