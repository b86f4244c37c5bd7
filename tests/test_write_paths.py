"""Every way a record changes goes through the one write path: version, who and when, history, together.

One test drives each write path there is (a form's create, edit and delete, undo and redo, a restore, a
bulk create, the workbook import adding and changing, a catalogue edit, reserving, saving and issuing a
letter) and checks the same three things for each: the version moved on by one (or started at 1), the
record says who changed it and when, and the history holds that change, by that person, at that moment.
A second test keeps it so: no module but the write path stamps versions or writes history rows.
"""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtGui import QUndoStack

from coopdesk.db.database import Database
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import apply_import, plan_import, read_workbook
from coopdesk.excel.sheets import ID_HEADER
from coopdesk.note import letters
from coopdesk.note.builder import draft_note
from coopdesk.records.history import record_history
from coopdesk.records.record import Record
from coopdesk.records.service import RecordService
from coopdesk.ui.records.undo import CreateRecord, DeleteRecord, EditRecord

PACKAGE = Path(__file__).resolve().parents[1] / "coopdesk"
USER = "writer-under-test"


@dataclass(frozen=True)
class Written:
    """What a write path reports: the record it changed (None if deleted) and the history action."""

    type_name: str
    key: str
    action: str
    before_version: int | None  # None: a new record


def _initiative(service: RecordService, title: str = "Drug observatory") -> Record:
    return service.create("national_initiative", {"title": title, "kind": "unit"}, country="BLR")


def form_create(db: Database, tmp: Path) -> Written:
    record = _initiative(RecordService(db, USER))
    return Written("national_initiative", record.key, "create", None)


def form_edit(db: Database, tmp: Path) -> Written:
    record = _initiative(RecordService(db, "someone"))
    RecordService(db, USER).update(
        "national_initiative", record.key, {"title": "Observatory"}, expected_version=record.version
    )
    return Written("national_initiative", record.key, "update", record.version)


def form_delete_then_restore(db: Database, tmp: Path) -> Written:
    service = RecordService(db, USER)
    record = _initiative(RecordService(db, "someone"))
    gone = service.delete("national_initiative", record.key, expected_version=record.version)
    assert record_history(db, "national_initiative", record.key)[0].action == "delete"
    service.restore(gone)
    return Written("national_initiative", record.key, "restore", None)


def undo_and_redo(db: Database, tmp: Path) -> Written:
    service = RecordService(db, USER)
    stack = QUndoStack()
    stack.push(
        CreateRecord(service, "national_initiative", {"title": "Unit", "kind": "unit"}, "BLR", _ok, _fail)
    )
    key = service.list("national_initiative", where={"title": "Unit"})[0].key
    edit = EditRecord(service, service.get("national_initiative", key), {"title": "Drug unit"}, _ok, _fail)
    stack.push(edit)
    stack.undo()
    stack.redo()
    version = service.get("national_initiative", key).version
    stack.undo()
    return Written("national_initiative", key, "undo", version)


def undo_of_a_delete(db: Database, tmp: Path) -> Written:
    service = RecordService(db, USER)
    record = _initiative(RecordService(db, "someone"))
    stack = QUndoStack()
    stack.push(DeleteRecord(service, record, _ok, _fail))
    stack.undo()
    return Written("national_initiative", record.key, "restore", None)


def bulk_create(db: Database, tmp: Path) -> Written:
    records = RecordService(db, USER).create_many(
        [("national_initiative", {"title": f"Law {n}", "kind": "law"}, "BLR") for n in range(3)]
    )
    return Written("national_initiative", records[-1].key, "create", None)


def _import(db: Database, tmp: Path, edit: Callable[[openpyxl.Workbook], None]) -> None:
    path = tmp / "records.xlsx"
    export_workbook(db, path)
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    plan = plan_import(db, read_workbook(path))
    assert not plan.problems, plan.problems
    apply_import(db, plan, user=USER)


