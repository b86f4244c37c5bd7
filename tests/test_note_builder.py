"""The country note drafted from the demo records states every fact of the reference note of 2009."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from coopdesk.db.database import Database
from coopdesk.note.builder import (
    build_note,
    draft_note,
    letter_content,
    letterhead,
    load_note_inputs,
)
from coopdesk.note.model import BulletList, NoteDocument
from coopdesk.note.wording import with_a
from coopdesk.records.completeness import Area, mark_complete
from coopdesk.records.organisation import save_profile
from coopdesk.records.record import NotFound
from coopdesk.records.service import RecordService

NOTE_DATE = dt.date(2009, 10, 30)

#: Every fact of the reference note of 30 October 2009, as a reader would look for it.
REFERENCE_FACTS = (
    # memberships
    "Commission on Narcotic Drugs",
    "Commission on Crime Prevention and Criminal Justice",
    "May 2009",
    "1 January 2010",
    "4 years",
    "3 years",
    # conventions and their reporting
    "United Nations Convention against Corruption",
    "17 February 2005",
    "reported (through the designated tool, UNCAC self-assessment checklist) on efforts to implement the Convention",
    "15 November 2007",
    "United Nations Convention against Transnational Organized Crime",
    "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children",
    "Protocol against the Smuggling of Migrants",
    "Protocol against the Illicit Manufacturing of and Trafficking in Firearms",
    "25 June 2003",
    "6 October 2004",
    "questionnaires and checklists on the implementation",
    # meetings
    "4th session of the Conference of the Parties",
    "8-17 October 2008",
    "Working Groups held in 2009",
    # global report
    "Global Report on Trafficking in Persons – UN.GIFT study on the state of the world's response to the crime "
    "of human trafficking",
    "statistics on persons convicted for trafficking in persons",
    # contribution and the meeting attended
    "USD 20,000",
    "Inter-Agency Coordination Group against Trafficking in Persons",
    "chaired by UNODC",
    "23 April 2009 in Vienna",
    # resolution
    "In 2008",
    "Strengthening coordination of the United Nations and other efforts in fighting trafficking in persons",
    "initiated United Nations Economic and Social Council resolution",
    "sought to enhance the role of the ECOSOC",
    # national initiatives
    "established an International Anti-Human Trafficking Training Centre",
    "in 2007",
    "public awareness activities on human trafficking",
    # surveys
    "Crime Trends Survey",
    "partially answered",
    "Annual Reports Questionnaire",
    # counter-terrorism count and the missing instruments
    "13 out of 16",
    "counter-terrorism treaties",
    "Amendment to the Convention on the Physical Protection of Nuclear Material",
    "Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of "
    "Maritime Navigation",
    "Protocol of 2005 to the Protocol for the Suppression of Unlawful Acts against the Safety of Fixed "
    "Platforms Located on the Continental Shelf",
    # the negatives
    "does not belong to the list of countries",
    "not supporting any ongoing technical cooperation project in Belarus",
)


def flat(text: str) -> str:
    return " ".join(text.split())


def missing_facts(text: str) -> list[str]:
    text = flat(text)
    return [fact for fact in REFERENCE_FACTS if flat(fact) not in text]


def bullets(doc: NoteDocument) -> list[str]:
    (top,) = [b for b in doc.blocks if isinstance(b, BulletList)]
    return [item.text for item in top.items]


def bullet_with(doc: NoteDocument, words: str) -> str:
    found = [b for b in bullets(doc) if words in b]
    assert found, f"no bullet says {words!r}"
    return found[0]


@pytest.fixture
def note_2009(demo_db: Database) -> NoteDocument:
    return draft_note(demo_db, "BLR", NOTE_DATE)


@pytest.fixture(autouse=True)
def _profile(request: pytest.FixtureRequest) -> None:
    """A database other than the demo's holds the user's organisation, as filled in before the first
    note (a new database has a neutral profile)."""
    if "db" in request.fixturenames:
        save_profile(
            request.getfixturevalue("db"),
            {
                "name": "United Nations Office on Drugs and Crime",
                "short_name": "UNODC",
                "reference_prefix": "X",
            },
        )


def test_title_and_subtitle_name_the_organisation_and_the_formal_country_name(
    note_2009: NoteDocument,
) -> None:
    assert note_2009.title == (
        "Cooperation between United Nations Office on Drugs and Crime and the Government of the Republic of Belarus"
    )
    assert note_2009.subtitle == "Note for the file"


def test_the_2009_note_states_every_fact_of_the_reference_note(note_2009: NoteDocument) -> None:
    assert missing_facts(note_2009.plain_text()) == []


def test_memberships_come_first_and_speak_in_the_future_before_the_term(note_2009: NoteDocument) -> None:
    first, second = bullets(note_2009)[:2]
    assert "Commission on Narcotic Drugs" in first and "Criminal Justice" in second
    for text, years in ((first, 4), (second, 3)):
        assert "was elected" in text or "was also elected" in text
        assert f"will commence on 1 January 2010 for a period of {years} years" in text


def test_the_three_missing_2005_instruments_are_listed_under_the_count(note_2009: NoteDocument) -> None:
    (top,) = note_2009.blocks
    assert isinstance(top, BulletList)
    (count,) = [i for i in top.items if "out of" in i.text]
    assert "13 out of 16" in count.text
    assert count.children is not None
    missing = [c.text for c in count.children.items]
    assert len(missing) == 3
    assert all("2005" in m for m in missing)


def test_untoc_and_its_protocols_are_one_bullet_grouped_by_date(note_2009: NoteDocument) -> None:
    family = [b for b in bullets(note_2009) if "Transnational Organized Crime and the Protocols thereto" in b]
    told = [b for b in family if "ratified" in b]
    assert len(told) == 1
    text = told[0]
    assert "first two supplementing Protocols" in text
    assert text.index("25 June 2003") < text.index("third Protocol") < text.index("6 October 2004")


def test_conventions_come_in_the_reference_order_with_the_questionnaires_after_their_family(
    note_2009: NoteDocument,
) -> None:
    """The Convention against Corruption (its report told with it), then the Organized Crime Convention
    and its Protocols, then that Convention's questionnaires: the bullet about them follows its family."""
    texts = bullets(note_2009)
    corruption = texts.index(bullet_with(note_2009, "Convention against Corruption"))
    family = texts.index(bullet_with(note_2009, "Transnational Organized Crime and the Protocols thereto"))
    questionnaires = texts.index(
        bullet_with(note_2009, "questionnaires and checklists on the implementation")
    )
    assert (corruption, family, questionnaires) == (2, 3, 4)


