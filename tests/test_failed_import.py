"""A failed bulk change (an injected error, a full disk, a kill) leaves the database exactly as before.

The importer applies a workbook through one all-or-nothing transaction, like ``create_many``; these
tests hold ``create_many`` to that promise.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from coopdesk.db.database import Database
from coopdesk.db.file_copy import integrity_problems
from coopdesk.db.opener import open_database
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from tests.helpers.writer_child import COUNTRY, fork_child, read_lines, report


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

    demo_db.engine.dispose()  # the pooled connections were opened before the disk "filled up"

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


# --------------------------------------------------------------------------- the workbook importer

GENERATED_RECORDS = 3000


@dataclass(frozen=True)
class Workbook:
    path: Path
    records: int


@pytest.fixture(scope="session")
def stress_workbook(tmp_path_factory: pytest.TempPathFactory, _catalogue_template: Path) -> Workbook:
    """A workbook of 3,000 generated records, exported by coopdesk itself."""
    from bench.stress_data import generate
    from coopdesk.excel.export import export_workbook

    folder = tmp_path_factory.mktemp("import")
    source = folder / "source.sqlite"
    source.write_bytes(_catalogue_template.read_bytes())
    db = open_database(source)
    generate(db, GENERATED_RECORDS, seed=6)
    records = RecordService(db).total_records()
    path = folder / "records.xlsx"
    export_workbook(db, path)
    db.dispose()
    return Workbook(path, records)


@pytest.fixture
def import_target(db: Database, db_path: Path) -> Database:
    """A database with the catalogue (and the generated meetings) but none of the workbook's records."""
    from bench.stress_data import generate

    generate(db, 0, seed=6)
    return db


def _plan(db: Database, workbook: Workbook) -> Any:
    from coopdesk.excel.importer import plan_import, read_workbook

    plan = plan_import(db, read_workbook(workbook.path))
    assert plan.ok and plan.added == workbook.records > 2000, plan.headline()
    return plan


def test_import_failing_half_way_changes_nothing(
    import_target: Database, db_path: Path, stress_workbook: Workbook
) -> None:
    from coopdesk.base.progress import Progress
    from coopdesk.excel.importer import apply_import

    plan = _plan(import_target, stress_workbook)
    before = snapshot(db_path)
    steps: list[int] = []

    def fail_on_third_step(done: int, _total: int, _message: str) -> None:
        steps.append(done)
        if len(steps) == 3:
            raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError, match="injected"):
        apply_import(import_target, plan, "tester", Progress(fail_on_third_step))
    assert 0 < steps[-1] < stress_workbook.records
    assert snapshot(db_path) == before


def test_cancelled_import_changes_nothing(
    import_target: Database, db_path: Path, stress_workbook: Workbook
) -> None:
    from coopdesk.base.progress import Cancelled, Progress
    from coopdesk.excel.importer import apply_import

    plan = _plan(import_target, stress_workbook)
    before = snapshot(db_path)
    progress = Progress(lambda done, total, message: progress.cancel())
    with pytest.raises(Cancelled):
        apply_import(import_target, plan, "tester", progress)
    assert snapshot(db_path) == before


def test_import_on_a_full_disk_changes_nothing(
    import_target: Database, db_path: Path, stress_workbook: Workbook
) -> None:
    from coopdesk.excel.importer import apply_import

    plan = _plan(import_target, stress_workbook)
    before = snapshot(db_path)
    conn = sqlite3.connect(db_path)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()

    import_target.engine.dispose()  # the pooled connections were opened before the disk "filled up"

    @event.listens_for(import_target.engine, "connect")
    def _small_disk(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 20}")

    with pytest.raises(OperationalError, match="full"):
        apply_import(import_target, plan, "tester")
    event.remove(import_target.engine, "connect", _small_disk)
    import_target.dispose()
    assert snapshot(db_path) == before
    assert integrity_problems(db_path) == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_import_killed_half_way_changes_nothing(
    import_target: Database, db_path: Path, stress_workbook: Workbook
) -> None:
    from coopdesk.base.progress import Progress
    from coopdesk.excel.importer import apply_import

    plan = _plan(import_target, stress_workbook)
    import_target.dispose()
    before = snapshot(db_path)

    def work(fd: int) -> None:
        apply_import(
            open_database(db_path), plan, "tester", Progress(lambda d, t, m: report(fd, f"step {d}"))
        )
        report(fd, "done")

    pid, fd = fork_child(work)
    first = os.read(fd, 5)  # the first progress step: the transaction is open and half written
    assert first == b"step "
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert "done" not in read_lines(fd)
    assert integrity_problems(db_path) == []
    assert snapshot(db_path) == before


def test_a_successful_import_writes_history_for_every_record(
    import_target: Database, stress_workbook: Workbook
) -> None:
    from coopdesk.excel.importer import apply_import
    from coopdesk.records.history import ChangeFilter, change_log

    plan = _plan(import_target, stress_workbook)
    apply_import(import_target, plan, "importer")
    changes = change_log(import_target, ChangeFilter(user="importer"))
    assert {c.action for c in changes} == {"import"}
    assert len({(c.record_type, c.record_id) for c in changes}) == stress_workbook.records
