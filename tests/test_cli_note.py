"""``coopdesk note``: one State to a file, or a group into a folder; bad input is one plain line."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from test_note_builder import missing_facts

from coopdesk.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopdesk", *args], capture_output=True, text=True, timeout=120
    )


def test_the_done_when_command_writes_the_reference_note_as_pdf(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "note.pdf"
    result = run(
        "note",
        "BLR",
        "--as-of",
        "2009-10-30",
        "--format",
        "pdf",
        "-o",
        str(target),
        "--db",
        str(demo_db_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert missing_facts(text) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


@pytest.mark.parametrize(
    ("fmt", "check"),
    [
        ("txt", lambda data: missing_facts(data.decode("utf-8")) == []),
        ("html", lambda data: data.startswith(b"<!DOCTYPE html>") and b"13 out of 16" in data),
        ("docx", lambda data: any("13 out of 16" in p.text for p in Document(io.BytesIO(data)).paragraphs)),
    ],
)
def test_other_formats_by_option(demo_db_path: Path, tmp_path: Path, fmt: str, check: object) -> None:
    target = tmp_path / f"belarus.{fmt}"
    code = main(
        [
            "--db",
            str(demo_db_path),
            "note",
            "Belarus",
            "--as-of",
            "30/10/2009",
            "--format",
            fmt,
            "-o",
            str(target),
        ]
    )
    assert code == 0
    assert callable(check) and check(target.read_bytes())


def test_format_follows_the_file_name_when_not_given(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "note.txt"
    assert (
        main(
            [
                "note",
                "Republic of Belarus",
                "--as-of",
                "2015-01-01",
                "-o",
                str(target),
                "--db",
                str(demo_db_path),
            ]
        )
        == 0
    )
    assert "13 of the 19" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["note", "Narnia", "-o", "{out}/x.pdf"], "coopdesk: 'Narnia' is not a known country"),
        (
            ["note", "BLR", "--as-of", "2009-13-45", "-o", "{out}/x.pdf"],
            "coopdesk: '2009-13-45' is not a date",
        ),
        (["note", "BLR", "--as-of", "2009", "-o", "{out}/x.pdf"], "coopdesk: '2009' is not a full date"),
        (["note", "BLR", "-o", "{out}/missing/x.pdf"], "coopdesk: cannot write"),
        (["note", "--all", "-o", "{out}/../demo.sqlite"], "coopdesk: cannot write notes into"),
        (["note", "--all", "--group", "Mars", "-o", "{out}"], "coopdesk: 'Mars' is not a regional group"),
        (["note", "-o", "{out}/x.pdf"], "coopdesk: give either a COUNTRY or --all"),
    ],
)
def test_bad_input_is_one_plain_line_and_writes_nothing(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    before = demo_db_path.read_bytes()
    code = main(["--db", str(demo_db_path), *[a.format(out=out) for a in args]])
    err = capsys.readouterr().err
    assert code != 0
    assert err.startswith(message), err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert list(out.iterdir()) == []
    assert demo_db_path.read_bytes() == before


def test_batch_writes_a_pdf_for_each_state_with_something_to_say_and_a_summary_of_all(
    demo_db_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes" / "2009"  # created by the run
    result = run(
        "note",
        "--all",
        "--group",
        "Eastern European",
        "--as-of",
        "2009-10-30",
        "-o",
        str(folder),
        "--db",
        str(demo_db_path),
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["BLR Belarus note 2009-10-30.pdf", "Summary of the notes 2009-10-30.csv"]
    assert "note 4 of 23: Belarus" in result.stderr
    assert "1 note written" in result.stdout
    assert "22 States got no note" in result.stdout and "Albania" in result.stdout
    with (folder / "Summary of the notes 2009-10-30.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = {row["ISO code"]: row for row in csv.DictReader(f)}
    assert len(rows) == 23
    assert rows["BLR"]["Note"] == "BLR Belarus note 2009-10-30.pdf"
    assert rows["BLR"]["Left out of the note"] == ""  # the demo carries the checks its negatives need
    assert rows["RUS"]["Note"] == "no note: no records as of 30 October 2009"
    assert "(projects never checked complete) (mark complete)" in rows["RUS"]["Left out of the note"]
    text = " ".join(
        PdfReader(str(folder / "BLR Belarus note 2009-10-30.pdf")).pages[0].extract_text().split()
    )
    assert "As of 30 October 2009" in text


def test_the_written_note_gets_the_usual_file_permissions(demo_db_path: Path, tmp_path: Path) -> None:
    """A temporary file starts private (0600); the note must not stay unreadable to the rest of the office."""
    import os

    from coopdesk.launcher import main as cli

    target = tmp_path / "note.txt"
    mask = os.umask(0o022)
    try:
        assert (
            cli(
                [
                    "note",
                    "BLR",
                    "--as-of",
                    "2009-10-30",
                    "--format",
                    "txt",
                    "-o",
                    str(target),
                    "--db",
                    str(demo_db_path),
                ]
            )
            == 0
        )
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_notes_for_all_states_of_the_demo_claim_no_absence_nobody_recorded(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As of 2015 the demo's checks (of 30 October 2009) no longer cover the date: the one note written
    says no negative, and the summary names every State that got no note."""
    folder = tmp_path / "all"
    args = ["note", "--all", "--as-of", "2015-01-01", "--format", "txt", "-o", str(folder)]
    assert main([*args, "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"1 note written to {folder}.")
    assert "194 States got no note" in out
    notes = [p for p in folder.iterdir() if p.suffix == ".txt"]
    assert [p.name for p in notes] == ["BLR Belarus note 2015-01-01.txt"]
    text = notes[0].read_text(encoding="utf-8")
    for negative in ("has not ratified", "remaining", "does not belong", "not supporting any"):
        assert negative not in text
    with (folder / "Summary of the notes 2015-01-01.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 195
    without = [r["State"] for r in rows if r["Note"].startswith("no note")]
    assert len(without) == 194 and "Afghanistan" in without and "Belarus" not in without
    (belarus,) = [r for r in rows if r["ISO code"] == "BLR"]
    assert (
        "last checked complete on 30 October 2009, before the note's date" in belarus["Left out of the note"]
    )


def test_a_single_note_lists_what_it_left_out_on_stderr(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "afghanistan.txt"
    assert main(["note", "AFG", "--as-of", "2009-10-30", "-o", str(target), "--db", str(demo_db_path)]) == 0
    captured = capsys.readouterr()
    assert (
        target.read_text(encoding="utf-8")
        .rstrip()
        .endswith("No records for Afghanistan as of 30 October 2009.")
    )
    assert "The records hold nothing on AFG as of 30 October 2009: the note says so." in captured.err
    assert "Left out of the note on AFG as of 30 October 2009:" in captured.err
    assert "  - Legislative assistance: none recorded;" in captured.err and "(mark complete)" in captured.err
    assert captured.out.startswith("Wrote the note on AFG")
