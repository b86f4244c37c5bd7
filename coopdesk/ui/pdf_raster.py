"""The pages of a PDF as images, drawn by PDFium (pypdfium2): what printing and the print preview show.

Printing draws the PDF renderer's own pages, so the paper, the preview and the saved PDF are one layout.
PDFium is the renderer of Chrome; it is not thread-safe, so every call into it holds one lock (a batch
may print on a worker thread while a preview is drawn on the GUI thread).

A page is handed over as the rectangles of it that carry ink (``InkBand``): the blank paper between
them is not drawn, which halves what a printer spool (or a printed-to-file PDF) has to hold and compress.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
from PySide6.QtCore import QRect, QSizeF
from PySide6.QtGui import QImage

_LOCK = threading.Lock()
_WHITE = 0xFF
#: Blank rows that may separate two bands of ink before they are drawn as one.
_GAP_ROWS = 2


class UnreadablePdf(OSError):
    """The bytes are not a PDF PDFium can open (a damaged stored copy, say)."""


@dataclass(frozen=True)
class InkBand:
    """A part of a page image to draw: ``rect`` in the image's pixels."""

    rect: QRect


@dataclass(frozen=True)
class PageImage:
    """One page rendered at ``dpi``: the image owns its pixels (safe to keep after the PDF is closed)."""

    image: QImage
    dpi: float
    bands: tuple[InkBand, ...]


class PdfPages:
    """An open PDF: its page count, page sizes in points, and its pages as images."""

    def __init__(self, data: bytes) -> None:
        with _LOCK:
            try:
                self._doc = pdfium.PdfDocument(data)
            except pdfium.PdfiumError as exc:
                raise UnreadablePdf(f"The document to print could not be read ({exc}).") from None
            self._sizes = [QSizeF(*self._doc.get_page_size(i)) for i in range(len(self._doc))]

    def __enter__(self) -> PdfPages:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        with _LOCK:
            self._doc.close()

    def __len__(self) -> int:
        return len(self._sizes)

    def size_points(self, index: int) -> QSizeF:
        """The page's size in PDF points (1/72 inch)."""
        return self._sizes[index]

    def render(self, index: int, dpi: float, *, find_ink: bool = True) -> PageImage:
        """Page ``index`` (0-based) at ``dpi``; with ``find_ink``, the bands of it that carry ink."""
        with _LOCK:
            page = self._doc[index]
            try:
                bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
                width, height, stride = bitmap.width, bitmap.height, bitmap.stride
                pixels = bytes(bitmap.buffer)
                channels = bitmap.n_channels
            finally:
                page.close()
        if channels == 4 and sys.byteorder == "little":
            # PDFium's BGRx is Qt's RGB32 (0xffRRGGBB) in the memory of a little-endian machine.
            image = QImage(pixels, width, height, stride, QImage.Format.Format_RGB32).copy()
        else:
            fmt = QImage.Format.Format_BGR888 if channels == 3 else QImage.Format.Format_RGBX8888
            image = QImage(pixels, width, height, stride, fmt).convertToFormat(QImage.Format.Format_RGB32)
        if find_ink:
            bands = tuple(ink_bands(pixels, width, height, stride, channels))
        else:
            bands = (InkBand(QRect(0, 0, width, height)),)
        return PageImage(image, dpi, bands)


def ink_bands(
    pixels: bytes, width: int, height: int, stride: int, channels: int, gap: int = _GAP_ROWS
) -> Iterator[InkBand]:
    """The rectangles of a white page that hold anything but white, each run of inked rows cropped to
    its inked columns and given one pixel of white around it (so no edge of ink is ever cut)."""
    row_bytes = width * channels
    white = bytes([_WHITE]) * row_bytes
    inked = [not pixels.startswith(white, y * stride) for y in range(height)]
    y = 0
    while y < height:
        if not inked[y]:
            y += 1
            continue
        top = bottom = y
        y += 1
        while y < height and (inked[y] or any(inked[y : min(height, y + gap + 1)])):
            if inked[y]:
                bottom = y
            y += 1
        left, right = row_bytes, 0
        blank = bytes([_WHITE])
        for row in range(top, bottom + 1):
            if not inked[row]:
                continue
            start = row * stride
            line = pixels[start : start + row_bytes]
            left = min(left, len(line) - len(line.lstrip(blank)))
            right = max(right, len(line.rstrip(blank)))
        x0 = max(0, left // channels - 1)
        x1 = min(width, -(-right // channels) + 1)
        y0 = max(0, top - 1)
        y1 = min(height, bottom + 2)
        yield InkBand(QRect(x0, y0, x1 - x0, y1 - y0))
