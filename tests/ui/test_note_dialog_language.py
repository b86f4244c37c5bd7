"""The draft view's Language: the note and the letter drafted again in the language chosen, a French
State's note in French from the start, an issued letter kept in its language, and a name missing in
French completed from the draft's list."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.records.service import RecordService
from coopdesk.ui.catalogue.catalogue_window import CatalogueWindow
from coopdesk.ui.note.note_dialog import NoteDialog
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs

NOTE_DATE = dt.date(2009, 10, 30)
NBSP = "\u00a0"


class Asked:
    """Stands in for the message boxes and the file chooser; records what was asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[str, str]] = []
        self.answer = True
        self.save_to: Path | None = None
        for kind in ("inform", "warn", "error"):
            monkeypatch.setattr(
                dialogs, kind, lambda _p, _t, text, kind=kind: self.messages.append((kind, text))
            )
        monkeypatch.setattr(dialogs, "ask_yes_no", self._ask)
        monkeypatch.setattr(dialogs, "save_file", lambda *a, **k: self.save_to)

    def _ask(self, _parent: QWidget | None, _title: str, text: str) -> bool:
        self.messages.append(("ask", text))
        return self.answer

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.messages]


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    return Asked(monkeypatch)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, asked: Asked) -> Iterator[MainWindow]:
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    win.set_as_of(NOTE_DATE)
    qtbot.waitExposed(win)
    yield win
    feature: Any = win.features["note"]
    if feature.note_dialog is not None:
        feature.note_dialog.done(0)
    win.search.shutdown()
    win.undo_stack.clear()


def _open_note(qtbot: QtBot, win: MainWindow, country: str) -> NoteDialog:
    win.select_country(country)
    feature: Any = win.features["note"]
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: feature.note_dialog is not None and feature.note_dialog.isVisible())
    dialog: NoteDialog = feature.note_dialog
    dialog.resize(1000, 800)
    return dialog


