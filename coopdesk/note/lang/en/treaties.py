"""English: memberships of bodies, treaties and their Protocols, and the counts of treaties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coopdesk.note.lang.en.words import EnglishWords
from coopdesk.note.lang.facts import (
    Action,
    InstrumentFact,
    ReportFact,
    Role,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.wording import (
    bold,
    date_phrase,
    join_words,
    lower_first,
    number_word,
    ordinal,
    plain,
    sentence_end,
    with_the,
)
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.vocabularies import MEMBERSHIP_ROLE

if TYPE_CHECKING:
    from coopdesk.records.derived import Tense


class EnglishTreaties(EnglishWords):
    """The memberships, the conventions and the counts of treaties, in English."""

    # ------------------------------------------------------------------ memberships

    @staticmethod
    def _role(role: Role) -> str:
        return "a member of the Bureau" if role == "bureau" else MEMBERSHIP_ROLE.label(role)

    def membership_past(
        self,
        state: StateName,
        body: Term,
        role: Role,
        start: PartialDate | None,
        end: PartialDate | None,
        also: bool,
    ) -> Spans:
        what = "a member" if role == "member" else self._role(role)
        period = f" {self.from_to(start, end)}" if start is not None else ""
        return [
            plain(f"{self.subject(state)} was{' also' if also else ''} {what} of "),
            bold(self.the(body)),
            plain(f"{period}."),
        ]

    def membership_elected(
        self, state: StateName, body: Term, role: Role, elected: PartialDate, also: bool
    ) -> Spans:
        also_ = " also" if also else ""
        if role == "member":
            opening = f"{self.subject(state)} was{also_} elected to the membership of "
        else:
            opening = f"{self.subject(state)} was{also_} elected {self._role(role)} of "
        return [plain(opening), bold(self.the(body)), plain(f" {date_phrase(elected)}.")]

    def membership_began(
        self, state: StateName, body: Term, role: Role, start: PartialDate, also: bool
    ) -> Spans:
        what = "a member" if role == "member" else self._role(role)
        return [
            plain(f"{self.subject(state)} {'also became' if also else 'became'} {what} of "),
            bold(self.the(body)),
            plain(f" {date_phrase(start)}."),
        ]

    def membership_current(self, state: StateName, body: Term, also: bool, role: Role = "member") -> Spans:
        what = "a member" if role == "member" else self._role(role)
        return [
            plain(f"{self.subject(state)} is{' also' if also else ''} {what} of "),
            bold(self.the(body)),
            plain("."),
        ]

    def membership_term(
        self,
        state: StateName,
        body_reference: Term,
        tense: Tense,
        start: PartialDate,
        end: PartialDate | None,
        years: int | None,
    ) -> Spans:
        ref = self.the(body_reference)
        # "on 1 January 2010", "in 2010": the preposition follows the date's precision
        began = date_phrase(start)
        if tense == "future":
            length = f" for a period of {years} year{'s' if years != 1 else ''}" if years else ""
            until = f" and will run until {end}" if end is not None and not years else ""
            return [plain(f"Its membership of {ref} will commence {began}{length}{until}.")]
        if tense == "past":
            ended = f" and ended {date_phrase(end)}" if end is not None else ""
            return [plain(f"Its membership of {ref} began {began}{ended}.")]
        until = f" and runs until {end}" if end is not None else ""
        return [plain(f"Its membership of {ref} began {began}{until}.")]

    def body_reference(self, kind: str, code: str, named: Term) -> Term:
        if kind in ("commission", "council", "assembly"):
            return Term(kind.capitalize(), "the")
        if kind == "conference":
            return Term("Conference", "the")
        return Term(code or "body", "the")

    # ------------------------------------------------------------------ conventions

    def _report_clause(self, report: ReportFact) -> str:
        tool = lower_first(report.instrument.text)
        verb = {"partial": "partially reported", "none": "has not reported"}.get(
            report.completeness, "reported"
        )
        text = f"{verb} (through the designated tool, {tool})"
        if report.details:
            text += f" {report.details}"
        if report.date is not None:
            text += f" {date_phrase(report.date)}"
        return text

    def treaty_action(
        self,
        state: StateName,
        action: Action,
        instrument: Term,
        date: PartialDate | None,
        reports: Sequence[ReportFact] = (),
    ) -> Spans:
        when = f" {date_phrase(date)}" if date is not None else ""
        spans = [
            plain(f"{self.subject(state)} {self.action_verb(action, state.short)} "),
            bold(self.the(instrument)),
            plain(when),
        ]
        if reports:
            spans.append(plain(" and " + join_words([self._report_clause(r) for r in reports])))
        spans.append(plain("."))
        return spans

    def family_whole(self, state: StateName, action: Action, convention: Term) -> Spans:
        return [
            plain(f"{self.subject(state)} {self.action_verb(action, state.short)} "),
            bold(f"{self.the(convention)} and the Protocols thereto"),
            plain("."),
        ]

    def family_convention(
        self, state: StateName, action: Action, convention: Term, date: PartialDate | None
    ) -> Spans:
        when = f" {date_phrase(date)}" if date is not None else ""
        return [
            plain(f"{self.subject(state)} {self.action_verb(action, state.short)} "),
            bold(self.the(convention)),
            plain(f"{when}."),
        ]

    def after_colon(self, sentence: Spans) -> Spans:
        return list(sentence)

    def family_as_regards(self, convention: Term) -> Spans:
        return [plain("As regards "), bold(f"{self.the(convention)} and the Protocols thereto"), plain(":")]

    @staticmethod
    def _which(places: Sequence[int]) -> str:
        """ "first two", "third", "second and third": the Protocols' places among the Convention's."""
        ordered = sorted(places)
        if len(ordered) > 1 and ordered == list(range(1, len(ordered) + 1)):
            return f"first {number_word(len(ordered))}"
        return join_words([ordinal(p) for p in ordered])

    def family_together(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        when = f" {date_phrase(date)}" if date is not None else ""
        titles = "; ".join(p.text for p in protocols)
        noun = "Protocols" if len(protocols) > 1 else "Protocol"
        verb = self.action_verb(action, state.short)
        return [
            plain(
                f"The Convention and the {self._which(places)} supplementing {noun} ({titles}) were {verb}{when}."
            )
        ]

    def family_convention_alone(self, state: StateName, action: Action, date: PartialDate | None) -> Spans:
        when = f" {date_phrase(date)}" if date is not None else ""
        return [plain(f"The Convention was {self.action_verb(action, state.short)}{when}.")]

    def family_protocols(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        when = f" {date_phrase(date)}" if date is not None else ""
        titles = "; ".join(p.text for p in protocols)
        noun = "Protocols" if len(protocols) > 1 else "Protocol"
        verb = self.action_verb(action, state.short)
        return [plain(f"{self.subject(state)} {verb} the {self._which(places)} {noun} ({titles}){when}.")]

    def reports_answered(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        parts = []
        for r in reports:
            verb = {"partial": "partially responded to", "none": "has not responded to"}.get(
                r.completeness, "responded to"
            )
            text = f"{verb} {with_the(lower_first(r.instrument.text))}"
            if r.cycle:
                text += f" ({r.cycle})"
            if r.date is not None:
                text += f" {date_phrase(r.date)}"
            if r.details:
                text += f", {r.details}"
            parts.append(text)
        return [plain(sentence_end(f"{self.subject(state)} {join_words(parts)}"))]

    # ------------------------------------------------------------------ counts of treaties

    def set_all(self, state: StateName, m: int, running: Term) -> Spans:
        return [plain(f"{self.subject(state)} has ratified all {m} "), bold(running.text), plain(".")]

    def set_none(self, state: StateName, m: int, running: Term) -> Spans:
        return [
            plain(f"{self.subject(state)} has not ratified any of the {m} "),
            bold(running.text),
            plain("."),
        ]

    def set_some(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        return [
            plain(f"{self.subject(state)} has ratified {self.count_of(n, m)} "),
            bold(running.text),
            plain(". The remaining non-ratified treaties are the following:"),
        ]

    def set_listed(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        return [
            plain(f"{self.subject(state)} has ratified the following {n} of the {m} "),
            bold(running.text),
            plain(":"),
        ]

    def remaining_instrument(self, instrument: InstrumentFact) -> str:
        where = ", ".join(x for x in (instrument.place, str(instrument.adopted or "")) if x)
        return instrument.title + (f" ({where})" if where else "")
