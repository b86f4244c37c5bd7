"""The main window driven as a user would: keyboard and mouse on the real widgets, dialogs patched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.service import RecordService
from coopdesk.ui.records.record_page import RecordPage
from coopdesk.ui.shell.main_window import MainWindow
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.settings import Settings
from tests.helpers.gui import DialogLog, shortcut

CTRL = Qt.KeyboardModifier.ControlModifier

# The offscreen platform cannot raise a window or grab the keyboard when the type-to-search popup opens;
# these two messages are about the test platform, not coopdesk.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def click_row(qtbot: QtBot, view: object, row: int) -> None:
    from PySide6.QtWidgets import QAbstractItemView

    assert isinstance(view, QAbstractItemView)
    model = view.model()
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))


def open_belarus(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.countries.filter_edit, "bel")
    qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_Return)
    assert window.current_country() == "BLR"


def treaty_page(window: MainWindow) -> RecordPage:
    page = window.page("treaty_action")
    window.workspace.setCurrentWidget(page)
    return page


def type_into_combo(qtbot: QtBot, page: RecordPage, name: str, text: str) -> None:
    combo = page.form.editors[name].focus_widget()
    combo.setFocus()
    line = combo.lineEdit()  # type: ignore[attr-defined]
    line.selectAll()
    qtbot.keyClicks(line, text)


def type_into(qtbot: QtBot, page: RecordPage, name: str, text: str) -> None:
    widget = page.form.editors[name].focus_widget()
    widget.setFocus()
    widget.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(widget, text)


def test_typing_bel_finds_belarus_and_opens_its_workspace(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.countries.filter_edit, "bel")
    names = [window.countries.model.row_at(r).name for r in range(window.countries.model.rowCount())]
    assert "Belarus" in names and "Belgium" in names
    assert "France" not in names
    click_row(qtbot, window.countries.view, names.index("Belarus"))
    assert window.current_country() == "BLR"
    assert "Belarus" in window.windowTitle()
    page = treaty_page(window)
    shown = {page.model.index(r, 0).data() for r in range(page.model.rowCount())}
    assert "UNCAC" in shown or any("Corruption" in s for s in shown)
    # the list says how much is recorded for Belarus
    row = window.countries.model.row_of("BLR")
    assert row is not None
    assert int(window.countries.model.index(row, 1).data()) == sum(
        RecordService(window.db).counts_for_country("BLR").values()
    )


@pytest.mark.parametrize("point_size", [9, 30])
def test_the_records_column_shows_its_heading_and_every_count_in_full(
    qtbot: QtBot, demo_db: Database, settings: Settings, point_size: int
) -> None:
    """Also with the large fonts some users set: the column is sized from the text, not a default."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSize(point_size)
    app.setFont(font)
    try:
        window = MainWindow(demo_db, settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        view = window.countries.view
        width = view.columnWidth(1)
        assert view.horizontalHeader().fontMetrics().horizontalAdvance("Records") < width
        counts = [view.model().index(r, 1).data() for r in range(view.model().rowCount())]
        assert any(counts)
        assert all(view.fontMetrics().horizontalAdvance(text) < width for text in counts)
        # the font changed while the window is open (a system setting): the column follows
        larger = QFont(font)
        larger.setPointSize(point_size + 12)
        app.setFont(larger)
        qtbot.waitUntil(lambda: view.columnWidth(1) > width)
        header = view.horizontalHeader()
        assert header.fontMetrics().horizontalAdvance("Records") < view.columnWidth(1)
        window.search.shutdown()
    finally:
        app.setFont(before)


def test_record_tables_show_instrument_names_and_full_dates_without_cutting_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    metrics = page.table.fontMetrics()
    columns = {f.name: c for c, f in enumerate(page.model.fields)}
    shown = [page.model.index(r, columns["instrument_code"]).data() for r in range(page.model.rowCount())]
    assert "1973 Diplomatic Agents Convention" in shown
    widest = max(metrics.horizontalAdvance(text) for text in shown)
    assert page.table.columnWidth(columns["instrument_code"]) > widest
    assert page.table.columnWidth(columns["action_date"]) > metrics.horizontalAdvance("30 September 2009")
    window.workspace.setCurrentWidget(window.page("membership"))
    memberships = window.page("membership")
    body = next(c for c, f in enumerate(memberships.model.fields) if f.name == "body_code")
    # a column of body codes ("CND") is not given the room of a name
    assert memberships.table.columnWidth(body) < 12 * metrics.horizontalAdvance("M")
    resolutions = window.page("resolution")
    widths = {f.name: resolutions.table.columnWidth(c) for c, f in enumerate(resolutions.model.fields)}
    assert widths["title"] > 2 * widths["session"]  # a title gets room, a session number does not
    role = next(f for f in resolutions.model.fields if f.name == "role")
    assert role.vocabulary is not None
    assert widths["role"] > max(metrics.horizontalAdvance(label) for label in role.vocabulary.labels)


@pytest.mark.parametrize("type_name", ["treaty_action", "membership", "letter"])
def test_in_a_1024_pixel_window_the_record_form_needs_no_sideways_scrolling(
    qtbot: QtBot, window: MainWindow, type_name: str
) -> None:
    window.resize(1024, 700)
    open_belarus(qtbot, window)
    page = window.page(type_name)
    window.workspace.setCurrentWidget(page)
    assert page.select_key(page.model.record_at(0).key)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None and scroll.widget().isAncestorOf(page.form)
    dates = [e for e in page.form.editors.values() if hasattr(e, "understood")]
    assert any(e.understood.text().startswith("understood: ") for e in dates)  # type: ignore[attr-defined]
    qtbot.wait(50)  # the layout requests posted by the shown values are handled
    # the form's least width fits the pane, so no sideways scroll bar is needed
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()


def test_in_a_1024_pixel_window_a_refused_date_is_explained_without_widening_the_form(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 700)
    open_belarus(qtbot, window)
    page = treaty_page(window)
    window.act_new.trigger()
    type_into(qtbot, page, "action_date", "31/02/2009")
    problem = page.form.problem_labels["action_date"]
    assert problem.isVisible() and "February 2009 has 28 days" in problem.text()
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    qtbot.wait(50)  # the layout requests posted by the message are handled
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()
    assert not scroll.horizontalScrollBar().isVisible()


def test_the_toolbar_follows_the_form_new_invalid_revert_and_a_chosen_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    window.act_new.trigger()
    assert page.mode == "new"
    assert not window.act_delete.isEnabled() and not window.act_duplicate.isEnabled()
    assert window.act_revert.isEnabled() and page.revert_button.isEnabled()
    type_into(qtbot, page, "action_date", "31/02/2009")
    assert not window.act_save.isEnabled() and not page.save_button.isEnabled()
    page.save()  # as Ctrl+S does, were it enabled
    assert window.statusBar().currentMessage().startswith("Not saved")
    type_into(qtbot, page, "action_date", "28/02/2009")
    type_into_combo(qtbot, page, "instrument_code", "CT15")
    assert window.act_save.isEnabled() and page.save_button.isEnabled()
    window.act_revert.trigger()
    assert window.statusBar().currentMessage() == ""  # no "Not saved" left about forgotten typing
    assert page.select_key(page.model.record_at(0).key)
    assert window.act_delete.isEnabled() and window.act_duplicate.isEnabled()
    assert not window.act_save.isEnabled() and not window.act_revert.isEnabled()


def test_in_a_1024_pixel_window_an_empty_pages_heading_wraps(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1024, 700)
    open_belarus(qtbot, window)
    page = window.page("project")
    window.workspace.setCurrentWidget(page)
    assert page.heading.text() == "No technical cooperation projects recorded yet (Ctrl+N adds one)"
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    qtbot.wait(50)  # the layout requests are handled
    assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width()


def test_a_long_form_gets_the_room_it_needs_and_a_long_table_keeps_six_rows(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1280, 800)
    open_belarus(qtbot, window)
    letters = window.page("letter")
    window.workspace.setCurrentWidget(letters)
    table_height, form_height = letters.splitter.sizes()
    assert form_height > 1.5 * table_height  # twelve fields against one letter
    treaties = treaty_page(window)
    table_height, form_height = treaties.splitter.sizes()
    row = treaties.table.verticalHeader().defaultSectionSize()
    assert table_height >= treaties.table.horizontalHeader().height() + 6 * row
    assert form_height >= treaties.form_holder.sizeHint().height()  # every field of a treaty action shows


def test_add_a_treaty_action_through_the_form_then_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    before = page.model.rowCount()
    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_N)
    assert page.mode == "new"
    type_into_combo(qtbot, page, "instrument_code", "Amendment to the Convention on the Physical")
    type_into_combo(qtbot, page, "action", "Ratification")
    type_into(qtbot, page, "action_date", "May 2010")
    assert "May 2010" in page.form.editors["action_date"].understood.text()  # type: ignore[attr-defined]
    assert page.save_button.isEnabled()
    shortcut(qtbot, window, Qt.Key.Key_S)

    assert page.model.rowCount() == before + 1
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Added the ratification of 2005 Amendment to the Nuclear Materials Convention.")
    )
    stored = RecordService(window.db).list("treaty_action", country="BLR", where={"instrument_code": "CT14"})
    assert len(stored) == 1 and str(stored[0].get("action_date")) == "May 2010"
    row = page.model.row_of(stored[0].key)
    assert row is not None
    cells = [page.model.index(row, c).data() for c in range(page.model.columnCount())]
    assert "Ratification" in cells and "May 2010" in cells
    assert window.act_undo.text().replace("&", "") == (
        "Undo adding ratification of 2005 Amendment to the Nuclear Materials Convention"
    )
    page.select_key(stored[0].key)
    assert page.heading.text() == "Ratification of 2005 Amendment to the Nuclear Materials Convention"

    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert page.model.rowCount() == before
    assert RecordService(window.db).list("treaty_action", where={"instrument_code": "CT14"}) == []

    shortcut(qtbot, window, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert page.model.rowCount() == before + 1
    again = RecordService(window.db).list("treaty_action", where={"instrument_code": "CT14"})
    assert [r.key for r in again] == [stored[0].key]


def test_an_invalid_date_is_refused_with_the_reason_at_the_field(qtbot: QtBot, window: MainWindow) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    before = RecordService(window.db).count("treaty_action", country="BLR")
    window.act_new.trigger()
    type_into_combo(qtbot, page, "instrument_code", "CT15")
    type_into(qtbot, page, "action_date", "31/02/2009")
    problem = page.form.problem_labels["action_date"]
    assert problem.isVisible()
    assert "31/02/2009" in problem.text() and "not a date" in problem.text()
    assert not page.save_button.isEnabled()
    # what to do is said in the normal text colour, not greyed out like a disabled control
    assert page.hint.text() == "Correct the marked fields to save."
    assert page.hint.isEnabled()
    text_colour = page.palette().color(QPalette.ColorRole.WindowText)
    assert page.hint.palette().color(page.hint.foregroundRole()) == text_colour
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert RecordService(window.db).count("treaty_action", country="BLR") == before
    # fixing the date clears the reason and allows saving
    type_into(qtbot, page, "action_date", "28/02/2009")
    assert not problem.isVisible()
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert RecordService(window.db).count("treaty_action", country="BLR") == before + 1


def test_a_missing_required_field_is_marked_when_saving(qtbot: QtBot, window: MainWindow) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    window.act_new.trigger()
    type_into(qtbot, page, "action_date", "2011")
    window.act_save.trigger()
    problem = page.form.problem_labels["instrument_code"]
    assert problem.isVisible() and "required" in problem.text()
    assert page.mode == "new"


def test_delete_asks_first_and_undo_brings_the_record_back(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    click_row(qtbot, page.table, 0)
    record = page.current
    assert record is not None
    count = page.model.rowCount()

    dialog_log.yes_no = False
    window.act_delete.trigger()
    assert dialog_log.shown[-1][0] == "ask_yes_no"
    assert record.describe() in dialog_log.shown[-1][2]
    assert page.model.rowCount() == count

    dialog_log.yes_no = True
    page.table.setFocus()
    shortcut(qtbot, window, Qt.Key.Key_Delete)
    assert page.model.rowCount() == count - 1
    assert page.model.row_of(record.key) is None
    assert window.act_undo.text().replace("&", "") == f"Undo deletion of {record.describe()}"
    assert page.table.hasFocus()

    # deleted from the menu while typing in the form: the focus goes back to the list too, not to
    # whatever comes next in the window (the As of date)
    click_row(qtbot, page.table, 0)
    page.form.editors["source"].focus_widget().setFocus()
    window.act_delete.trigger()
    assert page.table.hasFocus()
    window.act_undo.trigger()

    window.act_undo.trigger()
    assert page.model.row_of(record.key) is not None
    assert RecordService(window.db).get("membership", record.key).values == record.values


def test_edit_is_named_in_the_edit_menu_and_undone(qtbot: QtBot, window: MainWindow) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    cnd = next(r for r in range(page.model.rowCount()) if page.model.record_at(r).get("body_code") == "CND")  # type: ignore[union-attr]
    click_row(qtbot, page.table, cnd)
    type_into(qtbot, page, "term_years", "5")
    window.act_save.trigger()
    key = page.current.key  # type: ignore[union-attr]
    assert RecordService(window.db).get("membership", key).get("term_years") == 5
    assert window.act_undo.text().replace("&", "") == "Undo edit of CND membership"
    window.act_undo.trigger()
    assert RecordService(window.db).get("membership", key).get("term_years") == 4
    assert page.form.editors["term_years"].raw() == "4"


def test_leaving_a_changed_record_asks_to_save(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    click_row(qtbot, page.table, 0)
    first = page.current
    type_into(qtbot, page, "notes", "Checked with the mission.")
    assert page.is_dirty()

    dialog_log.save_discard_cancel = dialogs.CANCEL
    click_row(qtbot, page.table, 1)
    assert dialog_log.shown[-1][0] == "ask_save_discard_cancel"
    assert page.current is first and page.is_dirty()
    # choosing another country is refused too
    assert window.select_country("FRA") is False
    assert window.current_country() == "BLR"

    dialog_log.save_discard_cancel = dialogs.SAVE
    click_row(qtbot, page.table, 1)
    assert page.current is not None and page.current.key != first.key  # type: ignore[union-attr]
    assert RecordService(window.db).get("membership", first.key).get("notes") == "Checked with the mission."  # type: ignore[union-attr]

    type_into(qtbot, page, "notes", "Draft")
    dialog_log.save_discard_cancel = dialogs.DISCARD
    assert window.select_country("FRA") is True
    assert RecordService(window.db).count("membership", search="Draft") == 0


def test_global_search_finds_a_record_and_opens_it(qtbot: QtBot, window: MainWindow) -> None:
    shortcut(qtbot, window, Qt.Key.Key_K)
    assert window.search.dock.isVisible()
    assert window.search.edit.hasFocus()
    qtbot.keyClicks(window.search.edit, "corruption")
    qtbot.waitUntil(lambda: window.search.model.rowCount() > 0)
    titles = [window.search.model.hit_at(r).title for r in range(window.search.model.rowCount())]  # type: ignore[union-attr]
    assert "Ratification of Convention against Corruption" in titles
    row = titles.index("Ratification of Convention against Corruption")
    window.search.view.setFocus()
    window.search.view.setCurrentIndex(window.search.model.index(row, 0))
    qtbot.keyClick(window.search.view, Qt.Key.Key_Return)
    assert window.current_country() == "BLR"
    page = window.current_page()
    assert page is not None and page.rtype.name == "treaty_action"
    assert page.current is not None and page.current.get("instrument_code") == "UNCAC"


def test_sorting_a_column_asks_the_database(qtbot: QtBot, window: MainWindow) -> None:
    open_belarus(qtbot, window)
    page = treaty_page(window)
    column = [f.name for f in page.model.fields].index("action_date")
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    dates = [page.model.record_at(r).get("action_date") for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert dates == sorted(dates, reverse=True)
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    dates = [page.model.record_at(r).get("action_date") for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert dates == sorted(dates)


def test_closing_with_unsaved_changes_asks_and_can_stay(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    click_row(qtbot, page.table, 0)
    type_into(qtbot, page, "notes", "not yet saved")
    dialog_log.save_discard_cancel = dialogs.CANCEL
    assert window.close() is False
    assert window.isVisible() and page.is_dirty()
    dialog_log.save_discard_cancel = dialogs.SAVE
    assert window.close() is True
    assert RecordService(window.db).count("membership", search="not yet saved") == 1


def test_a_record_changed_by_someone_else_is_not_overwritten(
    qtbot: QtBot, window: MainWindow, dialog_log: DialogLog
) -> None:
    open_belarus(qtbot, window)
    page = window.page("membership")
    window.workspace.setCurrentWidget(page)
    click_row(qtbot, page.table, 0)
    record = page.current
    assert record is not None
    RecordService(window.db, user="colleague").update(
        "membership", record.key, {"notes": "theirs"}, expected_version=None
    )
    type_into(qtbot, page, "notes", "mine")
    window.act_save.trigger()
    kind, title, text = dialog_log.shown[-1]
    assert (kind, title) == ("error", "Not saved") and "colleague" in text
    assert RecordService(window.db).get("membership", record.key).get("notes") == "theirs"
    assert not window.undo_stack.canUndo()


def test_pages_behind_the_overview_are_built_when_first_shown_and_follow_the_country(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Only the page in front reads records; a page left behind shows the current State when it returns."""
    open_belarus(qtbot, window)
    assert window.findChild(RecordPage, "page-meeting_participation") is None, "not built before it is needed"

    def show_section(title: str) -> None:
        item = window.sections.findItems(title, Qt.MatchFlag.MatchStartsWith)[0]
        rect = window.sections.visualItemRect(item)
        qtbot.mouseClick(window.sections.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    show_section("Meetings attended")
    meetings = window.current_page()
    assert meetings is not None and meetings.rtype.name == "meeting_participation"
    assert meetings.model.rowCount() == 3  # Belarus attended three meetings in the demo data
    assert window.act_new.isEnabled()

    show_section("Overview")
    window.countries.filter_edit.clear()
    qtbot.keyClicks(window.countries.filter_edit, "ukr")
    qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_Return)
    assert window.current_country() == "UKR"
    show_section("Meetings attended")
    assert window.current_page() is meetings
    assert meetings.model.rowCount() == RecordService(window.db).count("meeting_participation", country="UKR")
    assert meetings.heading.text().startswith("No meetings attended recorded yet")
