"""The officer's edited rich text comes back as the same document model the renderers print."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument, QTextListFormat

from coopdesk.db.database import Database
from coopdesk.note.model import BulletList, Heading, ListItem, NoteDocument, Paragraph, Span
from coopdesk.note.render.html_import import blocks_from_html, note_from_html

NOTE = NoteDocument(
    title="Cooperation between UNODC and the Government of the Republic of Belarus",
    subtitle="Note for the file",
    blocks=(
        BulletList(
            (
                ListItem(
                    (
                        Span("Belarus ratified "),
                        Span("the United Nations Convention against Corruption", bold=True),
                        Span(" on 17 February 2005."),
                    )
                ),
                ListItem(
                    (Span("Belarus has ratified 13 out of 16 international "), Span("treaties", bold=True)),
                    BulletList(
                        (
                            ListItem((Span("2005 Amendment to the Convention"),)),
                            ListItem((Span("2005 Protocol of 2005", italic=True),)),
                        )
                    ),
                ),
                ListItem((Span("UNODC is not supporting any ongoing project."),)),
            )
        ),
        Paragraph((Span("A closing remark with "), Span("emphasis", italic=True), Span("."))),
    ),
)


def _qt_html(source: str) -> str:
    """What the rich-text editor hands back after loading ``source``."""
    document = QTextDocument()
    document.setHtml(source)
    return document.toHtml()


@pytest.fixture
def qt(qapp: object) -> None:
    """QTextDocument needs an application object for fonts."""


def test_the_drafted_note_survives_a_round_trip_through_the_editor(qt: None) -> None:
    from coopdesk.note.render.html import render_html

    assert note_from_html(_qt_html(render_html(NOTE))) == NOTE


def test_the_drafted_note_survives_a_round_trip_without_qt() -> None:
    from coopdesk.note.render.html import render_html

    assert note_from_html(render_html(NOTE)) == NOTE


def test_qt_sibling_lists_with_indent_nest_and_continue(qt: None) -> None:
    document = QTextDocument()
    cursor = QTextCursor(document)
    outer = QTextListFormat()
    outer.setStyle(QTextListFormat.Style.ListDisc)
    outer.setIndent(1)
    cursor.insertList(outer)
    cursor.insertText("first")
    cursor.insertBlock()
    cursor.insertText("second")
    inner = QTextListFormat()
    inner.setStyle(QTextListFormat.Style.ListCircle)
    inner.setIndent(2)
    cursor.insertBlock()
    cursor.insertList(inner)
    cursor.insertText("nested")
    cursor.insertBlock()
    cursor.createList(outer)
    cursor.insertText("third")
    html = document.toHtml()
    assert "-qt-list-indent: 2" in html
    assert blocks_from_html(html) == [
        BulletList(
            (
                ListItem((Span("first"),)),
                ListItem((Span("second"),), BulletList((ListItem((Span("nested"),)),))),
                ListItem((Span("third"),)),
            )
        )
    ]


def test_bold_and_italic_in_every_spelling() -> None:
    html = (
        "<p><b>b</b> <strong>s</strong> <span style='font-weight:700'>w</span> <i>i</i> <em>e</em>"
        " <span style='font-style:italic; font-weight:600'>bi</span> <span style='font-weight:400'>n</span></p>"
    )
    (para,) = blocks_from_html(html)
    assert isinstance(para, Paragraph)
    styled = [(s.text.strip(), s.bold, s.italic) for s in para.spans if s.text.strip()]
    assert styled == [
        ("b", True, False),
        ("s", True, False),
        ("w", True, False),
        ("i", False, True),
        ("e", False, True),
        ("bi", True, True),
        ("n", False, False),
    ]


def test_markup_typed_by_the_user_stays_literal(qt: None) -> None:
    document = QTextDocument()
    QTextCursor(document).insertText('Belarus <b>not bold</b> & <img src="file:///etc/passwd"> "quoted"')
    (para,) = blocks_from_html(document.toHtml())
    assert para == Paragraph((Span('Belarus <b>not bold</b> & <img src="file:///etc/passwd"> "quoted"'),))


def test_images_scripts_and_styles_are_dropped_never_loaded() -> None:
    html = (
        "<html><head><title>t</title><style>p { color: red }</style>"
        "<link rel='stylesheet' href='http://example.invalid/x.css'></head><body>"
        "<p>Before<img src='http://example.invalid/pixel.png'>after</p>"
        "<script>alert('x')</script><p><a href='http://example.invalid'>a link</a></p></body></html>"
    )
    assert blocks_from_html(html) == [Paragraph((Span("Beforeafter"),)), Paragraph((Span("a link"),))]


def test_headings_become_title_and_subtitle() -> None:
    html = (
        "<h1>The title</h1><p class='subtitle'>Note for the file</p><h2>Section</h2><h3>Sub</h3><p>Text</p>"
    )
    note = note_from_html(html)
    assert note.title == "The title"
    assert note.subtitle == "Note for the file"
    assert note.blocks == (Heading("Section", 1), Heading("Sub", 2), Paragraph((Span("Text"),)))


def test_a_note_without_headings_keeps_all_its_text() -> None:
    note = note_from_html("<p>Only a paragraph.</p>")
    assert (note.title, note.subtitle) == ("", "")
    assert note.blocks == (Paragraph((Span("Only a paragraph."),)),)


def test_line_breaks_split_paragraphs_and_empty_paragraphs_vanish() -> None:
    html = "<p>one<br/>two</p><p style='-qt-paragraph-type:empty'><br /></p><p>  three   words  </p>"
    assert blocks_from_html(html) == [
        Paragraph((Span("one"),)),
        Paragraph((Span("two"),)),
        Paragraph((Span("three words"),)),
    ]


def test_real_nested_lists_and_unclosed_tags() -> None:
    html = "<ul><li>a<ul><li>a1<li>a2</ul><li>b</ul><p>tail <b>bold"
    assert blocks_from_html(html) == [
        BulletList(
            (
                ListItem((Span("a"),), BulletList((ListItem((Span("a1"),)), ListItem((Span("a2"),))))),
                ListItem((Span("b"),)),
            )
        ),
        Paragraph((Span("tail "), Span("bold", bold=True))),
    ]


def test_garbage_gives_an_empty_note_not_an_error() -> None:
    assert blocks_from_html("") == []
    assert all(isinstance(b, Paragraph) for b in blocks_from_html("<<<>>></p></ul></li>"))
    assert note_from_html("</li></ul>") == NoteDocument("", "", ())


def test_the_drafted_belarus_note_survives_the_editor_unchanged(qt: None, demo_db: Database) -> None:
    from coopdesk.note.builder import draft_note
    from coopdesk.note.render.html import render_html

    note = draft_note(demo_db, "BLR", date(2009, 10, 30))
    assert any(isinstance(b, BulletList) for b in note.blocks)
    assert note_from_html(_qt_html(render_html(note))) == note
