"""The entry point's start-up order: what the window's first paint needs is imported before Qt (modules
imported after PySide6 cost more); the ORM models and the services are not (they load after that paint,
see tests/ui/test_start_up.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROBE = """
import json, sys
from coopdesk.launcher import prepare_gui_start
prepare_gui_start(sys.argv[1])
wanted = ["coopdesk.records.country_directory", "coopdesk.safety.opening", "coopdesk.db.models", "coopdesk.records.service",
          "sqlalchemy.dialects.sqlite"]
print(json.dumps({"qt": "PySide6" in sys.modules, **{name: name in sys.modules for name in wanted}}))
"""


def _imported_before_qt(target: str) -> dict[str, bool]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, target], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    result: dict[str, bool] = json.loads(out.strip().splitlines()[-1])
    return result


def test_what_the_first_paint_needs_and_the_sqlite_dialect_are_imported_before_qt(tmp_path: Path) -> None:
    imported = _imported_before_qt(str(tmp_path / "new.sqlite"))
    assert imported == {
        "qt": False,
        "coopdesk.records.country_directory": True,
        "coopdesk.safety.opening": True,
        "coopdesk.db.models": False,
        "coopdesk.records.service": False,
        "sqlalchemy.dialects.sqlite": True,
    }


def test_a_server_url_does_not_load_the_sqlite_dialect() -> None:
    imported = _imported_before_qt("postgresql+psycopg://nobody@localhost/coopdesk")
    assert imported["coopdesk.safety.opening"] and not imported["sqlalchemy.dialects.sqlite"]
    assert not imported["qt"]
