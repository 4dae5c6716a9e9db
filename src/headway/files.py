"""Writing the user's files safely: whole or not at all, with the right mode, through symlinks.

Every file Headway writes goes through `write_bytes_atomic`: the content goes to a temporary file
in the same folder, is flushed to disk and renamed over the old file, so a reader (or a crash, a
full disk, a kill) leaves the old file or the new one, never half. A new file gets the user's
umask (as any program's would); a rewritten file keeps its mode. Writing to a symlink updates the
file it points to and keeps the link. A folder, a device or a pipe is refused as a target.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from headway.errors import HeadwayError, Problem, file_error

StrPath = str | os.PathLike[str]


def write_atomic(path: StrPath, text: str) -> None:
    """Replace `path` with `text` (UTF-8); see `write_bytes_atomic`."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: StrPath, content: bytes) -> None:
    """Replace `path` with `content` so a reader sees the old file or the new, never half.

    Raises `HeadwayError`: invalid input when `path` is a folder, a device or a pipe; an
    environment error (read-only folder, full disk, no permission) when the write fails, in
    which case the previous file is unchanged and no temporary file is left.
    """
    target = Path(os.path.realpath(path))
    mode = _existing_mode(path, target)
    try:
        handle, temp = _create_beside(target)
    except OSError as exc:
        raise file_error(exc, path, "write") from None
    try:
        with os.fdopen(handle, "wb") as out:
            if mode is not None:
                os.fchmod(out.fileno(), mode)
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise file_error(exc, path, "write") from None
        raise
    _sync_folder(target.parent)


def check_output(output: StrPath, inputs: Iterable[StrPath] = ()) -> None:
    """Refuse (`HeadwayError`, invalid input) an output path that is one of `inputs`, a folder,
    a device or a pipe, before any work is done."""
    name = os.fspath(output)
    target = os.path.realpath(output)
    for source in inputs:
        if os.path.exists(source) and os.path.realpath(source) == target:
            raise _refusal(name, f"is also an input ({os.fspath(source)}); choose another name")
    _existing_mode(output, Path(target))


def _existing_mode(name: StrPath, target: Path) -> int | None:
    """The permission bits of the file at `target` (None when there is none yet)."""
    try:
        found = target.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise file_error(exc, name, "write") from None
    if stat.S_ISDIR(found.st_mode):
        raise _refusal(os.fspath(name), "is a folder; give a file name")
    if not stat.S_ISREG(found.st_mode):
        raise _refusal(os.fspath(name), "is not a regular file (a device or a pipe)")
    return stat.S_IMODE(found.st_mode)


def _refusal(name: str, what: str) -> HeadwayError:
    return HeadwayError([Problem(f"the output {what}", (), name)], f"{name}: the output {what}")


def _create_beside(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file in `target`'s folder, created with mode 0666 less the umask
    (the kernel applies it), and its open descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:
            continue


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder is flushed; where folders cannot be opened
    # (Windows) the rename is still atomic.
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_input(path: StrPath, limit: int, setting: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    Raises `OSError` when the file cannot be opened or read, and `ValueError` (with a message
    for the user) when `path` is a folder, pipe or device, whose reading could block forever or
    never end, or when the file is larger than `limit` bytes (the message names `setting`, the
    setting that changes the limit, when given).
    """
    # O_NONBLOCK: opening a named pipe must not wait for a writer; it is refused below.
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(handle, "rb") as file:
        status = os.fstat(file.fileno())
        for is_kind, kind in _KINDS:
            if is_kind(status.st_mode):
                raise ValueError(f"is {kind}, not a file; give the path of a file")
        size = status.st_size
        content = b"" if size > limit else file.read(limit + 1)
    if size > limit or len(content) > limit:
        where = f" (setting {setting}, see docs/settings.md)" if setting else ""
        raise ValueError(
            f"file is {max(size, len(content)):,} bytes; the limit is {limit:,} bytes{where}"
        )
    return content
