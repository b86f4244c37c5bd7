"""The stress database the benchmarks run on, generated afresh for every run (about 3 s for 100,000)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.stress_data import generate, record_count
from coopdesk.db.opener import open_database


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


def _record_count(text: str) -> int:
    try:
        value = int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of records") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} records: give at least 1")
    return value


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.stress_db --records N --db PATH``: a stress database to try the app on at scale."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.stress_db",
        description="Create a database (or fill an empty one) with generated records for all 193 Member "
        "States: every record type in realistic proportions, real catalogue references, partial dates and "
        "several currencies. The same --seed always gives the same database.",
    )
    parser.add_argument("--records", type=_record_count, default=100_000, metavar="N")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--db", required=True, type=Path, help="the database file to create")
    args = parser.parse_args(argv)
    db = open_database(args.db, create=True)
    try:
        existing = record_count(db)
        if existing:
            print(f"{args.db} already holds {existing} records; give the name of a new file", file=sys.stderr)
            return 1
        started = time.perf_counter()
        counts = generate(db, records=args.records, seed=args.seed)
    finally:
        db.dispose()
    detail = ", ".join(f"{name} {n}" for name, n in counts.items())
    elapsed = time.perf_counter() - started
    print(f"Added {sum(counts.values())} records to {args.db} in {elapsed:.1f} s ({detail}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
