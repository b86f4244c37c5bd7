"""The print preview: the pages exactly as they will print, with page thumbnails, zoom and Print....

The big view is Qt's ``QPrintPreviewWidget`` fed by the print path itself (``print_documents``, at a
screen resolution), so the preview cannot show another layout than the paper. The thumbnails are the
same PDF pages, small. Print... opens the system print dialog; the preview closes once the pages are
sent.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coopdesk.base.progress import SILENT
from coopdesk.ui.printing.pdf_raster import PdfPages
from coopdesk.ui.printing.print_actions import PrintJob, start_printing
from coopdesk.ui.printing.printer import (
    PREVIEW_DPI,
    PrintDocument,
    PrintResult,
    print_documents,
    set_up_printer,
)
from coopdesk.ui.widgets.tasks import TaskHandle

THUMBNAIL_WIDTH = 112


class PrintPreviewDialog(QDialog):
    """The pages of one print job, before they are printed."""

    def __init__(self, title: str, pdf: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrintPreview")
        self.setWindowTitle(f"Print preview — {title}")
        self.job = PrintJob.single(title, pdf)
        self.document = PrintDocument(title, pdf)
        self.task: TaskHandle[PrintResult] | None = None

        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_up_printer(self.printer)
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.setObjectName("print-preview-pages")
        self.preview.paintRequested.connect(self._paint)
        self.preview.previewChanged.connect(self._sync_page)
        self.preview.setZoomMode(QPrintPreviewWidget.ZoomMode.FitInView)

        self.thumbnails = QListWidget()
        self.thumbnails.setObjectName("print-preview-thumbnails")
        self.thumbnails.setAccessibleName("Pages")
        self.thumbnails.setViewMode(QListView.ViewMode.IconMode)
        self.thumbnails.setFlow(QListView.Flow.TopToBottom)
        self.thumbnails.setWrapping(False)
        self.thumbnails.setMovement(QListView.Movement.Static)
        self.thumbnails.setSpacing(6)
        self.thumbnails.setUniformItemSizes(True)
        self._add_thumbnails(pdf)
        self.thumbnails.currentRowChanged.connect(self._go_to_row)

        self.print_button = QPushButton("&Print…")
        self.print_button.setDefault(True)
        self.print_button.setToolTip("Choose the printer, the copies and the pages (Ctrl+P)")
        self.print_button.clicked.connect(self.print_)
        self.fit_page_button = QPushButton("Whole &page")
        self.fit_page_button.clicked.connect(self.preview.fitInView)
        self.fit_width_button = QPushButton("Page &width")
        self.fit_width_button.clicked.connect(self.preview.fitToWidth)
        self.zoom_out_button = QPushButton("Zoom &out")
        self.zoom_out_button.clicked.connect(lambda: self.preview.zoomOut())
        self.zoom_in_button = QPushButton("Zoom &in")
        self.zoom_in_button.clicked.connect(lambda: self.preview.zoomIn())
        self.page_label = QLabel()
        self.page_label.setObjectName("print-preview-page")
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        for button in (
            self.fit_page_button,
            self.fit_width_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            button.setAutoDefault(False)
        close.setAutoDefault(False)

        bar = QHBoxLayout()
        bar.addWidget(self.print_button)
        bar.addSpacing(12)
        for button in (
            self.fit_page_button,
            self.fit_width_button,
            self.zoom_out_button,
            self.zoom_in_button,
        ):
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(self.page_label)
        bar.addStretch(1)
        bar.addWidget(close)
        splitter = QSplitter()
        splitter.addWidget(self.thumbnails)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([THUMBNAIL_WIDTH + 48, 800])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Print, self, self.print_)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.preview.zoomIn())
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.preview.zoomOut())
        self.resize(960, 820)
        self._sync_page()

    @property
    def page_count(self) -> int:
        return self.thumbnails.count()

    def _paint(self, printer: QPrinter) -> None:
        print_documents(printer, [self.document], SILENT, dpi=PREVIEW_DPI)

    def _add_thumbnails(self, pdf: bytes) -> None:
        ratio = self.devicePixelRatioF()
        with PdfPages(pdf) as pages:
            for index in range(len(pages)):
                size = pages.size_points(index)
                dpi = THUMBNAIL_WIDTH * ratio / size.width() * 72
                image = pages.render(index, dpi, find_ink=False).image
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(ratio)
                icon = QIcon(pixmap)
                icon.addPixmap(pixmap, QIcon.Mode.Selected)  # the page as it is, not tinted when chosen
                item = QListWidgetItem(icon, str(index + 1))
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                item.setToolTip(f"Page {index + 1}")
                self.thumbnails.addItem(item)
                if index == 0:
                    height = round(THUMBNAIL_WIDTH * size.height() / size.width())
                    self.thumbnails.setIconSize(QSize(THUMBNAIL_WIDTH, height))
        self.thumbnails.setFixedWidth(THUMBNAIL_WIDTH + 48)
        if self.thumbnails.count():
            self.thumbnails.setCurrentRow(0)

    def _go_to_row(self, row: int) -> None:
        if row >= 0:
            self.preview.setCurrentPage(row + 1)
            self._sync_page()

    def _sync_page(self) -> None:
        current = self.preview.currentPage() or 1
        self.page_label.setText(f"Page {current} of {self.page_count}")
        if self.thumbnails.currentRow() != current - 1:
            self.thumbnails.blockSignals(True)
            self.thumbnails.setCurrentRow(current - 1)
            self.thumbnails.blockSignals(False)

    def print_(self) -> None:
        """The system print dialog; once the pages are sent, the preview closes."""
        if self.task is not None and not self.task.done:
            return
        self.task = start_printing(
            self, self.job, current_page=self.preview.currentPage(), on_done=lambda _r: self.accept()
        )
