"""GUI measures: cold start against a bare window, filtering, opening a workspace, search, peak memory.

Every figure comes from a fresh subprocess running ``gui_harness.py`` offscreen: the real window, started
by coopdesk's own entry point on a copy of the stress database, with the event loop running. A start is
timed from just before the process is spawned to the first paint of the main window that shows the
country list; the baseline is a bare ``QMainWindow`` after ``import sqlalchemy.orm``, spawned the same
way, alternately with the app so both see the same machine state.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import Context, NotAvailable, Row, against, checked

HARNESS = Path(__file__).with_name("gui_harness.py")
BASELINE_NAME = "bare PySide6 window + import sqlalchemy.orm"
FILTER_WORDS = ["rep", "gui", "ia", "sw", "ki", "bel"]
SEARCH_WORDS = ["traffick", "belarus"]  # a common word, and a rare one (a full scan)


def _environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["XDG_DATA_HOME"] = str(home / "data")  # settings, recent files and backups stay in the scratch folder
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    env["COOPDESK_USER"] = "bench"
    env.pop("PYTHONSTARTUP", None)
    return env


def spawn(
    args: list[str], home: Path, timeout: float = 180, extra_env: dict[str, str] | None = None
) -> tuple[float, dict[str, Any]]:
    """Run the harness; returns (the wall time it was started at, its RESULT). ``extra_env`` is added to
    the harness's environment (``PYTHONPATH``: another copy of coopdesk, to compare two versions)."""
    started = time.time()
    proc = subprocess.run(
        [sys.executable, str(HARNESS), *args],
        env=_environment(home) | (extra_env or {}),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return started, json.loads(line[len("RESULT ") :])
    tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
    raise NotAvailable(f"the window did not start ({tail})")


def _fresh_copy(ctx: Context, home: Path) -> str:
    """A copy of the stress database per start: a start may write (settings, a daily backup)."""
    target = home / "stress.sqlite"
    for leftover in home.glob("stress.sqlite*"):
        leftover.unlink()
    shutil.copy(ctx.stress_db, target)
    return str(target)


def _busiest_countries(ctx: Context, n: int) -> list[str]:
    from coopdesk.db.opener import open_database
    from coopdesk.records.service import RecordService

    db = open_database(ctx.stress_db, read_only=True)
    try:
        counts = RecordService(db).counts_by_country()
    finally:
        db.dispose()
    ordered = sorted(counts, key=lambda c: (-counts[c], c))
    # The busiest States (the worst case) and a few ordinary ones from the middle of the list.
    return ordered[: n // 2] + ordered[len(ordered) // 2 : len(ordered) // 2 + n - n // 2]


def baseline_start(home: Path, extra_env: dict[str, str] | None = None) -> float:
    """One start of the bare window (seconds to its first paint): how fast the machine is just now."""
    started, result = spawn(["baseline"], home, extra_env=extra_env)
    return float(result["painted"] - started)


def _byte_compile() -> None:
    """Compile coopdesk's modules to bytecode first, as installing the package does (pip compiles a
    wheel's modules at install). A development checkout is an editable install, whose modules are
    otherwise compiled on every start when PYTHONDONTWRITEBYTECODE is set, as on these machines: the
    baseline's libraries, installed by pip, are already compiled, so the app would pay a cost no
    installed coopdesk pays."""
    import compileall

    import coopdesk

    compileall.compile_dir(str(Path(coopdesk.__file__).parent), quiet=1)


def run(ctx: Context) -> list[Row]:
    rows: list[Row] = []
    _byte_compile()
    with tempfile.TemporaryDirectory(prefix="coopdesk-bench-") as tmp:
        home = Path(tmp)
        rows += _cold_start(ctx, home)
        rows.extend(_interaction(ctx, home))
    return rows


def _cold_start(ctx: Context, home: Path) -> list[Row]:
    measure = "Cold start to a painted main window (stress database)"
    loaded_measure = "Cold start until the window has loaded (takes input)"
    base_times: list[float] = []
    app_times: list[float] = []
    loaded_times: list[float] = []
    try:
        for i in range(ctx.runs + 1):  # the first pair warms the file cache and is not counted
            started, result = spawn(["baseline"], home)
            base = result["painted"] - started
            db = _fresh_copy(ctx, home)
            started, result = spawn(["app", db], home)
            if "error" in result:
                raise NotAvailable(result["error"])
            if i:
                base_times.append(base)
                app_times.append(result["painted_with_countries"] - started)
                loaded_times.append(result["loaded"] - started)
    except NotAvailable as exc:
        return [
            Row.unavailable(measure, "≤ 1.3x", str(exc)),
            Row.unavailable(loaded_measure, "for information", str(exc)),
        ]
    baseline = statistics.median(base_times)
    loaded = statistics.median(loaded_times)
    return [
        against(
            measure,
            statistics.median(app_times),
            baseline,
            BASELINE_NAME,
            "s",
            1.3,
            samples=app_times,
            note=f"app runs {', '.join(f'{t:.2f}' for t in app_times)} s; "
            f"baseline runs {', '.join(f'{t:.2f}' for t in base_times)} s",
        ),
        Row(
            loaded_measure,
            loaded,
            "s",
            "for information",
            None,
            baseline=baseline,
            baseline_name=BASELINE_NAME,
            ratio=loaded / baseline,
            samples=loaded_times,
            note=f"runs {', '.join(f'{t:.2f}' for t in loaded_times)} s",
        ),
    ]


def _interaction(ctx: Context, home: Path) -> list[Row]:
    names = (
        ("Filter the country list, per keystroke", "≤ 50 ms median"),
        ("Global search, per keystroke", "≤ 50 ms median"),
        ("Open a country's workspace (overview + tables)", "≤ 100 ms"),
        ("Peak memory of the GUI with the stress database open", "≤ 250 MB"),
    )
    spec = {
        "words": FILTER_WORDS,
        "countries": _busiest_countries(ctx, 6 if ctx.quick else 10),
        "search": SEARCH_WORDS,
    }
    filter_ms: list[float] = []
    search_ms: list[float] = []
    workspace_ms: list[float] = []
    rss: list[float] = []
    base_times: list[float] = []
    errors: list[str] = []
    try:
        for _ in range(max(1, ctx.runs // 2)):
            # The bare window started just before and just after each run: the machine's speed beside
            # the absolute figures (these machines are shared, and a busy hour doubles everything).
            base_times.append(baseline_start(home))
            db = _fresh_copy(ctx, home)
            _, result = spawn(["interact", db, json.dumps(spec)], home, timeout=600)
            if "error" in result:
                errors.append(result["error"])
                continue
            filter_ms += result["filter_ms"]
            search_ms += result["search_ms"]
            workspace_ms += result["workspace_ms"]
            rss.append(result["peak_rss_mb"])
            if result.get("search_error"):
                errors.append(result["search_error"])
            base_times.append(baseline_start(home))
    except NotAvailable as exc:
        return [Row.unavailable(name, target, str(exc)) for name, target in names]
    reason = errors[0] if errors else "nothing measured"
    baseline = statistics.median(base_times) if base_times else None
    rows = []
    for (name, target), samples, unit, limit in (
        (names[0], filter_ms, "ms", 50.0),
        (names[1], search_ms, "ms", 50.0),
        (names[2], workspace_ms, "ms", 100.0),
        (names[3], rss, "MB", 250.0),
    ):
        if not samples:
            rows.append(Row.unavailable(name, target, reason))
            continue
        if unit == "MB":  # peak memory: the worst run counts, not the median
            figure, note = max(samples), f"highest of {len(samples)} runs"
            rows.append(checked(name, figure, unit, limit, target, samples=samples, note=note))
            continue
        figure = statistics.median(samples)
        note = f"{len(samples)} samples, max {max(samples):.0f} {unit}"
        row = checked(name, figure, unit, limit, target, samples=samples, note=note)
        if baseline is not None:
            row.baseline, row.baseline_name, row.baseline_unit = baseline, BASELINE_NAME, "s"
            row.note += f"; bare-window starts {', '.join(f'{t:.2f}' for t in base_times)} s"
        rows.append(row)
    return rows


__all__ = ["run", "spawn"]
