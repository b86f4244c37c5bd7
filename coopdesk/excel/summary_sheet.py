"""The Summary sheet: one row per State with its counts of records, "N out of M" for each instrument set,
its active memberships and its contributions by currency, all worked out on the export's date.

The sheet is written from the rows the export read (``export.ExportData``), not from ``Record`` objects, which
would cost seconds on 100,000 records; the rules are ``coopdesk.records.derived``'s, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from operator import itemgetter
from typing import Any

from coopdesk.excel import look, pages
from coopdesk.excel.book import BookWriter, ExportData
from coopdesk.excel.cells import minor_scale
from coopdesk.excel.sheets import SUMMARY_SHEET
from coopdesk.records import derived
from coopdesk.records.completeness import Completeness
from coopdesk.records.fields import Kind
from coopdesk.records.record import Record
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.vocabularies import ENDS_PARTICIPATION


def amount_text(minor: int, currency: str) -> str:
    """An amount as its number format shows it: "USD 20,000.00"."""
    scale = minor_scale(currency)
    decimals = len(str(scale)) - 1
    return f"{currency} {minor / scale:,.{decimals}f}"


def write_summary(writer: BookWriter, data: ExportData, as_of: dt.date) -> None:
    """The Summary sheet: one row per State, worked out on ``as_of``; read-only."""
    ws = writer.book.add_worksheet(SUMMARY_SHEET)
    sets = sorted(data.catalogue["instrument_set"], key=lambda r: str(r.key))
    members = data.catalogue["instrument_set_member"]
    order = {str(r.key): int(r.values.get("position") or 0) for r in data.catalogue["instrument"]}
    counts = {
        name: Counter(map(itemgetter(data.columns[name]["country_code"]), rows))
        for name, rows in data.records.items()
    }
    actions = _treaty_actions(data)
    # Which instruments each set holds on the date, in the catalogue's order, does not depend on the
    # country: worked out once.
    set_members = {
        str(s.key): sorted(derived.set_members_on(members, str(s.key), as_of), key=lambda c: order.get(c, 0))
        for s in sets
    }
    memberships: dict[str, list[Record]] = defaultdict(list)
    for record in _light_records("membership", ("term_start", "term_end", "term_years"), data):
        memberships[record.country or ""].append(record)
    checks: dict[str, list[Record]] = defaultdict(list)
    fields = ("area", "instrument_set_code", "instrument_code", "checked_on", "source")
    for record in _light_records("completeness_check", fields, data):
        checks[record.country or ""].append(record)
    totals, currencies = _contribution_totals(data, as_of)

    when = f"{as_of.day} {as_of:%B %Y}"
    headers = (
        ["Country", "ISO code"]
        + [t.plural for t in RECORD_TYPES.values()]
        + [f"{s.values['name']} on {when}" for s in sets]
        + [f"Active memberships on {when}"]
        + [f"Contributions in {c}" for c in currencies]
    )
    first_set = 2 + len(RECORD_TYPES)
    # The counts' headers run upwards, so their columns stay as narrow as their numbers and the sheet
    # prints on one page across.
    upright = {*range(2, first_set), first_set + len(sets)}
    for col, text in enumerate(headers):
        ws.write_string(0, col, text, writer.header_up if col in upright else writer.header)
    shown: list[list[str]] = [[] for _ in headers]  # each column's values as the sheet shows them
    for r, code in enumerate(data.countries, start=1):
        line: list[Any] = [data.country_names.get(code, code), code]
        line += [counts[name][code] for name in RECORD_TYPES]
        line += _set_counts(actions.get(code, {}), set_members, as_of, checks.get(code, []))
        line.append(
            sum(
                1
                for m in derived.visible_on(memberships.get(code, []), as_of)
                if derived.membership_tense(m, as_of) is derived.Tense.CURRENT
            )
        )
        for col, value in enumerate(line):
            if isinstance(value, int):
                ws.write_number(r, col, value, None)
            else:  # a name, or "13 out of 16"
                ws.write_string(r, col, value, writer.centred if col >= first_set else None)
            shown[col].append(str(value))
        for i, currency in enumerate(currencies, start=len(line)):
            if (code, currency) in totals:
                minor = totals[code, currency]
                # exact integers: correctly rounded
                ws.write_number(r, i, minor / minor_scale(currency), writer.money_format(currency))
                shown[i].append(amount_text(minor, currency))
    widths, height = _header_layout(headers, [look.widest(texts) for texts in shown], upright)
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.set_row(0, height)
    ws.autofilter(0, 0, max(len(data.countries), 1), len(headers) - 1)
    ws.freeze_panes(1, 1)
    pages.set_up_printing(
        ws, widths, scope=f"{data.scope}, on {when}", first_column_repeated=True, centred=True
    )
    pages.mark_read_only(ws, _SUMMARY_NOTE)
    ws.activate()


_TURNED_MIN_PIXELS = 120  # the header row is at least this tall: a turned header wraps on fewer lines
_LINE_UNITS = look.ROW_POINTS * 4 / 3 / look.DIGIT_PIXELS  # one line of turned text, in width units


def _header_layout(headers: list[str], content: list[float], turned: set[int]) -> tuple[list[float], float]:
    """Column widths and the header row's height (points): turned headers wrap along the row's height,
    each needing a line's width per line; the others wrap across their column, widened until their lines
    fit the height. No header word is cut."""
    longest = max((look.text_pixels(w, bold=True) for i in turned for w in headers[i].split()), default=0)
    along = look.units_for(max(longest + 12, _TURNED_MIN_PIXELS))
    lines = {i: look.wrapped(headers[i], along, bold=True) for i in turned}
    # As tall as the longest turned line, with room left so it does not touch the cell's edge.
    tallest = max((look.text_pixels(line, bold=True) for i in turned for line in lines[i]), default=0)
    height_px = max(tallest + 16, _TURNED_MIN_PIXELS)
    rows_fit = int(height_px * 72 / 96 // look.ROW_POINTS)
    widths = []
    for i, header in enumerate(headers):
        if i in turned:
            width = max(content[i], len(lines[i]) * _LINE_UNITS + 1)
        else:
            width = max(content[i], look.longest_word(header, bold=True), 5.0)
            while look.lines_in(header, width, bold=True) > rows_fit:
                width += 1
        widths.append(round(width, 1))
    return widths, round(height_px * 72 / 96, 2)


_SUMMARY_NOTE = (
    "Worked out from the records when the workbook was exported: counts, treaties out of each set, "
    "memberships and totals on the date in the headers. It is not imported; edit the records' sheets."
)


def _set_counts(
    actions: dict[str, list[derived.TreatyStep]],
    set_members: dict[str, list[str]],
    as_of: dt.date,
    checks: list[Record] | None = None,
) -> list[str]:
    """One country's "N out of M" for each set (its instruments on the date, in order), as
    ``derived.set_count`` gives them; "N of M recorded, not checked complete" where the set's treaty
    actions are not known complete on the date (the rest may only be unrecorded).

    Its status on each instrument is worked out once, from that instrument's actions alone (the others
    cannot change it), instead of scanning all its actions for each instrument of each set.
    """
    status: dict[str, derived.TreatyStatus] = {}
    completeness = Completeness(checks or [])
    texts = []
    for set_code, codes in set_members.items():
        for c in codes:
            if c not in status:
                status[c] = derived.status_from_steps(actions.get(c, ()), as_of).status
        parties = [c for c in codes if status[c] is derived.TreatyStatus.PARTY]
        missing = [c for c in codes if c not in parties]
        count = derived.SetCount(set_code, codes, parties, missing)
        if missing and completeness.set_covering(set_code, codes, as_of) is None:
            texts.append(f"{count.n} of {count.m} recorded, not checked complete")
        else:
            texts.append(str(count))
    return texts


def _treaty_actions(data: ExportData) -> dict[str, dict[str, list[derived.TreatyStep]]]:
    """Each country's treaty actions on each instrument as (action, date), in stored order, as
    ``derived.status_from_steps`` reads them."""
    at = data.columns["treaty_action"]
    i_country, i_instrument, i_action, i_date, i_effect = (
        at["country_code"],
        at["instrument_code"],
        at["action"],
        at["action_date"],
        at["effect_date"],
    )
    rows = data.records["treaty_action"]
    date = data.dates_of(map(itemgetter(i_date), rows), map(itemgetter(i_effect), rows)).get
    ending = ENDS_PARTICIPATION
    result: dict[str, dict[str, list[derived.TreatyStep]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        action = row[i_action]
        stored = row[i_effect] if action in ending and row[i_effect] else row[i_date]  # as derived.step_of
        result[row[i_country]][row[i_instrument]].append((action, date(stored)))
    return result


def _contribution_totals(data: ExportData, as_of: dt.date) -> tuple[dict[tuple[str, str], int], list[str]]:
    """The minor units contributed by each country in each currency up to ``as_of``, and every currency."""
    rtype = RECORD_TYPES["contribution"]
    at = data.columns["contribution"]
    minor_col, currency_col = rtype.field("amount").columns
    i_country, i_minor, i_currency = at["country_code"], at[minor_col], at[currency_col]
    i_date = at[rtype.date_field] if rtype.date_field else None
    rows = data.records["contribution"]
    dates = data.dates_of(map(itemgetter(i_date), rows)) if i_date is not None else {}
    happened: dict[str | None, bool] = {}  # stored date -> whether it happened by as_of, asked once each
    totals: dict[tuple[str, str], int] = defaultdict(int)
    currencies: set[str] = set()
    for row in rows:
        minor, currency = row[i_minor], row[i_currency]
        if minor is None or not currency:
            continue
        currencies.add(currency)
        stored = None if i_date is None else row[i_date]
        by = happened.get(stored)
        if by is None:
            by = happened[stored] = derived.happened_by(dates.get(stored) if stored else None, as_of)
        if by:
            totals[row[i_country], currency] += minor
    return totals, sorted(currencies)


def _light_records(name: str, fields: tuple[str, ...], data: ExportData) -> list[Record]:
    """Records holding only the named fields, enough for ``coopdesk.records.derived`` and much cheaper to build."""
    rtype = RECORD_TYPES[name]
    at = data.columns[name]
    wanted = [rtype.field(n) for n in fields]
    records = []
    for row in data.records[name]:
        values: dict[str, Any] = {}
        for f in wanted:
            if f.kind is Kind.PDATE:
                stored = row[at[f.name]]
                values[f.name] = data.date(stored) if stored else None
            else:
                values[f.name] = row[at[f.name]]
        records.append(Record(name, row[at["id"]], values, country=row[at["country_code"]]))
    return records
