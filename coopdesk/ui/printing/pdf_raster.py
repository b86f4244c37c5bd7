"""The pages of a PDF as images, drawn by PDFium (pypdfium2): what printing and the print preview show.

Printing draws the PDF renderer's own pages, so the paper, the preview and the saved PDF are one layout.
PDFium is the renderer of Chrome; it is not thread-safe, so every call into it holds one lock (a batch
may print on a worker thread while a preview is drawn on the GUI thread).

A page is handed over as the bands of it that carry ink (``InkBand``), each rendered on its own: the
blank paper between them is neither rendered nor drawn. A page is first rendered small (``SCAN_DPI``)
to find its ink; at print resolution an A4 page is 35 MB, and filling, copying and scanning that much
memory cost more than drawing the text on it. Half of a dense page of text is paper, most of a letter.

The scan is in colour, so it also tells which bands hold no colour (black and grey text, the usual
page): asked for ``grey``, those are rendered as 8-bit grey, which a PDF printer writes as a grey image,
a third of the bytes of a colour one to compress. Black on white is the same black and white in either
(PDFium anti-aliases in grey, never with colour fringes); a band with the letterhead's blue rule in it is
rendered in colour as before.
"""

from __future__ import annotations

import ctypes
import math
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PySide6.QtCore import QRect, QSizeF
from PySide6.QtGui import QImage

from coopdesk.ui.printing.pdf_text import PrintedWord, page_words

_LOCK = threading.Lock()
_LITTLE_ENDIAN = sys.byteorder == "little"
#: The resolution a page is scanned at for its ink: a hairline rule still greys a pixel.
SCAN_DPI = 50.0
#: Blank rows (at ``SCAN_DPI``) that may separate two bands of ink before they are drawn as one.
_GAP_ROWS = 2


class UnreadablePdf(OSError):
    """The bytes are not a PDF PDFium can open (a damaged stored copy, say)."""


@dataclass(frozen=True)
class InkBand:
    """A part of a page: ``rect`` in the page's pixels at the render resolution, and its image
    (8-bit grey when ``grey``: there is no colour in it)."""

    rect: QRect
    image: QImage
    grey: bool = False


@dataclass(frozen=True)
class PageImage:
    """One page rendered at ``dpi``, as the bands of it to draw (all of it, when asked for whole)."""

    dpi: float
    size: QRect  # the whole page, in pixels at ``dpi``
    bands: tuple[InkBand, ...]
    words: tuple[PrintedWord, ...] = ()  # the page's words and where they stand, when asked for

    @property
    def image(self) -> QImage:
        """The first band's image: the whole page when it was rendered whole."""
        return self.bands[0].image


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

    def render(
        self, index: int, dpi: float, *, find_ink: bool = True, grey: bool = False, text: bool = False
    ) -> PageImage:
        """Page ``index`` (0-based) at ``dpi``: with ``find_ink``, the bands of it that carry ink (with
        ``grey``, those without colour in 8-bit grey); otherwise the whole page as one image. With
        ``text``, also the page's text and where it stands."""
        size = self._sizes[index]
        scale = dpi / 72
        whole = QRect(0, 0, math.ceil(size.width() * scale), math.ceil(size.height() * scale))
        with _LOCK:
            page = self._doc[index]
            try:
                words = tuple(page_words(page, size.height())) if text else ()
                if not find_ink:
                    band = InkBand(whole, _render(page, scale, whole, whole))
                    return PageImage(dpi, whole, (band,), words)
                bands = []
                for rect, coloured in _ink_rects(page, dpi, whole):
                    in_grey = grey and not coloured
                    bands.append(InkBand(rect, _render(page, scale, whole, rect, in_grey), in_grey))
                return PageImage(dpi, whole, tuple(bands), words)
            finally:
                page.close()


