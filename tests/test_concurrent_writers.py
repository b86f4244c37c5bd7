"""Two processes writing to one file at once: no "database is locked" error and no lost update."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from coopdesk.db.file_copy import integrity_problems
from coopdesk.db.opener import open_database
from coopdesk.records.history import record_history
from coopdesk.records.service import RecordService
from tests.helpers.writer_child import COUNTRY, fork_child, increment_loop, read_lines

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")

TIMES = 60


def test_two_writers_lose_nothing_and_never_see_a_locked_database(db_path: Path, output_dir: Path) -> None:
    db = open_database(db_path)
    service = RecordService(db, user="tester")
    counter = service.create(
        "national_initiative", {"title": "counter", "kind": "law", "description": "0"}, country=COUNTRY
    )
    db.dispose()

    children = [
        fork_child(lambda w, t=tag: increment_loop(db_path, counter.key, t, w, TIMES)) for tag in "ab"
    ]
    results = []
    for pid, fd in children:
        lines = read_lines(fd)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"a writer failed: {lines}"
        results.append(lines[-1].split())

    done = sum(int(r[1]) for r in results)
    conflicts = sum(int(r[3]) for r in results)
    locked = sum(int(r[5]) for r in results)
    assert locked == 0, f"{locked} 'database is locked' errors"
    assert done == 2 * TIMES

    db = open_database(db_path)
    try:
        service = RecordService(db)
        final = service.get("national_initiative", counter.key)
        assert int(final["description"]) == 2 * TIMES, "an update was lost"
        assert final.version == 1 + 2 * TIMES
        assert service.count("national_initiative", country=COUNTRY) == 1 + 2 * (TIMES // 5)
        updates = [c for c in record_history(db, "national_initiative", counter.key) if c.action == "update"]
        assert len(updates) == 2 * TIMES
        assert {c.user for c in updates} == {"writer-a", "writer-b"}
    finally:
        db.dispose()
    assert integrity_problems(db_path) == []
    (output_dir / "concurrent-writers.txt").write_text(
        f"updates {done}, conflicts detected and retried {conflicts}, locked errors {locked}, lost 0\n",
        encoding="utf-8",
    )
