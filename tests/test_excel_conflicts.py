"""The round trip locked like a form (SQLite here; the same scenarios run on PostgreSQL in test_postgres).

A row the officer did not edit is never written back; an edited row whose record moved on in coopdesk is
a conflict, written only when chosen; ids in any spelling match; an id from another sheet is refused.
"""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
from pathlib import Path

import openpyxl
import pytest

from coopdesk.cli import main
from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.excel.conflicts import VERSION_HEADER, ConflictKind
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import plan_import, read_workbook
from coopdesk.records.service import RecordService
from tests.helpers.round_trip_scenarios import (
    ID_HEADER,
    edit_cells,
    import_file,
    seed,
    stale_workbook,
    two_officers,
)


def checksum(path: Path) -> str:
    """What the database holds (its rows, not its bytes: a WAL checkpoint may rewrite the file's header)."""
    connection = sqlite3.connect(path)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def test_a_stale_workbook_never_reverts_a_colleagues_edit(db: Database, tmp_path: Path) -> None:
    stale_workbook(db, tmp_path)


def test_two_officers_importing_in_turn_keep_each_others_changes(db: Database, tmp_path: Path) -> None:
    two_officers(db, tmp_path)


def test_the_version_column_is_hidden_and_says_version_fingerprint_and_digest(
    db: Database, tmp_path: Path
) -> None:
    first, _, _ = seed(db)
    RecordService(db).update("national_initiative", first, {"notes": "v2"}, expected_version=None)
    book = tmp_path / "out.xlsx"
    export_workbook(db, book)
    ws = openpyxl.load_workbook(book)["National initiatives"]
    header = [c.value for c in ws[1]]
    col = header.index(VERSION_HEADER) + 1
    letter = openpyxl.utils.get_column_letter(col)
    assert ws.column_dimensions[letter].hidden
    cells = {
        ws.cell(row=r, column=header.index(ID_HEADER) + 1).value: ws.cell(row=r, column=col).value
        for r in range(2, ws.max_row + 1)
    }
    version, fingerprint, digest = cells[first].split(":")
    assert version == "2" and len(fingerprint) == 16 and len(digest) == 16


def test_a_record_deleted_since_the_export_is_not_brought_back_unless_chosen(
    db: Database, tmp_path: Path
) -> None:
    first, second, third = seed(db)
    book = tmp_path / "b.xlsx"
    export_workbook(db, book, country="BLR")
    service = RecordService(db, user="boris")
    service.delete("national_initiative", first, expected_version=None)
    service.delete("national_initiative", second, expected_version=None)
    edited = edit_cells(
        book, "National initiatives", {second: {"Notes": "still running"}}, tmp_path / "e.xlsx"
    )

    plan = import_file(db, book, "ana")  # untouched: both stay deleted
    assert plan.kept == 2 and not plan.added
    plan = plan_import(db, read_workbook(edited))
    (conflict,) = plan.conflicts
    assert conflict.key == second and conflict.conflict is not None
    assert conflict.conflict.kind is ConflictKind.DELETED and conflict.conflict.by == "boris"
    assert "deleted in coopdesk by boris" in "\n".join(plan.lines())
    import_file(db, edited, "ana")  # not chosen: still deleted
    assert {r.key for r in service.list("national_initiative")} == {third}
    import_file(db, edited, "ana", take=True)  # chosen: back, with the workbook's notes
    assert service.get("national_initiative", second).values["notes"] == "still running"


