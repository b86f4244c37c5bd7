"""``make bench``: generate the stress database, run every measure, print the table of medians.

    python -m bench [--records N] [--runs N] [--quick] [--only NAME ...]

Measures whose code has not landed print "not available yet" instead of failing. The exit status is 1
when a measured target is missed, so the run can gate a release.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from pathlib import Path

from bench.measure import Context, Row, table

RESULTS = Path(__file__).resolve().parent / "results"

#: (name, module, what it measures) in the order of the issue's table.
BENCHES = [
    ("gui", "bench.gui_bench", "cold start, filter, search, workspace, peak memory"),
    ("excel", "bench.excel_bench", "export and import of the whole stress database"),
    ("notes", "bench.note_bench", "country notes: text/HTML, PDF, all 193 as PDF; in English and in French"),
    ("print", "bench.print_bench", "printing: the preview of a two-page note, all 193 notes into a file"),
    ("stress", "bench.stress_bench", "generating the stress database"),
    ("treaty-status", "bench.treaty_status_bench", "treaty status tables: reconcile, apply, 19 tables"),
    ("bundle", "bench.bundle_bench", "the bundle's size and cold start, and the display check"),
]


def machine() -> str:
    """The machine the figures were taken on, for the results table."""
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
    except ImportError:
        qt = "no Qt"
    import sqlalchemy

    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory} RAM, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {qt}, SQLAlchemy {sqlalchemy.__version__}"
    )


def _run_module(module: object, module_name: str, ctx: Context) -> list[Row]:
    """``run(ctx) -> list[Row]`` is the interface; a module with only ``main(argv)`` (a stand-alone
    script) is run on the stress database in a subprocess and its output shown as it is."""
    run = getattr(module, "run", None)
    if callable(run):
        rows = run(ctx)
        if isinstance(rows, list) and all(isinstance(r, Row) for r in rows):
            return rows
        raise TypeError(f"{module_name}.run() must return a list of bench.measure.Row")
    if callable(getattr(module, "main", None)):
        import subprocess

        proc = subprocess.run(
            [sys.executable, "-m", module_name, "--db", str(ctx.stress_db)],
            capture_output=True,
            text=True,
            timeout=1800,
        )
        print(proc.stdout, proc.stderr, sep="\n", flush=True)
        status = "ran (figures printed above)" if proc.returncode == 0 else f"exited with {proc.returncode}"
        return [Row(module_name, None, "", "see above", None, note=status)]
    raise TypeError(f"{module_name} has neither run(ctx) nor main()")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="size of the stress database")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true", help="fewer runs, for trying the benchmarks out")
    parser.add_argument("--only", nargs="*", choices=[b[0] for b in BENCHES], help="run only these")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("COOPDESK_USER", "bench")

    from bench.stress_db import fresh_stress_db

    print(f"Machine: {machine()}", flush=True)
    print(f"Generating the stress database ({args.records:,} records)…", flush=True)
    path, seconds = fresh_stress_db(RESULTS, args.records)
    print(f"  {path} in {seconds:.1f} s, {path.stat().st_size / 1e6:.0f} MB", flush=True)
    runs = 3 if args.quick else args.runs
    ctx = Context(stress_db=path, work_dir=RESULTS, records=args.records, runs=runs, quick=args.quick)
    rows: list[Row] = []
    for name, module_name, what in BENCHES:
        if args.only and name not in args.only:
            continue
        print(f"Measuring {what}…", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            rows.append(Row.unavailable(what, "see the issue", f"{module_name} has not landed"))
            continue
        try:
            new_rows = _run_module(module, module_name, ctx)
        except Exception as exc:  # one broken measure must not hide the others' figures
            traceback.print_exc()
            new_rows = [
                Row(what, None, "", "see the issue", False, note=f"FAILED: {type(exc).__name__}: {exc}")
            ]
        rows.extend(new_rows)
        print(f"  done in {time.perf_counter() - started:.0f} s", flush=True)
    print()
    print(table(rows))
    missed = [r for r in rows if r.ok is False]
    if missed:
        print(f"\n{len(missed)} target(s) missed: " + "; ".join(r.measure for r in missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
