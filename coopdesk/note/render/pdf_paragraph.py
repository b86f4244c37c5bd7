"""A reportlab paragraph that keeps its broken lines when a page splits it.

A long paragraph runs over several pages: reportlab breaks all its lines, fills the page with the first
ones and makes a paragraph of the rest, which it breaks into lines again on the next page (and once more
when the rest was first tried in the few points left at the foot of the page), and it breaks the page's
own piece again too. The busiest State's note has a bullet of 3,700 words in French (2,700 in English)
over six pages: its French PDF broke 3,873 lines to print 1,508 (the English 2,566 for 1,317), and this
repeated breaking was most of what the French PDF cost over the English one.

Breaking is greedy, line by line: a line depends only on the word it starts with and the width it has,
so the lines of the words from a line's start onwards are the lines the whole paragraph had from there.
:class:`KeptLinesParagraph` hands its pieces those lines and gives them back when the piece is laid out
at the width they were broken for; anything else (another width, a bullet that shortens a first line, a
word split or hyphenated by reportlab, an image or a ``<br/>``) is broken again by reportlab as before.
The PDF is the same, line for line and point for point (``tests/test_render_pdf_lines.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.paragraph import Paragraph

#: What this relies on in reportlab's paragraph module (4.x and 5.x have it); without it, the plain
#: Paragraph's behaviour.
_RELIES_ON = ("_HSFrag", "_FK_TEXT", "_processed_frags", "_handleBulletWidth", "ParaLines")
_SUPPORTED = all(hasattr(rl_paragraph, name) for name in _RELIES_ON)
_PLAIN_WORD_TYPES = (list, getattr(rl_paragraph, "_HSFrag", list))


@dataclass(frozen=True)
class _KnownLines:
    """Lines already broken for ``frags`` (the very list a piece holds) at the widths its lines have."""

    widths: tuple[float, float]
    frags: list[Any]
    lines: list[Any]


def _plain_words(frag_words: list[Any]) -> bool:
    """True when every word is text that reportlab neither split, hyphenated nor injected (no image,
    no line break): words whose lines do not depend on anything before their line."""
    for word in frag_words:
        if type(word) not in _PLAIN_WORD_TYPES:
            return False
        for frag, _text in word[1:]:
            if getattr(frag, "_fkind", None) != rl_paragraph._FK_TEXT:
                return False
    return True


def _same_items(left: list[Any], right: list[Any]) -> bool:
    return len(left) == len(right) and all(a is b for a, b in zip(left, right, strict=True))


class KeptLinesParagraph(Paragraph):
    """A Paragraph whose pieces, split at a page's foot, keep the lines it broke (see the module)."""

    _known: _KnownLines | None = None

    def _widths(self, width: Any) -> tuple[float, float] | None:
        """The widths its first and later lines have (a bullet shortens the first), or None when
        reportlab is given anything but the two widths ``wrap`` passes."""
        if not _SUPPORTED or not isinstance(width, list | tuple) or len(width) != 2:
            return None
        widths = list(width)
        rl_paragraph._handleBulletWidth(self.bulletText, self.style, widths)
        return widths[0], widths[1]

    def breakLines(self, width: Any) -> Any:
        widths = self._widths(width)
        known = self._known
        if known is not None and widths == known.widths and self.frags is known.frags:
            self._width_max = max((line.maxWidth - line.extraSpace for line in known.lines), default=0)
            self.height = 0
            self._splitLongWordCount = self._hyphenations = 0
            return rl_paragraph.ParaLines(kind=1, lines=known.lines)
        broken = super().breakLines(width)
        self._known = None
        if (
            widths is not None
            and broken.kind == 1
            and rl_paragraph._processed_frags(self.frags)
            and not self.style.endDots
            and _plain_words(self.frags)
        ):
            self._known = _KnownLines(widths, self.frags, broken.lines)
        return broken

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        pieces = super().split(availWidth, availHeight)
        known = self._known  # read after: reportlab's split lays the paragraph out when it was not yet
        current = getattr(self, "blPara", None)
        if (
            len(pieces) != 2
            or known is None
            or current is None
            or current.lines is not known.lines
            or not all(isinstance(p, KeptLinesParagraph) for p in pieces)
        ):
            return pieces
        head, tail = pieces
        count = len(head.blPara.lines)
        start = getattr(known.lines[count], "sFW", None)
        if start is None:
            return pieces
        if not (
            _same_items(head.frags, known.frags[:start]) and _same_items(tail.frags, known.frags[start:])
        ):
            return pieces
        head._known = _KnownLines(known.widths, head.frags, known.lines[:count])
        # The rest's lines all had the later lines' width; a rest has no bullet.
        tail._known = _KnownLines(
            (known.widths[1], known.widths[1]),
            tail.frags,
            [line.clone(sFW=line.sFW - start) for line in known.lines[count:]],
        )
        return pieces
