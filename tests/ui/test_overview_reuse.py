"""The Overview keeps its widgets from one State to the next: what it shows must be what a fresh page
shows, whatever State came before (more or fewer cards, tables, links, or nothing at all)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.db.database import Database
from coopdesk.records.money import Money
from coopdesk.records.service import RecordService
from coopdesk.ui.overview.overview_cards import TableLabel
from coopdesk.ui.overview.overview_page import CONTRIBUTION_ROWS, PROJECT_CARDS, OverviewPage

AS_OF = dt.date(2010, 6, 1)


@pytest.fixture
def busy_ukraine(demo_db: Database) -> Database:
    """Ukraine with more of everything than Belarus: projects and contribution years past what the page
    shows, memberships, reports with and without a date."""
    service = RecordService(demo_db, "tester")
    items: list[tuple[str, dict[str, object], str | None]] = []
    for n in range(PROJECT_CARDS + 3):
        items.append(
            (
                "project",
                {
                    "code": f"UKRX{n:02d}",
                    "title": "Prison reform",
                    "status": "implementation",
                    "actual_start": str(1996 + n),
                },
                "UKR",
            )
        )
    for year in range(1990, 1990 + CONTRIBUTION_ROWS + 4):
        items.append(
            (
                "contribution",
                {
                    "recipient": "Fund",
                    "amount": Money(250_000, "EUR"),
                    "contribution_date": str(year),
                    "kind": "payment",
                },
                "UKR",
            )
        )
    for body, start in (("CND", "2008"), ("CCPCJ", "2009"), ("CND", "2010")):
        items.append(("membership", {"body_code": body, "term_start": start, "term_years": 4}, "UKR"))
    code = service.list("reporting", country="BLR")[0].values["reporting_instrument_code"]
    items.append(("reporting", {"reporting_instrument_code": code, "cycle": "2009"}, "UKR"))
    service.create_many(items)
    return demo_db


def _page(qtbot: QtBot, db: Database, width: int) -> OverviewPage:
    page = OverviewPage(db)
    qtbot.addWidget(page)
    page.resize(width, 900)
    page.show()
    page.set_as_of(AS_OF)
    return page


def _show(qtbot: QtBot, page: OverviewPage, iso3: str) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_country(iso3)
    qtbot.wait(20)  # the layout requests of the new facts are handled


def _picture(page: OverviewPage) -> QImage:
    content = page.scroll_area.widget()
    assert content is not None
    return content.grab().toImage()


def _shown_texts(page: OverviewPage) -> list[str]:
    """Every text a person can see on the page, in the order of the widgets."""
    content = page.scroll_area.widget()
    assert content is not None
    return [
        w.text()
        for w in content.findChildren(QWidget)
        if isinstance(w, QLabel | QPushButton) and w.isVisibleTo(content) and w.text()
    ]


@pytest.mark.parametrize("width", [1200, 700])  # side by side; stacked, with the tables wrapped
def test_each_state_looks_as_on_a_fresh_page_whatever_came_before(
    qtbot: QtBot, busy_ukraine: Database, width: int
) -> None:
    reused = _page(qtbot, busy_ukraine, width)
    for iso3 in ("UKR", "BLR", "AFG", "UKR", "AFG", "BLR"):
        _show(qtbot, reused, iso3)
        fresh = _page(qtbot, busy_ukraine, width)
        _show(qtbot, fresh, iso3)
        assert _shown_texts(reused) == _shown_texts(fresh), iso3
        assert _picture(reused) == _picture(fresh), f"{iso3} after another State does not look as on its own"
        fresh.close()
        # The chips of the types the State has follow each other at one gap: none keeps a place for a
        # type it lacks.
        chips = [b.geometry() for b in reused.count_buttons.values() if b.isVisibleTo(reused)]
        for before, after in itertools.pairwise(chips):
            if after.top() == before.top():
                assert after.left() - before.right() - 1 == 6, iso3
            else:
                assert after.left() == chips[0].left(), iso3


def test_a_state_with_fewer_cards_and_links_leaves_none_of_the_previous_ones(
    qtbot: QtBot, busy_ukraine: Database
) -> None:
    page = _page(qtbot, busy_ukraine, 1200)
    _show(qtbot, page, "UKR")
    assert len(page.membership_cards) >= 2
    links = [b.text() for b in page.findChildren(QPushButton, "more")]
    assert links == [
        "4 earlier year totals: show all contributions",
        "3 more ongoing projects: show all projects",
    ]
    _show(qtbot, page, "AFG")
    assert page.membership_cards == [] and page.findChildren(QPushButton, "more") == []
    texts = _shown_texts(page)
    assert "Nothing is recorded for Afghanistan by this date." in texts
    assert not any(t.startswith("UKRX") for t in texts)
    assert page.projects_label.isVisibleTo(page)
    _show(qtbot, page, "UKR")  # and back: everything again
    assert len([b for b in page.findChildren(QPushButton, "more")]) == 2
    assert sum(t.startswith("UKRX") for t in _shown_texts(page)) == PROJECT_CARDS


def test_a_table_gives_the_sizes_qt_gives_the_same_label(qtbot: QtBot, busy_ukraine: Database) -> None:
    """The tables give their size from one layout of their document: the same sizes as Qt's own label,
    unwrapped, and wrapped at any width."""
    page = _page(qtbot, busy_ukraine, 1200)
    tables: list[str] = []
    for iso3 in ("UKR", "BLR"):
        _show(qtbot, page, iso3)
        tables += [page.reports_table.text(), page.contributions_table.text()]
    for html in tables:
        ours, qts = TableLabel(), QLabel()
        qts.setTextFormat(Qt.TextFormat.RichText)
        qts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (ours, qts):
            qtbot.addWidget(label)
        ours.set_html(html)
        qts.setText(html)
        assert (ours.sizeHint(), ours.minimumSizeHint()) == (qts.sizeHint(), qts.minimumSizeHint())
        ours.set_wrapped(True)
        qts.setWordWrap(True)
        assert ours.minimumSizeHint() == qts.minimumSizeHint()
        for width in (120, 300, 300, 640):
            assert ours.heightForWidth(width) == qts.heightForWidth(width)
