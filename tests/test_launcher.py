"""The entry point's start-up order: the core before Qt (modules imported after PySide6 cost more)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from coopdesk.launcher import prepare_gui_start
prepare_gui_start(sys.argv[1])
wanted = ["coopdesk.services", "coopdesk.overview", "coopdesk.search", "sqlalchemy.dialects.sqlite"]
print(json.dumps({"qt": "PySide6" in sys.modules, **{name: name in sys.modules for name in wanted}}))
"""


def _imported_before_qt(target: str) -> dict[str, bool]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, target], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    result: dict[str, bool] = json.loads(out.strip().splitlines()[-1])
    return result


def test_the_window_s_core_and_the_sqlite_dialect_are_imported_before_qt(tmp_path: Path) -> None:
    imported = _imported_before_qt(str(tmp_path / "new.sqlite"))
    assert imported == {
        "qt": False,
        "coopdesk.services": True,
        "coopdesk.overview": True,
        "coopdesk.search": True,
        "sqlalchemy.dialects.sqlite": True,
    }


def test_a_server_url_does_not_load_the_sqlite_dialect() -> None:
    imported = _imported_before_qt("postgresql+psycopg://nobody@localhost/coopdesk")
    assert imported["coopdesk.services"] and not imported["sqlalchemy.dialects.sqlite"]
    assert not imported["qt"]
