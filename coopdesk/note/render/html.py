"""The note as simple HTML for the Qt preview and printing.

Every piece of user text goes through ``html.escape``: markup typed into a field prints literally.
No image, link, script or external resource is ever produced.
"""

from __future__ import annotations

from html import escape

from coopdesk.note.lang import language
from coopdesk.note.model import (
    BulletList,
    Heading,
    LetterContent,
    Letterhead,
    NoteDocument,
    Paragraph,
    Span,
)

_STYLE = """
body { font-family: 'Times New Roman', 'Liberation Serif', serif; font-size: 12pt; }
.letterhead { text-align: center; }
.org-short { font-size: 16pt; font-weight: bold; margin: 0; }
.org-name { font-size: 11pt; margin: 0 0 12pt 0; }
.reference, .date { margin: 0; }
.footer { font-size: 8pt; text-align: center; color: #333333; }
.motto { font-style: italic; text-align: center; font-size: 10pt; }
h1 { font-size: 14pt; text-align: center; font-weight: bold; }
.subtitle { text-align: center; font-weight: bold; text-decoration: underline; }
.dateline { text-align: center; font-style: italic; }
li { margin-bottom: 6pt; text-align: justify; }
.page-break { page-break-before: always; }
"""


def _spans(spans: tuple[Span, ...]) -> str:
    out = []
    for s in spans:
        text = escape(s.text)
        if s.italic:
            text = f"<i>{text}</i>"
        if s.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _list(blist: BulletList) -> str:
    items = []
    for item in blist.items:
        inner = _spans(item.spans)
        if item.children is not None:
            inner += _list(item.children)
        items.append(f"<li>{inner}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _letterhead(letterhead: Letterhead) -> str:
    return (
        '<div class="letterhead">'
        f'<p class="org-short">{escape(letterhead.short_name)}</p>'
        f'<p class="org-name">{escape(letterhead.organisation_name)}</p>'
        "</div>"
    )


def _letter(letter: LetterContent, letterhead: Letterhead | None) -> str:
    parts = []
    if letterhead is not None:
        parts.append(_letterhead(letterhead))
    if letter.reference:
        label = language(letter.lang).reference_label(letter.reference)
        parts.append(f'<p class="reference">{escape(label)}</p>')
    parts.append(f'<p class="date">{escape(letter.date_text)}</p>')
    if letter.subject:
        parts.append(f"<p><b>{escape(letter.subject)}</b></p>")
    if letter.salutation:
        parts.append(f"<p>{escape(letter.salutation)}</p>")
    parts += [f"<p>{escape(p)}</p>" for p in letter.body_paragraphs]
    if letter.closing:
        parts.append(f"<p>{escape(letter.closing)}</p>")
    signature = [escape(x) for x in (letter.signatory_name, letter.signatory_title) if x]
    if signature:
        parts.append("<p><br><br>" + "<br>".join(signature) + "</p>")
    if letter.addressee_lines:  # below the signature, as in the PDF and Word letters (UN style)
        parts.append(
            '<p class="addressee">' + "<br>".join(escape(x) for x in letter.addressee_lines) + "</p>"
        )
    if letterhead is not None:
        if letterhead.motto:
            parts.append(f'<p class="motto">{escape(letterhead.motto)}</p>')
        parts += [f'<p class="footer">{escape(line)}</p>' for line in letterhead.footer_lines]
    return "".join(parts)


def render_note_body(doc: NoteDocument) -> str:
    """The note's own HTML (title, subtitle, blocks), without the page around it."""
    parts = [f"<h1>{escape(doc.title)}</h1>", f'<p class="subtitle">{escape(doc.subtitle)}</p>']
    if doc.dateline:
        parts.append(f'<p class="dateline" align="center"><i>{escape(doc.dateline)}</i></p>')
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(max(block.level + 1, 2), 6)
            parts.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{_spans(block.spans)}</p>")
        else:
            parts.append(_list(block))
    return "".join(parts)


def render_html(
    doc: NoteDocument, letter: LetterContent | None = None, letterhead: Letterhead | None = None
) -> str:
    """A whole HTML document: the letter (if any), then the note on a new page."""
    body = []
    if letter is not None:
        body.append(_letter(letter, letterhead))
        body.append(f'<div class="page-break">{render_note_body(doc)}</div>')
    else:
        body.append(render_note_body(doc))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language(doc.lang).tag)}"><head><meta charset="utf-8">'
        f"<title>{escape(doc.title)}</title><style>{_STYLE}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )
