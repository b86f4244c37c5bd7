"""Rows still exactly as exported are set aside unread (excel.untouched_rows), and nothing else is.

What the officer sees is the preview: an unedited workbook changes nothing, an edited cell of any kind is
seen, a copied row is reported. Each test also checks which rows were set aside, since a digest that
missed an edit would silently drop it, and one that matched nothing would only make a re-import slow.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select, update

from bench.stress_data import generate
from coopdesk.db.database import Database
from coopdesk.excel.conflicts import VERSION_HEADER, fingerprint, stored_form
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import ParsedWorkbook, apply_import, plan_import, read_workbook
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import model_for
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from tests.helpers.round_trip_scenarios import ID_HEADER, seed

CONTRIBUTIONS = "Contributions"


def _rows_of(parsed: ParsedWorkbook, type_name: str) -> tuple[set[str], set[str]]:
    """The ids set aside unread, and the ids of the rows parsed."""
    aside = parsed.untouched.get(type_name)
    return set(aside.keys if aside else []), {str(p.key) for p in parsed.rows.get(type_name, [])}


def _belarus_book(db: Database, tmp_path: Path) -> Path:
    """Belarus's records exported, as an officer would before editing them."""
    book = tmp_path / "out.xlsx"
    export_workbook(db, book, country="BLR")
    return book


def _edit(book: Path, target: Path, sheet: str, key: str, column: str, value: Any) -> Path:
    """One cell of one record's row changed, as a spreadsheet user would (openpyxl saves the file again)."""
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for r in range(2, ws.max_row + 1):
        if ws.cell(row=r, column=header.index(ID_HEADER) + 1).value == key:
            ws.cell(row=r, column=header.index(column) + 1).value = value  # None empties it
    wb.save(target)
    return target


@pytest.fixture
def contribution(demo_db: Database) -> str:
    """A contribution with an amount and a full date (a date cell in the workbook)."""
    service = RecordService(demo_db, user="setup")
    record = service.create(
        "contribution",
        {
            "recipient": "Global Programme against Money Laundering",
            "kind": "payment",
            "contribution_date": PartialDate(2009, 5, 14),
            "amount": Money.parse("1500.25", "USD"),
            "purpose": "General purpose",
        },
        country="BLR",
    )
    return record.key


@pytest.mark.parametrize("source", ["demo", "generated"])
def test_an_unedited_export_changes_nothing_and_no_row_is_parsed(
    source: str, demo_db: Database, db: Database, tmp_path: Path
) -> None:
    data = demo_db
    if source == "generated":  # every kind of value the generator makes: amounts, partial dates, long texts
        generate(db, 2500, seed=11)
        data = db
    book = tmp_path / "out.xlsx"
    export_workbook(data, book)
    parsed = read_workbook(book)
    plan = plan_import(data, parsed)
    assert plan.ok and not plan.has_changes and not plan.conflicts, plan.lines()
    service = RecordService(data)
    for name in RECORD_TYPES:
        aside, read = _rows_of(parsed, name)
        assert len(aside) == service.count(name) and not read, name
    assert sum(s.unchanged for s in plan.sheets if not s.rtype.catalogue) == service.total_records()


