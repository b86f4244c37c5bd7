"""Which instrument a page is the status of, guessed from its title: a guess the officer confirms.

The status page names its treaty in full above the table ("12. United Nations Convention against
Transnational Organized Crime"). A protocol's page names the convention it supplements too, after its
own title, so the title found first in the page wins (and the longest of those starting at the same
place: "Protocol amending the Single Convention on Narcotic Drugs, 1961" before the Single Convention).
"""

from __future__ import annotations

from collections.abc import Iterable

from coopdesk.treaty_status.names import name_key


def guess_instrument(text: str, instruments: Iterable[tuple[str, str]]) -> str | None:
    """The code of the instrument whose full title the text names first; None when it names none."""
    page = name_key(text)
    best: tuple[int, int, str] | None = None  # (where, -length, code)
    for code, title in instruments:
        wanted = name_key(title)
        if len(wanted) < 12:
            continue
        where = page.find(wanted)
        if where >= 0 and (best is None or (where, -len(wanted)) < best[:2]):
            best = (where, -len(wanted), code)
    return best[2] if best else None


def search_instruments(text: str, instruments: Iterable[tuple[str, str, str]]) -> list[str]:
    """The codes of the instruments ``text`` names: its code exactly, else every instrument whose code,
    title or short title contains it (any case, any accents). ``instruments`` are (code, title, short)."""
    entries = list(instruments)
    wanted = name_key(text.strip())
    if not wanted:
        return []
    exact = [code for code, _t, _s in entries if code.casefold() == wanted]
    if exact:
        return exact
    named = [code for code, title, short in entries if wanted in (name_key(title), name_key(short))]
    if named:
        return named
    return [
        code for code, title, short in entries if any(wanted in name_key(x) for x in (code, title, short))
    ]
