"""Hostile and broken workbooks: each is refused in plain words and the database file stays byte-identical."""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from coopdesk.cli import main
from coopdesk.db.database import Database
from coopdesk.excel.export import export_workbook
from coopdesk.excel.importer import read_workbook
from coopdesk.excel.limits import Limits, WorkbookRefused
from tests.helpers.hostile_workbooks import rezip

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>"""


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_sheet(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))[1]


def text_renamed(good: Path, bad: Path) -> None:
    bad.write_text("Name,Amount\nBelarus,20000\n")


def truncated(good: Path, bad: Path) -> None:
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) * 2 // 3])


def entity_bomb(good: Path, bad: Path) -> None:
    rezip(good, bad, {"xl/sharedStrings.xml": BILLION_LAUGHS, _first_sheet(good): BILLION_LAUGHS}, level=6)


def zip_bomb(good: Path, bad: Path) -> None:
    # 64 MB of one byte packs into about 60 KB.
    rezip(good, bad, {"xl/media/filler.xml": b" " * (64 * 1024 * 1024)}, level=9)


def million_rows(good: Path, bad: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (i, i, i) for i in range(1, 1_000_001))
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    rezip(good, bad, {_first_sheet(good): sheet}, level=1)


def not_a_workbook_zip(good: Path, bad: Path) -> None:
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("readme.txt", "hello")


CASES: dict[str, tuple[Callable[[Path, Path], None], str]] = {
    "text file renamed .xlsx": (
        text_renamed,
        "is not an Excel workbook (.xlsx), or it is damaged or cut short",
    ),
    "truncated xlsx": (truncated, "is not an Excel workbook (.xlsx), or it is damaged or cut short"),
    "entity-expansion bomb": (entity_bomb, "declares XML entities"),
    "zip bomb": (zip_bomb, "which is how a zip bomb looks"),
    "a million rows": (million_rows, "reaches row 300,001; coopdesk reads at most 300,000 rows"),
    "a zip without a workbook": (not_a_workbook_zip, "it is a zip file without a workbook inside"),
}


@pytest.fixture
def good(demo_db: Database, tmp_path: Path) -> Path:
    path = tmp_path / "good.xlsx"
    export_workbook(demo_db, path)
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_and_the_database_unchanged(
    case: str, good: Path, demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = CASES[case]
    bad = tmp_path / "bad.xlsx"
    make(good, bad)
    with pytest.raises(
        WorkbookRefused, match=expected.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")
    ):
        read_workbook(bad)

    db_file = Path(str(demo_db.path))
    before = checksum(db_file)
    code = main(["import", str(bad), "--db", str(db_file)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and err.startswith("coopdesk: bad.xlsx") and "Traceback" not in err
    assert checksum(db_file) == before


def test_limits_on_unpacked_size_and_file_size(good: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    rezip(good, bad, {"xl/worksheets/big.xml": b"<x>" + b" " * (3 * 1024 * 1024) + b"</x>"}, level=6)
    with pytest.raises(WorkbookRefused, match="unpacks to more than 2 MB"):
        read_workbook(bad, limits=Limits(max_uncompressed_bytes=2 * 1024 * 1024))
    with pytest.raises(WorkbookRefused, match="coopdesk imports workbooks of at most 0 MB"):
        read_workbook(good, limits=Limits(max_file_bytes=1000))


@pytest.mark.parametrize("kind", ["link to /dev/zero", "pipe", "folder", "broken link"])
def test_a_path_that_is_not_a_workbook_file_is_named_for_what_it_is(
    kind: str, demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "book.xlsx"
    if kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
        expected = f"{path} is a device, not a workbook file (it is a link to /dev/zero)."
    elif kind == "pipe":
        os.mkfifo(path)
        expected = f"{path} is a pipe, not a workbook file."
    elif kind == "folder":
        path.mkdir()
        expected = f"{path} is a folder, not a workbook file."
    else:
        path.symlink_to(tmp_path / "gone.xlsx")
        expected = f"{path} is a link to {tmp_path / 'gone.xlsx'}, which does not exist."
    with pytest.raises(WorkbookRefused) as caught:
        read_workbook(path)
    assert str(caught.value) == expected
    db_file = Path(str(demo_db.path))
    demo_db.dispose()
    before = checksum(db_file)
    assert main(["import", str(path), "--db", str(db_file)]) == 1
    assert capsys.readouterr().err == f"coopdesk: {expected}\n"
    assert checksum(db_file) == before