@pytest.mark.parametrize(
    ("column", "value", "changed"),
    [
        ("Amount", 1600.25, "Amount"),  # a number edited
        ("Amount", "1500.25", None),  # retyped as text: the same amount, but the row is read
        ("Date", "May 2009", "Date"),  # a date cell retyped as a partial date
        ("Date", "2009-05-14", None),  # a date cell retyped as text: the same date
        ("Date", dt.datetime(2009, 5, 15), "Date"),  # another date cell
        ("Recipient (fund, programme or project)", "Global Programme against Money Laundering ", None),
        ("Purpose", "Programme support", "Purpose"),
        ("Notes", "A note added", "Notes"),  # an empty cell filled
        ("Amount currency", "EUR", "Amount"),
    ],
)
def test_an_edited_cell_of_any_kind_makes_its_row_read(
    demo_db: Database, contribution: str, tmp_path: Path, column: str, value: Any, changed: str | None
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    edited = _edit(book, tmp_path / "edited.xlsx", CONTRIBUTIONS, contribution, column, value)
    parsed = read_workbook(edited)
    aside, read = _rows_of(parsed, "contribution")
    assert contribution in read and contribution not in aside
    assert aside  # the other contributions, which openpyxl wrote back as they were
    plan = plan_import(demo_db, parsed)
    assert plan.ok, plan.lines()
    changes = [c.field.label for s in plan.sheets for p in s.changed for c in p.changes]
    assert changes == ([changed] if changed else [])


def test_an_emptied_cell_is_an_edit(demo_db: Database, contribution: str, tmp_path: Path) -> None:
    book = _belarus_book(demo_db, tmp_path)
    edited = _edit(book, tmp_path / "edited.xlsx", CONTRIBUTIONS, contribution, "Purpose", None)
    plan = plan_import(demo_db, read_workbook(edited))
    [row] = [p for s in plan.sheets for p in s.changed]
    assert row.key == contribution and [c.field.label for c in row.changes] == ["Purpose"]
    apply_import(demo_db, plan, user="ana")
    assert not RecordService(demo_db).get("contribution", contribution).values["purpose"]


def test_a_row_copied_whole_with_its_hidden_cell_is_a_repeated_id(
    demo_db: Database, contribution: str, tmp_path: Path
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[CONTRIBUTIONS]
    ws.append([c.value for c in ws[2]])  # the first row again below the last, hidden cell and all
    copy = ws.max_row
    wb.save(tmp_path / "copied.xlsx")
    plan = plan_import(demo_db, read_workbook(tmp_path / "copied.xlsx"))
    assert not plan.ok
    assert any(p.row in (2, copy) and "same id is also on" in p.message for p in plan.problems), plan.lines()
    assert not plan.has_changes


def test_columns_moved_around_leave_the_rows_untouched(demo_db: Database, tmp_path: Path) -> None:
    book = _belarus_book(demo_db, tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb["Treaty actions"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    for r, row in enumerate(rows, start=1):  # the first two columns swapped, headers too
        ws.cell(row=r, column=1, value=row[1])
        ws.cell(row=r, column=2, value=row[0])
    wb.save(tmp_path / "moved.xlsx")
    parsed = read_workbook(tmp_path / "moved.xlsx")
    aside, read = _rows_of(parsed, "treaty_action")
    assert len(aside) == RecordService(demo_db).count("treaty_action", country="BLR") and not read
    plan = plan_import(demo_db, parsed)
    assert plan.ok and not plan.has_changes


def _hidden_cells(book: Path, target: Path, sheet: str, change: Any) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    col = [c.value for c in ws[1]].index(VERSION_HEADER) + 1
    for r in range(2, ws.max_row + 1):
        cell = ws.cell(row=r, column=col)
        cell.value = change(cell.value)
    wb.save(target)
    return target


def test_a_workbook_of_an_older_coopdesk_without_digests_is_compared_as_before(
    demo_db: Database, contribution: str, tmp_path: Path
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    # An older coopdesk wrote "version:fingerprint", the fingerprint taken without the record's id.
    wb = openpyxl.load_workbook(book)
    ws = wb[CONTRIBUTIONS]
    header = [c.value for c in ws[1]]
    service = RecordService(demo_db)
    for r in range(2, ws.max_row + 1):
        record = service.get("contribution", ws.cell(row=r, column=header.index(ID_HEADER) + 1).value)
        old = fingerprint(stored_form("contribution", record.country, record.values))
        ws.cell(row=r, column=header.index(VERSION_HEADER) + 1).value = f"{record.version}:{old}"
    older = tmp_path / "older.xlsx"
    wb.save(older)
    colleague = RecordService(demo_db, user="boris")
    colleague.update("contribution", contribution, {"notes": "checked"}, expected_version=None)
    parsed = read_workbook(older)
    aside, read = _rows_of(parsed, "contribution")
    assert not aside and contribution in read
    plan = plan_import(demo_db, parsed)
    assert plan.ok and not plan.has_changes and plan.kept == 1  # the colleague's edit stays
    assert colleague.get("contribution", contribution).values["notes"] == "checked"


@pytest.mark.parametrize("hidden", [1234.0, "", "garbage", "1:00000000000000zz:0000000000000000"])
def test_a_hidden_cell_retyped_or_broken_makes_its_rows_read_not_dropped(
    demo_db: Database, contribution: str, tmp_path: Path, hidden: Any
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    broken = _hidden_cells(book, tmp_path / "broken.xlsx", CONTRIBUTIONS, lambda _v: hidden)
    edited = _edit(broken, tmp_path / "edited.xlsx", CONTRIBUTIONS, contribution, "Notes", "New")
    parsed = read_workbook(edited)
    aside, read = _rows_of(parsed, "contribution")
    assert not aside and contribution in read
    plan = plan_import(demo_db, parsed)
    # the edited row is not known to be as exported: shown side by side, written only if chosen
    assert [p.key for s in plan.sheets for p in (*s.changed, *s.conflicts)] == [contribution]


def test_rows_as_exported_from_another_database_are_read_and_added(
    demo_db: Database, db: Database, tmp_path: Path
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    parsed = read_workbook(book)
    assert parsed.untouched["treaty_action"]  # as exported: set aside, then read for the other database
    plan = plan_import(db, parsed)
    # an issued letter's reference is coopdesk's own: the one refusal of rows from another database
    assert all(p.sheet == "Letters" for p in plan.problems), plan.lines()
    added = {s.rtype.name: len(s.added) for s in plan.sheets}
    service = RecordService(demo_db)
    assert added["treaty_action"] == service.count("treaty_action", country="BLR")
    assert all(p.as_exported for s in plan.sheets for p in s.added)
    rows = [p.row for s in plan.sheets if s.rtype.name == "treaty_action" for p in s.added]
    assert rows == sorted(rows)


@pytest.mark.parametrize("value", [0, False, "0"])
def test_a_line_holding_only_a_zero_or_a_no_is_read_not_skipped(
    demo_db: Database, tmp_path: Path, value: Any
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[CONTRIBUTIONS]
    amount = [c.value for c in ws[1]].index("Amount") + 1
    ws.cell(row=ws.max_row + 2, column=amount).value = value  # an empty line between, then this one
    row = ws.max_row
    wb.save(tmp_path / "zero.xlsx")
    plan = plan_import(demo_db, read_workbook(tmp_path / "zero.xlsx"))
    assert {p.row for p in plan.problems} == {row}, plan.lines()
    assert not plan.has_changes


def _ids_column(ws: Any) -> int:
    return [c.value for c in ws[1]].index(ID_HEADER) + 1


def test_two_rows_whose_ids_were_swapped_change_both_records(db: Database, tmp_path: Path) -> None:
    first, second, _ = seed(db)
    book = tmp_path / "out.xlsx"
    export_workbook(db, book, country="BLR")
    wb = openpyxl.load_workbook(book)
    ws = wb["National initiatives"]
    col = _ids_column(ws)
    rows = {ws.cell(row=r, column=col).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows[first], column=col).value = second
    ws.cell(row=rows[second], column=col).value = first
    wb.save(tmp_path / "swapped.xlsx")
    plan = plan_import(db, read_workbook(tmp_path / "swapped.xlsx"))
    assert plan.ok, plan.lines()
    titles = {p.key: p.values["title"] for s in plan.sheets for p in s.changed}
    assert titles == {first: "Anti-corruption law", second: "Drug law"}  # not silently left out


def test_an_edited_copy_above_its_original_reports_the_later_row(
    demo_db: Database, contribution: str, tmp_path: Path
) -> None:
    book = _belarus_book(demo_db, tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb[CONTRIBUTIONS]
    col = _ids_column(ws)
    original = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=col).value == contribution)
    ws.insert_rows(2)  # a copy above, edited; the original (now one row lower) left as exported
    for c, cell in enumerate(ws[original + 1], start=1):
        ws.cell(row=2, column=c).value = cell.value
    notes = [c.value for c in ws[1]].index("Notes") + 1
    ws.cell(row=2, column=notes).value = "a copy, edited"
    wb.save(tmp_path / "copy.xlsx")
    plan = plan_import(demo_db, read_workbook(tmp_path / "copy.xlsx"))
    [problem] = plan.problems
    assert problem.row == original + 1 and "also on row 2" in problem.message


def test_a_hidden_cell_with_a_line_break_is_not_ours(demo_db: Database, tmp_path: Path) -> None:
    book = _belarus_book(demo_db, tmp_path)
    # a forged cell: a line of another version above the row's own hidden cell
    forged = _hidden_cells(
        book, tmp_path / "forged.xlsx", "Treaty actions", lambda v: f"7:{'0' * 16}:{'0' * 16}\n{v}"
    )
    parsed = read_workbook(forged)
    aside, read = _rows_of(parsed, "treaty_action")
    assert not aside and read
    plan = plan_import(demo_db, parsed)
    assert plan.ok and not plan.has_changes and plan.kept == 0
    sheet = next(s for s in plan.sheets if s.rtype.name == "treaty_action")
    assert sheet.unchanged == len(read)  # each row read, and compared: nothing counted twice or kept


@pytest.mark.parametrize("hidden", ["deleted", "emptied"])
def test_a_small_sheet_without_its_hidden_cells_reports_no_problem_of_an_unedited_row(
    demo_db: Database, tmp_path: Path, hidden: str
) -> None:
    """Rows equal to their stored records are left out whatever the sheet's size: a stored record that a
    newer rule would refuse is no problem of an import that does not change it."""
    table = model_for(RECORD_TYPES["treaty_action"]).__table__
    with demo_db.write() as session:  # as a record saved before the rule existed
        key = session.scalars(select(table.c.id).where(table.c.country_code == "BLR")).first()
        session.execute(
            update(table).where(table.c.id == key).values(effect_date=PartialDate(1901, 1, 1).to_storage())
        )
    book = _belarus_book(demo_db, tmp_path)
    wb = openpyxl.load_workbook(book)
    ws = wb["Treaty actions"]
    col = [c.value for c in ws[1]].index(VERSION_HEADER) + 1
    if hidden == "deleted":
        ws.delete_cols(col)
    else:
        for r in range(2, ws.max_row + 1):
            ws.cell(row=r, column=col).value = None
    wb.save(tmp_path / "no-hidden.xlsx")
    plan = plan_import(demo_db, read_workbook(tmp_path / "no-hidden.xlsx"))
    assert plan.ok and not plan.has_changes, plan.lines()
    sheet = next(s for s in plan.sheets if s.rtype.name == "treaty_action")
    assert sheet.unchanged == RecordService(demo_db).count("treaty_action", country="BLR")
