"""Pages of a PDF as small grey images, to compare what was printed with what the PDF renderer wrote.

A printed page is an image (what a printer receives is pixels); printed into a PDF file it also carries
its words, invisibly (``page_texts`` reads them back, ``text_layers`` shows they add no ink), and its
pixels are compared. Both PDFs are rendered by PDFium at ``RENDER_DPI`` and shrunk by area
averaging to ``COMPARE_DPI``, so the vector page and the printed image go through the same filter. At
that size no pixel of the same page differs by more than ``TOLERANCE`` grey levels (a few dozen do
by up to 60), while one digit changed in a paragraph moves several pixels past it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

RENDER_DPI = 300
COMPARE_DPI = 50
#: Grey levels (of 255) two pixels may differ by and still count as the same.
TOLERANCE = 80


@dataclass(frozen=True)
class PageImage:
    width_pt: float
    height_pt: float
    width: int
    height: int
    pixels: bytes  # 8-bit grey, row by row


def page_images(pdf: bytes | Path) -> list[PageImage]:
    """Every page of ``pdf``, COMPARE_DPI wide (an A4 page: 413 x 585 pixels)."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    doc = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(len(doc)):
            page = doc[index]
            width_pt, height_pt = page.get_size()
            bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
            big = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, _GREY)
            width, height = round(width_pt / 72 * COMPARE_DPI), round(height_pt / 72 * COMPARE_DPI)
            small = big.scaled(
                width,
                height,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            raw = bytes(small.constBits())
            stride = small.bytesPerLine()
            rows = b"".join(raw[y * stride : y * stride + width] for y in range(height))
            images.append(PageImage(width_pt, height_pt, width, height, rows))
            page.close()
        return images
    finally:
        doc.close()


_GREY = QImage.Format.Format_Grayscale8


def differing_pixels(a: PageImage, b: PageImage) -> int:
    """How many pixels differ by more than ``TOLERANCE``; every pixel when the sizes differ."""
    if (a.width, a.height) != (b.width, b.height):
        return max(len(a.pixels), len(b.pixels))
    return sum(1 for x, y in zip(a.pixels, b.pixels, strict=True) if abs(x - y) > TOLERANCE)


def inked_pixels(a: PageImage) -> int:
    """Pixels that are not white paper: a page that holds something has thousands."""
    return sum(1 for x in a.pixels if x < 255 - TOLERANCE)


def page_texts(pdf: bytes | Path) -> list[str]:
    """Each page's text as pypdf reads it, runs of white space made one space."""
    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


@dataclass(frozen=True)
class TextLayer:
    """What a page's text objects add to it: how many there are, and the page's pixels (8-bit grey at
    ``RENDER_DPI``) with them and with them taken out."""

    objects: int
    with_text: bytes
    without_text: bytes


def text_layers(pdf: Path) -> list[TextLayer]:
    """Every page of ``pdf`` rendered by PDFium as it is, and again after its text objects are removed."""
    doc = pdfium.PdfDocument(pdf.read_bytes())
    try:
        layers = []
        for index in range(len(doc)):
            page = doc[index]
            as_printed = _grey_pixels(page)
            texts = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=1))
            for text in texts:
                page.remove_obj(text)
            page.gen_content()
            layers.append(TextLayer(len(texts), as_printed, _grey_pixels(page)))
            page.close()
        return layers
    finally:
        doc.close()


def _grey_pixels(page: pdfium.PdfPage) -> bytes:
    bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
    try:
        return bytes(bitmap.buffer)
    finally:
        bitmap.close()
