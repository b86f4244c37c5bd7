"""The note (and its cover letter) as a Word document, A4, with real heading and list styles.

Office staff edit the note in Word, so the structure is Word's own: the title in "Heading 1", the
subtitle in "Heading 2", bullets in "List Bullet" and "List Bullet 2". Page numbers are PAGE fields in
the footer. Text is added as runs, never parsed, so typed markup stays literal.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from coopdesk.note.lang import Language, language
from coopdesk.note.model import BulletList, Heading, LetterContent, Letterhead, NoteDocument, Span
from coopdesk.note.model import Paragraph as NoteParagraph
from coopdesk.note.render.printable import printable

FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x44, 0x44, 0x44)


def _use_font(style: Any) -> None:
    """Set the style's font, dropping the theme fonts that would otherwise win over it."""
    style.font.name = FONT
    fonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)


def _no_contextual_spacing(style: Any) -> None:
    """Word's list styles drop the space between items of one list; a note reads better with it."""
    p_pr = style.element.pPr
    if p_pr is not None:
        for element in p_pr.findall(qn("w:contextualSpacing")):
            p_pr.remove(element)


def _setup_styles(document: Any) -> None:
    normal = document.styles["Normal"]
    _use_font(normal)
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Heading 1", 14), ("Heading 2", 12)):
        style = document.styles[name]
        _use_font(style)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BLACK
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        style.paragraph_format.space_after = Pt(12)
    for name in ("List Bullet", "List Bullet 2"):
        style = document.styles[name]
        _use_font(style)
        _no_contextual_spacing(style)
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.space_after = Pt(8 if name == "List Bullet" else 3)


def _set_language(document: Any, tag: str) -> None:
    """The text's language, for Word's spelling and hyphenation ("fr-FR"); automatic hyphenation stays
    off, so no name is ever cut at a line's end."""
    document.core_properties.language = tag
    r_pr = document.styles["Normal"].element.get_or_add_rPr()
    for element in r_pr.findall(qn("w:lang")):
        r_pr.remove(element)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    r_pr.append(lang)


def _a4(section: Any) -> None:
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(12)


def _add_spans(paragraph: Any, spans: tuple[Span, ...]) -> None:
    for s in spans:
        run = paragraph.add_run(printable(s.text))
        run.bold = s.bold or None
        run.italic = s.italic or None


def _field(paragraph: Any, instruction: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    run.font.size = Pt(size)
    run.font.color.rgb = GREY
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, text, separate, shown, end):
        run._r.append(element)


def _restart_numbering(section: Any) -> None:
    page_numbers = OxmlElement("w:pgNumType")
    page_numbers.set(qn("w:start"), "1")
    section._sectPr.append(page_numbers)


def _small(paragraph: Any, text: str, size: float = 8, italic: bool = False) -> None:
    run = paragraph.add_run(printable(text))
    run.font.size = Pt(size)
    run.font.color.rgb = GREY
    run.italic = italic or None


def _note_header_footer(section: Any, letterhead: Letterhead, *, after_letter: bool, lang: Language) -> None:
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = ""
    _small(header, letterhead.organisation_name, 9)
    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    page, of = lang.page_words()
    _small(footer, page, 9)
    _field(footer, "PAGE", 9)
    _small(footer, of, 9)
    # After a letter the note counts its own pages (its section's); alone, the document's.
    _field(footer, "SECTIONPAGES" if after_letter else "NUMPAGES", 9)


def _letter_footer(section: Any, letterhead: Letterhead) -> None:
    footer = section.footer
    first = footer.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letterhead.motto:
        _small(first, letterhead.motto, 10, italic=True)
    for line in letterhead.footer_lines:
        p = footer.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _small(p, line, 7.5)


def _add_list(document: Any, blist: BulletList, depth: int = 0) -> None:
    style = "List Bullet" if depth == 0 else "List Bullet 2"
    for item in blist.items:
        paragraph = document.add_paragraph(style=style)
        _add_spans(paragraph, item.spans)
        if item.children is not None:
            paragraph.paragraph_format.keep_with_next = True
            _add_list(document, item.children, depth + 1)


def _add_letter(document: Any, letter: LetterContent, letterhead: Letterhead) -> None:
    if letterhead.short_name:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(printable(letterhead.short_name))
        run.bold = True
        run.font.size = Pt(20)
    if letterhead.organisation_name:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(18)
        _small(p, letterhead.organisation_name, 11)
    if letter.reference:
        document.add_paragraph(printable(language(letter.lang).reference_label(letter.reference)))
    document.add_paragraph(printable(letter.date_text)).paragraph_format.space_after = Pt(14)
    if letter.subject:
        document.add_paragraph().add_run(printable(letter.subject)).bold = True
    if letter.salutation:
        document.add_paragraph(printable(letter.salutation))
    for text in letter.body_paragraphs:
        document.add_paragraph(printable(text)).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if letter.closing:
        document.add_paragraph(printable(letter.closing))
    signature = [x for x in (letter.signatory_name, letter.signatory_title) if x]
    if signature:
        p = document.add_paragraph()
        p.paragraph_format.space_before = Pt(30)
        for i, line in enumerate(signature):
            run = p.add_run(printable(line))
            if i < len(signature) - 1:
                run.add_break()
    if letter.addressee_lines:
        p = document.add_paragraph()
        p.paragraph_format.space_before = Pt(24)
        for i, line in enumerate(letter.addressee_lines):
            run = p.add_run(printable(line))
            if i < len(letter.addressee_lines) - 1:
                run.add_break()


def _add_note(document: Any, doc: NoteDocument) -> None:
    document.add_heading(printable(doc.title), level=1)
    document.add_heading(printable(doc.subtitle), level=2)
    if doc.dateline:
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(printable(doc.dateline)).italic = True
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(printable(block.text), level=min(block.level + 2, 9))
        elif isinstance(block, NoteParagraph):
            _add_spans(document.add_paragraph(), block.spans)
        else:
            _add_list(document, block)


def render_docx(doc: NoteDocument, letterhead: Letterhead, letter: LetterContent | None = None) -> bytes:
    """A .docx of the note, preceded by its cover letter (its own section) when one is given."""
    document = Document()
    _setup_styles(document)
    lang = language(doc.lang)
    _set_language(document, lang.tag)
    properties = document.core_properties
    properties.title = printable(doc.title)[:255]
    properties.subject = printable(doc.subtitle)
    properties.author = printable(letterhead.organisation_name)
    first = document.sections[0]
    _a4(first)
    if letter is not None:
        _letter_footer(first, letterhead)
        _add_letter(document, letter, letterhead)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        _a4(section)
        _restart_numbering(section)
        _note_header_footer(section, letterhead, after_letter=True, lang=lang)
    else:
        _note_header_footer(first, letterhead, after_letter=False, lang=lang)
    _add_note(document, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
