"""Where a PDF page's words stand, as PDFium reads them: what a page printed into a PDF file carries as
an invisible text layer, so it can be searched, and its text selected and copied, as in the PDF it came
from.

A printed page is an image. Printed into a PDF file (``coopdesk note --print-to``), it would hold no
text at all; like a scanned page with a recognised text layer, it gets the page's words drawn invisibly
over the image, each where PDFium says its characters are. The words are read in PDFium's order (the
order the renderer wrote them, which is the reading order). Each word is placed on its own, so a reader
that rebuilds lines from positions (pypdf, pdftotext, a viewer's copy) finds the spaces between words
from the gaps, as it does in the renderer's PDF.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pypdfium2.raw as pdfium_c


@dataclass(frozen=True)
class PrintedWord:
    """A word of a page: where its first glyph starts (its origin) and how wide it is to the end of its
    last glyph's ink, the ``baseline`` it stands on, in points from the page's top left corner, and its
    font ``size`` in points."""

    text: str
    left: float
    baseline: float
    width: float
    size: float


def page_words(page: Any, page_height: float) -> list[PrintedWord]:
    """The words of a PDFium page (a ``pypdfium2.PdfPage``) in reading order."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        if count <= 0:
            return []
        text = textpage.get_text_range(0, count)
        if len(text) != count:  # a character outside the BMP: fall back on PDFium's runs of text
            return _by_rects(textpage, page_height)
        return list(_words(textpage.raw, text, page_height))
    finally:
        textpage.close()


def _words(raw: Any, text: str, page_height: float) -> Iterator[PrintedWord]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    box = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    origin = (ctypes.byref(x), ctypes.byref(y))
    index, length = 0, len(text)
    while index < length:
        while index < length and text[index].isspace():  # spaces, and PDFium's \r\n between lines
            index += 1
        start = index
        while index < length and not text[index].isspace():
            index += 1
        if index == start:
            continue
        pdfium_c.FPDFText_GetCharBox(raw, index - 1, *box)
        end = right.value
        pdfium_c.FPDFText_GetCharBox(raw, start, *box)
        pdfium_c.FPDFText_GetCharOrigin(raw, start, *origin)
        size = pdfium_c.FPDFText_GetFontSize(raw, start) or 10.0
        begin = min(x.value, left.value)  # the origin; a glyph's ink may start a little right of it
        yield PrintedWord(text[start:index], begin, page_height - y.value, max(0.0, end - begin), size)


def _by_rects(textpage: Any, page_height: float) -> list[PrintedWord]:
    """PDFium's own runs of text (one per line and font), for text it cannot map character by
    character."""
    words = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = " ".join(textpage.get_text_bounded(left, bottom, right, top).split())
        if text:
            height = top - bottom
            words.append(PrintedWord(text, left, page_height - bottom - height * 0.2, right - left, height))
    return words
