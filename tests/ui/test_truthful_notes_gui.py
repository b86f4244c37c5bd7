"""In the window: the draft lists what the note left out, and marking complete (from the draft, the country
list or the treaty matrix) brings the negatives back; the organisation is asked for before the first letter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.completeness import Area
from coopdesk.records.organisation import organisation_profile
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.service import RecordService
from coopdesk.ui.catalogue.organisation_dialog import OrganisationDialog
from coopdesk.ui.note.note_dialog import NoteDialog
from coopdesk.ui.records.completeness_editor import CompletenessEditor
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets.settings import Settings
from tests.helpers.gui import DialogLog

NOTE_DATE = dt.date(2009, 10, 30)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output"  # for a person to look at
SCREENSHOTS.mkdir(exist_ok=True)


def _freedonia(db: Database) -> None:
    """A State made up for the test, with three counter-terrorism treaties ratified and one undated report."""
    service = RecordService(db, user="tester")
    service.create(
        "country",
        {
            "iso3": "FRD",
            "short_name": "Freedonia",
            "formal_name": "Republic of Freedonia",
            "regional_group": "African",
        },
    )
    for code in ("CT01", "CT02", "CT05"):
        service.create(
            "treaty_action",
            {"instrument_code": code, "action": "ratification", "action_date": "2001"},
            country="FRD",
        )
    service.create(
        "reporting", {"reporting_instrument_code": "UN-CTS", "completeness": "full"}, country="FRD"
    )


def _open_note(qtbot: QtBot, window: MainWindow) -> NoteDialog:
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            window.features["note"].note_dialog is not None
            and window.features["note"].note_dialog.isVisible()
        )
    )
    dialog: NoteDialog = window.features["note"].note_dialog  # type: ignore[attr-defined]
    return dialog


def _rows(dialog: NoteDialog) -> list[tuple[str, str, str]]:
    """Each point the draft shows: what it is about, why it was left out, its button."""
    return [(r.warning.subject, r.label.text(), r.button.text()) for r in dialog.warnings.rows]


def test_the_draft_lists_what_it_left_out_and_marking_the_set_complete_brings_the_negative_back(
    qtbot: QtBot, window: MainWindow, demo_db: Database, dialog_log: DialogLog
) -> None:
    _freedonia(demo_db)
    window.refresh()
    window.set_as_of(NOTE_DATE)
    window.select_country("FRD")
    dialog = _open_note(qtbot, window)
    dialog.resize(1000, 820)
    text = dialog.editor.toPlainText()
    assert "As of 30 October 2009" in text
    assert "Freedonia has ratified the following 3 of the 16 international counter-terrorism treaties" in text
    assert "remaining" not in text and "does not belong" not in text and "not supporting" not in text
    rows = _rows(dialog)
    assert [r[0] for r in rows] == [
        "International counter-terrorism treaties",
        "Legislative assistance",
        "Technical cooperation projects",
        "Crime Trends Survey report",
    ]
    assert [r[2] for r in rows] == ["Mark complete…", "Mark complete…", "Mark complete…", "Enter a date…"]
    assert "the 13 remaining" in rows[0][1] and "never checked complete" in rows[0][1]
    assert dialog.warnings.title() == "Left out of the note (4)"
    qtbot.wait(100)  # the resized window is laid out before it is looked at
    dialog.grab().save(str(SCREENSHOTS / "truthful-draft-warnings.png"))

    # its button opens the editor on this State and this set
    qtbot.mouseClick(dialog.warnings.rows[0].button, Qt.MouseButton.LeftButton)
    editor: CompletenessEditor = dialog.completeness_editor  # type: ignore[attr-defined]
    qtbot.waitUntil(editor.isVisible)
    assert editor.chosen_countries() == ["FRD"]
    assert editor.chosen_areas() == [Area.instrument_set("CT")]
    line = editor.checked_on.focus_widget()
    line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(line, "30/10/2009")
    qtbot.keyClicks(editor.source, "UN Treaty Collection status, 30 October 2009")
    editor.resize(900, 600)
    editor.grab().save(str(SCREENSHOTS / "truthful-completeness-editor.png"))
    qtbot.mouseClick(editor.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())

    text = dialog.editor.toPlainText()  # not edited yet: drafted again at once
    assert "Freedonia has ratified 3 out of 16 international counter-terrorism treaties" in text
    assert "The remaining non-ratified treaties are the following:" in text
    assert [r[0] for r in _rows(dialog)] == [
        "Legislative assistance",
        "Technical cooperation projects",
        "Crime Trends Survey report",
    ]
    assert window.page("completeness_check").model.rowCount() == 1
    assert dialog_log.shown == []


def test_open_the_record_shows_the_undated_report_in_the_window(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    _freedonia(demo_db)
    window.refresh()
    window.select_country("FRD")
    dialog = _open_note(qtbot, window)
    (undated,) = [r for r in dialog.warnings.rows if r.button.text() == "Enter a date…"]
    assert "No date, no cycle or year and no dated source" in undated.label.text()
    qtbot.mouseClick(undated.button, Qt.MouseButton.LeftButton)
    page = window.page("reporting")
    qtbot.waitUntil(lambda: window.workspace.currentWidget() is page)
    assert page.current is not None and page.current.values["reporting_instrument_code"] == "UN-CTS"


def test_several_states_chosen_in_the_country_list_are_marked_complete_at_once(
    qtbot: QtBot, window: MainWindow, demo_db: Database, dialog_log: DialogLog
) -> None:
    window.select_country("FRA")
    view = window.countries.view
    model = window.countries.model
    for iso3 in ("DEU", "ITA"):
        row = model.row_of(iso3)
        assert row is not None
        view.selectionModel().select(
            model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert window.countries.selected_countries() == ["FRA", "DEU", "ITA"] or sorted(
        window.countries.selected_countries()
    ) == ["DEU", "FRA", "ITA"]
    (action,) = [a for a in window.menu("country").actions() if a.text() == "Mark records &complete…"]
    action.trigger()
    editor: CompletenessEditor = window.features["completeness"].editor  # type: ignore[attr-defined]
    qtbot.waitUntil(editor.isVisible)
    assert sorted(editor.chosen_countries()) == ["DEU", "FRA", "ITA"]
    assert editor.states_label.text() == "&States: 3 chosen"
    assert not editor.mark_button.isEnabled()  # no area yet
    editor.check_area(Area.legislative_assistance())
    editor.check_area(Area.projects())
    assert editor.summary.text() == "2 areas of 3 States: 6 checks to record."
    qtbot.mouseClick(editor.mark_button, Qt.MouseButton.LeftButton)
    assert dialog_log.shown[-1][:2] == ("warn", "Mark records complete")  # no source given
    assert "Say what the records were checked against" in dialog_log.shown[-1][2]
    qtbot.keyClicks(editor.source, "Terrorism Prevention Branch records")
    qtbot.mouseClick(editor.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    checks = [c for c in RecordService(demo_db).list("completeness_check") if c.country != "BLR"]
    assert sorted((c.country, c.values["area"]) for c in checks) == sorted(
        (c, a) for c in ("DEU", "FRA", "ITA") for a in ("legislative_assistance", "project")
    )
    assert window.statusBar().currentMessage() == "Recorded 6 completeness checks."
    # the editor says, for one State, when each area was last checked
    again = window.features["completeness"].open_editor(["ITA"])  # type: ignore[attr-defined]
    assert again.area_items[Area.projects()].text(1) == str(PartialDate.from_date(dt.date.today()))
    assert "Terrorism Prevention Branch records" in again.area_items[Area.projects()].toolTip(1)
    assert again.area_items[Area.instrument_set("CT")].text(1) == ""
    again.resize(900, 600)
    qtbot.wait(50)
    again.grab().save(str(SCREENSHOTS / "truthful-completeness-editor-checked.png"))
    again.close()


def test_the_matrix_marks_the_states_and_instruments_selected_in_it(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    window.set_as_of(NOTE_DATE)
    matrix = window.features["overview"].open_matrix()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: matrix.model.rowCount() > 100, timeout=20_000)
    with qtbot.waitSignal(matrix.loaded, timeout=20_000):
        matrix.choose_set("CT")
    selection = matrix.table.selectionModel()
    selection.clear()
    for name, column in (("France", 2), ("France", 3), ("Japan", 3), ("Japan", 0)):
        row = next(r for r in range(matrix.proxy.rowCount()) if matrix.proxy.index(r, 0).data() == name)
        selection.select(matrix.proxy.index(row, column), QItemSelectionModel.SelectionFlag.Select)
    countries, areas = matrix.selection_for_marking()
    assert countries == ["FRA", "JPN"]
    assert areas == [Area.instrument("CT01"), Area.instrument("CT02"), Area.instrument_set("CT")]
    qtbot.mouseClick(matrix.mark_button, Qt.MouseButton.LeftButton)
    editor: CompletenessEditor = matrix.completeness_editor  # type: ignore[attr-defined]
    qtbot.waitUntil(editor.isVisible)
    assert editor.chosen_countries() == ["FRA", "JPN"]
    assert editor.chosen_areas() == [
        Area.instrument_set("CT"),
        Area.instrument("CT01"),
        Area.instrument("CT02"),
    ]
    editor.check_area(Area.instrument("CT01"), False)
    editor.check_area(Area.instrument("CT02"), False)
    qtbot.keyClicks(editor.source, "UN Treaty Collection status")
    qtbot.mouseClick(editor.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.isVisible())
    japan = next(r for r in range(matrix.proxy.rowCount()) if matrix.proxy.index(r, 0).data() == "Japan")
    qtbot.waitUntil(lambda: matrix.proxy.index(japan, 2).data() == "No", timeout=20_000)
    editor.close()


def test_a_new_database_asks_for_the_organisation_before_the_first_letter(
    qtbot: QtBot, db: Database, settings: Settings, dialog_log: DialogLog
) -> None:
    window = MainWindow(db, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.current_country() is None  # no State chosen for the user
    window.select_country("JPN")  # corresponds in English
    (note_action,) = [a for a in window.menu("country").actions() if a.text() == "Country &note…"]
    note_action.trigger()
    asked: OrganisationDialog = window.features["note"].organisation_dialog  # type: ignore[attr-defined]
    qtbot.waitUntil(asked.isVisible)
    intro = asked.findChild(QLabel, "organisation-intro")
    assert intro is not None and intro.text().startswith("Before the first letter")
    assert window.features["note"].note_dialog is None
    asked.grab().save(str(SCREENSHOTS / "truthful-organisation.png"))
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)  # nothing filled in
    assert dialog_log.shown[-1][0] == "warn" and "the usual signatory" in dialog_log.shown[-1][2]
    for name, text in (
        ("name", "Office for Cooperation"),
        ("short_name", "OFC"),
        ("reference_prefix", "OC"),
        ("signatory_name", "Ana Officer"),
    ):
        qtbot.keyClicks(asked.editors[name].focus_widget(), text)
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            window.features["note"].note_dialog is not None
            and window.features["note"].note_dialog.isVisible()
        )
    )
    profile = organisation_profile(db)
    assert profile is not None and profile.values["signatory_name"] == "Ana Officer"
    dialog: NoteDialog = window.features["note"].note_dialog  # type: ignore[attr-defined]
    assert dialog.editor.toPlainText().startswith(
        "Cooperation between Office for Cooperation and the Government"
    )
    assert dialog.fields["signatory_name"].text() == "Ana Officer"

    # a letter without a signatory is refused in plain words, and stays a draft
    dialog.fields["signatory_name"].clear()
    dialog_log.yes_no = True
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert dialog_log.shown[-1][0] == "error"
    assert "not issued without a signatory" in dialog_log.shown[-1][2]
    assert [r.values["status"] for r in RecordService(db).list("letter")] == ["draft"]
    dialog.done(0)
    QApplication.processEvents()


def test_the_overview_says_recorded_where_a_set_was_not_checked(qtbot: QtBot, demo_db: Database) -> None:
    from coopdesk.ui.overview.overview_page import OverviewPage

    _freedonia(demo_db)
    page = OverviewPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.set_as_of(NOTE_DATE)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country("FRD")
    ct = next(c for c in page.set_cards if c.standing.code == "CT")
    assert ct.chip.text() == "3 / 16"
    assert "3 of the set's 16 instruments recorded as ratified" in ct.chip.toolTip()
    labels = [label.text() for label in ct.findChildren(QLabel)]
    assert "No ratification recorded for:" in labels and "Not yet a party to:" not in labels
    assert ct.checked.text() == "Never checked complete."
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country("BLR")
    ct = next(c for c in page.set_cards if c.standing.code == "CT")
    assert ct.checked.text() == "Checked complete on 30 October 2009."
    assert "Not yet a party to:" in [label.text() for label in ct.findChildren(QLabel)]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_as_of(dt.date(2015, 1, 1))
    ct = next(c for c in page.set_cards if c.standing.code == "CT")
    assert ct.checked.text() == "Last checked complete on 30 October 2009, before this date."