def _choose(qtbot: QtBot, dialog: NoteDialog, key: Qt.Key) -> None:
    """Alt+G (the Language label's mnemonic) to the choice, then an arrow key, as the officer does."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert dialog.language_box.hasFocus()
    qtbot.keyClick(dialog.language_box, key)


def _text(note: str) -> str:
    return " ".join(note.replace(NBSP, " ").split())


def test_choosing_french_drafts_the_note_and_the_letter_again_and_issues_them_in_french(
    qtbot: QtBot, window: MainWindow, demo_db: Database, asked: Asked, tmp_path: Path, output_dir: Path
) -> None:
    dialog = _open_note(qtbot, window, "BLR")
    assert dialog.language_box.currentText() == "English"  # Belarus corresponds in English
    assert "13 out of 16" in dialog.editor.toPlainText()

    _choose(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.language_box.currentText() == "Français"
    assert asked.messages == []  # nothing edited yet: nothing to lose, nothing asked
    note = _text(dialog.editor.toPlainText())
    assert note.startswith("Coopération entre l'Office des Nations Unies contre la drogue et le crime")
    assert "Le Bélarus a ratifié 13 des 16 traités internationaux de lutte contre le terrorisme." in note
    assert "13 out of 16" not in note
    assert dialog.fields["subject"].text() == "Coopération entre l'ONUDC et la République du Bélarus"
    assert dialog.fields["closing"].text() == "Je vous prie d'agréer l'assurance de ma haute considération."
    assert dialog.fields["signatory_title"].text() == "Directeur exécutif adjoint"
    assert dialog.fields["salutation"].text() == "Dear Ms. Pillay,"  # typed by the officer: kept
    dialog.grab().save(str(output_dir / "note-dialog-french.png"))

    asked.save_to = tmp_path / "note.pdf"
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    pages = PdfReader(asked.save_to).pages
    letter, first_of_note = (_text(pages[i].extract_text()) for i in (0, 1))
    assert "Réf. : EWCA/040/09" in letter and "Le 30 octobre 2009" in letter
    assert "Note pour le dossier" in first_of_note and f"Page 1 sur {len(pages) - 1}" in first_of_note

    asked.save_to = tmp_path / "note.docx"
    qtbot.mouseClick(dialog.docx_button, Qt.MouseButton.LeftButton)
    paragraphs = [_text(p.text) for p in Document(str(asked.save_to)).paragraphs]
    assert "Situation au 30 octobre 2009" in paragraphs
    assert "Réf. : EWCA/040/09" in paragraphs

    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert asked.kinds() == ["ask", "inform"]
    (entry,) = letters.register(demo_db)
    issued = RecordService(demo_db).get("letter", entry.key)
    assert (issued["language"], issued["subject"]) == (
        "fr",
        "Coopération entre l'ONUDC et la République du Bélarus",
    )
    assert "Situation au 30 octobre 2009" in _text(
        PdfReader(io.BytesIO(letters.issued_pdf(demo_db, entry.key))).pages[1].extract_text()
    )
    assert not dialog.language_box.isEnabled()  # an issued letter keeps its language

    again = NoteDialog(demo_db, "BLR", dt.date(2020, 1, 1), letter_key=entry.key)
    qtbot.addWidget(again)
    assert again.language_box.currentText() == "Français" and not again.language_box.isEnabled()
    assert "Le Bélarus a ratifié 13 des 16" in _text(again.editor.toPlainText())


def test_changing_the_language_of_an_edited_note_asks_first(
    qtbot: QtBot, window: MainWindow, asked: Asked
) -> None:
    dialog = _open_note(qtbot, window, "BLR")
    dialog.editor.setFocus()
    dialog.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(dialog.editor, " Polished by the desk.")
    asked.answer = False
    _choose(qtbot, dialog, Qt.Key.Key_Down)
    assert asked.kinds() == ["ask"]
    assert "Draft the note and the cover letter again in Français?" in asked.messages[0][1]
    assert dialog.language_box.currentText() == "English"  # declined: nothing changed
    assert "Polished by the desk." in dialog.editor.toPlainText()
    assert dialog.fields["subject"].text() == "Cooperation between UNODC and the Republic of Belarus"

    asked.answer = True
    _choose(qtbot, dialog, Qt.Key.Key_Down)
    assert dialog.language_box.currentText() == "Français"
    assert "Polished by the desk." not in dialog.editor.toPlainText()
    assert dialog.is_modified  # drafted again, not saved yet


def test_a_french_speaking_states_note_opens_in_french_and_can_go_english(
    qtbot: QtBot, window: MainWindow, demo_db: Database, asked: Asked
) -> None:
    RecordService(demo_db).create(
        "treaty_action",
        {"instrument_code": "UNCAC", "action": "accession", "action_date": "16 November 2005"},
        country="SEN",
    )
    dialog = _open_note(qtbot, window, "SEN")
    assert dialog.language_box.currentText() == "Français"
    assert (
        "Le Sénégal a adhéré à la Convention des Nations Unies contre la corruption le 16 novembre 2005."
        in _text(dialog.editor.toPlainText())
    )
    assert dialog.fields["subject"].text() == "Coopération entre l'ONUDC et la République du Sénégal"
    _choose(qtbot, dialog, Qt.Key.Key_Up)
    assert dialog.language_box.currentText() == "English"
    assert (
        "Senegal acceded to the United Nations Convention against Corruption on 16 November 2005."
        in _text(dialog.editor.toPlainText())
    )
    assert dialog.fields["subject"].text() == "Cooperation between UNODC and the Republic of Senegal"
    qtbot.keyClick(dialog.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked.messages == [], asked.messages
    (draft,) = RecordService(demo_db).list("letter", country="SEN")
    assert draft["language"] == "en"  # the draft keeps the language it was saved in


def test_a_name_missing_in_french_is_listed_and_completed_from_the_catalogue(
    qtbot: QtBot, window: MainWindow, demo_db: Database, asked: Asked
) -> None:
    service = RecordService(demo_db)
    uncac = service.get("instrument", "UNCAC")
    service.update("instrument", "UNCAC", {"title_fr": ""}, expected_version=uncac.version)
    dialog = _open_note(qtbot, window, "BLR")
    _choose(qtbot, dialog, Qt.Key.Key_Down)
    assert "Le Bélarus a ratifié United Nations Convention against Corruption" in _text(
        dialog.editor.toPlainText()
    )
    (row,) = [r for r in dialog.warnings.rows if r.warning.entry == ("instrument", "UNCAC")]
    assert row.button.text() == "Complete the catalogue…"
    assert "No French title (“Title (French)”) in the catalogue" in row.label.text()

    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    catalogue = dialog.catalogue_window
    assert isinstance(catalogue, CatalogueWindow)
    qtbot.addWidget(catalogue)
    qtbot.waitExposed(catalogue)
    assert catalogue.rtype.name == "instrument" and catalogue.current is not None
    assert str(catalogue.current.key) == "UNCAC"
    assert catalogue.form is not None
    qtbot.keyClicks(
        catalogue.form.editors["title_fr"].focus_widget(), "Convention des Nations Unies contre la corruption"
    )
    qtbot.mouseClick(catalogue.save_button, Qt.MouseButton.LeftButton)
    # The list of what the note left out follows at once; the note drafted in French (not yet saved) is
    # drafted again when the officer asks, the name now in French.
    qtbot.waitUntil(lambda: [r for r in dialog.warnings.rows if r.warning.entry is not None] == [])
    qtbot.mouseClick(dialog.redraft_button, Qt.MouseButton.LeftButton)
    assert asked.kinds() == ["ask"]
    assert (
        "Le Bélarus a ratifié la Convention des Nations Unies contre la corruption le 17 février 2005"
        in _text(dialog.editor.toPlainText())
    )
    catalogue.close()


def test_notes_for_several_countries_in_the_language_chosen(
    qtbot: QtBot, demo_db: Database, tmp_path: Path, asked: Asked
) -> None:
    from coopdesk.ui.note.note_batch_dialog import NoteBatchDialog

    dialog = NoteBatchDialog(demo_db, NOTE_DATE, folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.group.setCurrentIndex(dialog.group.findData("Eastern European"))
    dialog.format.setCurrentIndex(dialog.format.findData("txt"))
    assert dialog.language.currentText() == "Each State's own"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Language
    assert dialog.language.hasFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_End)
    assert dialog.language.currentText() == "Français"
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_writing, timeout=60_000):
        pass
    note = (tmp_path / "BLR Belarus note 2009-10-30.txt").read_text(encoding="utf-8")
    assert note.startswith("Coopération entre l'Office des Nations Unies contre la drogue et le crime")
    assert "Situation au 30\u00a0octobre 2009" in note
    qtbot.waitUntil(dialog.start_button.isEnabled)
    assert [kind for kind, _ in asked.messages] == ["inform"]  # the closing report


def test_the_officers_own_texts_in_a_french_note_are_listed_to_check_and_open_their_record(
    qtbot: QtBot, window: MainWindow, asked: Asked
) -> None:
    """The records' texts are typed in English and printed as typed: in French, the draft lists each
    record whose texts the note quotes, and its button shows the record in the main window."""
    dialog = _open_note(qtbot, window, "BLR")
    assert not [r for r in dialog.warnings.rows if r.button.text() == "Check the wording…"]  # in English
    _choose(qtbot, dialog, Qt.Key.Key_Down)
    rows = [r for r in dialog.warnings.rows if r.button.text() == "Check the wording…"]
    assert len(rows) == 5 and dialog.warnings.title() == "To check before issuing (5)"
    (resolution,) = [r for r in rows if r.warning.record is not None and r.warning.record[0] == "resolution"]
    assert "“Title” and “What it sought” printed as typed in the records" in resolution.label.text()
    assert "check that they read in French before the note is issued" in resolution.label.text()
    qtbot.mouseClick(resolution.button, Qt.MouseButton.LeftButton)
    page = window.page("resolution")
    qtbot.waitUntil(lambda: window.workspace.currentWidget() is page)
    assert page.current is not None and page.current.values["symbol"] == "E/RES/2008/33"
    assert asked.messages == []
