"""A status table against the records: every kind of difference, the problems that stop it, and nothing
written while comparing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.records.history import count_changes
from coopdesk.records.service import RecordService
from coopdesk.treaty_status.reading import read_pasted, read_status_file
from coopdesk.treaty_status.reconcile import Difference, DiffKind, Reconciliation, Step, reconcile
from coopdesk.treaty_status.table import TableRefused

DATA = Path(__file__).parent / "data" / "treaty_status"
HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"
NOV_2024 = dt.date(2024, 11, 21)


def kinds(result: Reconciliation, country: str) -> dict[Step, DiffKind]:
    return {d.step: d.kind for d in result.differences if d.country == country}


def only(result: Reconciliation, country: str, step: Step) -> Difference:
    (found,) = [d for d in result.differences if d.country == country and d.step is step]
    return found


def add(service: RecordService, country: str, action: str, date: str, instrument: str = "UNTOC") -> None:
    service.create(
        "treaty_action",
        {"instrument_code": instrument, "action": action, "action_date": date},
        country=country,
    )


@pytest.mark.parametrize("name", ["untoc-pasted.txt", "untoc-status.html", "untoc.csv"])
def test_each_form_of_the_table_gives_the_same_differences(demo_db: Database, name: str) -> None:
    table = read_status_file(DATA / name)
    result = reconcile(demo_db, "UNTOC", table, None if table.status_as_at else NOV_2024)
    assert result.ok and result.as_of == NOV_2024
    assert result.count(DiffKind.ADD) == 23
    assert result.count(DiffKind.SAME) == 1
    assert result.count(DiffKind.NOT_IN_CATALOGUE) == 4  # Cook Islands, Niue, the European Union twice
    assert result.count(DiffKind.CONFLICT) == result.count(DiffKind.ONLY_IN_RECORDS) == 0
    # Belarus (demo data): ratified on the table's date; its signature is not in the records
    assert kinds(result, "BLR") == {Step.SIGNATURE: DiffKind.ADD, Step.CONSENT: DiffKind.SAME}
    # the depositary's names found in the catalogue, older ones through the list of other names
    matched = {d.country for d in result.differences if d.country}
    assert {"BOL", "CZE", "TUR", "CIV", "MDA", "NLD", "VAT", "PSE", "MNE", "SRB"} <= matched
    listed = {d.name for d in result.differences if d.kind is DiffKind.NOT_IN_CATALOGUE}
    assert listed == {"Cook Islands", "Niue", "European Union"}
    iran = only(result, "IRN", Step.SIGNATURE)
    assert iran.signature_only and iran.kind is DiffKind.ADD and result.signature_only_count == 1
    assert only(result, "MNE", Step.CONSENT).table is not None
    assert only(result, "MNE", Step.CONSENT).table.action == "succession"  # type: ignore[union-attr]


def test_comparing_writes_nothing(demo_db: Database) -> None:
    before = count_changes(demo_db)
    reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc-pasted.txt"))
    assert count_changes(demo_db) == before
    assert RecordService(demo_db).count("treaty_action", where={"instrument_code": "UNTOC"}) == 1


def test_conflicts_are_shown_side_by_side(demo_service: RecordService) -> None:
    db = demo_service.db
    add(demo_service, "AFG", "signature", "2000-12-15")  # another day
    add(demo_service, "AFG", "ratification", "2003")  # the year only
    add(demo_service, "CZE", "accession", "2013-09-24")  # another action on the same day
    add(demo_service, "JPN", "ratification", "2017-07-12")  # another action and another day
    result = reconcile(db, "UNTOC", read_status_file(DATA / "untoc-pasted.txt"))
    signature = only(result, "AFG", Step.SIGNATURE)
    assert signature.kind is DiffKind.CONFLICT and signature.note == "another date"
    assert (signature.table_text(), signature.records_text()) == (
        "Signature, 14 December 2000",
        "Signature, 15 December 2000",
    )
    assert only(result, "AFG", Step.CONSENT).note == "the table gives the day"
    assert only(result, "CZE", Step.CONSENT).note == "another action on the same day"
    assert only(result, "JPN", Step.CONSENT).note == "another action and date"
    assert all(not d.taken_by_default for d in result.differences if d.kind is DiffKind.CONFLICT)
    assert result.count(DiffKind.CONFLICT) == 4


def test_what_only_the_records_show_is_flagged(demo_service: RecordService) -> None:
    add(demo_service, "FRA", "signature", "2000-12-12")  # France is not in the test table
    add(demo_service, "FRA", "approval", "2002-10-29")
    add(demo_service, "IRN", "ratification", "2010-01-01")  # the table shows Iran's signature only
    add(demo_service, "DEU", "ratification", "2025-06-01")  # after the table's date: cannot be in it
    add(demo_service, "BLR", "ratification", "2003-06-25")  # Belarus's ratification recorded twice
    result = reconcile(demo_service.db, "UNTOC", read_status_file(DATA / "untoc-pasted.txt"))
    assert kinds(result, "FRA") == {
        Step.SIGNATURE: DiffKind.ONLY_IN_RECORDS,
        Step.CONSENT: DiffKind.ONLY_IN_RECORDS,
    }
    assert only(result, "IRN", Step.CONSENT).kind is DiffKind.ONLY_IN_RECORDS
    assert kinds(result, "DEU") == {}
    twice = [d for d in result.differences if d.country == "BLR" and d.step is Step.CONSENT]
    assert sorted((d.kind, d.note) for d in twice) == [
        (DiffKind.ONLY_IN_RECORDS, "recorded twice"),
        (DiffKind.SAME, ""),
    ]
    assert not any(d.can_take for d in result.differences if d.kind is DiffKind.ONLY_IN_RECORDS)


def test_a_withdrawal_the_table_shows(demo_service: RecordService) -> None:
    table = read_pasted(
        f"Status as at : 01-03-2025\n{HEADER}\n[Nicaragua]3\t14 Dec 2000\t9 Sep 2002\n[Peru]\t14 Dec 2000\t23 Jan 2002\n"
    )
    add(demo_service, "PER", "denunciation", "2020-05-04")
    result = reconcile(demo_service.db, "UNTOC", table)
    assert only(result, "NIC", Step.WITHDRAWAL).kind is DiffKind.WITHDRAWAL
    assert not only(result, "NIC", Step.WITHDRAWAL).can_take  # its date is in a footnote
    assert only(result, "PER", Step.WITHDRAWAL).kind is DiffKind.SAME
    # a denunciation the table does not show
    add(demo_service, "BLR", "denunciation", "2020-01-01")
    result = reconcile(demo_service.db, "UNTOC", read_status_file(DATA / "untoc-pasted.txt"))
    assert only(result, "BLR", Step.WITHDRAWAL).kind is DiffKind.ONLY_IN_RECORDS


def test_a_consent_before_a_denunciation_is_history_the_table_no_longer_shows(
    demo_service: RecordService,
) -> None:
    add(demo_service, "PER", "ratification", "2002-01-23")
    add(demo_service, "PER", "denunciation", "2010-01-01")
    table = read_pasted(f"Status as at : 01-03-2025\n{HEADER}\nPeru\t14 Dec 2000\t5 May 2015 a\n")
    result = reconcile(demo_service.db, "UNTOC", table)
    assert kinds(result, "PER") == {Step.SIGNATURE: DiffKind.ADD, Step.CONSENT: DiffKind.ADD}


def test_problems_stop_the_table_and_say_where(demo_db: Database) -> None:
    table = read_pasted(
        "Status as at : 21-11-2024 05:00:12 EDT\n"
        f"{HEADER}\n"
        "Czechia\t12 Dec 2000\t24 Sep 2013\n"  # line 3
        "Czech Republic\t12 Dec 2000\t24 Sep 2013\n"  # line 4: the same State under its former name
        "Narnia\t12 Dec 2000\t1 Jan 2005\n"  # line 5: nobody knows it
        "Peru\t14 Dec 2000\t23 Jan 2025\n"  # line 6: after the table's date
        "Chile\t13 Dec 2000\t29 Nov 20O4\n"  # line 7: a letter O in the year
    )
    result = reconcile(demo_db, "UNTOC", table)
    assert not result.ok
    assert [str(p) for p in result.problems] == [
        "line 4: 'Czech Republic' is the same State as 'Czechia' (line 3): the table names it twice",
        "line 5: 'Narnia' is not a State of the catalogue, nor a name coopdesk knows for one: correct the "
        "name, or add the State to the catalogue",
        "line 6: Peru: 23 Jan 2025 is after the table's date (21 Nov 2024)",
        "line 7: Chile: '29 Nov 20O4' is not a date as the depositary writes them (such as '25 Jun 2003 a')",
    ]
    assert result.headline().endswith("4 problems to fix first; nothing can be applied.")


def test_a_table_of_another_treaty_is_recognised(demo_db: Database) -> None:
    page = read_status_file(DATA / "untoc-status.html")
    result = reconcile(demo_db, "UNTOC-SOM", page)
    assert str(result.problems[0]) == (
        "The page is the status of the Organized Crime Convention, not of the Smuggling of Migrants "
        "Protocol: choose that instrument, or bring in the table of this one."
    )
    assert result.guessed_instrument == "UNTOC"
    # pasted without its title: dates from before the treaty existed give it away
    pasted = read_status_file(DATA / "untoc.csv")
    late = reconcile(demo_db, "UNCAC", pasted, NOV_2024)
    assert [str(p) for p in late.problems] == [
        "16 dates of the table are before the Convention against Corruption was adopted (31 October 2003), "
        "the first at line 2 (Afghanistan, 14 Dec 2000): is it the table of another treaty?"
    ]


def test_the_guess_names_a_protocol_before_the_convention_it_supplements() -> None:
    from coopdesk.treaty_status.guess import guess_instrument

    instruments = [
        ("UNTOC", "United Nations Convention against Transnational Organized Crime"),
        ("UNTOC-SOM", "Protocol against the Smuggling of Migrants by Land, Sea and Air"),
        ("DC1961", "Single Convention on Narcotic Drugs, 1961"),
        ("DC1972", "Protocol amending the Single Convention on Narcotic Drugs, 1961"),
    ]
    page = (
        "12. b Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the "
        "United Nations Convention against Transnational Organized Crime"
    )
    assert guess_instrument(page, instruments) == "UNTOC-SOM"
    assert guess_instrument(
        "Protocol amending the Single Convention on Narcotic Drugs, 1961", instruments
    ) == ("DC1972")
    assert guess_instrument("Status of treaties", instruments) is None


def test_without_a_date_the_table_cannot_be_compared(demo_db: Database) -> None:
    with pytest.raises(TableRefused, match="does not say which day"):
        reconcile(demo_db, "UNTOC", read_status_file(DATA / "untoc.csv"))


def test_a_conflict_that_would_put_the_date_of_effect_first_is_left_to_the_officer(
    demo_service: RecordService,
) -> None:
    demo_service.create(
        "treaty_action",
        {
            "instrument_code": "UNTOC",
            "action": "ratification",
            "action_date": "2003-01-10",
            "effect_date": "2003-02-09",
        },
        country="AFG",
    )
    result = reconcile(demo_service.db, "UNTOC", read_status_file(DATA / "untoc-pasted.txt"))
    conflict = only(result, "AFG", Step.CONSENT)
    assert conflict.kind is DiffKind.CONFLICT and not conflict.can_take
    assert conflict.note == (
        "another date; the record's date of effect (9 February 2003) is before the table's date: "
        "correct the record by hand"
    )
