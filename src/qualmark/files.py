"""Reading an input file, bounded: a regular file, no larger than a limit, UTF-8.

Framework and portfolio paths come from users, scripts and globs, so a path
may name anything: a FIFO that never ends, ``/dev/zero``, a folder, a file of
several gigabytes. Only regular files are read; their size is checked before
any byte is read, and reading stops at the limit should the file grow.

The limit is :data:`DEFAULT_MAX_BYTES` unless the caller gives another (the
CLI's ``--max-file-size``, or the environment variable
``QUALMARK_MAX_FILE_SIZE``); see docs/limits.md.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from qualmark.errors import LoadError, Problem
from qualmark.source import Span

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""The largest framework or portfolio file read by default: 10 MiB."""

TEST_FILE_SUFFIX = ".tests.yaml"
"""How the name of a framework test file ends: what `qualmark test` finds below a folder."""

ENVIRONMENT_VARIABLE = "QUALMARK_MAX_FILE_SIZE"

_RAISE_IT = (
    f"if the file is meant to be this large, raise the limit with --max-file-size or {ENVIRONMENT_VARIABLE}"
)

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),  # what the file is, when it is not a regular one
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_SIZE = re.compile(r"([0-9]+) ?([kmg]?)(?:i?b)?", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def format_size(n: int) -> str:
    """A number of bytes as people read it.

    >>> format_size(512), format_size(10 * 1024 * 1024), format_size(2_500_000_000)
    ('512 bytes', '10 MiB', '2.3 GiB')
    """
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= size:
            value = round(n / size, 1)
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n:,} byte{'s' if n != 1 else ''}"


def _too_large(size: int, limit: int) -> str:
    """The size of a file over the limit, in words that show that it is over (in bytes when it is close)."""
    shown, most = format_size(size), format_size(limit)
    if shown == most:
        shown, most = f"{size:,} bytes", f"{limit:,} bytes ({most})"
    return f"the file is {shown}, more than the limit of {most}"


def parse_size(text: str) -> int:
    """A size such as ``20M``, ``512k``, ``1G`` or a number of bytes; ``ValueError`` otherwise.

    >>> parse_size("20M"), parse_size("512 KiB"), parse_size("4096")
    (20971520, 524288, 4096)
    """
    match = _SIZE.fullmatch(text.strip())
    if match is None or len(match.group(1)) > 15:
        raise ValueError(text)
    size = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if size < 1:
        raise ValueError(text)
    return size


def _refuse(path: Path, message: str, hint: str | None = None) -> LoadError:
    """An error about the file as a whole: its path is where, the message says what."""
    return LoadError([Problem(message, hint=hint, file=str(path))])


def _open(path: Path) -> int:
    try:
        # O_NONBLOCK: opening a FIFO nobody writes to would otherwise wait forever
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise _refuse(path, "no such file", "check the path") from None
    except PermissionError:
        raise _refuse(
            path, "cannot read the file: permission denied", "check the file's permissions"
        ) from None
    except OSError as exc:
        raise _refuse(path, f"cannot read the file: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character, which no path may hold
        raise _refuse(path, "no file can have this name: it holds a NUL character") from None


def _regular(path: Path, fd: int) -> os.stat_result:
    """The file's status; a :class:`LoadError` unless it is a regular file."""
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise _refuse(path, "this is a folder, not a file", "give the path of a file in it")
    kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise _refuse(
            path,
            f"this is {kind}, not a regular file",
            "qualmark reads only regular files: save the content to a file first",
        )
    return info


def open_regular(path: str | Path) -> BinaryIO:
    """A regular file opened for reading in binary, to be read a piece at a time (JSON Lines, which
    has no size limit as a whole); anything else is a :class:`LoadError`."""
    path = Path(path)
    fd = _open(path)
    try:
        _regular(path, fd)
        os.set_blocking(fd, True)
    except OSError as exc:
        os.close(fd)
        raise _refuse(path, f"cannot read the file: {exc.strerror or exc}") from None
    except LoadError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; anything else is a :class:`LoadError`."""
    path = Path(path)
    fd = _open(path)
    try:
        info = _regular(path, fd)
        if info.st_size > max_bytes:
            raise _refuse(
                path,
                _too_large(info.st_size, max_bytes),
                _RAISE_IT,
            )
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while total <= max_bytes:  # a file that grows while it is read is cut off here
            chunk = os.read(fd, min(max_bytes + 1 - total, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _refuse(path, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise _refuse(
            path, f"the file grew beyond the limit of {format_size(max_bytes)} while it was read", _RAISE_IT
        )
    return b"".join(chunks)


def decode(data: bytes | str, file: str) -> str:
    """UTF-8 text (a byte order mark is kept for the parsers); a bad byte is reported at its line and column.

    Text is returned as it is.
    """
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8")) + 1
        span = Span(file, before.count(b"\n") + 1, column)
        message = f"not UTF-8 text: byte {exc.start} (0x{data[exc.start]:02X}) is not part of any character"
        raise LoadError([Problem(message, span, hint="save the file as UTF-8")]) from None


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A regular file's UTF-8 text, bounded by ``max_bytes``; see the module docstring."""
    return decode(read_bytes(path, max_bytes), str(path))


def real_path(path: Path) -> Path | None:
    """The absolute path with every link followed (the file need not exist); None when a link cannot
    be followed (a loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


FileId = tuple[int, int]
"""A file's device and inode: the file itself, whatever names or descriptors lead to it."""


def file_id(path: Path | int) -> FileId | None:
    """The identity of the file at ``path`` (or open as a descriptor); None when there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: the same path once links are followed, or (both there) one file
    under two names. Either may not exist yet; a path that cannot be followed names no file."""
    real = real_path(a)
    if real is not None and real == real_path(b):
        return True
    found = file_id(a)
    return found is not None and found == file_id(b)
