"""The Qt print path prints the PDF renderer's pages: printed into a file, they are the same pages.

A printed page is an image (a printer is sent pixels); printed into a PDF file, it carries the page's
words too, invisibly. So a page printed into a file has the same text as the renderer's page (pypdf reads
both), its image is alike that page pixel by pixel (``tests/page_images.py``), and its text adds no ink.

Into a file pages are rendered at ``FILE_DPI`` (288): PDFium then draws body text from its glyph cache,
each glyph placed to a whole pixel, and a few dozen pixels of a page compared at 50 dpi differ by more
than the tolerance (at most 12 of 241,000 on the demo note, where another page differs by thousands).
At a printer's 300 dpi the print is the renderer's page to 2 pixels, so one changed digit shows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from coopdesk.base.file_output import file_mode_for
from coopdesk.base.progress import SILENT, Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.model import NoteDocument, Span
from coopdesk.note.model import Paragraph as NoteParagraph
from coopdesk.note.render.pdf import render_pdf
from coopdesk.records.service import RecordService
from coopdesk.ui.printing.printer import MAX_DPI, PrintDocument, PrintFailed, print_documents
from tests.page_images import (
    PageImage,
    differing_pixels,
    inked_pixels,
    page_images,
    page_texts,
    text_layers,
)

NOTE_DATE = dt.date(2009, 10, 30)
#: Pixels of a page printed into a file (at 288 dpi) that may differ from the renderer's page.
FILE_PIXELS = 30
#: ... and of a page printed at a printer's 300 dpi.
PRINTER_PIXELS = 2


def file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def assert_same_pages(
    printed: list[PageImage], rendered: list[PageImage], allowed: int = FILE_PIXELS
) -> None:
    """Same count, A4, and each printed page alike the renderer's page of the same number only."""
    assert len(printed) == len(rendered)
    for number, (mine, theirs) in enumerate(zip(printed, rendered, strict=True), start=1):
        assert abs(mine.width_pt - 595.3) < 1 and abs(mine.height_pt - 841.9) < 1, f"page {number} not A4"
        assert inked_pixels(mine) > 100, f"printed page {number} is blank"
        assert differing_pixels(mine, theirs) <= allowed, f"printed page {number} is not the renderer's"
        for other_number, other in enumerate(rendered, start=1):
            if other_number != number:
                assert differing_pixels(mine, other) > 10 * allowed  # it is that page, not any page


def assert_same_text(printed: Path, pdf: bytes) -> None:
    """The file printed to reads, page by page, as the renderer's PDF does (pypdf, white space made
    single spaces), and its text draws nothing: the page with its text objects taken out is the same,
    pixel for pixel."""
    texts = page_texts(printed)
    assert texts == page_texts(pdf)
    assert all(texts), "a printed page has no text"
    for number, layer in enumerate(text_layers(printed), start=1):
        assert layer.objects > 0, f"printed page {number} has no text layer"
        assert layer.with_text == layer.without_text, f"the text of printed page {number} shows"


@pytest.fixture
def demo_note(demo_db: Database) -> tuple[NoteDocument, bytes]:
    note = draft_note(demo_db, "BLR", NOTE_DATE)
    return note, render_pdf(note, letterhead(demo_db))


def test_the_demo_note_printed_into_a_file_is_the_pdf_renderers_pages(
    qapp: QApplication, demo_note: tuple[NoteDocument, bytes], tmp_path: Path, output_dir: Path
) -> None:
    _note, pdf = demo_note
    texts = page_texts(pdf)
    assert len(texts) == 2
    assert "the Commission on Narcotic Drugs" in texts[0] and "Page 1 of 2" in texts[0]
    assert "13 out of 16" in texts[1] and "Page 2 of 2" in texts[1]

    target = tmp_path / "printed.pdf"
    result = print_documents(file_printer(target), [PrintDocument("BLR note", pdf)], SILENT)

    assert result.pages == 2
    assert_same_pages(page_images(target), page_images(pdf))
    assert_same_text(target, pdf)
    lines = PdfReader(target).pages[0].extract_text().splitlines()  # words in order, one space apart
    assert lines[:4] == [
        "Cooperation between United Nations Office on Drugs and Crime and the",
        "Government of the Republic of Belarus",
        "Note for the file",
        "As of 30 October 2009",
    ]
    assert target.stat().st_mode & 0o777 == file_mode_for(tmp_path / "a plain new file")
    (output_dir / "printed-to-file-demo-note.pdf").write_bytes(target.read_bytes())


