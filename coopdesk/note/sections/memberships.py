"""The note's first bullets: the State's memberships of bodies, in the tense of the note's date."""

from __future__ import annotations

from coopdesk.note.drafting import Drafting
from coopdesk.note.model import ListItem
from coopdesk.note.sections.common import date_key, item, record_text, records_on, sentences
from coopdesk.records.derived import Tense, membership_tense, term_end
from coopdesk.records.partial_date import PartialDate


def memberships(d: Drafting) -> list[ListItem]:
    """One bullet per membership, by the start of its term: an election and the term it opens (future,
    current or past on the note's date), or, with neither an election nor an end recorded, when it began
    (not that it still runs: the draft warns when the body's usual term has passed)."""
    lang, st = d.lang, d.state
    records = records_on(d, "membership")
    records.sort(key=lambda r: date_key(r.values.get("term_start")))
    items = []
    for i, m in enumerate(records):
        v = m.values
        code = v.get("body_code")
        body = d.term("body", code, "name")
        role = str(v.get("role") or "member")
        start: PartialDate | None = v.get("term_start")
        end = term_end(m)
        tense = membership_tense(m, d.as_of)
        also = bool(i)
        elected: PartialDate | None = v.get("election_date")
        if tense is Tense.PAST:
            items.append(item(lang.membership_past(st, body, role, start, end, also)))
            continue
        if elected is None and end is None and start is not None and tense is Tense.CURRENT:
            items.append(item(lang.membership_began(st, body, role, start, also)))
            continue
        if elected is not None:
            first = lang.membership_elected(st, body, role, elected, also)
        else:
            first = lang.membership_current(st, body, also, role)
        term = []
        if start is not None:
            kind = record_text(d.inputs.entry("body", code), "kind")
            reference = lang.body_reference(kind, str(code or ""), body)
            term = lang.membership_term(st, reference, tense, start, end, v.get("term_years"))
        items.append(item(sentences(first, term)))
    return items


__all__ = ["memberships"]
