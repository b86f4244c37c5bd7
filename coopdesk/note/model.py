"""The country note and its cover letter as a small document model, independent of any output format.

The note builder produces these plain, immutable values; each renderer (text, HTML, PDF, DOCX) turns the
same values into its format, so the drafting rules live in one place only. Every string here is text a
person reads, never markup: renderers escape it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A run of text with one style."""

    text: str
    bold: bool = False
    italic: bool = False


def spans_text(spans: Iterable[Span]) -> str:
    """The spans' text without styling."""
    return "".join(s.text for s in spans)


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return spans_text(self.spans)


@dataclass(frozen=True)
class ListItem:
    """One bullet: its text, and an optional nested list under it."""

    spans: tuple[Span, ...]
    children: BulletList | None = None

    @property
    def text(self) -> str:
        return spans_text(self.spans)


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


Block = Heading | Paragraph | BulletList


@dataclass(frozen=True)
class NoteDocument:
    """A note for the file: title, subtitle ("Note for the file"), the date it speaks of ("As of 30
    October 2009", under the title) and its blocks in order, in one language."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...] = ()
    dateline: str = ""
    lang: str = "en"  # the language it is written in (``coopdesk.note.lang``), for the renderers' labels

    def plain_text(self) -> str:
        """All the words of the note, one block or bullet per line (for search and tests)."""
        lines = [self.title, self.subtitle]
        if self.dateline:
            lines.append(self.dateline)

        def walk(blist: BulletList, depth: int) -> None:
            for item in blist.items:
                lines.append("  " * depth + item.text)
                if item.children is not None:
                    walk(item.children, depth + 1)

        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                lines.append(block.text)
            else:
                walk(block, 0)
        return "\n".join(lines)


@dataclass(frozen=True)
class LetterContent:
    """A cover letter, as it prints: every part already worded."""

    reference: str
    date_text: str
    addressee_lines: tuple[str, ...] = ()
    salutation: str = ""
    body_paragraphs: tuple[str, ...] = ()
    closing: str = ""
    signatory_name: str = ""
    signatory_title: str = ""
    subject: str = ""
    lang: str = "en"  # the language it is written in (``coopdesk.note.lang``), for the renderers' labels


@dataclass(frozen=True)
class Letterhead:
    """The organisation's heading and footer lines, from its profile in the catalogue."""

    organisation_name: str
    short_name: str
    address_line: str = ""
    contact_line: str = ""
    motto: str = ""

    @property
    def footer_lines(self) -> tuple[str, ...]:
        """The lines printed at the foot of a letter: the organisation, its address, its contacts."""
        first = " | ".join(x for x in (self.organisation_name, self.address_line) if x)
        return tuple(x for x in (first, self.contact_line) if x)
