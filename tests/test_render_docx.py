"""The note as DOCX: A4, Word's own heading and list styles, the facts, page numbers, literal markup."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from test_note_builder import NOTE_DATE, missing_facts

from coopdesk.db.database import Database
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.model import BulletList, LetterContent, Letterhead, ListItem, NoteDocument, Span
from coopdesk.note.render.docx import render_docx
from coopdesk.records.service import RecordService


def reopen(data: bytes) -> Document:  # type: ignore[valid-type]
    return Document(io.BytesIO(data))


@pytest.fixture
def demo_docx(demo_db: Database, output_dir: Path) -> bytes:
    data = render_docx(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db))
    (output_dir / "note-belarus-2009.docx").write_bytes(data)
    return data


def test_the_docx_holds_every_fact_of_the_reference_note(demo_docx: bytes) -> None:
    document = reopen(demo_docx)
    assert missing_facts("\n".join(p.text for p in document.paragraphs)) == []


def test_the_page_is_a4(demo_docx: bytes) -> None:
    for section in reopen(demo_docx).sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)


def test_title_and_bullets_use_words_own_styles(demo_docx: bytes) -> None:
    paragraphs = reopen(demo_docx).paragraphs
    styles = [p.style.name for p in paragraphs]
    assert (
        paragraphs[0].style.name == "Heading 1"
        and "Government of the Republic of Belarus" in paragraphs[0].text
    )
    assert paragraphs[1].style.name == "Heading 2" and paragraphs[1].text == "Note for the file"
    assert styles.count("List Bullet") == 14
    nested = [p.text for p in paragraphs if p.style.name == "List Bullet 2"]
    assert len(nested) == 3 and all("2005" in t for t in nested)
    bold = [r.text for p in paragraphs for r in p.runs if r.bold]
    assert any("Commission on Narcotic Drugs" in b for b in bold)


def test_the_footer_holds_page_number_fields(demo_docx: bytes) -> None:
    footer = reopen(demo_docx).sections[0].footer
    xml = footer._element.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    assert "Page" in footer.paragraphs[0].text


def test_core_properties_are_true_and_carry_nothing_of_the_template(demo_docx: bytes) -> None:
    properties = reopen(demo_docx).core_properties
    assert properties.title.startswith("Cooperation between United Nations Office on Drugs and Crime")
    assert properties.subject == "Note for the file"
    assert properties.author == properties.last_modified_by == "tester"  # the user, as in the history
    now = dt.datetime.now(dt.UTC)
    assert properties.created is not None and abs(properties.created - now) < dt.timedelta(minutes=5)
    assert properties.modified == properties.created
    assert properties.comments == "" and properties.keywords == ""
    with zipfile.ZipFile(io.BytesIO(demo_docx)) as archive:
        names = archive.namelist()
        texts = b"".join(archive.read(n) for n in names if n.endswith((".xml", ".rels")))
    assert b"python-docx" not in texts and b"2013-" not in texts and b"Macintosh" not in texts
    assert not any("thumbnail" in n for n in names)


def test_the_title_block_header_and_bullets_match_the_pdf(demo_docx: bytes) -> None:
    document = reopen(demo_docx)
    subtitle = document.paragraphs[1]
    assert all(run.underline for run in subtitle.runs) and subtitle.text == "Note for the file"
    header = document.sections[0].header.paragraphs[0]
    assert header.text == "United Nations Office on Drugs and Crime\t\tUNODC"  # right-aligned, as the PDF
    assert 'w:bottom w:val="single"' in header._p.xml  # the rule under it
    numbering = document.part.numbering_part.element
    symbols = {}
    for depth, name in enumerate(("List Bullet", "List Bullet 2")):
        num_id = document.styles[name].element.pPr.numPr.numId.val
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        (text,) = numbering.xpath(f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl/w:lvlText/@w:val')
        symbols[depth] = text
    assert symbols == {0: "•", 1: "–"}


def test_header_and_footer_tab_stops_sit_on_the_a4_text_width(demo_docx: bytes) -> None:
    document = reopen(demo_docx)
    text_width = Mm(210 - 2 * 25)
    for name in ("Header", "Footer"):
        stops = [stop.position for stop in document.styles[name].paragraph_format.tab_stops]
        assert len(stops) == 2
        assert abs(stops[0] - text_width / 2) < Mm(0.1) and abs(stops[1] - text_width) < Mm(0.1)


def test_letter_and_note_are_one_document_in_two_sections(demo_db: Database) -> None:
    (letter,) = RecordService(demo_db).list("letter")
    data = render_docx(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db), letter_content(letter))
    document = reopen(data)
    assert len(document.sections) == 2
    texts = [p.text for p in document.paragraphs]
    assert texts.index("Ref: EWCA/040/09") < texts.index("Note for the file")
    assert any("52 rue des Pâquis" in t for t in texts)
    letter_footer = "\n".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "Making the world safer from drugs, crime and terrorism" in letter_footer
    assert "PAGE" not in document.sections[0].footer._element.xml
    # The note counts its own pages with fields LibreOffice fills too (it leaves SECTIONPAGES empty).
    note_footer = document.sections[1].footer._element.xml
    assert "SECTIONPAGES" not in note_footer and " PAGEREF NoteLastParagraph " in note_footer
    last = document.paragraphs[-1]._p.xml
    assert 'w:name="NoteLastParagraph"' in last


def test_markup_typed_into_a_field_stays_literal() -> None:
    hostile = '<b>x</b> <img src="/etc/passwd"/> &amp; \x07'
    doc = NoteDocument(hostile, "sub", (BulletList((ListItem((Span(hostile, bold=True),)),)),))
    data = render_docx(doc, Letterhead("Org", "O"), LetterContent(reference=hostile, date_text="2009"))
    texts = [p.text for p in reopen(data).paragraphs]
    literal = '<b>x</b> <img src="/etc/passwd"/> &amp; '
    assert texts.count(literal) == 2
    assert f"Ref: {literal}" in texts
    assert b"word/media" not in data


def test_the_addressee_comes_below_the_signature_as_in_the_reference(demo_db: Database) -> None:
    (letter,) = RecordService(demo_db).list("letter")
    data = render_docx(draft_note(demo_db, "BLR", NOTE_DATE), letterhead(demo_db), letter_content(letter))
    texts = "\n".join(p.text for p in reopen(data).paragraphs)
    assert texts.index("Dear Ms. Pillay") < texts.index("Francis Maertens") < texts.index("Her Excellency")
