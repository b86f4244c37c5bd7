"""Read the officer's edited rich text (Qt's ``toHtml()``) back into a ``NoteDocument``.

The preview is edited in a rich-text editor; what is issued, saved as PDF or DOCX must be what the officer
left there, rendered by the same renderers as a drafted note. This parser keeps what the document model
can hold (headings, paragraphs, bullet lists with nesting, bold and italic) and drops everything else.

It only reads the string it is given: images, links, style sheets and scripts are ignored, never fetched.
Text is taken literally: ``&lt;b&gt;`` typed by the user comes back as the characters ``<b>``, which the
renderers escape again.

Qt writes a nested list as sibling ``<ul>`` elements with ``-qt-list-indent: 2`` rather than as a ``<ul>``
inside an ``<li>``; both forms are understood.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from coopdesk.note.lang import LANGUAGES, Language
from coopdesk.note.model import Block, BulletList, Heading, ListItem, NoteDocument, Paragraph, Span

_SKIPPED = {"head", "style", "script", "title", "template", "object", "iframe", "svg", "math"}
_VOID = {"br", "img", "meta", "link", "hr", "input", "col", "area", "base", "wbr", "source", "param"}
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "td", "th", "caption"}
_LISTS = {"ul", "ol"}
_BOLD_TAGS = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_ITALIC_TAGS = {"i", "em", "cite", "var", "dfn"}
#: HTML's white space, which collapses; a no-break space (French "20 000", "Réf. :") is text and stays.
_WHITE = " \t\n\r\f"
_SPACES = re.compile(f"[{_WHITE}]+")
_INDENT = re.compile(r"-qt-list-indent\s*:\s*(\d+)")
_WEIGHT = re.compile(r"font-weight\s*:\s*(\w+)")
_FONT_STYLE = re.compile(r"font-style\s*:\s*(\w+)")


@dataclass
class _Item:
    spans: list[Span] = field(default_factory=list)
    children: _List | None = None


@dataclass
class _List:
    items: list[_Item] = field(default_factory=list)


@dataclass
class _Text:
    spans: list[Span]
    heading: int = 0  # 0 for a paragraph, else the heading level


def _style_bold(style: str, inherited: bool) -> bool:
    match = _WEIGHT.search(style)
    if match is None:
        return inherited
    value = match.group(1).lower()
    if value.isdigit():
        return int(value) >= 600
    return value in ("bold", "bolder")


def _style_italic(style: str, inherited: bool) -> bool:
    match = _FONT_STYLE.search(style)
    if match is None:
        return inherited
    return match.group(1).lower() in ("italic", "oblique")


def _trimmed(spans: list[Span]) -> tuple[Span, ...]:
    """Spans without leading/trailing blanks, adjacent runs of one style merged, empty ones dropped."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (span.bold, span.italic):
            merged[-1] = Span(merged[-1].text + span.text, span.bold, span.italic)
        else:
            merged.append(span)
    if merged:
        merged[0] = Span(merged[0].text.lstrip(_WHITE), merged[0].bold, merged[0].italic)
        merged[-1] = Span(merged[-1].text.rstrip(_WHITE), merged[-1].bold, merged[-1].italic)
    return tuple(s for s in merged if s.text)


