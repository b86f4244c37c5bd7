"""The parts of the Overview page: cards, chips, the flow of count chips, the rich-text tables.

Each card is built once and then shown again with another State's facts (``show_standing``,
``show_term``, ``show_project``): the page keeps its widgets from one State to the next, because building
and laying out a fresh tree of labels for every State was most of the time it took to open a workspace.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coopdesk.records.derived import Tense
from coopdesk.records.overview import MembershipTerm, OngoingProject, SetStanding
from coopdesk.ui.widgets.status_colours import gap_colour, good_colour, none_colour, upcoming_colour

TENSE_WORD = {Tense.CURRENT: "Current", Tense.FUTURE: "Upcoming", Tense.PAST: "Past"}


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def scaled(font: QFont, factor: float, bold: bool = True) -> QFont:
    font = QFont(font)
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def label(text: str, *, wrap: bool = True, muted: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        widget.setPalette(palette)
    return widget


def set_text(widget: QLabel, text: str) -> None:
    """A label's text, changed only when it differs: a new text makes Qt measure the label again."""
    if widget.text() != text:
        widget.setText(text)


def over(ink: QColor, paper: QColor) -> str:
    """A see-through colour (the palette's placeholder text is half transparent) as the opaque colour it
    shows on ``paper``: rich text takes "#rrggbb"."""
    a = ink.alphaF()
    mixed = QColor.fromRgbF(
        ink.redF() * a + paper.redF() * (1 - a),
        ink.greenF() * a + paper.greenF() * (1 - a),
        ink.blueF() * a + paper.blueF() * (1 - a),
    )
    return mixed.name()


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


def card() -> tuple[Card, QVBoxLayout]:
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

    def set_colour(self, colour: QColor | None) -> None:
        self.colour = colour
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour or self.palette().color(QPalette.ColorRole.AlternateBase))
        painter.drawRoundedRect(QRectF(self.rect()), self.radius, self.radius)
        painter.end()
        super().paintEvent(event)