def test_convention_reporting_is_told_with_the_convention(note_2009: NoteDocument) -> None:
    text = bullet_with(note_2009, "Convention against Corruption")
    assert "17 February 2005" in text and "15 November 2007" in text and "self-assessment checklist" in text


def test_names_of_bodies_and_instruments_are_bold(note_2009: NoteDocument) -> None:
    (top,) = note_2009.blocks
    assert isinstance(top, BulletList)
    bold = {s.text for item in top.items for s in item.spans if s.bold}
    assert any("Commission on Narcotic Drugs" in b for b in bold)
    assert any("United Nations Convention against Corruption" in b for b in bold)
    assert any("counter-terrorism treaties" in b for b in bold)
    assert not any("Belarus" in b for b in bold)


def test_as_of_june_2010_memberships_speak_in_the_present(demo_db: Database) -> None:
    doc = draft_note(demo_db, "BLR", dt.date(2010, 6, 1))
    cnd = bullet_with(doc, "Commission on Narcotic Drugs")
    ccpcj = bullet_with(doc, "Criminal Justice")
    assert "began on 1 January 2010 and runs until 31 December 2013" in cnd
    assert "began on 1 January 2010 and runs until 31 December 2012" in ccpcj
    assert "will commence" not in doc.plain_text()


def test_as_of_2015_the_count_is_out_of_19_the_terms_are_past_and_the_rest_needs_a_later_check(
    demo_db: Database,
) -> None:
    """The four facts of 2015: the set holds 19 instruments, 13 of them ratified, and both terms are over.
    The demo's check of the set is of 30 October 2009, so the remaining six are not named until the
    officer checks the set again."""
    newer = (
        "Convention on the Suppression of Unlawful Acts Relating to International Civil Aviation",
        "Protocol Supplementary to the Convention for the Suppression of Unlawful Seizure of Aircraft",
        "Protocol to Amend the Convention on Offences and Certain Acts Committed on Board Aircraft",
    )
    text = draft_note(demo_db, "BLR", dt.date(2015, 1, 1)).plain_text()
    assert "has ratified the following 13 of the 19 international counter-terrorism treaties" in text
    # both terms have ended: they are told in the past
    assert re.search(
        r"was (also )?a member of the Commission on Crime Prevention and Criminal Justice "
        r"from 1 January 2010 to 31 December 2012",
        text,
    )
    assert re.search(
        r"was (also )?a member of the Commission on Narcotic Drugs "
        r"from 1 January 2010 to 31 December 2013",
        text,
    )
    assert "remaining" not in text and not any(title in text for title in newer)

    mark_complete(demo_db, ["BLR"], Area.instrument_set("CT"), dt.date(2015, 3, 1), "UN Treaty Collection")
    text = draft_note(demo_db, "BLR", dt.date(2015, 1, 1)).plain_text()
    assert "13 out of 19" in text and "The remaining non-ratified treaties" in text
    assert all(title in text for title in newer)


