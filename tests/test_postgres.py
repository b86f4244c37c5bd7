"""The same application on a real PostgreSQL server that the tests start themselves.

Where the server binaries are missing these tests skip, saying why; when the CI environment variable is
set they must run, so a CI machine without PostgreSQL fails instead of silently skipping.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from tests.helpers.pg_server import PgServer


def test_migrations_create_the_schema_and_the_check_passes(pg_db: Database) -> None:
    from coopdesk.db.health import check_database
    from coopdesk.db.migrate import current_revision, head_revision

    assert not pg_db.is_sqlite
    assert current_revision(pg_db) == head_revision()
    report = check_database(pg_db)
    assert report.ok, report.lines()
    assert report.counts["countries"] >= 193


def test_services_and_history_work(pg_db: Database) -> None:
    from coopdesk.records.history import ChangeFilter, change_log, record_history
    from coopdesk.records.service import RecordService

    service = RecordService(pg_db, user="ana")
    record = service.create(
        "national_initiative", {"title": "Anti-drug strategy", "kind": "strategy"}, country="BLR"
    )
    service.update(
        "national_initiative", record.key, {"title": "National anti-drug strategy"}, expected_version=None
    )
    assert service.list("national_initiative", search="NATIONAL")[0].key == record.key
    deleted = service.delete("national_initiative", record.key, expected_version=None)
    service.restore(deleted)
    actions = [c.action for c in record_history(pg_db, "national_initiative", record.key)]
    assert actions[0] == "restore" and "delete" in actions and "update" in actions and "create" in actions
    assert change_log(pg_db, ChangeFilter(country="BLR", user="ana"))
    assert service.counts_by_country() == {"BLR": 1}


def test_the_country_list_reads_the_server_as_the_catalogue_search_does(pg_db: Database) -> None:
    from coopdesk.records.country_directory import CountryDirectory
    from coopdesk.records.service import RecordService

    directory, service = CountryDirectory(pg_db), RecordService(pg_db)
    for search in ("", "bela", "EASTERN", "plurinational"):
        expected = service.list("country", search=search or None, sort="short_name")
        assert [c.iso3 for c in directory.countries(search)] == [str(r.key) for r in expected]
    assert [c.name for c in directory.countries("blr")] == ["Belarus"]


def test_global_search_without_the_sqlite_index(pg_db: Database) -> None:
    """PostgreSQL has no trigram index (migration 0003 is SQLite only): LIKE finds the same things."""
    from coopdesk.records.search import search
    from coopdesk.records.service import RecordService

    service = RecordService(pg_db, user="ana")
    found = service.create(
        "national_initiative", {"title": "Anti-drug strategy, 50% funded", "kind": "strategy"}, country="BLR"
    )
    service.create(
        "national_initiative", {"title": "Anti-drug strategy, 500 funded", "kind": "law"}, country="BLR"
    )
    assert [h.key for h in search(pg_db, "ANTI-DRUG 50%") if not h.is_country] == [str(found.key)]
    assert [h.title for h in search(pg_db, "belarus") if h.is_country] == ["Belarus"]
    service.update("national_initiative", found.key, {"title": "Harm reduction"}, expected_version=None)
    assert [h.key for h in search(pg_db, "harm")] == [str(found.key)]


def test_demo_data_and_the_country_note(pg_db: Database) -> None:
    import datetime as dt

    from coopdesk.note.builder import draft_note
    from coopdesk.note.render.text import render_text
    from coopdesk.records.demo import load_demo

    load_demo(pg_db)
    text = render_text(draft_note(pg_db, "BLR", dt.date(2009, 10, 30)))
    assert "13 out of 16" in text


def test_second_save_of_the_same_record_gets_a_conflict(pg_db: Database) -> None:
    from coopdesk.records.record import Conflict
    from coopdesk.records.service import RecordService

    ana = RecordService(pg_db, user="ana")
    ben = RecordService(pg_db, user="ben")
    record = ana.create("national_initiative", {"title": "Strategy", "kind": "strategy"}, country="BLR")
    ana_copy = ana.get("national_initiative", record.key)
    ben_copy = ben.get("national_initiative", record.key)
    ana.update("national_initiative", record.key, {"title": "Ana's title"}, expected_version=ana_copy.version)
    with pytest.raises(Conflict) as conflict:
        ben.update(
            "national_initiative", record.key, {"title": "Ben's title"}, expected_version=ben_copy.version
        )
    message = str(conflict.value)
    assert "changed by ana at" in message and "reload" in message
    assert conflict.value.current is not None and conflict.value.current["title"] == "Ana's title"
    assert ben.get("national_initiative", record.key)["title"] == "Ana's title"  # nothing overwritten


def test_concurrent_increments_from_two_sessions_lose_nothing(pg_db: Database) -> None:
    from coopdesk.records.record import Conflict
    from coopdesk.records.service import RecordService

    key = (
        RecordService(pg_db)
        .create("national_initiative", {"title": "counter", "kind": "law", "description": "0"}, country="BLR")
        .key
    )
    conflicts = [0, 0]
    errors: list[BaseException] = []

    def work(slot: int) -> None:
        service = RecordService(open_database(pg_db.url, migrate=False), user=f"user{slot}")
        try:
            done = 0
            while done < 25:
                current = service.get("national_initiative", key)
                try:
                    service.update(
                        "national_initiative",
                        key,
                        {"description": str(int(current["description"]) + 1)},
                        expected_version=current.version,
                    )
                    done += 1
                except Conflict:
                    conflicts[slot] += 1
        except BaseException as exc:
            errors.append(exc)
        finally:
            service.db.dispose()

    threads = [threading.Thread(target=work, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    final = RecordService(pg_db).get("national_initiative", key)
    assert final["description"] == "50" and final.version == 51


def test_a_failed_bulk_change_adds_nothing(pg_db: Database) -> None:
    from coopdesk.records.history import count_changes
    from coopdesk.records.record_type import ValidationFailed
    from coopdesk.records.service import RecordService

    service = RecordService(pg_db)
    before = (service.total_records(), count_changes(pg_db))
    with pytest.raises(ValidationFailed):
        service.create_many(
            [("national_initiative", {"title": f"row {i}", "kind": "law"}, "BLR") for i in range(50)]
            + [("national_initiative", {"title": "bad", "kind": "nonsense"}, "BLR")]
        )
    assert (service.total_records(), count_changes(pg_db)) == before


def test_workbook_import_round_trip(pg_db: Database, demo_db: Database, tmp_path: Path) -> None:
    from sqlalchemy import text

    from coopdesk.excel.export import export_workbook
    from coopdesk.excel.importer import apply_import, plan_import, read_workbook
    from coopdesk.records.service import RecordService

    # An issued letter is never imported (it is issued in coopdesk only): leave it out of the workbook.
    with demo_db.write() as session:
        session.execute(text("DELETE FROM letters"))
    path = tmp_path / "demo.xlsx"
    export_workbook(demo_db, path)
    plan = plan_import(pg_db, read_workbook(path))
    assert plan.ok, plan.lines()
    apply_import(pg_db, plan, "importer")
    assert RecordService(pg_db).counts_by_country() == RecordService(demo_db).counts_by_country()


def test_safe_open_and_backup_on_a_server(pg_db: Database) -> None:
    from coopdesk.safety.backup import BackupFailed, backup_now
    from coopdesk.safety.opening import open_safely

    opened = open_safely(pg_db.url)
    assert opened.lock is None and opened.warnings == []
    opened.close()
    with pytest.raises(BackupFailed, match="pg_dump"):
        backup_now(pg_db)


def test_cli_check_against_the_server(pg_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli import main

    assert main(["check", "--db", pg_db.url]) == 0
    out = capsys.readouterr().out
    assert "no problem found" in out


def test_undo_and_redo_after_a_colleagues_save_on_the_server_are_refused(
    pg_db: Database, pg_server: PgServer, qapp: object
) -> None:
    """Two sessions on one server: Ana's undo stack never puts her values over Ben's later save."""
    from PySide6.QtGui import QUndoStack

    from coopdesk.records.service import RecordService
    from coopdesk.ui.records.undo import CreateRecord, DeleteRecord, EditRecord, StepRefused

    ben_db = open_database(pg_db.url)  # Ben's own connection pool, as on his own desk
    try:
        ana, ben = RecordService(pg_db, user="ana"), RecordService(ben_db, user="ben")
        errors: list[BaseException] = []
        stack = QUndoStack()

        def push(command: EditRecord | CreateRecord | DeleteRecord) -> None:
            stack.push(command)
            assert command.error is None

        push(
            CreateRecord(
                ana, "national_initiative", {"title": "Drug unit", "kind": "unit"}, "BLR", _ok, errors.append
            )
        )
        key = ana.list("national_initiative", country="BLR")[0].key
        push(
            EditRecord(
                ana, ana.get("national_initiative", key), {"title": "Drug control unit"}, _ok, errors.append
            )
        )

        ben.update("national_initiative", key, {"description": "Ben's words"}, expected_version=2)
        stack.undo()  # Ana's edit: refused, Ben's save kept
        assert isinstance(errors[-1], StepRefused) and "ben changed the record" in str(errors[-1])
        stored = ben.get("national_initiative", key)
        assert (stored.get("title"), stored.get("description")) == ("Drug control unit", "Ben's words")
        assert stack.count() == 1 and stack.canUndo()

        stack.undo()  # Ana's addition: the record was changed since, so it is not deleted
        assert isinstance(errors[-1], StepRefused)
        assert ben.get("national_initiative", key).get("description") == "Ben's words"
        assert stack.count() == 0

        # Without a colleague in between, undo and redo work on the server as on a file.
        record = ana.get("national_initiative", key)
        push(DeleteRecord(ana, record, _ok, errors.append))
        stack.undo()
        assert ana.get("national_initiative", key).get("description") == "Ben's words"
        ben.update(
            "national_initiative",
            key,
            {"title": "Ben's unit"},
            expected_version=ana.get("national_initiative", key).version,
        )
        stack.redo()  # deleting again what Ben has since changed: refused
        assert isinstance(errors[-1], StepRefused)
        assert ben.get("national_initiative", key).get("title") == "Ben's unit"
    finally:
        ben_db.dispose()


def _ok(_type_name: str, _key: str, _country: str | None) -> None:
    """Where the window would reload and show the record."""


def test_a_stale_workbook_never_reverts_a_colleagues_edit_on_a_server(
    pg_db: Database, tmp_path: Path
) -> None:
    from tests.helpers.round_trip_scenarios import stale_workbook

    stale_workbook(pg_db, tmp_path)


def test_two_officers_importing_in_turn_keep_each_others_changes_on_a_server(
    pg_db: Database, tmp_path: Path
) -> None:
    from tests.helpers.round_trip_scenarios import two_officers

    two_officers(pg_db, tmp_path)


def test_the_largest_amount_the_limits_allow_is_stored_on_a_server(pg_db: Database) -> None:
    """Amounts go up to what a spreadsheet keeps exactly (coopdesk.records.limits), on every backend."""
    from coopdesk.records.limits import MAX_AMOUNT_MINOR
    from coopdesk.records.money import Money
    from coopdesk.records.service import RecordService

    service = RecordService(pg_db, user="ana")
    largest = Money(MAX_AMOUNT_MINOR, "USD")
    record = service.create(
        "contribution", {"recipient_body_code": "CND", "kind": "payment", "amount": largest}, country="BLR"
    )
    assert service.get("contribution", record.key)["amount"] == largest
    budget = service.create(
        "project", {"title": "P", "status": "implementation", "budget": largest}, country="BLR"
    )
    assert service.get("project", budget.key)["budget"] == largest
