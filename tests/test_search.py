"""Global search in SQL: countries and records, through catalogue labels, every word must match."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from bench.stress_data import generate
from coopdesk.db import search_index
from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.records import search as search_module
from coopdesk.records.fields import Kind
from coopdesk.records.record import model_for
from coopdesk.records.search import CANDIDATE_LIMIT, SearchCancelled, SearchHit, search
from coopdesk.records.service import RecordService
from coopdesk.records.types import RECORD_TYPES
from coopdesk.safety.backup import make_backup
from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision


def test_countries_are_found_by_part_of_their_name(demo_db: Database) -> None:
    hits = [h for h in search(demo_db, "bel") if h.is_country]
    assert [h.title for h in hits] == ["Belarus", "Belgium", "Belize"]
    assert hits[0].key == "BLR"


def test_a_record_is_found_through_the_title_of_the_instrument_it_refers_to(demo_db: Database) -> None:
    hits = search(demo_db, "corruption")
    uncac = [h for h in hits if h.type == "treaty_action"]
    assert [h.title for h in uncac] == ["Ratification of Convention against Corruption"]  # named, not coded
    assert uncac[0].country == "BLR"
    assert "Belarus" in uncac[0].detail and "17 February 2005" in uncac[0].detail


def test_every_word_must_match(demo_db: Database) -> None:
    both = search(demo_db, "trafficking ratification")
    assert {h.title for h in both} == {
        "Ratification of Trafficking in Persons Protocol",
        "Ratification of Firearms Protocol",
    }
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


# --------------------------------------------------------------------------- the trigram index (SQLite)


def _like_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Search as without the index (PostgreSQL, an old SQLite): LIKE over every row."""
    monkeypatch.setattr(search_index, "indexed_tables", lambda _conn: set())


def _keys(hits: list[SearchHit]) -> set[tuple[str, str]]:
    return {(h.type, h.key) for h in hits}


def _candidates(db: Database, word: str) -> list[str]:
    """What the index of national initiatives holds for ``word``."""
    with db.read() as session:
        return search_index.candidates(session.connection(), ["national_initiatives"], word, 100)[
            "national_initiatives"
        ]


def test_every_record_table_is_indexed_after_the_migrations(demo_db: Database) -> None:
    with demo_db.read() as session:
        indexed = search_index.indexed_tables(session.connection())
    assert indexed == {model_for(rtype).__tablename__ for rtype in RECORD_TYPES.values()}  # type: ignore[attr-defined]


WORDS = [
    "b", "e", "%", "un", "be", "of", "ra",  # under 3 characters: no index
    "bel", "tra", "rat", "convention", "trafficking", "corruption", "belarus", "ratification",
    "UNODC", "Protocol", "2009", "zanzibar", "trafficking ratification", "un crime", "o'", "de-",
]  # fmt: skip


