"""French: memberships of bodies, treaties and their Protocols, and the counts of treaties."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from coopdesk.note.lang.facts import (
    Action,
    InstrumentFact,
    ReportFact,
    Role,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.lang.fr import grammar as g
from coopdesk.note.lang.fr.words import ACTIONS, NBSP, FrenchWords, bold, plain
from coopdesk.note.model import Span
from coopdesk.records.partial_date import PartialDate

if TYPE_CHECKING:
    from coopdesk.records.derived import Tense

#: What a State was elected to: (words after "élu", the preposition before the body).
_ELECTED_ROLES: dict[str, tuple[str, Literal["de", "à"]]] = {
    "chair": ("à la présidence", "de"),
    "vice_chair": ("à la vice-présidence", "de"),
    "rapporteur": ("au poste de rapporteur", "de"),
}
#: What a State was in a body, in the past: "a assuré la présidence de ..."
_PAST_ROLES = {
    "chair": "assuré la présidence",
    "vice_chair": "assuré la vice-présidence",
    "rapporteur": "occupé le poste de rapporteur",
}
#: What a State took on in a body: "a pris la présidence de ..."
_TAKEN_ROLES = {"chair": "la présidence", "vice_chair": "la vice-présidence"}
#: How a second sentence refers back to a body, by its kind.
_BODY_NOUNS: dict[str, Term] = {
    "commission": Term("Commission", "la", "f"),
    "council": Term("Conseil", "le", "m"),
    "assembly": Term("Assemblée", "l'", "f"),
    "conference": Term("Conférence", "la", "f"),
}
_OF_THE_PROTOCOLS = "et des Protocoles s'y rapportant"
#: The Convention named again in a second sentence about its family.
_CONVENTION = Term("Convention", "la", "f")


class FrenchTreaties(FrenchWords):
    """The memberships, the conventions and the counts of treaties, in French."""

    # ------------------------------------------------------------------ memberships

    def membership_past(
        self,
        state: StateName,
        body: Term,
        role: Role,
        start: PartialDate | None,
        end: PartialDate | None,
        also: bool,
    ) -> Spans:
        s = state.short
        also_ = "également " if also else ""
        period = f" {g.from_to(start, end)}" if start is not None else ""
        if role in _PAST_ROLES:
            opening = f"{self.subject(state)} {g.avoir(s.plural)} {also_}{_PAST_ROLES[role]} "
            return [plain(opening), *self._object("de", body), plain(f"{period}.")]
        what = "du Bureau " if role == "bureau" else ""
        noun = "membres" if s.plural else "membre"
        opening = f"{self.subject(state)} {g.avoir(s.plural)} {also_}été {noun} {what}"
        return [plain(opening), *self._object("de", body), plain(f"{period}.")]

    def membership_elected(
        self, state: StateName, body: Term, role: Role, elected: PartialDate, also: bool
    ) -> Spans:
        s = state.short
        also_ = "également " if also else ""
        elu = self.participle("élu", s)
        noun = "membres" if s.plural else "membre"
        if role in _ELECTED_ROLES:
            words, preposition = _ELECTED_ROLES[role]
        else:
            words, preposition = (f"{noun} du Bureau" if role == "bureau" else noun), "de"
        opening = f"{self.subject(state)} {g.avoir(s.plural)} {also_}été {elu} {words} "
        return [plain(opening), *self._object(preposition, body), plain(f" {g.on_date(elected)}.")]

    def membership_began(
        self, state: StateName, body: Term, role: Role, start: PartialDate, also: bool
    ) -> Spans:
        s = state.short
        also_ = "également " if also else ""
        if role in _TAKEN_ROLES:
            opening = f"{self.subject(state)} {g.avoir(s.plural)} {also_}pris {_TAKEN_ROLES[role]} "
        else:
            devenu = self.participle("devenu", s)
            noun = "membres" if s.plural else "membre"
            what = {"bureau": f"{noun} du Bureau", "rapporteur": "rapporteur"}.get(role, noun)
            opening = f"{self.subject(state)} {g.etre(s.plural)} {also_}{devenu} {what} "
        return [plain(opening), *self._object("de", body), plain(f" {g.on_date(start)}.")]

    def membership_current(self, state: StateName, body: Term, also: bool, role: Role = "member") -> Spans:
        s = state.short
        also_ = "également " if also else ""
        if role in _TAKEN_ROLES:  # "assure la présidence de"
            opening = (
                f"{self.subject(state)} {'assurent' if s.plural else 'assure'} {also_}{_TAKEN_ROLES[role]} "
            )
        else:
            noun = "membres" if s.plural else "membre"
            what = {"bureau": f"{noun} du Bureau", "rapporteur": "rapporteur"}.get(role, noun)
            opening = f"{self.subject(state)} {g.etre(s.plural)} {also_}{what} "
        return [plain(opening), *self._object("de", body), plain(".")]

    def membership_term(
        self,
        state: StateName,
        body_reference: Term,
        tense: Tense,
        start: PartialDate,
        end: PartialDate | None,
        years: int | None,
    ) -> Spans:
        mandate = (
            f"{'Leur' if state.short.plural else 'Son'} mandat au sein {self.prep('of', body_reference)}"
        )
        if tense == "future":
            length = ""
            if years:
                length = (
                    " pour une période d'un an"
                    if years == 1
                    else f" pour une période de {g.cardinal(years)} ans"
                )
            until = f" et prendra fin {g.on_date(end)}" if end is not None and not years else ""
            return [plain(f"{mandate} commencera {g.on_date(start)}{length}{until}.")]
        if tense == "past":
            ended = f" et a pris fin {g.on_date(end)}" if end is not None else ""
            return [plain(f"{mandate} a commencé {g.on_date(start)}{ended}.")]
        until = f" et court {g.until(end)}" if end is not None else ""
        return [plain(f"{mandate} a commencé {g.on_date(start)}{until}.")]

    def body_reference(self, kind: str, code: str, named: Term) -> Term:
        if kind in _BODY_NOUNS:
            return _BODY_NOUNS[kind]
        return self.code_term(code, named) if code else named

    # ------------------------------------------------------------------ conventions

    def _report_clause(self, report: ReportFact, subject: Term) -> str:
        """ "a fait rapport (au moyen de l'outil prévu à cet effet, la liste de contrôle ...) sur ... le 15
        novembre 2007"."""
        tool = self.the(Term(g.lower_first(report.instrument.text), report.instrument.article))
        partly = " en partie" if report.completeness == "partial" else ""
        verb = f"{g.avoir(subject.plural)} fait rapport{partly}"
        if report.completeness == "none":
            verb = f"n'{g.avoir(subject.plural)} pas fait rapport"
        text = f"{verb} (au moyen de l'outil prévu à cet effet, {tool})"
        if report.details:
            text += f" {report.details}"
        if report.date is not None:
            text += f" {g.on_date(report.date)}"
        return text

    def treaty_action(
        self,
        state: StateName,
        action: Action,
        instrument: Term,
        date: PartialDate | None,
        reports: Sequence[ReportFact] = (),
    ) -> Spans:
        verb, preposition = self._action(action, state.short)
        spans = [plain(f"{self.subject(state)} {verb} "), *self._object(preposition, instrument)]
        if date is not None:
            spans.append(plain(f" {g.on_date(date)}"))
        if reports:
            spans.append(plain(" et " + g.join([self._report_clause(r, state.short) for r in reports])))
        spans.append(plain("."))
        return spans

    def family_whole(self, state: StateName, action: Action, convention: Term) -> Spans:
        verb, preposition = self._action(action, state.short)
        protocols = Term("Protocoles s'y rapportant", "les", "m", True)
        tail = f" et {self._governed(preposition, protocols)}"
        return [
            plain(f"{self.subject(state)} {verb} "),
            *self._object(preposition, convention, tail),
            plain("."),
        ]

    def family_convention(
        self, state: StateName, action: Action, convention: Term, date: PartialDate | None
    ) -> Spans:
        verb, preposition = self._action(action, state.short)
        when = f" {g.on_date(date)}" if date is not None else ""
        return [
            plain(f"{self.subject(state)} {verb} "),
            *self._object(preposition, convention),
            plain(f"{when}."),
        ]

    def after_colon(self, sentence: Spans) -> Spans:
        if not sentence:
            return []
        first = sentence[0]
        article, _rest = g.split_article(first.text)
        if not article:
            return list(sentence)
        return [Span(first.text[:1].lower() + first.text[1:], first.bold, first.italic), *sentence[1:]]

    def family_as_regards(self, convention: Term) -> Spans:
        return [
            plain("S'agissant "),
            *self._object("de", convention, f" {_OF_THE_PROTOCOLS}"),
            plain(f"{NBSP}:"),
        ]

    @staticmethod
    def _which(places: Sequence[int], plural: bool) -> str:
        """ "les deux premiers Protocoles additionnels", "le troisième Protocole additionnel", "les deuxième
        et troisième Protocoles additionnels": the Protocols' places among the Convention's."""
        ordered = sorted(places)
        if len(ordered) > 1 and ordered == list(range(1, len(ordered) + 1)):
            return f"les {g.cardinal(len(ordered))} premiers"
        words = g.join([g.ordinal(p) for p in ordered])
        return f"les {words}" if plural else f"le {words}"

    def _protocols(self, protocols: Sequence[Term], places: Sequence[int], supplementing: bool) -> Term:
        plural = len(protocols) > 1
        noun = "Protocoles" if plural else "Protocole"
        if supplementing:
            noun += " additionnels" if plural else " additionnel"
        which = self._which(places, plural)
        article, rest = g.split_article(which)
        titles = "; ".join(p.text for p in protocols)
        return Term(f"{rest} {noun} ({titles})", article, "m", plural)

    def family_together(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        """Transitive verbs in the passive, agreeing with "la Convention et les Protocoles" (masculine
        plural); a verb with "à" (adhérer à, succéder à, devenir partie à) has no passive: active voice."""
        when = f" {g.on_date(date)}" if date is not None else ""
        kids = self._protocols(protocols, places, supplementing=True)
        verb, preposition = self._action(action, state.short)
        if preposition:
            both = f"{self._governed(preposition, _CONVENTION)} et {self._governed(preposition, kids)}"
            return [plain(f"{self.subject(state)} {verb} {both}{when}.")]
        participle = ACTIONS[str(action)][0].split(" ", 1)
        agreed = " ".join([g.agree(participle[0], "m", True), *participle[1:]])
        return [plain(f"La Convention et {self.the(kids)} ont été {agreed}{when}.")]

    def family_convention_alone(self, state: StateName, action: Action, date: PartialDate | None) -> Spans:
        when = f" {g.on_date(date)}" if date is not None else ""
        verb, preposition = self._action(action, state.short)
        if preposition:
            return [plain(f"{self.subject(state)} {verb} {self._governed(preposition, _CONVENTION)}{when}.")]
        participle = ACTIONS[str(action)][0].split(" ", 1)
        agreed = " ".join([g.agree(participle[0], "f", False), *participle[1:]])
        return [plain(f"La Convention a été {agreed}{when}.")]

    def family_protocols(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        when = f" {g.on_date(date)}" if date is not None else ""
        kids = self._protocols(protocols, places, supplementing=False)
        verb, preposition = self._action(action, state.short)
        return [plain(f"{self.subject(state)} {verb} {self._governed(preposition, kids)}{when}.")]

    def reports_answered(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        s = state.short
        parts = []
        for r in reports:
            partly = " en partie" if r.completeness == "partial" else ""
            named = self.prep(
                "to",
                Term(
                    g.lower_first(r.instrument.text),
                    r.instrument.article,
                    r.instrument.gender,
                    r.instrument.plural,
                ),
            )
            text = f"{g.avoir(s.plural)} répondu{partly} {named}"
            if r.completeness == "none":
                text = f"n'{g.avoir(s.plural)} pas répondu {named}"
            if r.cycle:
                text += f" ({r.cycle})"
            if r.date is not None:
                text += f" {g.on_date(r.date)}"
            if r.details:
                text += f", {r.details}"
            parts.append(text)
        return [plain(f"{self.subject(state)} {g.join(parts)}.")]

    # ------------------------------------------------------------------ counts of treaties

    def set_all(self, state: StateName, m: int, running: Term) -> Spans:
        s = state.short
        return [
            plain(f"{self.subject(state)} {g.avoir(s.plural)} ratifié l'ensemble des {g.group(m)} "),
            bold(running.text),
            plain("."),
        ]

    def set_none(self, state: StateName, m: int, running: Term) -> Spans:
        s = state.short
        aucun = "aucune" if running.gender == "f" else "aucun"
        return [
            plain(f"{self.subject(state)} n'{g.avoir(s.plural)} ratifié {aucun} des {g.group(m)} "),
            bold(running.text),
            plain("."),
        ]

    def set_some(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        s = state.short
        return [
            plain(f"{self.subject(state)} {g.avoir(s.plural)} ratifié {self.count_of(n, m)} "),
            bold(running.text),
            plain(f". Les traités non encore ratifiés sont les suivants{NBSP}:"),
        ]

    def set_listed(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        """ "Parmi les 16 **traités ...**, le Bélarus a ratifié les 3 suivants :"."""
        s = state.short
        following = g.agree("suivant", running.gender, n > 1)
        which = (
            f"les {g.group(n)} {following}"
            if n > 1
            else f"{'la' if running.gender == 'f' else 'le'} {following}"
        )
        return [
            plain(f"Parmi les {g.group(m)} "),
            bold(running.text),
            plain(f", {self.the(s)} {g.avoir(s.plural)} ratifié {which}{NBSP}:"),
        ]

    def remaining_instrument(self, instrument: InstrumentFact) -> str:
        adopted = g.date(instrument.adopted) if instrument.adopted is not None else ""
        where = ", ".join(x for x in (instrument.place, adopted) if x)
        return instrument.title + (f" ({where})" if where else "")
