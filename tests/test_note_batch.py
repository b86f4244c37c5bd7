"""Notes for many States into a folder: progress for each, Cancel leaves nothing behind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.note.batch import batch_countries, note_file_name, write_notes
from coopdesk.records.completeness import Area, mark_complete

AS_OF = dt.date(2009, 10, 30)


def test_batch_countries_by_group_or_all(db: Database) -> None:
    eastern = batch_countries(db, "eastern european")
    assert "BLR" in eastern and "FRA" not in eastern and len(eastern) == 23
    assert len(batch_countries(db)) == 195
    assert batch_countries(db, "Atlantis") == []


def test_writes_one_file_per_state_with_something_to_say_and_reports_progress(
    demo_db: Database, tmp_path: Path
) -> None:
    mark_complete(demo_db, ["NLD"], Area.instrument_set("CT"), AS_OF, "UN Treaty Collection")
    seen: list[tuple[int, int, str]] = []
    folder = tmp_path / "notes"
    result = write_notes(
        demo_db, ["BLR", "NLD", "JPN"], AS_OF, folder, "txt", Progress(lambda *a: seen.append(a))
    )
    assert [f.name for f in result.written] == [
        "BLR Belarus note 2009-10-30.txt",
        "NLD Netherlands Kingdom of the note 2009-10-30.txt",
    ]
    assert seen == [(0, 3, "Belarus"), (1, 3, "Netherlands (Kingdom of the)"), (2, 3, "Japan"), (3, 3, "")]
    assert "13 out of 16" in result.written[0].read_text(encoding="utf-8")
    assert "The Netherlands has not ratified any" in result.written[1].read_text(encoding="utf-8")
    (japan,) = result.without_note
    assert (japan.iso3, japan.path, japan.reason) == ("JPN", None, "no records as of 30 October 2009")
    assert result.summary_path is not None and result.summary_path.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*(f.name for f in result.written), "Summary of the notes 2009-10-30.csv"]
    )
    report = result.report()
    assert report.startswith(f"2 notes written to {folder}.")
    assert "1 State got no note" in report and "Japan" in report


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


def test_unknown_format_and_a_file_for_a_folder_are_refused(demo_db: Database, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'odt' is not an output format"):
        write_notes(demo_db, ["BLR"], AS_OF, tmp_path, "odt", Progress())
    (tmp_path / "a file").write_text("mine")
    with pytest.raises(NotADirectoryError):
        write_notes(demo_db, ["BLR"], AS_OF, tmp_path / "a file", "pdf", Progress())


def test_a_missing_folder_is_created_and_removed_again_if_cancelled(
    demo_db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "notes" / "2009"
    result = write_notes(demo_db, ["BLR"], AS_OF, folder, "txt", Progress())
    assert [p.name for p in result.written] == ["BLR Belarus note 2009-10-30.txt"]
    other = tmp_path / "cancelled"

    def cancel(_done: int, _total: int, _name: str) -> None:
        progress.cancel()

    progress = Progress(cancel)
    with pytest.raises(Cancelled):
        write_notes(demo_db, ["BLR", "FRA"], AS_OF, other, "txt", progress)
    assert not other.exists()


def test_file_names_are_safe() -> None:
    assert note_file_name("CIV", "Côte d'Ivoire", AS_OF, "pdf") == "CIV Côte d Ivoire note 2009-10-30.pdf"
    assert note_file_name("X", "a/b\\c:d", AS_OF, "txt") == "X a b c d note 2009-10-30.txt"
