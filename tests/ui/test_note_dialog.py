"""Country note...: drafted from the records, edited, saved, and issued with its reference number."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from docx import Document
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.records.service import RecordService
from coopdesk.ui.note.note_dialog import NoteDialog
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from tests.helpers.gui import PrintDialogAnswer
from tests.page_images import page_images
from tests.ui.test_print_path import assert_same_pages, assert_same_text

NOTE_DATE = dt.date(2009, 10, 30)


class DialogCalls:
    """Stands in for every message box and file chooser; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[str, str, str]] = []
        self.save_to: Path | None = None
        self.answer_yes = True
        for kind in ("inform", "warn", "error"):
            monkeypatch.setattr(dialogs, kind, self._recorder(kind))
        monkeypatch.setattr(dialogs, "ask_yes_no", self._ask)
        monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: self.save_to)

    def _recorder(self, kind: str):  # type: ignore[no-untyped-def]
        def record(_parent: QWidget | None, title: str, text: str) -> None:
            self.messages.append((kind, title, text))

        return record

    def _ask(self, _parent: QWidget | None, title: str, text: str) -> bool:
        self.messages.append(("ask", title, text))
        return self.answer_yes

    def kinds(self) -> list[str]:
        return [m[0] for m in self.messages]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> DialogCalls:
    return DialogCalls(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, calls: DialogCalls) -> Iterator[MainWindow]:
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    win.select_country("BLR")
    win.set_as_of(NOTE_DATE)
    qtbot.waitExposed(win)
    yield win
    for name in ("note_dialog", "register_window", "note_batch_dialog"):
        widget = getattr(win.features["note"], name)
        if widget is not None:
            widget.done(0)
    win.search.shutdown()
    win.undo_stack.clear()


def _open_note(qtbot: QtBot, win: MainWindow) -> NoteDialog:
    feature: Any = win.features["note"]
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: feature.note_dialog is not None and feature.note_dialog.isVisible())
    dialog: NoteDialog = feature.note_dialog
    return dialog


def test_the_gui_issues_the_belarus_letter_with_its_reference(
    qtbot: QtBot, window: MainWindow, demo_db: Database, calls: DialogCalls, output_dir: Path
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.resize(900, 760)
    text = dialog.editor.toPlainText()
    assert "Cooperation between United Nations Office on Drugs and Crime" in text
    assert "13 out of 16" in text
    assert "25 June 2003" in text
    assert "draft letter EWCA/040/09" in dialog.heading.text()
    assert dialog.fields["salutation"].text() == "Dear Ms. Pillay,"
    dialog.grab().save(str(output_dir / "note-dialog-draft.png"))
    dialog.tabs.setCurrentWidget(dialog.letter_form)
    dialog.grab().save(str(output_dir / "note-dialog-letter.png"))
    dialog.tabs.setCurrentWidget(dialog.editor)

    # The officer polishes the wording: a sentence at the end of the note, typed into the editor.
    dialog.editor.setFocus()
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.editor, " Polished by the desk.")
    assert "Polished by the desk." in dialog.editor.toPlainText()

    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    asked = [m for m in calls.messages if m[0] == "ask"]
    assert asked and "EWCA/040/09" in asked[0][2]
    assert calls.kinds()[-1] == "inform"
    assert "EWCA/040/09" in calls.messages[-1][2]

    assert dialog.is_issued
    assert dialog.editor.isReadOnly()
    assert not dialog.issue_button.isEnabled()
    assert "issued" in dialog.heading.text()
    (entry,) = letters.register(demo_db)
    assert entry.reference == "EWCA/040/09"
    pdf = letters.issued_pdf(demo_db, entry.key)
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(_as_file(pdf)).pages)
    assert "Polished by the desk." in pdf_text
    assert "Dear Ms. Pillay," in pdf_text
    dialog.grab().save(str(output_dir / "note-dialog-issued.png"))

    # Reprint exactly: Save as PDF writes the archived bytes.
    calls.save_to = output_dir / "issued-copy.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert calls.save_to.read_bytes() == pdf


