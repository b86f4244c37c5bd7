"""The note (and its cover letter) as an A4 PDF, with reportlab's Platypus.

The text is set in Liberation Serif (shipped in ``resources/fonts``, SIL Open Font License), which covers
Latin, Greek and Cyrillic, so "Pâquis", "–" and Cyrillic names print as typed. Every piece of user text
is escaped before it reaches reportlab's paragraph markup, so typed markup prints literally and can never
load an image or a file.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
)

from coopdesk.note.lang import Language, language
from coopdesk.note.lang.en import ENGLISH
from coopdesk.note.model import BulletList, Heading, LetterContent, Letterhead, NoteDocument, Span
from coopdesk.note.model import Paragraph as NoteParagraph
from coopdesk.note.render.pdf_paragraph import KeptLinesParagraph
from coopdesk.note.render.printable import printable

FONT = "CoopdeskSerif"
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = RIGHT = 25 * mm
TOP = 25 * mm
BOTTOM = 25 * mm
GREY = HexColor("#444444")
RULE = HexColor("#5B7DB1")


@cache
def register_fonts() -> str:
    """Register the shipped serif family once; returns its name. Paragraphs then remember the widths of
    the words they measure (``pdf_widths``)."""
    from reportlab.lib.fonts import addMapping

    from coopdesk.note.render.pdf_widths import remember_word_widths

    remember_word_widths()

    from coopdesk.db.shipped_files import shipped_file

    faces = {
        FONT: "LiberationSerif-Regular.ttf",
        f"{FONT}-Bold": "LiberationSerif-Bold.ttf",
        f"{FONT}-Italic": "LiberationSerif-Italic.ttf",
    }
    for name, filename in faces.items():
        data = shipped_file("fonts", filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, f"{FONT}-Bold")
    addMapping(FONT, 0, 1, f"{FONT}-Italic")
    addMapping(FONT, 1, 1, f"{FONT}-Bold")
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=12, leading=15, alignment=TA_LEFT)
    return {
        "body": ParagraphStyle("body", base, alignment=TA_JUSTIFY, spaceAfter=10),
        "plain": ParagraphStyle("plain", base, spaceAfter=0),
        "title": ParagraphStyle(
            "title", base, fontName=f"{font}-Bold", fontSize=14, leading=18, alignment=TA_CENTER, spaceAfter=8
        ),
        "subtitle": ParagraphStyle(
            "subtitle", base, fontName=f"{font}-Bold", alignment=TA_CENTER, spaceBefore=2, spaceAfter=16
        ),
        "dateline": ParagraphStyle(
            "dateline", base, fontName=f"{font}-Italic", alignment=TA_CENTER, spaceBefore=-10, spaceAfter=16
        ),
        "heading": ParagraphStyle(
            "heading", base, fontName=f"{font}-Bold", spaceBefore=8, spaceAfter=6, keepWithNext=1
        ),
        # The bullets ("•", "–") in the embedded serif too: reportlab's default bullet font is Helvetica,
        # which is never embedded (an archive's check that every font is embedded would fail).
        "bullet1": ParagraphStyle(
            "bullet1",
            base,
            alignment=TA_JUSTIFY,
            leftIndent=7 * mm,
            bulletIndent=0,
            bulletFontName=font,
            spaceAfter=7,
        ),
        "bullet2": ParagraphStyle(
            "bullet2",
            base,
            alignment=TA_LEFT,
            leftIndent=14 * mm,
            bulletIndent=7 * mm,
            bulletFontName=font,
            spaceAfter=3,
        ),
        "org_short": ParagraphStyle(
            "org_short", base, fontName=f"{font}-Bold", fontSize=20, leading=24, alignment=TA_CENTER
        ),
        "org_name": ParagraphStyle(
            "org_name", base, fontSize=11, leading=14, alignment=TA_CENTER, textColor=GREY, spaceAfter=18
        ),
    }


def markup(spans: tuple[Span, ...] | list[Span]) -> str:
    """Reportlab paragraph markup for spans: the text escaped, styles as <b>/<i>."""
    out = []
    for s in spans:
        text = escape(printable(s.text))
        if s.italic:
            text = f"<i>{text}</i>"
        if s.bold:
            text = f"<b>{text}</b>"
        out.append(text)
    return "".join(out)


def _text(text: str) -> str:
    return escape(printable(text))


def _bullets(blist: BulletList, styles: dict[str, ParagraphStyle], depth: int = 0) -> list[Flowable]:
    style = styles["bullet1" if depth == 0 else "bullet2"]
    symbol = "•" if depth == 0 else "–"
    flowables: list[Flowable] = []
    for item in blist.items:
        para = KeptLinesParagraph(markup(item.spans), style, bulletText=symbol)
        if item.children is not None:
            # Keep an introduction ("The remaining ... are the following:") with the start of its list;
            # a long list may then run on to the next page rather than leave a blank one behind.
            nested = _bullets(item.children, styles, depth + 1)
            flowables.append(KeepTogether([para, *nested[:2]]))
            flowables.extend(nested[2:])
        else:
            flowables.append(para)
    if depth and flowables:
        flowables.append(Spacer(1, 4))
    return flowables


def note_flowables(doc: NoteDocument, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    flowables: list[Flowable] = [
        KeptLinesParagraph(_text(doc.title), styles["title"]),
        KeptLinesParagraph(f"<u>{_text(doc.subtitle)}</u>", styles["subtitle"]),
    ]
    if doc.dateline:
        flowables.append(KeptLinesParagraph(_text(doc.dateline), styles["dateline"]))
    for block in doc.blocks:
        if isinstance(block, Heading):
            flowables.append(CondPageBreak(40 * mm))
            flowables.append(KeptLinesParagraph(_text(block.text), styles["heading"]))
        elif isinstance(block, NoteParagraph):
            flowables.append(KeptLinesParagraph(markup(block.spans), styles["body"]))
        else:
            flowables.extend(_bullets(block, styles))
    return flowables


def letter_flowables(
    letter: LetterContent, letterhead: Letterhead, styles: dict[str, ParagraphStyle]
) -> list[Flowable]:
    flowables: list[Flowable] = []
    if letterhead.short_name:
        flowables.append(KeptLinesParagraph(_text(letterhead.short_name), styles["org_short"]))
    if letterhead.organisation_name:
        flowables.append(KeptLinesParagraph(_text(letterhead.organisation_name), styles["org_name"]))
    if letter.reference:
        label = language(letter.lang).reference_label(letter.reference)
        flowables.append(KeptLinesParagraph(_text(label), styles["plain"]))
    flowables += [Spacer(1, 6), KeptLinesParagraph(_text(letter.date_text), styles["plain"]), Spacer(1, 14)]
    if letter.subject:
        flowables.append(KeptLinesParagraph(f"<b>{_text(letter.subject)}</b>", styles["body"]))
    if letter.salutation:
        flowables.append(KeptLinesParagraph(_text(letter.salutation), styles["body"]))
    flowables += [KeptLinesParagraph(_text(p), styles["body"]) for p in letter.body_paragraphs]
    if letter.closing:
        flowables.append(KeptLinesParagraph(_text(letter.closing), styles["body"]))
    signature = [_text(x) for x in (letter.signatory_name, letter.signatory_title) if x]
    if signature:
        flowables += [Spacer(1, 30), KeptLinesParagraph("<br/>".join(signature), styles["plain"])]
    if letter.addressee_lines:
        addressee = "<br/>".join(_text(x) for x in letter.addressee_lines)
        flowables += [Spacer(1, 24), KeepTogether(KeptLinesParagraph(addressee, styles["plain"]))]
    return flowables


class _PageKind:
    """Which template drew each page, so page numbers count the note's pages only."""

    def __init__(self) -> None:
        self.kinds: list[str] = []


