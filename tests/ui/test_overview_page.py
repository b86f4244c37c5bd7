"""The overview tab: chips, cards and lists for one State, as of a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.money import Money
from coopdesk.records.service import RecordService
from coopdesk.ui.overview.overview_page import OverviewPage
from coopdesk.ui.shell.main_window import MainWindow

NOTE_DATE = dt.date(2009, 10, 30)


def _page(qtbot: QtBot, db: Database, as_of: dt.date = NOTE_DATE) -> OverviewPage:
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    page.set_as_of(as_of)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country("BLR")
    return page


def _chip(page: OverviewPage, set_code: str) -> str:
    return next(c.chip.text() for c in page.set_cards if c.standing.code == set_code)


def test_belarus_on_30_october_2009(qtbot: QtBot, demo_db: Database, output_dir: Path) -> None:
    page = _page(qtbot, demo_db)
    assert _chip(page, "CT") == "13 / 16"
    ct = next(c for c in page.set_cards if c.standing.code == "CT")
    assert "2005 Amendment to the Nuclear Materials Convention" in ct.missing.text()
    assert ct.missing.text().count("•") == 3
    assert _chip(page, "CRIME") == "5 / 5"
    badges = {card.term.body_code: card.badge.text() for card in page.membership_cards}
    assert badges == {"CND": "Upcoming", "CCPCJ": "Upcoming"}
    cnd = next(card for card in page.membership_cards if card.term.body_code == "CND")
    assert cnd.term_label.text() == "Member, 1 January 2010 to 31 December 2013"
    assert "30 October 2009" in page.subtitle.text()
    ct_chip, upcoming_badge = ct.chip.grab().toImage(), page.membership_cards[0].badge.grab().toImage()
    gap = ct_chip.pixelColor(ct_chip.width() // 2, 3)
    assert upcoming_badge.pixelColor(upcoming_badge.width() // 2, 3) != gap  # "Upcoming" is not a gap
    tints: dict[str, str] = {}
    for code in ("CRIME", "CT", "DRUGS"):  # all, some and none of the set
        chip = next(c for c in page.set_cards if c.standing.code == code).chip.grab().toImage()
        tints[code] = chip.pixelColor(chip.width() // 2, 3).name()
    assert _chip(page, "DRUGS") == "0 / 4"
    assert len(set(tints.values())) == 3  # "none" is not shown as "some"
    assert page.count_buttons["treaty_action"].text().startswith("18 ")
    assert page.projects_label.text().startswith("No ongoing")
    page.grab().save(str(output_dir / "overview.png"))


def test_terms_become_current_when_the_date_moves(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_as_of(dt.date(2010, 6, 1))
    badges = {card.term.body_code: card.badge.text() for card in page.membership_cards}
    assert badges == {"CND": "Current", "CCPCJ": "Current"}
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_as_of(dt.date(2015, 1, 1))
    assert _chip(page, "CT") == "13 / 19"
    assert page.membership_cards == []


def test_a_new_ratification_moves_the_chip_after_a_reload(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db)
    RecordService(demo_db, "tester").create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "ratification", "action_date": "1 March 2009"},
        country="BLR",
    )
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.reload()
    assert _chip(page, "CT") == "14 / 16"


def _follow_more_link(qtbot: QtBot, page: OverviewPage, text: str, type_name: str) -> None:
    """The page's one "show all" link starts with ``text`` and, clicked, asks for ``type_name``'s page."""
    (more,) = page.findChildren(QPushButton, "more")
    assert more.text().startswith(text)
    with qtbot.waitSignal(page.type_chosen) as signal:
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert signal.args == [type_name]


def test_decades_of_contributions_show_the_latest_years_and_offer_the_rest(
    qtbot: QtBot, demo_db: Database
) -> None:
    from coopdesk.ui.overview.overview_page import CONTRIBUTION_ROWS

    service = RecordService(demo_db, "tester")
    for year in range(1990, 2009):  # 19 more years, on top of the demo's 2008 contribution
        service.create(
            "contribution",
            {
                "recipient": "<b>Fund</b>",
                "amount": Money(100_000, "USD"),
                "contribution_date": str(year),
                "kind": "payment",
            },
            country="BLR",
        )
    page = _page(qtbot, demo_db)
    text = page.contributions_table.text()
    assert text.count("<tr>") == CONTRIBUTION_ROWS
    assert "2008" in text and "1990" not in text, "the latest years first"
    _follow_more_link(qtbot, page, f"{20 - CONTRIBUTION_ROWS} earlier year totals", "contribution")


def test_many_ongoing_projects_show_the_latest_started_and_offer_the_rest(
    qtbot: QtBot, demo_db: Database
) -> None:
    from coopdesk.ui.overview.overview_page import PROJECT_CARDS

    service = RecordService(demo_db, "tester")
    for n in range(PROJECT_CARDS + 2):
        service.create(
            "project",
            {
                "code": f"BLRX{n:02d}",
                "title": "Border control",
                "status": "implementation",
                "actual_start": str(1995 + n),
            },
            country="BLR",
        )
    page = _page(qtbot, demo_db)
    titles = [label.text() for label in page.findChildren(QLabel) if label.text().startswith("BLRX")]
    assert len(titles) == PROJECT_CARDS and "BLRX00  Border control" not in titles, "the latest started shown"
    _follow_more_link(qtbot, page, "2 more ongoing projects: show all projects", "project")


def test_a_catalogue_name_with_markup_prints_literally_in_the_reports_table(
    qtbot: QtBot, demo_db: Database
) -> None:
    service = RecordService(demo_db, "tester")
    code = service.list("reporting", country="BLR")[0].values["reporting_instrument_code"]
    service.update(
        "reporting_instrument", code, {"short_name": "<img src='x.png'> & <b>ARQ</b>"}, expected_version=None
    )
    page = _page(qtbot, demo_db)
    from PySide6.QtGui import QTextDocument

    shown = QTextDocument()
    shown.setHtml(page.reports_table.text())  # what the label displays
    assert "<img src='x.png'> & <b>ARQ</b>" in shown.toPlainText()
    assert "<img" not in page.reports_table.text()


def test_a_count_chip_asks_for_its_tab(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db)
    with qtbot.waitSignal(page.type_chosen) as signal:
        page.count_buttons["treaty_action"].click()
    assert signal.args == ["treaty_action"]


def test_no_country_shows_a_hint(qtbot: QtBot, demo_db: Database) -> None:
    page = _page(qtbot, demo_db)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country(None)
    assert page.overview is None and page.set_cards == []


# ---------------------------------------------------------------------------- in the main window


def _open_belarus(qtbot: QtBot, window: MainWindow) -> OverviewPage:
    page = window.features["overview"].page  # type: ignore[attr-defined]
    assert window.workspace.widget(0) is page
    window.set_as_of(NOTE_DATE)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClicks(window.countries.filter_edit, "bel")
        qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_Return)
    assert window.current_country() == "BLR"
    return page


def test_the_overview_is_the_first_page_and_follows_country_and_date(
    qtbot: QtBot, window: MainWindow, output_dir: Path
) -> None:
    page = _open_belarus(qtbot, window)
    window.workspace.setCurrentWidget(page)
    assert _chip(page, "CT") == "13 / 16"
    assert {c.badge.text() for c in page.membership_cards} == {"Upcoming"}
    window.grab().save(str(output_dir / "main-window-overview.png"))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.set_as_of(dt.date(2010, 6, 1))
    assert {c.badge.text() for c in page.membership_cards} == {"Current"}


def test_in_a_1024_pixel_window_the_overview_fits_its_pane(
    qtbot: QtBot, window: MainWindow, output_dir: Path
) -> None:
    """Nothing of the page is cut off on the right: the cards, the report table and the chips narrow with
    the window (long instrument names wrap in their cell) instead of running past the pane's edge."""
    window.resize(1024, 700)
    page = _open_belarus(qtbot, window)
    window.workspace.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.scroll_area.widget().objectName() == "overview")
    viewport = page.scroll_area.viewport()
    qtbot.waitUntil(lambda: page.scroll_area.widget().width() <= viewport.width())
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    for widget in [*page.set_cards, page.reports_table, *page.count_buttons.values()]:
        if widget.isVisible():
            right = widget.mapTo(viewport, widget.rect().topRight()).x()
            assert right < viewport.width(), widget
    window.grab().save(str(output_dir / "main-window-overview-1024.png"))


