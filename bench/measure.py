"""What every benchmark shares: a result row, medians of repeated runs, the results table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


class NotAvailable(Exception):
    """The code this measure needs has not landed yet (or cannot run here); the row says so."""


@dataclass
class Context:
    """What the runner hands each benchmark."""

    stress_db: Path  # a fresh stress database; copy it before any writing measure
    work_dir: Path  # scratch space for this run (bench/results/)
    records: int
    runs: int  # repetitions for each median
    quick: bool = False


@dataclass
class Row:
    measure: str
    figure: float | None  # the median
    unit: str  # "s", "ms" or "MB"
    target: str  # as the issue states it: "≤ 1.3x", "≤ 50 ms median"
    ok: bool | None  # None: not measured
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None  # figure / baseline, when there is a baseline
    #: The baseline's unit when it differs from the figure's: an absolute figure in ms is shown beside
    #: the bare window's start in s, to say how fast the machine was in that run.
    baseline_unit: str = ""
    samples: list[float] = field(default_factory=list)
    note: str = ""

    @classmethod
    def unavailable(cls, measure: str, target: str, reason: str) -> Row:
        return cls(measure, None, "", target, None, note=f"not available yet: {reason}")


def median_time(fn: Callable[[], object], runs: int, *, warmup: int = 1) -> tuple[float, list[float]]:
    """Median wall time of ``fn()`` in seconds over ``runs`` runs, after ``warmup`` untimed ones."""
    return median_times_alternating([fn], runs, warmup=warmup)[0]


def median_times_alternating(
    fns: list[Callable[[], object]], runs: int, *, warmup: int = 1
) -> list[tuple[float, list[float]]]:
    """``median_time`` of each function, the functions taking turns in every round, so that a change in
    the machine's load (these machines are shared) falls on all of them alike, not on whichever ran
    last."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    samples: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, times in zip(fns, samples, strict=True):
            started = time.perf_counter()
            fn()
            times.append(time.perf_counter() - started)
    return [(statistics.median(times), times) for times in samples]


def checked(measure: str, figure: float, unit: str, limit: float, target: str, **extra: object) -> Row:
    """A row for an absolute target: ok when ``figure <= limit``."""
    return Row(measure, figure, unit, target, figure <= limit, **extra)  # type: ignore[arg-type]


def against(
    measure: str,
    figure: float,
    baseline: float,
    baseline_name: str,
    unit: str,
    max_ratio: float,
    **extra: object,
) -> Row:
    """A row for a target relative to a baseline measured in the same run."""
    ratio = figure / baseline if baseline > 0 else float("inf")
    return Row(
        measure,
        figure,
        unit,
        f"≤ {max_ratio:g}x",
        ratio <= max_ratio,
        baseline=baseline,
        baseline_name=baseline_name,
        ratio=ratio,
        **extra,  # type: ignore[arg-type]
    )


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def table(rows: list[Row]) -> str:
    """The results as a Markdown table (readable in a terminal, pasted as is into bench/README.md)."""
    header = ("Measure", "Median", "Baseline (same run)", "Ratio", "Target", "Met")
    lines = [header]
    for r in rows:
        baseline = (
            f"{_fmt(r.baseline, r.baseline_unit or r.unit)} ({r.baseline_name})"
            if r.baseline is not None
            else "—"
        )
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        met = "n/a" if r.ok is None else ("yes" if r.ok else "NO")
        figure = _fmt(r.figure, r.unit) if r.figure is not None else r.note
        lines.append((r.measure, figure, baseline, ratio, r.target, met))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    out = []
    for n, line in enumerate(lines):
        out.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    notes = [f"- {r.measure}: {r.note}" for r in rows if r.note and r.figure is not None]
    return "\n".join(out + (["", *notes] if notes else []))
