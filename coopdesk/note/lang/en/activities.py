"""English: meetings, reports, contributions, resolutions, national initiatives, legislative assistance
and projects."""

from __future__ import annotations

from collections.abc import Sequence

from coopdesk.note.lang.en.words import EnglishWords
from coopdesk.note.lang.facts import (
    AssistanceFact,
    ContributionFact,
    InitiativeFact,
    MeetingFact,
    ProjectFact,
    Recipient,
    ReportFact,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.model import Span
from coopdesk.note.wording import (
    bold,
    capitalise,
    date_phrase,
    join_words,
    lower_first,
    plain,
    sentence_end,
    with_a,
    with_the,
)
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate, format_range

_CONTRIBUTION_VERBS = {
    "payment": "provided financial support",
    "pledge": "pledged financial support",
    "commitment": "committed financial support",
    "in_kind": "provided support in kind",
}
_CONTRIBUTION_PARTICIPLES = {
    "payment": "paid",
    "pledge": "pledged",
    "commitment": "committed",
    "in_kind": "given in kind",
}
_RESOLUTION_VERBS = {
    "main_sponsor": "initiated",
    "co_sponsor": "co-sponsored",
    "on_behalf_of_group": "presented, on behalf of a group of States,",
}
_INITIATIVE_VERBS = {
    "training_centre": "established",
    "unit": "established",
    "strategy": "adopted",
    "law": "adopted",
    "campaign": "organised",
    "other": "launched",
}
_ASSISTANCE_KIND = {
    "drafting": "the drafting of",
    "review": "the review of",
    "advice": "advice on",
    "training": "training on",
}


class EnglishActivities(EnglishWords):
    """Meetings, reports, contributions, resolutions, national initiatives, legislative assistance and projects, in English."""

    # ------------------------------------------------------------------ meetings

    def when_where(self, meeting: MeetingFact) -> str:
        text = self.on_range(meeting.start, meeting.end) if meeting.start is not None else ""
        if meeting.place:
            text += f" in {meeting.place}"
        return text.strip()

    def meeting_sessions(
        self, state: StateName, sessions: Sequence[MeetingFact], related: Sequence[MeetingFact]
    ) -> Spans:
        spans: Spans = [plain(f"{self.subject(state)} participated in ")]
        for i, m in enumerate(sessions):
            observer = " as an observer" if m.observer else ""
            if i == 0:
                spans += [plain(f"the {m.session} of "), bold(self.the(m.title))]
            else:
                spans.append(plain(f"; and in its {m.session}"))
            spans.append(plain(f"{observer}, held {self.when_where(m)}"))
        if related and sessions:
            suffix = f" of {self.the(sessions[0].title)}"
            others = []
            for m in related:
                title = m.title.text
                if title.endswith(suffix) and len(title) > len(suffix):
                    title = title[: -len(suffix)]
                others.append(f"the related {lower_first(title)} held {self.when_where(m)}")
            spans.append(plain(f", as well as in {join_words(others)}"))
        spans.append(plain("."))
        return spans

    def meetings_counted(self, state: StateName, count: int, body: Term, last: MeetingFact) -> Spans:
        return [
            plain(f"{self.subject(state)} participated in {count} meetings of "),
            bold(self.the(body)),
            plain(f", the last held {self.when_where(last)}."),
        ]

    def meetings_listed(self, state: StateName, meetings: Sequence[MeetingFact]) -> Spans:
        parts = [f"{with_the(lower_first(m.title.text))}, held {self.when_where(m)}" for m in meetings]
        return [plain(f"{self.subject(state)} participated in {join_words(parts)}.")]

    # ------------------------------------------------------------------ reporting

    def global_report(self, state: StateName, report: ReportFact, description: str) -> Spans:
        if report.completeness == "none":
            verb = "did not provide inputs into "
        elif report.completeness == "partial":
            verb = "provided partial inputs into "
        else:
            verb = "provided inputs into "
        when = f" {date_phrase(report.date)}" if report.date is not None else ""
        spans = [
            plain(f"{self.subject(state)} {verb}"),
            bold(self.the(report.instrument)),
            plain(f" {description}" if description else ""),
            plain(f"{when}."),
        ]
        if report.details:
            spans.append(plain(" " + sentence_end(f"In particular, {report.details}")))
        return spans

    def surveys(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        spans: Spans = [plain(f"{self.subject(state)} ")]
        for i, r in enumerate(reports):
            if i:
                last = i == len(reports) - 1
                spans.append(plain((", and " if len(reports) > 2 else " and ") if last else ", "))
            name = r.instrument.text
            short = r.short_name
            label = with_the(name) + (f" ({short})" if short and short.lower() not in name.lower() else "")
            if r.completeness == "none":
                verb = "has not answered "
            elif r.completeness == "partial":
                verb = "has partially answered "
            elif r.kind == "survey":
                verb = "provided inputs for "
            else:
                verb = "answered "
            spans += [plain(verb), bold(label)]
            extra = []
            if r.cycle:
                extra.append(f"for {r.cycle}")
            if r.date is not None:
                extra.append(date_phrase(r.date))
            if extra:
                spans.append(plain(" " + " ".join(extra)))
        spans.append(plain("."))
        return spans

    # ------------------------------------------------------------------ contributions

    def _recipient(self, recipient: Recipient) -> Spans:
        name = recipient.name.text
        code = recipient.code
        spans = [bold(self.the(recipient.name) + (f" ({code})" if code and code not in name else ""))]
        if recipient.description:
            spans.append(plain(f" – {recipient.description}"))
        return spans

    def _one(self, c: ContributionFact) -> str:
        """ "USD 20,000 paid in 2003"."""
        text = c.amount.format() if c.amount is not None else "an amount"
        text += " " + _CONTRIBUTION_PARTICIPLES.get(c.kind, "paid")
        return text + (f" {date_phrase(c.date)}" if c.date is not None else "")

    def contribution(self, state: StateName, recipient: Recipient, contribution: ContributionFact) -> Spans:
        verb = _CONTRIBUTION_VERBS.get(contribution.kind, "provided financial support")
        money = f" ({contribution.amount.format()})" if contribution.amount is not None else ""
        spans = [plain(f"{self.subject(state)} {verb}{money} to the work of "), *self._recipient(recipient)]
        if contribution.date is not None:
            spans.append(plain(f", {date_phrase(contribution.date)}"))
        spans.append(plain("."))
        return spans

    def contributions_listed(
        self, state: StateName, recipient: Recipient, contributions: Sequence[ContributionFact]
    ) -> Spans:
        return [
            plain(f"{self.subject(state)} provided financial support to the work of "),
            *self._recipient(recipient),
            plain(": " + "; ".join(self._one(c) for c in contributions) + "."),
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
        period = f" {self.between_years(years[0], years[-1])}" if len(years) > 1 else ""
        total = join_words([m.format() for m in totals])
        return [
            plain(f"{self.subject(state)} made {count} contributions to the work of "),
            *self._recipient(recipient),
            plain(f"{period}, in all {total}; the latest was {self._one(latest)}."),
        ]

    def body_meetings_attended(self, state: StateName, code: Term, meetings: Sequence[MeetingFact]) -> Spans:
        if len(meetings) == 1:
            return [
                plain(
                    f"{self.subject(state)} attended the {code.text} meeting held {self.when_where(meetings[0])}."
                )
            ]
        return [
            plain(
                f"{self.subject(state)} attended the {code.text} meetings (the last meeting held "
                f"{self.when_where(meetings[-1])})."
            )
        ]

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
        verb = _RESOLUTION_VERBS.get(role, "initiated")
        opening = f"{capitalise(date_phrase(date))}, {self.the(state.short)} {verb} "
        spans = [plain(opening), bold(body.text), plain(f" resolution {self.quote(title)}")]
        if symbol:
            spans.append(plain(f" ({symbol})"))
        if description:
            spans.append(plain(f", which {description}"))
        spans.append(plain("."))
        return spans

    def national_initiatives(self, state: StateName, initiatives: Sequence[InitiativeFact]) -> Spans:
        spans: Spans = [plain(f"At the national level, {self.the(state.short)} ")]
        for i, r in enumerate(initiatives):
            if i:
                spans.append(plain(" and " if i == len(initiatives) - 1 else ", "))
            verb = _INITIATIVE_VERBS.get(r.kind, "launched")
            when = f" {date_phrase(r.date)}" if r.date is not None else ""
            if r.kind == "campaign" and r.description:
                spans.append(plain(f"{verb} {r.description}{when}"))
                continue
            named = with_a(r.title) if verb == "established" else with_the(r.title)
            spans += [plain(f"{verb} "), bold(named)]
            if r.description:
                spans.append(plain(f" {r.description}"))
            spans.append(plain(when))
        spans.append(plain("."))
        return spans

    # ------------------------------------------------------------------ assistance, projects
    def assistance_none(self, state: StateName, organisation: Term) -> Spans:
        return [
            plain(
                f"{self.subject(state)} does not belong to the list of countries which finalized the drafting "
                "of, or adopted, legislation or amendments (including counter-terrorism legislation) with the "
                f"assistance of {self.the(organisation)}."
            )
        ]

    def assistance(self, state: StateName, organisation: Term, fact: AssistanceFact) -> Spans:
        subject, org = self.subject(state), self.the(organisation)
        area = lower_first(fact.area)
        kind = _ASSISTANCE_KIND.get(fact.kind, "")
        with_kind = f"with {kind} " if kind else "with "
        if fact.status == "law_adopted":
            when = f" {date_phrase(fact.end)}" if fact.end is not None else ""
            spans = [plain(f"{subject} adopted "), bold(area), plain(f" with the assistance of {org}{when}.")]
        else:
            if fact.status == "requested":
                opening = f"{subject} requested the assistance of {org} "
                when = f" {date_phrase(fact.start)}" if fact.start is not None else ""
            elif fact.status == "ongoing" and fact.end is None:
                opening = f"{subject} is receiving the assistance of {org} "
                when = f" (since {fact.start})" if fact.start is not None else ""
            else:
                opening = f"{subject} received the assistance of {org} "
                if fact.start is not None:
                    when = f" ({format_range(fact.start, fact.end)})"
                else:
                    when = f" (until {fact.end})" if fact.end is not None else ""
            spans = [plain(opening + with_kind), bold(area), plain(f"{when}.")]
        if fact.details:
            spans.append(plain(" " + sentence_end(capitalise(fact.details))))
        return spans

    def projects_none(self, organisation: Term, state: StateName) -> Spans:
        return [
            plain(
                f"{capitalise(self.the(organisation))} is not supporting any ongoing technical cooperation "
                f"project {self.state_in(state)} at this moment."
            )
        ]

    def projects_intro(self, organisation: Term, state: StateName, count: int, ongoing: bool = True) -> Spans:
        noun = "projects" if count > 1 else "project"
        verb = "is supporting" if ongoing else "supported"
        return [
            plain(
                f"{capitalise(self.the(organisation))} {verb} the following technical cooperation "
                f"{noun} {self.state_in(state)}:"
            )
        ]

    def project(self, fact: ProjectFact, ongoing: bool = True) -> Spans:
        details = []
        if fact.start is not None:
            details.append(f"since {fact.start}" if ongoing else f"started {date_phrase(fact.start)}")
        if fact.planned_end is not None:
            details.append(f"planned to end in {fact.planned_end}")
        if fact.budget is not None:
            details.append(f"budget {fact.budget.format()}")
        spans: list[Span] = [plain(f"{fact.code}: ")] if fact.code else []
        spans.append(bold(fact.title))
        if details:
            spans.append(plain(f" ({'; '.join(details)})"))
        return spans
