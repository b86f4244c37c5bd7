"""One note being drafted: its inputs, its date, its language, and the catalogue's names it used.

Every section reads the catalogue's names through ``Drafting`` (``term``, ``text``, ``state``,
``organisation``), in the note's language. A name that language lacks comes back in English, marked as a
fallback; ``Drafting`` keeps each one (which entry, which field, what was printed instead) so the draft
lists it among what the officer should settle, rather than dropping an English word into a French
sentence unnoticed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from coopdesk.note.claims import visible
from coopdesk.note.inputs import NoteInputs
from coopdesk.note.lang import Language
from coopdesk.note.lang.facts import StateName, Term
from coopdesk.records.record import Record


@dataclass(frozen=True)
class MissingName:
    """A catalogue name the note's language lacks: the entry, its field, and the name printed instead."""

    catalogue: str  # catalogue type name: "instrument", "body", "country", "organisation" ...
    key: str
    field: str  # the English field ("title"); the language's own is ``f"{field}_{code}"``
    printed: str


#: The language the officers type the records in: a note in another language prints their texts as typed.
RECORDS_LANGUAGE = "en"


@dataclass(frozen=True)
class TypedText:
    """A text the officer typed into a record, printed as typed in a note of another language."""

    record: Record
    field: str  # "details", "description", "title", ...
    printed: str


@dataclass
class Drafting:
    """What every section of one note reads: the inputs, the note's date and its language."""

    inputs: NoteInputs
    as_of: dt.date
    lang: Language
    missing: dict[tuple[str, str, str], MissingName] = field(default_factory=dict)
    typed: dict[tuple[str, str, str], TypedText] = field(default_factory=dict)
    _on_date: dict[str, list[Record]] = field(default_factory=dict, repr=False)

    def records_on(self, type_name: str) -> list[Record]:
        """The records of a type that exist on the note's date (placed in time as their type declares:
        ``coopdesk.note.claims.visible``), worked out once per note; a new list each call."""
        if type_name not in self._on_date:
            self._on_date[type_name] = visible(self.inputs, type_name, self.as_of)
        return list(self._on_date[type_name])

    def _note(self, catalogue: str, key: str, name: str, term: Term) -> Term:
        if term.fallback:
            self.missing.setdefault((catalogue, key, name), MissingName(catalogue, key, name, term.text))
        return term

    @cached_property
    def state(self) -> StateName:
        """The State's names in the note's language."""
        st = self.lang.state(self.inputs.country.values)
        self._note("country", self.inputs.iso3, "short_name", st.short)
        self._note("country", self.inputs.iso3, "formal_name", st.formal)
        return st

    @cached_property
    def organisation(self) -> tuple[Term, Term]:
        """The organisation's name and short name, from its profile."""
        profile = self.inputs.organisation
        name, short = self.lang.organisation(profile.values if profile is not None else {})
        if profile is not None:
            self._note("organisation", str(profile.key), "name", name)
            self._note("organisation", str(profile.key), "short_name", short)
        return name, short

    def term(self, catalogue: str, key: object, name: str) -> Term:
        """A catalogue entry's name (``name`` = "title", "name", "running_name" ...) in the note's
        language; the code itself for an entry the catalogue does not hold."""
        code = str(key or "")
        entry = self.inputs.entry(catalogue, code)
        if entry is None:
            return Term(code)
        return self._note(catalogue, code, name, self.lang.term(entry.values, name))

    def text(self, catalogue: str, key: object, name: str) -> str:
        """A plain text of a catalogue entry (a place, a session, a description) in the note's language."""
        code = str(key or "")
        entry = self.inputs.entry(catalogue, code)
        if entry is None:
            return ""
        return self._note(catalogue, code, name, self.lang.text(entry.values, name)).text

    def typed_text(self, record: Record, name: str) -> str:
        """A text field the officer typed into a record (a report's details, a resolution's title), its
        spaces tidied. Printed as typed: in a note whose language is not the records' own, each one is
        kept so the draft asks the officer to check it reads in the note's language."""
        text = " ".join(str(record.values.get(name) or "").split())
        if text and self.lang.code != RECORDS_LANGUAGE:
            self.typed.setdefault((record.type, str(record.key), name), TypedText(record, name, text))
        return text

    @property
    def typed_texts(self) -> list[TypedText]:
        """The records' texts a note in another language printed as typed, in the order it used them."""
        return list(self.typed.values())

    @property
    def missing_names(self) -> list[MissingName]:
        """The names the note printed in another language, in the order it first used them."""
        return list(self.missing.values())


__all__ = ["RECORDS_LANGUAGE", "Drafting", "MissingName", "TypedText"]
