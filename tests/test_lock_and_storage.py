"""One writer per file (the lock file), and network drives detected from the mount table."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from coopdesk.db.lock import DatabaseLocked, WriterLock, lock_path_for
from coopdesk.db.storage import is_network_path, mount_of, parse_mountinfo
from tests.helpers.writer_child import fork_child

MOUNTINFO = r"""22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
40 22 0:35 / /mnt/team rw,relatime shared:20 - cifs //fileserver/team rw,vers=3.0
41 22 0:36 / /home/ana/nfs\040share rw,relatime - nfs4 server:/export rw
42 22 0:37 / /home/ana/remote rw,nosuid - fuse.sshfs ana@host:/ rw
43 22 8:2 / /mnt/team/local rw - ext4 /dev/sdb1 rw
"""


def _write_lock(db_path: Path, **holder: object) -> None:
    lock_path_for(db_path).write_text(json.dumps(holder), encoding="utf-8")


def test_second_instance_is_refused_with_the_holder(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDESK_USER", "ana")
    first = WriterLock(db_path)
    first.acquire()
    # Another instance: a different process on this host (its pid is alive: our parent).
    data = json.loads(first.path.read_text())
    data["pid"] = os.getppid()
    first.path.write_text(json.dumps(data))
    monkeypatch.setenv("COOPDESK_USER", "ben")
    with pytest.raises(DatabaseLocked) as refused:
        WriterLock(db_path).acquire()
    message = str(refused.value)
    assert "ana" in message and socket.gethostname() in message and "since" in message
    assert "read-only" in message
    assert refused.value.holder.user == "ana"
    assert not refused.value.holder.is_stale()


def test_lock_is_released_on_close(db_path: Path) -> None:
    with WriterLock(db_path) as lock:
        assert lock.path.exists()
    assert not lock.path.exists()
    WriterLock(db_path).acquire()  # free again


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_lock_of_a_crashed_instance_is_stale_and_can_be_taken_over(db_path: Path) -> None:
    pid, fd = fork_child(lambda w: None)
    os.close(fd)
    os.waitpid(pid, 0)  # that process is gone now
    _write_lock(db_path, user="ana", host=socket.gethostname(), pid=pid, since="2026-11-27T09:00:00")
    with pytest.raises(DatabaseLocked) as refused:
        WriterLock(db_path).acquire()
    assert refused.value.holder.is_stale()
    assert "stopped without closing" in str(refused.value)
    mine = WriterLock(db_path)
    holder = mine.acquire(take_over=True)
    assert holder.pid == os.getpid()
    assert json.loads(mine.path.read_text())["pid"] == os.getpid()


def test_lock_from_another_computer_is_never_stale_by_itself(db_path: Path) -> None:
    _write_lock(db_path, user="ana", host="desk-42", pid=1, since="2026-11-27T09:00:00")
    with pytest.raises(DatabaseLocked) as refused:
        WriterLock(db_path).acquire()
    assert not refused.value.holder.is_stale()
    assert "ana on desk-42 (since 27/11/2026 09:00)" in str(refused.value)
    WriterLock(db_path).acquire(take_over=True)  # only after the user confirmed


def test_a_garbled_lock_file_counts_as_stale(db_path: Path) -> None:
    lock_path_for(db_path).write_text("{not json", encoding="utf-8")
    lock = WriterLock(db_path)
    holder = lock.holder()
    assert holder is not None and holder.user == "an unknown user"
    lock.acquire(take_over=True)


def test_mountinfo_parsing_finds_network_file_systems() -> None:
    mounts = parse_mountinfo(MOUNTINFO)
    assert mount_of(Path("/mnt/team/db/coopdesk.sqlite"), mounts).fs_type == "cifs"  # type: ignore[union-attr]
    assert mount_of(Path("/mnt/team/local/x.sqlite"), mounts).fs_type == "ext4"  # type: ignore[union-attr]
    assert mount_of(Path("/mnt/teamwork/x"), mounts).fs_type == "ext4"  # type: ignore[union-attr]
    assert is_network_path(Path("/mnt/team/db/x.sqlite"), mountinfo=MOUNTINFO)
    assert is_network_path(Path("/home/ana/nfs share/x.sqlite"), mountinfo=MOUNTINFO)
    assert is_network_path(Path("/home/ana/remote/x.sqlite"), mountinfo=MOUNTINFO)
    assert not is_network_path(Path("/home/ana/x.sqlite"), mountinfo=MOUNTINFO)
    assert not is_network_path(Path("/mnt/team/local/x.sqlite"), mountinfo=MOUNTINFO)


def test_this_machine_temp_folder_is_local(tmp_path: Path) -> None:
    assert not is_network_path(tmp_path / "coopdesk.sqlite")
