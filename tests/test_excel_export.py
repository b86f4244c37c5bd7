"""The exported workbook, opened back with openpyxl as a spreadsheet would: what a user sees in it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from coopdesk.db.database import Database
from coopdesk.db.models import NationalInitiative
from coopdesk.excel.cells import MAX_CELL_CHARS
from coopdesk.excel.export import ExportRefused, export_workbook
from coopdesk.excel.sheets import CATALOGUE_LAYOUTS, ID_HEADER, RECORD_LAYOUTS
from coopdesk.records import derived
from coopdesk.records.completeness import Completeness
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.service import RecordService

AS_OF = dt.date(2009, 10, 30)
HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTab", "\rCR"]


@pytest.fixture
def book(demo_db: Database, tmp_path: Path) -> openpyxl.Workbook:
    path = tmp_path / "demo.xlsx"
    export_workbook(demo_db, path, as_of=AS_OF)
    return openpyxl.load_workbook(path)


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [dict(zip(header, row, strict=False)) for row in ws.iter_rows(min_row=2, values_only=True)]


def test_one_sheet_per_record_type_plus_summary_and_catalogue(book: openpyxl.Workbook) -> None:
    titles = book.sheetnames
    assert titles[0] == "Summary"
    for layout in (*RECORD_LAYOUTS, *CATALOGUE_LAYOUTS):
        assert layout.title in titles
    assert book["Lists"].sheet_state == "hidden"
    actions = _rows(book["Treaty actions"])
    assert len(actions) == 18
    assert all(r["Country"] == "Belarus" and len(str(r[ID_HEADER])) == 36 for r in actions)


def test_summary_counts_sets_on_the_as_of_date_and_totals_by_currency(book: openpyxl.Workbook) -> None:
    (belarus,) = _rows(book["Summary"])
    assert belarus["Country"] == "Belarus"
    assert belarus["Treaty actions"] == 18
    assert belarus["Universal legal instruments against terrorism on 30 October 2009"] == "13 out of 16"
    # The CND term elected in May 2009 starts on 1 January 2010: not active yet on the as-of date.
    assert belarus["Active memberships on 30 October 2009"] == 0
    assert belarus["Contributions in USD"] == 20000


def test_real_cell_types_dates_amounts_and_partial_dates(book: openpyxl.Workbook) -> None:
    ws = book["Memberships"]
    header = [c.value for c in ws[1]]
    elected = ws.cell(row=2, column=header.index("Elected on") + 1)
    starts = [ws.cell(row=r, column=header.index("Term starts") + 1) for r in (2, 3)]
    values = {c.value for c in starts} | {elected.value}
    assert dt.datetime(2010, 1, 1) in values  # a full date is a date cell
    assert "May 2009" in {elected.value, *(c.value for c in starts)} or any(
        ws.cell(row=r, column=header.index("Elected on") + 1).value == "May 2009" for r in (2, 3)
    )
    date_cell = next(c for c in starts if isinstance(c.value, dt.datetime))
    assert date_cell.is_date and "yyyy" in date_cell.number_format
    ws = book["Contributions"]
    header = [c.value for c in ws[1]]
    amount = ws.cell(row=2, column=header.index("Amount") + 1)
    assert amount.data_type == "n" and amount.value == 20000
    assert '"USD"' in amount.number_format
    assert ws.cell(row=2, column=header.index("Amount currency") + 1).value == "USD"
    years = [r["Date"] for r in _rows(book["Treaty actions"])]
    assert "1971" in years  # a year alone stays readable text


def test_header_filter_freeze_drop_downs_and_print_setup(book: openpyxl.Workbook) -> None:
    ws = book["Treaty actions"]
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "B2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{ws.max_row}"
    # Printed: A4 landscape at a scale that keeps the 10-point text at 8 points or more, never "fit to
    # width" (which shrank it to 5 points); the header row on every page.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert not ws.sheet_properties.pageSetUpPr.fitToPage
    assert 80 <= ws.page_setup.scale <= 100
    assert ws.print_title_rows == "$1:$1"
    assert all(c.font.name == "Arial" and c.font.sz == 10 for c in ws[2])
    lists = {str(dv.sqref).split(":")[0]: dv for dv in ws.data_validations.dataValidation}
    header = [c.value for c in ws[1]]
    action_col = ws.cell(row=1, column=header.index("Action") + 1).column_letter
    assert "Ratification" in lists[f"{action_col}2"].formula1  # a short list is written inline
    assert lists["A2"].formula1.startswith("Lists!")  # 195 country names point at the hidden lists sheet
    # Every drop-down reaches the sheet's last row: rows added far below the data get them too.
    assert all(str(dv.sqref).endswith("1048576") for dv in ws.data_validations.dataValidation)
    assert ws.column_dimensions["A"].width >= len("Belarus")
    # the record ids (last column) are grey, in every filled row and in the rows a user may add
    id_col = ws.cell(row=1, column=header.index(ID_HEADER) + 1).column_letter
    grey = [
        rule
        for cf in ws.conditional_formatting
        if str(cf.sqref) == f"{id_col}2:{id_col}1048576"
        for rule in cf.rules
        if rule.dxf is not None and rule.dxf.font is not None and rule.dxf.font.color.rgb.endswith("888888")
    ]
    assert grey and grey[0].type == "notContainsBlanks"


def test_instruments_show_their_short_names_in_cells_and_drop_downs(book: openpyxl.Workbook) -> None:
    ws = book["Treaty actions"]
    instruments = [r["Instrument"] for r in _rows(ws)]
    assert "1970 Hague Convention" in instruments and "CT02" not in instruments
    assert "Convention against Corruption" in instruments
    header = [c.value for c in ws[1]]
    column = ws.cell(row=1, column=header.index("Instrument") + 1).column_letter
    (validation,) = [
        dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{column}2")
    ]
    sheet, cells = validation.formula1.split("!")
    first, last = (c.replace("$", "") for c in cells.split(":"))
    listed = [c.value for row in book[sheet][f"{first}:{last}"] for c in row]
    assert "1970 Hague Convention" in listed and "CT02" not in listed
    assert len(listed) == len(set(listed))  # one name, one instrument


def test_columns_are_as_wide_as_their_values_and_paragraphs_wrap(book: openpyxl.Workbook) -> None:
    """Dates never "###", a letter's addressee and body show every line."""
    ws = book["Letters"]
    header = [c.value for c in ws[1]]

    def column(name: str) -> str:
        return ws.cell(row=1, column=header.index(name) + 1).column_letter

    # "30 September 2009" is the longest date: about 17 characters of Arial 10, plus the cell's margins.
    assert ws.column_dimensions[column("Date")].width >= 16
    for name in ("Addressee", "Body"):
        cell = ws[f"{column(name)}2"]
        assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
    addressee_lines = ws[f"{column('Addressee')}2"].value.count("\n") + 1
    assert ws.row_dimensions[2].height >= addressee_lines * 12.75
    # A partial-date column is text, so "May 2009" typed into it stays what was typed.
    memberships = book["Memberships"]
    header = [c.value for c in memberships[1]]
    elected = memberships.cell(row=1, column=header.index("Elected on") + 1).column_letter
    assert memberships.column_dimensions[elected].number_format == "@"


