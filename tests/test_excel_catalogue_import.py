"""What an officer adds to the workbook beyond the records' sheets: new catalogue entries (a meeting, a body),
rows typed again without an id, short names and date cells; and what the workbook says it will not take."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.excel.duplicates import IDENTITY
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import ImportRefused, apply_import, plan_import, read_workbook
from coopdesk.excel.sheets import ID_HEADER
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES


@pytest.fixture
def exported(demo_db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    export_workbook(demo_db, path)
    return path


def _header(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def append_rows(path: Path, sheet: str, rows: list[dict[str, Any]]) -> list[int]:
    """Type rows below the last one, as an officer would, and save."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = _header(ws)
    numbers = []
    for values in rows:
        row = ws.max_row + 1
        for name, value in values.items():
            ws.cell(row=row, column=header.index(name) + 1).value = value
        numbers.append(row)
    book.save(path)
    return numbers


def edit(path: Path, sheet: str, match: tuple[str, Any], column: str, value: Any) -> int:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = _header(ws)
    for number in range(2, ws.max_row + 1):
        if ws.cell(row=number, column=header.index(match[0]) + 1).value == match[1]:
            ws.protection.sheet = False  # what an officer who insists would do first
            ws.cell(row=number, column=header.index(column) + 1).value = value
            book.save(path)
            return number
    raise AssertionError(f"{sheet}: no row with {match}")


def test_a_new_meeting_and_its_participation_import_together(demo_db: Database, exported: Path) -> None:
    (meeting_row,) = append_rows(
        exported,
        "Meetings",
        [
            {
                "Code": "CND-53",
                "Body": "CND",
                "Session": "53rd session",
                "Title": "Commission on Narcotic Drugs",
                "Starts": "8 March 2010",
                "Ends": "12 March 2010",
                "Place": "Vienna",
            }
        ],
    )
    append_rows(
        exported,
        "Meetings attended",
        [{"Country": "Belarus", "Meeting": "CND-53", "Participation": "Attended", "Role": ""}],
    )
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == []
    assert plan.headline().startswith("2 to add, 0 to change, 36 unchanged")
    lines = plan.lines()
    assert f"  row {meeting_row}: add CND-53" in lines
    # The entry comes before the record that names it, in the preview as in the transaction.
    assert lines.index("Meetings: 1 added, 0 changed, 7 unchanged") < next(
        i for i, line in enumerate(lines) if line.startswith("Meetings attended:")
    )
    assert apply_import(demo_db, plan).added == 2
    service = RecordService(demo_db)
    meeting = service.get("meeting", "CND-53")
    assert meeting.values["start_date"] == PartialDate(2010, 3, 8) and meeting.values["body_code"] == "CND"
    assert [r.values["meeting_code"] for r in service.list("meeting_participation")].count("CND-53") == 1
    with demo_db.read() as session:
        logged = session.scalar(
            select(func.count()).where(HistoryEntry.record_type == "meeting", HistoryEntry.action == "import")
        )
    assert logged  # the entry's history, as for any change
    again = plan_import(demo_db, read_workbook(exported))
    assert again.problems == [] and not again.has_changes  # the same workbook a second time: nothing new


def test_a_changed_catalogue_entry_is_previewed_field_by_field_and_applied(
    demo_db: Database, exported: Path
) -> None:
    row = edit(exported, "Bodies", ("Code", "CND"), "Members", 54)
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == [] and plan.changed == 1
    assert f"  row {row}: change CND" in plan.lines() and "    Members: “53” becomes “54”" in plan.lines()
    apply_import(demo_db, plan)
    assert RecordService(demo_db).get("body", "CND").values["members_count"] == 54


def test_a_countrys_un_names_are_protected_and_an_edit_to_them_is_refused(
    demo_db: Database, exported: Path
) -> None:
    ws = openpyxl.load_workbook(exported)["Countries"]
    assert ws.protection.sheet  # the spreadsheet refuses an edit there...
    header = _header(ws)
    assert ws.cell(row=2, column=header.index("Short name") + 1).protection.locked
    # ...the regional group and the notes take one, and a new country can be typed below
    assert not ws.cell(row=2, column=header.index("Regional group") + 1).protection.locked
    columns = list(ws.column_dimensions.values())
    assert len(columns) >= 3 and all(not column.protection.locked for column in columns)
    assert "United Nations" in ws["A1"].comment.text
    before = RecordService(demo_db).get("country", "BLR").values
    row = edit(exported, "Countries", ("ISO code", "BLR"), "Short name", "Byelorussia")
    plan = plan_import(demo_db, read_workbook(exported))
    (problem,) = plan.problems
    assert (problem.sheet, problem.row, problem.column) == ("Countries", row, "Short name")
    assert "United Nations' name of Belarus" in problem.message and "“Belarus”" in problem.message
    with pytest.raises(ImportRefused):
        apply_import(demo_db, plan)
    assert RecordService(demo_db).get("country", "BLR").values == before


