"""The application's style is Fusion however its QApplication came to be, whatever the desktop asks for.

Each case runs in a fresh interpreter: a style and the application's names are process-wide."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

MADE_BY_COOPDESK = """
from coopdesk.ui.app import make_application
print(make_application().style().name())
"""

MADE_ELSEWHERE = """
import sys
from PySide6.QtWidgets import QApplication
from coopdesk.ui.app import make_application
existing = QApplication(sys.argv)
print(existing.style().name(), file=sys.stderr)
assert make_application() is existing
print(existing.style().name())
"""


@pytest.mark.parametrize(
    "probe", [MADE_BY_COOPDESK, MADE_ELSEWHERE], ids=["made by coopdesk", "made elsewhere"]
)
def test_the_application_is_fusion_even_when_the_desktop_asks_for_another_style(probe: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_STYLE_OVERRIDE": "Windows"}
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    assert out.stdout.strip().splitlines()[-1] == "fusion"
    if probe is MADE_ELSEWHERE:
        assert out.stderr.strip().splitlines()[-1] == "windows"  # the desktop's choice, before coopdesk's