@pytest.mark.parametrize("limit", [CANDIDATE_LIMIT, 3])  # 3: common words go the LIKE way
def test_the_index_gives_the_same_hits_as_like_over_every_row(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    service = RecordService(demo_db, user="tester")
    service.create(
        "national_initiative",
        {
            "title": "Anti-trafficking plan",
            "kind": "strategy",
            "description": "Ratification of the UN convention",
        },
        country="FRA",
    )
    monkeypatch.setattr(search_module, "CANDIDATE_LIMIT", limit)
    indexed = {w: _keys(search(demo_db, w, per_type=10_000)) for w in WORDS}
    _like_only(monkeypatch)
    plain = {w: _keys(search(demo_db, w, per_type=10_000)) for w in WORDS}
    assert indexed == plain
    assert all(indexed[w] for w in ("be", "tra", "trafficking", "corruption", "belarus", "2009"))
    assert "national_initiative" in {t for t, _k in indexed["trafficking ratification"]}


def test_a_rare_word_is_found_in_every_text_field_of_every_record_type(db: Database) -> None:
    """Each text field is in its table's index: a word written only there is found."""
    generate(db, records=400, seed=3)
    expected: dict[str, tuple[str, str]] = {}
    with db.write() as session:
        for rtype in RECORD_TYPES.values():
            model = model_for(rtype)
            key = session.scalars(select(model.id).order_by(model.id).limit(1)).one()
            for f in rtype.fields:
                if f.kind not in (Kind.TEXT, Kind.LONGTEXT):
                    continue
                word = f"Qzv{rtype.name.replace('_', '')}{f.name.replace('_', '')}Jx"
                session.execute(update(model).where(model.id == key).values({f.name: f"see {word}."}))
                expected[word] = (rtype.name, key)
    for word, hit in expected.items():
        assert _keys(search(db, word.lower())) == {hit}, word


def test_common_and_rare_words_on_a_generated_database(db: Database) -> None:
    generate(db, records=2000, seed=5)
    service = RecordService(db, user="tester")
    rare = service.create(
        "legislative_assistance",
        {"area": "Printing law", "kind": "drafting", "details": "Support for the Xylograph unit"},
        country="BLR",
    )
    assert _keys(search(db, "xylograph")) == {("legislative_assistance", str(rare.key))}
    assert _keys(search(db, "XYLOGRAPH UNIT")) == {("legislative_assistance", str(rare.key))}
    common = search(db, "the", per_type=5)
    counts = {t: sum(1 for h in common if h.type == t) for t in {h.type for h in common}}
    assert len(counts) >= 5 and max(counts.values()) == 5


def test_an_edited_record_is_found_by_its_new_text_only(demo_db: Database) -> None:
    service = RecordService(demo_db, user="tester")
    record = service.create(
        "national_initiative", {"title": "Plan against smuggling", "kind": "strategy"}, country="FRA"
    )
    found = ("national_initiative", str(record.key))
    assert found in _keys(search(demo_db, "smuggling"))
    service.update("national_initiative", record.key, {"title": "Plan against piracy"}, expected_version=None)
    assert found not in _keys(search(demo_db, "smuggling"))
    assert found in _keys(search(demo_db, "piracy"))
    # the index forgot the old text (it does not keep growing with every edit)
    assert _candidates(demo_db, "smuggling") == []
    assert _candidates(demo_db, "piracy") == [str(record.key)]
    service.update(
        "national_initiative", record.key, {"notes": "Drafted with Wolfsburg experts"}, expected_version=None
    )
    assert found in _keys(search(demo_db, "wolfsburg piracy"))


def test_a_deleted_record_is_not_found(demo_db: Database) -> None:
    service = RecordService(demo_db, user="tester")
    record = service.create(
        "national_initiative", {"title": "Quokka protection law", "kind": "law"}, country="FRA"
    )
    assert _keys(search(demo_db, "quokka")) == {("national_initiative", str(record.key))}
    service.delete("national_initiative", record.key, expected_version=None)
    assert search(demo_db, "quokka") == []
    assert _candidates(demo_db, "quokka") == []
    with demo_db.write() as session:  # FTS5's own check: the index agrees with the text it holds
        session.execute(
            text("INSERT INTO fts_national_initiatives (fts_national_initiatives) VALUES ('integrity-check')")
        )
        counts = session.execute(
            text(
                "SELECT (SELECT count(*) FROM national_initiatives), (SELECT count(*) FROM fts_national_initiatives_keys),"
                " (SELECT count(*) FROM fts_national_initiatives)"
            )
        ).one()
    assert counts[0] == counts[1] == counts[2]


TRICKY = [
    'He said "no" twice',
    "a 50% share",
    "a 500 share",
    "file_name.txt",
    "filexname.txt",
    "<b>bold</b> & <i>more</i>",
    "NEAR(alpha beta) AND col:umn OR star* ^caret (paren) -minus",
    "back\\slash",
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ('"no"', ['He said "no" twice']),
        ('"no', ['He said "no" twice']),
        ("50%", ["a 50% share"]),
        ("%", ["a 50% share"]),
        ("0%", ["a 50% share"]),
        ("file_name", ["file_name.txt"]),
        ("e_n", ["file_name.txt"]),
        ("<b>bold</b>", ["<b>bold</b> & <i>more</i>"]),
        ("&", ["<b>bold</b> & <i>more</i>"]),
        ("near(alpha", [TRICKY[6]]),
        ("col:umn", [TRICKY[6]]),
        ("star*", [TRICKY[6]]),
        ("^caret", [TRICKY[6]]),
        ("(paren)", [TRICKY[6]]),
        ("-minus", [TRICKY[6]]),
        ("AND", [TRICKY[6]]),
        ("k\\s", ["back\\slash"]),
        ("*", [TRICKY[6]]),
        ('""', []),
        ("5_%", []),
    ],
)
def test_markup_quotes_and_wildcards_are_plain_characters(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, typed: str, expected: list[str]
) -> None:
    service = RecordService(demo_db, user="tester")
    titles = {}
    for title in TRICKY:
        key = service.create("national_initiative", {"title": title, "kind": "law"}, country="FRA").key
        titles[str(key)] = title
    found = sorted(titles[h.key] for h in search(demo_db, typed) if h.key in titles)
    assert found == sorted(expected)
    _like_only(monkeypatch)
    assert sorted(titles[h.key] for h in search(demo_db, typed) if h.key in titles) == found


