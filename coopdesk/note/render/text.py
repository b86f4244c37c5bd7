"""The note (and its cover letter) as plain text: one paragraph per line, bullets as "- "."""

from __future__ import annotations

from coopdesk.note.lang import language
from coopdesk.note.model import BulletList, Heading, LetterContent, NoteDocument, Paragraph


def render_letter_text(letter: LetterContent) -> list[str]:
    reference = language(letter.lang).reference_label(letter.reference) if letter.reference else ""
    lines = [reference, letter.date_text, ""]
    if letter.subject:
        lines += [letter.subject, ""]
    if letter.salutation:
        lines += [letter.salutation, ""]
    for paragraph in letter.body_paragraphs:
        lines += [paragraph, ""]
    if letter.closing:
        lines += [letter.closing, "", ""]
    lines += [x for x in (letter.signatory_name, letter.signatory_title) if x]
    if letter.addressee_lines:  # below the signature, as in the PDF and Word letters (UN style)
        lines += ["", "", *letter.addressee_lines]
    return [line for i, line in enumerate(lines) if line or i > 0]


def _list_lines(blist: BulletList, depth: int) -> list[str]:
    lines = []
    for item in blist.items:
        lines.append(f"{'  ' * depth}- {item.text}")
        if item.children is not None:
            lines += _list_lines(item.children, depth + 1)
    return lines


def render_text(doc: NoteDocument, letter: LetterContent | None = None) -> str:
    """Plain text, UTF-8 safe; with a letter, the letter first and the note after a form feed line."""
    lines: list[str] = []
    if letter is not None:
        lines += [*render_letter_text(letter), "", "\f"]
    lines += [doc.title, "", doc.subtitle, ""]
    if doc.dateline:
        lines += [doc.dateline, ""]
    for block in doc.blocks:
        if isinstance(block, Heading | Paragraph):
            lines += [block.text, ""]
        else:
            lines += [*_list_lines(block, 0), ""]
    return "\n".join(lines).rstrip("\n") + "\n"
