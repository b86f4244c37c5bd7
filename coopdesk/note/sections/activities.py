"""What a State did besides treaties and meetings: its contributions (with the meetings of the bodies it
funded), the resolutions it sponsored and its national initiatives."""

from __future__ import annotations

from coopdesk.note.drafting import Drafting
from coopdesk.note.lang.facts import ContributionFact, InitiativeFact, Recipient, Spans
from coopdesk.note.model import ListItem
from coopdesk.note.sections.common import date_key, item, record_text, records_on, sentences
from coopdesk.note.sections.meetings import attended, meeting_fact
from coopdesk.records.money import Money
from coopdesk.records.record import Record

#: More contributions than this to one recipient are summarised (count, years, totals, the latest).
CONTRIBUTIONS_LISTED = 5


def _recipient(d: Drafting, c: Record) -> Recipient:
    code = c.values.get("recipient_body_code")
    if d.inputs.entry("body", code) is None:
        return Recipient(d.lang.named(d.typed_text(c, "recipient")))
    return Recipient(d.term("body", code, "name"), str(code), d.text("body", code, "description"))


def _fact(c: Record) -> ContributionFact:
    v = c.values
    return ContributionFact(str(v.get("kind") or "payment"), v.get("amount"), v.get("contribution_date"))


def _totals(records: list[Record]) -> list[Money]:
    sums: dict[str, int] = {}
    for c in records:
        amount = c.values.get("amount")
        if amount is not None:
            sums[amount.currency] = sums.get(amount.currency, 0) + amount.minor
    return [Money(minor, currency) for currency, minor in sorted(sums.items())]


def contributions(d: Drafting) -> list[ListItem]:
    """One bullet per recipient; a single contribution in the reference's words, several listed or
    summed; then the meetings of the body funded that the State attended."""
    lang, st = d.lang, d.state
    records = records_on(d, "contribution")
    records.sort(key=lambda r: date_key(r.values.get("contribution_date")))
    meetings = attended(d)
    groups: dict[str, list[Record]] = {}
    for c in records:
        key = (
            str(c.values.get("recipient_body_code") or "") or "text:" + record_text(c, "recipient").casefold()
        )
        groups.setdefault(key, []).append(c)
    items = []
    for group in groups.values():
        recipient = _recipient(d, group[0])
        spans: Spans
        if len(group) == 1:
            spans = lang.contribution(st, recipient, _fact(group[0]))
        elif len(group) <= CONTRIBUTIONS_LISTED:
            spans = lang.contributions_listed(st, recipient, [_fact(c) for c in group])
        else:
            years = sorted(
                {c.values["contribution_date"].year for c in group if c.values.get("contribution_date")}
            )
            spans = lang.contributions_summed(
                st, recipient, len(group), years, _totals(group), _fact(group[-1])
            )
        if recipient.code:
            mine = list(
                {str(m.key): m for _, m in meetings if m.values.get("body_code") == recipient.code}.values()
            )
            if mine:
                code = lang.code_term(recipient.code, recipient.name)
                facts = [meeting_fact(d, m) for m in mine]
                spans = sentences(spans, lang.body_meetings_attended(st, code, facts))
        items.append(item(spans))
    return items


def resolutions(d: Drafting) -> list[ListItem]:
    """ "In 2008, Belarus initiated ... resolution “...” (E/RES/2008/33), which ...", one bullet each."""
    records = records_on(d, "resolution")
    records.sort(key=lambda r: date_key(r.values.get("adopted_date")))
    items = []
    for r in records:
        v = r.values
        body = d.term("body", v.get("body_code"), "name")
        items.append(
            item(
                d.lang.resolution(
                    d.state,
                    str(v.get("role") or "main_sponsor"),
                    body,
                    d.typed_text(r, "title"),
                    record_text(r, "symbol"),
                    d.typed_text(r, "description"),
                    v["adopted_date"],
                )
            )
        )
    return items


def national_initiatives(d: Drafting) -> list[ListItem]:
    """ "At the national level, Belarus established ... and organised ...", in one bullet."""
    records = records_on(d, "national_initiative")
    records.sort(key=lambda r: date_key(r.values.get("initiative_date")))
    if not records:
        return []
    facts = [
        InitiativeFact(
            str(r.values.get("kind") or "other"),
            d.typed_text(r, "title"),
            d.typed_text(r, "description"),
            r.values.get("initiative_date"),
        )
        for r in records
    ]
    return [item(d.lang.national_initiatives(d.state, facts))]


__all__ = ["CONTRIBUTIONS_LISTED", "contributions", "national_initiatives", "resolutions"]
