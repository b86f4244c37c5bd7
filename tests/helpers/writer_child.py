"""Child processes that write to a database through the services, for the crash and concurrency tests.

They are forked from the test process (so they start in milliseconds and can be killed many times) and
report each commit on a pipe, one line per commit, only after the service call has returned.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.exc import OperationalError

from coopdesk.db.opener import open_database
from coopdesk.records.record import Conflict
from coopdesk.records.service import RecordService

COUNTRY = "BLR"


def fork_child(work: Callable[[int], None]) -> tuple[int, int]:
    """Run ``work(write_fd)`` in a forked process; returns (pid, read_fd)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        code = 0
        try:
            os.close(read_fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            work(write_fd)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    return pid, read_fd


def read_lines(fd: int) -> list[str]:
    chunks = []
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    text = b"".join(chunks).decode()
    # A kill can cut the last line short: only complete lines were reported.
    return [line for line in text.split("\n")[:-1] if line]


def report(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())


def edit_loop(db_path: Path, tag: str, fd: int, limit: int = 1_000_000) -> None:
    """Create a record, then update it, again and again; report each commit."""
    db = open_database(db_path)
    service = RecordService(db, user=f"writer-{tag}")
    last_key = None
    for i in range(limit):
        if last_key is None or i % 2 == 0:
            record = service.create(
                "national_initiative",
                {"title": f"{tag}-{i}", "kind": "strategy", "description": "0"},
                country=COUNTRY,
            )
            last_key = record.key
            report(fd, f"create {record.key} {tag}-{i}")
        else:
            service.update("national_initiative", last_key, {"description": str(i)}, expected_version=None)
            report(fd, f"update {last_key} {i}")


def increment_loop(db_path: Path, key: str, tag: str, fd: int, times: int) -> None:
    """Add 1 to a shared counter ``times`` times with optimistic locking, retrying on a conflict.

    Reports ``done``, the conflicts it met and every "database is locked" error (which must be none).
    """
    db = open_database(db_path)
    service = RecordService(db, user=f"writer-{tag}")
    conflicts = locked = 0
    done = 0
    while done < times:
        current = service.get("national_initiative", key)
        try:
            service.update(
                "national_initiative",
                key,
                {"description": str(int(current["description"]) + 1)},
                expected_version=current.version,
            )
        except Conflict:
            conflicts += 1
            continue
        except OperationalError as exc:
            if "locked" in str(exc):
                locked += 1
                time.sleep(0.01)
                continue
            raise
        done += 1
        if done % 5 == 0:
            service.create("national_initiative", {"title": f"{tag}-{done}", "kind": "law"}, country=COUNTRY)
    report(fd, f"done {done} conflicts {conflicts} locked {locked}")
