"""The meetings a State took part in, one bullet per body (a body the State funded is told with its
contribution instead)."""

from __future__ import annotations

from coopdesk.note.drafting import Drafting
from coopdesk.note.lang.facts import MeetingFact
from coopdesk.note.model import ListItem
from coopdesk.note.sections.common import date_key, item, records_on
from coopdesk.records.record import Record


def attended(d: Drafting) -> list[tuple[Record, Record]]:
    """(participation, meeting) pairs the State took part in, for meetings begun by the note's date."""
    pairs = []
    for p in records_on(d, "meeting_participation"):  # by the meeting's start, else the source
        if p.values.get("participation") == "not_attended":
            continue
        meeting = d.inputs.entry("meeting", p.values.get("meeting_code"))
        if meeting is None:
            continue
        pairs.append((p, meeting))
    pairs.sort(key=lambda pm: date_key(pm[1].values.get("start_date")))
    return pairs


def meeting_fact(d: Drafting, meeting: Record, participation: Record | None = None) -> MeetingFact:
    """A meeting of the catalogue as a sentence tells it, in the note's language."""
    v = meeting.values
    observer = participation is not None and participation.values.get("participation") == "observer"
    return MeetingFact(
        d.term("meeting", meeting.key, "title"),
        d.text("meeting", meeting.key, "session") if v.get("session") else "",
        v.get("start_date"),
        v.get("end_date"),
        d.text("meeting", meeting.key, "place"),
        observer,
    )


def _contribution_bodies(d: Drafting) -> set[str]:
    return {
        str(c.values.get("recipient_body_code"))
        for c in records_on(d, "contribution")
        if c.values.get("recipient_body_code")
    }


def meetings(d: Drafting) -> list[ListItem]:
    """A body's sessions with its related meetings; many meetings of one body as a count and the last;
    a few as a list."""
    lang, st = d.lang, d.state
    told_with_contribution = _contribution_bodies(d)
    by_body: dict[str, list[tuple[Record, Record]]] = {}
    seen: set[str] = set()
    for p, m in attended(d):
        body = str(m.values.get("body_code") or m.key)
        if body in told_with_contribution or m.key in seen:
            continue
        seen.add(str(m.key))
        by_body.setdefault(body, []).append((p, m))
    items = []
    for pairs in by_body.values():
        sessions = [meeting_fact(d, m, p) for p, m in pairs if m.values.get("session")]
        related = [meeting_fact(d, m, p) for p, m in pairs if not m.values.get("session")]
        if sessions:
            items.append(item(lang.meeting_sessions(st, sessions, related)))
        elif len(related) > 2:
            # Many meetings of one body read as a count and the latest, not as a list.
            code = pairs[0][1].values.get("body_code")
            organ = d.term("body", code, "name") if d.inputs.entry("body", code) else related[0].title
            items.append(item(lang.meetings_counted(st, len(related), organ, related[-1])))
        else:
            items.append(item(lang.meetings_listed(st, related)))
    return items


__all__ = ["attended", "meeting_fact", "meetings"]