def import_adds(db: Database, tmp: Path) -> Written:
    def add(book: openpyxl.Workbook) -> None:
        sheet = book["National initiatives"]
        headers = [c.value for c in sheet[1]]
        row = [None] * len(headers)
        row[headers.index("Country")] = "BLR"
        row[headers.index("Title")] = "Imported observatory"
        row[headers.index("Kind")] = "Unit"
        sheet.append(row)

    _import(db, tmp, add)
    key = RecordService(db).list("national_initiative", where={"title": "Imported observatory"})[0].key
    return Written("national_initiative", key, "import", None)


def import_changes(db: Database, tmp: Path) -> Written:
    record = _initiative(RecordService(db, "someone"), "Before the import")

    def change(book: openpyxl.Workbook) -> None:
        sheet = book["National initiatives"]
        headers = [c.value for c in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            if row[headers.index(ID_HEADER)].value == record.key:
                row[headers.index("Title")].value = "After the import"

    _import(db, tmp, change)
    return Written("national_initiative", record.key, "import", record.version)


def catalogue_edit(db: Database, tmp: Path) -> Written:
    entry = RecordService(db).get("body", "CND")
    RecordService(db, USER).update("body", "CND", {"members_count": 54}, expected_version=entry.version)
    return Written("body", "CND", "update", entry.version)


def reserve_reference(db: Database, tmp: Path) -> Written:
    draft = letters.new_draft(db, "BLR", dt.date(2009, 10, 30), user="someone")
    letters.reserve_reference(db, draft.key, user=USER)
    return Written("letter", draft.key, "reserve", draft.version)


def save_draft_note(db: Database, tmp: Path) -> Written:
    draft = letters.new_draft(db, "BLR", dt.date(2009, 10, 30), user="someone")
    letters.save_draft_note(
        db, draft.key, draft_note(db, "BLR", dt.date(2009, 10, 30)), dt.date(2009, 10, 30), USER
    )
    return Written("letter", draft.key, "edit note", draft.version)


def issue_letter(db: Database, tmp: Path) -> Written:
    draft = letters.new_draft(db, "BLR", dt.date(2009, 10, 30), user="someone")
    letters.issue_letter(db, draft.key, draft_note(db, "BLR", dt.date(2009, 10, 30)), user=USER)
    return Written("letter", draft.key, "issue", draft.version)


WRITE_PATHS = [
    form_create,
    form_edit,
    form_delete_then_restore,
    undo_and_redo,
    undo_of_a_delete,
    bulk_create,
    import_adds,
    import_changes,
    catalogue_edit,
    reserve_reference,
    save_draft_note,
    issue_letter,
]


@pytest.mark.parametrize("write", WRITE_PATHS, ids=lambda f: f.__name__)
def test_every_write_path_moves_the_version_and_writes_its_history(
    demo_db: Database, tmp_path: Path, qapp: object, write: Callable[[Database, Path], Written]
) -> None:
    written = write(demo_db, tmp_path)
    record = RecordService(demo_db).get(written.type_name, written.key)
    expected = 1 if written.before_version is None else written.before_version + 1
    if written.action == "restore":
        expected = 1  # a restored record is stored anew
    assert record.version == expected
    assert record.updated_by == USER
    newest = record_history(demo_db, written.type_name, written.key)[0]
    assert (newest.action, newest.user) == (written.action, USER)
    assert newest.at == record.updated_at


def test_only_the_write_path_stamps_versions_or_writes_history() -> None:
    """By structure: a module that set ``version`` or ``updated_by`` on a row, or built a history row,
    would be a second write path that could forget one of them."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in {"records/write.py"} or relative.startswith("db/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Attribute) and target.attr in {
                        "version",
                        "updated_by",
                        "updated_at",
                    }:
                        offenders.append(f"{relative}:{node.lineno} sets .{target.attr}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "HistoryEntry":
                offenders.append(f"{relative}:{node.lineno} builds a HistoryEntry")
    assert offenders == []


def _ok(_type_name: str, _key: str, _country: str | None) -> None:
    """Where the window would reload and show the record."""


def _fail(exc: BaseException) -> None:
    raise AssertionError(f"a step was refused: {exc}")
