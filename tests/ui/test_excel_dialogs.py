"""Export and import through the real window: menus, options dialog, preview, apply; dialogs patched."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from coopdesk.records.partial_date import PartialDate
from coopdesk.ui.shell.main_window import MainWindow
from tests.helpers.gui import DialogLog


def _action(window: MainWindow, name: str) -> QAction:
    (action,) = [a for a in window.menu("file").actions() if a.objectName() == name]
    return action


def _export(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, path: Path, *, only_country: bool
) -> None:
    dialog_log.save_path = path
    _action(window, "action-export-excel").trigger()
    options = window.features["excel"].options  # type: ignore[attr-defined]
    qtbot.waitUntil(options.isVisible)
    if only_country:
        qtbot.mouseClick(options.one_country, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(options.export_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]


def test_export_from_the_file_menu(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    assert window.select_country("BLR")
    dialog_log.save_path = tmp_path / "belarus.xlsx"
    _action(window, "action-export-excel").trigger()
    options = window.features["excel"].options  # type: ignore[attr-defined]
    qtbot.waitUntil(options.isVisible)
    assert options.one_country.isEnabled() and "Belarus" in options.one_country.text()
    options.grab().save(str(output_dir / "excel-export-options.png"))
    qtbot.mouseClick(options.one_country, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(options.export_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert ("save_file", "Export to Excel", "") in dialog_log.shown
    book = openpyxl.load_workbook(tmp_path / "belarus.xlsx")
    assert [r[0] for r in book["Summary"].iter_rows(min_row=2, values_only=True)] == ["Belarus"]
    assert book["Treaty actions"].max_row == 19
    assert "Wrote 36 records" in window.statusBar().currentMessage()


def test_import_preview_lists_exactly_the_two_changes_then_applies(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    assert window.select_country("BLR")
    path = tmp_path / "belarus.xlsx"
    _export(window, qtbot, dialog_log, path, only_country=True)

    # As a spreadsheet user: change a date, add a contribution.
    book = openpyxl.load_workbook(path)
    ws = book["Memberships"]
    header = [c.value for c in ws[1]]
    col = header.index("Elected on") + 1
    body = header.index("Body") + 1
    (row,) = [r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=body).value == "CND"]
    assert ws.cell(row=row, column=col).value == "May 2009"
    ws.cell(row=row, column=col, value=dt.datetime(2009, 5, 20))
    ws = book["Contributions"]
    header = [c.value for c in ws[1]]
    new = ws.max_row + 1
    for name, value in {
        "Country": "Belarus",
        "Recipient body": "CND",
        "Amount": 7500,
        "Amount currency": "USD",
        "Date": dt.datetime(2009, 11, 2),
        "Type": "Payment",
    }.items():
        ws.cell(row=new, column=header.index(name) + 1, value=value)
    book.save(path)

    dialog_log.open_path = path
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    preview = window.features["excel"].preview  # type: ignore[attr-defined]
    qtbot.waitUntil(preview.isVisible)
    preview.grab().save(str(output_dir / "excel-import-preview.png"))
    assert preview.headline.text() == "1 to add, 1 to change, 35 unchanged in belarus.xlsx."
    lines = preview.change_lines()
    date_cell = "comes from a date cell, so it is recorded as a full date; if only the month or the year is"
    assert lines == [
        "Memberships | 0 to add, 1 to change, 1 unchanged",
        f"  Row {row}: change | CND membership (Belarus)",
        "    | Elected on: “May 2009” becomes “20 May 2009”",
        f"    | Elected on: 20 May 2009 {date_cell} known, type it as text (“May 2009”, “2009”).",
        "Contributions | 1 to add, 0 to change, 1 unchanged",
        f"  Row {new}: add | contribution to CND (Belarus)",
        f"    | Date: 2 November 2009 {date_cell} known, type it as text (“November 2009”, “2009”).",
    ]
    assert not preview.add_duplicates.isVisible()
    assert preview.import_button.isEnabled()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert "1 added, 1 changed" in window.statusBar().currentMessage()

    # The editor shows both.
    page = window.page("contribution")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    amounts = {page.model.record_at(r).values["amount"].minor for r in range(page.model.rowCount())}
    assert 750000 in amounts
    memberships = window.page("membership").model
    dates = {memberships.record_at(r).values["election_date"] for r in range(memberships.rowCount())}
    assert PartialDate(2009, 5, 20) in dates
    assert not [kind for kind, *_ in dialog_log.shown if kind == "error"]


def test_a_broken_file_is_a_plain_error_and_no_preview(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    bad = tmp_path / "notes.xlsx"
    bad.write_text("not a workbook")
    dialog_log.open_path = bad
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert dialog_log.shown[-1] == (
        "error",
        "Import from Excel",
        "notes.xlsx is not an Excel workbook (.xlsx), or it is damaged or cut short.",
    )
    assert window.features["excel"].preview is None  # type: ignore[attr-defined]


def _preview_with_a_bad_cell(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, path: Path, sheet: str, column: str, value: str
) -> Any:
    """The import preview of an exported workbook whose first data row got ``value`` in ``column``."""
    _export(window, qtbot, dialog_log, path, only_country=window.current_country() is not None)
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = [c.value for c in ws[1]]
    ws.cell(row=2, column=header.index(column) + 1, value=value)
    book.save(path)
    dialog_log.open_path = path
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    preview = window.features["excel"].preview  # type: ignore[attr-defined]
    qtbot.waitUntil(preview.isVisible)
    return preview


def test_a_workbook_with_problems_lists_them_and_cannot_be_imported(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    preview = _preview_with_a_bad_cell(
        window, qtbot, dialog_log, tmp_path / "all.xlsx", "Contributions", "Amount", "twenty"
    )
    preview.grab().save(str(output_dir / "excel-import-problems.png"))
    assert preview.change_lines() == ["Contributions, row 2, Amount | 'twenty' is not an amount"]
    assert not preview.import_button.isEnabled()
    preview.reject()


def test_a_long_problem_is_shown_whole_over_several_lines(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    assert window.select_country("BLR")
    preview = _preview_with_a_bad_cell(
        window, qtbot, dialog_log, tmp_path / "belarus.xlsx", "Memberships", "Elected on", "not a date"
    )
    item = preview.tree.topLevelItem(0)
    message = item.text(1)
    assert message.startswith("'not a date' is not a date") and len(message) > 80
    metrics = preview.tree.fontMetrics()
    assert metrics.horizontalAdvance(message) > preview.tree.columnWidth(1)  # too long for one line
    assert preview.tree.visualItemRect(item).height() >= 2 * metrics.lineSpacing()  # so it wraps
    assert item.toolTip(1) == message
    preview.grab().save(str(output_dir / "excel-import-long-problem.png"))


def test_rows_that_look_stored_are_set_aside_until_the_officer_asks_for_them(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    """The treaty actions pasted again into the workbook, without their ids: nothing is doubled."""
    assert window.select_country("BLR")
    path = tmp_path / "belarus.xlsx"
    _export(window, qtbot, dialog_log, path, only_country=True)
    book = openpyxl.load_workbook(path)
    ws = book["Treaty actions"]
    header = [c.value for c in ws[1]]
    for row in range(2, 5):  # three ratifications copied below, without their ids (nor hidden versions)
        copy = ws.max_row + 1
        for col in range(1, len(header) - 1):
            ws.cell(row=copy, column=col).value = ws.cell(row=row, column=col).value
    book.save(path)
    dialog_log.open_path = path
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    preview = window.features["excel"].preview  # type: ignore[attr-defined]
    qtbot.waitUntil(preview.isVisible)
    preview.grab().save(str(output_dir / "excel-import-duplicates.png"))
    assert preview.headline.text() == (
        "0 to add, 0 to change, 36 unchanged, 3 probable duplicates set aside in belarus.xlsx."
    )
    lines = preview.change_lines()
    assert lines[0] == "Treaty actions: set aside | 3 probable duplicates, not added"
    assert lines[1] == "  Row 20: looks stored | ratification of 1970 Hague Convention (Belarus)"
    assert lines[2].startswith("    | Looks like a record already stored with the same State, instrument")
    assert not preview.import_button.isEnabled()  # nothing else to import
    assert preview.add_duplicates.isVisible()
    qtbot.mouseClick(preview.add_duplicates, Qt.MouseButton.LeftButton)
    assert preview.import_button.isEnabled()
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert "3 added, 0 changed" in window.statusBar().currentMessage()
    page = window.page("treaty_action")
    qtbot.waitUntil(lambda: page.model.rowCount() == 21)


def test_a_conflict_is_shown_beside_coopdesks_version_and_imported_only_when_ticked(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path, output_dir: Path
) -> None:
    """Export; a colleague edits a membership's notes in coopdesk; the officer edits the same row and
    another one in the workbook. The preview puts the conflict first, side by side; unticked, the
    colleague's edit stays and the other edit is imported; ticked, the workbook's wins."""
    assert window.select_country("BLR")
    path = tmp_path / "belarus.xlsx"
    _export(window, qtbot, dialog_log, path, only_country=True)
    first, second = window.service.list("membership", country="BLR")[:2]
    window.service.update(
        "membership", first.key, {"notes": "Checked with the Mission"}, expected_version=None
    )

    book = openpyxl.load_workbook(path)
    ws = book["Memberships"]
    header = [c.value for c in ws[1]]
    ids = header.index("Record id (leave as is; empty for a new row)") + 1
    notes = header.index("Notes") + 1
    rows = {ws.cell(row=r, column=ids).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(row=rows[first.key], column=notes, value="Term renewed")
    ws.cell(row=rows[second.key], column=notes, value="Chair in 2010")
    book.save(path)

    dialog_log.open_path = path
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    preview = window.features["excel"].preview  # type: ignore[attr-defined]
    qtbot.waitUntil(preview.isVisible)
    preview.grab().save(str(output_dir / "excel-import-conflict.png"))
    assert "1 conflict with changes made in coopdesk" in preview.headline.text()
    conflict = preview.conflicts.lines()
    assert conflict[0].startswith(
        f"[ ] Memberships, row {rows[first.key]} | {first.describe()} (Belarus) | changed in coopdesk"
    )
    assert "by tester on" in conflict[0]
    assert conflict[1:] == ["    Notes | Term renewed | Checked with the Mission"]
    assert preview.import_button.isEnabled()  # the other row can go in alone

    # Tick the row with the keyboard, as a person would, and untick it again.
    tree = preview.conflicts.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert preview.plan.conflicts[0].use_workbook
    assert preview.conflicts.lines()[0].startswith("[x]")
    qtbot.mouseClick(preview.conflicts.keep_all, Qt.MouseButton.LeftButton)
    assert not preview.plan.conflicts[0].use_workbook
    assert preview.explain.text().endswith("The conflict not ticked keeps coopdesk's version.")

    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert window.service.get("membership", first.key)["notes"] == "Checked with the Mission"
    assert window.service.get("membership", second.key)["notes"] == "Chair in 2010"

    # The same workbook again, the conflict ticked this time: the workbook's notes replace coopdesk's.
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    preview = window.features["excel"].preview  # type: ignore[attr-defined]
    qtbot.waitUntil(preview.isVisible)
    qtbot.mouseClick(preview.conflicts.take_all, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    assert window.service.get("membership", first.key)["notes"] == "Term renewed"
    assert not [kind for kind, *_ in dialog_log.shown if kind == "error"]


def test_a_workbook_that_would_take_the_machine_down_is_a_plain_error(
    window: MainWindow, qtbot: QtBot, dialog_log: DialogLog, tmp_path: Path
) -> None:
    """One cell at XFD1048576 (a 512 GB grid for the reader): refused in words while the window keeps
    painting, and no preview."""
    from tests.helpers.hostile_workbooks import far_corner

    good = tmp_path / "good.xlsx"
    _export(window, qtbot, dialog_log, good, only_country=False)
    bad = tmp_path / "corner.xlsx"
    far_corner(good, bad)
    dialog_log.open_path = bad
    _action(window, "action-import-excel").trigger()
    assert window.features["excel"].task.wait()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(dialog_log.shown) and dialog_log.shown[-1][0] == "error")
    assert dialog_log.shown[-1] == (
        "error",
        "Import from Excel",
        "corner.xlsx is refused: the sheet Treaty actions reaches column XFD (column 16,384); coopdesk reads "
        "at most 40 columns.",
    )
    assert window.features["excel"].preview is None  # type: ignore[attr-defined]
