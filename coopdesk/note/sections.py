"""The parts of the country note, each a pure function of the inputs (their order is
``coopdesk.note.builder.SECTIONS``; the parts that may state an absence are in ``coopdesk.note.absences``).

Every section returns the bullets it has to say on the as-of date (possibly none): what the records
placed by then show, and a negative only where the area was checked complete (``coopdesk.note.claims``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from coopdesk.note.claims import known_complete, visible
from coopdesk.note.inputs import NoteInputs
from coopdesk.note.model import BulletList, ListItem, Span
from coopdesk.note.wording import (
    ACTION_VERBS,
    bold,
    date_phrase,
    join_words,
    lower_first,
    number_word,
    ordinal,
    plain,
    sentence_end,
    with_a,
    with_the,
)
from coopdesk.records.completeness import Area
from coopdesk.records.derived import (
    StatusOnDate,
    Tense,
    TreatyStatus,
    membership_tense,
    term_end,
    treaty_status,
)
from coopdesk.records.partial_date import PartialDate, format_range
from coopdesk.records.record import Record

Section = Callable[[NoteInputs, dt.date], list[ListItem]]

#: A set with more instruments than this is told as a count ("13 out of 16 ...") with the missing ones
#: listed; a smaller set (the crime and drug conventions) is told treaty by treaty.
COUNT_THRESHOLD = 6

_PASSIVE = {"acceded to": "acceded to", "succeeded to": "succeeded to"}


def _item(*spans: Span, children: BulletList | None = None) -> ListItem:
    merged: list[Span] = []
    for s in spans:
        if not s.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (s.bold, s.italic):
            merged[-1] = Span(merged[-1].text + s.text, s.bold, s.italic)
        else:
            merged.append(s)
    return ListItem(tuple(merged), children)


def _visible(inputs: NoteInputs, type_name: str, as_of: dt.date) -> list[Record]:
    """The records of a type that exist on ``as_of``, placed in time as their type declares (a record
    nothing places in time does not exist for a dated note: ``coopdesk.records.time_placement``)."""
    return visible(inputs, type_name, as_of)


def _date_key(date: PartialDate | None) -> tuple[int, int, int]:
    if date is None:
        return (9999, 99, 99)
    return (date.year, date.month or 0, date.day or 0)


def _text(record: Record | None, name: str) -> str:
    if record is None:
        return ""
    return " ".join(str(record.values.get(name) or "").split())


# --------------------------------------------------------------------------- memberships


def _body_reference(body: Record | None) -> str:
    """How the second sentence refers back to a body: "the Commission", "the Council", else its code."""
    kind = _text(body, "kind")
    if kind in ("commission", "council", "assembly", "conference"):
        return f"the {kind.capitalize()}" if kind != "conference" else "the Conference"
    code = str(body.key) if body is not None else "body"
    return f"the {code}"


def memberships(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    names = inputs.names
    records = _visible(inputs, "membership", as_of)
    records.sort(key=lambda r: _date_key(r.values.get("term_start")))
    items = []
    for i, m in enumerate(records):
        v = m.values
        body = inputs.entry("body", v.get("body_code"))
        body_name = with_the(_text(body, "name") or str(v.get("body_code")))
        role = v.get("role") or "member"
        start: PartialDate | None = v.get("term_start")
        end = term_end(m)
        years = v.get("term_years")
        tense = membership_tense(m, as_of)
        also = " also" if i else ""
        ref = _body_reference(body)
        elected: PartialDate | None = v.get("election_date")
        if tense is Tense.PAST:
            what = "a member" if role == "member" else _role_label(role)
            period = f"from {start} to {end}" if end is not None else f"from {start}"
            items.append(
                _item(plain(f"{names.subject} was{also} {what} of "), bold(body_name), plain(f" {period}."))
            )
            continue
        if role == "member":
            opening = f"{names.subject} was{also} elected to the membership of "
        else:
            opening = f"{names.subject} was{also} elected {_role_label(role)} of "
        when = f" {date_phrase(elected)}" if elected is not None else ""
        spans = [plain(opening), bold(body_name), plain(f"{when}.")]
        if elected is None and end is None and start is not None and tense is Tense.CURRENT:
            # Neither an election nor an end recorded: when it began is known, not that it still runs
            # (the draft warns when the body's usual term has passed: ``note_claims.stale_statuses``).
            became = "became" if not also else "also became"
            what = "a member" if role == "member" else _role_label(role)
            items.append(
                _item(
                    plain(f"{names.subject} {became} {what} of "),
                    bold(body_name),
                    plain(f" {date_phrase(start)}."),
                )
            )
            continue
        if elected is None:
            spans = [plain(f"{names.subject} is{also} a member of "), bold(body_name), plain(".")]
        if start is not None:
            if tense is Tense.FUTURE:
                length = f" for a period of {years} years" if years else ""
                until = f" and will run until {end}" if end is not None and not years else ""
                spans.append(plain(f" Its membership of {ref} will commence on {start}{length}{until}."))
            else:
                until = f" and runs until {end}" if end is not None else ""
                spans.append(plain(f" Its membership of {ref} began on {start}{until}."))
        items.append(_item(*spans))
    return items


def _role_label(role: str) -> str:
    from coopdesk.records.vocabularies import MEMBERSHIP_ROLE

    label = MEMBERSHIP_ROLE.label(role)
    return "a member of the Bureau" if role == "bureau" else label


# --------------------------------------------------------------------------- conventions


def _counted_sets(inputs: NoteInputs, as_of: dt.date) -> list[Record]:
    from coopdesk.records.derived import set_members_on

    sets = sorted(inputs.catalogue.get("instrument_set", {}).values(), key=lambda r: str(r.key))
    return [s for s in sets if len(set_members_on(inputs.set_members, str(s.key), as_of)) > COUNT_THRESHOLD]


def _counted_instruments(inputs: NoteInputs, as_of: dt.date) -> set[str]:
    counted = {str(s.key) for s in _counted_sets(inputs, as_of)}
    return {
        str(m.values.get("instrument_code"))
        for m in inputs.set_members
        if m.values.get("set_code") in counted
    }


def _position(inputs: NoteInputs, code: str) -> int:
    entry = inputs.entry("instrument", code)
    value = entry.values.get("position") if entry is not None else None
    return int(value) if value is not None else 10_000


def _reports_told(inputs: NoteInputs, as_of: dt.date) -> list[Record]:
    """The reports existing on the date that the note may tell: a report recorded as not answered says
    what a State has not done, so it is told only where its reporting instrument was checked complete."""
    return [
        r
        for r in _visible(inputs, "reporting", as_of)
        if r.values.get("completeness") != "none"
        or known_complete(
            inputs, Area.reporting_instrument(str(r.values.get("reporting_instrument_code"))), as_of
        )
    ]


def _reports_on(inputs: NoteInputs, as_of: dt.date, codes: set[str]) -> list[Record]:
    reports = _reports_told(inputs, as_of)
    result = []
    for r in reports:
        ri = inputs.entry("reporting_instrument", r.values.get("reporting_instrument_code"))
        if ri is not None and ri.values.get("instrument_code") in codes:
            result.append(r)
    result.sort(key=lambda r: _date_key(r.values.get("submitted_date")))
    return result


def _report_clause(inputs: NoteInputs, report: Record) -> str:
    """ "reported (through the designated tool, UNCAC self-assessment checklist) on efforts ... on 15
    November 2007": the report is on the convention it is told with, through the reporting instrument
    the catalogue ties to that convention, its designated tool."""
    ri = inputs.entry("reporting_instrument", report.values.get("reporting_instrument_code"))
    tool = lower_first(_text(ri, "name") or str(report.values.get("reporting_instrument_code")))
    details = _text(report, "details")
    date = report.values.get("submitted_date")
    verb = {"partial": "partially reported", "none": "has not reported"}.get(
        str(report.values.get("completeness")), "reported"
    )
    text = f"{verb} (through the designated tool, {tool})"
    if details:
        text += f" {details}"
    if date is not None:
        text += f" {date_phrase(date)}"
    return text


def conventions(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    """Each convention the State acted on, its Protocols told with it, its reporting appended.

    In the catalogue's order, except that a treaty family whose questionnaires are told in the bullet
    after the conventions comes last, next to that bullet (as in the reference note: the Convention
    against Corruption, then the Organized Crime Convention and its Protocols, then the latter's
    questionnaires)."""
    actions = _visible(inputs, "treaty_action", as_of)
    counted = _counted_instruments(inputs, as_of)
    acted = {str(a.values.get("instrument_code")) for a in actions} - counted
    instruments = inputs.catalogue.get("instrument", {})
    roots: list[str] = []
    for code in sorted(acted, key=lambda c: _position(inputs, c)):
        root = code
        parent = instruments[root].values.get("parent_code") if root in instruments else None
        while parent and parent in instruments and parent not in counted:
            root = parent
            parent = instruments[root].values.get("parent_code")
        if root not in roots:
            roots.append(root)
    roots.sort(key=lambda c: _position(inputs, c))
    bullets: list[tuple[bool, int, ListItem]] = []
    told: set[str] = set()
    for root in roots:
        children = sorted(
            (str(k) for k, e in instruments.items() if e.values.get("parent_code") == root),
            key=lambda c: _position(inputs, c),
        )
        family = [root, *children]
        statuses = {c: treaty_status(actions, c, as_of) for c in family}
        acted_on = [c for c in family if statuses[c].status is not TreatyStatus.NO_ACTION]
        if acted_on == [root]:
            reports = _reports_on(inputs, as_of, {root})
            item = _single_convention(inputs, root, statuses[root], reports)
            told.update(str(r.key) for r in reports)
            bullets.append((False, len(bullets), item))
        elif acted_on:
            reported = bool(_reports_on(inputs, as_of, set(family)))
            bullets.append((reported, len(bullets), _family(inputs, root, children, statuses)))
    items = [item for _, _, item in sorted(bullets, key=lambda t: t[:2])]
    # The other reports on conventions (a treaty family's questionnaires, or reports on a convention not
    # yet acted on) follow in one bullet, as in the reference note.
    rest = [r for r in _reports_on(inputs, as_of, set(instruments) - counted) if str(r.key) not in told]
    if rest:
        items.append(_reports_bullet(inputs, rest))
    return items


def _verb(status_action: str | None, status: TreatyStatus) -> str:
    if status is TreatyStatus.SIGNATORY:
        return "signed"
    if status is TreatyStatus.WITHDRAWN:
        return ACTION_VERBS.get(status_action or "", "denounced")
    return ACTION_VERBS.get(status_action or "", "became a party to")


def _single_convention(
    inputs: NoteInputs, code: str, status: StatusOnDate, reports: list[Record]
) -> ListItem:
    entry = inputs.entry("instrument", code)
    title = with_the(_text(entry, "title") or code)
    verb = _verb(status.action, status.status)
    when = f" {date_phrase(status.date)}" if status.date is not None else ""
    spans = [plain(f"{inputs.names.subject} {verb} "), bold(title), plain(when)]
    if reports:
        clauses = [_report_clause(inputs, r) for r in reports]
        spans.append(plain(" and " + join_words(clauses)))
    spans.append(plain("."))
    return _item(*spans)


def _family(inputs: NoteInputs, root: str, children: list[str], st: dict[str, StatusOnDate]) -> ListItem:
    """A Convention and its Protocols in one bullet, the instruments acted on the same day together."""
    subject = inputs.names.subject
    root_title = with_the(_text(inputs.entry("instrument", root), "title") or root)
    family = [root, *children]
    parties = [c for c in family if st[c].status is TreatyStatus.PARTY]
    groups: dict[tuple[tuple[int, int, int], str], list[str]] = {}
    for c in family:
        if st[c].status is not TreatyStatus.NO_ACTION:
            groups.setdefault((_date_key(st[c].date), _verb(st[c].action, st[c].status)), []).append(c)
    root_told = False
    spans: list[Span]
    if len(parties) == len(family):
        verbs = {_verb(st[c].action, st[c].status) for c in parties}
        verb = verbs.pop() if len(verbs) == 1 else "became a party to"
        spans = [plain(f"{subject} {verb} "), bold(f"{root_title} and the Protocols thereto"), plain(".")]
    elif st[root].status is not TreatyStatus.NO_ACTION:
        verb = _verb(st[root].action, st[root].status)
        root_group = next(codes for codes in groups.values() if root in codes)
        if root_group == [root]:
            date = st[root].date
            when = f" {date_phrase(date)}" if date is not None else ""
            spans = [plain(f"{subject} {verb} "), bold(root_title), plain(f"{when}.")]
            root_told = True
        else:
            spans = [plain(f"{subject} {verb} "), bold(root_title), plain(".")]
    else:
        spans = [plain("As regards "), bold(f"{root_title} and the Protocols thereto"), plain(":")]
    sentences = []
    for (_, verb), codes in sorted(groups.items()):
        date = st[codes[0]].date
        when = f" {date_phrase(date)}" if date is not None else ""
        kids = [c for c in codes if c != root]
        titles = "; ".join(_text(inputs.entry("instrument", c), "title") or c for c in kids)
        noun = "Protocols" if len(kids) > 1 else "Protocol"
        if root in codes:
            if root_told:
                continue
            if kids:
                which = _which_protocols(kids, children)
                sentences.append(
                    f"The Convention and the {which} supplementing {noun} ({titles}) were {verb}{when}."
                )
            else:
                sentences.append(f"The Convention was {verb}{when}.")
        else:
            which = _which_protocols(kids, children)
            sentences.append(f"{subject} {verb} the {which} {noun} ({titles}){when}.")
    if sentences:
        spans.append(plain(" " + " ".join(sentences)))
    return _item(*spans)


def _which_protocols(kids: list[str], children: list[str]) -> str:
    """ "first two", "third", "second and third": the Protocols' places among the Convention's."""
    places = sorted(children.index(k) + 1 for k in kids)
    if len(places) > 1 and places == list(range(1, len(places) + 1)):
        return f"first {number_word(len(places))}"
    return join_words([ordinal(p) for p in places])


def _reports_bullet(inputs: NoteInputs, reports: list[Record]) -> ListItem:
    subject = inputs.names.subject
    parts = []
    for r in reports:
        ri = inputs.entry("reporting_instrument", r.values.get("reporting_instrument_code"))
        name = lower_first(_text(ri, "name") or str(r.values.get("reporting_instrument_code")))
        verb = {"partial": "partially responded to", "none": "has not responded to"}.get(
            str(r.values.get("completeness")), "responded to"
        )
        text = f"{verb} {with_the(name)}"
        if r.values.get("cycle"):
            text += f" ({_text(r, 'cycle')})"
        date = r.values.get("submitted_date")
        if date is not None:
            text += f" {date_phrase(date)}"
        details = _text(r, "details")
        if details:
            text += f", {details}"
        parts.append(text)
    return _item(plain(sentence_end(f"{subject} {join_words(parts)}")))


# --------------------------------------------------------------------------- meetings


def _attended(inputs: NoteInputs, as_of: dt.date) -> list[tuple[Record, Record]]:
    """(participation, meeting) pairs the State took part in, for meetings begun by ``as_of``."""
    pairs = []
    for p in _visible(inputs, "meeting_participation", as_of):  # by the meeting's start, else the source
        if p.values.get("participation") == "not_attended":
            continue
        meeting = inputs.entry("meeting", p.values.get("meeting_code"))
        if meeting is None:
            continue
        pairs.append((p, meeting))
    pairs.sort(key=lambda pm: _date_key(pm[1].values.get("start_date")))
    return pairs


def _contribution_bodies(inputs: NoteInputs, as_of: dt.date) -> set[str]:
    return {
        str(c.values.get("recipient_body_code"))
        for c in _visible(inputs, "contribution", as_of)
        if c.values.get("recipient_body_code")
    }


def _when_where(meeting: Record) -> str:
    start = meeting.values.get("start_date")
    end = meeting.values.get("end_date")
    place = _text(meeting, "place")
    text = ""
    if start is not None:
        dates = format_range(start, end)
        text = f"on {dates}" if start.precision == "day" else f"in {dates}"
    if place:
        text += f" in {place}"
    return text.strip()


def _without_body(title: str, body_title: str) -> str:
    """ "inter-sessional Working Groups of the Conference ..." -> "inter-sessional Working Groups"."""
    suffix = f" of {with_the(body_title)}"
    if body_title and title.endswith(suffix) and len(title) > len(suffix):
        title = title[: -len(suffix)]
    return lower_first(title)


def meetings(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    subject = inputs.names.subject
    told_with_contribution = _contribution_bodies(inputs, as_of)
    by_body: dict[str, list[tuple[Record, Record]]] = {}
    seen: set[str] = set()
    for p, m in _attended(inputs, as_of):
        body = str(m.values.get("body_code") or m.key)
        if body in told_with_contribution or m.key in seen:
            continue
        seen.add(str(m.key))
        by_body.setdefault(body, []).append((p, m))
    items = []
    for pairs in by_body.values():
        sessions = [(p, m) for p, m in pairs if m.values.get("session")]
        related = [(p, m) for p, m in pairs if not m.values.get("session")]
        spans: list[Span] = []
        if sessions:
            spans.append(plain(f"{subject} participated in "))
            for i, (p, m) in enumerate(sessions):
                observer = " as an observer" if p.values.get("participation") == "observer" else ""
                if i == 0:
                    spans += [plain(f"the {_text(m, 'session')} of "), bold(with_the(_text(m, "title")))]
                else:
                    spans.append(plain(f"; and in its {_text(m, 'session')}"))
                spans.append(plain(f"{observer}, held {_when_where(m)}"))
            if related:
                main_title = _text(sessions[0][1], "title")
                others = join_words(
                    [
                        f"the related {_without_body(_text(m, 'title'), main_title)} held {_when_where(m)}"
                        for _, m in related
                    ]
                )
                spans.append(plain(f", as well as in {others}"))
            spans.append(plain("."))
        elif len(related) > 2:
            # Many meetings of one body read as a count and the latest, not as a list.
            organ = inputs.entry("body", related[0][1].values.get("body_code"))
            name = with_the(_text(organ, "name") or _text(related[0][1], "title"))
            last = related[-1][1]
            spans += [
                plain(f"{subject} participated in {len(related)} meetings of "),
                bold(name),
                plain(f", the last held {_when_where(last)}."),
            ]
        else:
            parts = [f"{with_the(lower_first(_text(m, 'title')))}, held {_when_where(m)}" for _, m in related]
            spans.append(plain(f"{subject} participated in {join_words(parts)}."))
        items.append(_item(*spans))
    return items


# --------------------------------------------------------------------------- reporting


def _reporting_of_kind(inputs: NoteInputs, as_of: dt.date, kinds: set[str]) -> list[tuple[Record, Record]]:
    pairs = []
    for r in _reports_told(inputs, as_of):
        ri = inputs.entry("reporting_instrument", r.values.get("reporting_instrument_code"))
        if ri is None or ri.values.get("instrument_code"):
            continue
        if ri.values.get("kind") in kinds:
            pairs.append((r, ri))
    return pairs


def global_reports(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    subject = inputs.names.subject
    items = []
    for r, ri in _reporting_of_kind(inputs, as_of, {"global_report"}):
        name = with_the(_text(ri, "short_name") or _text(ri, "name"))
        date = r.values.get("submitted_date")
        when = f" {date_phrase(date)}" if date is not None else ""
        verb = (
            "provided partial inputs into "
            if r.values.get("completeness") == "partial"
            else "provided inputs into "
        )
        if r.values.get("completeness") == "none":
            verb = "did not provide inputs into "
        described = _text(ri, "description")  # "study on the state of the world's response ..."
        spans = [
            plain(f"{subject} {verb}"),
            bold(name),
            plain(f" {described}" if described else ""),
            plain(f"{when}."),
        ]
        details = _text(r, "details")
        if details:
            spans.append(plain(" " + sentence_end(f"In particular, {details}")))
        items.append(_item(*spans))
    return items


def surveys(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    """Surveys and questionnaires not tied to a convention, in one bullet: "provided inputs for ..."."""
    subject = inputs.names.subject
    pairs = _reporting_of_kind(inputs, as_of, {"survey", "questionnaire", "checklist"})
    if not pairs:
        return []
    spans: list[Span] = [plain(f"{subject} ")]
    for i, (r, ri) in enumerate(pairs):
        if i:
            last = i == len(pairs) - 1
            spans.append(plain((", and " if len(pairs) > 2 else " and ") if last else ", "))
        name = _text(ri, "name")
        short = _text(ri, "short_name")
        label = with_the(name) + (f" ({short})" if short and short.lower() not in name.lower() else "")
        completeness = r.values.get("completeness")
        kind = ri.values.get("kind")
        if completeness == "none":
            verb = "has not answered "
        elif completeness == "partial":
            verb = "has partially answered "
        elif kind == "survey":
            verb = "provided inputs for "
        else:
            verb = "answered "
        spans += [plain(verb), bold(label)]
        extra = []
        if r.values.get("cycle"):
            extra.append(f"for {_text(r, 'cycle')}")
        if r.values.get("submitted_date") is not None:
            extra.append(date_phrase(r.values["submitted_date"]))
        if extra:
            spans.append(plain(" " + " ".join(extra)))
    spans.append(plain("."))
    return [_item(*spans)]


# --------------------------------------------------------------------------- contributions


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

#: More contributions than this to one recipient are summarised (count, years, totals, the latest).
CONTRIBUTIONS_LISTED = 5


def _recipient_spans(inputs: NoteInputs, c: Record) -> tuple[list[Span], Record | None]:
    body = inputs.entry("body", c.values.get("recipient_body_code"))
    if body is None:
        return [bold(with_the(_text(c, "recipient")))], None
    name = _text(body, "name")
    code = str(body.key)
    spans = [bold(with_the(name) + (f" ({code})" if code and code not in name else ""))]
    description = _text(body, "description")
    if description:
        spans.append(plain(f" – {description}"))
    return spans, body


def _one_contribution(c: Record) -> str:
    """ "USD 20,000 paid in 2003"."""
    amount = c.values.get("amount")
    date = c.values.get("contribution_date")
    text = amount.format() if amount is not None else "an amount"
    text += " " + _CONTRIBUTION_PARTICIPLES.get(str(c.values.get("kind")), "paid")
    return text + (f" {date_phrase(date)}" if date is not None else "")


def _totals(records: list[Record]) -> str:
    sums: dict[str, int] = {}
    for c in records:
        amount = c.values.get("amount")
        if amount is not None:
            sums[amount.currency] = sums.get(amount.currency, 0) + amount.minor
    from coopdesk.records.money import Money

    return join_words([Money(minor, currency).format() for currency, minor in sorted(sums.items())])


def contributions(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    """One bullet per recipient; a single contribution in the reference's words, several listed or summed."""
    subject = inputs.names.subject
    records = _visible(inputs, "contribution", as_of)
    records.sort(key=lambda r: _date_key(r.values.get("contribution_date")))
    attended = _attended(inputs, as_of)
    groups: dict[str, list[Record]] = {}
    for c in records:
        key = str(c.values.get("recipient_body_code") or "") or "text:" + _text(c, "recipient").casefold()
        groups.setdefault(key, []).append(c)
    items = []
    for group in groups.values():
        first = group[0]
        recipient, body = _recipient_spans(inputs, first)
        if len(group) == 1:
            v = first.values
            verb = _CONTRIBUTION_VERBS.get(str(v.get("kind")), "provided financial support")
            amount = v.get("amount")
            money = f" ({amount.format()})" if amount is not None else ""
            spans: list[Span] = [plain(f"{subject} {verb}{money} to the work of "), *recipient]
            date = v.get("contribution_date")
            if date is not None:
                spans.append(plain(f", {date_phrase(date)}"))
            spans.append(plain("."))
        elif len(group) <= CONTRIBUTIONS_LISTED:
            spans = [plain(f"{subject} provided financial support to the work of "), *recipient]
            spans.append(plain(": " + "; ".join(_one_contribution(c) for c in group) + "."))
        else:
            years = sorted(
                {c.values["contribution_date"].year for c in group if c.values.get("contribution_date")}
            )
            period = f" between {years[0]} and {years[-1]}" if len(years) > 1 else ""
            spans = [plain(f"{subject} made {len(group)} contributions to the work of "), *recipient]
            spans.append(
                plain(f"{period}, in all {_totals(group)}; the latest was {_one_contribution(group[-1])}.")
            )
        if body is not None:
            mine = list(
                {str(m.key): m for _, m in attended if m.values.get("body_code") == body.key}.values()
            )
            if len(mine) == 1:
                spans.append(
                    plain(f" {subject} attended the {body.key} meeting held {_when_where(mine[0])}.")
                )
            elif mine:
                spans.append(
                    plain(
                        f" {subject} attended the {body.key} meetings (the last meeting held "
                        f"{_when_where(mine[-1])})."
                    )
                )
        items.append(_item(*spans))
    return items