def test_a_record_written_by_another_program_is_found_before_it_is_indexed(
    demo_db: Database, demo_db_path: Path
) -> None:
    con = sqlite3.connect(demo_db_path)
    con.execute(
        "UPDATE national_initiatives SET title = 'Pangolin act' WHERE id = (SELECT min(id) FROM national_initiatives)"
    )
    con.commit()
    key = con.execute("SELECT min(id) FROM national_initiatives").fetchone()[0]
    con.close()
    assert _keys(search(demo_db, "pangolin")) == {("national_initiative", key)}
    assert _candidates(demo_db, "pangolin") == [key]  # noted in the queue, not indexed yet
    RecordService(demo_db, user="tester").create(
        "national_initiative", {"title": "Something else", "kind": "law"}, country="FRA"
    )  # any write re-indexes what is noted
    with demo_db.read() as session:
        assert session.execute(text("SELECT count(*) FROM fts_queue")).scalar() == 0
    assert _keys(search(demo_db, "pangolin")) == {("national_initiative", key)}


def test_a_table_whose_triggers_are_gone_is_searched_without_its_index(demo_db: Database) -> None:
    """A later migration that copies a table drops its triggers: its stale index must not be used."""
    service = RecordService(demo_db, user="tester")
    record = service.create("national_initiative", {"title": "Old title", "kind": "law"}, country="FRA")
    with demo_db.write() as session:
        session.execute(text("DROP TRIGGER fts_national_initiatives_update"))
    service.update("national_initiative", record.key, {"title": "Gnarwhal title"}, expected_version=None)
    with demo_db.read() as session:
        assert "national_initiatives" not in search_index.indexed_tables(session.connection())
    assert _keys(search(demo_db, "gnarwhal")) == {("national_initiative", str(record.key))}


def test_a_database_from_before_the_index_is_indexed_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0002")
    con = sqlite3.connect(path)
    con.execute(INSERT_BELARUS)
    con.execute(
        "INSERT INTO national_initiatives (id, country_code, source, notes, created_at, updated_at, created_by,"
        " updated_by, version, title, kind, description) VALUES ('n1', 'BLR', '', 'kept', '2009-10-30 00:00:00',"
        " '2009-10-30 00:00:00', 'a', 'a', 1, 'Narcotics strategy', 'strategy', '')"
    )
    con.commit()
    con.close()
    db = open_database(path)
    try:
        with db.read() as session:
            assert "national_initiatives" in search_index.indexed_tables(session.connection())
            ids = search_index.candidates(session.connection(), ["national_initiatives"], "narcotics", 10)
        assert ids == {"national_initiatives": ["n1"]}
        assert _keys(search(db, "narcotics")) == {("national_initiative", "n1")}
    finally:
        db.dispose()


def test_a_backup_copy_keeps_a_working_index(demo_db: Database, demo_db_path: Path, tmp_path: Path) -> None:
    service = RecordService(demo_db, user="tester")
    record = service.create("national_initiative", {"title": "Okapi census", "kind": "law"}, country="FRA")
    copy = tmp_path / "copy.sqlite"
    make_backup(demo_db_path, copy)
    restored = open_database(copy)
    try:
        assert _keys(search(restored, "okapi")) == {("national_initiative", str(record.key))}
        RecordService(restored, user="tester").update(
            "national_initiative", record.key, {"title": "Ibex"}, expected_version=None
        )
        assert search(restored, "okapi") == []
        assert _keys(search(restored, "ibex")) == {("national_initiative", str(record.key))}
    finally:
        restored.dispose()


def test_a_cancelled_search_stops(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    generate(db, records=3000, seed=2)
    monkeypatch.setattr(search_module, "CANCEL_CHECK_STEPS", 100)  # asked often, even on this small database
    with pytest.raises(SearchCancelled):
        search(db, "anything", cancelled=lambda: True)
    asked: list[int] = []

    def after_the_first_question() -> bool:
        asked.append(1)
        return len(asked) > 1

    with pytest.raises(SearchCancelled):
        # the first question is before any query: a True from the second stops a running scan
        search(db, "zq", cancelled=after_the_first_question)
    assert search(db, "zq", cancelled=lambda: False) == []
