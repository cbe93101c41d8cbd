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

from ojcli.report.formats import SPECS, Format, Kind, choose, render, renderer


def prepare(
    given: str | None,
    output: Path | None,
    formats: Sequence[Format],
    *,
    what: str,
    source: Path | None = None,
) -> Format:
    """The format to write, after refusing a target that is not safe or whose name is wrong.

    The format is chosen by `ojcli.report.formats.choose` from `given` (the `--format` value,
    if any), the output file's suffix, the first of `formats` the default. The output file is
    checked by the one rule for files a command writes (`ojcli.files.targets`): what is there
    first, then that its name ends in a suffix of the format. `what` names the documents in a
    refusal ("rapporter"), and `source` is an answers file that must not be overwritten by its
    own report.
    """
    fmt = choose(None if given is None else Format(given), output, formats, formats[0])
    if output is None:
        return fmt
    from ojcli.files.targets import check_name, check_place

    files = [f for f in formats if not SPECS[f].screen]
    if given is not None and SPECS[fmt].screen:
        *others, last = [f.value for f in files]
        listed = f"{', '.join(others)} eller {last}" if others else last
        from ojcli import messages

        raise messages.screen_format_to_file(fmt.value, output, listed)
    check_place(output, replace=True, source=source)
    named = [fmt] if given is not None else files
    check_name(
        output,
        [s for f in named for s in SPECS[f].suffixes],
        what=what,
        chosen=None if given is None else fmt.value,
        pdf=Format.html in files,
    )
    return fmt


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
        from ojcli import messages

        raise messages.binary_to_terminal(spec.title, Path(example).with_suffix(spec.suffixes[0]))
    sys.stdout.flush()
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.buffer.flush()
