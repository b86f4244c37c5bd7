"""Every hostile workbook is refused by ``coopdesk import`` in a child process whose peak memory is measured.

Each file is built here from a small good export (see ``hostile_workbooks``) and imported with and
without ``--dry-run``: one plain line on stderr, exit 1, the database file byte for byte the same, and the
importing process's peak resident memory (its VmHWM) under ``MEMORY_BOUND_MB``. The child also runs under an address
space limit, so a file that slipped through fails the test instead of taking the machine down.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.excel.export import export_workbook
from tests.helpers.hostile_workbooks import HARMLESS, HOSTILE

pytestmark = pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc")

MEMORY_BOUND_MB = 400
_ADDRESS_SPACE = 3 * 1024**3  # a safety net only: the bound above is what the test holds

_CHILD = """
import os, resource, sys
limit = int(os.environ["COOPDESK_TEST_AS"])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from coopdesk.cli import main
try:
    code = main(sys.argv[1:])
finally:
    # The peak of this process's own memory: VmHWM starts afresh at exec, where ru_maxrss keeps the
    # peak of the process it was forked from (pytest's).
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["COOPDESK_TEST_RSS"], "w") as out:
        out.write(peak)
sys.exit(code)
"""


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_in_child(book: Path, db: Path, *options: str) -> tuple[int, str, float]:
    """Exit code, stderr and peak memory (MB) of ``coopdesk import`` run in a fresh process."""
    rss_file = book.with_suffix(".rss")
    env = {**os.environ, "COOPDESK_TEST_AS": str(_ADDRESS_SPACE), "COOPDESK_TEST_RSS": str(rss_file)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, "import", str(book), "--db", str(db), *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert rss_file.exists(), f"the import process died: {done.returncode}\n{done.stderr[-2000:]}"
    return done.returncode, done.stderr, int(rss_file.read_text()) / 1024


@pytest.fixture(scope="module")
def peaks(output_dir: Path) -> Iterator[dict[str, float]]:
    """Each file's peak memory, written to test-output/hostile-workbooks.txt for the README's table."""
    found: dict[str, float] = {}
    yield found
    if found:
        lines = [f"{peak:6.0f} MB  {case}" for case, peak in sorted(found.items(), key=lambda x: -x[1])]
        (output_dir / "hostile-workbooks.txt").write_text(
            f"{len(found)} imports of hostile or odd workbooks, peak memory of the importing process "
            f"(bound {MEMORY_BOUND_MB} MB):\n" + "\n".join(lines) + "\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def good_book(tmp_path_factory: pytest.TempPathFactory, _demo_template: Path) -> Path:
    from coopdesk.db.opener import open_database

    db = open_database(_demo_template, read_only=True)
    try:
        path = tmp_path_factory.mktemp("good") / "good.xlsx"
        export_workbook(db, path)
    finally:
        db.dispose()
    return path


@pytest.mark.parametrize("case", list(HOSTILE))
@pytest.mark.parametrize("dry_run", [True, False], ids=["dry run", "import"])
def test_hostile_workbook_is_refused_within_the_memory_bound(
    case: str, dry_run: bool, good_book: Path, demo_db: Database, tmp_path: Path, peaks: dict[str, float]
) -> None:
    make, expected = HOSTILE[case]
    bad = tmp_path / "bad.xlsx"
    make(good_book, bad)
    assert bad.stat().st_size < 8 * 1024 * 1024  # small on disk, whatever it unpacks to
    db_file = Path(str(demo_db.path))
    demo_db.dispose()
    before = checksum(db_file)
    code, err, peak = import_in_child(bad, db_file, *(["--dry-run"] if dry_run else []))
    assert code == 1, err
    assert err.startswith("coopdesk: bad.xlsx") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert expected in err
    assert checksum(db_file) == before
    peaks[f"{case} ({'dry run' if dry_run else 'import'})"] = peak
    assert peak < MEMORY_BOUND_MB, f"{case}: {peak:.0f} MB"


@pytest.mark.parametrize("case", list(HARMLESS))
def test_odd_but_harmless_workbook_is_read_within_the_memory_bound(
    case: str, good_book: Path, demo_db: Database, tmp_path: Path, peaks: dict[str, float]
) -> None:
    odd = tmp_path / "odd.xlsx"
    HARMLESS[case](good_book, odd)
    db_file = Path(str(demo_db.path))
    demo_db.dispose()
    before = checksum(db_file)
    code, err, peak = import_in_child(odd, db_file, "--dry-run")
    assert code == 0, err
    assert checksum(db_file) == before
    peaks[f"{case} (read, not refused)"] = peak
    assert peak < MEMORY_BOUND_MB, f"{case}: {peak:.0f} MB"
