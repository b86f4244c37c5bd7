"""The core and the database layer never import Qt or the UI (the arrows point down: ui -> core -> db)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coopdesk"
FORBIDDEN = ("PySide6", "coopdesk.ui")
# The launcher is the composition root: the one module outside coopdesk/ui that may start the window.
ALLOWED = {PACKAGE / "launcher.py"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


CORE_MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1])


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_does_not_import_qt_or_ui(path: Path) -> None:
    if path in ALLOWED:
        return
    bad = [
        name for name in _imports(path) if name.split(".")[0] == "PySide6" or name.startswith("coopdesk.ui")
    ]
    assert bad == [], f"{path.relative_to(PACKAGE)} imports {bad}"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from PySide6.QtWidgets import QWidget\n    import coopdesk.ui.app\n")
    assert _imports(sample) == ["PySide6.QtWidgets", "coopdesk.ui.app"]


def test_db_layer_does_not_import_the_core() -> None:
    core = ("coopdesk.services", "coopdesk.record_types", "coopdesk.cli", "coopdesk.fields")
    for path in (PACKAGE / "db").rglob("*.py"):
        bad = [n for n in _imports(path) if n.startswith(core)]
        assert bad == [], f"{path.name} imports {bad}"
