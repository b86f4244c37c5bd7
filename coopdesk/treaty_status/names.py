"""Matching the depositary's participant names to the catalogue's States.

The depositary's names are mostly the catalogue's ("Bolivia (Plurinational State of)", "Türkiye"), but a
saved page or an older table may hold former names ("Czech Republic", "Swaziland"), and some participants
are not Member States at all (the European Union, Cook Islands, Niue). A name is matched, in order, to a
catalogue State's short or formal name, then through the list of other names kept as data in
``resources/catalogue/participant-aliases.csv``. Nothing is guessed: a name found in neither is unknown.

Comparison ignores case, accents, the kind of apostrophe, spacing and a leading "the", and footnote
markers are taken off before (``clean_name``).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from coopdesk.db.shipped_files import shipped_file

ALIASES_FILE = "participant-aliases.csv"

_FOOTNOTES = re.compile(r"(?:[\s,*]*\d{1,3})+[\s,*]*$|[\s,*]+$")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'", "\u00a0": " "})


def clean_name(written: str) -> tuple[str, bool]:
    """The name without footnote markers ("Belarus4", "Czechia 2,3") and whether the depositary put it
    between brackets (which it does for a participant that has withdrawn)."""
    text = " ".join(written.translate(_QUOTES).split())
    text = _FOOTNOTES.sub("", text).strip()
    withdrawn = False
    if len(text) > 2 and text[0] == "[" and text[-1] == "]":
        withdrawn, text = True, text[1:-1].strip()
        text = _FOOTNOTES.sub("", text).strip()
    return text, withdrawn


def name_key(name: str) -> str:
    """The form names are compared in: no accents, no case, one kind of apostrophe, no leading "the"."""
    text = unicodedata.normalize("NFKD", name.translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.replace(",", " , ").split()).replace(" , ", ", ")
    return text.removeprefix("the ")


class MatchKind(StrEnum):
    CATALOGUE = "catalogue"  # the catalogue's own name
    OTHER_NAME = "other name"  # a former or other name the aliases file gives for a catalogue State
    NOT_IN_CATALOGUE = "not in the catalogue"  # a participant the aliases file knows, not in the catalogue
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class NameMatch:
    kind: MatchKind
    iso3: str | None = None
    note: str = ""  # from the aliases file: "former name", "not a Member State..."


@dataclass(frozen=True)
class Alias:
    name: str
    iso3: str  # "" for a former State that the catalogue cannot have
    note: str


@cache
def shipped_aliases() -> tuple[Alias, ...]:
    """The other names shipped with coopdesk (``resources/catalogue/participant-aliases.csv``)."""
    text = shipped_file("catalogue", ALIASES_FILE).read_text(encoding="utf-8")
    return tuple(
        Alias(row["name"].strip(), row["iso3"].strip(), (row.get("note") or "").strip())
        for row in csv.DictReader(io.StringIO(text))
        if row.get("name", "").strip()
    )


class ParticipantNames:
    """Looks participants up among the catalogue's States: (iso3, short name, formal name) triples."""

    def __init__(
        self, countries: Iterable[tuple[str, str, str]], aliases: Iterable[Alias] | None = None
    ) -> None:
        self._by_name: dict[str, str] = {}
        self.short_names: dict[str, str] = {}
        for iso3, short, formal in countries:
            self.short_names[iso3] = short
            for name in (short, formal, iso3):
                self._by_name.setdefault(name_key(name), iso3)
        self._aliases = {name_key(a.name): a for a in (shipped_aliases() if aliases is None else aliases)}

    def match(self, name: str) -> NameMatch:
        key = name_key(name)
        if key in self._by_name:
            return NameMatch(MatchKind.CATALOGUE, self._by_name[key])
        alias = self._aliases.get(key)
        if alias is None:
            return NameMatch(MatchKind.UNKNOWN)
        if alias.iso3 and alias.iso3 in self.short_names:
            return NameMatch(MatchKind.OTHER_NAME, alias.iso3, alias.note)
        return NameMatch(MatchKind.NOT_IN_CATALOGUE, None, alias.note)
