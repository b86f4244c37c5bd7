"""The facts a sentence is worded from, as plain values every language reads alike.

A ``Term`` is a name as a language uses it in running text (its article, gender and number come with it);
a ``StateName`` is a State's names in one language; the other records are what one sentence of the note
tells (a meeting, a report, a contribution ...), already chosen and ordered by the note's sections.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from coopdesk.note.model import Span
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

Gender = Literal["m", "f"]
#: A preposition that may contract with an article: "of"/"de" ("du", "des") and "to"/"à" ("au", "aux").
Preposition = Literal["of", "to"]
Conjunction = Literal["and", "or"]
#: What a membership record says of a State in a body ("member", "chair", ...: vocabularies.MEMBERSHIP_ROLE).
Role = str
#: A treaty action as the sentence tells it: "ratification", "accession", ... (vocabularies.TREATY_ACTION),
#: "signature" for a signatory, "denunciation" for a State that withdrew, ``None`` for a party whose way of
#: consenting is not recorded ("became a party to").
Action = str | None
#: A sentence (or a bullet's sentences), as styled runs. Sentences come without a leading space: the
#: caller joins the sentences of one bullet with a space.
Spans = list[Span]


@dataclass(frozen=True)
class Term:
    """A name as running text uses it, in one language, with what that language's grammar needs.

    ``text`` is the name without its article; ``article`` the definite article it takes there ("the",
    "le", "la", "l'", "les"; empty for a name that takes none: "Cuba", "UNODC"). ``fallback`` says the
    language's own name was missing from the catalogue and ``text`` is another language's: the draft
    warns about it rather than dropping a foreign word into a sentence unnoticed.
    """

    text: str
    article: str = ""
    gender: Gender = "m"
    plural: bool = False
    fallback: bool = False


@dataclass(frozen=True)
class StateName:
    """How a language names a State: its short name in running text, its formal name, and the words for
    "in" that go before the short name ("in", "au", "en", "aux", "à", "à la", "dans l'")."""

    short: Term
    formal: Term
    in_words: str

    @property
    def fallback(self) -> bool:
        return self.short.fallback or self.formal.fallback


@dataclass(frozen=True)
class MeetingFact:
    """A meeting a State took part in. ``session`` is the catalogue's ("4th session"), empty for a
    meeting that is not one of a series of sessions."""

    title: Term
    session: str = ""
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: str = ""
    observer: bool = False


@dataclass(frozen=True)
class ReportFact:
    """A report or an answer to a questionnaire: what it answered, when, how fully, what it said."""

    instrument: Term
    date: PartialDate | None = None
    completeness: str = "full"  # vocabularies.COMPLETENESS
    cycle: str = ""
    details: str = ""
    kind: str = ""  # vocabularies.REPORTING_KIND
    short_name: str = ""


@dataclass(frozen=True)
class ContributionFact:
    kind: str  # vocabularies.CONTRIBUTION_KIND
    amount: Money | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class Recipient:
    """What a contribution went to: a body of the catalogue (with its code and description) or a name."""

    name: Term
    code: str = ""
    description: str = ""


@dataclass(frozen=True)
class InitiativeFact:
    kind: str  # vocabularies.INITIATIVE_KIND
    title: str
    description: str = ""
    date: PartialDate | None = None


@dataclass(frozen=True)
class AssistanceFact:
    status: str  # vocabularies.LEGISLATIVE_STATUS
    area: str
    kind: str = ""  # vocabularies.LEGISLATIVE_KIND
    start: PartialDate | None = None
    end: PartialDate | None = None  # only an end that has come by the note's date
    details: str = ""


@dataclass(frozen=True)
class ProjectFact:
    title: str
    code: str = ""
    start: PartialDate | None = None
    planned_end: PartialDate | None = None
    budget: Money | None = None


@dataclass(frozen=True)
class InstrumentFact:
    """An instrument listed by title, with where and when it was adopted (the remaining treaties)."""

    title: str
    place: str = ""
    adopted: PartialDate | None = None