def test_records_dated_after_the_as_of_date_do_not_exist(demo_db: Database) -> None:
    early = draft_note(demo_db, "BLR", dt.date(2004, 1, 1)).plain_text()
    assert "Convention against Corruption" not in early  # ratified in 2005
    assert "Commission on Narcotic Drugs" not in early  # elected in 2009
    # undated, placed by its source (the letter of 30 October 2009): not known to have happened by 2004
    assert "USD 20,000" not in early
    assert "25 June 2003" in early and "6 October 2004" not in early
    assert "8-17 October 2008" not in early


def test_a_new_record_after_the_note_date_is_absent_and_a_new_ratification_moves_the_count(
    demo_db: Database,
) -> None:
    service = RecordService(demo_db, user="tester")
    service.create(
        "treaty_action",
        {"instrument_code": "CT14", "action": "acceptance", "action_date": "3 March 2010"},
        country="BLR",
    )
    before = draft_note(demo_db, "BLR", NOTE_DATE).plain_text()
    after = draft_note(demo_db, "BLR", dt.date(2010, 3, 3)).plain_text()
    assert "13 out of 16" in before
    assert "has ratified the following 14 of the 16" in after  # the set was checked before that date
    assert "Amendment to the Convention on the Physical Protection of Nuclear Material" in before
    assert "Amendment to the Convention on the Physical Protection of Nuclear Material" in after
    mark_complete(demo_db, ["BLR"], Area.instrument_set("CT"), "1 April 2010", "UN Treaty Collection")
    after = draft_note(demo_db, "BLR", dt.date(2010, 3, 3)).plain_text()
    assert "14 out of 16" in after and "The remaining" in after


@pytest.mark.parametrize(
    ("action", "verb"),
    [
        ("ratification", "ratified"),
        ("accession", "acceded to"),
        ("acceptance", "accepted"),
        ("approval", "approved"),
        ("succession", "succeeded to"),
        ("signature", "signed"),
    ],
)
def test_the_verb_follows_the_action_type(db: Database, action: str, verb: str) -> None:
    RecordService(db, user="tester").create(
        "treaty_action",
        {"instrument_code": "DC1988", "action": action, "action_date": "12 May 1999"},
        country="FRA",
    )
    doc = draft_note(db, "FRA", NOTE_DATE, lang="en")
    text = bullet_with(doc, "Illicit Traffic in Narcotic Drugs")
    assert text.startswith(f"France {verb} the United Nations Convention against Illicit Traffic")
    assert "on 12 May 1999" in text


def test_a_country_that_takes_the_is_named_with_it(db: Database) -> None:
    mark_complete(db, ["NLD"], [Area.instrument_set("CT"), Area.projects()], NOTE_DATE, "checked")
    doc = draft_note(db, "NLD", NOTE_DATE)
    assert doc.title.endswith("the Government of the Kingdom of the Netherlands")
    text = doc.plain_text()
    assert "The Netherlands has not ratified any of the 16" in text
    assert "in the Netherlands at this moment" in text
    assert "(Kingdom of the)" not in text


