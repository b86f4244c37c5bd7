"""Light and dark themes follow the system: only palette roles, never hard-coded colours.

Fusion draws every widget from the palette, so it looks right in both schemes; when the system switches
between light and dark while coopdesk runs, the icons (drawn in the palette's text colour) are redrawn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

STYLE = "Fusion"


def application_arguments(argv: list[str]) -> list[str]:
    """The command line for a new QApplication: ``argv`` with the style chosen on it, so Qt builds the
    style itself. Chosen later with ``setStyle``, the style object is handed back to Python, and PySide6
    then builds the Python form of QStyle's eleven enums (566 members), about 4 ms of every start-up."""
    return [*argv[:1], "-style", STYLE, *argv[1:]]


def apply_theme(app: QApplication) -> None:
    """The style for an application created elsewhere (the tests' own QApplication)."""
    app.setStyle(STYLE)


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
