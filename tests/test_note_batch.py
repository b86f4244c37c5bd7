"""Notes for many States into a folder: progress for each, Cancel leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.note.batch import batch_countries, note_file_name, write_notes

AS_OF = dt.date(2009, 10, 30)


def test_batch_countries_by_group_or_all(db: Database) -> None:
    eastern = batch_countries(db, "eastern european")
    assert "BLR" in eastern and "FRA" not in eastern and len(eastern) == 23
    assert len(batch_countries(db)) == 195
    assert batch_countries(db, "Atlantis") == []


def test_writes_one_file_per_state_and_reports_progress(demo_db: Database, tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    files = write_notes(demo_db, ["BLR", "NLD"], AS_OF, tmp_path, "txt", Progress(lambda *a: seen.append(a)))
    assert [f.name for f in files] == [
        "BLR Belarus note 2009-10-30.txt",
        "NLD Netherlands Kingdom of the note 2009-10-30.txt",
    ]
    assert seen == [(0, 2, "Belarus"), (1, 2, "Netherlands (Kingdom of the)"), (2, 2, "")]
    assert "13 out of 16" in files[0].read_text(encoding="utf-8")
    assert "The Netherlands has not ratified any" in files[1].read_text(encoding="utf-8")


def test_cancel_stops_and_removes_what_this_run_wrote(demo_db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "already here.txt").write_text("mine")
    seen: list[str] = []

    def cancel_at_third(done: int, total: int, name: str) -> None:
        seen.append(name)
        if done == 2:
            progress.cancel()  # as the Cancel button does, from the progress callback's side

    progress = Progress(cancel_at_third)
    with pytest.raises(Cancelled):
        write_notes(demo_db, ["BLR", "NLD", "FRA", "JPN"], AS_OF, folder, "pdf", progress)
    assert seen == ["Belarus", "Netherlands (Kingdom of the)", "France"]
    assert sorted(p.name for p in folder.iterdir()) == ["already here.txt"]


def test_unknown_format_and_missing_folder_are_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'odt' is not an output format"):
        write_notes(demo_db, ["BLR"], AS_OF, tmp_path, "odt", Progress())
    with pytest.raises(FileNotFoundError):
        write_notes(demo_db, ["BLR"], AS_OF, tmp_path / "missing", "pdf", Progress())


def test_file_names_are_safe() -> None:
    assert note_file_name("CIV", "Côte d'Ivoire", AS_OF, "pdf") == "CIV Côte d Ivoire note 2009-10-30.pdf"
    assert note_file_name("X", "a/b\\c:d", AS_OF, "txt") == "X a b c d note 2009-10-30.txt"
