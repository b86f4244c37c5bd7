"""The bundle (``make bundle``: dist/coopdesk) against the installed package, and the display check.

- Size: the folder on disk (files and bytes), and packed as a .tar.gz (what a workstation downloads).
- Cold start: the bundle's executable and the installed ``coopdesk`` command take turns on fresh copies of
  the stress database, offscreen, each started with ``COOPDESK_START_PROBE`` (the window opens, loads,
  closes itself and writes when it was painted and loaded); timed from just before the process is
  spawned. The first pair warms the file cache and is not counted. Target: the bundle within 1.5x.
- The display check (``coopdesk.system_check.display``) in a fresh process, as on X11: its whole time,
  and the part of it that loads the X11 plugin's libraries (which Qt would otherwise load moments later).
  With an X display (``DISPLAY`` set), also the cold start on X11 with and without the check.

Measures whose bundle is not built say so ("not available yet: run make bundle").
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.measure import Context, NotAvailable, Row, against

ROOT = Path(__file__).resolve().parents[1]
BUNDLE = ROOT / "dist" / "coopdesk"
PROGRAM = BUNDLE / ("coopdesk.exe" if sys.platform == "win32" else "coopdesk")
INSTALLED = Path(sys.executable).with_name("coopdesk.exe" if sys.platform == "win32" else "coopdesk")

NO_CHECK = """
import sys
from coopdesk.launcher import prepare_gui_start
prepare_gui_start(sys.argv[1])
from coopdesk.ui.shell.app import run_app
sys.exit(run_app(sys.argv[1]))
"""
WITH_CHECK = """
import sys
from coopdesk.launcher import prepare_gui_start, window_can_open
if not window_can_open():
    sys.exit(1)
prepare_gui_start(sys.argv[1])
from coopdesk.ui.shell.app import run_app
sys.exit(run_app(sys.argv[1]))
"""
# What the display check adds to a start, without a display: the start's steps up to Qt, ending with
# loading the X11 plugin as Qt does when it starts on X11, with the check first and without it, in
# alternating fresh processes. The check's imports only come earlier than the start's own, and the
# plugin it loads Qt then finds loaded: what remains is what it adds.
_START_STEPS = """
import json, os, sys, time
started, cpu = time.perf_counter(), time.process_time()
import coopdesk.launcher
if sys.argv[2] == "check":
    from coopdesk.system_check.display import window_start_problem
    assert window_start_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": "localhost:0"}, "linux") is None