class FlowLayout(QLayout):
    """Items left to right, wrapping onto the next line when the width runs out (the count chips).
    A hidden item takes no place, as in Qt's own layouts."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._heights: dict[int, int] = {}  # height for a width, until an item changes
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
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = self._arrange(QRect(0, 0, width, 0), apply=False)
        return height

    def invalidate(self) -> None:
        self._heights.clear()
        super().invalidate()

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
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TableLabel(QLabel):
    """Rows of short facts as one selectable rich-text label (one widget instead of one per cell).

    Qt lays a rich-text label out seven times to give its size hints (each at the same width when it
    does not wrap); this one gives the same sizes from one layout of the same document, having checked
    once that they agree with Qt's own (they would not if Qt set the label's document up another way).
    Its heights for the widths Qt asks about when it wraps are remembered until its text or wrapping
    changes: a layout pass asks for the same few widths again and again."""

    def __init__(self) -> None:
        super().__init__("")
        self._heights: dict[int, int] = {}
        self._size: QSize | None = None  # the unwrapped size, worked out once per text
        self._agrees: bool | None = None  # whether that size is Qt's (checked once per font and style)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def set_html(self, html: str) -> None:
        if html != self.text():
            self._heights.clear()
            self._size = None
            self.setText(html)

    def set_wrapped(self, wrapped: bool) -> None:
        if wrapped != self.wordWrap():
            self._heights.clear()
            self.setWordWrap(wrapped)

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            height = self._heights[width] = super().heightForWidth(width)
        return height

    def sizeHint(self) -> QSize:
        return super().sizeHint() if self.wordWrap() else self._unwrapped()

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint() if self.wordWrap() else self._unwrapped()

    def _unwrapped(self) -> QSize:
        """What ``QLabel`` answers for both hints of an unwrapped rich-text label: its document's size
        with no text width, set up as ``QLabel`` sets it up (left to right, no wrapping, no margin)."""
        if self._size is None:
            self.ensurePolished()
            document = QTextDocument()
            document.setUndoRedoEnabled(False)
            document.setDefaultFont(self.font())
            document.setHtml(self.text())
            option = document.defaultTextOption()
            option.setAlignment(self.alignment())
            option.setWrapMode(QTextOption.WrapMode.ManualWrap)
            document.setDefaultTextOption(option)
            frame = document.rootFrame().frameFormat()
            frame.setMargin(0)
            document.rootFrame().setFrameFormat(frame)
            size = document.size()
            margins = self.contentsMargins()
            extra = 2 * self.margin()
            self._size = QSize(
                math.ceil(size.width()) + extra + margins.left() + margins.right(),
                math.ceil(size.height()) + extra + margins.top() + margins.bottom(),
            ).expandedTo(self.minimumSize())
        if self._agrees is None:
            self._agrees = self._size == QLabel.minimumSizeHint(self) == QLabel.sizeHint(self)
        return self._size if self._agrees else QLabel.minimumSizeHint(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._heights.clear()
            self._size = None
            self._agrees = None
        super().changeEvent(event)


class SetCard(Card):
    """One instrument set: the "13 / 16" chip, the set's name and the instruments not yet ratified."""

    def __init__(self, standing: SetStanding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self.chip = Pill("", None, scaled(self.font(), 1.6))
        layout.addWidget(self.chip)
        self.title = label("")
        self.title.setFont(scaled(self.font(), 1.0))
        layout.addWidget(self.title)
        # Shown as the standing needs: the heading and the list of what is missing with the line on the
        # set's check, or the one sentence of a complete set.
        self._heading = label("", muted=True)
        layout.addWidget(self._heading)
        self._missing_list = label("")
        layout.addWidget(self._missing_list)
        self._all_party = label("Party to every instrument of the set.", muted=True)
        layout.addWidget(self._all_party)
        self.checked = label("", muted=True)
        self.checked.setObjectName("set-checked")
        layout.addWidget(self.checked)
        layout.addStretch(1)
        self.show_standing(standing)

    def show_standing(self, standing: SetStanding) -> None:
        self.standing = standing
        if standing.complete:
            colour = good_colour(self.palette())
        elif standing.n:
            colour = gap_colour(self.palette())
        else:
            colour = none_colour(self.palette())
        known = standing.checked_on is not None or standing.complete
        set_text(self.chip, f"{standing.n} / {standing.m}")
        self.chip.set_colour(colour)
        if known:
            self.chip.setAccessibleName(f"{standing.name}: party to {standing} instruments")
            self.chip.setToolTip(f"Party to {standing} instruments of the set on the date")
        else:
            self.chip.setAccessibleName(f"{standing.name}: {standing.n} of {standing.m} recorded as ratified")
            self.chip.setToolTip(
                f"{standing.n} of the set's {standing.m} instruments recorded as ratified on the date; the "
                "treaty actions were not checked complete, so others may only be unrecorded"
            )
        set_text(self.title, standing.name)
        missing = bool(standing.missing)
        if missing:
            set_text(self._heading, "Not yet a party to:" if known else "No ratification recorded for:")
            set_text(self._missing_list, "\n".join(f"•  {i.name}" for i in standing.missing))
            self._missing_list.setToolTip("\n".join(i.title for i in standing.missing))
            if standing.checked_on is not None:
                text = f"Checked complete on {standing.checked_on}."
            elif standing.last_checked is not None:
                text = f"Last checked complete on {standing.last_checked}, before this date."
            else:
                text = "Never checked complete."
            set_text(self.checked, text)
        self.missing = self._missing_list if missing else self._all_party
        for widget, shown in (
            (self._heading, missing),
            (self._missing_list, missing),
            (self.checked, missing),
            (self._all_party, not missing),
        ):
            if widget.isHidden() == shown:
                widget.setVisible(shown)


class MembershipCard(Card):
    """One term on a body: when it runs, the role, who elected the State."""

    def __init__(self, term: MembershipTerm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self._body = label("")
        self._body.setFont(scaled(self.font(), 1.25))
        top.addWidget(self._body)
        top.addStretch(1)
        self.badge = Pill("", None, scaled(self.font(), 0.9), radius=6)
        top.addWidget(self.badge)
        layout.addLayout(top)
        self._body_name = label("")
        layout.addWidget(self._body_name)
        self.term_label = label("")
        layout.addWidget(self.term_label)
        self._elected = label("", muted=True)
        layout.addWidget(self._elected)
        self.show_term(term)

    def show_term(self, term: MembershipTerm) -> None:
        self.term = term
        set_text(self._body, term.body_code)
        colour = good_colour(self.palette()) if term.tense is Tense.CURRENT else None
        if term.tense is Tense.FUTURE:
            colour = upcoming_colour(self.palette())
        set_text(self.badge, TENSE_WORD[term.tense])
        self.badge.set_colour(colour)
        set_text(self._body_name, term.body_name)
        set_text(self.term_label, f"{term.role}, {term.term_text}")
        elected = bool(term.election_date or term.electing_organ)
        if elected:
            by = f" by {term.electing_organ}" if term.electing_organ else ""
            when = f" in {term.election_date.format()}" if term.election_date else ""
            if term.election_date and term.election_date.precision == "day":
                when = f" on {term.election_date.format()}"
            set_text(self._elected, f"Elected{by}{when}")
        if self._elected.isHidden() == elected:
            self._elected.setVisible(elected)
        self.setAccessibleName(f"{term.body_code} membership, {TENSE_WORD[term.tense].lower()}")


class ProjectCard(Card):
    """An ongoing project: its code and title, its status and when it runs."""

    def __init__(self, project: OngoingProject, as_of: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        self.title = label("")
        self.title.setFont(scaled(self.font(), 1.0))
        layout.addWidget(self.title)
        self._status = label("", muted=True)
        layout.addWidget(self._status)
        self.show_project(project, as_of)

    def show_project(self, project: OngoingProject, as_of: dt.date) -> None:
        self.project = project
        set_text(self.title, f"{project.code}  {project.title}".strip())
        set_text(self._status, f"{project.status} {project.span(as_of)}")
