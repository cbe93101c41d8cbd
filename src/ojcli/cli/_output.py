"""Where a command's document goes: drawn on the screen, or written to stdout or to the `-o` file.

One check of the target before any work (`prepare`), one writer (`emit`): a screen format is
drawn by its view, a file format goes to stdout as UTF-8 bytes (binary only when stdout is not
a terminal) or atomically to the file. The confirmation after a file is written is each
command's own.
"""

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ojcli.errors import UsageError, WriteError
from ojcli.report.formats import SPECS, Format, Kind, choose, render, renderer


def prepare(
    given: str | None,
    output: Path | None,
    formats: Sequence[Format],
    *,
    what: str,
    example: str,
    source: Path | None = None,
) -> Format:
    """The format to write, after refusing a target that is not safe.

    The format is chosen by `ojcli.report.formats.choose` from `given` (the `--format` value,
    if any), the first of `formats` the default.
    `what` names the documents in the refusal ("rapporter"), `example` is a file name to
    suggest, and `source` is an answers file that must not be overwritten by its own report.
    """
    if output is not None:
        _refuse_unsafe(output, what)
    fmt = choose(None if given is None else Format(given), output, formats, formats[0])
    if output is not None:
        if output.is_dir():
            raise UsageError(f"{output} är en mapp; ange ett filnamn, t.ex. {output / example}.")
        if source is not None and output.exists() and source.exists() and output.samefile(source):
            raise UsageError(f"{output} är svarsfilen själv; välj ett annat filnamn för rapporten.")
        if not output.parent.is_dir():
            raise WriteError(f"Kunde inte skriva {output}: mappen {output.parent} finns inte.")
    return fmt


def _refuse_unsafe(output: Path, what: str) -> None:
    """A symbolic link could point at any file; a .toml or .bak name is an answers file or its backup."""
    if output.is_symlink():
        raise UsageError(
            f"{output} är en symbolisk länk; ojcli skriver inte genom länkar. Ange den riktiga filen."
        )
    if output.suffix.lower() in (".toml", ".bak"):
        raise UsageError(
            f"{output} ser ut som en svarsfil; ojcli skriver inte {what} till .toml- eller .bak-filer."
        )


def emit(
    fmt: Format,
    kind: Kind,
    document: object,
    output: Path | None = None,
    *,
    example: str = "",
    **options: Any,
) -> None:
    """Show `document` as `fmt` on the screen, or write it to stdout or to `output`.

    `options` go to a screen format's view (e.g. `only_unmet`); `example` names a file to
    suggest when binary output would go to a terminal.
    """
    spec = SPECS[fmt]
    if spec.screen:
        renderer(fmt, kind)(document, **options)
        return
    data = render(fmt, kind, document)
    if output is not None:
        from ojcli.files.storage import write_atomic

        write_atomic(output, data)
        return
    if spec.binary and sys.stdout.isatty():
        raise UsageError(
            f"En {spec.title}-fil kan inte visas i terminalen. Ange en fil: "
            f"--output {Path(example).with_suffix(spec.suffixes[0])}"
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.buffer.flush()