def test_the_rule_stays_blue_and_the_text_is_sent_as_grey_images(
    qapp: QApplication, demo_note: tuple[NoteDocument, bytes], tmp_path: Path
) -> None:
    """Bands without colour go to Qt's PDF engine as grey images (a third of the bytes to compress);
    the letterhead's blue rule is still blue on the printed page."""
    target = tmp_path / "printed.pdf"
    print_documents(file_printer(target), [PrintDocument("BLR note", demo_note[1])], SILENT)
    page = PdfReader(target).pages[0]
    images = [image.get_object() for image in page["/Resources"]["/XObject"].values()]
    spaces = sorted(str(image["/ColorSpace"]) for image in images)
    assert spaces.count("/DeviceRGB") == 1 and spaces.count("/DeviceGray") > 10

    document = pdfium.PdfDocument(target.read_bytes())
    bitmap = document[0].render(scale=1, prefer_bgrx=True)
    pixels = bytes(bitmap.buffer)
    blue = sum(1 for i in range(0, len(pixels), 4) if pixels[i] > pixels[i + 2] + 40)  # BGRx: blue > red
    bitmap.close()
    document.close()
    assert blue > 200  # the rule across the page, 440 points long


def test_a_changed_word_is_told_apart(
    qapp: QApplication, demo_db: Database, demo_note: tuple[NoteDocument, bytes], tmp_path: Path
) -> None:
    """The comparisons above would see a print of different text: one word changed in the first page,
    in the text read from the file, and in the pixels of a print at a printer's resolution."""
    note, _pdf = demo_note
    edited = dataclasses.replace(
        note, blocks=(NoteParagraph((Span("Belarus was elected in May 2009."),)), *note.blocks[1:])
    )
    one_word = dataclasses.replace(
        note, blocks=(NoteParagraph((Span("Ukraine was elected in May 2009."),)), *note.blocks[1:])
    )
    target = tmp_path / "printed.pdf"
    edited_pdf, other_pdf = render_pdf(edited, letterhead(demo_db)), render_pdf(one_word, letterhead(demo_db))
    print_documents(file_printer(target), [PrintDocument("edited", edited_pdf)], SILENT)
    assert page_texts(target) == page_texts(edited_pdf)
    assert page_texts(target)[0] != page_texts(other_pdf)[0]
    print_documents(file_printer(target), [PrintDocument("edited", edited_pdf)], SILENT, dpi=MAX_DPI)
    printed = page_images(target)[0]
    assert differing_pixels(printed, page_images(edited_pdf)[0]) <= PRINTER_PIXELS
    assert differing_pixels(printed, page_images(other_pdf)[0]) > 10


def test_the_letter_with_its_note_and_an_issued_letter_print_as_their_pdfs(
    qapp: QApplication, demo_db: Database, tmp_path: Path
) -> None:
    (draft,) = RecordService(demo_db).list("letter", country="BLR")
    note = draft_note(demo_db, "BLR", NOTE_DATE)
    with_letter = render_pdf(note, letterhead(demo_db), letter=letter_content(draft))
    assert len(page_texts(with_letter)) == 3
    assert "Dear Ms. Pillay," in page_texts(with_letter)[0]
    print_documents(file_printer(tmp_path / "letter.pdf"), [PrintDocument("letter", with_letter)], SILENT)
    assert_same_pages(page_images(tmp_path / "letter.pdf"), page_images(with_letter))
    assert_same_text(tmp_path / "letter.pdf", with_letter)

    letters.issue_letter(demo_db, draft.key, note, NOTE_DATE)
    issued = letters.issued_pdf(demo_db, draft.key)
    assert "EWCA/040/09" in page_texts(issued)[0]
    print_documents(file_printer(tmp_path / "issued.pdf"), [PrintDocument("issued", issued)], SILENT)
    assert_same_pages(page_images(tmp_path / "issued.pdf"), page_images(issued))
    assert_same_text(tmp_path / "issued.pdf", issued)


def test_at_a_printers_resolution_the_pages_are_the_renderers_to_two_pixels(
    qapp: QApplication, demo_db: Database, tmp_path: Path
) -> None:
    """What a printer is sent: 300 dpi, as close to the renderer's page as the comparison can see."""
    (draft,) = RecordService(demo_db).list("letter", country="BLR")
    pdf = render_pdf(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db), letter=letter_content(draft))
    target = tmp_path / "at-300.pdf"
    print_documents(file_printer(target), [PrintDocument("letter", pdf)], SILENT, dpi=MAX_DPI)
    assert_same_pages(page_images(target), page_images(pdf), allowed=PRINTER_PIXELS)


