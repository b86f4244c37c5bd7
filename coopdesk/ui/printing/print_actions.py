"""Printing from a window: the system print dialog, then the job on a worker thread (progress, Cancel).

The note window, its print preview, the register of letters and the batch of notes all print through
``start_printing``; what is drawn on the paper is ``coopdesk.ui.printing.printer.print_documents``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QWidget

from coopdesk.base.progress import Progress
from coopdesk.ui.printing.pdf_raster import PdfPages
from coopdesk.ui.printing.printer import PrintDocument, PrintResult, print_documents, set_up_printer
from coopdesk.ui.widgets import dialogs
from coopdesk.ui.widgets.tasks import TaskHandle, run_task, show_status


@dataclass(frozen=True)
class PrintJob:
    """What one press of Print sends: its documents (made when the job runs), in order."""

    title: str  # the job's name in the printer queue
    documents: Callable[[], Iterable[PrintDocument]]
    count: int
    page_count: int | None = None  # known for a single document: the print dialog offers a page range

    @classmethod
    def single(cls, title: str, pdf: bytes) -> PrintJob:
        with PdfPages(pdf) as pages:
            page_count = len(pages)
        return cls(title, lambda: [PrintDocument(title, pdf)], 1, page_count)


def chosen_pages(printer: QPrinter, page_count: int | None, current_page: int | None) -> set[int] | None:
    """The pages the print dialog asked for (numbered from 1), or None for all of them."""
    kind = printer.printRange()
    if kind == QPrinter.PrintRange.CurrentPage and current_page:
        return {current_page}
    if kind == QPrinter.PrintRange.PageRange and page_count:
        ranges = printer.pageRanges()
        if not ranges.isEmpty():
            return {n for n in range(1, page_count + 1) if ranges.contains(n)}
        first, last = printer.fromPage(), printer.toPage()
        if first > 0:
            return set(range(first, (last or page_count) + 1))
    return None


def start_printing(
    parent: QWidget | None,
    job: PrintJob,
    *,
    current_page: int | None = None,
    on_done: Callable[[PrintResult], None] | None = None,
) -> TaskHandle[PrintResult] | None:
    """Ask where to print (the system dialog), then print on a worker thread; None when not started."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    set_up_printer(printer)
    printer.setDocName(job.title)
    if not dialogs.choose_printer(parent, printer, job.page_count, current_page):
        return None
    pages = chosen_pages(printer, job.page_count, current_page)

    def work(progress: Progress) -> PrintResult:
        return print_documents(printer, job.documents(), progress, count=job.count, pages=pages)

    def done(result: PrintResult) -> None:
        show_status(parent, f"Printed {result.pages} page{'s' if result.pages != 1 else ''} {result.where}")
        if on_done is not None:
            on_done(result)

    return run_task(parent, "Printing", work, done)
