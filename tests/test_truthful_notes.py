"""What the records do not show, the note does not claim: on States made up for the test, not the demo.

An absence is printed only where the area was checked complete on or after the note's date; every record
is placed in time (its own dates, its cycle, the date of its source document) or left out and listed; a
status past its dates is not told as current; the note says its date; the draft lists what it left out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry
from coopdesk.db.opener import open_database
from coopdesk.note.builder import NoteDraft, draft
from coopdesk.note.gaps import ENTER_DATE, MARK_COMPLETE, UPDATE_STATUS
from coopdesk.records.completeness import Area, mark_complete
from coopdesk.records.organisation import save_profile
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import ServiceError
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.time_placement import period_start, place
from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision

NOTE_DATE = dt.date(2009, 10, 30)
CT_SET = "international counter-terrorism treaties"


@pytest.fixture
def service(db: Database) -> RecordService:
    """The test's own organisation, and two made-up States: Freedonia and Sylvania."""
    save_profile(db, {"name": "Office for Cooperation", "short_name": "OFC", "reference_prefix": "OC"})
    svc = RecordService(db, user="tester")
    for iso3, short, formal in (
        ("FRD", "Freedonia", "Republic of Freedonia"),
        ("SYL", "Sylvania", "Sylvania"),
    ):
        svc.create(
            "country",
            {"iso3": iso3, "short_name": short, "formal_name": formal, "regional_group": "African"},
        )
    return svc


def _note(db: Database, iso3: str, as_of: dt.date) -> NoteDraft:
    return draft(db, iso3, as_of)


def _text(db: Database, iso3: str, as_of: dt.date) -> str:
    return _note(db, iso3, as_of).document.plain_text()


def _ratify(service: RecordService, iso3: str, *codes: str, when: str = "2001") -> None:
    for code in codes:
        service.create(
            "treaty_action",
            {"instrument_code": code, "action": "ratification", "action_date": when},
            country=iso3,
        )


# --------------------------------------------------------------------------- an empty State


def test_a_state_with_no_records_gets_a_plain_note_and_every_silence_listed(
    db: Database, service: RecordService
) -> None:
    note = _note(db, "FRD", NOTE_DATE)
    text = note.document.plain_text()
    assert note.empty
    assert text.splitlines()[2:] == [
        "As of 30 October 2009",
        "No records for Freedonia as of 30 October 2009.",
    ]
    for negative in ("has not ratified", "does not belong", "not supporting any", "remaining"):
        assert negative not in text
    about = {w.subject: w for w in note.warnings}
    assert set(about) == {
        "International counter-terrorism treaties",
        "Legislative assistance",
        "Technical cooperation projects",
    }
    assert all(w.action == MARK_COMPLETE and "never checked complete" in w.reason for w in note.warnings)
    assert about["Legislative assistance"].area == Area.legislative_assistance()


# --------------------------------------------------------------------------- sets


def test_treaty_actions_without_a_check_give_only_what_was_ratified_and_a_warning(
    db: Database, service: RecordService
) -> None:
    _ratify(service, "FRD", "CT01", "CT02", "CT05")
    note = _note(db, "FRD", NOTE_DATE)
    text = note.document.plain_text()
    assert f"Freedonia has ratified the following 3 of the 16 {CT_SET}:" in text
    assert "Convention on Offences and Certain Other Acts Committed on Board Aircraft" in text
    assert "out of 16" not in text and "remaining" not in text and "has not ratified" not in text
    (warning,) = [w for w in note.warnings if w.area == Area.instrument_set("CT")]
    assert warning.action == MARK_COMPLETE
    assert "the 13 remaining" in warning.reason and "never checked complete" in warning.reason