@pytest.mark.parametrize(("first", "then"), [((560, 700), (1300, 800)), ((1300, 800), (560, 700))])
def test_the_page_fits_its_pane_after_the_window_is_resized(
    qtbot: QtBot, demo_db: Database, first: tuple[int, int], then: tuple[int, int]
) -> None:
    """Across the width where the two columns go side by side (or stack), in either direction."""
    page = OverviewPage(demo_db)
    qtbot.addWidget(page)
    page.resize(*first)
    page.show()
    page.set_as_of(NOTE_DATE)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country("BLR")
    page.resize(*then)
    qtbot.wait(50)  # the layout requests of the resize are handled
    viewport = page.scroll_area.viewport()
    assert page.scroll_area.widget().minimumSizeHint().width() <= viewport.width()
    assert not page.scroll_area.horizontalScrollBar().isVisible()
    wrapped = page.reports_table.wordWrap()
    assert wrapped == (then[0] < 1000)  # wrapped only where the pane is too narrow for the page


def test_a_state_with_nothing_recorded_says_so_on_one_line(qtbot: QtBot, demo_db: Database) -> None:
    page = OverviewPage(demo_db)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country("AFG")
    sentence = next(
        label for label in page.findChildren(QLabel) if label.text().startswith("Nothing is recorded for")
    )
    assert sentence.text() == "Nothing is recorded for Afghanistan by this date."
    assert sentence.height() < 2 * sentence.fontMetrics().lineSpacing()


