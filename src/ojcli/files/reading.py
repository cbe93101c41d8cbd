"""Read a file ojcli was given: a regular file only, whole, with the reason in Swedish if not.

The one read of an answers or questionnaire file (`ojcli.files.loading.read_toml` and the
questionnaire cache). Writing has its rule in `ojcli.files.targets`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 5_000_000  # far above any real file; guards against reading garbage

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)


def read_regular(path: Path, what: str) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; else a LoadError saying why.

    A named pipe or a device is refused without reading from it (reading could wait forever,
    or never end: /dev/zero); opening does not wait for a pipe's writer (O_NONBLOCK).
    os-level calls: compare-many reads thousands of files, and a file object costs more.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as exc:  # a folder on Windows is PermissionError
        from ojcli import messages  # here and below: only when something is wrong

        if isinstance(exc, FileNotFoundError):
            raise messages.file_missing(path, what) from None
        if _is_dir(path):
            raise messages.not_a_file(path, what) from None
        raise messages.unreadable(path, what, exc) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            from ojcli import messages
            from ojcli.files.targets import file_type

            raise messages.not_a_file(path, what, file_type(st.st_mode) or "")
        if st.st_size > MAX_FILE_BYTES:
            from ojcli import messages

            raise messages.too_big(path, what, st.st_size)
        raw = os.read(fd, st.st_size + 1)  # one read: all of it, and nothing more is there
        if len(raw) <= st.st_size:
            return raw
        chunks = [raw]  # the file grew since fstat (or the size was not told): read to the end
        while chunk := os.read(fd, 65_536):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_FILE_BYTES:
                from ojcli import messages

                raise messages.too_big(path, what, sum(map(len, chunks)))
        return b"".join(chunks)
    except OSError as exc:
        from ojcli import messages

        raise messages.unreadable(path, what, exc) from None
    finally:
        os.close(fd)


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False
