"""The country overview: what a person wants to see before reading the records, as of a date.

Chips for the instrument sets ("13 / 16", the missing instruments listed under them), cards for the
memberships, the last report per reporting instrument, contributions per year and currency, ongoing
projects and how much is recorded. The facts come from ``coopdesk.records.overview`` (computed off the GUI
thread); this module only lays them out, with palette roles and the status tints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coopdesk.base.progress import Progress
from coopdesk.db.database import Database
from coopdesk.records.derived import Tense
from coopdesk.records.overview import CountryOverview, MembershipTerm, SetStanding, country_overview
from coopdesk.records.types import RECORD_TYPES
from coopdesk.ui.widgets import tasks
from coopdesk.ui.widgets.status_colours import gap_colour, good_colour, none_colour, upcoming_colour

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

_TENSE_WORD = {Tense.CURRENT: "Current", Tense.FUTURE: "Upcoming", Tense.PAST: "Past"}


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _scaled(font: QFont, factor: float, bold: bool = True) -> QFont:
    font = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def _label(text: str, *, wrap: bool = True, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        label.setPalette(palette)
    return label


def _over(ink: QColor, paper: QColor) -> str:
    """A see-through colour (the palette's placeholder text is half transparent) as the opaque colour it
    shows on ``paper``: rich text takes "#rrggbb"."""
    a = ink.alphaF()
    mixed = QColor.fromRgbF(
        ink.redF() * a + paper.redF() * (1 - a),
        ink.greenF() * a + paper.greenF() * (1 - a),
        ink.blueF() * a + paper.blueF() * (1 - a),
    )
    return mixed.name()


class _Faint(str):
    """A table cell shown in the placeholder colour: a missing date, a count beside an amount."""


class Card(QFrame):
    """A rounded panel in the palette's base colour with a mid-tone border."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(self.palette().color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        painter.end()


def _card() -> tuple[Card, QVBoxLayout]:
    frame = Card()
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 12, 14, 12)
    layout.setSpacing(6)
    return frame, layout


