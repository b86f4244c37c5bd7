"""The workbook round trip between colleagues, played on any database (SQLite here, PostgreSQL in
test_postgres): a stale workbook never undoes a colleague's edit, and two officers importing in turn
keep each other's changes; an edit of the same record is a conflict, not an overwrite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from coopdesk.db.database import Database
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import apply_import, plan_import, read_workbook
from coopdesk.records.service import RecordService

ID_HEADER = "Record id (leave as is; empty for a new row)"


def edit_cells(path: Path, sheet: str, edits: dict[str, dict[str, Any]], target: Path | None = None) -> Path:
    """Edit cells as a spreadsheet user would: ``edits`` maps a record id to {column header: value}."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    ids = header.index(ID_HEADER) + 1
    for r in range(2, ws.max_row + 1):
        for column, value in edits.get(str(ws.cell(row=r, column=ids).value), {}).items():
            ws.cell(row=r, column=header.index(column) + 1, value=value)
    out = target or path
    book.save(out)
    return out


def seed(db: Database) -> tuple[str, str, str]:
    """Three national initiatives of Belarus; their ids."""
    service = RecordService(db, user="setup")
    return tuple(  # type: ignore[return-value]
        service.create("national_initiative", {"title": title, "kind": "law"}, country="BLR").key
        for title in ("Drug law", "Anti-corruption law", "Trafficking law")
    )


def import_file(db: Database, path: Path, user: str, *, take: bool = False) -> Any:
    plan = plan_import(db, read_workbook(path))
    assert plan.ok, plan.lines()
    for conflict in plan.conflicts:
        conflict.use_workbook = take
    apply_import(db, plan, user=user)
    return plan


def stale_workbook(db: Database, tmp_path: Path) -> None:
    """Export; a colleague edits a record; the untouched workbook is imported: nothing is reverted."""
    first, _, _ = seed(db)
    book = tmp_path / "stale.xlsx"
    export_workbook(db, book, country="BLR")
    colleague = RecordService(db, user="boris")
    colleague.update(
        "national_initiative",
        first,
        {"title": "Drug law of 2010"},
        expected_version=colleague.get("national_initiative", first).version,
    )
    before = colleague.get("national_initiative", first)

    plan = import_file(db, book, "ana")
    assert not plan.has_changes and not plan.conflicts
    assert plan.kept == 1 and "kept as coopdesk has them now" in "\n".join(plan.lines())
    after = colleague.get("national_initiative", first)
    assert after.values["title"] == "Drug law of 2010" and after.version == before.version


def two_officers(db: Database, tmp_path: Path) -> None:
    """Ana and Boris export the same records; each edits other rows and imports in turn: both edits
    stay. Then Boris edits the row Ana changed: a conflict, shown with Ana's name; unchosen, Ana's stays."""
    first, second, third = seed(db)
    ana_book, boris_book = tmp_path / "ana.xlsx", tmp_path / "boris.xlsx"
    export_workbook(db, ana_book, country="BLR")
    export_workbook(db, boris_book, country="BLR")
    edit_cells(ana_book, "National initiatives", {first: {"Title": "Ana's drug law"}})
    edit_cells(boris_book, "National initiatives", {second: {"Title": "Boris's anti-corruption law"}})
    import_file(db, ana_book, "ana")
    plan = import_file(db, boris_book, "boris")
    assert plan.changed == 1 and plan.kept == 1 and not plan.conflicts
    service = RecordService(db)
    assert service.get("national_initiative", first).values["title"] == "Ana's drug law"
    assert service.get("national_initiative", second).values["title"] == "Boris's anti-corruption law"

    late = edit_cells(
        boris_book,
        "National initiatives",
        {first: {"Title": "Boris's drug law"}, third: {"Notes": "x"}},
        target=tmp_path / "boris-2.xlsx",
    )
    plan = import_file(db, late, "boris")
    (conflict,) = plan.conflicts
    assert conflict.key == first and conflict.conflict is not None and conflict.conflict.by == "ana"
    (change,) = conflict.changes
    assert (change.old, change.new) == ("Ana's drug law", "Boris's drug law")
    assert service.get("national_initiative", first).values["title"] == "Ana's drug law"
    assert service.get("national_initiative", third).values["notes"] == "x"
    # Boris chooses his version for that row: now, and only now, it replaces Ana's.
    import_file(db, late, "boris", take=True)
    assert service.get("national_initiative", first).values["title"] == "Boris's drug law"
