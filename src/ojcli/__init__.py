"""ojcli: prepare the Öppna jämförelser survey of ekonomiskt bistånd from the command line."""

from __future__ import annotations

from pathlib import Path

# The installed package's folder, with its data/ and questionnaires/. ojcli installs from a
# wheel onto disk (it is not zip-importable), so this is what importlib.resources would
# return, without that module's import cost at every start.
PACKAGE_DIR = Path(__file__).parent

# The made-up municipality of the bundled example (`data/exempel-2019.toml`, `ojcli demo`):
# its code is no real one, and goes only with its own name (`ojcli.model.municipalities`).
EXAMPLE_CODE, EXAMPLE_NAME = "9999", "Exempelkommun"


def __getattr__(name: str) -> str:
    """`ojcli.__version__`, read from the installed metadata only when asked for."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("ojcli")
        except PackageNotFoundError:  # a source tree that is not installed
            return "0+unknown"
    raise AttributeError(f"module 'ojcli' has no attribute {name!r}")
