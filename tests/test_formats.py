"""The one registry of output formats: complete, unambiguous, and what every command offers."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import invoke_raw, needed
from ojcli.cli import _options
from ojcli.errors import EXIT_USAGE, UsageError
from ojcli.report.formats import SPECS, SUFFIXES, Format, Kind, choose, offered, renderer

# Command -> the kinds of document its --format renders, what it offers, and files to name.
COMMAND_FORMATS = {
    "score": ([Kind.results], _options.SCORE_FORMATS, ["x.toml"]),
    "demo": ([Kind.results], _options.SCORE_FORMATS, []),
    "report": ([Kind.results, Kind.answers], _options.REPORT_FORMATS, ["x.toml"]),
    "compare": ([Kind.pair], _options.PAIR_FORMATS, ["x.toml", "y.toml"]),
    "compare-many": ([Kind.group], _options.GROUP_FORMATS, ["x.toml"]),
    "plan": ([Kind.plan], _options.PLAN_FORMATS, ["x.toml"]),
}


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_renderer_for_each_kind_it_claims(fmt: Format) -> None:
    spec = SPECS[fmt]
    assert spec.renderers, f"{fmt} renders nothing"
    for kind in spec.renderers:
        func = renderer(fmt, kind)
        assert callable(func), (fmt, kind)
        parameters = inspect.signature(func).parameters.values()
        positional = [p for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert positional, (fmt, kind)  # the document
        required = [p for p in positional[1:] if p.default is p.empty]
        assert not required, f"{fmt}/{kind} needs more than the document: {required}"


def test_every_kind_has_a_file_format_and_a_way_onto_the_screen_or_stdout() -> None:
    for kind in Kind:
        assert offered(kind, files=True), kind


def test_every_suffix_maps_to_one_format() -> None:
    listed = [s for spec in SPECS.values() for s in spec.suffixes]
    assert len(listed) == len(set(listed)) == len(SUFFIXES)
    for fmt, spec in SPECS.items():
        for suffix in spec.suffixes:
            assert suffix.startswith(".")
            assert suffix == suffix.lower()
            assert SUFFIXES[suffix] is fmt
        if not spec.screen:
            assert SUFFIXES[f".{fmt.value}"] is fmt  # the format's own name works as a suffix


def test_binary_formats_are_files_and_screen_formats_have_no_suffix() -> None:
    for fmt, spec in SPECS.items():
        assert not (spec.binary and spec.screen), fmt
    assert [f for f, s in SPECS.items() if s.screen] == [Format.text, Format.table]


@pytest.mark.parametrize("command", list(COMMAND_FORMATS))
def test_every_command_offers_registry_formats_that_render_its_documents(
    runner: CliRunner, command: str
) -> None:
    kinds, formats, files = COMMAND_FORMATS[command]
    for kind in kinds:
        assert set(formats) <= set(offered(kind)), (command, kind)
    _, help_text = invoke_raw(runner, command, "--help")
    assert f"<{'|'.join(f.value for f in formats)}>" in help_text
    for fmt in Format:
        code, _ = invoke_raw(runner, command, *files, "--format", fmt.value)
        assert (code == EXIT_USAGE) is (fmt not in formats), (command, fmt, code)


def test_report_offers_every_file_format_of_a_report_and_compare_many_every_format() -> None:
    assert set(_options.REPORT_FORMATS) == set(offered(Kind.answers, files=True))
    assert _options.GROUP_FORMATS[0] is Format.table  # the default: the terminal


REPORT = (Format.md, Format.html, Format.json, Format.csv)
GROUP = (Format.table, Format.md, Format.html, Format.json, Format.csv, Format.xlsx)


@pytest.mark.parametrize(
    ("given", "output", "offers", "chosen"),
    [
        (None, None, REPORT, Format.md),
        (Format.csv, None, REPORT, Format.csv),
        (None, "r.HTML", REPORT, Format.html),
        (None, "r.htm", REPORT, Format.html),
        (None, "r.markdown", REPORT, Format.md),
        (None, "r.txt", REPORT, Format.md),
        (None, "r.xlsx", REPORT, Format.md),  # not a report format: the suffix says nothing
        (Format.html, "r.txt", REPORT, Format.html),
        (Format.json, "r.json", REPORT, Format.json),
        (None, None, GROUP, Format.table),
        (None, "m.xlsx", GROUP, Format.xlsx),
        (None, "m.markdown", GROUP, Format.md),
        (Format.csv, "m.txt", GROUP, Format.csv),
    ],
)
def test_the_format_comes_from_the_option_then_the_suffix_then_the_default(
    given: Format | None, output: str | None, offers: tuple[Format, ...], chosen: Format
) -> None:
    path = None if output is None else Path(output)
    assert choose(given, path, offers, offers[0]) is chosen


def test_binary_output_is_not_sent_to_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    from ojcli.cli import _output
    from ojcli.compare.many import ManyComparison

    needed("openpyxl")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    empty = ManyComparison((), (), 0)
    with pytest.raises(
        UsageError,
        match=r"En Excel-fil kan inte visas i terminalen\. Ange en fil: --output jämförelse\.xlsx",
    ):
        _output.emit(Format.xlsx, Kind.group, empty, example="jämförelse.xlsx")
    target = tmp_path / "j.xlsx"
    _output.emit(Format.xlsx, Kind.group, empty, target)
    assert target.read_bytes().startswith(b"PK")  # a zip: the workbook


def test_a_renderer_is_not_loaded_before_it_is_asked_for(runner: CliRunner) -> None:
    import subprocess
    import sys

    code = (
        "import sys, ojcli.cli\n"
        "from ojcli.report.formats import SPECS\n"
        "names = {r.partition(':')[0] for s in SPECS.values() for r in s.renderers.values()}\n"
        "print(sorted(names & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