def _render(page: Any, scale: float, whole: QRect, rect: QRect, grey: bool = False) -> QImage:
    """``rect`` of the page (in pixels at ``scale``), drawn by PDFium straight into a QImage's memory
    (PDFium's BGRx is Qt's RGB32 on a little-endian machine; its 8-bit grey is Qt's Grayscale8)."""
    # pypdfium2 rounds a crop up to whole pixels: a quarter pixel less lands on the edge exactly.
    crop = (
        max(0.0, (rect.left() - 0.25) / scale),
        max(0.0, (whole.height() - rect.bottom() - 1 - 0.25) / scale),
        max(0.0, (whole.width() - rect.right() - 1 - 0.25) / scale),
        max(0.0, (rect.top() - 0.25) / scale),
    )
    if not _LITTLE_ENDIAN and not grey:
        bitmap = page.render(scale=scale, crop=crop, rev_byteorder=True, prefer_bgrx=True)
        raw = bytes(bitmap.buffer)
        image = QImage(raw, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888)
        bitmap.close()
        return image.convertToFormat(QImage.Format.Format_RGB32)
    made: list[QImage] = []

    def into_image(width: int, height: int, format: int, rev_byteorder: bool = False) -> Any:
        grey_bitmap = format == pdfium_c.FPDFBitmap_Gray
        image = QImage(
            width, height, QImage.Format.Format_Grayscale8 if grey_bitmap else QImage.Format.Format_RGB32
        )
        memory = (ctypes.c_ubyte * image.sizeInBytes()).from_buffer(image.bits())
        made.append(image)
        return pdfium.PdfBitmap.new_native(
            width, height, format, rev_byteorder, buffer=memory, stride=image.bytesPerLine()
        )

    bitmap = page.render(scale=scale, crop=crop, prefer_bgrx=True, grayscale=grey, bitmap_maker=into_image)
    bitmap.close()
    return made[0]


def _ink_rects(page: Any, dpi: float, whole: QRect) -> Iterator[tuple[QRect, bool]]:
    """The page's inked rectangles in pixels at ``dpi``, found on a colour scan at ``SCAN_DPI`` and
    widened by one scan pixel all round (more than any anti-aliased edge), each with whether there is
    colour in it."""
    scan = page.render(scale=SCAN_DPI / 72, prefer_bgrx=True, fill_color=(255, 255, 255, 255))
    try:
        pixels = bytes(scan.buffer)
        width, height, stride = scan.width, scan.height, scan.stride
        boxes = list(ink_boxes(pixels, width, height, stride, 4))
    finally:
        scan.close()
    ratio = dpi / SCAN_DPI
    for x0, y0, x1, y1 in boxes:
        top_row, bottom_row = max(0, y0 - 1), min(height, y1 + 1)
        coloured = any(
            _coloured(pixels[y * stride + x0 * 4 : y * stride + x1 * 4]) for y in range(top_row, bottom_row)
        )
        left, top = math.floor((x0 - 1) * ratio), math.floor((y0 - 1) * ratio)
        right, bottom = math.ceil((x1 + 1) * ratio), math.ceil((y1 + 1) * ratio)
        yield QRect(left, top, right - left, bottom - top).intersected(whole), coloured


def _coloured(row: bytes) -> bool:
    """Whether a row of BGRx pixels holds a colour (a pixel whose blue, green and red differ)."""
    blue = row[0::4]
    return blue != row[1::4] or blue != row[2::4]


def ink_boxes(
    pixels: bytes, width: int, height: int, stride: int, channels: int, gap: int = _GAP_ROWS
) -> Iterator[tuple[int, int, int, int]]:
    """(left, top, right, bottom) pixel boxes, ends excluded, of what is not white on a white page:
    runs of inked rows (blank runs of up to ``gap`` rows inside one), each cut to its inked columns."""
    row_bytes = width * channels
    white = b"\xff" * row_bytes
    inked = [not pixels.startswith(white, y * stride) for y in range(height)]
    y = 0
    while y < height:
        if not inked[y]:
            y += 1
            continue
        top = bottom = y
        y += 1
        while y < height and any(inked[y : min(height, y + gap + 1)]):
            if inked[y]:
                bottom = y
            y += 1
        left, right = row_bytes, 0
        for row in range(top, bottom + 1):
            if inked[row]:
                line = pixels[row * stride : row * stride + row_bytes]
                left = min(left, row_bytes - len(line.lstrip(b"\xff")))
                right = max(right, len(line.rstrip(b"\xff")))
        yield left // channels, top, -(-right // channels), bottom + 1
