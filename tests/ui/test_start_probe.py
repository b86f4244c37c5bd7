"""``COOPDESK_START_PROBE``: the real entry point opens the window, loads it, closes it as a user would, and
says when it was painted and loaded; the exit is clean even though today's backup had just started."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_a_start_that_checks_itself_opens_loads_and_closes_cleanly(
    tmp_path: Path, demo_db_path: Path
) -> None:
    report = tmp_path / "start.json"
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        COOPDESK_START_PROBE=str(report),
    )
    started = subprocess.run(
        [sys.executable, "-m", "coopdesk", "--db", str(demo_db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert started.returncode == 0, started.stderr  # not an abort for a thread left running
    assert "QThread" not in started.stderr
    seen = json.loads(report.read_text())
    assert seen["painted"] <= seen["loaded"]
    assert seen["countries"] >= 193 and seen["closed"] is True
    settings = (tmp_path / "config" / "coopdesk" / "coopdesk.ini").read_text()
    assert "[window]" in settings  # closed as a user closes it: the window's state was saved
