"""Importing an edited workbook: the preview shows exactly the edits, apply writes them (all or none)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, update

from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry, Letter
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import ImportRefused, apply_import, plan_import, read_workbook
from coopdesk.excel.sheets import ID_HEADER
from coopdesk.records import write
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record_type import RecordType
from coopdesk.records.service import RecordService


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def exported(demo_db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    export_workbook(demo_db, path)
    return path


def _header(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def set_cell(path: Path, sheet: str, row: int, column: str, value: Any) -> None:
    """Change one cell as a spreadsheet user would, and save."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    ws.cell(row=row, column=_header(ws).index(column) + 1, value=value)
    book.save(path)


def append_row(path: Path, sheet: str, values: dict[str, Any]) -> int:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = _header(ws)
    row = ws.max_row + 1
    for name, value in values.items():
        ws.cell(row=row, column=header.index(name) + 1, value=value)
    book.save(path)
    return row


def row_of(path: Path, sheet: str, column: str, value: Any) -> tuple[int, str]:
    ws = openpyxl.load_workbook(path)[sheet]
    header = _header(ws)
    for number, row in enumerate(ws.iter_rows(min_row=2, values_only=True), start=2):
        if row[header.index(column)] == value:
            return number, str(row[header.index(ID_HEADER)])
    raise AssertionError(f"no row with {column} = {value!r}")


def test_unchanged_export_previews_no_change(demo_db: Database, exported: Path) -> None:
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == [] and not plan.has_changes
    assert plan.unchanged == 36


def test_the_preview_names_what_a_changed_record_refers_to(demo_db: Database, exported: Path) -> None:
    row, _key = row_of(exported, "Treaty actions", "Date", "1971")
    set_cell(exported, "Treaty actions", row, "Date", "1972")
    lines = "\n".join(plan_import(demo_db, read_workbook(exported)).lines())
    assert "change ratification of 1970 Hague Convention" in lines  # the instrument's name, not "CT02"
    assert "CT02" not in lines


def test_one_edited_cell_is_exactly_one_change_in_preview_and_database(
    demo_db: Database, exported: Path
) -> None:
    row, key = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", row, "Elected on", dt.datetime(2009, 5, 20))

    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == []
    assert (plan.added, plan.changed, plan.unchanged) == (0, 1, 35)
    (sheet,) = [s for s in plan.sheets if s.changed]
    (change,) = sheet.changed[0].changes
    assert (change.field.name, change.old, change.new) == (
        "election_date",
        PartialDate(2009, 5),
        PartialDate(2009, 5, 20),
    )
    assert "Elected on: “May 2009” becomes “20 May 2009”" in "\n".join(plan.lines())

    before = RecordService(demo_db).get("membership", key)
    apply_import(demo_db, plan, user="importer")
    after = RecordService(demo_db).get("membership", key)
    assert after.values["election_date"] == PartialDate(2009, 5, 20)
    assert {k: v for k, v in after.values.items() if k != "election_date"} == {
        k: v for k, v in before.values.items() if k != "election_date"
    }
    assert after.version == before.version + 1 and after.updated_by == "importer"
    with demo_db.read() as session:
        history = session.scalars(select(HistoryEntry).where(HistoryEntry.record_id == key)).all()
        imported = [h for h in history if h.action == "import"]
    assert [(h.field, h.old_value, h.new_value, h.user) for h in imported] == [
        ("election_date", "2009-05", "2009-05-20", "importer")
    ]
    assert not plan_import(demo_db, read_workbook(exported)).has_changes