def test_user_text_is_never_a_formula(demo_db: Database, tmp_path: Path) -> None:
    service = RecordService(demo_db, user="tester")
    for text in HOSTILE:
        service.create(
            "national_initiative",
            {"title": text, "kind": "law", "description": text, "notes": text},
            country="BLR",
        )
    path = tmp_path / "hostile.xlsx"
    export_workbook(demo_db, path)
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    ws = book["National initiatives"]
    header = [c.value for c in ws[1]]
    cells = [ws.cell(row=r, column=header.index("Description") + 1) for r in range(2, ws.max_row + 1)]
    # openpyxl shows the _x000D_ escape that carries a carriage return; a spreadsheet shows the character.
    hostile = [c for c in cells if str(c.value).replace("_x000D_", "\r") in HOSTILE]
    assert len(hostile) == len(HOSTILE)
    assert all(c.data_type == "s" and c.quotePrefix for c in hostile)


def test_text_over_the_cell_limit_is_refused_and_the_old_file_kept(demo_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"the previous export")
    record = RecordService(demo_db, user="tester").create(
        "national_initiative", {"title": "Long", "kind": "law"}, country="BLR"
    )
    # No way in takes such a text now (coopdesk.records.limits); a database written before may hold one.
    with demo_db.write() as session:
        session.execute(
            update(NationalInitiative)
            .where(NationalInitiative.id == record.key)
            .values(description="x" * (MAX_CELL_CHARS + 1))
        )
    with pytest.raises(ExportRefused) as caught:
        export_workbook(demo_db, path)
    message = str(caught.value)
    assert "National initiatives, row" in message and "Description" in message and "32,767" in message
    assert path.read_bytes() == b"the previous export"
    # No temporary file left behind (the open database's own -wal and -shm files aside).
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("demo.sqlite-"))
    assert left == ["demo.sqlite", "out.xlsx"]


