"""The package layers hold by a tool, and no module imports one that imports it back.

`lint-imports` (run by `make test` before pytest) holds the contracts in pyproject.toml; these tests show
that it really fails on a wrong arrow, and look for import circles, which no contract names.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    modules = sorted(m for m in graph.modules if m.startswith("coopdesk"))
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in modules:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if not child.startswith("coopdesk"):
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    found.append(sorted(group))
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    # Imports made only for type checking count too: they are the arrows a reader follows.
    graph = grimp.build_graph("coopdesk", exclude_type_checking_imports=False)
    assert _circles(graph) == []


def test_the_circle_finder_sees_a_circle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "circular"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from circular import b\n")
    (package / "b.py").write_text("from circular import c\n")
    (package / "c.py").write_text("from circular import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circular")
    renamed = grimp.ImportGraph()
    for module in graph.modules:
        renamed.add_module("coopdesk" + module.removeprefix("circular"))
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            renamed.add_import(
                importer="coopdesk" + module.removeprefix("circular"),
                imported="coopdesk" + imported.removeprefix("circular"),
            )
    assert _circles(renamed) == [["coopdesk.a", "coopdesk.b", "coopdesk.c"]]


def _lint_copy(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on a copy of the project where ``module`` gains one import ``line``."""
    copy = tmp_path / "project"
    shutil.copytree(ROOT / "coopdesk", copy / "coopdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    target = copy / Path(*module.split(".")).with_suffix(".py")
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=copy, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="lint-imports is installed with the dev tools")
@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("coopdesk.records.derived", "from coopdesk.note import builder", "Layers"),
        ("coopdesk.db.models", "import coopdesk.records.types", "Layers"),
        ("coopdesk.note.builder", "import coopdesk.excel.export", "Layers"),
        ("coopdesk.records.money", "import PySide6.QtCore", "Only the window imports Qt"),
        ("coopdesk.ui.widgets.dialogs", "import coopdesk.ui.shell.main_window", "The window"),
    ],
)
def test_the_linter_fails_on_a_wrong_arrow(tmp_path: Path, module: str, line: str, broken: str) -> None:
    result = _lint_copy(tmp_path, module, line)
    assert result.returncode != 0, result.stdout
    report = " ".join(result.stdout.split())  # the report wraps long contract names
    assert "Contracts: 2 kept, 1 broken." in report
    broken_section = report.split("Broken contracts", 1)[1].lstrip("- ")
    assert broken_section.startswith(broken), report
