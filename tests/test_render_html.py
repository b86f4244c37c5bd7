"""The note as HTML (Qt preview and print) and as plain text: escaped, self-contained, complete."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from test_note_builder import NOTE_DATE, missing_facts

from coopdesk.db.database import Database
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.model import BulletList, LetterContent, Letterhead, ListItem, NoteDocument, Span
from coopdesk.note.render.html import render_html
from coopdesk.note.render.text import render_text
from coopdesk.records.service import RecordService

HOSTILE = '<b>x</b> <img src="file:///etc/passwd"> &amp; <script>alert(1)</script>'


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector


def hostile_doc() -> tuple[NoteDocument, LetterContent, Letterhead]:
    doc = NoteDocument(
        HOSTILE,
        HOSTILE,
        (BulletList((ListItem((Span(HOSTILE, bold=True),), BulletList((ListItem((Span(HOSTILE),)),))),)),),
    )
    letter = LetterContent(
        reference=HOSTILE, date_text=HOSTILE, addressee_lines=(HOSTILE,), body_paragraphs=(HOSTILE,)
    )
    return doc, letter, Letterhead(HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)


def test_html_holds_every_fact_and_bold_names(demo_db: Database) -> None:
    html = render_html(draft_note(demo_db, "BLR", NOTE_DATE))
    collector = parse(html)
    assert missing_facts("".join(collector.text)) == []
    assert "<b>the Commission on Narcotic Drugs</b>" in html
    assert collector.tags.count("ul") == 2  # the bullets and the nested list of missing treaties


def test_html_escapes_every_user_text_and_loads_nothing() -> None:
    doc, letter, head = hostile_doc()
    html = render_html(doc, letter, head)
    collector = parse(html)
    assert "img" not in collector.tags and "script" not in collector.tags
    assert sum(t.count(HOSTILE) for t in collector.text) >= 8
    assert not re.search(r"(src|href)\s*=", html.replace("src=&quot;", ""))


def test_html_with_a_letter_puts_the_note_on_a_new_page(demo_db: Database) -> None:
    (letter,) = RecordService(demo_db).list("letter")
    html = render_html(draft_note(demo_db, "BLR", NOTE_DATE), letter_content(letter), letterhead(demo_db))
    assert html.index("EWCA/040/09") < html.index('class="page-break"') < html.index("Note for the file")
    assert "52 rue des Pâquis" in html


def test_plain_text_has_every_fact_and_literal_markup(demo_db: Database) -> None:
    text = render_text(draft_note(demo_db, "BLR", NOTE_DATE))
    assert missing_facts(text) == []
    assert text.count("\n- ") == 14 and text.count("\n  - ") == 3
    doc, letter, _ = hostile_doc()
    assert render_text(doc, letter).count(HOSTILE) >= 6


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_any_typed_text_comes_back_as_the_same_text(typed: str) -> None:
    doc = NoteDocument("T", "S", (BulletList((ListItem((Span("[" + typed + "]", bold=True),)),)),))
    collector = parse(render_html(doc))
    assert "[" + typed + "]" in "".join(collector.text)
    assert collector.tags.count("b") == 1


def test_the_addressee_comes_below_the_signature_in_html_and_text_as_in_the_reference(
    demo_db: Database,
) -> None:
    """UN style, as the reference letter and the PDF and Word letters: the signatory, then the addressee."""
    (letter,) = RecordService(demo_db).list("letter")
    content = letter_content(letter)
    note = draft_note(demo_db, "BLR", NOTE_DATE)
    html_text = " ".join(parse(render_html(note, content, letterhead(demo_db))).text)
    plain = render_text(note, content)
    for text in (html_text, plain):
        order = [
            text.index(s)
            for s in ("Dear Ms. Pillay", "Francis Maertens", "Her Excellency", "Note for the file")
        ]
        assert order == sorted(order), text[:600]
