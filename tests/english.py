"""English words the user must not meet: read from the framework's and the parser's own source.

The words come from the strings typer's vendored click and typer itself show a user (help
headings, usage errors, type names) and from tomllib's error messages, so a new English text in
a future version is caught without anyone listing it here.
"""

from __future__ import annotations

import ast
import functools
import re
import tomllib
from pathlib import Path

import typer

# Calls and names whose strings reach the user.
_CALLS = {
    "fail",
    "_",
    "echo",
    "BadParameter",
    "UsageError",
    "NoSuchOption",
    "BadOptionUsage",
    "BadArgumentUsage",
    "MissingParameter",
    "FileError",
    "ClickException",
    "write_usage",
    "section",
    "write_heading",
    "suffixed_err",
}
_NAMES = {
    "prefix",
    "hint",
    "message",
    "msg",
    "suggest",
    "label",
    "extra_message",
    "deprecated_message",
    "default_string",
    "subcommand_metavar",
    "options_metavar",
    "param_type_name",
}
# Words that are Swedish as well as English, and so may stand in a Swedish text.
SWEDISH_TOO = {"argument", "text", "format"}
_TYPER_FILES = [
    "_click/core.py",
    "_click/exceptions.py",
    "_click/parser.py",
    "_click/formatting.py",
    "_click/decorators.py",
    "_click/termui.py",
    "core.py",
    "main.py",
    "_coercion.py",
    "_param_types.py",
    "_adapters.py",
    "rich_utils.py",
]


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _shown_strings(source: str) -> list[str]:
    """Strings in a module that go to the user: messages, help, labels, returned texts."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            if _name(node.func) in _CALLS:
                found += [s for arg in node.args for s in _strings(arg)]
            found += [s for kw in node.keywords if kw.arg == "help" for s in _strings(kw.value)]
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if node.value is not None and any(_name(t) in _NAMES for t in targets):
                found += _strings(node.value)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Constant | ast.JoinedStr):
            found += _strings(node.value)
    return found


def _words(strings: list[str]) -> frozenset[str]:
    words = {w.casefold() for s in strings for w in re.findall(r"[A-Za-z]{4,}", s)}
    return frozenset(words - SWEDISH_TOO)


@functools.cache
def framework_words() -> frozenset[str]:
    """English words from the user-facing strings of typer and its vendored click."""
    root = Path(typer.__file__).parent
    # Older typers within the bounds of pyproject.toml lack some of the newer files.
    files = [root / f for f in _TYPER_FILES if (root / f).is_file()]
    assert root / "_click" / "core.py" in files, (
        "typer no longer vendors click: see cli/_swedish.py"
    )
    return _words([s for f in files for s in _shown_strings(f.read_text("utf-8"))])


@functools.cache
def parser_words() -> frozenset[str]:
    """English words from tomllib's error messages (and the position it appends)."""
    source = (Path(tomllib.__file__).parent / "_parser.py").read_text("utf-8")
    return _words([*_shown_strings(source), "at line 1, column 1", "at end of document"])


def english_in(output: str, words: frozenset[str]) -> list[str]:
    """The denied words in an output, leaving out option names and file paths."""
    text = re.sub(r"\S*[/\\]\S*", " ", output)  # paths carry the test's own (English) names
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # option names: --help, --format
    # A word with an underscore is a key from a file (municipality_name), not English prose.
    found = {w.casefold() for w in re.findall(r"\w+", text) if "_" not in w}
    return sorted(found & words)
