"""The note says its date under its title, in every format, as edited and as issued."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document
from pypdf import PdfReader
from test_note_builder import NOTE_DATE

from coopdesk.db.database import Database
from coopdesk.note import letters
from coopdesk.note.builder import draft_note, letterhead
from coopdesk.note.model import NoteDocument
from coopdesk.note.render.docx import render_docx
from coopdesk.note.render.html import render_html
from coopdesk.note.render.html_import import note_from_html
from coopdesk.note.render.pdf import render_pdf
from coopdesk.note.render.text import render_text
from coopdesk.records.service import RecordService

DATELINE = "As of 30 October 2009"


@pytest.fixture
def note(demo_db: Database) -> NoteDocument:
    return draft_note(demo_db, "BLR", NOTE_DATE)


def test_the_text_says_the_date_right_under_the_title(note: NoteDocument) -> None:
    lines = [line for line in render_text(note).splitlines() if line.strip()]
    assert lines[:3] == [note.title, "Note for the file", DATELINE]


def test_the_html_says_the_date_under_the_title_and_reads_back(note: NoteDocument) -> None:
    html = render_html(note)
    assert html.index("Note for the file") < html.index(DATELINE) < html.index("Belarus was elected")
    assert note_from_html(html).dateline == DATELINE
    assert note_from_html(html) == note


def test_the_pdf_says_the_date_under_the_title(demo_db: Database, note: NoteDocument) -> None:
    text = " ".join(
        PdfReader(io.BytesIO(render_pdf(note, letterhead(demo_db)))).pages[0].extract_text().split()
    )
    assert text.index("Note for the file") < text.index(DATELINE) < text.index("Belarus was elected")


def test_the_docx_says_the_date_under_the_title(demo_db: Database, note: NoteDocument) -> None:
    paragraphs = [p.text for p in Document(io.BytesIO(render_docx(note, letterhead(demo_db)))).paragraphs]
    assert paragraphs[1:3] == ["Note for the file", DATELINE]


def test_an_edited_dateline_is_kept_as_a_paragraph(note: NoteDocument) -> None:
    html = render_html(note).replace(DATELINE, "Situation in late October 2009")
    edited = note_from_html(html)
    assert edited.dateline == ""
    assert "Situation in late October 2009" in edited.plain_text()


def test_the_issued_copy_in_the_register_keeps_the_date(demo_db: Database, note: NoteDocument) -> None:
    (letter,) = RecordService(demo_db).list("letter", country="BLR")
    issued = letters.issue_letter(demo_db, letter.key, render_html(note), NOTE_DATE)
    stored_html, stored_text = letters.issued_note(demo_db, issued.key)
    assert DATELINE in stored_text
    assert note_from_html(stored_html).dateline == DATELINE
    pdf = PdfReader(io.BytesIO(letters.issued_pdf(demo_db, issued.key)))
    assert DATELINE in " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    (entry,) = letters.register(demo_db)
    assert str(entry.note_as_of) == "30 October 2009"


def test_a_note_of_another_day_says_that_day(demo_db: Database) -> None:
    assert draft_note(demo_db, "BLR", dt.date(2015, 1, 1)).dateline == "As of 1 January 2015"