def test_marking_the_set_complete_brings_the_negative_back(db: Database, service: RecordService) -> None:
    _ratify(service, "FRD", "CT01", "CT02", "CT05")
    added = mark_complete(db, ["FRD"], Area.instrument_set("CT"), NOTE_DATE, "UN Treaty Collection status")
    assert len(added) == 1
    note = _note(db, "FRD", NOTE_DATE)
    text = note.document.plain_text()
    assert f"Freedonia has ratified 3 out of 16 {CT_SET}. The remaining non-ratified treaties are" in text
    assert "Protocol of 2005 to the Convention for the Suppression of Unlawful Acts" in text
    assert not [w for w in note.warnings if w.area == Area.instrument_set("CT")]
    # with nothing ratified, the known absence is said in one sentence
    mark_complete(db, ["SYL"], Area.instrument_set("CT"), NOTE_DATE, "UN Treaty Collection status")
    assert f"Sylvania has not ratified any of the 16 {CT_SET}." in _text(db, "SYL", NOTE_DATE)


def test_a_check_dated_before_the_note_supports_no_negative(db: Database, service: RecordService) -> None:
    _ratify(service, "FRD", "CT01")
    mark_complete(
        db, ["FRD"], [Area.instrument_set("CT"), Area.projects()], "1 March 2008", "UN Treaty Collection"
    )
    later = _note(db, "FRD", NOTE_DATE)
    assert (
        "remaining" not in later.document.plain_text() and "not supporting" not in later.document.plain_text()
    )
    reasons = [w.reason for w in later.warnings if w.action == MARK_COMPLETE]
    assert any("last checked complete on 1 March 2008, before the note's date" in r for r in reasons)
    # a note as of the day of the check, or before it, may say it
    for as_of in (dt.date(2008, 3, 1), dt.date(2005, 6, 1)):
        text = _text(db, "FRD", as_of)
        assert "The remaining non-ratified treaties" in text
        assert "OFC is not supporting any ongoing technical cooperation project in Freedonia" in text
    # a check given as a month counts from its first day: it does not cover the rest of the month
    mark_complete(db, ["SYL"], Area.instrument_set("CT"), "March 2008", "UN Treaty Collection")
    assert "has not ratified any" in _text(db, "SYL", dt.date(2008, 3, 1))
    assert "has not ratified any" not in _text(db, "SYL", dt.date(2008, 3, 2))


def test_checks_of_each_instrument_of_the_set_count_as_a_check_of_the_set(
    db: Database, service: RecordService
) -> None:
    members = [f"CT{n:02d}" for n in range(1, 17)]
    mark_complete(
        db, ["FRD"], [Area.instrument(c) for c in members[:-1]], NOTE_DATE, "Depositary notifications"
    )
    assert "has not ratified any" not in _text(db, "FRD", NOTE_DATE)
    mark_complete(db, ["FRD"], Area.instrument(members[-1]), NOTE_DATE, "Depositary notifications")
    assert f"Freedonia has not ratified any of the 16 {CT_SET}." in _text(db, "FRD", NOTE_DATE)


# --------------------------------------------------------------------------- statuses against dates


def test_a_project_past_its_planned_end_is_not_told_as_ongoing(db: Database, service: RecordService) -> None:
    service.create(
        "project",
        {
            "code": "FRD/K07",
            "title": "Container control",
            "status": "implementation",
            "actual_start": "March 2012",
            "planned_end": "December 2014",
        },
        country="FRD",
    )
    mark_complete(db, ["FRD"], Area.projects(), dt.date.today(), "Programme records")  # even when checked
    during = _text(db, "FRD", dt.date(2013, 6, 1))
    assert "OFC is supporting the following technical cooperation project in Freedonia:" in during
    assert "FRD/K07: Container control (since March 2012; planned to end in December 2014)" in during
    for as_of in (dt.date(2016, 6, 1), dt.date(2030, 1, 1)):
        note = _note(db, "FRD", as_of)
        text = note.document.plain_text()
        assert "is supporting" not in text and "not supporting any" not in text
        assert "OFC supported the following technical cooperation project in Freedonia:" in text
        assert "FRD/K07: Container control (started in March 2012; planned to end in December 2014)" in text
        (stale,) = [w for w in note.warnings if w.action == UPDATE_STATUS]
        assert stale.subject == "Project FRD/K07"
        assert stale.reason.startswith("planned end passed; status not updated")
        assert stale.record is not None and stale.record[0] == "project"


