"""Country notes on the stress database: one note as text/HTML and as PDF; PDF notes for all 193 States;
each in English and in French.

Timed in this process after one warm-up, as the window and the batch job run them: reading the State's
records, building the note and rendering it. The State is the busiest of the stress database (the worst
case), and the note is drafted as of the last day of the generated data. The French rows draft the same
notes in French (``lang="fr"``), with the French letterhead.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from typing import Any

from bench.measure import Context, Row, checked, median_time

AS_OF = dt.date(2025, 6, 30)


def _busiest_and_median(db: Any) -> tuple[str, str, dict[str, int]]:
    from coopdesk.records.service import RecordService

    counts = RecordService(db).counts_by_country()
    ordered = sorted(counts, key=lambda c: (counts[c], c))
    return ordered[-1], ordered[len(ordered) // 2], counts


def run(ctx: Context) -> list[Row]:
    try:  # the note's code present?
        import coopdesk.note.builder
        import coopdesk.note.render.pdf  # noqa: F401
    except ImportError as exc:
        reason = f"the note builder or its renderers are missing ({exc})"
        return [
            Row.unavailable("Note for one country: text/HTML", "≤ 0.15 s", reason),
            Row.unavailable("Note for one country: PDF", "≤ 0.5 s", reason),
            Row.unavailable("PDF notes for all 193 States", "≤ 60 s", reason),
        ]
    rows = [*_one_country(ctx, "en"), _batch(ctx, "en")]
    rows += [*_one_country(ctx, "fr"), _batch(ctx, "fr")]
    return rows


#: How a row names the language of its notes ("" for English, the rows' first and usual language).
_IN = {"en": "", "fr": " in French"}


def _one_country(ctx: Context, lang: str) -> list[Row]:
    from coopdesk.db.opener import open_database
    from coopdesk.note.builder import draft_note, letterhead
    from coopdesk.note.render.html import render_html
    from coopdesk.note.render.pdf import render_pdf
    from coopdesk.note.render.text import render_text

    db = open_database(ctx.stress_db, read_only=True)
    try:
        iso3, typical, counts = _busiest_and_median(db)
        head = letterhead(db, lang)

        def text_and_html(code: str = iso3) -> None:
            doc = draft_note(db, code, AS_OF, lang=lang)
            render_html(doc)
            render_text(doc)

        def pdf(code: str = iso3) -> None:
            render_pdf(draft_note(db, code, AS_OF, lang=lang), head)

        runs = max(ctx.runs, 5)
        text_s, text_samples = median_time(text_and_html, runs)
        pdf_s, pdf_samples = median_time(pdf, runs)
        typical_text, _ = median_time(lambda: text_and_html(typical), runs)
        typical_pdf, _ = median_time(lambda: pdf(typical), runs)
        busiest = f"{iso3}, the busiest State ({counts[iso3]} records)"
        median_state = f"{typical}, the median State ({counts[typical]} records)"
        return [
            checked(
                f"Note for one country{_IN[lang]}: text/HTML",
                text_s,
                "s",
                0.15,
                "≤ 0.15 s",
                samples=text_samples,
                note=f"{busiest}; read + build + HTML + text. {median_state}: {typical_text:.3f} s",
            ),
            checked(
                f"Note for one country{_IN[lang]}: PDF",
                pdf_s,
                "s",
                0.5,
                "≤ 0.5 s",
                samples=pdf_samples,
                note=f"{busiest}; read + build + PDF. {median_state}: {typical_pdf:.3f} s",
            ),
        ]
    finally:
        db.dispose()


def _batch(ctx: Context, lang: str) -> Row:
    """All 193 notes as PDF through the product's own batch job, into a scratch folder."""
    measure = f"PDF notes for all 193 States{_IN[lang]}"
    try:
        from coopdesk.note.batch import batch_countries, write_notes
    except ImportError as exc:
        return Row.unavailable(measure, "≤ 60 s", f"coopdesk.note.batch has not landed ({exc})")
    from coopdesk.base.progress import SILENT
    from coopdesk.db.opener import open_database

    out = ctx.work_dir / "notes"
    samples = []
    files = 0
    for _ in range(1 if ctx.quick else 2):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        db = open_database(ctx.stress_db, read_only=True)
        try:
            countries = [c for c in batch_countries(db) if c in _member_states(db)]
            started = time.perf_counter()
            files = len(write_notes(db, countries, AS_OF, out, "pdf", SILENT, lang=lang).written)
            samples.append(time.perf_counter() - started)
        finally:
            db.dispose()
    shutil.rmtree(out, ignore_errors=True)
    elapsed = statistics.median(samples)
    note = f"{files} PDF files, runs {', '.join(f'{s:.1f}' for s in samples)} s"
    if files != 193:
        return Row(measure, elapsed, "s", "≤ 60 s", False, samples=samples, note=note + " (expected 193)")
    return checked(measure, elapsed, "s", 60.0, "≤ 60 s", samples=samples, note=note)


def _member_states(db: Any) -> set[str]:
    from coopdesk.records.service import RecordService

    return {str(c.key) for c in RecordService(db).list("country", where={"member": True})}