# --------------------------------------------------------------------------- resolutions and initiatives


_RESOLUTION_VERBS = {
    "main_sponsor": "initiated",
    "co_sponsor": "co-sponsored",
    "on_behalf_of_group": "presented, on behalf of a group of States,",
}


def resolutions(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    subject = inputs.names.running
    records = _visible(inputs, "resolution", as_of)
    records.sort(key=lambda r: _date_key(r.values.get("adopted_date")))
    items = []
    for r in records:
        v = r.values
        date: PartialDate = v["adopted_date"]
        body = inputs.entry("body", v.get("body_code"))
        body_name = _text(body, "name") or str(v.get("body_code"))
        verb = _RESOLUTION_VERBS.get(str(v.get("role")), "initiated")
        opening = f"{date_phrase(date)[0].upper()}{date_phrase(date)[1:]}, {subject} {verb} "
        spans = [plain(opening), bold(f"{body_name}"), plain(f" resolution “{_text(r, 'title')}”")]
        symbol = _text(r, "symbol")
        if symbol:
            spans.append(plain(f" ({symbol})"))
        description = _text(r, "description")
        if description:
            spans.append(plain(f", which {description}"))
        spans.append(plain("."))
        items.append(_item(*spans))
    return items


_INITIATIVE_VERBS = {
    "training_centre": "established",
    "unit": "established",
    "strategy": "adopted",
    "law": "adopted",
    "campaign": "organised",
    "other": "launched",
}


def national_initiatives(inputs: NoteInputs, as_of: dt.date) -> list[ListItem]:
    records = _visible(inputs, "national_initiative", as_of)
    records.sort(key=lambda r: _date_key(r.values.get("initiative_date")))
    if not records:
        return []
    spans: list[Span] = [plain(f"At the national level, {inputs.names.running} ")]
    for i, r in enumerate(records):
        if i:
            spans.append(plain(" and " if i == len(records) - 1 else ", "))
        v = r.values
        kind = str(v.get("kind"))
        verb = _INITIATIVE_VERBS.get(kind, "launched")
        description = _text(r, "description")
        date = v.get("initiative_date")
        when = f" {date_phrase(date)}" if date is not None else ""
        if kind == "campaign" and description:
            spans.append(plain(f"{verb} {description}{when}"))
            continue
        title = _text(r, "title")
        # what the State set up is new ("established an ... Centre"); what it adopted or launched is named
        spans += [plain(f"{verb} "), bold(with_a(title) if verb == "established" else with_the(title))]
        if description:
            spans.append(plain(f" {description}"))
        spans.append(plain(when))
    spans.append(plain("."))
    return [_item(*spans)]
