"""The stress database the benchmarks run on, generated afresh for every run (about 3 s for 100,000)."""

from __future__ import annotations

import time
from pathlib import Path

from coopdesk.db.database import open_database
from coopdesk.stress import generate


def fresh_stress_db(folder: Path, records: int, seed: int = 1) -> tuple[Path, float]:
    """Generate the stress database in ``folder``; returns its path and the seconds it took."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"stress-{records}.sqlite"
    for old in folder.glob(f"{path.name}*"):
        old.unlink()
    started = time.perf_counter()
    db = open_database(path, create=True)
    try:
        generate(db, records=records, seed=seed)
        with db.engine.connect() as conn:  # fold the WAL into the file so copies are complete
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return path, time.perf_counter() - started
