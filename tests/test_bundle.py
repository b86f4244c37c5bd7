"""The bundle (``make bundle``: dist/coopdesk) does what the installed package does: the commands, the
notes in every format, export and import, a database of an older schema upgraded, and the window,
started offscreen, opened, loaded and closed. Skipped when the bundle has not been built."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "coopdesk" / ("coopdesk-cli.exe" if sys.platform == "win32" else "coopdesk")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE.is_file(), reason="the bundle is not built (make bundle)"),
]


def _environment(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        COOPDESK_USER="tester",
    )
    env.update(extra)
    return env


def _bundle(home: Path, *arguments: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BUNDLE), *arguments],
        env=_environment(home, **extra),
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _installed(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *arguments],
        env={**_environment(home), "PYTHONPATH": str(ROOT)},
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _docx_text(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml")


def test_the_bundle_runs_the_commands_as_the_installed_package_does(tmp_path: Path) -> None:
    version = _bundle(tmp_path, "--version")
    assert version.returncode == 0 and version.stdout == _installed(tmp_path, "--version").stdout

    demo = _bundle(tmp_path, "demo", "--db", "demo.sqlite")
    assert demo.returncode == 0, demo.stderr
    assert "36 demo records" in demo.stdout

    (tmp_path / "installed").mkdir()
    for form in ("pdf", "docx", "html", "txt"):
        note = ["note", "BLR", "--as-of", "2009-10-30", "--format", form, "--db", "demo.sqlite"]
        made = _bundle(tmp_path, *note, "-o", f"note.{form}")
        assert made.returncode == 0, made.stderr
        assert _installed(tmp_path, *note, "-o", f"installed/note.{form}").returncode == 0
    for form in ("html", "txt"):
        assert (tmp_path / f"note.{form}").read_bytes() == (tmp_path / f"installed/note.{form}").read_bytes()
    assert _docx_text(tmp_path / "note.docx") == _docx_text(tmp_path / "installed/note.docx")
    pdf = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "note.pdf").pages)
    installed_pdf = "\n".join(
        page.extract_text() for page in PdfReader(tmp_path / "installed/note.pdf").pages
    )
    assert pdf == installed_pdf
    assert "Government of the Republic of Belarus" in " ".join(pdf.split())
    assert "USD 20,000" in pdf  # amounts in words and figures: Babel's data came along
    fonts = {str(font) for page in PdfReader(tmp_path / "note.pdf").pages for font in _fonts(page)}
    assert any("LiberationSerif" in font for font in fonts)  # the shipped font, embedded

    export = _bundle(tmp_path, "export", "-o", "all.xlsx", "--db", "demo.sqlite")
    assert export.returncode == 0, export.stderr
    assert "Wrote 36 records" in export.stdout
    again = _bundle(tmp_path, "import", "all.xlsx", "--dry-run", "--db", "demo.sqlite")
    assert again.returncode == 0, again.stderr
    assert "0 to add, 0 to change, 36 unchanged" in again.stdout

    # edited as a user edits it, then imported for real: the change is in the database
    workbook = openpyxl.load_workbook(tmp_path / "all.xlsx")
    sheet = workbook["Memberships"]
    notes = [cell.value for cell in sheet[1]].index("Notes") + 1
    sheet.cell(row=2, column=notes, value="Edited on a workstation without Python")
    workbook.save(tmp_path / "edited.xlsx")
    applied = _bundle(tmp_path, "import", "edited.xlsx", "--db", "demo.sqlite")
    assert applied.returncode == 0, applied.stderr
    assert "0 to add, 1 to change, 35 unchanged" in applied.stdout
    assert _bundle(tmp_path, "export", "-o", "after.xlsx", "--db", "demo.sqlite").returncode == 0
    after = openpyxl.load_workbook(tmp_path / "after.xlsx")["Memberships"]
    assert "Edited on a workstation without Python" in [
        row[notes - 1] for row in after.iter_rows(values_only=True)
    ]
    check = _bundle(tmp_path, "check", "--db", "demo.sqlite")
    assert check.returncode == 0 and "Result: no problem found" in check.stdout

    bad = _bundle(tmp_path, "note", "XYZ", "--format", "pdf", "-o", "x.pdf", "--db", "demo.sqlite")
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1


def _fonts(page: object) -> list[str]:
    resources = page["/Resources"]  # type: ignore[index]
    return [str(font["/BaseFont"]) for font in resources["/Font"].get_object().values()]


def test_the_bundle_upgrades_a_database_of_an_older_schema(tmp_path: Path) -> None:
    """The migration scripts travel as files, which Alembic reads: a first-release file is upgraded."""
    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0001")
    with sqlite3.connect(path) as con:
        con.execute(INSERT_BELARUS)
    check = _bundle(tmp_path, "check", "--db", str(path))
    assert check.returncode == 0, check.stderr
    assert "(up to date)" in check.stdout and "no problem found" in check.stdout
    assert len(list(tmp_path.glob("old.before-migration-0001-*.sqlite"))) == 1  # the backup first
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT short_name FROM countries WHERE iso3 = 'BLR'").fetchone() == ("Belarus",)


def test_the_bundle_opens_its_window_offscreen_and_quits(tmp_path: Path) -> None:
    assert _bundle(tmp_path, "demo", "--db", "demo.sqlite").returncode == 0
    report = tmp_path / "start.json"
    started = _bundle(tmp_path, "--db", "demo.sqlite", COOPDESK_START_PROBE=str(report))
    assert started.returncode == 0, started.stderr
    seen = json.loads(report.read_text())
    assert seen["painted"] <= seen["loaded"] and seen["countries"] >= 193 and seen["closed"] is True
    assert "[window]" in (tmp_path / "config" / "coopdesk" / "coopdesk.ini").read_text()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 check is for Linux")
def test_the_bundle_says_plainly_when_there_is_no_display(tmp_path: Path) -> None:
    env = {k: v for k, v in _environment(tmp_path).items() if k not in ("QT_QPA_PLATFORM",)}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    started = subprocess.run(
        [str(BUNDLE), "--db", "x.sqlite"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert started.returncode == 1
    assert started.stderr.startswith("coopdesk cannot open its window: there is no graphical desktop here")
    assert not (tmp_path / "x.sqlite").exists()


def test_the_bundle_carries_its_desktop_entry_and_icon() -> None:
    folder = BUNDLE.parent
    if sys.platform == "win32":
        assert (folder / "coopdesk.exe").is_file()
        return
    entry = (folder / "share" / "coopdesk.desktop").read_text()
    assert "Exec=coopdesk" in entry and "Icon=coopdesk" in entry
    png = (folder / "share" / "coopdesk.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    from PySide6.QtGui import QImage

    image = QImage.fromData(png)
    assert (image.width(), image.height()) == (256, 256)
    assert os.access(folder / "install-desktop-entry.sh", os.X_OK)
    assert io.BytesIO((folder / "share" / "coopdesk.svg").read_bytes()).read(4) == b"<svg"


def test_the_bundle_carries_every_locale_of_babel() -> None:
    """Amounts and currency names come from Babel's data: every locale's, not only the English one
    (a language left out would fail in the bundle alone)."""
    data = BUNDLE.parent / "_internal" / "babel" / "locale-data"
    assert {"root.dat", "en_GB.dat", "fr.dat", "es.dat", "ru.dat", "ar.dat", "zh.dat"} <= {
        p.name for p in data.iterdir()
    }