def _canvas_class(letterhead: Letterhead, kinds: _PageKind, lang: Language = ENGLISH) -> type[Canvas]:
    """A canvas that defers each page until the end, to print "Page N of M" on the note's pages."""
    font = register_fonts()

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            note_pages = [i for i, k in enumerate(kinds.kinds) if k == "note"]
            total = len(note_pages)
            for index, state in enumerate(self._saved):
                self.__dict__.update(state)
                kind = kinds.kinds[index] if index < len(kinds.kinds) else "note"
                if kind == "note":
                    self._draw_note_frame(note_pages.index(index) + 1, total)
                else:
                    self._draw_letter_footer()
                super().showPage()
            super().save()

        def _draw_note_frame(self, number: int, total: int) -> None:
            self.saveState()
            self.setFont(font, 9)
            self.setFillColor(GREY)
            top = PAGE_HEIGHT - 14 * mm
            self.drawString(LEFT, top, letterhead.organisation_name)
            if letterhead.short_name and letterhead.short_name != letterhead.organisation_name:
                self.drawRightString(PAGE_WIDTH - RIGHT, top, letterhead.short_name)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(LEFT, top - 2.5 * mm, PAGE_WIDTH - RIGHT, top - 2.5 * mm)
            self.drawCentredString(PAGE_WIDTH / 2, 12 * mm, lang.page_label(number, total))
            self.restoreState()

        def _draw_letter_footer(self) -> None:
            self.saveState()
            y = 12 * mm
            self.setFillColor(GREY)
            self.setFont(font, 7.5)
            for line in reversed(letterhead.footer_lines):
                self.drawCentredString(PAGE_WIDTH / 2, y, line)
                y += 3.6 * mm
            if letterhead.motto:
                self.setFont(f"{font}-Italic", 10)
                self.drawCentredString(PAGE_WIDTH / 2, y + 1.5 * mm, letterhead.motto)
                y += 6 * mm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.6)
            self.line(LEFT, y + 1 * mm, PAGE_WIDTH - RIGHT, y + 1 * mm)
            self.restoreState()

    return NumberedCanvas


