"""Treaty status tables on the stress database: one table reconciled, one applied, 19 in a row.

The tables are written here as the depositary's saved status page (HTML, the costliest form to read):
every State of the catalogue plus the European Union and Cook Islands (197 participants), footnote
markers on some names, former names on others, signatures and consents dated after the instrument was
adopted. Against the stress database's random treaty actions they give additions, conflicts, the same
and actions only in the records, as a real table would.

- Reconcile: reading the page and comparing it with the records of one instrument (``read_status_file``
  + ``reconcile``), after a warm-up. Target < 0.5 s.
- Apply: every addition and every conflict of that table taken (``apply_reconciliation``), on a fresh
  copy of the stress database each run (the copy is not timed). Target < 1 s.
- 19 tables: the counter-terrorism instruments' tables one after the other, each read, reconciled and
  applied (every addition), on one fresh copy. Target < 10 s.

    python -m bench.treaty_status_bench --db STRESS.sqlite [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import time
from pathlib import Path

from bench.measure import Context, Row, checked, median_time

STATUS_AS_AT = dt.date(2025, 6, 30)
FORMER_NAMES = {
    "CZE": "Czech Republic",
    "TUR": "Turkey",
    "SWZ": "Swaziland",
    "MKD": "The former Yugoslav Republic of Macedonia",
}
MARKS = {"ratification": "", "acceptance": " A", "approval": " AA", "accession": " a", "succession": " d"}


def write_status_page(db: object, instrument: str, path: Path, seed: int = 7) -> int:
    """A saved status page of ``instrument`` for every State of the catalogue (and two non-members);
    returns its number of participants."""
    from coopdesk.records.service import RecordService
    from coopdesk.treaty_status.dates import depositary_text

    service = RecordService(db)  # type: ignore[arg-type]
    entry = service.get("instrument", instrument)
    adopted = entry.get("adopted_date").start() if entry.get("adopted_date") else dt.date(1990, 1, 1)
    span = (STATUS_AS_AT - adopted).days - 2
    rng = random.Random(f"{seed}-{instrument}")
    names = [(str(c.key), c.get("short_name")) for c in service.list("country")]
    names += [("", "European Union"), ("", "Cook Islands")]
    rows = []
    for i, (iso3, name) in enumerate(sorted(names, key=lambda n: n[1])):
        shown = FORMER_NAMES.get(iso3, name)
        if i % 11 == 0:
            shown = f"{shown}<sup>{i % 7 + 1}</sup>"
        signed = adopted + dt.timedelta(days=1 + rng.randrange(span // 2))
        consent_day = signed + dt.timedelta(days=rng.randrange(span // 2))
        action = rng.choice(list(MARKS))
        signature = depositary_text(signed) if rng.random() < 0.7 else ""
        consent = f"{depositary_text(consent_day)}{MARKS[action]}" if rng.random() < 0.85 else ""
        if not signature and not consent:
            consent = f"{depositary_text(consent_day)} a"
        rows.append(
            f"<tr><td>{shown}</td><td>{signature or '&nbsp;'}</td><td>{consent or '&nbsp;'}</td></tr>"
        )
    title = entry.get("title")
    page = (
        "<html><head><title>UNTC</title><script>var x = 1;</script></head><body><table><tr><td>"
        f"<h2>{title}</h2><p>Status as at : {STATUS_AS_AT:%d-%m-%Y} 05:00:12 EDT</p>"
        "<table id='tblgrid'><tr><td>Participant</td><td>Signature</td>"
        "<td>Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)</td></tr>\n"
        + "\n".join(rows)
        + "\n</table></td></tr></table></body></html>\n"
    )
    path.write_text(page, encoding="utf-8")
    return len(rows)


def _copy(source: Path, target: Path) -> Path:
    for old in target.parent.glob(f"{target.name}*"):
        old.unlink()
    shutil.copy(source, target)
    return target


def run(ctx: Context) -> list[Row]:
    from coopdesk.db.opener import open_database
    from coopdesk.treaty_status.apply import apply_reconciliation
    from coopdesk.treaty_status.reading import read_status_file
    from coopdesk.treaty_status.reconcile import DiffKind, reconcile

    folder = ctx.work_dir / "treaty-status"
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(ctx.stress_db, read_only=True)
    try:
        pages = {}
        for n in range(1, 20):
            code = f"CT{n:02d}"
            pages[code] = folder / f"{code}.html"
            participants = write_status_page(db, code, pages[code])
        main_page, main_code = folder / "UNTOC.html", "UNTOC"
        participants = write_status_page(db, main_code, main_page)

        def compare() -> object:
            return reconcile(db, main_code, read_status_file(main_page))

        runs = max(ctx.runs, 5)
        reconcile_s, reconcile_samples = median_time(compare, runs)
        result = compare()
    finally:
        db.dispose()
    assert result.ok, result.problems  # type: ignore[attr-defined]
    counts = ", ".join(f"{result.count(k)} {k.value.lower()}" for k in DiffKind if result.count(k))  # type: ignore[attr-defined]

    apply_samples = []
    for _ in range(runs):
        copy = open_database(_copy(ctx.stress_db, folder / "apply.sqlite"))
        try:
            fresh = reconcile(copy, main_code, read_status_file(main_page))
            taken = [d for d in fresh.differences if d.can_take]
            started = time.perf_counter()
            applied = apply_reconciliation(copy, fresh, taken)
            apply_samples.append(time.perf_counter() - started)
        finally:
            copy.dispose()
    apply_s = statistics.median(apply_samples)

    all_samples = []
    for _ in range(max(1, runs // 2)):
        copy = open_database(_copy(ctx.stress_db, folder / "nineteen.sqlite"))
        try:
            started = time.perf_counter()
            for code, page in pages.items():
                apply_reconciliation(copy, reconcile(copy, code, read_status_file(page)))
            all_samples.append(time.perf_counter() - started)
        finally:
            copy.dispose()
    all_s = statistics.median(all_samples)
    return [
        checked(
            f"Treaty status table, {participants} participants: read and reconciled",
            reconcile_s,
            "s",
            0.5,
            "< 0.5 s",
            samples=reconcile_samples,
            note=counts,
        ),
        checked(
            f"Treaty status table, {participants} participants: applied",
            apply_s,
            "s",
            1.0,
            "< 1 s",
            samples=apply_samples,
            note=f"{applied.added} added, {applied.changed} corrected",
        ),
        checked(
            "19 treaty status tables: read, reconciled, applied",
            all_s,
            "s",
            10.0,
            "< 10 s",
            samples=all_samples,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    from bench.measure import table

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, type=Path, help="the stress database")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    work = args.db.parent
    rows = run(Context(stress_db=args.db, work_dir=work, records=0, runs=args.runs))
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    import sys

    sys.exit(main())
