"""The Qt print path: the PDF renderer's pages drawn onto a ``QPrinter``, page by page.

There is one layout. What is printed, what the print preview shows and what is saved as PDF are the
same pages: the PDF that ``coopdesk.note.render.pdf`` wrote (or the copy stored when a letter was issued),
rendered by PDFium at the printer's resolution (at most ``MAX_DPI``) and drawn on the sheet. The preview
goes through this same function, at a screen resolution; ``coopdesk note --print-to FILE.pdf`` sends it
into a PDF file through Qt's own PDF printer, so anyone can see exactly what a printer would receive.

The sheet is A4 whatever the printer's default; a printer without A4 gets the page scaled to fit,
centred. Each document starts on a new sheet (a blank back is added on a duplex printer). A print to a
file is written under a temporary name and moved into place at the end, so a cancelled or failed print
leaves nothing behind; a cancelled print to a printer is aborted before it is sent.

This runs on a worker thread for long jobs: Qt allows painting on a ``QPrinter`` outside the GUI thread.

What Qt's PDF engine (a PDF file, and the spool of a printer on Linux) spends its time on is compressing
the page images, on the thread that draws them. So the bands of a page that hold no colour are handed
over as 8-bit grey with the engine set to write them as grey images (a third of the bytes), and a print
into a PDF file is rendered at ``FILE_DPI``. (Rendering the next page on a second thread while this one
is drawn was measured and left out: Qt's drawing holds the interpreter lock for the whole compression,
so the render thread waits for it all the same.)

A print into a PDF file also carries each page's text, drawn invisibly over its image where PDFium says
the words stand (``pdf_text``), so the file can be searched and its text selected and copied as in the
PDF it came from; a printer is sent the images only.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrintEngine, QPrinter

from coopdesk.base.file_output import file_mode_for
from coopdesk.base.progress import Progress
from coopdesk.ui.printing.pdf_raster import PageImage, PdfPages
from coopdesk.ui.printing.text_layer import draw_text_layer

#: The highest resolution pages are rendered at for a printer. 300 dpi prints anti-aliased text that
#: reads as sharp as type on an office printer; 600 dpi quadruples the pixels every page sends through
#: Qt's spool, which compresses them (measured on the demo note: 1.1 s a page against 0.25 s).
MAX_DPI = 300.0
#: The resolution of pages printed into a PDF file: 4 pixels to the point, as sharp as 300 dpi when
#: the file is read at 200 % zoom. PDFium draws text up to about 49 pixels high (12 pt type here)
#: from its cache of rendered glyphs and larger text as outlines, so 12 pt body text renders 4 times
#: faster at 288 dpi than at 300, and Qt's PDF engine compresses its images in two thirds of the time
#: (measured on 122 stress-database pages, whole pages in grey: 110 ms a page against 173 ms).
FILE_DPI = 288.0
#: The resolution of the print preview's pages: sharp on screen up to about 150 % zoom.
PREVIEW_DPI = 150.0

A4 = QPageSize(QPageSize.PageSizeId.A4)


class PrintFailed(OSError):
    """The printer (or the file printed to) could not be used; the message says so in plain words."""


@dataclass(frozen=True)
class PrintDocument:
    """One document of a print job: a name for the progress bar and its PDF."""

    name: str
    pdf: bytes


@dataclass(frozen=True)
class PrintResult:
    pages: int  # pages drawn, blank backs not counted
    where: str  # where they went, for the status bar: "to Office-2" or "to /path/file.pdf"


def set_up_printer(printer: QPrinter) -> None:
    """A4 portrait, the whole sheet addressable: the PDF's pages carry their own margins."""
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageSize(A4)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def describe_printer(printer: QPrinter) -> str:
    """Where a job goes, in the words of the status bar."""
    if printer.outputFileName():
        return f"to {printer.outputFileName()}"
    return f"to {printer.printerName()}" if printer.printerName() else "to the printer"


def print_documents(
    printer: QPrinter,
    documents: Iterable[PrintDocument],
    progress: Progress,
    *,
    count: int = 1,
    pages: Collection[int] | None = None,
    dpi: float | None = None,
) -> PrintResult:
    """Print ``documents`` in one job, in order, each from a new sheet; returns what was printed.

    ``count`` is how many documents there are (for the progress bar); ``pages`` the page numbers (from
    1) to print when there is one document, None for all. ``dpi`` is the resolution pages are rendered
    at (default: ``FILE_DPI`` into a PDF file, else the printer's, at most ``MAX_DPI``). Raises ``Cancelled`` (after aborting the job),
    ``PrintFailed``, or ``UnreadablePdf``.
    """
    set_up_printer(printer)
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    collate = printer.collateCopies()
    if copies > 1:
        documents = list(documents)  # each copy goes through them again
    target = printer.outputFileName()
    with _output_file(printer, target):
        job = _Job(printer, progress, count, dpi)
        try:
            for _copy in range(copies if collate else 1):
                for index, document in enumerate(documents):
                    chosen = pages if count == 1 else None
                    job.print_document(index, document, chosen, repeats=1 if collate else copies)
            progress.step(count, count, "")
        except BaseException:
            job.abort()
            raise
        job.finish()
    return PrintResult(job.drawn, describe_printer(printer))


