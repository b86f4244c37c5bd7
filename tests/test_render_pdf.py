"""The note as PDF: A4, the facts readable from the text layer, metadata, the letter first when given."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_note_builder import NOTE_DATE, flat, missing_facts

from coopdesk.db.database import Database
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.model import (
    BulletList,
    LetterContent,
    Letterhead,
    ListItem,
    NoteDocument,
    Span,
)
from coopdesk.note.render.pdf import render_pdf
from coopdesk.records.service import RecordService

A4_POINTS = (595.2756, 841.8898)


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def demo_pdf(demo_db: Database, output_dir: Path) -> bytes:
    (letter,) = RecordService(demo_db).list("letter")
    data = render_pdf(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db), letter_content(letter))
    (output_dir / "note-belarus-2009-with-letter.pdf").write_bytes(data)
    return data


def test_the_pdf_holds_every_fact_of_the_reference_note(demo_pdf: bytes) -> None:
    text = " ".join(pages_text(demo_pdf))
    assert missing_facts(text) == []


def test_every_page_is_a4(demo_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(demo_pdf))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_document_properties_are_set(demo_db: Database) -> None:
    doc = draft_note(demo_db, "BLR", NOTE_DATE)
    data = render_pdf(doc, letterhead(demo_db), title="Belarus note", author="Desk officer")
    meta = PdfReader(io.BytesIO(data)).metadata
    assert meta is not None
    assert meta.title == "Belarus note"
    assert meta.author == "Desk officer"
    default = PdfReader(io.BytesIO(render_pdf(doc, letterhead(demo_db)))).metadata
    assert default is not None and default.title == doc.title
    assert default.author == "United Nations Office on Drugs and Crime"


def test_the_letter_comes_first_then_the_note_with_its_own_page_numbers(demo_pdf: bytes) -> None:
    pages = [flat(t) for t in pages_text(demo_pdf)]
    first = pages[0]
    assert "Ref: EWCA/040/09" in first and "30 October 2009" in first
    assert "Dear Ms. Pillay," in first and "52 rue des Pâquis" in first
    assert "Making the world safer from drugs, crime and terrorism" in first
    assert "Page" not in first
    assert "Note for the file" in pages[1]
    note_pages = len(pages) - 1
    for number, text in enumerate(pages[1:], start=1):
        assert f"Page {number} of {note_pages}" in text
        assert "United Nations Office on Drugs and Crime" in text  # the letterhead line


def test_text_beyond_latin1_prints_as_typed() -> None:
    doc = NoteDocument(
        "Cooperation – test",
        "Note for the file",
        (BulletList((ListItem((Span("Посол Александр Сычёв, Pâquis – “quoted”", bold=True),)),)),),
    )
    text = flat(" ".join(pages_text(render_pdf(doc, Letterhead("Организация", "ORG")))))
    assert "Посол Александр Сычёв, Pâquis – “quoted”" in text
    assert "Организация" in text


def test_markup_typed_into_a_field_prints_literally() -> None:
    hostile = '<b>x</b> <img src="/etc/passwd"/> &amp; <font color=red>y</font>'
    doc = NoteDocument(hostile, "sub", (BulletList((ListItem((Span(hostile), Span(hostile, bold=True))),)),))
    letter = LetterContent(reference=hostile, date_text="1 May 2009", body_paragraphs=(hostile,))
    data = render_pdf(doc, Letterhead(hostile, hostile), letter)
    text = flat(" ".join(pages_text(data)))
    assert text.count(flat(hostile)) >= 5
    assert b"/Subtype /Image" not in data


def test_control_characters_in_a_field_do_not_break_the_pdf() -> None:
    doc = NoteDocument("Title\x00\x07", "Note", (BulletList((ListItem((Span("a\x0bb\x1fc"),)),)),))
    text = flat(" ".join(pages_text(render_pdf(doc, Letterhead("Org", "O")))))
    assert "abc" in text


def test_every_font_the_pdf_uses_is_embedded(demo_pdf: bytes) -> None:
    """What an archive's check asks: no font (the bullets' included) left to the reader's machine."""
    used: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(demo_pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            used[str(font["/BaseFont"])] = embedded
    assert used and all(used.values()), used
    assert not any("Helvetica" in name for name in used)
    text = "\n".join(pages_text(demo_pdf))
    assert "•" in text and "–" in text  # the bullets are there, drawn from the embedded font


def test_the_widths_paragraphs_remember_are_reportlabs_own() -> None:
    """Line breaking measures words through a remembering stringWidth once the fonts are registered;
    every width it gives is the one reportlab measures, for each face and size the note uses."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.platypus import paragraph

    from coopdesk.note.render.pdf import register_fonts

    family = register_fonts()
    assert paragraph.stringWidth.cache_info() is not None  # type: ignore[attr-defined]
    words = ["Bélarus", "Convention", "«", "20\u00a0000", "Протокол", "–", "l'Office", ""]
    faces = [family, f"{family}-Bold", f"{family}-Italic"]
    for _ in range(2):  # measured, then remembered
        for face in faces:
            for size in (9, 10.5, 12, 16):
                for word in words:
                    assert paragraph.stringWidth(word, face, size) == pdfmetrics.stringWidth(word, face, size)
