"""Files Headway writes: atomic, the user's umask for new files, the old mode for rewritten
ones, through symlinks to their target, and never into a folder or a device."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from headway.errors import ErrorKind, HeadwayError
from headway.files import check_output, write_atomic, write_bytes_atomic


@pytest.fixture
def umask_027() -> Iterator[None]:
    """A non-default umask (group may read, others nothing) for the test's duration."""
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_the_users_umask(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "report.html"
    write_atomic(target, "<p>new</p>")
    assert mode(target) == 0o640
    assert target.read_text() == "<p>new</p>"


def test_a_rewritten_file_keeps_its_mode(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "headway.yaml"
    target.write_text("old: 1\n")
    target.chmod(0o664)
    write_atomic(target, "new: 2\n")
    assert mode(target) == 0o664
    assert target.read_text() == "new: 2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["headway.yaml"]


def test_writing_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "headway.yaml"
    real.parent.mkdir()
    real.write_text("old: 1\n")
    link = tmp_path / "headway.yaml"
    link.symlink_to(real)
    write_atomic(link, "new: 2\n")
    assert link.is_symlink()
    assert real.read_text() == "new: 2\n"


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    target = tmp_path / "measurements.csv"
    target.write_text("kpi,date,value\n")

    def full_disk(handle: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(HeadwayError) as caught:
        write_bytes_atomic(target, b"x" * 1000)
    assert caught.value.kind is ErrorKind.environment
    assert str(caught.value).startswith(f"{target}: cannot write the file")
    assert target.read_text() == "kpi,date,value\n"
    assert [p.name for p in tmp_path.iterdir()] == ["measurements.csv"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_an_environment_error(tmp_path: Path) -> None:
    target = tmp_path / "headway.yaml"
    target.write_text("old: 1\n")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(HeadwayError) as caught:
            write_atomic(target, "new: 2\n")
    finally:
        tmp_path.chmod(0o755)
    assert caught.value.kind is ErrorKind.environment
    assert target.read_text() == "old: 1\n"


def test_a_folder_a_device_or_an_input_is_refused_as_output(tmp_path: Path) -> None:
    source = tmp_path / "headway.yaml"
    source.write_text("old: 1\n")
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(source)
    refused = {
        str(tmp_path): "is a folder",
        os.devnull: "is not a regular file",
        str(alias): "is also an input",
    }
    for output, reason in refused.items():
        with pytest.raises(HeadwayError, match=reason) as caught:
            check_output(output, [source])
        assert caught.value.kind is ErrorKind.invalid_input
    for output in (str(tmp_path), os.devnull):
        with pytest.raises(HeadwayError):
            write_atomic(output, "x")
    assert source.read_text() == "old: 1\n"
    check_output(tmp_path / "report.html", [source])  # a new file beside the input is fine
