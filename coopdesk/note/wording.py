"""Small wording rules the country note shares: the country's name in running text, verbs, dates, lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coopdesk.note.model import Span
from coopdesk.records.partial_date import PartialDate

#: The verb each treaty action takes in running text ("Belarus acceded to ...").
ACTION_VERBS = {
    "ratification": "ratified",
    "acceptance": "accepted",
    "approval": "approved",
    "accession": "acceded to",
    "succession": "succeeded to",
    "formal_confirmation": "formally confirmed",
    "definitive_signature": "signed definitively",
    "signature": "signed",
    "denunciation": "denounced",
    "withdrawal": "withdrew from",
}

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

_PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")


@dataclass(frozen=True)
class CountryNames:
    """How the note names a State: "Belarus" / "the Netherlands" in running text, formal in the title."""

    short: str
    formal: str
    takes_the: bool

    @classmethod
    def from_values(cls, short_name: str, formal_name: str, takes_the: bool) -> CountryNames:
        return cls(short_name, formal_name or short_name, bool(takes_the))

    @property
    def running(self) -> str:
        """The short name for a sentence, without a UN qualifier in brackets: "the Netherlands"."""
        name = _PARENTHESIS.sub("", self.short) or self.short
        return f"the {name}" if self.takes_the else name

    @property
    def subject(self) -> str:
        """The name opening a sentence: "The Netherlands"."""
        return capitalise(self.running)

    @property
    def formal_with_article(self) -> str:
        """ "the Republic of Belarus", but "Japan": a formal name other than the short name takes "the"."""
        if self.takes_the or self.formal != self.short:
            return f"the {self.formal}"
        return self.formal


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """ "Questionnaires on ..." -> "questionnaires on ...", but leaves "UNCAC ..." alone."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def with_the(name: str) -> str:
    """A body's or instrument's name with "the" in front, unless it already has an article."""
    if name.lower().startswith(("the ", "a ", "an ")):
        return name
    return f"the {name}"


def with_a(name: str) -> str:
    """A name with "a" or "an" in front (what a State set up: "an International ... Training Centre"),
    unless it already has an article. "an" before a vowel, except where it sounds as "you" or "one"."""
    if not name or name.lower().startswith(("the ", "a ", "an ")):
        return name
    lower = name.lower()
    vowel = lower[:1] in "aeiou" and not lower.startswith(("uni", "use", "usu", "eu", "one"))
    return f"{'an' if vowel else 'a'} {name}"


def date_phrase(date: PartialDate) -> str:
    """ "on 17 February 2005", "in May 2009", "in 2008": the preposition follows the precision."""
    return f"on {date}" if date.precision == "day" else f"in {date}"


def join_words(parts: Sequence[str], conjunction: str = "and") -> str:
    """ "a", "a and b", "a, b and c"."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 1 <= n <= len(ORDINALS) else f"{n}th"


def number_word(n: int) -> str:
    return NUMBER_WORDS[n - 1] if 1 <= n <= len(NUMBER_WORDS) else str(n)


def plain(text: str) -> Span:
    return Span(text)


def bold(text: str) -> Span:
    return Span(text, bold=True)


def dateline(as_of: PartialDate) -> str:
    """What the note says of its own date, under its title: "As of 30 October 2009"."""
    return f"As of {as_of}"


#: A dateline as ``dateline`` words it, to recognise it in an edited note.
DATELINE = re.compile(r"As of (?:\d{1,2} )?(?:[A-Z][a-z]+ )?\d{4}")


def nothing_recorded(running_name: str, as_of: PartialDate) -> str:
    """The whole note of a State whose records say nothing on the date."""
    return f"No records for {running_name} as of {as_of}."


def sentence_end(text: str) -> str:
    """Close a sentence with a full stop unless the text already ends with punctuation."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."