def test_assistance_past_its_end_and_a_term_past_its_usual_length_are_not_told_as_current(
    db: Database, service: RecordService
) -> None:
    service.create(
        "legislative_assistance",
        {
            "area": "anti-money-laundering legislation",
            "kind": "review",
            "status": "ongoing",
            "start_date": "2006",
            "end_date": "2008",
        },
        country="FRD",
    )
    service.create(
        "membership", {"body_code": "CND", "role": "member", "term_start": "1 January 2004"}, country="FRD"
    )
    note = _note(db, "FRD", NOTE_DATE)
    text = note.document.plain_text()
    assert (
        "Freedonia received the assistance of OFC with the review of anti-money-laundering legislation"
        in text
    )
    assert "is receiving" not in text
    assert "Freedonia became a member of the Commission on Narcotic Drugs on 1 January 2004." in text
    assert "is a member" not in text
    problems = sorted(w.reason.split(" (")[0] for w in note.warnings if w.action == UPDATE_STATUS)
    assert problems == [
        "end date passed; status not updated",
        "term past its usual end; end not recorded",
    ]


def test_a_report_of_no_answer_is_told_only_where_the_reporting_was_checked(
    db: Database, service: RecordService
) -> None:
    service.create(
        "reporting",
        {"reporting_instrument_code": "ARQ", "completeness": "none", "cycle": "2008", "source_date": "2009"},
        country="FRD",
    )
    note = _note(db, "FRD", NOTE_DATE)
    assert "has not answered" not in note.document.plain_text()
    assert any(w.area == Area.reporting_instrument("ARQ") for w in note.warnings)
    mark_complete(db, ["FRD"], Area.reporting_instrument("ARQ"), NOTE_DATE, "ARQ submissions register")
    assert "Freedonia has not answered the Annual Reports Questionnaire (ARQ) for 2008" in _text(
        db, "FRD", NOTE_DATE
    )


# --------------------------------------------------------------------------- time placement


def test_a_report_is_placed_by_its_cycle(db: Database, service: RecordService) -> None:
    report = service.create(
        "reporting",
        {"reporting_instrument_code": "ARQ", "completeness": "full", "cycle": "2011"},
        country="FRD",
    )
    assert place(report).date == PartialDate(2011) and place(report).by == "cycle"
    assert "Annual Reports Questionnaire" not in _text(db, "FRD", dt.date(2005, 1, 1))
    assert "Annual Reports Questionnaire" not in _text(db, "FRD", dt.date(2010, 12, 31))
    assert "Freedonia answered the Annual Reports Questionnaire (ARQ) for 2011." in _text(
        db, "FRD", dt.date(2012, 6, 1)
    )
    # a source older than the cycle cannot place it earlier than the cycle
    service.update("reporting", report.key, {"source_date": "2009"}, expected_version=None)
    assert "Annual Reports Questionnaire" not in _text(db, "FRD", dt.date(2010, 6, 1))


def test_a_record_is_placed_by_the_date_of_its_source(db: Database, service: RecordService) -> None:
    service.create(
        "contribution",
        {
            "recipient_body_code": "ICAT",
            "amount": "5000",
            "amount_currency": "EUR",
            "kind": "payment",
            "source": "Note verbale of 12 March 2008",
            "source_date": "12 March 2008",
        },
        country="FRD",
    )
    assert "EUR 5,000" not in _text(db, "FRD", dt.date(2008, 3, 11))
    assert "Freedonia provided financial support (EUR 5,000) to the work of" in _text(
        db, "FRD", dt.date(2008, 3, 12)
    )
    # legislative assistance with only its end date is placed by that end, not shown before it
    service.create(
        "legislative_assistance",
        {
            "area": "counter-terrorism legislation",
            "kind": "drafting",
            "status": "law_adopted",
            "end_date": "2012",
        },
        country="FRD",
    )
    assert "counter-terrorism legislation" not in _text(db, "FRD", dt.date(2005, 1, 1))
    assert "Freedonia adopted counter-terrorism legislation with the assistance of OFC in 2012." in _text(
        db, "FRD", dt.date(2013, 1, 1)
    )