def render_pdf(
    doc: NoteDocument,
    letterhead: Letterhead,
    letter: LetterContent | None = None,
    *,
    title: str | None = None,
    author: str | None = None,
    subject: str = "",
) -> bytes:
    """An A4 PDF of the note, preceded by its cover letter when one is given; returns the file's bytes."""
    styles = _styles()
    kinds = _PageKind()
    buffer = io.BytesIO()
    frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM, id="body")
    letter_frame = Frame(
        LEFT, 38 * mm, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - 20 * mm - 38 * mm, id="letter"
    )

    def on_page(kind: str) -> Any:
        def mark(canvas: Canvas, _doc: Any) -> None:
            kinds.kinds.append(kind)

        return mark

    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=title or doc.title,
        author=author or letterhead.organisation_name,
        subject=subject or doc.subtitle,
        creator="coopdesk",
        # Each page starts in the embedded serif: reportlab's default, Helvetica, is never embedded.
        initialFontName=register_fonts(),
        lang=language(doc.lang).tag,
        pageTemplates=[
            PageTemplate(id="letter", frames=[letter_frame], onPage=on_page("letter")),
            PageTemplate(id="note", frames=[frame], onPage=on_page("note")),
        ],
    )
    story: list[Flowable] = []
    if letter is not None:
        story += letter_flowables(letter, letterhead, styles)
        story += [NextPageTemplate("note"), PageBreak()]
    else:
        story.append(NextPageTemplate("note"))
        template.pageTemplates = [template.pageTemplates[1], template.pageTemplates[0]]
    story += note_flowables(doc, styles)
    template.build(story, canvasmaker=_canvas_class(letterhead, kinds, language(doc.lang)))
    return buffer.getvalue()