def test_the_summary_says_it_is_not_imported(exported: Path) -> None:
    ws = openpyxl.load_workbook(exported)["Summary"]
    assert ws.protection.sheet and "not imported" in ws["A1"].comment.text


def test_rows_imported_again_without_ids_are_set_aside_as_probable_duplicates(
    demo_db: Database, exported: Path
) -> None:
    book = openpyxl.load_workbook(exported)
    ws = book["Treaty actions"]
    id_column = _header(ws).index(ID_HEADER) + 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row=row, column=id_column).value = None  # the sheet pasted into a fresh copy: no ids
    book.save(exported)
    append_rows(
        exported,
        "Treaty actions",
        [
            {
                "Country": "France",
                "Instrument": "1970 Hague Convention",
                "Action": "Ratification",
                "Date": "1972",
            },
            {
                "Country": "France",
                "Instrument": "1970 Hague Convention",
                "Action": "Ratification",
                "Date": "1972",
            },
        ],
    )
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == []
    assert plan.added == 1  # only France's ratification is new
    assert plan.duplicates == 19
    assert "19 probable duplicates set aside" in plan.headline()
    lines = plan.lines()
    assert "Treaty actions: 19 probable duplicates, not added" in lines
    assert any(
        "ratification of 1970 Hague Convention (Belarus) looks like a record already stored with the same "
        "State, instrument, action and date" in line
        for line in lines
    )
    assert any("(France) looks like row" in line for line in lines)  # typed twice in the sheet
    count = len(RecordService(demo_db).list("treaty_action"))
    apply_import(demo_db, plan)
    assert len(RecordService(demo_db).list("treaty_action")) == count + 1
    # Asked for, they are added after all.
    again = plan_import(demo_db, read_workbook(exported))
    assert again.duplicates == 20  # France's first row is stored now too
    again.add_duplicates()
    assert again.duplicates == 0 and again.added == 20
    apply_import(demo_db, again)
    assert len(RecordService(demo_db).list("treaty_action")) == count + 21


def test_every_record_type_says_what_identifies_it() -> None:
    assert set(IDENTITY) == set(RECORD_TYPES)
    for name, fields in IDENTITY.items():
        for field_name in fields:
            RECORD_TYPES[name].field(field_name)  # a real field of the type


def test_instruments_are_read_by_short_name_code_or_title(demo_db: Database, exported: Path) -> None:
    append_rows(
        exported,
        "Treaty actions",
        [
            {
                "Country": "France",
                "Instrument": "1988 Airport Protocol",
                "Action": "Ratification",
                "Date": 1990,
            },
            {"Country": "France", "Instrument": "ct05", "Action": "Accession (a)", "Date": "1991"},
            {
                "Country": "France",
                "Instrument": "International Convention against the Taking of Hostages",
                "Action": "Signature",
                "Date": "1980",
            },
            {"Country": "France", "Instrument": "The Tokyo one", "Action": "Ratification", "Date": "1970"},
        ],
    )
    plan = plan_import(demo_db, read_workbook(exported))
    (problem,) = plan.problems
    assert problem.column == "Instrument" and "'The Tokyo one' is not in the catalogue" in problem.message
    codes = {}
    for p in next(s for s in plan.sheets if s.title == "Treaty actions").added:
        codes[p.values["action"]] = p.values["instrument_code"]
    assert codes == {"ratification": "CT07", "accession": "CT05", "signature": "CT05"}


def test_a_date_cell_in_a_partial_date_column_is_read_with_its_precision_shown(
    demo_db: Database, exported: Path
) -> None:
    """Excel turns "May 2009" typed into a date cell into 1 May 2009: the preview says so."""
    append_rows(
        exported,
        "Memberships",
        [
            {
                "Country": "France",
                "Body": "CND",
                "Role": "Member",
                "Elected on": dt.datetime(2009, 5, 1),  # a date cell
                "Term starts": "January 2010",  # text in the text column: stays a month
            }
        ],
    )
    plan = plan_import(demo_db, read_workbook(exported))
    assert plan.problems == []
    (added,) = next(s for s in plan.sheets if s.title == "Memberships").added
    assert added.values["election_date"] == PartialDate(2009, 5, 1)
    assert added.values["term_start"] == PartialDate(2010, 1)
    (note,) = added.notes
    assert note.startswith("Elected on: 1 May 2009 comes from a date cell, so it is recorded as a full date")
    assert "“May 2009”" in note
    assert note in "\n".join(plan.lines())


