"""The country list's own queries (no ORM): the same States, counts and matches as the services give."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.records.country_directory import CountryDirectory
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES


def test_every_state_by_short_name(demo_service: RecordService) -> None:
    listed = CountryDirectory(demo_service.db).countries()
    expected = demo_service.list("country", sort="short_name")
    assert [(c.iso3, c.name) for c in listed] == [(str(r.key), r.get("short_name")) for r in expected]
    assert len(listed) == 195 and listed[0].name == "Afghanistan"


def test_record_counts_are_the_records_of_each_type_added_up(demo_service: RecordService) -> None:
    counts = CountryDirectory(demo_service.db).record_counts()
    belarus = sum(demo_service.count(name, country="BLR") for name in RECORD_TYPES)
    assert counts == {"BLR": belarus} and belarus == 36  # the demo records Belarus only


def test_the_filter_matches_the_code_the_names_and_the_regional_group(demo_service: RecordService) -> None:
    directory = CountryDirectory(demo_service.db)
    assert [c.iso3 for c in directory.countries("blr")] == ["BLR"]
    assert [c.name for c in directory.countries("  BELA ")] == ["Belarus"]
    assert "BOL" in {c.iso3 for c in directory.countries("plurinational")}  # formal name
    assert len(directory.countries("eastern european")) == 23  # the regional group
    assert directory.countries("no such state") == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=st.text(alphabet="abeilnorsu AÉ%_'()-", max_size=4))
def test_the_filter_finds_what_the_catalogue_search_finds(demo_service: RecordService, search: str) -> None:
    listed = CountryDirectory(demo_service.db).countries(search)
    found = demo_service.list("country", search=search or None, sort="short_name")
    assert [c.iso3 for c in listed] == [str(r.key) for r in found]


def test_the_table_names_are_the_models_tables() -> None:
    from coopdesk.db.models import RECORD_MODELS, Country
    from coopdesk.db.table_names import COUNTRY_TABLE, RECORD_TABLES

    assert Country.__tablename__ == COUNTRY_TABLE
    assert {name: model.__tablename__ for name, model in RECORD_MODELS.items()} == RECORD_TABLES  # type: ignore[attr-defined]
    assert set(RECORD_TABLES) == set(RECORD_TYPES)
