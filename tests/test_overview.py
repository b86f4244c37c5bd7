"""The country overview: what the page shows, computed as of a date from the demo records."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.db.database import Database
from coopdesk.records.overview import country_overview
from coopdesk.records.record import NotFound
from coopdesk.records.service import RecordService

NOTE_DATE = dt.date(2009, 10, 30)


def _set(overview, code):  # type: ignore[no-untyped-def]
    return next(s for s in overview.sets if s.code == code)


def test_counter_terrorism_set_is_13_out_of_16_with_the_missing_ones_named(demo_db: Database) -> None:
    overview = country_overview(demo_db, "BLR", NOTE_DATE)
    ct = _set(overview, "CT")
    assert str(ct) == "13 out of 16"
    assert [i.code for i in ct.missing] == ["CT14", "CT15", "CT16"]
    assert all(i.name for i in ct.missing)
    assert str(_set(overview, "CRIME")) == "5 out of 5" and _set(overview, "CRIME").complete


def test_the_set_grows_with_the_date(demo_db: Database) -> None:
    ct = _set(country_overview(demo_db, "BLR", dt.date(2015, 1, 1)), "CT")
    assert str(ct) == "13 out of 19"
    assert [i.code for i in ct.missing][-3:] == ["CT17", "CT18", "CT19"]


def test_memberships_are_upcoming_before_the_term_and_current_during_it(demo_db: Database) -> None:
    before = country_overview(demo_db, "BLR", NOTE_DATE)
    assert [m.body_code for m in before.current_memberships] == []
    assert sorted(m.body_code for m in before.upcoming_memberships) == ["CCPCJ", "CND"]
    cnd = next(m for m in before.upcoming_memberships if m.body_code == "CND")
    assert cnd.term_text == "1 January 2010 to 31 December 2013"
    assert cnd.body_name == "Commission on Narcotic Drugs"

    during = country_overview(demo_db, "BLR", dt.date(2010, 6, 1))
    assert sorted(m.body_code for m in during.current_memberships) == ["CCPCJ", "CND"]
    assert during.upcoming_memberships == []

    after = country_overview(demo_db, "BLR", dt.date(2014, 6, 1))
    assert [m.body_code for m in after.past_memberships] == ["CCPCJ", "CND"]


def test_a_membership_elected_after_the_date_is_not_known_yet(demo_db: Database) -> None:
    overview = country_overview(demo_db, "BLR", dt.date(2009, 1, 1))
    assert overview.upcoming_memberships == [] and overview.counts["membership"] == 0


def test_last_report_per_instrument_prefers_the_latest_submission(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    service.create(
        "reporting",
        {"reporting_instrument_code": "UNCAC-SAC", "completeness": "partial", "submitted_date": "March 2011"},
        country="BLR",
    )
    in_2009 = {
        r.reporting_instrument_code: r for r in country_overview(demo_db, "BLR", NOTE_DATE).last_reports
    }
    assert str(in_2009["UNCAC-SAC"].submitted) == "15 November 2007"
    assert in_2009["UNCAC-SAC"].completeness == "Full" and in_2009["UNCAC-SAC"].reports == 1
    assert in_2009["ARQ"].completeness == "Partial"
    in_2012 = {
        r.reporting_instrument_code: r
        for r in country_overview(demo_db, "BLR", dt.date(2012, 1, 1)).last_reports
    }
    assert str(in_2012["UNCAC-SAC"].submitted) == "March 2011"
    assert in_2012["UNCAC-SAC"].reports == 2


def test_contributions_are_totalled_per_year_and_currency(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    for amount, currency, date in (
        ("1,000", "EUR", "2008"),
        ("500.50", "EUR", "May 2008"),
        ("300", "USD", "2008"),
        ("999", "USD", "2010"),
    ):
        service.create(
            "contribution",
            {
                "recipient_body_code": "CND",
                "amount": amount,
                "amount_currency": currency,
                "contribution_date": date,
                "kind": "payment",
            },
            country="BLR",
        )
    totals = [
        (t.year, str(t.total), t.count) for t in country_overview(demo_db, "BLR", NOTE_DATE).contributions
    ]
    # The 2010 payment has not happened on the note's date; the undated demo payment always exists.
    assert totals == [(2008, "EUR 1,500.50", 2), (2008, "USD 300", 1), (None, "USD 20,000", 1)]


def test_ongoing_projects_and_counts_follow_the_date(demo_db: Database) -> None:
    service = RecordService(demo_db, "tester")
    service.create(
        "project",
        {"code": "BLRX12", "title": "Border control", "status": "implementation", "actual_start": "2010"},
        country="BLR",
    )
    assert country_overview(demo_db, "BLR", NOTE_DATE).projects == []
    later = country_overview(demo_db, "BLR", dt.date(2011, 1, 1))
    assert [(p.code, p.status) for p in later.projects] == [("BLRX12", "Implementation")]
    assert later.projects[0].span(later.as_of) == "since 2010"
    service.update("project", later.projects[0].key, {"planned_end": "June 2010"}, expected_version=None)
    overdue = country_overview(demo_db, "BLR", dt.date(2011, 1, 1)).projects[0]
    assert overdue.span(dt.date(2011, 1, 1)) == "since 2010, planned to end June 2010 (date passed)"
    assert overdue.span(dt.date(2010, 3, 1)) == "since 2010, planned to end June 2010"
    assert later.counts["project"] == 1
    assert country_overview(demo_db, "BLR", NOTE_DATE).counts["treaty_action"] == 18


def test_a_country_without_records_has_an_empty_overview(demo_db: Database) -> None:
    overview = country_overview(demo_db, "AUT", NOTE_DATE)
    assert overview.short_name == "Austria"
    assert overview.total_records == 0
    assert str(_set(overview, "CT")) == "0 out of 16"


def test_an_unknown_country_is_refused_in_plain_words(demo_db: Database) -> None:
    with pytest.raises(NotFound, match="no country with the code 'XYZ'"):
        country_overview(demo_db, "XYZ", NOTE_DATE)


def test_counts_as_of_a_date_in_sql_agree_with_the_records_visible_on_it(demo_db: Database) -> None:
    from coopdesk.records.derived import visible_on
    from coopdesk.records.types import RECORD_TYPES

    service = RecordService(demo_db, "tester")
    # Boundaries at every precision: a year, a month and a day, on and just after the as-of date.
    for date in ("2009", "October 2009", "30 October 2009", "31 October 2009", "November 2009", "2010"):
        service.create(
            "treaty_action",
            {"instrument_code": "CT14", "action": "signature", "action_date": date},
            country="BLR",
        )
    for day in (dt.date(2008, 12, 31), dt.date(2009, 10, 1), dt.date(2009, 10, 30), dt.date(2010, 1, 1)):
        expected = {name: len(visible_on(service.list(name, country="BLR"), day)) for name in RECORD_TYPES}
        counted = service.counts_for_country("BLR", as_of=day)
        assert {name: counted.get(name, 0) for name in RECORD_TYPES} == expected, day
    assert service.counts_for_country("BLR", as_of=dt.date(2009, 10, 30))["treaty_action"] == 18 + 3
