"""A failed bulk change (an injected error, a full disk, a kill) leaves the database exactly as before.

The importer applies a workbook through one all-or-nothing transaction, like ``create_many``; these
tests hold ``create_many`` to that promise.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from writer_child import COUNTRY, fork_child, read_lines, report

from coopdesk.backup import integrity_problems
from coopdesk.db.database import Database, open_database
from coopdesk.record_types import ValidationFailed
from coopdesk.services import RecordService


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: two equal snapshots mean two equal databases."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: sorted(conn.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def items(n: int, *, bad_last: bool = False) -> list[tuple[str, dict[str, Any], str | None]]:
    rows: list[tuple[str, dict[str, Any], str | None]] = [
        ("national_initiative", {"title": f"row {i}", "kind": "law", "description": "x" * 2000}, COUNTRY)
        for i in range(n)
    ]
    if bad_last:
        rows.append(("national_initiative", {"title": "bad", "kind": "no such kind"}, COUNTRY))
    return rows


def test_an_invalid_last_row_adds_nothing(demo_db: Database, demo_db_path: Path) -> None:
    before = snapshot(demo_db_path)
    with pytest.raises(ValidationFailed):
        RecordService(demo_db).create_many(items(200, bad_last=True))
    assert snapshot(demo_db_path) == before


def test_a_full_disk_adds_nothing(demo_db: Database, demo_db_path: Path) -> None:
    before = snapshot(demo_db_path)
    conn = sqlite3.connect(demo_db_path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()

    @event.listens_for(demo_db.engine, "connect")
    def _small_disk(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 2}")

    with pytest.raises(OperationalError, match="full"):
        RecordService(demo_db).create_many(items(300))
    event.remove(demo_db.engine, "connect", _small_disk)
    demo_db.dispose()
    assert snapshot(demo_db_path) == before
    assert integrity_problems(demo_db_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_a_kill_in_the_middle_adds_nothing(demo_db_path: Path) -> None:
    before = snapshot(demo_db_path)

    def work(fd: int) -> None:
        db = open_database(demo_db_path)
        report(fd, "start")
        RecordService(db).create_many(items(6000))
        report(fd, "done")

    pid, fd = fork_child(work)
    # Wait for the child to have started its transaction, then kill it mid-way.
    first = os.read(fd, 6)
    assert first == b"start\n"
    time.sleep(0.3)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert "done" not in read_lines(fd), "the bulk change finished before the kill; make it longer"
    assert integrity_problems(demo_db_path) == []
    assert snapshot(demo_db_path) == before