def test_an_entry_left_as_stored_is_no_problem_even_when_incomplete(db: Database, tmp_path: Path) -> None:
    """A new database's organisation profile is blank until the officer fills it in: a workbook exported
    from it imports back with no change, not with 'Name: is required'."""
    path = tmp_path / "new.xlsx"
    export_workbook(db, path)
    plan = plan_import(db, read_workbook(path))
    assert plan.problems == [] and not plan.has_changes
    row = edit(path, "Organisation profile", ("Code", "ORG"), "Motto", "For the file")
    plan = plan_import(db, read_workbook(path))  # changed, it must be complete
    assert {(p.row, p.column, p.message) for p in plan.problems} >= {(row, "Name", "is required")}


def test_a_row_that_breaks_a_rule_of_its_type_is_a_problem(demo_db: Database, exported: Path) -> None:
    """The cross-field rules hold for a new row and a changed one, as in the editor; nothing is applied."""
    (new,) = append_rows(
        exported,
        "Treaty actions",
        [
            {
                "Country": "France",
                "Instrument": "1970 Hague Convention",
                "Action": "Ratification",
                "Date": "2005",
                "Date of effect": "2004",
            }
        ],
    )
    changed = edit(exported, "Memberships", ("Body", "CND"), "Term ends", "2009")
    plan = plan_import(demo_db, read_workbook(exported))
    found = {(p.sheet, p.row, p.column, p.message) for p in plan.problems}
    assert found == {
        ("Treaty actions", new, "Date of effect", "the date of effect cannot be before the action"),
        ("Memberships", changed, "Term ends", "the term cannot end before it starts"),
    }
    with pytest.raises(ImportRefused):
        apply_import(demo_db, plan)


def test_a_row_left_as_its_stored_record_is_no_problem_even_when_the_record_breaks_a_rule(
    demo_db: Database, tmp_path: Path
) -> None:
    """A record stored before a rule existed (here: written past the services) comes back in the
    workbook unchanged: the re-import leaves it alone instead of refusing the whole workbook for it."""
    from coopdesk.db.models import Membership

    with demo_db.write() as session:
        membership = session.scalars(select(Membership).where(Membership.body_code == "CND")).first()
        assert membership is not None
        membership.term_end = PartialDate(membership_start_year(membership.term_start) - 1).to_storage()
    path = tmp_path / "legacy.xlsx"
    export_workbook(demo_db, path)
    plan = plan_import(demo_db, read_workbook(path))
    assert plan.ok and not plan.has_changes, plan.lines()
    # The same row edited elsewhere must now meet the rule.
    changed = edit(path, "Memberships", ("Body", "CND"), "Role", "Vice-Chair")
    plan = plan_import(demo_db, read_workbook(path))
    assert {(p.row, p.column, p.message) for p in plan.problems} == {
        (changed, "Term ends", "the term cannot end before it starts")
    }


def membership_start_year(stored: str) -> int:
    return PartialDate.from_storage(stored).year


def test_rows_exported_by_coopdesk_into_another_database_carry_no_date_cell_note(
    demo_db: Database, exported: Path, tmp_path: Path
) -> None:
    """coopdesk writes a full date as a date cell: imported elsewhere, such a row is added without
    the warning meant for a date typed into a date cell, while a row the officer typed still gets it."""
    from coopdesk.cli import main
    from coopdesk.db.opener import open_database

    append_rows(
        exported,
        "Memberships",
        [
            {
                "Country": "France",
                "Body": "CND",
                "Role": "Member",
                "Elected on": dt.datetime(2009, 5, 1),
                "Term starts": "2010",
            }
        ],
    )
    book = openpyxl.load_workbook(exported)
    book["Letters"].delete_rows(2, book["Letters"].max_row)  # an issued letter belongs to its database
    book.save(exported)
    other_path = tmp_path / "other.sqlite"
    assert main(["new", "--db", str(other_path)]) == 0
    other = open_database(other_path)
    try:
        plan = plan_import(other, read_workbook(exported))
    finally:
        other.dispose()
    assert plan.ok, plan.lines()
    added = [p for s in plan.sheets for p in s.added]
    assert len(added) > 30  # the demo's records, and the typed row
    with_notes = [(p.sheet, p.values.get("election_date")) for p in added if p.notes]
    assert with_notes == [("Memberships", PartialDate(2009, 5, 1))]
