"""The tables of a saved HTML page, read with the standard library's parser: nothing is fetched or run.

A page saved from the browser carries scripts, style sheets, images and links to other sites. None of
them is followed or executed: the parser only collects the text of table cells (with the line of each
row) and the page's other visible text (for its title and its "status as at" date). Script and style
contents, comments and footnote superscripts are dropped. The page's size is bounded before it gets
here (``reading``); the number of cells is bounded here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from coopdesk.treaty_status.table import TableRefused

MAX_CELLS = 100_000
MAX_CELL_CHARACTERS = 2_000  # longer cells (a layout table's) are cut: a name or a date is short
MAX_PAGE_TEXT = 200_000  # characters of visible text kept outside the tables (title, headings, status)

_SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select"}
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "title", "tr", "table", "span"}


@dataclass
class HtmlTable:
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)
    text_before: int = 0  # how much of the page's text comes before the table (its title, headings)


@dataclass
class _OpenTable:
    """A table being read, with its row and cell in progress (a layout table may hold the status table
    in one of its cells, so each open table keeps its own)."""

    table: HtmlTable
    row: list[str] | None = None
    row_line: int = 0
    cell: list[str] | None = None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[HtmlTable] = []
        self._open: list[_OpenTable] = []  # nested tables, innermost last
        self._skip = 0  # depth inside elements whose text is not shown (script, style, ...)
        self._sup = 0  # depth inside footnote superscripts
        self._title: list[str] = []
        self._in_title = False
        self.text: list[str] = []
        self._text_size = 0
        self._cells = 0

    # The parser calls these; they only collect text.
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        elif tag == "sup":
            self._sup += 1
        elif tag == "table":
            table = HtmlTable(text_before=self._text_size)
            self.tables.append(table)
            self._open.append(_OpenTable(table))
        elif tag == "tr" and self._open:
            self._end_row()
            self._open[-1].row, self._open[-1].row_line = [], self.getpos()[0]
        elif tag in ("td", "th") and self._open:
            current = self._open[-1]
            self._end_cell()
            if current.row is None:
                current.row, current.row_line = [], self.getpos()[0]
            current.cell = []
        elif tag == "br":
            self._add_cell_space()
        if tag in _BLOCKS:
            self._add_text(" \n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._add_cell_space()
            self._add_text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        elif tag == "sup":
            self._sup = max(0, self._sup - 1)
        elif tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_row()
        elif tag == "table" and self._open:
            self._end_row()
            self._open.pop()
        if tag in _BLOCKS:
            self._add_text(" \n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._in_title:
            self._title.append(data)
        cell = self._open[-1].cell if self._open else None
        if cell is not None and not self._sup:
            cell.append(data)
        self._add_text(data)

    def _add_cell_space(self) -> None:
        if self._open and self._open[-1].cell is not None:
            self._open[-1].cell.append(" ")

    def _add_text(self, data: str) -> None:
        if self._text_size < MAX_PAGE_TEXT:
            self.text.append(data)
            self._text_size += len(data)

    def _end_cell(self) -> None:
        current = self._open[-1] if self._open else None
        if current is None or current.cell is None or current.row is None:
            if current is not None:
                current.cell = None
            return
        text = " ".join("".join(current.cell).split())
        current.row.append(text[:MAX_CELL_CHARACTERS])
        current.cell = None
        self._cells += 1
        if self._cells > MAX_CELLS:
            raise TableRefused(
                f"The page holds more than {MAX_CELLS:,} table cells; a status table has a few hundred "
                "rows. This does not look like a treaty's status page."
            )

    def _end_row(self) -> None:
        self._end_cell()
        current = self._open[-1] if self._open else None
        if current is not None and current.row is not None and any(current.row):
            current.table.rows.append((current.row_line, current.row))
        if current is not None:
            current.row = None

    def finish(self) -> None:
        while self._open:
            self._end_row()
            self._open.pop()

    @property
    def title(self) -> str:
        return " ".join("".join(self._title).split())


@dataclass(frozen=True)
class HtmlPage:
    tables: list[HtmlTable]
    title: str
    text: str  # the page's visible text, table cells included


def read_html(text: str) -> HtmlPage:
    """Every table of the page (rows of cell texts, each with its line) and its visible text."""
    collector = _Collector()
    collector.feed(text)
    collector.close()
    collector.finish()
    return HtmlPage(collector.tables, collector.title, "".join(collector.text))
