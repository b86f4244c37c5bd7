"""Excel export and import of the stress database against the raw libraries writing and reading the same cells.

- Export: ``export_workbook`` of the whole database, against XlsxWriter writing the very same cells (read
  back from the exported file beforehand) with its typed write calls and nothing else, the two taking
  turns run by run. Target ≤ 1.2x.
- Import: ``read_workbook`` + ``plan_import`` + ``apply_import`` of that workbook into a database holding
  only the catalogue (every record is added, with its history), against python-calamine reading every
  sheet plus a bulk insert (SQLAlchemy Core executemany) of the same records and history rows. Target
  ≤ 1.5x.
- The baselines run with Python's cyclic garbage collector paused, as coopdesk's bulk work does, so
  the ratios compare the same conditions.
- Re-import preview of the unchanged workbook into the database it came from (``read_workbook`` +
  ``plan_import``: every sheet read and checked, every row compared, no change found). Target < 1.5 s
  (issue #21), shown against python-calamine reading the same sheets; the two take turns, run by run.

    python -m bench.excel_bench --db STRESS.sqlite [--runs N] [--export-only]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.measure import Context, Row, against, median_times_alternating


def _cells(path: Path) -> dict[str, list[list[Any]]]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    finally:
        book.close()


def _raw_write(cells: dict[str, list[list[Any]]], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "d mmmm yyyy"})
    for name, rows in cells.items():
        ws = book.add_worksheet(name)
        write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "":
                    continue
                if isinstance(value, str):
                    write_string(r, c, value)
                elif isinstance(value, dt.date):
                    write_datetime(r, c, value, date_format)
                else:
                    write_number(r, c, value)
    book.close()


def _stored_rows(db_path: Path) -> list[tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]]:
    """Every record row of the stress database and the history rows an import writes for it."""
    from sqlalchemy import select

    from coopdesk.db.models import HistoryEntry
    from coopdesk.db.opener import open_database
    from coopdesk.records.record import model_for
    from coopdesk.records.types import RECORD_TYPES

    db = open_database(db_path, read_only=True)
    out = []
    now = dt.datetime.now()
    try:
        with db.read() as session:
            for name, rtype in RECORD_TYPES.items():
                table = model_for(rtype).__table__
                rows = [dict(r._mapping) for r in session.execute(select(table))]
                history = [
                    {
                        "at": now,
                        "user": "bench",
                        "action": "import",
                        "record_type": name,
                        "record_id": r["id"],
                        "country_code": r["country_code"],
                        "field": f.name,
                        "old_value": None,
                        "new_value": str(r[f.columns[0]]),
                    }
                    for r in rows
                    for f in rtype.fields
                    if r[f.columns[0]] not in (None, "")
                ]
                out.append((table, rows, history))
        out.append((HistoryEntry.__table__, [], []))
    finally:
        db.dispose()
    return out


def _raw_insert(target: Path, stored: list[tuple[Any, list[dict[str, Any]], list[dict[str, Any]]]]) -> None:
    from sqlalchemy import insert

    from coopdesk.db.models import HistoryEntry
    from coopdesk.db.opener import open_database

    db = open_database(target)
    try:
        with db.write() as session:
            for table, rows, history in stored:
                if rows:
                    session.execute(insert(table), rows)
                if history:
                    session.execute(insert(HistoryEntry.__table__), history)
    finally:
        db.dispose()


def _catalogue_only(source: Path, target: Path) -> None:
    """A copy of the stress database with its catalogue (the generator adds meetings) and no records."""
    from sqlalchemy import delete

    from coopdesk.db.models import RECORD_MODELS, HistoryEntry
    from coopdesk.db.opener import open_database

    shutil.copy(source, target)
    db = open_database(target)
    try:
        with db.write() as session:
            for model in RECORD_MODELS.values():
                session.execute(delete(model))
            session.execute(delete(HistoryEntry))
    finally:
        db.dispose()


def _paused(fn: Callable[..., Any], *args: Any) -> Any:
    """Run a baseline with the cyclic collector paused, as coopdesk.excel runs its own bulk work."""
    from coopdesk.excel.bulk import collector_paused

    with collector_paused():
        return fn(*args)


def _timed_with_setup(
    setup: Callable[[], Any], fn: Callable[[Any], object], runs: int
) -> tuple[float, list[float]]:
    samples = []
    for n in range(runs + 1):
        arg = setup()
        started = time.perf_counter()
        fn(arg)
        if n:  # the first run warms up
            samples.append(time.perf_counter() - started)
    return statistics.median(samples), samples


def run(ctx: Context, *, export_only: bool = False) -> list[Row]:
    try:
        from coopdesk.excel.export import export_workbook
        from coopdesk.excel.importer import apply_import, plan_import, read_workbook
    except ImportError as exc:
        reason = f"coopdesk.excel is missing ({exc})"
        return [
            Row.unavailable("Excel export", "≤ 1.2x", reason),
            Row.unavailable("Excel import", "≤ 1.5x", reason),
        ]
    from coopdesk.db.opener import open_database

    runs = min(ctx.runs, 3)
    work = Path(tempfile.mkdtemp(prefix="excel-bench-", dir=ctx.work_dir))
    try:
        source = work / "source.sqlite"
        shutil.copy(ctx.stress_db, source)
        empty = work / "empty.sqlite"
        _catalogue_only(source, empty)
        book = work / "export.xlsx"
        db = open_database(source, read_only=True)
        try:
            export_workbook(db, book)
            cells = _cells(book)
            n_cells = sum(len(r) for rows in cells.values() for r in rows)
            # The baselines run under the same conditions as coopdesk's code: collector paused. The
            # export and its baseline take turns, so both see the same machine.
            (export_s, export_samples), (raw_write_s, _) = median_times_alternating(
                [lambda: export_workbook(db, book), lambda: _paused(_raw_write, cells, work / "raw.xlsx")],
                ctx.runs,
            )
            export_row = against(
                f"Excel export, {ctx.records:,} records",
                export_s,
                raw_write_s,
                f"XlsxWriter writing the same {n_cells:,} cells",
                "s",
                1.2,
                samples=export_samples,
            )
            if export_only:
                return [export_row]

            def reimport() -> None:
                plan = plan_import(db, read_workbook(book))
                assert plan.ok and not plan.has_changes, plan.headline()

            # The preview and the raw read take turns, as the export and its baseline do.
            (raw_read_s, _), (reimport_s, reimport_samples) = median_times_alternating(
                [lambda: _paused(_cells, book), reimport], ctx.runs
            )
        finally:
            db.dispose()

        stored = _stored_rows(source)
        target = work / "target.sqlite"

        def fresh() -> Path:
            shutil.copy(empty, target)
            return target

        raw_insert_s, _ = _timed_with_setup(fresh, lambda p: _paused(_raw_insert, p, stored), runs)

        def import_all(path: Path) -> None:
            into = open_database(path)
            try:
                plan = plan_import(into, read_workbook(book))
                assert plan.ok and plan.added == ctx.records, plan.headline()
                apply_import(into, plan, user="bench")
            finally:
                into.dispose()

        import_s, import_samples = _timed_with_setup(fresh, import_all, runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return [
        export_row,
        against(
            f"Excel import into an empty database, {ctx.records:,} records",
            import_s,
            raw_read_s + raw_insert_s,
            f"calamine read {raw_read_s:.2f} s + bulk insert {raw_insert_s:.2f} s",
            "s",
            1.5,
            samples=import_samples,
        ),
        Row(
            f"Excel re-import preview, {ctx.records:,} unchanged records",
            reimport_s,
            "s",
            "< 1.5 s",
            reimport_s < 1.5,
            baseline=raw_read_s,
            baseline_name="calamine read",
            ratio=reimport_s / raw_read_s,
            samples=reimport_samples,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.measure import table

    parser = argparse.ArgumentParser(prog="python -m bench.excel_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="a stress database (python -m bench.stress_db --db FILE)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--export-only", action="store_true", help="measure the export alone (quicker)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="excel-bench-"))
    try:
        ctx = Context(stress_db=Path(args.db), work_dir=work, records=args.records, runs=args.runs)
        rows = run(ctx, export_only=args.export_only)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    return 1 if any(r.ok is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
