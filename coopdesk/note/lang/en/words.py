"""English: the catalogue's names in a sentence, the building blocks, the note's title and the letter.

Built on ``note_wording`` (the country's names, the verbs of treaty actions, dates, lists, articles), so
the English rules stay where they were and this package only puts each sentence together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from coopdesk.note.lang.facts import (
    Action,
    Conjunction,
    Gender,
    Preposition,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.wording import (
    ACTION_VERBS,
    DATELINE,
    CountryNames,
    capitalise,
    date_phrase,
    join_words,
    number_word,
    ordinal,
    plain,
)
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate, format_range

_ARTICLES = ("the ", "a ", "an ")
#: What the note calls the organisation while its profile is blank.
GENERIC_ORGANISATION = Term("Organisation", "the")
_ABBREVIATION = re.compile(r"[A-Z][A-Z0-9.\-]+")


def text_of(values: Mapping[str, object], name: str) -> str:
    return " ".join(str(values.get(name) or "").split())


def _flag(value: object) -> bool:
    """A yes/no of the catalogue, stored (True) or as the shipped file writes it ("1")."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _term(text: str) -> Term:
    """A name with "the", unless it has an article of its own ("the", "a", "an") or is an abbreviation
    that stands alone ("UNODC")."""
    if text.lower().startswith(_ARTICLES) or _ABBREVIATION.fullmatch(text):
        return Term(text, "")
    return Term(text, "the")


class EnglishWords:
    """English, as the reference note and letter word it."""

    code = "en"
    name = "English"
    tag = "en-GB"

    # ------------------------------------------------------------------ the catalogue's names

    def state(self, values: Mapping[str, object]) -> StateName:
        names = CountryNames.from_values(
            text_of(values, "short_name"), text_of(values, "formal_name"), _flag(values.get("takes_the"))
        )
        running = names.running.removeprefix("the ") if names.takes_the else names.running
        formal = names.formal_with_article
        formal_term = Term(formal[4:], "the") if formal.startswith("the ") else Term(formal, "")
        return StateName(Term(running, "the" if names.takes_the else ""), formal_term, "in")

    def term(self, values: Mapping[str, object], field: str) -> Term:
        text = text_of(values, field)
        if not text and field.startswith("short_"):
            text = text_of(values, field.removeprefix("short_"))
        return _term(text)

    def text(self, values: Mapping[str, object], field: str) -> Term:
        return Term(text_of(values, field))

    def named(self, text: str) -> Term:
        return _term(" ".join(text.split()))

    def code_term(self, code: str, named: Term) -> Term:
        return Term(code, "the")

    def organisation(self, values: Mapping[str, object]) -> tuple[Term, Term]:
        name_text, short_text = text_of(values, "name"), text_of(values, "short_name")
        name = Term(name_text, "the") if name_text else GENERIC_ORGANISATION
        return name, (Term(short_text, "") if short_text else name)

    # ------------------------------------------------------------------ building blocks

    def typography(self, text: str) -> str:
        return text

    def quote(self, text: str) -> str:
        return f"“{text}”"

    def capitalise(self, text: str) -> str:
        return capitalise(text)

    def the(self, term: Term) -> str:
        return f"{term.article} {term.text}" if term.article else term.text

    def prep(self, preposition: Preposition, term: Term) -> str:
        return f"{preposition} {self.the(term)}"

    def join(self, parts: Sequence[str], conjunction: Conjunction = "and") -> str:
        return join_words(list(parts), conjunction)

    def number(self, n: int) -> str:
        return f"{n:,}"

    def number_word(self, n: int, gender: Gender = "m") -> str:
        return number_word(n)

    def ordinal(self, n: int, gender: Gender = "m") -> str:
        return ordinal(n)

    def count_of(self, n: int, m: int) -> str:
        return f"{n} out of {m}"

    def money(self, amount: Money) -> str:
        return amount.format()

    def date(self, date: PartialDate) -> str:
        return str(date)

    def on_date(self, date: PartialDate) -> str:
        return date_phrase(date)

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        return format_range(start, end)

    def on_range(self, start: PartialDate, end: PartialDate | None) -> str:
        dates = format_range(start, end)
        return f"on {dates}" if start.precision == "day" else f"in {dates}"

    def from_to(self, start: PartialDate, end: PartialDate | None) -> str:
        return f"from {start} to {end}" if end is not None else f"from {start}"

    def since(self, date: PartialDate) -> str:
        return f"since {date}"

    def until(self, date: PartialDate) -> str:
        return f"until {date}"

    def between_years(self, first: int, last: int) -> str:
        return f"between {first} and {last}"

    # ------------------------------------------------------------------ a State in a sentence

    def subject(self, state: StateName) -> str:
        return capitalise(self.the(state.short))

    def state_in(self, state: StateName) -> str:
        return f"in {self.the(state.short)}"

    def state_of(self, state: StateName) -> str:
        return f"of {self.the(state.short)}"

    def state_to(self, state: StateName) -> str:
        return f"to {self.the(state.short)}"

    def formal(self, state: StateName) -> str:
        return self.the(state.formal)

    def formal_of(self, state: StateName) -> str:
        return f"of {self.formal(state)}"

    # ------------------------------------------------------------------ verbs

    def participle(self, participle: str, subject: Term) -> str:
        return participle

    def action_verb(self, action: Action, subject: Term) -> str:
        return ACTION_VERBS.get(action or "", "became a party to")

    # ------------------------------------------------------------------ the note's title

    def note_title(self, organisation: Term, state: StateName) -> str:
        # the reference note names the organisation without "the"; "the Organisation" keeps it
        named = self.the(organisation) if organisation == GENERIC_ORGANISATION else organisation.text
        return f"Cooperation between {named} and the Government of {self.formal(state)}"

    def note_subtitle(self) -> str:
        return "Note for the file"

    def dateline(self, date: PartialDate) -> str:
        return f"As of {date}"

    def is_dateline(self, text: str) -> bool:
        return DATELINE.fullmatch(text.strip()) is not None

    def nothing_recorded(self, state: StateName, date: PartialDate) -> Spans:
        return [plain(f"No records for {self.the(state.short)} as of {date}.")]

    # ------------------------------------------------------------------ the letter

    def letter_subject(self, organisation: Term, state: StateName) -> str:
        return f"Cooperation between {self.the(organisation)} and {self.formal(state)}"

    def letter_body(self, organisation: Term, state: StateName) -> str:
        return (
            f"I enclose a concise note for the file on some of the areas in which {self.the(organisation)} "
            f"works with the Government of {self.formal(state)}."
        )

    def letter_closing(self) -> str:
        return "Yours sincerely,"

    def letter_date(self, date: PartialDate) -> str:
        return str(date)

    def reference_label(self, reference: str) -> str:
        return f"Ref: {reference}"

    def page_label(self, number: int, total: int) -> str:
        return f"Page {number} of {total}"

    def page_words(self) -> tuple[str, str]:
        return "Page ", " of "
