"""The overview tab: chips, cards and lists for one State, as of a date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.services import RecordService
from coopdesk.ui.overview_page import OverviewPage

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
