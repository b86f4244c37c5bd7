"""The census of a part written the way spreadsheet programs write it, taken with byte searches.

Excel, LibreOffice and XlsxWriter write every cell as ``<c r="B2" s="3" t="s"><v>12</v></c>``: no
namespace prefix, the reference first, attributes in double quotes, one space apart. When a part is
written so *throughout*, its census needs no XML parser: the byte searches below count it in a fraction
of the time, and each one is an over-estimate or exact. Whether a part is written so is itself checked
by counting, never assumed:

* it holds no ``<!`` (comment, CDATA, DOCTYPE) and no ``<?`` after its first bytes, so that every ``<``
  of it begins a tag;
* no element name has a namespace prefix ending in ``:c`` (a prefixed cell);
* the number of cell start tags (``<c`` then a space, ``>``, ``/`` or a line break) equals the number of
  complete canonical cell tags (reference first, then style and type; every other attribute a name of two
  or more letters, so never a second ``r`` or ``t``), so every cell's reference is the one read;
* the reference's row number has no zero in front (the parser refuses one);
* every ``t="s"`` of the part ends a cell's start tag (with at most other attributes after it) followed by
  its index alone, ``<v>INDEX</v></c>`` (as many such endings as ``t="s"``), and no cell holds inline
  text or a formula's text (``t="inlineStr"``, ``t="str"``), whose length only the parser can tell.

The columns and the rows are read from the references of the cells the count matched, which are then
every cell of the part.

Every cell is counted as holding a value (an over-estimate: a styled empty cell is not read), and a
shared string's length is its length in bytes (an over-estimate of its characters). When any check
fails, or a limit is reached on these over-estimates, the caller counts the part with the XML parser
(``xlsx_census``), which is exact and says precisely what is wrong.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from operator import itemgetter

# A whole cell, canonical: the reference first (a row number without a zero in front), then the style
# and the type in that order, then any other attribute, whose name has two letters or more (so that no
# second ``r`` or ``t`` can hide among them); then its end, or a value and the cell's end. A shared-text
# cell (``t="s"``) has its index alone as its value, and it is the third thing found; any other cell has
# one of the other short types or none: inline text or a formula's text leaves the cell unmatched, so
# the counts differ and the parser counts the part.
_ATTRIBUTES = rb'(?: [A-Za-z][A-Za-z0-9:_.-]{1,30}="[^"<>]{0,64}")*'
_COUNTED_CELL = re.compile(
    rb'<c r="([A-Za-z]{1,3})([1-9][0-9]{0,6})"(?: s="[0-9]{1,9}")?'
    rb'(?: t="s"' + _ATTRIBUTES + rb"><v>([0-9]{1,10})</v></c>"
    rb'|(?: t="[bned]")?' + _ATTRIBUTES + rb"(?:/>|>(?:<v>[0-9]{1,10}</v></c>)?))"
)
_LETTERS_OF, _ROW_OF, _SHARED_OF = itemgetter(0), itemgetter(1), itemgetter(2)
_ANY_CELL = re.compile(rb"<c[\s/>]")  # every cell start tag without a prefix
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_SHARED_ITEM = re.compile(rb'<si><t(?: xml:space="preserve")?>([^<]*)</t></si>')
# A quarter of a MB: the searches run about a fifth faster on slices that stay in the processor's cache
# than on slices of a few MB, and each holds the interpreter's lock for a few milliseconds only.
_SLICE = 256 * 1024


@dataclass(frozen=True)
class Counted:
    rows: int
    columns: int
    cells: int
    characters: int
    longest: int  # the longest cell, in characters (an over-estimate)


def _plain_markup(data: bytes) -> bool:
    """Whether every ``<`` of the part begins a tag (no comment, CDATA, DOCTYPE or late instruction)."""
    if b"<!" in data:
        return False
    first = data.find(b"<?")
    return first == -1 or (first < 8 and data.find(b"<?", first + 2) == -1)


def shared_lengths(data: bytes) -> array[int] | None:
    """Each shared string's length in bytes (at least its characters), or None: parse it instead."""
    if not _plain_markup(data) or b":si" in data or b":t>" in data or b":t " in data:
        return None
    texts = _SHARED_ITEM.findall(data)
    if len(texts) != data.count(b"<si") or data.count(b"<si>") != len(texts):
        return None  # rich text, phonetic runs or attributes: the parser counts those
    return array("q", map(len, texts))


def count_sheet(data: bytes, lengths: array[int]) -> Counted | None:
    """The over-estimated census of one sheet's XML, or None: parse it instead.

    The part is read in slices of a quarter of a MB cut just before a ``<c`` (a tag's start: no cell
    spans a cut), so that what the searches find never holds more than a slice's cells.
    """
    if not _plain_markup(data) or _PREFIXED_CELL.search(data):
        return None
    cells = characters = longest = width = height = 0
    seen_letters: set[bytes] = set()
    start = 0
    while start < len(data):
        end = data.find(b"<c", start + _SLICE) if len(data) - start > _SLICE else -1
        piece = data[start:] if end == -1 else data[start:end]
        start = len(data) if end == -1 else end
        found = _COUNTED_CELL.findall(piece)  # each cell's column letters, row number and shared index
        # Every ``<c`` of plain markup begins a tag; when each is a counted cell, no other count is needed.
        if len(found) != piece.count(b"<c") and len(found) != len(_ANY_CELL.findall(piece)):
            return None  # a cell without its reference first, with attributes written otherwise, or text
        if not found:
            continue
        cells += len(found)
        seen_letters.update(map(_LETTERS_OF, found))
        height = max(height, max(map(int, set(map(_ROW_OF, found)))))  # each row number once
        shared = list(filter(None, map(_SHARED_OF, found)))
        if len(shared) != piece.count(b't="s"'):
            return None  # a shared-text cell that is not <v>INDEX</v> alone (or t="s" written elsewhere)
        if shared:
            try:
                sizes = list(map(lengths.__getitem__, map(int, shared)))
            except IndexError:
                return None  # shared text that is not there: the parser says so
            characters += sum(sizes)
            longest = max(longest, max(sizes))
    for letters in seen_letters:
        width = max(width, _column_number(letters))
    return Counted(height, width, cells, characters, longest)


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number
