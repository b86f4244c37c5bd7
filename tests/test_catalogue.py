"""The shipped catalogue as loaded into a new database."""

from __future__ import annotations

import datetime as dt

from coopdesk.records.derived import set_members_on
from coopdesk.records.service import RecordService


def test_member_states_and_codes(service: RecordService) -> None:
    countries = service.list("country")
    members = [c for c in countries if c["member"]]
    assert len(members) == 193
    assert len({c.key for c in countries}) == len(countries)
    belarus = service.get("country", "BLR")
    assert (belarus["short_name"], belarus["formal_name"], belarus["regional_group"]) == (
        "Belarus",
        "Republic of Belarus",
        "Eastern European",
    )
    assert service.get("country", "NLD")["takes_the"] is True


def test_counter_terrorism_set_is_dated(service: RecordService) -> None:
    members = service.list("instrument_set_member")
    assert len(set_members_on(members, "CT", dt.date(2009, 10, 30))) == 16
    assert len(set_members_on(members, "CT", dt.date(2010, 9, 9))) == 16
    assert len(set_members_on(members, "CT", dt.date(2010, 9, 10))) == 18
    assert len(set_members_on(members, "CT", dt.date(2014, 4, 3))) == 18
    assert len(set_members_on(members, "CT", dt.date(2014, 4, 4))) == 19


def test_crime_and_drug_conventions(service: RecordService) -> None:
    untoc_protocols = service.list("instrument", where={"parent_code": "UNTOC"})
    assert sorted(p["short_title"] for p in untoc_protocols) == [
        "Firearms Protocol",
        "Smuggling of Migrants Protocol",
        "Trafficking in Persons Protocol",
    ]
    assert str(service.get("instrument", "UNCAC")["adopted_date"]) == "31 October 2003"
    assert len(set_members_on(service.list("instrument_set_member"), "DRUGS", dt.date.today())) == 4


def test_bodies_reporting_instruments_and_organisation(service: RecordService) -> None:
    assert service.get("body", "CND")["term_years"] == 4
    assert service.get("body", "CCPCJ")["members_count"] == 40
    assert service.get("reporting_instrument", "UNCAC-SAC")["instrument_code"] == "UNCAC"
    # a new database's organisation is the user's to fill in: nobody's name, prefix or signatory
    (org,) = service.list("organisation")
    assert [org[f] for f in ("name", "short_name", "reference_prefix", "signatory_name")] == ["", "", "", ""]
    assert org["reference_pattern"] == "{prefix}/{seq:03d}/{yy:02d}"


def test_the_demo_brings_its_own_organisation(demo_service: RecordService) -> None:
    (org,) = demo_service.list("organisation")
    assert org["reference_prefix"] == "EWCA"
    assert org["signatory_name"] == "Francis Maertens"
    assert org["motto"] == "Making the world safer from drugs, crime and terrorism"