def test_a_treaty_action_added_in_its_page_moves_the_overview_count(qtbot: QtBot, window: MainWindow) -> None:
    page = _open_belarus(qtbot, window)
    with qtbot.waitSignal(page.type_chosen):
        qtbot.mouseClick(page.count_buttons["treaty_action"], Qt.MouseButton.LeftButton)
    treaties = window.page("treaty_action")
    assert window.workspace.currentWidget() is treaties
    RecordService(window.db).create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "accession", "action_date": "2008"},
        country="BLR",
    )
    window.records_changed.emit()
    assert _chip(page, "CT") == "13 / 16", "a hidden overview waits until it is shown"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(page.loaded, timeout=10_000):  # View > Overview
        qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.currentWidget() is page
    assert _chip(page, "CT") == "14 / 16"


def test_view_matrix_and_tools_catalogue_open_from_their_shortcuts(qtbot: QtBot, window: MainWindow) -> None:
    _open_belarus(qtbot, window)
    feature = window.features["overview"]  # type: ignore[attr-defined]
    assert feature.matrix_action in window.menu("view").actions()
    assert feature.catalogue_action in window.menu("tools").actions()
    assert feature.matrix_action.shortcut().toString() == "Ctrl+M"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.countries.filter_edit, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    matrix = feature.matrix
    assert matrix is not None and matrix.isVisible()
    qtbot.waitUntil(lambda: matrix.model.rowCount() > 0, timeout=10_000)
    # The first time, the first set of the catalogue; then the one the officer chose, remembered.
    assert matrix.set_code() == "CRIME" and window.settings.last_instrument_set() == ""
    matrix.set_combo.setFocus()
    with qtbot.waitSignal(matrix.loaded, timeout=10_000):
        qtbot.keyClicks(matrix.set_combo, "Universal")
    assert matrix.set_code() == "CT" and window.settings.last_instrument_set() == "CT"
    assert matrix.table.currentIndex().data() == "Belarus"
    row = matrix.model.matrix.row_for("BLR")
    assert row.count_text() == "13 / 16"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.countries.filter_edit,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert feature.catalogue is not None and feature.catalogue.isVisible()
    feature.catalogue.close()
    matrix.close()


def test_dark_palette_keeps_chips_and_matrix_cells_readable(
    qtbot: QtBot, demo_db: Database, output_dir: Path
) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    from coopdesk.ui.overview.matrix_view import FIXED_COLUMNS, MatrixView

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    light = app.palette()
    page = _page(qtbot, demo_db)
    dark = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1e1e1e"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Mid, "#555555"),
        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"),
    ):
        dark.setColor(role, QColor(colour))
    try:
        with qtbot.waitSignal(page.loaded, timeout=10_000):
            app.setPalette(dark)
        chip = next(c.chip for c in page.set_cards if c.standing.code == "CT")
        image = chip.grab().toImage()
        background = image.pixelColor(image.width() // 2, 3)
        assert background.lightness() < 128, "a dark theme gets a dark tint behind light text"
        badge = page.membership_cards[0].badge
        assert badge.text() == "Upcoming"
        image = badge.grab().toImage()
        upcoming = image.pixelColor(image.width() // 2, 3)
        assert upcoming.lightness() < 128
        assert upcoming != background  # a term to come is not a gap: not the incomplete set's tint
        page.grab().save(str(output_dir / "overview-dark.png"))

        view = MatrixView(demo_db, NOTE_DATE, set_code="CT")
        qtbot.addWidget(view)
        view.resize(1200, 500)
        view.show()
        with qtbot.waitSignal(view.loaded, timeout=10_000):
            view.reload()
            view.choose_group("Eastern European")
        belarus = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 0).data() == "Belarus")
        brush = view.proxy.index(belarus, FIXED_COLUMNS).data(Qt.ItemDataRole.BackgroundRole)
        assert brush.color().lightness() < 128
        view.grab().save(str(output_dir / "matrix-dark.png"))
    finally:
        app.setPalette(light)


def test_an_overview_left_behind_never_shows_the_previous_state(qtbot: QtBot, window: MainWindow) -> None:
    page = _open_belarus(qtbot, window)
    treaties = window.page("treaty_action")
    window.workspace.setCurrentWidget(treaties)
    window.select_country("UKR")  # chosen while the Overview is behind a record page
    shown: list[str] = []
    page.loaded.connect(lambda: shown.append(page.overview.short_name if page.overview else ""))
    window.workspace.setCurrentWidget(page)
    assert page.overview is None and page.set_cards == [], "Belarus's facts are gone at once"
    qtbot.waitUntil(lambda: shown == ["Ukraine"], timeout=10_000)
