"""The application's style is Fusion however its QApplication came to be, whatever the desktop asks for.

Each case runs in a fresh interpreter: a style and the application's names are process-wide."""

from __future__ import annotations

import os
import subprocess
import sys

MADE_BY_COOPDESK = """
from coopdesk.ui.shell.app import make_application
print(make_application().style().name())
"""

MADE_ELSEWHERE = """
import sys
from PySide6.QtWidgets import QApplication
from coopdesk.ui.shell.app import make_application
existing = QApplication(sys.argv)
print(existing.style().name(), file=sys.stderr)
assert make_application() is existing
print(existing.style().name())
"""


def _run(probe: str) -> tuple[str, str]:
    """The probe's last line on stdout and on stderr, with the desktop asking for the Windows style."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    return out.stdout.strip().splitlines()[-1], (out.stderr.strip().splitlines() or [""])[-1]


def test_an_application_made_by_coopdesk_is_fusion_even_when_the_desktop_asks_for_another_style() -> None:
    style, _ = _run(MADE_BY_COOPDESK)
    assert style == "fusion"


def test_an_application_made_elsewhere_is_turned_to_fusion() -> None:
    style, before = _run(MADE_ELSEWHERE)
    assert before == "windows"  # the desktop's choice, before coopdesk's
    assert style == "fusion"
