"""Light and dark themes follow the system: only palette roles, never hard-coded colours.

Fusion draws every widget from the palette, so it looks right in both schemes; when the system switches
between light and dark while coopdesk runs, the icons (drawn in the palette's text colour) are redrawn.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication


def apply_theme(app: QApplication) -> None:
    app.setStyle("Fusion")


def is_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
