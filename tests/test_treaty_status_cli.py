"""``coopdesk treaty-status INSTRUMENT FILE``: the differences as text; a dry run or a refusal writes nothing."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from coopdesk.cli import main
from coopdesk.db.opener import open_database
from coopdesk.records.service import RecordService

DATA = Path(__file__).parent / "data" / "treaty_status"


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def untoc_count(path: Path) -> int:
    db = open_database(path)
    try:
        return RecordService(db).count("treaty_action", where={"instrument_code": "UNTOC"})
    finally:
        db.dispose()


def test_dry_run_then_apply(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = checksum(demo_db_path)
    table = str(DATA / "untoc-status.html")
    assert main(["treaty-status", "UNTOC", table, "--dry-run", "--db", str(demo_db_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        "Organized Crime Convention: 17 participants in the table (status as at 21 November 2024): "
        "23 to add, 4 not in the catalogue, 1 the same."
    )
    assert "  To add                Belarus (line 39): table: Signature, 14 December 2000" in out
    niue = next(
        n for n, line in enumerate(Path(table).read_text(encoding="utf-8").splitlines(), 1) if "Niue" in line
    )
    assert f"Niue (line {niue - 1}): table: Accession (a), 16 July 2012" in out  # the line of its row
    assert "Nothing was changed (dry run); applying would take 23 of these differences." in out
    assert checksum(demo_db_path) == before

    assert main(["treaty-status", "organized crime convention", table, "--db", str(demo_db_path)]) == 0
    assert out_last(capsys) == "Applied: 23 treaty actions added, 0 corrected, 195 States checked complete."
    assert untoc_count(demo_db_path) == 24


def out_last(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr().out.strip().splitlines()[-1]


def test_conflicts_are_kept_unless_asked(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_database(demo_db_path)
    RecordService(db).create(
        "treaty_action",
        {"instrument_code": "UNTOC", "action": "ratification", "action_date": "2003-06-26"},
        country="TUR",
    )
    db.dispose()
    args = ["treaty-status", "UNTOC", str(DATA / "untoc-pasted.txt"), "--db", str(demo_db_path)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert (
        "  Conflict              Türkiye (line 22): table: Ratification, 25 March 2003; "
        "records: Ratification, 26 June 2003 (another date)"
    ) in out
    assert out.strip().splitlines()[-1] == (
        "Applied: 22 treaty actions added, 0 corrected, 195 States checked complete; 1 conflict left as the records have them."
    )
    assert main([*args, "--take-conflicts"]) == 0
    assert out_last(capsys) == "Applied: 0 treaty actions added, 1 corrected."


def test_a_table_from_standard_input_with_its_date_given(
    demo_db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pasted = (DATA / "untoc-pasted.txt").read_text(encoding="utf-8").replace("Status as at", "Printed")
    monkeypatch.setattr("sys.stdin", io.StringIO(pasted))
    assert (
        main(["treaty-status", "UNTOC", "-", "--as-of", "2024-11-21", "--dry-run", "--db", str(demo_db_path)])
        == 0
    )
    assert "status as at 21 November 2024" in capsys.readouterr().out


def test_problems_are_listed_and_nothing_is_written(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "status.txt"
    table.write_text(
        "Status as at : 21-11-2024\nParticipant\tSignature\tRatification\n"
        "Peru\t14 Dec 2000\t23 Jan 2002\nNarnia\t1 Jan 2001\t\nPeru\t14 Dec 2000\t\n",
        encoding="utf-8",
    )
    before = checksum(demo_db_path)
    assert main(["treaty-status", "UNTOC", str(table), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "coopdesk: Organized Crime Convention: 2 participants in the table (status as at 21 November 2024): "
        "2 problems to fix first; nothing can be applied.",
        "  line 4: 'Narnia' is not a State of the catalogue, nor a name coopdesk knows for one: correct the "
        "name, or add the State to the catalogue",
        "  line 5: Peru is in the table twice (also line 3)",
        "Nothing was changed.",
    ]
    assert checksum(demo_db_path) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "status.txt is empty."),
        (b"\x00\x01\x02" * 1000, "status.txt is not a text, CSV or HTML file"),
        (b"just some words\n", "No table of participants was found in status.txt"),
    ],
)
def test_bad_files_get_one_line(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "status.txt"
    path.write_bytes(content)
    before = checksum(demo_db_path)
    assert main(["treaty-status", "UNTOC", str(path), "--db", str(demo_db_path)]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith(f"coopdesk: {message}")
    assert checksum(demo_db_path) == before


def test_a_50_mb_file(demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "status.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert main(["treaty-status", "UNTOC", str(path), "--db", str(demo_db_path)]) == 1
    assert capsys.readouterr().err.startswith("coopdesk: status.html is 50 MB;")


def test_the_instrument_must_be_one(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    table = str(DATA / "untoc-status.html")
    assert main(["treaty-status", "Nowhere Treaty", table, "--db", str(demo_db_path)]) == 1
    assert "'Nowhere Treaty' is not an instrument of the catalogue" in capsys.readouterr().err
    assert main(["treaty-status", "Protocol", table, "--db", str(demo_db_path)]) == 1
    assert "'Protocol' names 10 instruments: CT07 (1988 Airport Protocol);" in capsys.readouterr().err


def test_a_table_without_its_date_needs_one(demo_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["treaty-status", "UNTOC", str(DATA / "untoc.csv"), "--db", str(demo_db_path)]) == 1
    assert "does not say which day it shows the status on" in capsys.readouterr().err