def test_a_record_that_cannot_be_placed_is_left_out_and_listed(db: Database, service: RecordService) -> None:
    undated = service.create(
        "national_initiative",
        {"title": "Anti-Drug Week", "kind": "campaign", "description": "an anti-drug week"},
        country="FRD",
    )
    assert not place(undated).placed
    for as_of in (dt.date(1995, 1, 1), NOTE_DATE, dt.date(2030, 1, 1)):
        note = _note(db, "FRD", as_of)
        assert "anti-drug week" not in note.document.plain_text()
        (warning,) = [w for w in note.warnings if w.action == ENTER_DATE]
        assert warning.subject == "Initiative “Anti-Drug Week”"
        assert warning.record == ("national_initiative", undated.key)
        assert "left out of every dated note" in warning.reason


def test_what_a_cycle_says_of_the_earliest_date() -> None:
    assert period_start("2011") == PartialDate(2011)
    assert period_start("2010-2011") == PartialDate(2011)
    assert period_start("cycle 2010/11") == PartialDate(2010)
    assert period_start("2nd cycle") is None
    assert period_start("") is None


# --------------------------------------------------------------------------- marking complete


def test_marking_complete_is_one_action_for_many_states_and_areas_in_the_history(
    db: Database, service: RecordService
) -> None:
    areas = [Area.instrument_set("CT"), Area.legislative_assistance(), Area.projects()]
    added = mark_complete(
        db, ["FRD", "SYL"], areas, "1 March 2013", "UN Treaty Collection status, 1 March 2013"
    )
    assert len(added) == 6
    assert {(r.country, r.values["area"]) for r in added} == {
        (c, a.kind) for c in ("FRD", "SYL") for a in areas
    }
    assert all(str(r.values["checked_on"]) == "1 March 2013" for r in added)
    with db.read() as session:
        logged = {
            h.record_id for h in session.query(HistoryEntry).filter_by(record_type="completeness_check")
        }
    assert logged == {r.key for r in added}
    # the same checks again add nothing
    assert mark_complete(db, ["FRD", "SYL"], areas, "1 March 2013", "UN Treaty Collection") == []


def test_marking_complete_refuses_what_it_cannot_record_and_changes_nothing(
    db: Database, service: RecordService
) -> None:
    def count() -> int:
        return service.count("completeness_check")

    with pytest.raises(ServiceError, match="Say what the records were checked against"):
        mark_complete(db, ["FRD"], Area.projects(), NOTE_DATE, "  ")
    with pytest.raises(ValidationFailed, match="cannot be after today"):
        mark_complete(db, ["FRD"], Area.projects(), dt.date.today() + dt.timedelta(days=2), "records")
    with pytest.raises(ValidationFailed, match="'XXX' is not a known country"):
        mark_complete(db, ["FRD", "XXX"], Area.projects(), NOTE_DATE, "records")  # FRD's check rolled back
    with pytest.raises(ValidationFailed, match="not in the catalogue"):
        mark_complete(db, ["FRD"], Area.instrument_set("NOPE"), NOTE_DATE, "records")
    with pytest.raises(ValueError, match="needs"):
        Area("instrument_set")
    assert count() == 0


def test_a_check_is_edited_like_any_record_and_its_subject_must_fit_its_area(
    db: Database, service: RecordService
) -> None:
    with pytest.raises(ValidationFailed, match="Body: is required for memberships of one body"):
        service.create(
            "completeness_check", {"area": "body", "checked_on": "2009", "source": "x"}, country="FRD"
        )
    with pytest.raises(ValidationFailed, match="Instrument set: does not go with legislative assistance"):
        service.create(
            "completeness_check",
            {
                "area": "legislative_assistance",
                "instrument_set_code": "CT",
                "checked_on": "2009",
                "source": "x",
            },
            country="FRD",
        )
    check = service.create(
        "completeness_check",
        {"area": "project", "checked_on": "1 March 2008", "source": "Programme records"},
        country="FRD",
    )
    assert "not supporting any" not in _text(db, "FRD", NOTE_DATE)
    service.update("completeness_check", check.key, {"checked_on": "1 November 2009"}, expected_version=None)
    assert "OFC is not supporting any ongoing technical cooperation project in Freedonia" in _text(
        db, "FRD", NOTE_DATE
    )