def test_save_as_pdf_and_word_carry_the_edits_and_the_cover_letter(
    qtbot: QtBot, window: MainWindow, calls: DialogCalls, tmp_path: Path
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.fields["salutation"].clear()
    qtbot.keyClicks(dialog.fields["salutation"], "Dear Madam <b>High</b> Commissioner,")
    cursor = dialog.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" An added <i>remark</i>.")

    calls.save_to = tmp_path / "note.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    reader = PdfReader(calls.save_to)
    pdf_text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Dear Madam <b>High</b> Commissioner," in pdf_text
    assert "An added <i>remark</i>." in pdf_text
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points

    calls.save_to = tmp_path / "note.docx"
    qtbot.mouseClick(dialog.docx_button, Qt.MouseButton.LeftButton)
    docx_text = "\n".join(p.text for p in Document(str(calls.save_to)).paragraphs)
    assert "An added <i>remark</i>." in docx_text
    assert "13 out of 16" in docx_text
    assert not [m for m in calls.messages if m[0] == "error"]


def test_a_bad_letter_date_is_refused_in_plain_words_and_nothing_is_issued(
    qtbot: QtBot, window: MainWindow, demo_db: Database, calls: DialogCalls
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.fields["letter_date"].setText("31 February 2009")
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert calls.kinds() == ["error"]
    assert "February 2009 has 28 days" in calls.messages[0][2]
    assert letters.register(demo_db) == []
    assert not dialog.is_issued


def test_declining_the_confirmation_issues_nothing(
    qtbot: QtBot, window: MainWindow, demo_db: Database, calls: DialogCalls
) -> None:
    calls.answer_yes = False
    dialog = _open_note(qtbot, window)
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert calls.kinds() == ["ask"]
    assert letters.register(demo_db) == []
    assert letters.last_sequence(demo_db, 2009) == 40


def test_a_country_without_a_draft_gets_a_new_letter_numbered_on_issue(
    qtbot: QtBot, window: MainWindow, demo_db: Database, calls: DialogCalls
) -> None:
    window.select_country("UKR")
    dialog = _open_note(qtbot, window)
    assert "new cover letter" in dialog.heading.text()
    assert dialog.fields["signatory_name"].text() == "Francis Maertens"
    assert dialog.fields["subject"].text() == "Cooperation between UNODC and Ukraine"
    dialog.fields["letter_date"].setText("2 November 2009")
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert dialog.is_issued
    assert [e.reference for e in letters.register(demo_db)] == ["EWCA/041/09"]
    assert [e.country for e in letters.register(demo_db)] == ["UKR"]


def test_print_previews_and_prints_the_letter_and_note_as_edited(
    qtbot: QtBot, window: MainWindow, calls: DialogCalls, print_dialog: PrintDialogAnswer, output_dir: Path
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.editor.setFocus()
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.editor, " Polished by the desk.")
    saved = dialog.document_pdf()  # what Save as PDF writes
    saved_text = " ".join(" ".join(p.extract_text() for p in PdfReader(_as_file(saved)).pages).split())
    assert "Dear Ms. Pillay," in saved_text and "Polished by the desk." in saved_text

    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    assert preview.thumbnails.count() == 3 and preview.preview.pageCount() == 3  # letter + two-page note
    assert preview.page_label.text() == "Page 1 of 3"
    preview.resize(1000, 860)
    preview.grab().save(str(output_dir / "print-preview-letter.png"))
    preview.thumbnails.setCurrentRow(1)
    assert preview.preview.currentPage() == 2 and preview.page_label.text() == "Page 2 of 3"
    preview.grab().save(str(output_dir / "print-preview-note.png"))

    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert print_dialog.calls == [(3, 2)]  # a page range of 3 pages; "Current page" is page 2
    task = preview.task
    assert task is not None and task.wait(60_000)
    assert_same_pages(page_images(print_dialog.target), page_images(saved))
    assert_same_text(print_dialog.target, saved)  # printed to a file: searchable as the PDF is
    # The preview closes (and is deleted) once the pages are sent.
    qtbot.waitUntil(lambda: not shiboken6.isValid(preview) or not preview.isVisible())
    assert calls.messages == []


def test_cancelling_the_print_dialog_prints_nothing_and_keeps_the_preview(
    qtbot: QtBot, window: MainWindow, calls: DialogCalls, print_dialog: PrintDialogAnswer
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.editor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = dialog.preview
    assert preview is not None
    qtbot.waitExposed(preview)
    print_dialog.accept = False
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert print_dialog.calls == [(3, 1)]
    assert preview.task is None and preview.isVisible()
    assert not print_dialog.target.exists()
    assert calls.messages == []


def test_with_no_printer_installed_print_says_so_in_plain_words(
    qtbot: QtBot, window: MainWindow, calls: DialogCalls, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    if QPrinterInfo.availablePrinterNames():  # the tests point the print system at no server
        pytest.skip("a printer is installed here")
    dialog = _open_note(qtbot, window)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview is not None
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)  # the real print dialog service
    assert calls.messages == [("warn", "Print", dialogs.NO_PRINTER)]
    assert "No printer is installed" in dialogs.NO_PRINTER
    assert preview.task is None and preview.isVisible()


def test_an_issued_letter_reopens_read_only(
    qtbot: QtBot, demo_db: Database, calls: DialogCalls, tmp_path: Path
) -> None:
    service = RecordService(demo_db)
    (draft,) = service.list("letter", country="BLR")
    letters.issue_letter(demo_db, draft.key, "<p>The archived <b>wording</b>.</p>")
    dialog = NoteDialog(demo_db, "BLR", dt.date(2020, 1, 1), letter_key=draft.key)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.is_issued
    assert dialog.editor.isReadOnly()
    assert dialog.fields["body"].isReadOnly()
    assert dialog.editor.toPlainText().strip() == "The archived wording."
    assert dialog.as_of == NOTE_DATE  # the date the note was drafted for, not the window's
    assert not dialog.save_button.isVisibleTo(dialog)
    assert not dialog.issue_button.isEnabled()

    calls.save_to = tmp_path / "issued.docx"
    qtbot.mouseClick(dialog.docx_button, Qt.MouseButton.LeftButton)
    docx_text = "\n".join(p.text for p in Document(str(calls.save_to)).paragraphs)
    assert "The archived wording." in docx_text
    assert "EWCA/040/09" in docx_text
    assert dialog.open_pdf_button.isVisibleTo(dialog)


def _as_file(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def test_save_draft_keeps_the_edits_for_next_time_and_redraft_starts_again(
    qtbot: QtBot, window: MainWindow, demo_db: Database, calls: DialogCalls
) -> None:
    dialog = _open_note(qtbot, window)
    dialog.editor.setFocus()
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.editor, " Kept for tomorrow.")
    dialog.fields["closing"].setText("With my best regards,")
    assert dialog.is_modified
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.is_modified
    assert calls.messages == []
    dialog.close()

    again = NoteDialog(demo_db, "BLR", NOTE_DATE)
    qtbot.addWidget(again)
    assert "Kept for tomorrow." in again.editor.toPlainText()
    assert again.fields["closing"].text() == "With my best regards,"
    assert "as you last saved it" in again.heading.text()
    assert not again.is_issued

    # Another as-of date drafts afresh: the saved wording belongs to the date it was drafted for.
    later = NoteDialog(demo_db, "BLR", dt.date(2015, 1, 1))
    qtbot.addWidget(later)
    assert "Kept for tomorrow." not in later.editor.toPlainText()
    assert "13 of the 19" in later.editor.toPlainText()

    qtbot.mouseClick(again.redraft_button, Qt.MouseButton.LeftButton)
    assert calls.kinds() == ["ask"]
    assert "Kept for tomorrow." not in again.editor.toPlainText()
    assert "13 out of 16" in again.editor.toPlainText()


def test_closing_with_unsaved_edits_asks_first(qtbot: QtBot, window: MainWindow, calls: DialogCalls) -> None:
    dialog = _open_note(qtbot, window)
    dialog.close_button.click()
    assert calls.messages == [] and not dialog.isVisible()  # nothing edited: closes without asking

    dialog = _open_note(qtbot, window)
    qtbot.keyClicks(dialog.fields["subject"], " (revised)")
    calls.answer_yes = False
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert calls.kinds() == ["ask"] and dialog.isVisible()
    calls.answer_yes = True
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
