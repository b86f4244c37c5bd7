"""Derived facts on the demo data: treaty status, "N out of M", membership tense, ongoing projects."""

from __future__ import annotations

import datetime as dt

from coopdesk.records.derived import (
    Tense,
    TreatyStatus,
    membership_tense,
    ongoing_projects,
    set_count,
    term_end,
    treaty_status,
)
from coopdesk.records.service import RecordService

OCT_2009 = dt.date(2009, 10, 30)


def _ct(service: RecordService, as_of: dt.date) -> tuple[int, int, list[str]]:
    count = set_count(
        service.list("treaty_action", country="BLR"), service.list("instrument_set_member"), "CT", as_of
    )
    titles = [service.get("instrument", code)["title"] for code in count.missing]
    return count.n, count.m, titles


def test_belarus_is_party_to_13_of_16_counter_terrorism_instruments_in_2009(
    demo_service: RecordService,
) -> None:
    n, m, missing = _ct(demo_service, OCT_2009)
    assert (n, m) == (13, 16)
    assert missing == [
        "Amendment to the Convention on the Physical Protection of Nuclear Material",
        "Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of Maritime "
        "Navigation",
        "Protocol of 2005 to the Protocol for the Suppression of Unlawful Acts against the Safety of Fixed Platforms "
        "Located on the Continental Shelf",
    ]


def test_the_set_grows_and_a_new_ratification_moves_the_count(demo_service: RecordService) -> None:
    assert _ct(demo_service, dt.date(2015, 1, 1))[:2] == (13, 19)
    demo_service.create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "ratification", "action_date": "2012"},
        country="BLR",
    )
    assert _ct(demo_service, OCT_2009)[:2] == (13, 16)  # dated after the as-of date: not there yet
    assert _ct(demo_service, dt.date(2015, 1, 1))[:2] == (14, 19)


def test_status_follows_the_actions_up_to_the_date(service: RecordService) -> None:
    for action, date in (
        ("signature", "2000-12-12"),
        ("ratification", "2003-06-25"),
        ("denunciation", "2020"),
    ):
        service.create(
            "treaty_action",
            {"instrument_code": "UNTOC", "action": action, "action_date": date},
            country="BLR",
        )
    actions = service.list("treaty_action", country="BLR")
    assert treaty_status(actions, "UNTOC", dt.date(1999, 1, 1)).status is TreatyStatus.NO_ACTION
    assert treaty_status(actions, "UNTOC", dt.date(2001, 1, 1)).status is TreatyStatus.SIGNATORY
    party = treaty_status(actions, "UNTOC", dt.date(2010, 1, 1))
    assert party.status is TreatyStatus.PARTY and str(party.date) == "25 June 2003"
    assert treaty_status(actions, "UNTOC", dt.date(2021, 1, 1)).status is TreatyStatus.WITHDRAWN


def test_membership_terms_are_future_then_current_then_past(demo_service: RecordService) -> None:
    terms = {m["body_code"]: m for m in demo_service.list("membership", country="BLR")}
    assert {b: membership_tense(m, OCT_2009) for b, m in terms.items()} == {
        "CND": Tense.FUTURE,
        "CCPCJ": Tense.FUTURE,
    }
    june_2010 = dt.date(2010, 6, 1)
    assert {b: membership_tense(m, june_2010) for b, m in terms.items()} == {
        "CND": Tense.CURRENT,
        "CCPCJ": Tense.CURRENT,
    }
    assert str(term_end(terms["CND"])) == "31 December 2013"
    assert str(term_end(terms["CCPCJ"])) == "31 December 2012"
    assert membership_tense(terms["CCPCJ"], dt.date(2013, 6, 1)) is Tense.PAST


def test_ongoing_projects(service: RecordService) -> None:
    assert ongoing_projects(service.list("project", country="BLR"), OCT_2009) == []
    p = service.create(
        "project",
        {"title": "Border", "status": "implementation", "actual_start": "2008", "actual_end": "June 2010"},
        country="BLR",
    )
    assert [r.key for r in ongoing_projects(service.list("project"), OCT_2009)] == [p.key]
    assert ongoing_projects(service.list("project"), dt.date(2010, 7, 1)) == []
    assert ongoing_projects(service.list("project"), dt.date(2007, 12, 31)) == []


def test_demo_holds_the_letter_and_the_facts(demo_service: RecordService) -> None:
    letter = demo_service.list("letter", country="BLR")[0]
    assert letter["reference"] == "EWCA/040/09"
    assert str(letter["letter_date"]) == "30 October 2009"
    assert "Ms. Navanethem Pillay" in letter["addressee"]
    assert letter["signatory_name"] == "Francis Maertens"
    contributions = demo_service.list("contribution", country="BLR")
    assert [(str(c["amount"]), c["recipient_body_code"]) for c in contributions] == [("USD 20,000", "ICAT")]
    uncac = demo_service.list("treaty_action", country="BLR", where={"instrument_code": "UNCAC"})[0]
    assert str(uncac["action_date"]) == "17 February 2005"
    report = demo_service.list("reporting", country="BLR", where={"reporting_instrument_code": "UNCAC-SAC"})[
        0
    ]
    assert str(report["submitted_date"]) == "15 November 2007"
    arq = demo_service.list("reporting", country="BLR", where={"reporting_instrument_code": "ARQ"})[0]
    assert arq["completeness"] == "partial"
    assert demo_service.count("legislative_assistance", country="BLR") == 0
    assert demo_service.count("project", country="BLR") == 0