def test_a_state_with_no_records_says_so_and_gets_the_negatives_once_checked(db: Database) -> None:
    text = draft_note(db, "JPN", NOTE_DATE).plain_text()
    assert "Government of Japan" in text  # a formal name equal to the short name takes no "the"
    assert text.endswith("As of 30 October 2009\nNo records for Japan as of 30 October 2009.")
    mark_complete(db, ["JPN"], [Area.legislative_assistance(), Area.projects()], NOTE_DATE, "checked")
    text = draft_note(db, "JPN", NOTE_DATE).plain_text()
    assert "Japan does not belong to the list of countries" in text
    assert "not supporting any ongoing technical cooperation project in Japan" in text
    assert "No records" not in text


def test_legislative_assistance_and_an_ongoing_project_replace_the_negatives(db: Database) -> None:
    service = RecordService(db, user="tester")
    service.create(
        "legislative_assistance",
        {
            "area": "counter-terrorism legislation",
            "kind": "drafting",
            "status": "law_adopted",
            "start_date": "2006",
            "end_date": "March 2008",
        },
        country="FRA",
    )
    service.create(
        "project",
        {
            "code": "FRA/X12",
            "title": "Border control",
            "status": "implementation",
            "actual_start": "2008",
            "budget": "150000",
            "budget_currency": "EUR",
        },
        country="FRA",
    )
    text = draft_note(db, "FRA", NOTE_DATE, lang="en").plain_text()
    assert "does not belong to the list" not in text
    assert "France adopted counter-terrorism legislation with the assistance of UNODC in March 2008." in text
    assert "FRA/X12: Border control" in text and "EUR 150,000" in text
    assert "not supporting any ongoing" not in text
    # before the project started there was none, but nobody said so: no negative
    assert (
        "not supporting any ongoing" not in draft_note(db, "FRA", dt.date(2007, 6, 1), lang="en").plain_text()
    )
    # once the projects were checked complete, the negative is back before the project started
    mark_complete(db, ["FRA"], Area.projects(), NOTE_DATE, "Programme records")
    assert "not supporting any ongoing" in draft_note(db, "FRA", dt.date(2007, 6, 1), lang="en").plain_text()


def test_build_note_is_a_pure_function_of_its_inputs(demo_db: Database) -> None:
    inputs = load_note_inputs(demo_db, "BLR")
    assert build_note(inputs, NOTE_DATE) == build_note(inputs, NOTE_DATE)
    assert build_note(inputs, NOTE_DATE) != build_note(inputs, dt.date(2015, 1, 1))


def test_unknown_country_is_refused_in_plain_words(demo_db: Database) -> None:
    with pytest.raises(NotFound, match="'XYZ' is not a known country"):
        load_note_inputs(demo_db, "XYZ")


def test_markup_in_a_record_stays_literal_text_in_the_model(db: Database) -> None:
    RecordService(db, user="tester").create(
        "national_initiative",
        {"title": "<b>x</b> & <img src=file:///etc/passwd>", "kind": "unit", "initiative_date": "2001"},
        country="FRA",
    )
    text = draft_note(db, "FRA", NOTE_DATE, lang="en").plain_text()
    assert "<b>x</b> & <img src=file:///etc/passwd>" in text


def test_letterhead_and_letter_content_come_from_the_catalogue_and_the_letter(demo_db: Database) -> None:
    head = letterhead(demo_db)
    assert head.short_name == "UNODC"
    assert head.organisation_name == "United Nations Office on Drugs and Crime"
    assert head.motto == "Making the world safer from drugs, crime and terrorism"
    assert "1400 Vienna" in head.address_line and "26060-0" in head.contact_line
    (letter,) = RecordService(demo_db).list("letter")
    content = letter_content(letter)
    assert content.reference == "EWCA/040/09"
    assert content.date_text == "30 October 2009"
    assert content.addressee_lines[0] == "Her Excellency"
    assert content.addressee_lines[-1] == "CH-1201 Geneva, Switzerland"
    assert "52 rue des Pâquis" in content.addressee_lines
    assert len(content.body_paragraphs) == 3
    assert content.salutation == "Dear Ms. Pillay,"
    assert (content.signatory_name, content.signatory_title) == (
        "Francis Maertens",
        "Deputy Executive Director",
    )


