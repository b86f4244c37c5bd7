"""Notes for several countries: a regional group into a folder, off the GUI thread, with Cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.note import batch as note_batch
from coopdesk.records.service import RecordService
from coopdesk.ui.note.note_batch_dialog import NoteBatchDialog
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from tests.helpers.gui import PrintDialogAnswer
from tests.page_images import differing_pixels, page_images, page_texts
from tests.ui.test_print_path import FILE_PIXELS

NOTE_DATE = dt.date(2009, 10, 30)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    messages: list[tuple[str, str, str]] = []
    for kind in ("inform", "warn", "error"):
        monkeypatch.setattr(
            dialogs,
            kind,
            lambda _p, title, text, kind=kind: messages.append((kind, title, text)),
        )
    return messages


def _dialog(qtbot: QtBot, db: Database, folder: Path | None = None) -> NoteBatchDialog:
    dialog = NoteBatchDialog(db, NOTE_DATE, folder=folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    return notes


def _choose_group(dialog: NoteBatchDialog, value: str) -> None:
    dialog.group.setCurrentIndex(dialog.group.findData(value))


def test_the_tools_menu_opens_it_with_the_window_date(
    qtbot: QtBot, window: MainWindow, output_dir: Path
) -> None:
    window.set_as_of(NOTE_DATE)
    (action,) = [a for a in window.menu("tools").actions() if a.text() == "Notes for several &countries…"]
    action.trigger()
    dialog: NoteBatchDialog = window.features["note"].note_batch_dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.chosen_date() == NOTE_DATE
    assert (
        dialog.count_label.text()
        == "195 States: a note for each with something to say, and a summary of all."
    )
    dialog.grab().save(str(output_dir / "note-batch-dialog.png"))
    dialog.close()


def test_eastern_european_notes_are_written_as_pdfs(
    qtbot: QtBot, demo_db: Database, folder: Path, shown: list[tuple[str, str, str]]
) -> None:
    dialog = _dialog(qtbot, demo_db, folder)
    _choose_group(dialog, "Eastern European")
    expected = note_batch.batch_countries(demo_db, "Eastern European")
    assert "BLR" in expected
    assert dialog.count_label.text().startswith(f"{len(expected)} States")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    with qtbot.waitSignal(dialog.finished_writing, timeout=60_000):
        pass
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["BLR Belarus note 2009-10-30.pdf", "Summary of the notes 2009-10-30.csv"]
    text = "\n".join(p.extract_text() for p in PdfReader(folder / "BLR Belarus note 2009-10-30.pdf").pages)
    assert "13 out of 16" in text
    kind, _title, report = shown[-1]
    assert kind == "inform"
    assert report.startswith(f"1 note written to {folder}.")
    assert f"{len(expected) - 1} States got no note" in report
    assert "Summary of the notes 2009-10-30.csv" in report
    qtbot.waitUntil(dialog.start_button.isEnabled)


def test_cancel_stops_the_work_and_leaves_the_folder_empty(
    qtbot: QtBot,
    demo_db: Database,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: list[tuple[str, str, str]],
) -> None:
    dialog = _dialog(qtbot, demo_db, folder)
    _choose_group(dialog, "Eastern European")
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    real_load = note_batch.load_note_inputs
    calls: list[str] = []

    def load_then_cancel(db: Database, iso3: str) -> Any:
        calls.append(iso3)
        if len(calls) == 3:  # the officer presses Cancel while the third note is being written
            assert dialog.task is not None
            dialog.task.progress.cancel()
        return real_load(db, iso3)

    monkeypatch.setattr(note_batch, "load_note_inputs", load_then_cancel)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    with qtbot.waitSignal(dialog.task.finished, timeout=30_000):
        pass
    assert len(calls) == 3
    assert list(folder.iterdir()) == []
    assert shown == []  # a cancel is not an error


def test_a_file_for_a_folder_is_refused_in_plain_words(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, shown: list[tuple[str, str, str]]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    dialog = _dialog(qtbot, demo_db, tmp_path / "notes.txt")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.task is None
    assert shown and shown[0][0] == "warn" and "is a file, not a folder" in shown[0][2]
    dialog.folder.clear()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert "Choose the folder" in shown[-1][2]


def test_browse_fills_the_folder(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dialogs, "choose_folder", lambda _p, _t, _s="": tmp_path)
    dialog = _dialog(qtbot, demo_db)
    browse = next(b for b in dialog.findChildren(QWidget) if getattr(b, "text", lambda: "")() == "&Browse…")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert dialog.folder.text() == str(tmp_path)


def test_print_sends_the_chosen_notes_in_one_job_in_the_order_shown(
    qtbot: QtBot,
    demo_db: Database,
    print_dialog: PrintDialogAnswer,
    shown: list[tuple[str, str, str]],
) -> None:
    dialog = _dialog(qtbot, demo_db)  # no folder needed to print
    _choose_group(dialog, "Eastern European")
    countries = dialog.countries()
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert print_dialog.calls == [(None, None)]  # no page range across many documents
    assert dialog.print_task is not None and dialog.print_task.wait(120_000)

    notes = [pdf for _name, pdf in note_batch.note_pdfs(demo_db, countries, NOTE_DATE)]
    expected = [page for pdf in notes for page in page_images(pdf)]
    printed = page_images(print_dialog.target)
    assert len(printed) == len(expected) == 2  # Belarus's note: the only State with records in the group
    for number, (mine, theirs) in enumerate(zip(printed, expected, strict=True), start=1):
        assert differing_pixels(mine, theirs) <= FILE_PIXELS, f"page {number} of the job"
    assert page_texts(print_dialog.target) == [text for pdf in notes for text in page_texts(pdf)]
    assert shown == []
    qtbot.waitUntil(dialog.print_button.isEnabled)


def test_cancelling_a_batch_print_leaves_no_file(
    qtbot: QtBot, demo_db: Database, print_dialog: PrintDialogAnswer, shown: list[tuple[str, str, str]]
) -> None:
    service = RecordService(demo_db)
    for iso3 in ("FRA", "DEU", "ITA", "ESP", "PRT", "NLD", "BEL", "AUT", "CHE", "SWE", "NOR", "DNK"):
        service.create(
            "national_initiative",
            {"title": "Drug observatory", "kind": "unit", "initiative_date": "2008"},
            country=iso3,
        )
    dialog = _dialog(qtbot, demo_db)  # all 195 States, 13 with a note: long enough to cancel
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    task = dialog.print_task
    assert task is not None
    qtbot.waitUntil(lambda: task.dialog.value() >= 2, timeout=60_000)  # two notes printed
    qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)  # Cancel
    assert task.wait(60_000)
    assert list(print_dialog.target.parent.iterdir()) == []
    assert shown == []
