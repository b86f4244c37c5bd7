"""The bundle's menu entry: install-desktop-entry.sh adds coopdesk to the user's application menu with the
bundle's own path (however odd the folder's name), and takes it out again."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "packaging" / "linux" / "install-desktop-entry.sh"

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or shutil.which("sh") is None, reason="a Linux desktop's menu"
)


def _bundle_folder(parent: Path) -> Path:
    """A folder laid out as dist/coopdesk is, with a stand-in program."""
    folder = parent / "coopdesk"
    (folder / "share").mkdir(parents=True)
    program = folder / "coopdesk"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    shutil.copy(ROOT / "packaging" / "linux" / "coopdesk.desktop", folder / "share" / "coopdesk.desktop")
    shutil.copy(ROOT / "resources" / "icons" / "coopdesk.svg", folder / "share" / "coopdesk.svg")
    (folder / "share" / "coopdesk.png").write_bytes(b"\x89PNG stand-in")
    shutil.copy(SCRIPT, folder / "install-desktop-entry.sh")
    return folder


def _run(folder: Path, data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        ["sh", str(folder / "install-desktop-entry.sh"), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _exec_program(line: str) -> str:
    """The program an Exec= line starts, read back as the desktop entry specification says: the value's
    own escapes first (\\\\ is one backslash), then the quoted argument's, then %% for %."""
    value = line.removeprefix("Exec=")
    unescaped = []
    i = 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            unescaped.append(value[i + 1])
            i += 2
        else:
            unescaped.append(value[i])
            i += 1
    text = "".join(unescaped)
    assert text.startswith('"') and text.endswith('"'), text
    inner, program, i = text[1:-1], [], 0
    while i < len(inner):
        if inner[i] == "\\" and i + 1 < len(inner) and inner[i + 1] in '"`$\\':
            program.append(inner[i + 1])
            i += 2
        elif inner[i] == "%" and i + 1 < len(inner) and inner[i + 1] == "%":
            program.append("%")
            i += 2
        else:
            assert inner[i] not in '"`$%', f"unescaped {inner[i]!r} in {line!r}"
            program.append(inner[i])
            i += 1
    return "".join(program)


@pytest.mark.parametrize("name", ["apps", 'My apps $HOME %u "quoted" back\\slash `tick`'])
def test_the_menu_entry_starts_the_bundle_where_it_is(tmp_path: Path, name: str) -> None:
    folder = _bundle_folder(tmp_path / name)
    data = tmp_path / "data"

    added = _run(folder, data)

    assert added.returncode == 0, added.stderr
    assert "application menu" in added.stdout
    entry = (data / "applications" / "coopdesk.desktop").read_text()
    lines = entry.splitlines()
    assert lines[0] == "[Desktop Entry]"
    exec_lines = [line for line in lines if line.startswith("Exec=")]
    assert len(exec_lines) == 1
    assert _exec_program(exec_lines[0]) == str(folder / "coopdesk")
    assert "Icon=coopdesk" in lines and "Terminal=false" in lines
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "coopdesk.svg").read_text().startswith("<svg")
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "coopdesk.png").is_file()
    validate = shutil.which("desktop-file-validate")
    if validate is not None:
        checked = subprocess.run(
            [validate, str(data / "applications" / "coopdesk.desktop")], capture_output=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr

    removed = _run(folder, data, "--remove")
    assert removed.returncode == 0
    assert not (data / "applications" / "coopdesk.desktop").exists()
    assert not (data / "icons" / "hicolor" / "scalable" / "apps" / "coopdesk.svg").exists()


def test_the_script_refuses_to_run_away_from_the_bundle(tmp_path: Path) -> None:
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy(SCRIPT, alone / "install-desktop-entry.sh")
    refused = _run(alone, tmp_path / "data")
    assert refused.returncode == 1
    assert "no coopdesk program beside this script" in refused.stderr
    assert not (tmp_path / "data").exists()
