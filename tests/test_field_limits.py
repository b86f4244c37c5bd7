"""One set of field limits for every way in: what the form and the services refuse, a workbook cannot
bring in either, and each refusal names the field in plain words (coopdesk/validation.py)."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from coopdesk.cli import main
from coopdesk.db.database import Database
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import plan_import, read_workbook
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from tests.helpers.hostile_workbooks import part_of, rezip

CONTRIBUTION = {"recipient_body_code": "CND", "kind": "payment", "amount": Money(100_000, "USD")}


def problems_of(service: RecordService, type_name: str, values: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationFailed) as caught:
        service.create(type_name, values, country="BLR")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(
    ("type_name", "values", "expected"),
    [
        (
            "contribution",
            {**CONTRIBUTION, "amount": Money(10**15, "USD")},
            "Amount: USD 10,000,000,000,000 is too large: amounts go up to USD 9,999,999,999,999.99",
        ),
        ("contribution", {**CONTRIBUTION, "amount": Money(-500, "USD")}, "Amount: -USD 5 cannot be negative"),
        (
            "project",
            {"title": "P", "status": "implementation", "budget": Money(-1, "EUR")},
            "Budget: -EUR 0.01 cannot be negative",
        ),
        (
            "national_initiative",
            {"title": "T", "kind": "law", "description": "x" * 32_768},
            "Description: is too long (32,768 characters; at most 32,767)",
        ),
        (
            "national_initiative",
            {"title": "T" * 301, "kind": "law"},
            "Title: is too long (301 characters; at most 300)",
        ),
        (
            "national_initiative",
            {"title": "Law\x00", "kind": "law"},
            "Title: holds a NUL character, which cannot be stored; remove it",
        ),
        (
            "national_initiative",
            {"title": "T", "kind": "law", "notes": "a\ufffeb"},
            "Notes: holds the invisible character U+FFFE, which cannot be stored; remove it",
        ),
        (
            "national_initiative",
            {"title": "T", "kind": "law", "initiative_date": PartialDate(1850)},
            "Date: 1850 is out of range: give a date from 1900 to 2100",
        ),
        (
            "membership",
            {"body_code": "CND", "role": "member", "term_start": "2010", "term_end": "2009"},
            "Term ends: the term cannot end before it starts",
        ),
        (
            "reporting",
            {
                "reporting_instrument_code": "ARQ",
                "cycle": "2012",
                "submitted_date": "2009",
                "completeness": "full",
            },
            "Submitted: the report is submitted in 2009, before its cycle (2012) began",
        ),
        (
            "treaty_action",
            {"instrument_code": "UNCAC", "action": "ratification", "action_date": "17/02/2003"},
            "Date: the action (17 February 2003) is before Convention against Corruption was adopted "
            "(31 October 2003)",
        ),
        (
            "membership",
            {"body_code": "CND", "role": "member", "term_start": "2010", "term_years": "99999999999"},
            None,
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and len(v) < 30 else None,
)
def test_the_services_refuse_what_no_file_could_carry(
    service: RecordService, type_name: str, values: dict[str, Any], expected: str | None
) -> None:
    found = problems_of(service, type_name, values)
    if expected is None:
        assert found == ["Term (years): 99999999999 is too large: it must be at most 20"]
    else:
        assert found == [expected]


def test_a_5000_digit_number_is_quoted_by_its_start(service: RecordService) -> None:
    found = problems_of(
        service,
        "membership",
        {"body_code": "CND", "role": "member", "term_start": "2010", "term_years": "9" * 5000},
    )
    assert found == ["Term (years): '999999999999999999999999999999999999999…' is not a whole number"]
    found = problems_of(service, "contribution", {**CONTRIBUTION, "amount": ("9" * 5000, "USD")})
    assert (
        len(found) == 1
        and found[0].startswith("Amount: '9999")
        and found[0].endswith("is too large to be an amount")
    )
    assert len(found[0]) < 100


# --------------------------------------------------------------------------- the same through a workbook


@pytest.fixture
def book(demo_db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "demo.xlsx"
    export_workbook(demo_db, path)
    return path


def _with_cells(book: Path, sheet: str, cells: dict[str, Any]) -> Path:
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    header = [c.value for c in ws[1]]
    for column, value in cells.items():
        ws.cell(row=2, column=header.index(column) + 1, value=value)
    wb.save(book)
    return book


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ({"Amount": 1e13}, "Contributions, row 2, Amount: USD 10,000,000,000,000 is too large"),
        (
            {"Amount": 1e30},
            "Contributions, row 2, Amount: USD 1,000,000,000,000,000,000,000,000,000,000 is too large",
        ),
        ({"Amount": "inf"}, "Contributions, row 2, Amount: 'inf' is not an amount"),
        ({"Amount": "nan"}, "Contributions, row 2, Amount: 'nan' is not an amount"),
        ({"Amount": "9" * 5000}, "Contributions, row 2, Amount: '9999999999"),
        ({"Amount": -20000}, "Contributions, row 2, Amount: -USD 20,000 cannot be negative"),
        ({"Date": "1850"}, "Contributions, row 2, Date: 1850 is out of range"),
        (
            {"Recipient (fund, programme or project)": "r" * 301},
            "Contributions, row 2, Recipient (fund, programme or project): is too long (301 characters",
        ),
    ],
    ids=["1e13", "1e30", "inf", "nan", "5000 digits", "negative", "1850", "too long"],
)
def test_a_workbook_cannot_bring_in_what_the_form_refuses(
    book: Path, demo_db: Database, cells: dict[str, Any], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_cells(book, "Contributions", cells)
    plan = plan_import(demo_db, read_workbook(book))
    assert len(plan.problems) == 1 and str(plan.problems[0]).startswith(expected), plan.lines()
    db_file = Path(str(demo_db.path))
    demo_db.dispose()
    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    for dry in ([], ["--dry-run"]):  # the dry run tells the same, and neither changes anything
        assert main(["import", str(book), "--db", str(db_file), *dry]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and expected in err and "cannot be imported: 1 problem" in err
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("number", ["inf", "-inf", "nan", "1e400"])
def test_a_number_cell_that_is_not_finite_is_refused_in_words(
    book: Path, demo_db: Database, number: str
) -> None:
    """Written straight into the sheet's XML (no spreadsheet program writes it; the reader takes it)."""
    wb = openpyxl.load_workbook(book)
    header = [c.value for c in wb["Contributions"][1]]
    reference = f"{openpyxl.utils.get_column_letter(header.index('Amount') + 1)}2".encode()
    part = part_of(book, "Contributions")
    with zipfile.ZipFile(book) as archive:
        xml = archive.read(part)
    start = xml.index(b'<c r="' + reference + b'"')
    end = xml.index(b"</c>", start) + 4
    rezip(
        book,
        book.with_name("bad.xlsx"),
        {part: xml[:start] + b'<c r="' + reference + b'"><v>' + number.encode() + b"</v></c>" + xml[end:]},
    )
    plan = plan_import(demo_db, read_workbook(book.with_name("bad.xlsx")))
    assert [str(p) for p in plan.problems] == [
        f"Contributions, row 2, Amount: '{float(number)}' is not an amount"
    ]


def test_a_treaty_action_edited_to_before_its_adoption_is_refused(book: Path, demo_db: Database) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb["Treaty actions"]
    header = [c.value for c in ws[1]]
    instrument = ws.cell(row=2, column=header.index("Instrument") + 1).value
    ws.cell(row=2, column=header.index("Date") + 1, value="1900")
    wb.save(book)
    plan = plan_import(demo_db, read_workbook(book))
    assert [p.column for p in plan.problems] == ["Date"]
    assert "is before" in plan.problems[0].message and "was adopted" in plan.problems[0].message, instrument