class Pill(QLabel):
    """A rounded chip: a status tint (or the alternate base) behind the palette's text colour, readable in
    both themes."""

    def __init__(self, text: str, colour: QColor | None, font: QFont, radius: int = 10) -> None:
        super().__init__(text)
        self.colour = colour
        self.radius = radius
        self.setFont(font)
        self.setForegroundRole(QPalette.ColorRole.Text)
        self.setContentsMargins(12, 3, 12, 3)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour or self.palette().color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(QRectF(self.rect()), self.radius, self.radius)
        painter.end()
        super().paintEvent(event)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (the count chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, apply: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class SetCard(Card):
    """One instrument set: the "13 / 16" chip, the set's name and the instruments not yet ratified."""

    def __init__(self, standing: SetStanding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.standing = standing
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        if standing.complete:
            colour = good_colour(self.palette())
        elif standing.n:
            colour = gap_colour(self.palette())
        else:
            colour = none_colour(self.palette())
        known = standing.checked_on is not None or standing.complete
        self.chip = Pill(f"{standing.n} / {standing.m}", colour, _scaled(self.font(), 1.6))
        if known:
            self.chip.setAccessibleName(f"{standing.name}: party to {standing} instruments")
            self.chip.setToolTip(f"Party to {standing} instruments of the set on the date")
        else:
            self.chip.setAccessibleName(f"{standing.name}: {standing.n} of {standing.m} recorded as ratified")
            self.chip.setToolTip(
                f"{standing.n} of the set's {standing.m} instruments recorded as ratified on the date; the "
                "treaty actions were not checked complete, so others may only be unrecorded"
            )
        layout.addWidget(self.chip)
        title = _label(standing.name)
        title.setFont(_scaled(self.font(), 1.0))
        layout.addWidget(title)
        if standing.missing:
            heading = "Not yet a party to:" if known else "No ratification recorded for:"
            layout.addWidget(_label(heading, muted=True))
            self.missing = _label("\n".join(f"•  {i.name}" for i in standing.missing))
            self.missing.setToolTip("\n".join(i.title for i in standing.missing))
        else:
            self.missing = _label("Party to every instrument of the set.", muted=True)
        layout.addWidget(self.missing)
        if standing.missing:
            if standing.checked_on is not None:
                text = f"Checked complete on {standing.checked_on}."
            elif standing.last_checked is not None:
                text = f"Last checked complete on {standing.last_checked}, before this date."
            else:
                text = "Never checked complete."
            self.checked = _label(text, muted=True)
            self.checked.setObjectName("set-checked")
            layout.addWidget(self.checked)
        layout.addStretch(1)


class MembershipCard(Card):
    """One term on a body: when it runs, the role, who elected the State."""

    def __init__(self, term: MembershipTerm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.term = term
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        top = QHBoxLayout()
        body = _label(term.body_code)
        body.setFont(_scaled(self.font(), 1.25))
        top.addWidget(body)
        top.addStretch(1)
        colour = good_colour(self.palette()) if term.tense is Tense.CURRENT else None
        if term.tense is Tense.FUTURE:
            colour = upcoming_colour(self.palette())
        self.badge = Pill(_TENSE_WORD[term.tense], colour, _scaled(self.font(), 0.9), radius=6)
        top.addWidget(self.badge)
        layout.addLayout(top)
        layout.addWidget(_label(term.body_name))
        self.term_label = _label(f"{term.role}, {term.term_text}")
        layout.addWidget(self.term_label)
        if term.election_date or term.electing_organ:
            by = f" by {term.electing_organ}" if term.electing_organ else ""
            when = f" in {term.election_date.format()}" if term.election_date else ""
            if term.election_date and term.election_date.precision == "day":
                when = f" on {term.election_date.format()}"
            layout.addWidget(_label(f"Elected{by}{when}", muted=True))
        self.setAccessibleName(f"{term.body_code} membership, {_TENSE_WORD[term.tense].lower()}")


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
        self._columns: QBoxLayout | None = None
        self._tables: list[QLabel] = []  # the rich-text tables of the page shown
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

    # ------------------------------------------------------------------ layout

    def _placeholder(self, text: str) -> None:
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        self.set_cards, self.membership_cards = [], []
        self._columns = None
        self.scroll_area.setWidget(label)

    def _show(self, overview: CountryOverview) -> None:
        self.overview = overview
        self._tables = []
        content = QWidget()
        content.setObjectName("overview")
        outer = QVBoxLayout(content)
        outer.setContentsMargins(20, 16, 20, 20)
        outer.setSpacing(14)
        outer.addLayout(self._header(overview))
        counts = QWidget()
        counts.setStyleSheet(_COUNT_STYLE)
        counts.setLayout(self._counts(overview))
        outer.addWidget(counts)
        if not overview.total_records:
            # Not in the chips' flow, which gives each item its size hint: the sentence gets the width.
            outer.addWidget(
                _label(f"Nothing is recorded for {overview.short_name} by this date.", muted=True)
            )

        columns = QBoxLayout(self._direction())
        columns.setSpacing(20)
        self._columns = columns
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(10)
        right.setSpacing(10)
        self._treaties(left, overview)
        self._reports(left, overview)
        left.addStretch(1)
        self._memberships(right, overview)
        self._contributions(right, overview)
        self._projects(right, overview)
        right.addStretch(1)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        outer.addLayout(columns)
        outer.addStretch(1)
        self.scroll_area.setWidget(content)
        self._measure_natural_width()
        self._fit_tables()
        self.loaded.emit()

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
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "overview", None) is not None:
            assert self.overview is not None
            self._show(self.overview)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._columns is not None and self.overview is not None:
            direction = self._direction()
            if self._columns.direction() != direction:
                self._columns.setDirection(direction)
                self._measure_natural_width()  # side by side, the page needs more width than stacked
            self._fit_tables()

    def _measure_natural_width(self) -> None:
        """The page's least width with its tables unwrapped (measured with them unwrapped)."""
        for table in self._tables:
            table.setWordWrap(False)
        content = self.scroll_area.widget()
        if content is None or content.layout() is None:
            self._natural_width = 0
            return
        # A changed direction or wrap marks only the nearest layout dirty; the outer ones keep their
        # cached sizes until the next layout pass, so mark them all before asking.
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
            if table.wordWrap() != narrow:
                table.setWordWrap(narrow)

    def _section(self, layout: QVBoxLayout, title: str) -> None:
        label = _label(title)
        label.setFont(_scaled(self.font(), 1.15))
        label.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(label)

    def _header(self, o: CountryOverview) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(2)
        name = _label(o.short_name)
        name.setFont(_scaled(self.font(), 1.8))
        name.setAccessibleName("Country")
        header.addWidget(name)
        facts = [o.formal_name] if o.formal_name and o.formal_name != o.short_name else []
        if o.regional_group:
            facts.append(f"{o.regional_group} States")
        facts.append(f"as of {_long_date(o.as_of)}")
        self.subtitle = _label("  ·  ".join(facts), muted=True)
        header.addWidget(self.subtitle)
        return header

    def _counts(self, o: CountryOverview) -> FlowLayout:
        row = FlowLayout()
        self.count_buttons: dict[str, QPushButton] = {}
        for name, rtype in RECORD_TYPES.items():
            n = o.counts.get(name, 0)
            button = QPushButton(f"{n}  {rtype.plural.lower() if n != 1 else rtype.label.lower()}")
            button.setObjectName("count")
            button.setEnabled(n > 0)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip(f"Show the {rtype.plural.lower()} of {o.short_name}")
            button.setAccessibleName(f"{n} {rtype.plural.lower()}")
            button.clicked.connect(lambda _checked=False, t=name: self.type_chosen.emit(t))
            self.count_buttons[name] = button
            if n:
                row.addWidget(button)
        return row

    def _treaties(self, layout: QVBoxLayout, o: CountryOverview) -> None:
        self._section(layout, "Treaties")
        grid = QGridLayout()
        grid.setSpacing(10)
        self.set_cards = []
        for i, standing in enumerate(o.sets):
            card = SetCard(standing)
            self.set_cards.append(card)
            grid.addWidget(card, i // 3, i % 3)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        layout.addLayout(grid)
        if not o.sets:
            layout.addWidget(_label("The catalogue holds no instrument set on this date.", muted=True))

    def _memberships(self, layout: QVBoxLayout, o: CountryOverview) -> None:
        self._section(layout, "Memberships")
        self.membership_cards = []
        terms = [*o.current_memberships, *o.upcoming_memberships]
        for term in terms:
            card = MembershipCard(term)
            self.membership_cards.append(card)
            layout.addWidget(card)
        if not terms:
            last = o.past_memberships[-1] if o.past_memberships else None
            text = "No current or upcoming membership."
            if last is not None:
                text += f" Last: {last.body_code}, {last.term_text}."
            layout.addWidget(_label(text, muted=True))

    def _reports(self, layout: QVBoxLayout, o: CountryOverview) -> None:
        self._section(layout, "Last report per reporting instrument")
        if not o.last_reports:
            layout.addWidget(_label("No report recorded by this date.", muted=True))
            return
        rows = [
            (
                report.name,
                report.submitted.format() if report.submitted else _Faint("date not recorded"),
                report.completeness,
            )
            for report in o.last_reports
        ]
        self.reports_table = self._table(("Instrument", "Submitted", "Completeness"), rows, full_width=True)
        self.reports_table.setAccessibleName("Last report per reporting instrument")
        frame, inner = _card()
        inner.addWidget(self.reports_table)
        layout.addWidget(frame)

    def _contributions(self, layout: QVBoxLayout, o: CountryOverview) -> None:
        self._section(layout, "Contributions")
        if not o.contributions:
            layout.addWidget(_label("No contribution recorded by this date.", muted=True))
            return
        rows = []
        for total in o.contributions[:CONTRIBUTION_ROWS]:
            year = str(total.year) if total.year is not None else _Faint("Undated")
            count = _Faint(f"{total.count} contribution" + ("s" if total.count != 1 else ""))
            rows.append((year, total.total.format(), count))
        self.contributions_table = self._table(None, rows, right=1)
        self.contributions_table.setAccessibleName("Contributions per year and currency")
        frame, inner = _card()
        inner.addWidget(self.contributions_table)
        hidden = len(o.contributions) - CONTRIBUTION_ROWS
        if hidden > 0:
            inner.addWidget(
                self._more(f"{hidden} earlier year totals: show all contributions", "contribution"),
                0,
                Qt.AlignmentFlag.AlignLeft,
            )
        layout.addWidget(frame)

    def _more(self, text: str, type_name: str) -> QPushButton:
        """A link-like button to the page of a record type, for what the overview leaves out."""
        more = QPushButton(text)
        more.setObjectName("more")
        more.setFlat(True)
        more.setCursor(Qt.CursorShape.PointingHandCursor)
        more.clicked.connect(lambda _checked=False: self.type_chosen.emit(type_name))
        return more

    def _table(
        self,
        headings: tuple[str, ...] | None,
        rows: Sequence[tuple[str, ...]],
        *,
        full_width: bool = False,
        right: int | None = None,
    ) -> QLabel:
        """Rows of short facts as one rich-text label: one widget instead of one per cell keeps the page
        quick to build for a State with decades of records. Every value is escaped (names come from the
        catalogue, which users edit). Cells given as ``_Faint`` are shown in the placeholder colour;
        column ``right`` is right-aligned."""
        faint = _over(
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
        label = QLabel("".join(parts))
        label.setTextFormat(Qt.TextFormat.RichText)
        self._tables.append(label)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _projects(self, layout: QVBoxLayout, o: CountryOverview) -> None:
        self._section(layout, "Ongoing projects")
        if not o.projects:
            self.projects_label = _label(
                "No ongoing technical cooperation project recorded on this date.", muted=True
            )
            layout.addWidget(self.projects_label)
            return
        for project in o.projects[-PROJECT_CARDS:]:  # the latest started
            frame, inner = _card()
            title = _label(f"{project.code}  {project.title}".strip())
            title.setFont(_scaled(self.font(), 1.0))
            inner.addWidget(title)
            inner.addWidget(_label(f"{project.status} {project.span(o.as_of)}", muted=True))
            layout.addWidget(frame)
        hidden = len(o.projects) - PROJECT_CARDS
        if hidden > 0:
            layout.addWidget(
                self._more(f"{hidden} more ongoing projects: show all projects", "project"),
                0,
                Qt.AlignmentFlag.AlignLeft,
            )