def test_a_new_row_is_added_with_a_new_id_and_references_by_name(demo_db: Database, exported: Path) -> None:
    row = append_row(
        exported,
        "Contributions",
        {
            "Country": "the republic of belarus",
            "Recipient body": "Commission on Narcotic Drugs",  # a name, not the code CND
            "Amount": 5000.5,
            "Amount currency": "eur",
            "Date": dt.datetime(2009, 12, 1),
            "Type": "pledge",
            "Notes": "-1 stays text",
        },
    )
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == [] and (plan.added, plan.changed) == (1, 0)
    assert f"row {row}: add contribution to CND (Belarus)" in "\n".join(plan.lines())
    apply_import(demo_db, plan, user="importer")
    (new,) = [r for r in RecordService(demo_db).list("contribution") if r.values["amount"].currency == "EUR"]
    assert new.country == "BLR" and new.values["recipient_body_code"] == "CND"
    assert new.values["amount"].minor == 500050 and new.values["kind"] == "pledge"
    assert new.values["contribution_date"] == PartialDate(2009, 12, 1)
    assert new.values["notes"] == "-1 stays text"
    assert len(new.key) == 36


def _problems(db: Database, path: Path) -> list[str]:
    plan = plan_import(db, read_workbook(path))
    return [str(p) for p in plan.problems]


def test_all_problems_are_reported_by_sheet_row_and_column(demo_db: Database, exported: Path) -> None:
    amount_row, _ = row_of(exported, "Contributions", "Amount currency", "USD")
    set_cell(exported, "Contributions", amount_row, "Amount", "twenty")
    date_row, _ = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", date_row, "Elected on", "31 February 2009")
    country_row = append_row(
        exported, "National initiatives", {"Country": "Atlantis", "Title": "X", "Kind": "Law"}
    )
    ref_row = append_row(
        exported,
        "Resolutions",
        {"Country": "BLR", "Body": "Nowhere", "Adopted": 2009, "Title": "T", "Role": "Co-sponsor"},
    )
    before = checksum(Path(str(demo_db.path)))
    problems = _problems(demo_db, exported)
    assert f"Contributions, row {amount_row}, Amount: 'twenty' is not an amount" in problems
    assert any(
        p.startswith(f"Memberships, row {date_row}, Elected on: '31 February 2009' is not a date")
        for p in problems
    )
    assert f"National initiatives, row {country_row}, Country: 'Atlantis' is not a known country" in problems
    assert f"Resolutions, row {ref_row}, Body: 'Nowhere' is not in the catalogue of bodies" in problems
    assert len(problems) == 4, problems
    plan = plan_import(demo_db, read_workbook(exported))
    with pytest.raises(ImportRefused, match="4 problems"):
        apply_import(demo_db, plan)
    assert checksum(Path(str(demo_db.path))) == before


