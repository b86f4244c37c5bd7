"""The application's style is Fusion however the QApplication came to be, whatever the desktop asks for."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.ui.app import make_application

PROBE = """
from coopdesk.ui.app import make_application
print(make_application().style().name())
"""


def test_a_new_application_is_fusion_even_when_the_desktop_asks_for_another_style() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    assert out.stdout.strip().splitlines()[-1] == "fusion"


def test_an_application_made_elsewhere_is_given_fusion(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyle("Windows")
    try:
        assert make_application() is app
        assert app.style().name() == "fusion"
    finally:
        app.setStyle("Fusion")
