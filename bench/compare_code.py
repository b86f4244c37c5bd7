"""Two versions of coopdesk measured in alternating pairs: opening workspaces and the global search.

    python -m bench.compare_code BEFORE AFTER [--pairs 5] [--db STRESS.sqlite] [--no-search]

BEFORE and AFTER are folders that each hold a ``coopdesk`` package (``git archive main | tar -x -C DIR``
gives one; ``.`` is this checkout). Each pair runs the bare-window baseline, then ``gui_harness.py
interact`` on one version, the baseline again and the other version, the order turning every pair, so a
change in the machine's load (these machines are shared) falls on both versions alike. The figures are
the medians of every sample of each version, the median of the per-pair differences, and the baseline
measured in the same pairs, to say how fast the machine was.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.gui_bench import SEARCH_WORDS, _busiest_countries, _fresh_copy, baseline_start, spawn
from bench.measure import Context

MEASURES = (("workspace_ms", "open a workspace"), ("search_ms", "search, per keystroke"))


def _version(folder: str) -> dict[str, str]:
    path = Path(folder).resolve()
    if not (path / "coopdesk" / "__init__.py").is_file():
        raise SystemExit(f"{folder} holds no coopdesk package")
    compileall.compile_dir(str(path / "coopdesk"), quiet=1)  # as an installed package is compiled
    return {"PYTHONPATH": str(path)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.compare_code", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--db", default="bench/results/stress.sqlite", help="a stress database")
    parser.add_argument("--workspaces", type=int, default=10, help="States opened per run")
    parser.add_argument("--no-search", action="store_true")
    args = parser.parse_args(argv)
    versions = {"before": _version(args.before), "after": _version(args.after)}
    ctx = Context(Path(args.db), Path(tempfile.gettempdir()), 0, 1)
    spec = {
        "words": [],
        "countries": _busiest_countries(ctx, args.workspaces),
        "search": [] if args.no_search else SEARCH_WORDS,
    }
    samples: dict[str, dict[str, list[float]]] = {v: {m: [] for m, _ in MEASURES} for v in versions}
    run_medians: dict[str, dict[str, list[float]]] = {v: {m: [] for m, _ in MEASURES} for v in versions}
    baselines: list[float] = []
    with tempfile.TemporaryDirectory(prefix="coopdesk-compare-") as tmp:
        home = Path(tmp)
        for pair in range(args.pairs):
            order = ["before", "after"] if pair % 2 == 0 else ["after", "before"]
            for name in order:
                baselines.append(baseline_start(home))
                db = _fresh_copy(ctx, home)
                _, result = spawn(["interact", db, json.dumps(spec)], home, 600, versions[name])
                if "error" in result:
                    raise SystemExit(f"{name}: {result['error']}")
                for measure, _ in MEASURES:
                    if result.get(measure):
                        samples[name][measure] += result[measure]
                        run_medians[name][measure].append(statistics.median(result[measure]))
            line = "; ".join(
                f"{name} {label} {run_medians[name][measure][-1]:.1f} ms"
                for measure, label in MEASURES
                for name in versions
                if run_medians[name][measure]
            )
            print(f"pair {pair + 1}: {line}; baseline {baselines[-2]:.3f}/{baselines[-1]:.3f} s", flush=True)
    print(f"\nbare-window baseline: median {statistics.median(baselines):.3f} s over {len(baselines)} starts")
    for measure, label in MEASURES:
        if not samples["before"][measure]:
            continue
        before, after = samples["before"][measure], samples["after"][measure]
        diffs = [
            a - b for a, b in zip(run_medians["after"][measure], run_medians["before"][measure], strict=True)
        ]
        print(
            f"{label}: before {statistics.median(before):.1f} ms, after {statistics.median(after):.1f} ms "
            f"(medians of {len(before)} and {len(after)} samples); per-pair difference of the run medians "
            f"{statistics.median(diffs):+.1f} ms (runs: {', '.join(f'{d:+.0f}' for d in diffs)})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