def test_a_duplicated_id_is_refused(demo_db: Database, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Treaty actions"]
    ws.append([c.value for c in ws[2]])  # a copied row keeps the id of the original
    book.save(exported)
    problems = _problems(demo_db, exported)
    assert len(problems) == 1
    assert problems[0].startswith(
        f"Treaty actions, row {ws.max_row}, Record id: the same id is also on row 2"
    )


def test_a_missing_sheet_and_a_wrong_column_are_refused(demo_db: Database, exported: Path) -> None:
    book = openpyxl.load_workbook(exported)
    del book["Resolutions"]
    book["Letters"].cell(row=1, column=2, value="Reference number")
    book.save(exported)
    problems = _problems(demo_db, exported)
    assert "Resolutions: this sheet is missing" in problems
    assert (
        "Letters, row 1, column B: 'Reference number' is not a column of this sheet (or it appears twice)"
        in problems
    )
    assert "Letters, row 1: the column 'Reference' is missing" in problems


def test_an_issued_letter_is_never_changed_by_an_import(demo_db: Database, exported: Path) -> None:
    with demo_db.write() as session:
        session.execute(update(Letter).values(status="issued"))
    row, _ = row_of(exported, "Letters", "Reference", "EWCA/040/09")
    set_cell(exported, "Letters", row, "Status", "Issued")  # as it is now in the database
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == [] and not plan.has_changes
    set_cell(exported, "Letters", row, "Subject", "Something else")
    problems = _problems(demo_db, exported)
    assert problems == [
        f"Letters, row {row}: Letter EWCA/040/09 has been issued; an issued letter never changes. "
        "Undo the edits in this row."
    ]


def test_a_failure_in_the_middle_of_apply_leaves_nothing_applied(
    demo_db: Database, exported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    row, key = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", row, "Role", "Chair")
    for n in range(5):
        append_row(exported, "National initiatives", {"Country": "BLR", "Title": f"New {n}", "Kind": "Law"})
    plan = plan_import(demo_db, read_workbook(exported))
    assert (plan.added, plan.changed) == (5, 1)
    before = checksum(Path(str(demo_db.path)))

    real = write._fast_columns
    calls = []

    def failing(rtype: RecordType, values: Mapping[str, Any]) -> dict[str, Any]:
        calls.append(values)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(rtype, values)

    monkeypatch.setattr(write, "_fast_columns", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        apply_import(demo_db, plan)
    assert len(calls) == 3
    assert RecordService(demo_db).get("membership", key).values["role"] == "member"
    assert RecordService(demo_db).count("national_initiative") == 2
    with demo_db.read() as session:
        assert session.scalars(select(HistoryEntry).where(HistoryEntry.action == "import")).first() is None
    assert checksum(Path(str(demo_db.path))) == before


def test_a_record_changed_after_the_preview_stops_the_whole_import(demo_db: Database, exported: Path) -> None:
    row, key = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", row, "Role", "Chair")
    append_row(exported, "National initiatives", {"Country": "BLR", "Title": "New", "Kind": "Law"})
    plan = plan_import(demo_db, read_workbook(exported))
    RecordService(demo_db, user="colleague").update(
        "membership", key, {"notes": "edited meanwhile"}, expected_version=None
    )
    with pytest.raises(ImportRefused, match="colleague changed this record since the preview"):
        apply_import(demo_db, plan)
    assert RecordService(demo_db).count("national_initiative") == 2


def test_cancel_while_applying_keeps_nothing(demo_db: Database, exported: Path) -> None:
    row, key = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", row, "Role", "Chair")
    append_row(exported, "National initiatives", {"Country": "BLR", "Title": "New", "Kind": "Law"})
    plan = plan_import(demo_db, read_workbook(exported))
    before = checksum(Path(str(demo_db.path)))
    progress = Progress(on_update=lambda done, total, message: progress.cancel())  # Cancel at once
    with pytest.raises(Cancelled):
        apply_import(demo_db, plan, progress=progress)
    assert checksum(Path(str(demo_db.path))) == before
    assert RecordService(demo_db).get("membership", key).values["role"] == "member"


def test_cancel_while_exporting_leaves_no_file(demo_db: Database, tmp_path: Path) -> None:
    progress = Progress(on_update=lambda done, total, message: progress.cancel())
    with pytest.raises(Cancelled):
        export_workbook(demo_db, tmp_path / "out.xlsx", progress=progress)
    assert not [p for p in tmp_path.iterdir() if "out" in p.name]


def test_a_checked_backup_is_taken_before_an_import_and_holds_the_old_data(
    demo_db: Database, exported: Path
) -> None:
    import sqlite3

    from coopdesk.safety.backup import list_backups

    assert demo_db.path is not None
    row, _key = row_of(exported, "Memberships", "Elected on", "May 2009")
    set_cell(exported, "Memberships", row, "Elected on", dt.datetime(2009, 5, 20))
    apply_import(demo_db, plan_import(demo_db, read_workbook(exported)), user="importer")

    (backup,) = [b for b in list_backups(demo_db.path) if b.reason == "import"]
    con = sqlite3.connect(backup.path)
    try:
        dates = {d for (d,) in con.execute("SELECT election_date FROM memberships")}
    finally:
        con.close()
    assert dates == {"2009-05"}
