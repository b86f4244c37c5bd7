"""The stress generator: deterministic, realistic, every record valid, and the database still sound."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.stress_data import LAST_YEAR, PROPORTIONS, generate, record_count
from bench.stress_db import main as stress_main
from coopdesk.base.progress import Cancelled, Progress
from coopdesk.db.database import Database
from coopdesk.db.health import check_database
from coopdesk.db.opener import open_database
from coopdesk.note.builder import draft
from coopdesk.note.gaps import COMPLETE_CATALOGUE
from coopdesk.records.limits import CatalogueFacts, catalogue_problems
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.records.validation import parse_values
from coopdesk.records.vocabularies import CONSENT_TO_BE_BOUND

N = 2_000


@pytest.fixture(scope="module")
def stress_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("stress") / "stress.sqlite"
    db = open_database(path, create=True)
    generate(db, records=N, seed=7)
    db.dispose()
    return path


@pytest.fixture
def stress_db(stress_path: Path) -> Iterator[Database]:
    db = open_database(stress_path, read_only=True)
    yield db
    db.dispose()


def _dump(path: Path) -> list[tuple[object, ...]]:
    """Every row of every record table, in a stable order."""
    conn = sqlite3.connect(path)
    try:
        rows: list[tuple[object, ...]] = []
        for (table,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version' ORDER BY name"
        ):
            rows.extend((table, *r) for r in conn.execute(f"SELECT * FROM {table} ORDER BY 1"))
        return rows
    finally:
        conn.close()


def test_the_requested_number_of_records_of_every_type(stress_db: Database) -> None:
    service = RecordService(stress_db)
    counts = {name: service.count(name) for name in RECORD_TYPES}
    assert sum(counts.values()) == N == record_count(stress_db)
    assert all(counts[name] > 0 for name in RECORD_TYPES), counts
    # The realistic mix: treaty actions, reports, meetings and contributions make up most of it.
    big_four = counts["treaty_action"] + counts["reporting"] + counts["meeting_participation"]
    assert big_four + counts["contribution"] > 0.8 * N
    assert counts["treaty_action"] > counts["membership"] * 5


def test_all_193_member_states_have_records_and_some_are_busier(stress_db: Database) -> None:
    service = RecordService(stress_db)
    members = {str(c.key) for c in service.list("country") if c.get("member")}
    assert len(members) == 193
    by_country = service.counts_by_country()
    assert set(by_country) == members
    assert max(by_country.values()) >= 2 * min(by_country.values())


def test_every_record_passes_its_types_own_validation(stress_db: Database) -> None:
    """What a person could have typed: required fields, vocabularies, lengths, ranges, date order rules,
    and what the catalogue says (no ratification before its instrument was adopted)."""
    service = RecordService(stress_db)
    with stress_db.read() as session:
        facts = CatalogueFacts.load(session)
    impossible = []
    for name, rtype in RECORD_TYPES.items():
        for record in service.list(name):
            parse_values(rtype, record.values)  # raises ValidationFailed on any problem
            impossible += catalogue_problems(rtype, record.values, facts)
    assert impossible == []


def test_dates_of_every_precision_and_several_currencies(stress_db: Database) -> None:
    service = RecordService(stress_db)
    precisions = Counter(
        r["action_date"].precision
        for r in service.list("treaty_action")
        if isinstance(r["action_date"], PartialDate)
    )
    assert set(precisions) == {"year", "month", "day"}
    currencies = {r["amount"].currency for r in service.list("contribution")}
    assert {"USD", "EUR"} <= currencies
    assert len(currencies) >= 4


def test_catalogue_references_are_real_and_the_database_is_sound(stress_db: Database) -> None:
    report = check_database(stress_db)
    assert report.ok, report.lines()
    service = RecordService(stress_db)
    instruments = {k for k, _ in service.choices("instrument")}
    used = {r["instrument_code"] for r in service.list("treaty_action")}
    assert used <= instruments
    conventions = {k for k in instruments if not service.get("instrument", k).get("parent_code")}
    assert len(used & conventions) >= len(conventions) - 2  # spread over the catalogue, not one instrument
    meetings = {r["meeting_code"] for r in service.list("meeting_participation")}
    assert "CND-52" in {k for k, _ in service.choices("meeting")}
    assert len(meetings) > 50  # decades of real sessions, not only the seven of the 2009 note


def test_same_seed_same_database_other_seed_other_database(stress_path: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.sqlite"
    db = open_database(again, create=True)
    generate(db, records=N, seed=7)
    db.dispose()
    assert _dump(again) == _dump(stress_path)

    other = tmp_path / "other.sqlite"
    db = open_database(other, create=True)
    generate(db, records=N, seed=8)
    db.dispose()
    assert _dump(other) != _dump(stress_path)


def test_cancelling_leaves_the_database_without_records(db: Database) -> None:
    progress = Progress()
    seen: list[int] = []

    def cancel_midway(done: int, total: int, _message: str) -> None:
        seen.append(done)
        progress.cancel()

    progress = Progress(on_update=cancel_midway)
    with pytest.raises(Cancelled):
        generate(db, records=12_000, seed=1, progress=progress)
    assert seen  # it reported progress before stopping
    assert record_count(db) == 0


def test_bench_command_makes_a_stress_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cli.sqlite"
    assert stress_main(["--records", "500", "--db", str(path)]) == 0
    assert "500 records" in capsys.readouterr().out
    db = open_database(path, read_only=True)
    try:
        assert record_count(db) == 500
    finally:
        db.dispose()


def test_bench_command_refuses_a_database_that_already_has_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cli.sqlite"
    assert stress_main(["--records", "300", "--db", str(path)]) == 0
    capsys.readouterr()
    assert stress_main(["--records", "300", "--db", str(path)]) != 0
    err = capsys.readouterr().err
    assert "already holds 300 records" in err
    assert "Traceback" not in err
    db = open_database(path, read_only=True)
    try:
        assert record_count(db) == 300
    finally:
        db.dispose()


@pytest.mark.parametrize("bad", ["-5", "many"])
def test_bench_command_refuses_a_bad_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    path = tmp_path / "bad.sqlite"
    with pytest.raises(SystemExit) as exit_info:
        stress_main(["--records", bad, "--db", str(path)])
    assert exit_info.value.code != 0
    assert "records" in capsys.readouterr().err
    assert not path.exists()


def test_proportions_sum_to_one() -> None:
    assert sum(PROPORTIONS.values()) == pytest.approx(1.0)
    assert set(PROPORTIONS) == set(RECORD_TYPES)


def test_a_protocol_is_joined_only_after_its_convention(stress_db: Database) -> None:
    """A State must be a party to the Convention to become a party to one of its Protocols."""
    service = RecordService(stress_db)
    parents = {str(r.key): r.get("parent_code") for r in service.list("instrument") if r.get("parent_code")}
    consent: dict[tuple[str, str], PartialDate] = {}
    for r in service.list("treaty_action"):
        if r["action"] in CONSENT_TO_BE_BOUND:
            consent[(str(r.country), r["instrument_code"])] = r["action_date"]
    checked = 0
    for (country, code), date in consent.items():
        if code in parents:
            parent_date = consent.get((country, parents[code]))
            assert parent_date is not None, f"{country} joined {code} without {parents[code]}"
            assert parent_date <= date
            checked += 1
    assert checked > 0


def test_reports_on_a_convention_come_after_it(stress_db: Database) -> None:
    """The UNCAC checklist cannot have been answered before the Convention against Corruption (2003)."""
    service = RecordService(stress_db)
    cycles = [
        int(r["cycle"]) for r in service.list("reporting", where={"reporting_instrument_code": "UNCAC-SAC"})
    ]
    assert cycles
    assert min(cycles) >= 2006


def test_french_notes_for_all_193_member_states_need_no_english_name(stress_db: Database) -> None:
    """Every name a note on the generated data uses (States, instruments, bodies, the sessions the generator
    adds to the catalogue) has its French form: no draft warns that it printed an English one."""
    service = RecordService(stress_db)
    members = sorted(str(c.key) for c in service.list("country") if c.get("member"))
    assert len(members) == 193
    said_meetings = 0
    for iso3 in members:
        drafted = draft(stress_db, iso3, dt.date(LAST_YEAR, 12, 31), lang="fr")
        assert [str(w) for w in drafted.warnings if w.action == COMPLETE_CATALOGUE] == [], iso3
        text = drafted.document.plain_text()
        said_meetings += text.count(" session de la ") + text.count("réunion")
    assert said_meetings > 193  # the generated sessions and meetings are named, in French
