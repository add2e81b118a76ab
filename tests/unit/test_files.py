"""Reading input files (qualmark.files): regular files only, bounded, UTF-8 with positions."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from qualmark import LoadError
from qualmark.files import decode, file_id, format_size, parse_size, read_text, same_file
from qualmark.source import Span


def refused(path: Path | str, max_bytes: int = 1024) -> tuple[str, str, str | None]:
    with pytest.raises(LoadError) as caught:
        read_text(path, max_bytes)
    (problem,) = caught.value.problems
    return problem.where, problem.message, problem.hint


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text("{}", encoding="utf-8")
    assert read_text(path) == "{}"


def test_a_file_of_exactly_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(b"x" * 1024)
    assert len(read_text(path, 1024)) == 1024
    path.write_bytes(b"x" * 1025)
    assert refused(path)[1] == "the file is 1,025 bytes, more than the limit of 1,024 bytes (1 KiB)"


def test_a_fifo_is_refused_at_once_even_when_nobody_writes_to_it(tmp_path: Path) -> None:
    path = tmp_path / "pipe.json"
    os.mkfifo(path)
    start = time.monotonic()
    assert refused(path)[1:] == (
        "this is a named pipe (FIFO), not a regular file",
        "qualmark reads only regular files: save the content to a file first",
    )
    assert time.monotonic() - start < 5


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    assert refused(device) == (device, "this is a character device, not a regular file", refused(device)[2])


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path)[1] == "this is a folder, not a file"


def test_a_file_that_grows_while_it_is_read_is_cut_off(tmp_path: Path) -> None:
    """/proc files say they are empty; their content is read only up to the limit."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert refused(status, 16)[1] == "the file grew beyond the limit of 16 bytes while it was read"
    assert read_text(status).startswith("Name:")


def test_a_bad_utf8_byte_is_shown_where_an_editor_shows_it() -> None:
    with pytest.raises(LoadError) as caught:
        decode("line one\nzoë \xff".encode().replace(b"\xc3\xbf", b"\xff"), "f.yaml")
    (problem,) = caught.value.problems
    assert problem.span == Span("f.yaml", 2, 5)
    assert problem.message == "not UTF-8 text: byte 14 (0xFF) is not part of any character"


@pytest.mark.parametrize(
    ("text", "size"),
    [("4096", 4096), ("20M", 20 * 2**20), ("512k", 512 * 2**10), ("1 GiB", 2**30), ("2mb", 2 * 2**20)],
)
def test_sizes_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "lots", "0", "-5M", "1.5M", "9" * 40, "10T"])
def test_what_is_not_a_size(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_sizes_are_shown_as_people_read_them() -> None:
    assert [format_size(n) for n in (1, 1024, 1536, 10 * 2**20, 2 * 2**30)] == [
        "1 byte",
        "1 KiB",
        "1.5 KiB",
        "10 MiB",
        "2 GiB",
    ]


def test_one_file_under_two_names_is_the_same_file(tmp_path: Path) -> None:
    real = tmp_path / "results.jsonl"
    real.write_text("", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(real)
    os.link(real, tmp_path / "hard.jsonl")
    (tmp_path / "sub").mkdir()
    assert same_file(tmp_path / "sub" / ".." / "results.jsonl", real)
    assert same_file(tmp_path / "link.jsonl", real) and same_file(tmp_path / "hard.jsonl", real)
    assert same_file(tmp_path / "new.jsonl", tmp_path / "sub" / ".." / "new.jsonl")  # neither exists yet
    assert not same_file(tmp_path / "new.jsonl", real)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert not same_file(loop, real)


def test_a_file_is_known_by_its_identity_through_any_name_or_descriptor(tmp_path: Path) -> None:
    real = tmp_path / "results.jsonl"
    real.write_text("", encoding="utf-8")
    os.link(real, tmp_path / "hard.jsonl")
    with real.open("rb") as stream:
        assert file_id(real) == file_id(tmp_path / "hard.jsonl") == file_id(stream.fileno()) is not None
    other = tmp_path / "other.jsonl"
    other.write_text("", encoding="utf-8")
    assert file_id(other) != file_id(real)
    assert file_id(tmp_path / "missing.jsonl") is None