# --------------------------------------------------------------------------- the demo, and older databases


def test_the_demo_note_needs_no_warning_on_its_date_and_says_it(demo_db: Database) -> None:
    note = draft(demo_db, "BLR", NOTE_DATE)
    assert note.warnings == ()
    assert note.document.dateline == "As of 30 October 2009"
    stated = draft(demo_db, "BLR", dt.date(2009, 10, 1), PartialDate(2009, 10)).document
    assert stated.dateline == "As of October 2009"  # the date at its own precision


def test_a_database_from_before_the_checks_keeps_its_demo_facts_in_time(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0004")
    con = sqlite3.connect(path)
    con.execute(INSERT_BELARUS)
    con.execute(
        "INSERT INTO bodies (code, name, kind, description, notes, updated_by, version)"
        " VALUES ('ICAT', 'Inter-Agency Coordination Group', 'group', '', '', '', 1)"
    )
    for key, source in (
        ("demo", "UNODC letter EWCA/040/09 and note for the file, 30 October 2009"),
        ("own", "x"),
    ):
        con.execute(
            "INSERT INTO contributions (id, country_code, source, notes, created_at, updated_at, created_by,"
            " updated_by, version, recipient_body_code, recipient, amount_minor, amount_currency, kind, purpose,"
            " earmarking) VALUES (?, 'BLR', ?, '', '2009-10-30 00:00:00', '2009-10-30 00:00:00', 'a', 'a', 1,"
            " 'ICAT', '', 2000000, 'USD', 'payment', '', '')",
            (key, source),
        )
    con.commit()
    con.close()
    db = open_database(path)
    try:
        service = RecordService(db)
        assert service.get("contribution", "demo")["source_date"] == PartialDate(2009, 10, 30)
        assert service.get("contribution", "own")["source_date"] is None
        assert service.count("completeness_check") == 0
    finally:
        db.dispose()


def test_checks_go_out_in_the_workbook_and_come_back_in(demo_db: Database, tmp_path: Path) -> None:
    """A check is listed in the workbook, where a colleague marks the set checked again in 2015 and adds
    the same for France; imported back, the notes of 2015 follow."""
    import openpyxl

    from coopdesk.excel.export import export_workbook
    from coopdesk.excel.importer import apply_import, plan_import, read_workbook

    path = tmp_path / "checks.xlsx"
    export_workbook(demo_db, path)
    book = openpyxl.load_workbook(path)
    ws = book["Completeness checks"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert sorted(str(r[header.index("Area")]) for r in rows) == [
        "Legislative assistance",
        "Technical cooperation projects",
        "Treaty actions on a set of instruments",
    ]
    (ct_row,) = [i for i, r in enumerate(rows, start=2) if r[header.index("Instrument set")]]
    ws.cell(row=ct_row, column=header.index("Checked complete on") + 1, value=dt.datetime(2015, 2, 1))
    new = ws.max_row + 1
    for column, value in (
        ("Country", "FRA"),
        ("Area", "Treaty actions on a set of instruments"),
        ("Instrument set", "CT"),
        ("Checked complete on", dt.datetime(2015, 2, 1)),
        ("Source", "UN Treaty Collection status, 1 February 2015"),
    ):
        ws.cell(row=new, column=header.index(column) + 1, value=value)
    book.save(path)
    plan = plan_import(demo_db, read_workbook(path))
    assert plan.problems == [] and (plan.added, plan.changed) == (1, 1)
    apply_import(demo_db, plan)
    text = draft(demo_db, "BLR", dt.date(2015, 1, 1)).document.plain_text()
    assert "13 out of 19" in text and "The remaining non-ratified treaties" in text
    assert (
        "France has not ratified any of the 19 international counter-terrorism treaties."
        in draft(demo_db, "FRA", dt.date(2015, 1, 1), lang="en").document.plain_text()
    )