checked, checked_cpu = time.perf_counter(), time.process_time()
coopdesk.launcher.prepare_gui_start(sys.argv[1])
import PySide6.QtWidgets
import _ctypes, importlib.util
from pathlib import Path
folder = Path(importlib.util.find_spec("PySide6").submodule_search_locations[0])
_ctypes.dlopen(str(folder / "Qt/plugins/platforms/libqxcb.so"), os.RTLD_LAZY | os.RTLD_LOCAL)
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "cpu": time.process_time() - cpu,
    "check": checked - started,
    "check_cpu": checked_cpu - cpu,
}))
"""


def run(ctx: Context) -> list[Row]:
    rows = _display_check(ctx)
    if not PROGRAM.is_file():
        reason = "run make bundle first"
        return [
            Row.unavailable("Bundle: size of dist/coopdesk", "for information", reason),
            Row.unavailable("Bundle: cold start to a painted window (stress database)", "≤ 1.5x", reason),
            *rows,
        ]
    _byte_compile()
    with tempfile.TemporaryDirectory(prefix="coopdesk-bundle-bench-") as tmp:
        home = Path(tmp)
        return [_size(home), *_cold_start(ctx, home), *rows]


def _byte_compile() -> None:
    """As gui_bench does: the installed package's modules compiled, as pip compiles a wheel's."""
    import compileall

    import coopdesk

    compileall.compile_dir(str(Path(coopdesk.__file__).parent), quiet=1)


def _size(home: Path) -> Row:
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files) / 1e6
    archive = home / "coopdesk.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname="coopdesk")
    packed = archive.stat().st_size / 1e6
    archive.unlink()
    return Row(
        "Bundle: size of dist/coopdesk",
        size,
        "MB",
        "for information",
        None,
        note=f"{len(files):,} files; {packed:.0f} MB as a .tar.gz",
    )


def _environment(home: Path, probe: Path, platform: str = "offscreen") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(
        QT_QPA_PLATFORM=platform,
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),  # no settings: every start is a first start
        XDG_CACHE_HOME=str(home / "cache"),
        COOPDESK_USER="bench",
        COOPDESK_START_PROBE=str(probe),
    )
    env.pop("PYTHONSTARTUP", None)
    return env


def _start(command: list[str], ctx: Context, home: Path, platform: str = "offscreen") -> dict[str, float]:
    """One cold start on a fresh copy of the stress database: seconds to the first paint, to loaded and
    to the end of the process."""
    for leftover in home.glob("stress.sqlite*"):
        leftover.unlink()
    shutil.rmtree(home / "config", ignore_errors=True)
    db = home / "stress.sqlite"
    shutil.copy(ctx.stress_db, db)
    probe = home / "start.json"
    probe.unlink(missing_ok=True)
    started = time.time()
    proc = subprocess.run(
        [*command, str(db)],
        env=_environment(home, probe, platform),
        capture_output=True,
        text=True,
        timeout=300,
    )
    ended = time.time()
    if proc.returncode != 0 or not probe.is_file():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise NotAvailable(f"{command[0]} did not start ({tail})")
    seen: dict[str, Any] = json.loads(probe.read_text())
    return {"painted": seen["painted"] - started, "loaded": seen["loaded"] - started, "exit": ended - started}


def _cold_start(ctx: Context, home: Path) -> list[Row]:
    measure = "Bundle: cold start to a painted window (stress database)"
    loaded_measure = "Bundle: cold start until the window has loaded"
    installed_name = "the installed coopdesk command"
    installed_command = (
        [str(INSTALLED), "--db"] if INSTALLED.is_file() else [sys.executable, "-m", "coopdesk", "--db"]
    )
    bundle: list[dict[str, float]] = []
    installed: list[dict[str, float]] = []
    try:
        for i in range(ctx.runs + 1):  # the first pair warms the file cache and is not counted
            b = _start([str(PROGRAM), "--db"], ctx, home)
            p = _start(installed_command, ctx, home)
            if i:
                bundle.append(b)
                installed.append(p)
    except NotAvailable as exc:
        return [Row.unavailable(measure, "≤ 1.5x", str(exc))]

    def runs(samples: list[dict[str, float]], key: str) -> str:
        return ", ".join(f"{s[key]:.2f}" for s in samples)

    painted = statistics.median(s["painted"] for s in bundle)
    loaded = statistics.median(s["loaded"] for s in bundle)
    installed_painted = statistics.median(s["painted"] for s in installed)
    installed_loaded = statistics.median(s["loaded"] for s in installed)
    return [
        against(
            measure,
            painted,
            installed_painted,
            installed_name,
            "s",
            1.5,
            samples=[s["painted"] for s in bundle],
            note=f"bundle runs {runs(bundle, 'painted')} s; installed runs {runs(installed, 'painted')} s; "
            f"to the end of the process (window closed) {statistics.median(s['exit'] for s in bundle):.2f} s "
            f"against {statistics.median(s['exit'] for s in installed):.2f} s",
        ),
        Row(
            loaded_measure,
            loaded,
            "s",
            "for information",
            None,
            baseline=installed_loaded,
            baseline_name=installed_name,
            ratio=loaded / installed_loaded,
            samples=[s["loaded"] for s in bundle],
            note=f"bundle runs {runs(bundle, 'loaded')} s; installed runs {runs(installed, 'loaded')} s",
        ),
    ]


def _start_steps(with_check: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="coopdesk-check-bench-") as tmp:
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                _START_STEPS,
                str(Path(tmp) / "none.sqlite"),
                "check" if with_check else "-",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def _display_check(ctx: Context) -> list[Row]:
    measure = "Display check before Qt starts (X11): what it adds to a start"
    if not sys.platform.startswith("linux"):
        return [Row.unavailable(measure, "for information", "Linux only")]
    try:
        _start_steps(True), _start_steps(False)  # warm the file cache
        pairs = [(_start_steps(True), _start_steps(False)) for _ in range(max(ctx.runs, 5) * 2)]
    except subprocess.CalledProcessError as exc:
        return [Row.unavailable(measure, "for information", f"the check failed: {exc.stderr.strip()[-200:]}")]
    # Processor time, not wall time: on a shared machine the wall time of one start varies by more than
    # the few milliseconds measured here.
    added = [(a["cpu"] - b["cpu"]) * 1000 for a, b in pairs]
    own = statistics.median(a["check_cpu"] - b["check_cpu"] for a, b in pairs) * 1000
    wall = statistics.median((a["seconds"] - b["seconds"]) * 1000 for a, b in pairs)
    rows = [
        Row(
            measure,
            statistics.median(added),
            "ms",
            "for information",
            None,
            samples=added,
            note=f"processor time, median of {len(pairs)} alternating pairs of fresh processes (the start's "
            f"steps up to Qt loading its X11 plugin, with the check and without); the check itself takes "
            f"{own:.1f} ms where it runs, mostly imports and libraries the start then finds done; "
            f"a start without it {statistics.median(b['cpu'] for _, b in pairs) * 1000:.0f} ms; "
            f"wall time added {wall:.1f} ms (noisy)",
        )
    ]
    return rows + _x11_start(ctx)


def _x11_start(ctx: Context) -> list[Row]:
    """With an X display: the whole cold start on X11, with the check and without it, alternating."""
    measure = "Cold start on X11 with the display check (stress database)"
    if not os.environ.get("DISPLAY"):
        return [Row.unavailable(measure, "for information", "needs an X display (DISPLAY)")]
    with_check: list[dict[str, float]] = []
    without: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="coopdesk-x11-bench-") as tmp:
        home = Path(tmp)
        try:
            for i in range(ctx.runs + 1):
                a = _start([sys.executable, "-c", WITH_CHECK], ctx, home, platform="xcb")
                b = _start([sys.executable, "-c", NO_CHECK], ctx, home, platform="xcb")
                if i:
                    with_check.append(a)
                    without.append(b)
        except NotAvailable as exc:
            return [Row.unavailable(measure, "for information", str(exc))]
    figure = statistics.median(s["painted"] for s in with_check)
    baseline = statistics.median(s["painted"] for s in without)
    return [
        Row(
            measure,
            figure,
            "s",
            "for information",
            None,
            baseline=baseline,
            baseline_name="the same start without the check",
            ratio=figure / baseline,
            samples=[s["painted"] for s in with_check],
            note="with the check "
            + ", ".join(f"{s['painted']:.3f}" for s in with_check)
            + " s; without "
            + ", ".join(f"{s['painted']:.3f}" for s in without)
            + " s",
        )
    ]