def test_a_convention_alone_on_its_date_and_a_signed_protocol(db: Database) -> None:
    service = RecordService(db, user="tester")
    for code, action, date in (
        ("UNTOC", "acceptance", "26 May 2004"),
        ("UNTOC-TIP", "acceptance", "27 July 2005"),
        ("UNTOC-SOM", "signature", "12 December 2000"),
    ):
        service.create(
            "treaty_action", {"instrument_code": code, "action": action, "action_date": date}, country="FRA"
        )
    text = bullet_with(draft_note(db, "FRA", NOTE_DATE, lang="en"), "Transnational Organized Crime")
    assert text.startswith(
        "France accepted the United Nations Convention against Transnational Organized Crime on 26 May 2004."
    )
    assert "France signed the second Protocol (Protocol against the Smuggling of Migrants" in text
    assert "France accepted the first Protocol (Protocol to Prevent, Suppress and Punish" in text
    assert "and the Protocols thereto" not in text  # not a party to all of them
    assert "third" not in text  # the Firearms Protocol was not acted on


def test_ongoing_legislative_assistance_is_told_in_the_present(db: Database) -> None:
    RecordService(db, user="tester").create(
        "legislative_assistance",
        {"area": "Money-laundering legislation", "kind": "review", "status": "ongoing", "start_date": "2008"},
        country="FRA",
    )
    text = draft_note(db, "FRA", NOTE_DATE, lang="en").plain_text()
    assert (
        "France is receiving the assistance of UNODC with the review of money-laundering legislation" in text
    )
    assert "(since 2008)" in text


def test_a_report_on_a_convention_not_yet_ratified_is_still_told(db: Database) -> None:
    RecordService(db, user="tester").create(
        "reporting",
        {
            "reporting_instrument_code": "UNCAC-SAC",
            "completeness": "partial",
            "submitted_date": "2 March 2009",
        },
        country="FRA",
    )
    text = bullet_with(draft_note(db, "FRA", NOTE_DATE, lang="en"), "self-assessment checklist")
    assert text == "France partially responded to the UNCAC self-assessment checklist on 2 March 2009."
    assert "self-assessment" not in draft_note(db, "FRA", dt.date(2009, 3, 1), lang="en").plain_text()


def test_several_contributions_to_one_body_are_one_bullet_and_many_are_summed(db: Database) -> None:
    service = RecordService(db, user="tester")
    for year, amount in ((2001, "10,000"), (2003, "5,000")):
        service.create(
            "contribution",
            {
                "recipient_body_code": "CND",
                "amount": amount,
                "amount_currency": "USD",
                "kind": "payment",
                "contribution_date": str(year),
            },
            country="FRA",
        )
    text = bullet_with(draft_note(db, "FRA", NOTE_DATE, lang="en"), "Commission on Narcotic Drugs")
    assert "USD 10,000 paid in 2001; USD 5,000 paid in 2003" in text
    for year in range(2004, 2009):
        service.create(
            "contribution",
            {
                "recipient_body_code": "CND",
                "amount": "1,000",
                "amount_currency": "USD",
                "kind": "pledge",
                "contribution_date": str(year),
            },
            country="FRA",
        )
    doc = draft_note(db, "FRA", NOTE_DATE, lang="en")
    assert len([b for b in bullets(doc) if "Commission on Narcotic Drugs" in b]) == 1
    text = bullet_with(doc, "Commission on Narcotic Drugs")
    assert "7 contributions" in text and "between 2001 and 2008" in text
    assert "in all USD 20,000" in text and "the latest was USD 1,000 pledged in 2008" in text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "International Anti-Human Trafficking Training Centre",
            "an International Anti-Human Trafficking Training Centre",
        ),
        ("National Anti-Trafficking Unit", "a National Anti-Trafficking Unit"),
        ("Unit for Victims of Trafficking", "a Unit for Victims of Trafficking"),
        ("European Liaison Office", "a European Liaison Office"),
        ("Office against Drugs", "an Office against Drugs"),
        ("the Centre it already had", "the Centre it already had"),
    ],
)
def test_what_a_state_established_gets_a_or_an_as_it_sounds(name: str, expected: str) -> None:
    assert with_a(name) == expected
