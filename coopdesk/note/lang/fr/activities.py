"""French: meetings, reports, contributions, resolutions, national initiatives, legislative assistance
and projects."""

from __future__ import annotations

from collections.abc import Sequence

from coopdesk.note.lang.facts import (
    AssistanceFact,
    ContributionFact,
    Gender,
    InitiativeFact,
    MeetingFact,
    ProjectFact,
    Recipient,
    ReportFact,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.lang.fr import grammar as g
from coopdesk.note.lang.fr.words import NBSP, FrenchWords, bold, plain, sentence_end
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

_CONTRIBUTION_VERBS = {
    "payment": ("apporté un soutien financier", False),
    "pledge": ("annoncé une contribution financière", False),
    "commitment": ("engagé à apporter un soutien financier", True),  # pronominal: "s'est engagé"
    "in_kind": ("apporté un soutien en nature", False),
}
_CONTRIBUTION_PARTICIPLES = {
    "payment": "versé",
    "pledge": "annoncé",
    "commitment": "engagé",
    "in_kind": "fourni en nature",
}
_INITIATIVE_VERBS = {
    "training_centre": "créé",
    "unit": "créé",
    "strategy": "adopté",
    "law": "adopté",
    "campaign": "organisé",
    "other": "lancé",
}
#: The kind of legislative assistance: (words before a field of law whose noun is known, which takes "de"
#: or "sur" with its article; words before "en matière de" and a field whose noun is not known).
_ASSISTANCE_KIND = {
    "drafting": ("pour l'élaboration de", "pour l'élaboration de textes"),
    "review": ("pour l'examen de", "pour l'examen des textes"),
    "advice": ("sous forme de conseils sur", "sous forme de conseils"),
    "training": ("sous forme de formation sur", "sous forme de formation"),
    "": ("dans le domaine de", ""),
}


class FrenchActivities(FrenchWords):
    """Meetings, reports, contributions, resolutions, national initiatives, legislative assistance and projects, in French."""

    # ------------------------------------------------------------------ meetings

    def when_where(self, meeting: MeetingFact) -> str:
        """ "du 8 au 17 octobre 2008 à Vienne", "en 2009 à Vienne"."""
        text = g.on_range(meeting.start, meeting.end) if meeting.start is not None else ""
        if meeting.place:
            text += f" à {meeting.place}"
        return text.strip()

    def _held(self, held: Term, meeting: MeetingFact) -> str:
        """ ", tenue du 8 au 17 octobre 2008 à Vienne": "tenu" agreeing with the meeting."""
        where = self.when_where(meeting)
        return f", {g.agree('tenu', held.gender, held.plural)} {where}" if where else ""

    def meeting_sessions(
        self, state: StateName, sessions: Sequence[MeetingFact], related: Sequence[MeetingFact]
    ) -> Spans:
        s = state.short
        spans: Spans = [plain(f"{self.subject(state)} {g.avoir(s.plural)} participé")]
        for i, m in enumerate(sessions):
            session = g.term_from(m.session or "session")
            # "en qualité d'observateur" before the session, so that "tenue" follows the session it agrees with
            observer = " en qualité d'observateur" if m.observer else ""
            if i == 0:
                spans += [plain(f"{observer} {self.prep('to', session)} "), *self._object("de", m.title)]
            else:  # "..., à sa cinquième session, ... et à sa sixième session": "et" before the last only
                possessive = "sa" if session.gender == "f" else "son"
                conjunction = " et" if i == len(sessions) - 1 else ""
                spans.append(plain(f",{conjunction}{observer} à {possessive} {session.text}"))
            spans.append(plain(self._held(session, m)))
        if related and sessions:
            suffix = f" {self.prep('of', sessions[0].title)}"
            others = []
            for m in related:
                title = m.title.text
                if title.endswith(suffix) and len(title) > len(suffix):
                    title = title[: -len(suffix)]
                meeting = g.term_from(g.lower_first(title))
                connexe = "connexes" if meeting.plural else "connexe"
                named = Term(f"{meeting.text} {connexe}", meeting.article, meeting.gender, meeting.plural)
                others.append(f"{self.prep('to', named)}{self._held(meeting, m)}")
            spans.append(plain(f", ainsi {g.que(g.join(others))}"))
        spans.append(plain("."))
        return spans

    def meetings_counted(self, state: StateName, count: int, body: Term, last: MeetingFact) -> Spans:
        s = state.short
        where = self.when_where(last)
        return [
            plain(f"{self.subject(state)} {g.avoir(s.plural)} participé à {g.group(count)} réunions "),
            *self._object("de", body),
            plain(f", dont la dernière s'est tenue {where}." if where else "."),
        ]

    def meetings_listed(self, state: StateName, meetings: Sequence[MeetingFact]) -> Spans:
        parts = []
        for m in meetings:
            title = g.term_from(g.lower_first(m.title.text))
            parts.append(f"{self.prep('to', title)}{self._held(title, m)}")
        # a meeting closed by ", tenue ..." closes that clause with a comma before "et" too, as the sessions do
        if len(parts) > 1 and any(", tenu" in part for part in parts[:-1]):
            listed = f"{', '.join(parts[:-1])}, et {parts[-1]}"
        else:
            listed = g.join(parts)
        return [plain(f"{self.subject(state)} {g.avoir(state.short.plural)} participé {listed}.")]

    # ------------------------------------------------------------------ reporting

    def global_report(self, state: StateName, report: ReportFact, description: str) -> Spans:
        s = state.short
        if report.completeness == "none":
            verb = f"n'{g.avoir(s.plural)} pas contribué"
        elif report.completeness == "partial":
            verb = f"{g.avoir(s.plural)} contribué en partie"
        else:
            verb = f"{g.avoir(s.plural)} contribué"
        spans = [plain(f"{self.subject(state)} {verb} "), *self._object("à", report.instrument)]
        if description:
            spans.append(plain(f", {description}"))
        if report.date is not None:
            spans.append(plain(f", {g.on_date(report.date)}"))
        spans.append(plain("."))
        if report.details:
            spans.append(plain(f" En particulier, {sentence_end(report.details)}"))
        return spans

    def surveys(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        s = state.short
        spans: Spans = [plain(f"{self.subject(state)} ")]
        for i, r in enumerate(reports):
            if i:
                spans.append(plain(" et " if i == len(reports) - 1 else ", "))
            name = r.instrument
            if r.kind in ("questionnaire", "checklist"):
                name = Term(g.lower_first(name.text), name.article, name.gender, name.plural, name.fallback)
            short = r.short_name
            tail = f" ({short})" if short and short.lower() not in name.text.lower() else ""
            if r.completeness == "none":
                verb, preposition = f"n'{g.avoir(s.plural)} pas répondu", "à"
            elif r.completeness == "partial":
                verb, preposition = f"{g.avoir(s.plural)} répondu en partie", "à"
            elif r.kind == "survey":
                verb, preposition = f"{g.avoir(s.plural)} fourni des données pour", ""
            else:
                verb, preposition = f"{g.avoir(s.plural)} répondu", "à"
            spans += [plain(f"{verb} "), *self._object(preposition, name, tail)]
            extra = []
            if r.cycle:
                extra.append(f"pour {r.cycle}")
            if r.date is not None:
                extra.append(g.on_date(r.date))
            if extra:
                spans.append(plain(" " + " ".join(extra)))
        spans.append(plain("."))
        return spans

    # ------------------------------------------------------------------ contributions

    def _recipient(self, recipient: Recipient) -> Spans:
        code = recipient.code
        tail = f" ({code})" if code and code not in recipient.name.text else ""
        spans = self._object("de", recipient.name, tail)
        if recipient.description:
            spans.append(plain(f" – {recipient.description}"))
        return spans

    @staticmethod
    def _amount_grammar(amount: Money | None) -> tuple[Gender, bool]:
        """Gender and number of an amount, for the participle after it: "20 000 dollars versés", "1 euro
        versé", "1,50 euro versé", "100 livres sterling versées"."""
        if amount is None:
            return "m", False
        words = g.money(amount).split(NBSP)[-1]
        gender: Gender = "f" if words.startswith(("livre", "de livre")) else "m"
        return gender, abs(amount.major) >= 2

    def _one(self, c: ContributionFact) -> str:
        """ "20 000 dollars des États-Unis versés en 2003"."""
        gender, plural = self._amount_grammar(c.amount)
        text = g.money(c.amount) if c.amount is not None else "un montant"
        participle = _CONTRIBUTION_PARTICIPLES.get(c.kind, "versé").split(" ", 1)
        agreed = " ".join([g.agree(participle[0], gender, plural), *participle[1:]])
        text += f" {agreed}"
        return text + (f" {g.on_date(c.date)}" if c.date is not None else "")

    def _gave(self, state: StateName, kind: str) -> str:
        """ "a apporté un soutien financier", "se sont engagés à apporter un soutien financier"."""
        s = state.short
        words, pronominal = _CONTRIBUTION_VERBS.get(kind, _CONTRIBUTION_VERBS["payment"])
        if pronominal:
            participle, rest = words.split(" ", 1)
            reflexive = "se sont" if s.plural else "s'est"
            return f"{reflexive} {g.agree(participle, s.gender, s.plural)} {rest}"
        return f"{g.avoir(s.plural)} {words}"

    def contribution(self, state: StateName, recipient: Recipient, contribution: ContributionFact) -> Spans:
        money = f" ({g.money(contribution.amount)})" if contribution.amount is not None else ""
        spans = [
            plain(f"{self.subject(state)} {self._gave(state, contribution.kind)}{money} aux travaux "),
            *self._recipient(recipient),
        ]
        if contribution.date is not None:
            spans.append(plain(f", {g.on_date(contribution.date)}"))
        spans.append(plain("."))
        return spans

    def contributions_listed(
        self, state: StateName, recipient: Recipient, contributions: Sequence[ContributionFact]
    ) -> Spans:
        return [
            plain(f"{self.subject(state)} {self._gave(state, 'payment')} aux travaux "),
            *self._recipient(recipient),
            plain(f"{NBSP}: " + "; ".join(self._one(c) for c in contributions) + "."),
        ]

    def contributions_summed(
        self,
        state: StateName,
        recipient: Recipient,
        count: int,
        years: Sequence[int],
        totals: Sequence[Money],
        latest: ContributionFact,
    ) -> Spans:
        s = state.short
        period = f" {self.between_years(years[0], years[-1])}" if len(years) > 1 else ""
        total = g.join([g.money(m) for m in totals])
        participle = _CONTRIBUTION_PARTICIPLES.get(latest.kind, "versé").split(" ", 1)
        agreed = " ".join([g.agree(participle[0], "f", False), *participle[1:]])
        amount = f", de {g.money(latest.amount)}," if latest.amount is not None else ""
        when = f" {g.on_date(latest.date)}" if latest.date is not None else ""
        return [
            plain(
                f"{self.subject(state)} {g.avoir(s.plural)} apporté {g.group(count)} contributions aux travaux "
            ),
            *self._recipient(recipient),
            plain(f"{period}, pour un total de {total}; la dernière{amount} a été {agreed}{when}."),
        ]

    def body_meetings_attended(self, state: StateName, code: Term, meetings: Sequence[MeetingFact]) -> Spans:
        s = state.short
        attended = f"{self.subject(state)} {g.avoir(s.plural)} assisté"
        of_code = self.prep("of", code)
        if len(meetings) == 1:
            held = self._held(Term("réunion", "la", "f"), meetings[0])
            return [plain(f"{attended} à la réunion {of_code}{held}.")]
        where = self.when_where(meetings[-1])
        last = f" (la dernière s'est tenue {where})" if where else ""
        return [plain(f"{attended} aux réunions {of_code}{last}.")]

    # ------------------------------------------------------------------ resolutions, initiatives

    def resolution(
        self,
        state: StateName,
        role: str,
        body: Term,
        title: str,
        symbol: str,
        description: str,
        date: PartialDate,
    ) -> Spans:
        s = state.short
        running = self.the(s)
        if role == "co_sponsor":
            porte = g.agree("porté", s.gender, s.plural)
            coauthor = "coauteurs" if s.plural else "coauteur"
            reflexive = "se sont" if s.plural else "s'est"
            verb = f"{reflexive} {porte} {coauthor} de la résolution"
        elif role == "on_behalf_of_group":
            verb = f"{g.avoir(s.plural)} présenté, au nom d'un groupe d'États, la résolution"
        else:
            verb = f"{g.avoir(s.plural)} été à l'origine de la résolution"
        spans = [plain(f"{g.capitalise(g.on_date(date))}, {running} {verb} "), *self._object("de", body)]
        spans.append(plain(f" intitulée {g.quote(title)}"))
        if symbol:
            spans.append(plain(f" ({symbol})"))
        if description:
            spans.append(plain(f", qui {description}"))
        spans.append(plain("."))
        return spans

    def national_initiatives(self, state: StateName, initiatives: Sequence[InitiativeFact]) -> Spans:
        s = state.short
        spans: Spans = [plain(f"Au niveau national, {self.the(s)} ")]
        for i, r in enumerate(initiatives):
            if i:
                spans.append(plain(" et " if i == len(initiatives) - 1 else ", "))
            participle = _INITIATIVE_VERBS.get(r.kind, "lancé")
            verb = f"{g.avoir(s.plural)} {participle}"
            when = f" {g.on_date(r.date)}" if r.date is not None else ""
            if r.kind == "campaign" and r.description:
                spans.append(plain(f"{verb} {r.description}{when}"))
                continue
            named = g.term_from(r.title)
            if participle == "créé":
                article = "des" if named.plural else ("une" if named.gender == "f" else "un")
                shown = f"{article} {named.text}"
            else:
                shown = self.the(named)
            spans += [plain(f"{verb} "), bold(shown)]
            if r.description:
                spans.append(plain(f" {r.description}"))
            spans.append(plain(when))
        spans.append(plain("."))
        return spans

    # ------------------------------------------------------------------ assistance, projects
    def assistance_none(self, state: StateName, organisation: Term) -> Spans:
        verb = "figurent" if state.short.plural else "figure"
        return [
            plain(
                f"{self.subject(state)} ne {verb} pas sur la liste des pays qui ont achevé l'élaboration ou "
                "l'adoption d'une législation ou d'amendements (y compris en matière de lutte contre le "
                f"terrorisme) avec l'assistance {self.prep('of', organisation)}."
            )
        ]

    def _field_of_law(self, kind: str, area: str) -> Spans:
        """ "pour l'élaboration **de la législation antiterroriste**", "pour l'examen **du code pénal**",
        "sous forme de conseils sur **la loi contre la traite**"; a field whose noun is not known goes
        after "en matière de", which takes no article: "sous forme de conseils en matière **de blanchiment
        d'argent**"."""
        known, unknown = _ASSISTANCE_KIND.get(kind, _ASSISTANCE_KIND[""])
        text = g.lower_first(area)
        if g.noun_grammar(text) is not None:
            words, preposition = known.rsplit(" ", 1)
            named = g.term_from(text)
            if preposition == "de":
                return [plain(f"{words} "), *self._object("de", named)]
            return [plain(f"{known} "), bold(self.the(named))]
        matter = f"{unknown} en matière" if unknown else "en matière"
        of = "d'" if g.elides(text) else "de "
        return [plain(f"{matter} {of}"), bold(text)]

    def assistance(self, state: StateName, organisation: Term, fact: AssistanceFact) -> Spans:
        s = state.short
        subject, org = self.subject(state), self.prep("of", organisation)
        area = g.lower_first(fact.area)
        if fact.status == "law_adopted":
            when = f" {g.on_date(fact.end)}" if fact.end is not None else ""
            if g.noun_grammar(area) is not None:  # "la loi contre la traite", "le code pénal"
                adopted = [bold(self.the(g.term_from(area)))]
            elif fact.area[:1].isupper():  # a title: "le texte « Anti-Terrorism Act »"
                adopted = [plain("le texte "), bold(g.quote(fact.area))]
            else:
                of = "d'" if g.elides(area) else "de "
                adopted = [plain(f"une législation en matière {of}"), bold(area)]
            spans = [
                plain(f"{subject} {g.avoir(s.plural)} adopté "),
                *adopted,
                plain(f" avec l'assistance {org}{when}."),
            ]
        else:
            if fact.status == "requested":
                opening = f"{subject} {g.avoir(s.plural)} demandé l'assistance {org}"
                when = f" {g.on_date(fact.start)}" if fact.start is not None else ""
            elif fact.status == "ongoing" and fact.end is None:
                opening = f"{subject} {'bénéficient' if s.plural else 'bénéficie'} de l'assistance {org}"
                when = f" ({g.since(fact.start)})" if fact.start is not None else ""
            else:
                opening = f"{subject} {g.avoir(s.plural)} bénéficié de l'assistance {org}"
                if fact.start is not None:
                    when = f" ({g.date_range(fact.start, fact.end)})"
                else:
                    when = f" ({g.until(fact.end)})" if fact.end is not None else ""
            spans = [plain(f"{opening} "), *self._field_of_law(fact.kind, area), plain(f"{when}.")]
        if fact.details:
            spans.append(plain(" " + sentence_end(g.capitalise(fact.details))))
        return spans

    def projects_none(self, organisation: Term, state: StateName) -> Spans:
        return [
            plain(
                f"{g.capitalise(self.the(organisation))} ne soutient actuellement aucun projet de coopération "
                f"technique en cours {self.state_in(state)}."
            )
        ]

    def projects_intro(self, organisation: Term, state: StateName, count: int, ongoing: bool = True) -> Spans:
        which = (
            "les projets de coopération technique suivants"
            if count > 1
            else "le projet de coopération technique suivant"
        )
        verb = "soutient" if ongoing else "a soutenu"
        return [plain(f"{g.capitalise(self.the(organisation))} {verb} {self.state_in(state)} {which}{NBSP}:")]

    def project(self, fact: ProjectFact, ongoing: bool = True) -> Spans:
        details = []
        if fact.start is not None:
            details.append(g.since(fact.start) if ongoing else f"lancé {g.on_date(fact.start)}")
        if fact.planned_end is not None:
            details.append(f"fin prévue {g.on_date(fact.planned_end)}")
        if fact.budget is not None:
            details.append(f"budget{NBSP}: {g.money(fact.budget)}")
        spans: Spans = [plain(f"{fact.code}{NBSP}: ")] if fact.code else []
        spans.append(bold(fact.title))
        if details:
            spans.append(plain(f" ({'; '.join(details)})"))
        return spans
