"""Where a command may write a file a person named: one rule for every command that writes one.

`report -o`, `plan -o`, `plan --ics`, `compare-many -o`, `questionnaires new -o`, `demo --spara`
and a new answers file of `ojcli survey` all check their file here, before any work and before
anything is asked:

- **What is there** (`check_place`): nothing, or a regular file the command may replace. A
  folder, a named pipe (FIFO), a device such as `/dev/full`, a socket, a symbolic link (it could
  point at any file) or a loop of links is refused and left exactly as it is; so is an existing
  file when the command only creates new ones, and the folder must exist. A refusal here is
  `WriteError` (exit code 4: nothing was written, what was there is untouched). ojcli never
  writes a stream to a device or pipe: without `-o` a document goes to standard output, which
  the shell can send anywhere (`ojcli report svar.toml --format html > /dev/…`).
- **The name** (`check_name`): it ends in a suffix of the format written (`.html` for HTML,
  `.toml` for a questionnaire or an answers file). A name without a suffix, or with one of
  another format, is refused (`UsageError`, exit code 2: the command line is wrong), and `.pdf`
  is told how to get a PDF: print the HTML report.

`ojcli.files.storage` checks what is there again when it writes, so a file that turned into
something else in between is still never replaced.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ojcli import messages

_KINDS = (
    (stat.S_ISDIR, "en mapp"),
    (stat.S_ISFIFO, "en namngiven pipe (FIFO)"),
    (stat.S_ISCHR, "en enhet"),
    (stat.S_ISBLK, "en enhet"),
    (stat.S_ISSOCK, "en socket"),
)


def file_type(mode: int) -> str | None:
    """What a file of this mode is, in Swedish ("en enhet"); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "en särskild fil")


def check_place(
    path: Path, *, replace: bool, source: Path | None = None, stream: bool | None = None
) -> None:
    """Refuse (WriteError) to write `path` unless it is free, or a regular file and `replace`.

    `source` is an answers file that must not be overwritten by its own report. `stream`: the
    command writes to standard output without `-o` (by default, one that may replace a file).
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise messages.not_written(path, exc) from None
    if st is None:
        pass
    elif stat.S_ISLNK(st.st_mode):
        if not replace:
            raise messages.exists(path)
        raise messages.a_link(path)
    elif stat.S_ISDIR(st.st_mode):
        raise messages.a_folder(path)
    elif (kind := file_type(st.st_mode)) is not None:
        raise messages.not_regular(path, kind, stream=replace if stream is None else stream)
    elif not replace:
        raise messages.exists(path)
    elif source is not None and _same_file(path, source):
        raise messages.the_answers_file(path)
    folder = path.absolute().parent
    if not folder.is_dir():
        raise messages.no_folder(path, folder)


def _same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def check_name(
    path: Path,
    suffixes: Sequence[str],
    *,
    what: str,
    chosen: str | None = None,
    pdf: bool = False,
) -> None:
    """Refuse (UsageError) a file name that does not end in one of `suffixes` (lower case).

    `what` names the documents ("rapporter"); `chosen` is the format asked for with
    `--format`, if any; `pdf` says the command can write HTML, which prints as a PDF.
    """
    suffix = path.suffix.lower()
    if suffix in suffixes:
        return
    listed = _listed(suffixes)
    example = path.with_suffix(suffixes[0]) if path.stem else Path(f"fil{suffixes[0]}")
    if suffix == ".pdf" and pdf:
        raise messages.no_pdf(path)
    if chosen is not None and suffix:
        raise messages.suffix_not_the_format(path, chosen, example)
    if not suffix:
        raise messages.no_suffix(path, what, listed, example)
    raise messages.wrong_suffix(path, what, listed, example)


def _listed(suffixes: Sequence[str]) -> str:
    *others, last = suffixes
    return f"{', '.join(others)} eller {last}" if others else last


def check_survey_file(path: Path) -> None:
    """Refuse an answers file `ojcli survey` cannot use, before anything is asked.

    An existing file must be a regular file, or a link to one (it is read, and its lock and
    saves go to the file the link points to); a new one needs a `.toml` name in a folder that
    exists. A loop of links, a link to nothing, a folder or a device is refused as an answers
    file that cannot be read (`LoadError`, exit code 3), as every other command refuses it.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            target = path.readlink()
            raise messages.link_to_nothing(path, target) from None
        check_place(path, replace=False)
        check_name(path, (".toml",), what="svarsfiler")
        return
    except OSError as exc:
        raise messages.unreadable(path, "svarsfilen", exc) from None
    kind = file_type(st.st_mode)
    if kind is not None:
        raise messages.not_a_file(path, "svarsfilen", kind)
