"""The country overview: what a person wants to see before reading the records, as of a date.

Chips for the instrument sets ("13 / 16", the missing instruments listed under them), cards for the
memberships, the last report per reporting instrument, contributions per year and currency, ongoing
projects and how much is recorded. The facts come from ``coopdesk.records.overview`` (computed off the GUI
thread); this module only lays them out, with palette roles and the status tints.

The page is built once and filled again for each State (its cards are kept, and hidden when a State needs
fewer): opening a workspace then changes texts instead of building, polishing, measuring and deleting a
tree of some sixty widgets. It is built afresh only when the palette changes (the muted texts take their
colour from it) or when the number of instrument sets changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coopdesk.base.progress import Progress
from coopdesk.db.database import Database
from coopdesk.records.overview import CountryOverview, country_overview
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.overview.overview_cards import (
    FlowLayout,
    MembershipCard,
    ProjectCard,
    SetCard,
    TableLabel,
    card,
    label,
    long_date,
    over,
    scaled,
    set_text,
)
from coopdesk.ui.widgets import tasks

#: Only the count chips use a style sheet (scoped to their row): cards and pills paint themselves, as a
#: style sheet over the whole page costs tens of milliseconds of polishing on every country change.
_COUNT_STYLE = """
QPushButton#count { background: palette(base); border: 1px solid palette(mid); border-radius: 12px;
                    padding: 4px 12px; }
