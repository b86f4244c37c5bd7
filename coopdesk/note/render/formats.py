"""One entry point for the four output formats, so the CLI, the batch and the GUI name them alike."""

from __future__ import annotations

from coopdesk.note.model import LetterContent, Letterhead, NoteDocument

#: Output formats and their file suffixes.
FORMATS = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "txt": ".txt"}


def format_for_suffix(suffix: str) -> str | None:
    """The format a file name asks for (".pdf" -> "pdf"), or None."""
    wanted = suffix.lower()
    return next((name for name, ext in FORMATS.items() if ext == wanted), None)


def render(doc: NoteDocument, letterhead: Letterhead, fmt: str, letter: LetterContent | None = None) -> bytes:
    """The note (and letter) in ``fmt`` as the bytes of a file."""
    if fmt == "pdf":
        from coopdesk.note.render.pdf import render_pdf

        return render_pdf(doc, letterhead, letter)
    if fmt == "docx":
        from coopdesk.note.render.docx import render_docx

        return render_docx(doc, letterhead, letter)
    if fmt == "html":
        from coopdesk.note.render.html import render_html

        return render_html(doc, letter, letterhead).encode("utf-8")
    if fmt == "txt":
        from coopdesk.note.render.text import render_text

        return render_text(doc, letter).encode("utf-8")
    raise ValueError(f"'{fmt}' is not an output format: use one of {', '.join(FORMATS)}")
