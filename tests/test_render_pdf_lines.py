"""A paragraph that runs over several pages: its lines are broken once, and the PDF is the one reportlab's
own Paragraph makes, line for line and point for point."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

import coopdesk.note.render.pdf as pdf_module
from coopdesk.note.model import BulletList, Letterhead, ListItem, NoteDocument, Span
from coopdesk.note.model import Paragraph as NoteParagraph
from coopdesk.note.render.pdf import render_pdf
from coopdesk.note.render.pdf_paragraph import KeptLinesParagraph

NBSP = "\u00a0"
HEAD = Letterhead("Office des Nations Unies contre la drogue et le crime", "ONUDC")


def _long_spans(count: int, *, long_word: bool = False) -> tuple[Span, ...]:
    """A French bullet as the busiest States have them: plain wording and bold names in turn, no-break
    spaces before colons and inside guillemets, italics now and then."""
    spans: list[Span] = [Span("Le Nicaragua a fourni des données pour ")]
    for i in range(count):
        spans.append(Span(f"l'Enquête n{NBSP}{i} sur la criminalité et la justice pénale", bold=True))
        date = f"le {1 + i % 28}{NBSP}août{NBSP}2021"
        wording = f" pour {2000 + i % 25} {date}{NBSP}: « réponse{NBSP}partielle », "
        if long_word and i == count // 2:
            wording += "https://www.unodc.org/" + "x" * 140 + " puis "
        spans.append(Span(wording + ("a répondu à " if i % 3 else "")))
        if i % 7 == 0:
            spans.append(Span("(sous réserve)", italic=True))
            spans.append(Span(" "))
    spans.append(Span("."))
    return tuple(spans)


def _document() -> NoteDocument:
    nested = BulletList((ListItem(_long_spans(3)), ListItem(_long_spans(2))))
    return NoteDocument(
        "Note pour le dossier",
        "Coopération avec le Nicaragua",
        (
            NoteParagraph(_long_spans(60)),
            BulletList(
                (
                    ListItem(_long_spans(150)),
                    ListItem((Span("Les suivantes : "), Span("une", bold=True)), children=nested),
                    ListItem(_long_spans(90, long_word=True)),
                )
            ),
        ),
        dateline="Au 30 juin 2025",
        lang="fr",
    )


def _pages(data: bytes) -> list[tuple[bytes, str]]:
    """Each page's drawing operators (every glyph run and its position) and its text."""
    pages = []
    for page in PdfReader(io.BytesIO(data)).pages:
        contents = page.get_contents()
        assert contents is not None
        pages.append((contents.get_data(), page.extract_text()))
    return pages


def test_a_paragraph_over_pages_prints_as_reportlabs_own_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = _document()
    kept = _pages(render_pdf(doc, HEAD))
    monkeypatch.setattr(pdf_module, "KeptLinesParagraph", Paragraph)
    own = _pages(render_pdf(doc, HEAD))
    assert len(kept) >= 5  # the long bullets run over pages
    assert [text for _, text in kept] == [text for _, text in own]
    assert [ops for ops, _ in kept] == [ops for ops, _ in own]


def test_the_lines_of_a_paragraph_over_pages_are_broken_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reportlab breaks each line once, except in the paragraph where it had to cut a word too long for
    a line (that one is broken as reportlab always did)."""
    broken: list[int] = []
    breaks = rl_paragraph.Paragraph.breakLines

    def counting(self: Paragraph, width: Any) -> Any:
        lines = breaks(self, width)
        broken.append(len(lines.lines))
        return lines

    monkeypatch.setattr(rl_paragraph.Paragraph, "breakLines", counting)
    simple = NoteDocument("Note", "Sujet", (BulletList((ListItem(_long_spans(150)),)),), lang="fr")
    drawn = sum(len(text.splitlines()) for _, text in _pages(render_pdf(simple, HEAD)))
    pages = len(_pages(render_pdf(simple, HEAD)))
    broken.clear()
    render_pdf(simple, HEAD)
    assert pages >= 3
    # title, subtitle and the bullet's lines once each; each page's text also holds its header and number
    assert sum(broken) <= drawn - 2 * pages
    monkeypatch.setattr(pdf_module, "KeptLinesParagraph", Paragraph)
    broken.clear()
    render_pdf(simple, HEAD)
    assert sum(broken) > 2 * (drawn - 2 * pages)  # what reportlab's own paragraph breaks


def _lines(para: Paragraph) -> list[str]:
    return ["".join(word.text for word in line.words) for line in para.blPara.lines]


def test_a_piece_laid_out_at_another_width_is_broken_again() -> None:
    """The rest of a paragraph kept for its width is broken afresh in a narrower frame, as reportlab's
    own rest is."""
    from coopdesk.note.render.pdf import _styles, markup

    style = _styles()["bullet1"]
    text = markup(_long_spans(40))
    kept, own = KeptLinesParagraph(text, style, bulletText="•"), Paragraph(text, style, bulletText="•")
    pieces = []
    for para in (kept, own):
        para.wrap(420, 10_000)
        head, rest = para.split(420, 300)
        head.wrap(420, 300)
        rest.wrap(300, 10_000)
        pieces.append((_lines(head), _lines(rest)))
    assert pieces[0] == pieces[1]
    assert len(pieces[0][1]) > len(pieces[0][0])  # narrower: more lines than the 420 points had