def test_page_range_and_copies_are_those_asked_for(
    qapp: QApplication, demo_db: Database, tmp_path: Path
) -> None:
    (draft,) = RecordService(demo_db).list("letter", country="BLR")
    pdf = render_pdf(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db), letter=letter_content(draft))
    rendered = page_images(pdf)

    print_documents(file_printer(tmp_path / "range.pdf"), [PrintDocument("x", pdf)], SILENT, pages={2, 3})
    assert_same_pages(page_images(tmp_path / "range.pdf"), rendered[1:])
    assert page_texts(tmp_path / "range.pdf") == page_texts(pdf)[1:]

    printer = file_printer(tmp_path / "copies.pdf")
    printer.setCopyCount(2)  # a PDF file has no copies of its own: both are drawn, collated
    result = print_documents(printer, [PrintDocument("x", pdf)], SILENT)
    printed = page_images(tmp_path / "copies.pdf")
    assert result.pages == 6
    assert [differing_pixels(p, r) <= FILE_PIXELS for p, r in zip(printed, rendered * 2, strict=True)] == [
        True
    ] * 6
    assert page_texts(tmp_path / "copies.pdf") == page_texts(pdf) * 2


def test_the_sheet_is_a4_whatever_the_printer_was_set_to(
    qapp: QApplication, demo_note: tuple[NoteDocument, bytes], tmp_path: Path
) -> None:
    printer = file_printer(tmp_path / "letter-paper.pdf")
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    print_documents(printer, [PrintDocument("note", demo_note[1])], SILENT)
    assert_same_pages(page_images(tmp_path / "letter-paper.pdf"), page_images(demo_note[1]))


class DuplexFilePrinter(QPrinter):
    """A printer that prints both sides (Qt's PDF printer has no duplex of its own), into a file."""

    def __init__(self) -> None:
        super().__init__(QPrinter.PrinterMode.HighResolution)

    def duplex(self) -> QPrinter.DuplexMode:
        return QPrinter.DuplexMode.DuplexLongSide


def test_on_a_duplex_printer_each_document_starts_on_a_new_sheet(
    qapp: QApplication, demo_db: Database, tmp_path: Path
) -> None:
    head = letterhead(demo_db)
    one_page = render_pdf(draft_note(demo_db, "UKR", NOTE_DATE), head)
    two_pages = render_pdf(draft_note(demo_db, "BLR", NOTE_DATE), head)
    printer = DuplexFilePrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "duplex.pdf"))
    documents = [
        PrintDocument("UKR", one_page),
        PrintDocument("BLR", two_pages),
        PrintDocument("UKR", one_page),
    ]
    result = print_documents(printer, documents, SILENT, count=3)

    printed = page_images(tmp_path / "duplex.pdf")
    ukraine, belarus = page_images(one_page), page_images(two_pages)
    assert result.pages == 4
    assert len(printed) == 5  # 1 + a blank back, 2, 1
    assert inked_pixels(printed[1]) == 0
    assert differing_pixels(printed[0], ukraine[0]) <= FILE_PIXELS
    assert differing_pixels(printed[2], belarus[0]) <= FILE_PIXELS  # the front of the second sheet
    assert differing_pixels(printed[3], belarus[1]) <= FILE_PIXELS
    assert differing_pixels(printed[4], ukraine[0]) <= FILE_PIXELS
    texts = page_texts(tmp_path / "duplex.pdf")
    assert texts[1] == "" and texts[0] == texts[4] == page_texts(one_page)[0]


def test_a_cancelled_print_leaves_nothing_behind(
    qapp: QApplication, demo_note: tuple[NoteDocument, bytes], tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    existing = folder / "printed.pdf"
    existing.write_bytes(b"an earlier print the officer keeps")
    steps: list[str] = []

    def cancel_on_second_page(_d: int, _t: int, message: str) -> None:
        steps.append(message)
        if message.endswith("page 2"):
            progress.cancel()

    progress = Progress(cancel_on_second_page)
    documents = [PrintDocument("BLR note", demo_note[1])] * 3
    with pytest.raises(Cancelled):
        print_documents(file_printer(existing), documents, progress, count=3)
    assert "Printing BLR note (1 of 3), page 2" in steps
    assert [p.name for p in folder.iterdir()] == ["printed.pdf"]
    assert existing.read_bytes() == b"an earlier print the officer keeps"


def test_a_print_that_cannot_start_says_why(
    qapp: QApplication, demo_note: tuple[NoteDocument, bytes], tmp_path: Path
) -> None:
    target = tmp_path / "gone" / "printed.pdf"
    with pytest.raises(PrintFailed, match=r"the folder .* does not exist"):
        print_documents(file_printer(target), [PrintDocument("note", demo_note[1])], SILENT)
    assert not target.parent.exists()
