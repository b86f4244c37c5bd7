"""The only colours the application chooses itself: treaty status, readable in light and dark themes.

Everything else uses palette roles. A status colour is a background tint; the text on it stays the
palette's own text colour, so the tint is chosen light on a light theme and dark on a dark one.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from coopdesk.records.derived import TreatyStatus

# (light theme, dark theme) background tints per status; "no action" keeps the plain base colour.
_TINTS: dict[TreatyStatus, tuple[str, str]] = {
    TreatyStatus.PARTY: ("#c8e6c9", "#1e4d2b"),
    TreatyStatus.SIGNATORY: ("#ffe9a8", "#5a4a12"),
    TreatyStatus.WITHDRAWN: ("#f8c9c4", "#5e2320"),
}

STATUS_LABELS: dict[TreatyStatus, str] = {
    TreatyStatus.PARTY: "Party",
    TreatyStatus.SIGNATORY: "Signatory",
    TreatyStatus.NO_ACTION: "No action",
    TreatyStatus.WITHDRAWN: "Withdrawn",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def status_colour(status: TreatyStatus, palette: QPalette) -> QColor | None:
    """The background tint for a status, or None to keep the view's own background."""
    tints = _TINTS.get(status)
    if tints is None:
        return None
    return QColor(tints[1] if is_dark(palette) else tints[0])


def good_colour(palette: QPalette) -> QColor:
    """The tint of a complete set (every instrument ratified)."""
    return status_colour(TreatyStatus.PARTY, palette) or palette.color(QPalette.ColorRole.AlternateBase)


def gap_colour(palette: QPalette) -> QColor:
    """The tint of a set with instruments missing."""
    return status_colour(TreatyStatus.SIGNATORY, palette) or palette.color(QPalette.ColorRole.AlternateBase)


def none_colour(palette: QPalette) -> QColor:
    """The tint of a set with no instrument ratified: neutral, as "no action" is in the matrix, so the
    set's yellow means "some, not all"."""
    return palette.color(QPalette.ColorRole.Button)


#: (light theme, dark theme) tint of a term still to come: not a gap, so not the set's yellow.
_UPCOMING = ("#cfe3f7", "#1d3b5c")


def upcoming_colour(palette: QPalette) -> QColor:
    """The tint of a membership term that has not begun (the Overview's "Upcoming")."""
    return QColor(_UPCOMING[1] if is_dark(palette) else _UPCOMING[0])