def test_an_export_imported_into_another_database_adds_its_records(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    """Records this database never had are new records, checked as any new row (an issued letter stays
    in its own database's register)."""
    book = tmp_path / "demo.xlsx"
    export_workbook(demo_db, book)
    wb = openpyxl.load_workbook(book)
    letters = wb["Letters"]
    reference = [c.value for c in letters[1]].index("Reference")
    issued = [r[0].row for r in letters.iter_rows(min_row=2) if r[reference].value]
    assert issued
    for row in reversed(issued):
        letters.delete_rows(row)
    wb.save(book)
    plan = import_file(db, book, "ana")
    assert plan.added == 36 - len(issued) and not plan.conflicts
    assert RecordService(db).count("treaty_action") == RecordService(demo_db).count("treaty_action")


@pytest.mark.parametrize(
    "spelling",
    [str.upper, lambda k: "{" + k + "}", lambda k: "urn:uuid:" + k, lambda k: k.replace("-", "")],
    ids=["capitals", "braces", "urn", "no dashes"],
)
def test_an_id_in_another_spelling_is_the_same_record(db: Database, tmp_path: Path, spelling: object) -> None:
    first, _, _ = seed(db)
    book = tmp_path / "b.xlsx"
    export_workbook(db, book, country="BLR")
    assert callable(spelling)
    edit_cells(book, "National initiatives", {first: {"Title": "Renamed", ID_HEADER: spelling(first)}})
    plan = import_file(db, book, "ana")
    assert (plan.added, plan.changed) == (0, 1)
    service = RecordService(db)
    assert service.count("national_initiative") == 3
    assert service.get("national_initiative", first).values["title"] == "Renamed"


@pytest.mark.parametrize("cell", ["{a}\n{b}", " {a}\n{b} ", "{a}{b}"])
def test_a_cell_holding_two_ids_is_refused_not_stored(db: Database, tmp_path: Path, cell: str) -> None:
    first, second, _ = seed(db)
    book = tmp_path / "b.xlsx"
    export_workbook(db, book, country="BLR")
    edit_cells(
        book, "National initiatives", {first: {"Title": "Renamed", ID_HEADER: cell.format(a=first, b=second)}}
    )
    before = checksum(db.path)
    plan = plan_import(db, read_workbook(book))
    assert not plan.ok and plan.problems[0].column == "Record id", plan.lines()
    assert "is not a record id" in plan.problems[0].message
    assert checksum(db.path) == before


def test_an_id_moved_to_another_sheet_is_refused(demo_db: Database, tmp_path: Path) -> None:
    book = tmp_path / "b.xlsx"
    export_workbook(demo_db, book)
    membership = RecordService(demo_db).list("membership")[0].key
    wb = openpyxl.load_workbook(book)
    source = wb["Memberships"]  # cut from its sheet, pasted on another
    ids = [c.value for c in source[1]].index(ID_HEADER)
    (cut,) = [r[0].row for r in source.iter_rows(min_row=2) if r[ids].value == membership]
    source.delete_rows(cut)
    ws = wb["National initiatives"]
    header = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for column, value in {
        "Country": "Belarus",
        "Title": "Copied",
        "Kind": "Law",
        ID_HEADER: membership,
    }.items():
        ws.cell(row=row, column=header.index(column) + 1, value=value)
    wb.save(book)
    plan = plan_import(demo_db, read_workbook(book))
    assert [str(p) for p in plan.problems] == [
        f"National initiatives, row {row}, Record id: this id is the id of a membership, on the sheet "
        "Memberships; a row cannot move to another sheet: empty its id to add it here as a new record"
    ]


def test_a_workbook_without_the_version_column_asks_about_every_record_changed_since(
    db: Database, tmp_path: Path
) -> None:
    """An export from before the version column: an edited row is compared with coopdesk as it is, and
    one that differs is a conflict (which version it was exported at cannot be told)."""
    first, _, _ = seed(db)
    book = tmp_path / "old.xlsx"
    export_workbook(db, book, country="BLR")
    wb = openpyxl.load_workbook(book)
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        if VERSION_HEADER in header:
            ws.delete_cols(header.index(VERSION_HEADER) + 1)
    wb.save(book)
    RecordService(db, user="boris").update(
        "national_initiative", first, {"title": "Boris's"}, expected_version=None
    )
    plan = plan_import(db, read_workbook(book))
    (conflict,) = plan.conflicts
    assert conflict.key == first and conflict.conflict is not None
    assert conflict.conflict.kind is ConflictKind.UNKNOWN
    assert plan.unchanged == 2


def test_a_row_not_edited_is_not_checked_against_rules_it_never_met(db: Database, tmp_path: Path) -> None:
    """A record written before today's limits (a date of 1850) imports untouched without a problem; the
    same row edited must meet them."""
    first, _, _ = seed(db)
    path = Path(str(db.path))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE national_initiatives SET initiative_date = '1850' WHERE id = ?", (first,))
    conn.commit()
    conn.close()
    book = tmp_path / "b.xlsx"
    export_workbook(db, book, country="BLR")
    assert plan_import(db, read_workbook(book)).ok
    edit_cells(book, "National initiatives", {first: {"Notes": "edited"}})
    plan = plan_import(db, read_workbook(book))
    assert (
        [str(p) for p in plan.problems]
        == [
            "National initiatives, row 4, Date: 1850 is out of range: give a date from 1900 to 2100"  # undated first
        ]
    )


def _cli(*args: str) -> int:
    return main(list(args))


def test_the_command_line_refuses_undecided_conflicts_then_takes_the_choices(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, _ = seed(db)
    db_file = Path(str(db.path))
    book = tmp_path / "b.xlsx"
    export_workbook(db, book, country="BLR")
    RecordService(db, user="boris").update(
        "national_initiative", first, {"title": "Boris's"}, expected_version=None
    )
    edit_cells(book, "National initiatives", {first: {"Title": "Ana's"}, second: {"Notes": "n"}})
    ws = openpyxl.load_workbook(book)["National initiatives"]
    ids = [c.value for c in ws[1]].index(ID_HEADER)
    (row,) = [r[0].row for r in ws.iter_rows(min_row=2) if r[ids].value == first]
    before = checksum(db_file)
    db.dispose()

    assert _cli("import", str(book), "--db", str(db_file), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "1 conflict with changes made in coopdesk" in out
    assert "Title: workbook “Ana's”, coopdesk now “Boris's”" in out

    assert _cli("import", str(book), "--db", str(db_file)) == 1
    err = capsys.readouterr().err
    assert (
        err.count("\n") == 1
        and "nothing was imported" in err
        and f"--overwrite 'National initiatives!{row}'" in err
    )
    assert checksum(db_file) == before

    assert _cli("import", str(book), "--db", str(db_file), "--overwrite", "Nowhere!9") == 1
    assert "Nowhere, row 9 is not a conflict of this workbook" in capsys.readouterr().err
    assert checksum(db_file) == before

    assert _cli("import", str(book), "--db", str(db_file), "--keep-current") == 0
    assert "1 changed, 1 conflict kept as coopdesk has them" in capsys.readouterr().out
    check = open_database(db_file)
    service = RecordService(check)
    assert service.get("national_initiative", first).values["title"] == "Boris's"
    assert service.get("national_initiative", second).values["notes"] == "n"
    check.dispose()

    assert _cli("import", str(book), "--db", str(db_file), "--overwrite", f"national initiatives!{row}") == 0
    check = open_database(db_file)
    assert RecordService(check).get("national_initiative", first).values["title"] == "Ana's"
    check.dispose()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_an_import_settling_conflicts_killed_half_way_changes_nothing(
    demo_db: Database, demo_db_path: Path, tmp_path: Path
) -> None:
    """All or nothing holds for the conflicts chosen too: killed inside its transaction, the import
    leaves every table as it was; let through, it applies the changes and the chosen conflicts."""
    from test_failed_import import snapshot

    from coopdesk.base.progress import Progress
    from coopdesk.excel.importer import apply_import
    from tests.helpers.writer_child import fork_child, read_lines, report

    book = tmp_path / "b.xlsx"
    export_workbook(demo_db, book)
    actions = RecordService(demo_db).list("treaty_action")
    colleague = RecordService(demo_db, user="boris")
    for record in actions[:3]:
        colleague.update("treaty_action", record.key, {"notes": "boris"}, expected_version=record.version)
    edit_cells(book, "Treaty actions", {r.key: {"Notes": f"ana {i}"} for i, r in enumerate(actions[:12])})
    plan = plan_import(demo_db, read_workbook(book))
    assert (plan.changed, len(plan.conflicts)) == (9, 3)
    for conflict in plan.conflicts:
        conflict.use_workbook = True
    demo_db.dispose()
    before = snapshot(demo_db_path)

    def work(fd: int) -> None:
        apply_import(
            open_database(demo_db_path), plan, "ana", Progress(lambda d, t, m: report(fd, f"step {d}"))
        )
        report(fd, "done")

    pid, fd = fork_child(work)
    assert os.read(fd, 5) == b"step "  # inside the transaction
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    assert "done" not in read_lines(fd)
    assert snapshot(demo_db_path) == before

    db = open_database(demo_db_path)
    result = apply_import(db, plan, "ana")
    assert (result.added, result.changed, result.kept) == (0, 12, 0)
    assert {RecordService(db).get("treaty_action", r.key)["notes"] for r in actions[:3]} == {
        "ana 0",
        "ana 1",
        "ana 2",
    }
    db.dispose()


def test_an_untouched_row_of_every_type_is_kept_when_its_record_moved_on(
    demo_db: Database, tmp_path: Path
) -> None:
    """For each record type (a draft letter without a reference included), one record is changed in
    coopdesk after the export; the untouched workbook leaves each as coopdesk has it: no conflict to
    settle, nothing written. A row is only 'edited' when the officer edited it."""
    from coopdesk.records.fields import Kind
    from coopdesk.records.types import RECORD_TYPES

    service = RecordService(demo_db, user="setup")
    draft = service.create(
        "letter",
        {"letter_date": "2009-10-30", "subject": "Draft", "language": "en", "body": "Text"},
        country="BLR",
    )
    book = tmp_path / "all.xlsx"
    export_workbook(demo_db, book)
    colleague = RecordService(demo_db, user="boris")
    moved = {}
    for name, rtype in RECORD_TYPES.items():
        editable = [
            f
            for f in rtype.fields
            if f.kind in (Kind.TEXT, Kind.LONGTEXT) and not f.read_only and not f.unique and not f.ref
        ]
        candidates = [r for r in colleague.list(name) if not rtype.frozen_reason(r.values)]
        if name == "letter":
            candidates = [colleague.get("letter", draft.key)]
        if not editable or not candidates:
            continue
        record = candidates[0]
        f = editable[-1]
        colleague.update(
            name, record.key, {f.name: "changed after the export"}, expected_version=record.version
        )
        moved[name] = (record.key, f.name)
    assert {"letter", "membership", "reporting", "treaty_action", "contribution"} <= moved.keys()

    plan = plan_import(demo_db, read_workbook(book))
    assert plan.ok, plan.lines()
    assert not plan.conflicts and not plan.has_changes, plan.lines()
    assert plan.kept == len(moved)
    for name, (key, field_name) in moved.items():
        assert colleague.get(name, key).values[field_name] == "changed after the export", name