QPushButton#count:hover { background: palette(alternate-base); }
QPushButton#count:focus { border: 2px solid palette(highlight); }
"""

#: The overview shows the latest year totals and the latest started projects; their pages have them all.
CONTRIBUTION_ROWS = 12
PROJECT_CARDS = 8

#: Below this width the memberships column goes under the treaties instead of beside them.
TWO_COLUMNS_FROM = 1000


class _Faint(str):
    """A table cell shown in the placeholder colour: a missing date, a count beside an amount."""


def _show_if(widget: QWidget, shown: bool) -> None:
    if widget.isHidden() == shown:
        widget.setVisible(shown)


class OverviewPage(QWidget):
    """The Overview tab of the country workspace."""

    loaded = Signal()
    #: A record type the person wants to see (the count chips open its tab).
    type_chosen = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._country: str | None = None
        self._as_of = dt.date.today()
        self._generation = 0
        self.overview: CountryOverview | None = None
        self.set_cards: list[SetCard] = []
        self.membership_cards: list[MembershipCard] = []
        self.count_buttons: dict[str, QPushButton] = {}
        self._content: QWidget | None = None  # the page's widgets, built once (see ``_build``)
        self._columns: QBoxLayout | None = None
        self._tables: list[TableLabel] = []
        self._natural_width = 0  # the page's least width with its tables unwrapped
        self._stale = False
        self.setAccessibleName("Country overview")
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self._placeholder("Choose a country on the left to see its overview.")

    # ------------------------------------------------------------------ state

    def set_database(self, db: Database) -> None:
        self.db = db
        self._country = None
        self.overview = None
        self._placeholder("Choose a country on the left to see its overview.")

    def set_country(self, iso3: str | None) -> None:
        self._country = iso3
        self.reload()

    def set_as_of(self, as_of: dt.date) -> None:
        if as_of != self._as_of:
            self._as_of = as_of
            self.reload()

    def as_of(self) -> dt.date:
        return self._as_of

    def reload(self) -> None:
        """Recompute the overview off the GUI thread; a later request supersedes an earlier one.

        While another workspace page is in front the work waits: the page is brought up to date when it
        is shown again, so stepping through States on a record page never pays for a hidden overview."""
        if self.isHidden():
            self._stale = True
            return
        self._stale = False
        self._generation += 1
        generation = self._generation
        if not self._country:
            self.overview = None
            self._placeholder("Choose a country on the left to see its overview.")
            self.loaded.emit()
            return
        db, iso3, as_of = self.db, self._country, self._as_of

        def work(progress: Progress) -> CountryOverview:
            return country_overview(db, iso3, as_of)

        def done(overview: CountryOverview) -> None:
            if generation == self._generation:
                self._show(overview)

        tasks.run_task(self, "Preparing the overview", work, done)

    # ------------------------------------------------------------------ showing

    def _placeholder(self, text: str) -> None:
        """A sentence in place of the facts; the page's widgets are kept aside for the next State."""
        placeholder = QLabel(text)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setEnabled(False)
        self.set_cards, self.membership_cards = [], []
        if self._content is not None and self.scroll_area.widget() is self._content:
            self.scroll_area.takeWidget()
        self.scroll_area.setWidget(placeholder)

    def _showing_facts(self) -> bool:
        return self._content is not None and self.scroll_area.widget() is self._content

    def _show(self, overview: CountryOverview) -> None:
        self.overview = overview
        if self._content is not None and len(self._set_pool) != len(overview.sets):
            self._drop_content()  # the grid of sets has another shape (another date, an edited catalogue)
        if self._content is None:
            self._build(overview)
        assert self._content is not None and self._columns is not None
        content = self._content
        # Filled while hidden: showing a card that a State needs (hidden for the previous one) makes Qt lay
        # out the whole page there and then, once per card; hidden, the page is laid out once when shown.
        visible = content.isVisible()
        if visible:
            content.hide()
        self._fill(overview)
        direction = self._direction()
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
        self._measure_natural_width()
        self._fit_tables()
        if not self._showing_facts():
            self.scroll_area.setWidget(content)  # the placeholder goes; the view starts at the top
        else:
            self.scroll_area.horizontalScrollBar().setValue(0)  # as for a new page: from the top
            self.scroll_area.verticalScrollBar().setValue(0)
            if visible:
                content.show()
        self.loaded.emit()

    def _drop_content(self) -> None:
        if self._content is None:
            return
        if self.scroll_area.widget() is self._content:
            self.scroll_area.takeWidget()
        self._content.deleteLater()
        self._content = None
        self._columns = None
        self.set_cards, self.membership_cards, self.count_buttons = [], [], {}

    def _direction(self) -> QBoxLayout.Direction:
        if self.width() >= TWO_COLUMNS_FROM:
            return QBoxLayout.Direction.LeftToRight
        return QBoxLayout.Direction.TopToBottom

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            if self.overview is not None and self.overview.iso3 != self._country:
                # Not another State's facts while this one's are prepared.
                self._placeholder("Preparing the overview…")
                self.overview = None
            self.reload()

    def changeEvent(self, event: QEvent) -> None:
        """The system switched between light and dark: lay the same facts out again in the new tints."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "scroll_area", None) is not None:
            showing = self._showing_facts()
            self._drop_content()  # the muted texts and the tints take their colours when built
            if showing and self.overview is not None:
                self._show(self.overview)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._columns is not None and self.overview is not None and self._showing_facts():
            direction = self._direction()
            if self._columns.direction() != direction:
                self._columns.setDirection(direction)
                self._measure_natural_width()  # side by side, the page needs more width than stacked
            self._fit_tables()

    def _measure_natural_width(self) -> None:
        """The page's least width with its tables unwrapped (measured with them unwrapped)."""
        content = self._content
        if content is None or content.layout() is None:
            self._natural_width = 0
            return
        for table in self._tables:
            table.set_wrapped(False)
        # A changed text, direction or wrap marks only the nearest layout dirty, and a card's size is
        # remembered by the layout around it until the next layout pass: mark them all before asking.
        for widget in self._containers:
            widget.updateGeometry()
        for layout in content.findChildren(QLayout):
            layout.invalidate()
        self._natural_width = content.minimumSizeHint().width()

    def _fit_tables(self) -> None:
        """In a pane narrower than the page needs, the tables wrap long names in their cells, so that the
        page narrows with the window instead of running past its edge. Only then: a word-wrapped rich-text
        label is laid out again for every width Qt asks it about, which made opening a workspace about
        20 ms slower."""
        narrow = self.scroll_area.viewport().width() < self._natural_width
        for table in self._tables:
            table.set_wrapped(narrow)

    # ------------------------------------------------------------------ building (once)

    def _build(self, o: CountryOverview) -> None:
        """The page's widgets, in the order they are shown; ``_fill`` puts a State's facts in them."""
        content = QWidget()
        content.setObjectName("overview")
        outer = QVBoxLayout(content)
        outer.setContentsMargins(20, 16, 20, 20)
        outer.setSpacing(14)

        header = QVBoxLayout()
        header.setSpacing(2)
        self._name = label("")
        self._name.setFont(scaled(self.font(), 1.8))
        self._name.setAccessibleName("Country")
        header.addWidget(self._name)
        self.subtitle = label("", muted=True)
        header.addWidget(self.subtitle)
        outer.addLayout(header)

        counts = QWidget()
        counts.setStyleSheet(_COUNT_STYLE)
        row = FlowLayout()
        self.count_buttons = {}
        for name in RECORD_TYPES:
            button = QPushButton()
            button.setObjectName("count")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(lambda _checked=False, t=name: self.type_chosen.emit(t))
            self.count_buttons[name] = button
            row.addWidget(button)
        counts.setLayout(row)
        outer.addWidget(counts)
        # Not in the chips' flow, which gives each item its size hint: the sentence gets the width.
        self._nothing = label("", muted=True)
        outer.addWidget(self._nothing)

        self._columns = QBoxLayout(self._direction())
        self._columns.setSpacing(20)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(10)
        right.setSpacing(10)
        self._left, self._right = left, right

        self._section(left, "Treaties")
        grid = QGridLayout()
        grid.setSpacing(10)
        self._set_pool = [SetCard(standing) for standing in o.sets]
        for i, set_card in enumerate(self._set_pool):
            grid.addWidget(set_card, i // 3, i % 3)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        left.addLayout(grid)
        self._no_sets = label("The catalogue holds no instrument set on this date.", muted=True)
        left.addWidget(self._no_sets)

        self._section(left, "Last report per reporting instrument")
        self._no_reports = label("No report recorded by this date.", muted=True)
        left.addWidget(self._no_reports)
        self.reports_table = TableLabel()
        self.reports_table.setAccessibleName("Last report per reporting instrument")
        self._reports_frame, inner = card()
        inner.addWidget(self.reports_table)
        left.addWidget(self._reports_frame)
        left.addStretch(1)

        self._section(right, "Memberships")
        self._membership_pool: list[MembershipCard] = []
        self._no_memberships = label("", muted=True)
        right.addWidget(self._no_memberships)

        self._section(right, "Contributions")
        self._no_contributions = label("No contribution recorded by this date.", muted=True)
        right.addWidget(self._no_contributions)
        self.contributions_table = TableLabel()
        self.contributions_table.setAccessibleName("Contributions per year and currency")
        self._contributions_frame, self._contributions_inner = card()
        self._contributions_inner.addWidget(self.contributions_table)
        self._contributions_more: QPushButton | None = None
        right.addWidget(self._contributions_frame)

        self._section(right, "Ongoing projects")
        self.projects_label = label(
            "No ongoing technical cooperation project recorded on this date.", muted=True
        )
        right.addWidget(self.projects_label)
        self._project_pool: list[ProjectCard] = []
        self._projects_more: QPushButton | None = None
        right.addStretch(1)

        self._columns.addLayout(left, 3)
        self._columns.addLayout(right, 2)
        outer.addLayout(self._columns)
        outer.addStretch(1)
        self._tables = [self.reports_table, self.contributions_table]
        self._containers: list[QWidget] = [counts, self._reports_frame, self._contributions_frame]
        self._containers += self._set_pool
        self._content = content

    def _section(self, layout: QVBoxLayout, title: str) -> None:
        heading = label(title)
        heading.setFont(scaled(self.font(), 1.15))
        heading.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(heading)

    def _more(self, text: str, type_name: str) -> QPushButton:
        """A link-like button to the page of a record type, for what the overview leaves out."""
        more = QPushButton(text)
        more.setObjectName("more")
        more.setFlat(True)
        more.setCursor(Qt.CursorShape.PointingHandCursor)
        more.clicked.connect(lambda _checked=False: self.type_chosen.emit(type_name))
        return more

    def _drop(self, widget: QWidget | None) -> None:
        if widget is not None:
            widget.setParent(None)
            widget.deleteLater()

    # ------------------------------------------------------------------ filling (each State)

    def _fill(self, o: CountryOverview) -> None:
        self._header(o)
        self._counts(o)
        self._treaties(o)
        self._reports(o)
        self._memberships(o)
        self._contributions(o)
        self._projects(o)

    def _header(self, o: CountryOverview) -> None:
        set_text(self._name, o.short_name)
        facts = [o.formal_name] if o.formal_name and o.formal_name != o.short_name else []
        if o.regional_group:
            facts.append(f"{o.regional_group} States")
        facts.append(f"as of {long_date(o.as_of)}")
        set_text(self.subtitle, "  ·  ".join(facts))
        if not o.total_records:
            set_text(self._nothing, f"Nothing is recorded for {o.short_name} by this date.")
        _show_if(self._nothing, not o.total_records)

    def _counts(self, o: CountryOverview) -> None:
        for name, rtype in RECORD_TYPES.items():
            n = o.counts.get(name, 0)
            button = self.count_buttons[name]
            text = f"{n}  {rtype.plural.lower() if n != 1 else rtype.label.lower()}"
            if button.text() != text:
                button.setText(text)
            button.setEnabled(n > 0)
            button.setToolTip(f"Show the {rtype.plural.lower()} of {o.short_name}")
            button.setAccessibleName(f"{n} {rtype.plural.lower()}")
            _show_if(button, n > 0)

    def _treaties(self, o: CountryOverview) -> None:
        for set_card, standing in zip(self._set_pool, o.sets, strict=True):
            set_card.show_standing(standing)
        self.set_cards = list(self._set_pool)
        _show_if(self._no_sets, not o.sets)

    def _reports(self, o: CountryOverview) -> None:
        _show_if(self._no_reports, not o.last_reports)
        _show_if(self._reports_frame, bool(o.last_reports))
        if not o.last_reports:
            return
        rows = [
            (
                report.name,
                report.submitted.format() if report.submitted else _Faint("date not recorded"),
                report.completeness,
            )
            for report in o.last_reports
        ]
        self.reports_table.set_html(
            self._table(("Instrument", "Submitted", "Completeness"), rows, full_width=True)
        )

    def _memberships(self, o: CountryOverview) -> None:
        terms = [*o.current_memberships, *o.upcoming_memberships]
        pool = self._membership_pool
        for i, term in enumerate(terms):
            if i < len(pool):
                pool[i].show_term(term)
            else:
                membership_card = MembershipCard(term)
                self._right.insertWidget(self._right.indexOf(self._no_memberships), membership_card)
                pool.append(membership_card)
                self._containers.append(membership_card)
        for i, membership_card in enumerate(pool):
            _show_if(membership_card, i < len(terms))
        self.membership_cards = pool[: len(terms)]
        if not terms:
            last = o.past_memberships[-1] if o.past_memberships else None
            text = "No current or upcoming membership."
            if last is not None:
                text += f" Last: {last.body_code}, {last.term_text}."
            set_text(self._no_memberships, text)
        _show_if(self._no_memberships, not terms)

    def _contributions(self, o: CountryOverview) -> None:
        _show_if(self._no_contributions, not o.contributions)
        _show_if(self._contributions_frame, bool(o.contributions))
        hidden = len(o.contributions) - CONTRIBUTION_ROWS
        if hidden > 0:
            text = f"{hidden} earlier year totals: show all contributions"
            if self._contributions_more is None:
                self._contributions_more = self._more(text, "contribution")
                self._contributions_inner.addWidget(self._contributions_more, 0, Qt.AlignmentFlag.AlignLeft)
            elif self._contributions_more.text() != text:
                self._contributions_more.setText(text)
        elif self._contributions_more is not None:
            self._drop(self._contributions_more)
            self._contributions_more = None
        if not o.contributions:
            return
        rows = []
        for total in o.contributions[:CONTRIBUTION_ROWS]:
            year = str(total.year) if total.year is not None else _Faint("Undated")
            count = _Faint(f"{total.count} contribution" + ("s" if total.count != 1 else ""))
            rows.append((year, total.total.format(), count))
        self.contributions_table.set_html(self._table(None, rows, right=1))

    def _projects(self, o: CountryOverview) -> None:
        _show_if(self.projects_label, not o.projects)
        shown = o.projects[-PROJECT_CARDS:]  # the latest started
        pool = self._project_pool
        for i, project in enumerate(shown):
            if i < len(pool):
                pool[i].show_project(project, o.as_of)
            else:
                project_card = ProjectCard(project, o.as_of)
                after = self._right.indexOf(pool[-1]) if pool else self._right.indexOf(self.projects_label)
                self._right.insertWidget(after + 1, project_card)
                pool.append(project_card)
                self._containers.append(project_card)
        for i, project_card in enumerate(pool):
            _show_if(project_card, i < len(shown))
        hidden = len(o.projects) - PROJECT_CARDS
        if hidden > 0:
            text = f"{hidden} more ongoing projects: show all projects"
            if self._projects_more is None:
                self._projects_more = self._more(text, "project")
                after = self._right.indexOf(pool[-1])
                self._right.insertWidget(after + 1, self._projects_more, 0, Qt.AlignmentFlag.AlignLeft)
            elif self._projects_more.text() != text:
                self._projects_more.setText(text)
        elif self._projects_more is not None:
            self._drop(self._projects_more)
            self._projects_more = None

    def _table(
        self,
        headings: tuple[str, ...] | None,
        rows: Sequence[tuple[str, ...]],
        *,
        full_width: bool = False,
        right: int | None = None,
    ) -> str:
        """Rows of short facts as the rich text of one label: one widget instead of one per cell keeps the
        page quick to lay out for a State with decades of records. Every value is escaped (names come
        from the catalogue, which users edit). Cells given as ``_Faint`` are shown in the placeholder
        colour; column ``right`` is right-aligned."""
        faint = over(
            self.palette().color(QPalette.ColorRole.PlaceholderText),
            self.palette().color(QPalette.ColorRole.Base),
        )
        width = ' width="100%"' if full_width else ""
        parts = [f'<table cellspacing="0" cellpadding="3"{width}>']
        if headings:
            head = "".join(
                f'<td style="color:{faint}; padding-right:18px">{escape(h)}</td>' for h in headings
            )
            parts.append(f"<tr>{head}</tr>")
        for row in rows:
            cells = []
            for c, value in enumerate(row):
                style = "padding-right:18px"
                if c == right:
                    style += "; text-align:right"
                if isinstance(value, _Faint):
                    style += f"; color:{faint}"
                align = ' align="right"' if c == right else ""
                cells.append(f'<td{align} style="{style}">{escape(value)}</td>')
            parts.append(f"<tr>{''.join(cells)}</tr>")
        parts.append("</table>")
        return "".join(parts)


__all__ = ["CONTRIBUTION_ROWS", "PROJECT_CARDS", "TWO_COLUMNS_FROM", "OverviewPage"]