class _Job:
    """The painter on the printer, and where the job is: pages drawn, and on which side of a sheet."""

    def __init__(self, printer: QPrinter, progress: Progress, count: int, dpi: float | None) -> None:
        self.printer = printer
        self.progress = progress
        self.count = count
        self.resolution = float(printer.resolution())
        self.to_pdf_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and bool(
            printer.outputFileName()
        )
        self.dpi = dpi or (FILE_DPI if self.to_pdf_file else min(self.resolution, MAX_DPI))
        self.duplex = printer.duplex() != QPrinter.DuplexMode.DuplexNone
        self.drawn = 0
        self.pages_of_last_document = 0
        self.painter = QPainter()
        if not self.painter.begin(printer):
            target = printer.outputFileName()
            where = f"the file {target}" if target else f"the printer {printer.printerName()}"
            raise PrintFailed(f"Printing could not start: {where} cannot be written to or is not ready.")
        self.painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering, True)
        self.painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        self.sheet = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        engine = self.painter.paintEngine()
        self.colours = _ColourMode(printer) if engine and engine.type() == QPaintEngine.Type.Pdf else None

    def print_document(
        self, index: int, document: PrintDocument, pages: Collection[int] | None, repeats: int
    ) -> None:
        label = document.name if self.count == 1 else f"{document.name} ({index + 1} of {self.count})"
        self.progress.step(index, self.count, f"Printing {label}")
        with PdfPages(document.pdf) as pdf:
            if self.duplex and self.pages_of_last_document % 2:
                self.printer.newPage()  # a blank back, so this document starts on a new sheet
            self.pages_of_last_document = 0
            for number in _chosen(len(pdf), pages):
                page = pdf.render(number - 1, self.dpi, grey=self.colours is not None, text=self.to_pdf_file)
                for _ in range(repeats):
                    self.progress.step(index, self.count, f"Printing {label}, page {number}")
                    if self.drawn:
                        self.printer.newPage()
                    size = pdf.size_points(number - 1)
                    draw_page(self.painter, self.sheet, self.resolution, page, size, self.colours)
                    self.drawn += 1
                    self.pages_of_last_document += 1

    def abort(self) -> None:
        """Stop the job: a printer drops what it was given; the temporary file is removed by the caller."""
        self.printer.abort()
        if self.painter.isActive():
            self.painter.end()

    def finish(self) -> None:
        if self.colours:
            self.colours.restore()
        if not self.painter.end():
            raise PrintFailed(
                f"The printer stopped before the end of the job ({describe_printer(self.printer)})."
            )


def _chosen(page_count: int, pages: Collection[int] | None) -> list[int]:
    if pages is None:
        return list(range(1, page_count + 1))
    return [n for n in range(1, page_count + 1) if n in pages]


def draw_page(
    painter: QPainter,
    sheet: QRectF,
    resolution: float,
    page: PageImage,
    size_pt: QSizeF,
    colours: _ColourMode | None = None,
) -> None:
    """Draw a rendered page on a sheet of ``sheet`` device pixels at ``resolution`` dots per inch: at
    its own size when it fits (A4 on A4), else scaled down to fit, centred; then its words, if it was
    rendered with them, invisibly over it. ``colours`` switches a PDF engine to grey for grey bands."""
    width = size_pt.width() / 72 * resolution
    height = size_pt.height() / 72 * resolution
    scale = min(1.0, sheet.width() / width, sheet.height() / height)
    left = sheet.left() + (sheet.width() - width * scale) / 2
    top = sheet.top() + (sheet.height() - height * scale) / 2
    factor = resolution / page.dpi * scale
    for band in page.bands:
        r = band.rect
        target = QRectF(left + r.x() * factor, top + r.y() * factor, r.width() * factor, r.height() * factor)
        if colours:
            colours.set_grey(band.grey)
        painter.drawImage(target, band.image)
    if page.words:
        draw_text_layer(painter, left, top, resolution / 72 * scale, page.words)


class _ColourMode:
    """Switches a PDF engine between writing the images drawn as grey and as the printer was set to.

    Qt's PDF engine reads its colour mode as each image is drawn (a grey image is written as DeviceGray,
    one byte a pixel), and sends no colour setting of its own to a printer; ``QPrinter.setColorMode`` is
    refused while a job is running, so the switch goes to the engine itself. A printer set to grey by
    the user stays grey.
    """

    _KEY = QPrintEngine.PrintEnginePropertyKey.PPK_ColorMode

    def __init__(self, printer: QPrinter) -> None:
        self.engine = printer.printEngine()
        self.chosen = printer.colorMode()
        self.grey = self.chosen == QPrinter.ColorMode.GrayScale

    def set_grey(self, grey: bool) -> None:
        grey = grey or self.chosen == QPrinter.ColorMode.GrayScale
        if grey != self.grey:
            mode = QPrinter.ColorMode.GrayScale if grey else self.chosen
            self.engine.setProperty(self._KEY, mode.value)
            self.grey = grey

    def restore(self) -> None:
        self.set_grey(False)


@contextlib.contextmanager
def _output_file(printer: QPrinter, target: str) -> Iterator[None]:
    """Print to a file under a temporary name beside it, moved into place only when the job ends well."""
    if not target:
        yield
        return
    final = Path(target)
    if not final.parent.is_dir():
        raise PrintFailed(f"Cannot print to {final}: the folder {final.parent} does not exist.")
    handle, temporary = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".part", dir=final.parent)
    os.close(handle)
    printer.setOutputFileName(temporary)
    try:
        yield
        os.chmod(temporary, file_mode_for(final))  # a temporary file starts private
        os.replace(temporary, final)
    finally:
        printer.setOutputFileName(str(final))
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