class _NoteParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Text | _List] = []
        self._styles: list[tuple[str, bool, bool]] = []  # (tag, bold, italic) of open elements
        self._skip: list[str] = []
        self._lists: list[_List] = []
        self._items: list[_Item] = []
        self._text: _Text | None = None
        self._pre = 0

    # ---------------------------------------------------------------- tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _SKIPPED:
            self._skip.append(tag)
            return
        style = " ".join(v or "" for k, v in attrs if k == "style")
        if tag == "br":
            self._add_text(" " if self._items else "\n")
            return
        if tag in _VOID:
            return  # images and the like are dropped, never loaded
        bold, italic = self._styles[-1][1:] if self._styles else (False, False)
        bold = _style_bold(style, bold or tag in _BOLD_TAGS)
        italic = _style_italic(style, italic or tag in _ITALIC_TAGS)
        self._styles.append((tag, bold, italic))
        if tag == "pre":
            self._pre += 1
        if tag in _LISTS:
            self._start_list(style)
        elif tag == "li":
            self._start_item()
        elif tag in _BLOCKS and not self._items:
            self._end_text()
            self._text = _Text([], int(tag[1]) if tag[0] == "h" and tag[1:].isdigit() else 0)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            return
        if tag in _VOID or not any(t == tag for t, _, _ in self._styles):
            return
        while self._styles:
            open_tag, _, _ = self._styles.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "pre":
            self._pre -= 1
        if tag in _LISTS and self._lists:
            self._lists.pop()
        elif tag == "li" and self._items:
            self._items.pop()
        elif tag in _BLOCKS and not self._items:
            self._end_text()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._add_text(data if self._pre else _SPACES.sub(" ", data))

    def close(self) -> None:
        super().close()
        while self._styles:
            self._close(self._styles.pop()[0])
        self._end_text()

    # ---------------------------------------------------------------- building

    def _add_text(self, text: str) -> None:
        if not text:
            return
        bold, italic = self._styles[-1][1:] if self._styles else (False, False)
        if self._items:
            target = self._items[-1].spans
        else:
            if self._text is None:
                if not text.strip():
                    return
                self._text = _Text([])
            target = self._text.spans
        target.append(Span(text, bold, italic))

    def _end_text(self) -> None:
        if self._text is None:
            return
        text, self._text = self._text, None
        # A line break inside a paragraph starts a new paragraph of the model.
        lines: list[list[Span]] = [[]]
        for span in text.spans:
            parts = span.text.split("\n")
            for n, part in enumerate(parts):
                if n:
                    lines.append([])
                lines[-1].append(Span(part, span.bold, span.italic))
        for line in lines:
            if _trimmed(line):
                self.blocks.append(_Text(line, text.heading))

    def _start_list(self, style: str) -> None:
        if self._items:  # a real nested list inside an item
            parent = self._items[-1]
            if parent.children is None:
                parent.children = _List()
            self._lists.append(parent.children)
            return
        self._end_text()
        match = _INDENT.search(style)
        indent = int(match.group(1)) if match else 1
        if self._lists:
            target = self._lists[-1]  # a list straight inside a list: keep its items there
        elif self.blocks and isinstance(self.blocks[-1], _List):
            target = self.blocks[-1]  # Qt continues a list after a nested one as a sibling <ul>
        else:
            target = _List()
            self.blocks.append(target)
        for _ in range(indent - 1):
            if not target.items:
                target.items.append(_Item())
            parent = target.items[-1]
            if parent.children is None:
                parent.children = _List()
            target = parent.children
        self._lists.append(target)

    def _start_item(self) -> None:
        if not self._lists:
            self._start_list("")
        item = _Item()
        self._lists[-1].items.append(item)
        self._items.append(item)


def _freeze_list(lst: _List) -> BulletList | None:
    items: list[ListItem] = []
    for item in lst.items:
        children = _freeze_list(item.children) if item.children is not None else None
        spans = _trimmed(item.spans)
        if not spans and children is not None and items:
            # An empty bullet holding only a nested list (how an editor indents): nest under the one above.
            above = items[-1]
            kept = above.children.items if above.children is not None else ()
            items[-1] = ListItem(above.spans, BulletList(kept + children.items))
        elif spans or children is not None:
            items.append(ListItem(spans, children))
    return BulletList(tuple(items)) if items else None


def blocks_from_html(html: str) -> list[Block]:
    """The headings, paragraphs and bullet lists of an HTML fragment or document."""
    parser = _NoteParser()
    parser.feed(html)
    parser.close()
    blocks: list[Block] = []
    for raw in parser.blocks:
        if isinstance(raw, _List):
            frozen = _freeze_list(raw)
            if frozen is not None:
                blocks.append(frozen)
            continue
        spans = _trimmed(raw.spans)
        if not spans:
            continue
        if raw.heading:
            blocks.append(Heading("".join(s.text for s in spans), raw.heading))
        else:
            blocks.append(Paragraph(spans))
    return blocks


def _language_of(subtitle: str, given: Language | None) -> Language | None:
    """The language given, else the one whose subtitle the note carries ("Note pour le dossier")."""
    if given is not None:
        return given
    return next((lang for lang in LANGUAGES.values() if lang.note_subtitle() == subtitle.strip()), None)


def note_from_html(html: str, lang: Language | None = None) -> NoteDocument:
    """A note from edited HTML, the inverse of ``render_html``.

    A leading ``<h1>`` is the title, the block right after it the subtitle ("Note for the file") and a
    paragraph after that which reads as a dateline ("As of 30 October 2009", "Situation au 30 octobre
    2009") the note's date; other headings come back one level up (the renderer writes a level-1 section
    heading as ``<h2>``). The note's language is ``lang``, else the one its subtitle is in, else English.
    """
    blocks = blocks_from_html(html)
    title = subtitle = dateline = ""
    if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        title = blocks.pop(0).text  # type: ignore[union-attr]
        if blocks and isinstance(blocks[0], Heading | Paragraph):
            subtitle = blocks.pop(0).text  # type: ignore[union-attr]
        found = _language_of(subtitle, lang)
        readers = [found] if found is not None else list(LANGUAGES.values())
        if (
            blocks
            and isinstance(blocks[0], Paragraph)
            and any(r.is_dateline(blocks[0].text) for r in readers)
        ):
            dateline = blocks.pop(0).text.strip()  # type: ignore[union-attr]
    shifted = tuple(Heading(b.text, max(b.level - 1, 1)) if isinstance(b, Heading) else b for b in blocks)
    code = (_language_of(subtitle, lang) or LANGUAGES["en"]).code
    return NoteDocument(title=title, subtitle=subtitle, blocks=shifted, dateline=dateline, lang=code)
