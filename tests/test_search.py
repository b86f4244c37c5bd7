"""Global search in SQL: countries and records, through catalogue labels, every word must match."""

from __future__ import annotations

from coopdesk.db.database import Database
from coopdesk.search import search
from coopdesk.services import RecordService


def test_countries_are_found_by_part_of_their_name(demo_db: Database) -> None:
    hits = [h for h in search(demo_db, "bel") if h.is_country]
    assert [h.title for h in hits] == ["Belarus", "Belgium", "Belize"]
    assert hits[0].key == "BLR"


def test_a_record_is_found_through_the_title_of_the_instrument_it_refers_to(demo_db: Database) -> None:
    hits = search(demo_db, "corruption")
    uncac = [h for h in hits if h.type == "treaty_action"]
    assert [h.title for h in uncac] == ["Ratification of UNCAC"]
    assert uncac[0].country == "BLR"
    assert "Belarus" in uncac[0].detail and "17 February 2005" in uncac[0].detail


def test_every_word_must_match(demo_db: Database) -> None:
    both = search(demo_db, "trafficking ratification")
    assert {h.title for h in both} == {"Ratification of UNTOC-TIP", "Ratification of UNTOC-FIR"}
    assert search(demo_db, "trafficking zanzibar") == []


def test_wildcards_typed_by_the_user_are_plain_characters(demo_db: Database) -> None:
    assert search(demo_db, "%") == []
    assert search(demo_db, "_") == []
    assert search(demo_db, "   ") == []


def test_search_sees_new_records_and_keeps_to_the_limit(demo_db: Database) -> None:
    service = RecordService(demo_db, user="tester")
    for i in range(5):
        service.create(
            "national_initiative", {"title": f"Zebra campaign {i}", "kind": "campaign"}, country="FRA"
        )
    hits = search(demo_db, "zebra", per_type=3)
    assert len(hits) == 3
    assert all(h.country == "FRA" for h in hits)
