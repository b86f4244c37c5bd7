"""``coopdesk note --print / --print-to``: the Qt print path from the command line.

``--print-to FILE.pdf`` prints through the same path as a printer into a file, so what a printer would
receive can be looked at (and compared with ``-o FILE.pdf``, the PDF renderer's own file); the file also
carries the pages' text, invisibly, so it can be searched like the renderer's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.page_images import page_images
from tests.ui.test_print_path import assert_same_pages, assert_same_text


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, timeout=180
    )


def test_print_to_a_file_holds_the_pages_of_the_pdf(
    qapp: QApplication, demo_db_path: Path, tmp_path: Path, output_dir: Path
) -> None:
    printed, written = tmp_path / "printed.pdf", tmp_path / "written.pdf"
    common = ("--db", str(demo_db_path), "note", "BLR", "--as-of", "2009-10-30")
    result = run(*common, "--print-to", str(printed))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Printed the note on BLR as of 30 October 2009 (2 pages) to {printed}"
    assert result.stderr == ""
    assert run(*common, "-o", str(written)).returncode == 0
    assert_same_pages(page_images(printed), page_images(written))
    assert_same_text(printed, written.read_bytes())  # searchable as the PDF is, its text invisible
    assert sorted(p.name for p in tmp_path.glob("*.pdf*")) == ["printed.pdf", "written.pdf"]  # no .part
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(printed), str(output_dir / "cli-printed")],
        check=False,
    )


def test_print_without_a_printer_says_so_in_one_line(demo_db_path: Path) -> None:
    result = run("--db", str(demo_db_path), "note", "BLR", "--print")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "coopdesk: no printer is installed: add one in the system's printer settings, or use "
        "--print-to FILE.pdf to see what would be printed"
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["BLR", "--printer", "Office"], "--printer goes with --print"),
        (["BLR"], "give one of -o FILE, --print or --print-to FILE.pdf"),
        (["BLR", "--print", "-o", "x.pdf"], "give one of -o FILE, --print or --print-to FILE.pdf"),
        (["BLR", "--print-to", "x.pdf", "--format", "pdf"], "--format goes with -o"),
    ],
)
def test_print_options_that_do_not_go_together_are_refused(
    demo_db_path: Path, args: list[str], message: str
) -> None:
    result = run("--db", str(demo_db_path), "note", *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_print_to_needs_a_pdf_file_in_an_existing_folder(demo_db_path: Path, tmp_path: Path) -> None:
    wrong = run("--db", str(demo_db_path), "note", "BLR", "--print-to", str(tmp_path / "note.docx"))
    assert wrong.returncode == 1 and "give a name ending in .pdf" in wrong.stderr
    nowhere = run("--db", str(demo_db_path), "note", "BLR", "--print-to", str(tmp_path / "no" / "n.pdf"))
    assert nowhere.returncode == 1 and "does not exist" in nowhere.stderr
    assert "Traceback" not in wrong.stderr + nowhere.stderr
    assert list(tmp_path.glob("*.pdf*")) == list(tmp_path.glob("*.docx*")) == []


def test_a_group_prints_in_one_job(qapp: QApplication, demo_db_path: Path, tmp_path: Path) -> None:
    printed = tmp_path / "group.pdf"
    common = (
        "--db",
        str(demo_db_path),
        "note",
        "--all",
        "--group",
        "Eastern European",
        "--as-of",
        "2009-10-30",
    )
    result = run(*common, "--print-to", str(printed))
    assert result.returncode == 0, result.stderr
    # Only the States whose records say something get a page, as in a folder of notes.
    assert result.stdout.startswith("Printed 1 note as of 30 October 2009 (2 pages) to ")
    assert "22 States got no note, their records saying nothing as of 30 October 2009." in result.stderr
    folder = tmp_path / "notes"
    folder.mkdir()
    assert run(*common, "-o", str(folder)).returncode == 0
    written = [page for path in sorted(folder.glob("*.pdf")) for page in page_images(path)]
    assert len(page_images(printed)) == len(written) == 2
