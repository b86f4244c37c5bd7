"""Printing: the print preview of a two-page note, and all 193 notes printed into one file vs their PDFs.

Preview: the reference note (Belarus as of 30 October 2009, two pages) in a demo database made for the
run. Timed in this process (offscreen) after one warm-up, as the window does it: the note's PDF is
rendered, the preview dialog built and shown, and the time taken is that of the first paint of its
pages (an event filter on the page view). The note window's own Print... (its cover letter too, three
pages) is given for information.

All 193: the member States' notes on the stress database, as ``note_bench`` writes them, printed in one
job through the Qt print path (``print_documents``, Qt's PDF printer: what ``coopdesk note --all
--print-to`` does) against writing the same notes as PDF files (``write_notes``), the two taking turns.
A print of the stress notes is long (about 2,000 dense pages), so it runs once per run. The note gives
the processor time of each as well (``time.process_time``, all threads): on a shared machine wall time
also counts what other work takes of the two cores.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from typing import Any

from bench.measure import Context, Row, against, checked, median_time, median_times_alternating

AS_OF = dt.date(2025, 6, 30)
NOTE_DATE = dt.date(2009, 10, 30)


def run(ctx: Context) -> list[Row]:
    try:
        from coopdesk.ui.printing.print_preview import PrintPreviewDialog  # noqa: F401
        from coopdesk.ui.printing.printer import print_documents  # noqa: F401
    except ImportError as exc:
        reason = f"the print path has not landed ({exc})"
        return [
            Row.unavailable("Print preview of a two-page note", "≤ 0.5 s", reason),
            Row.unavailable("193 notes printed into one file", "≤ 1.5x", reason),
        ]
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(_kind: Any, _context: Any, message: str) -> None:
        if "propagateSizeHints" not in message:  # said by the offscreen platform for every window
            print(message)

    qInstallMessageHandler(quiet)
    app = QApplication.instance() or QApplication(["bench"])
    rows = [_preview(ctx, app)]
    rows.append(_all_notes(ctx))
    return rows


def _preview(ctx: Context, app: Any) -> Row:
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QGraphicsView

    from coopdesk.db.opener import open_database
    from coopdesk.note.builder import draft_note, letterhead
    from coopdesk.note.render.pdf import render_pdf
    from coopdesk.records.demo import load_demo
    from coopdesk.ui.note.note_dialog import NoteDialog
    from coopdesk.ui.printing.print_preview import PrintPreviewDialog

    path = ctx.work_dir / "print-demo.sqlite"
    path.unlink(missing_ok=True)
    db = open_database(path, create=True)
    load_demo(db, user="bench")

    class PaintSeen(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.at: float | None = None

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at = time.perf_counter()
            return False

    def until_painted(dialog: PrintPreviewDialog, started: float) -> float:
        seen = PaintSeen()
        view = dialog.preview.findChild(QGraphicsView)
        view.viewport().installEventFilter(seen)
        dialog.show()
        while seen.at is None or dialog.preview.pageCount() == 0:
            app.processEvents()
        elapsed = seen.at - started
        view.viewport().removeEventFilter(seen)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        return elapsed

    def note_preview() -> float:
        started = time.perf_counter()
        pdf = render_pdf(draft_note(db, "BLR", NOTE_DATE), letterhead(db))
        return until_painted(PrintPreviewDialog("BLR note", pdf), started)

    note_window = NoteDialog(db, "BLR", NOTE_DATE)

    def window_preview() -> float:
        started = time.perf_counter()
        pdf = note_window.document_pdf()
        return until_painted(PrintPreviewDialog("BLR letter and note", pdf), started)

    try:
        runs = max(ctx.runs, 5)
        note_preview()
        samples = [note_preview() for _ in range(runs)]
        window_preview()
        window_samples = [window_preview() for _ in range(runs)]
    finally:
        note_window.deleteLater()
        db.dispose()
        path.unlink(missing_ok=True)
    figure = statistics.median(samples)
    return checked(
        "Print preview of a two-page note",
        figure,
        "s",
        0.5,
        "≤ 0.5 s",
        samples=samples,
        note=f"the Belarus note: PDF + preview to its first paint, runs {_list(samples)} s; from the note "
        f"window (cover letter + note, 3 pages): {statistics.median(window_samples):.3f} s",
    )


def _all_notes(ctx: Context) -> Row:
    from PySide6.QtPrintSupport import QPrinter

    from coopdesk.base.progress import SILENT
    from coopdesk.db.opener import open_database
    from coopdesk.note.batch import batch_countries, note_pdfs, write_notes
    from coopdesk.records.service import RecordService
    from coopdesk.ui.printing.printer import FILE_DPI, PrintDocument, print_documents

    out = ctx.work_dir / "print-notes"
    target = ctx.work_dir / "printed-notes.pdf"
    db = open_database(ctx.stress_db, read_only=True)
    members = {str(c.key) for c in RecordService(db).list("country", where={"member": True})}
    countries = [c for c in batch_countries(db) if c in members]
    printed: dict[str, float] = {}
    processor: dict[str, float] = {}

    def write() -> None:
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        started = time.process_time()
        write_notes(db, countries, AS_OF, out, "pdf", SILENT)
        processor["write"] = time.process_time() - started

    def print_all() -> None:
        started = time.process_time()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        documents = (PrintDocument(name, pdf) for name, pdf in note_pdfs(db, countries, AS_OF))
        result = print_documents(printer, documents, SILENT, count=len(countries))
        printed.update(pages=result.pages, size=target.stat().st_size / 1e6)
        processor["print"] = time.process_time() - started

    try:
        (write_s, write_samples), (print_s, print_samples) = median_times_alternating(
            [write, print_all], 1, warmup=0
        )
        pdf_alone, _ = median_time(lambda: [pdf for _n, pdf in note_pdfs(db, countries, AS_OF)], 1, warmup=0)
    finally:
        db.dispose()
        shutil.rmtree(out, ignore_errors=True)
        target.unlink(missing_ok=True)
    pages = int(printed.get("pages", 0))
    per_page = (print_s - pdf_alone) / pages * 1000 if pages else 0.0
    return against(
        "193 notes printed into one file",
        print_s,
        write_s,
        "writing their 193 PDFs",
        "s",
        1.5,
        samples=print_samples,
        note=f"{len(countries)} notes, {pages} pages, {printed.get('size', 0):.0f} MB; making the PDFs "
        f"{pdf_alone:.1f} s, the print path {per_page:.0f} ms a page ({FILE_DPI:.0f} dpi); writing the PDFs: "
        f"runs {_list(write_samples)} s; processor time: printing {processor.get('print', 0):.1f} s, "
        f"writing {processor.get('write', 0):.1f} s "
        f"({processor.get('print', 0) / max(processor.get('write', 0), 1e-9):.2f}x)",
    )


def _list(samples: list[float]) -> str:
    return ", ".join(f"{s:.3f}" if s < 10 else f"{s:.1f}" for s in samples)