def test_scope_by_country_and_by_group(demo_db: Database, tmp_path: Path) -> None:
    RecordService(demo_db, user="tester").create(
        "national_initiative", {"title": "French law", "kind": "law"}, country="FRA"
    )
    only_france = export_workbook(demo_db, tmp_path / "fra.xlsx", country="FRA")
    assert only_france.sheets["National initiatives"] == 1 and only_france.total == 1
    eastern = export_workbook(demo_db, tmp_path / "ee.xlsx", group="Eastern European")
    assert eastern.sheets["National initiatives"] == 2 and eastern.countries == 1
    with pytest.raises(ExportRefused, match="not a regional group"):
        export_workbook(demo_db, tmp_path / "x.xlsx", group="Martians")


def test_the_workbook_is_readable_by_other_users_like_any_saved_file(
    demo_db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "out.xlsx"
    export_workbook(demo_db, path)
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask  # not the private mode of a temporary file


def test_a_refused_export_names_the_first_bad_cell_in_reading_order(
    demo_db: Database, tmp_path: Path
) -> None:
    service = RecordService(demo_db, user="tester")
    # The earliest initiative has bad Notes; a later one (a lower row) a bad Description, further left.
    # No way in takes such values now (coopdesk.records.limits): a database written before may hold them.
    early = service.create("national_initiative", {"title": "Early", "kind": "law"}, country="BLR")
    late = service.create("national_initiative", {"title": "Late", "kind": "law"}, country="BLR")
    with demo_db.write() as session:
        for key, values in (
            (early.key, {"initiative_date": "1000", "notes": "a\ufffeb"}),
            (late.key, {"initiative_date": "2030", "description": "x" * 40_000}),
        ):
            session.execute(update(NationalInitiative).where(NationalInitiative.id == key).values(**values))
    with pytest.raises(ExportRefused) as caught:
        export_workbook(demo_db, tmp_path / "out.xlsx")
    message = str(caught.value)
    assert "National initiatives, row" in message and "Notes" in message and "U+FFFE" in message
    undated = [
        r for r in service.list("national_initiative", country="BLR") if not r.values["initiative_date"]
    ]
    # Below the header and the undated initiatives, which sort first.
    assert f"row {2 + len(undated)}," in message


def test_summary_set_counts_agree_with_the_status_rules_for_every_country(
    demo_db: Database, tmp_path: Path
) -> None:
    service = RecordService(demo_db, user="tester")
    members = service.list("instrument_set_member")
    codes = sorted({str(m.values["instrument_code"]) for m in members})
    steps = [
        ("FRA", codes[0], "signature", PartialDate(2001)),
        ("FRA", codes[0], "ratification", PartialDate(2003, 5)),
        ("FRA", codes[1], "accession", PartialDate(2005, 2, 1)),
        ("FRA", codes[1], "denunciation", PartialDate(2008)),
        ("FRA", codes[2], "ratification", PartialDate(2010)),  # after the as-of date
        ("FRA", codes[-1], "acceptance", PartialDate(2001)),
        ("CIV", codes[0], "signature", PartialDate(2002)),
        ("CIV", codes[-1], "succession", PartialDate(2009, 10, 30)),  # on the as-of date
        ("CIV", codes[-2], "reservation", PartialDate(2004)),
    ]
    for country, code, action, date in steps:
        service.create(
            "treaty_action", {"instrument_code": code, "action": action, "action_date": date}, country=country
        )
    path = tmp_path / "sets.xlsx"
    export_workbook(demo_db, path, as_of=AS_OF)
    rows = {r["ISO code"]: r for r in _rows(openpyxl.load_workbook(path)["Summary"])}
    assert {"BLR", "FRA", "CIV"} <= set(rows)
    order = {str(r.key): int(r.values.get("position") or 0) for r in service.list("instrument")}
    for s in service.list("instrument_set"):
        header = f"{s.values['name']} on 30 October 2009"
        for country, row in rows.items():
            actions = service.list("treaty_action", country=country)
            expected = derived.set_count(actions, members, str(s.key), AS_OF, order)
            checks = Completeness(service.list("completeness_check", country=country))
            known = not expected.missing or checks.set_covering(str(s.key), expected.members, AS_OF)
            want = str(expected) if known else f"{expected.n} of {expected.m} recorded, not checked complete"
            assert row[header] == want, (country, s.key)
    assert rows["FRA"] != rows["CIV"]
    # the demo's counter-terrorism set was checked complete on the date; nothing else was
    assert rows["BLR"]["Universal legal instruments against terrorism on 30 October 2009"] == "13 out of 16"
    assert rows["CIV"]["Crime and corruption conventions on 30 October 2009"] == (
        "1 of 5 recorded, not checked complete"
    )
