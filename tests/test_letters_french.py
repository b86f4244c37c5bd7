"""A cover letter in French: drafted in the State's language, issued and archived in it, its date line,
reference and page numbers in French; and the letters a database already holds stay English."""

from __future__ import annotations

import io
import sqlite3
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from coopdesk.db.database import Database
from coopdesk.db.opener import open_database
from coopdesk.note import letters
from coopdesk.note.builder import draft_note, letter_content, letterhead
from coopdesk.note.render.html import render_html
from coopdesk.note.render.text import render_text
from coopdesk.records.service import RecordService
from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision

AS_OF = date(2009, 10, 30)
NBSP = "\u00a0"


def test_a_new_letter_is_worded_in_the_states_language(demo_db: Database) -> None:
    values = letters.new_letter_values(
        demo_db, "BEL", AS_OF, letter_date=AS_OF
    )  # Belgium corresponds in French
    assert values["language"] == "fr"
    assert values["subject"] == "Coopération entre l'ONUDC et le Royaume de Belgique"
    assert values["body"] == (
        "Vous trouverez ci-joint une note succincte pour le dossier sur certains des domaines dans lesquels l'ONUDC "
        "coopère avec le Gouvernement du Royaume de Belgique."
    )
    assert values["closing"] == "Je vous prie d'agréer l'assurance de ma haute considération."
    assert values["signatory_title"] == "Directeur exécutif adjoint"
    english = letters.new_letter_values(demo_db, "BEL", AS_OF, letter_date=AS_OF, lang="en")
    assert (english["language"], english["subject"], english["closing"]) == (
        "en",
        "Cooperation between UNODC and the Kingdom of Belgium",
        "Yours sincerely,",
    )
    assert english["signatory_title"] == "Deputy Executive Director"
    assert letters.new_letter_values(demo_db, "BLR", AS_OF)["language"] == "en"


def test_a_french_letter_prints_its_date_reference_and_pages_in_french(demo_db: Database) -> None:
    draft = letters.new_draft(demo_db, "BEL", AS_OF, letter_date=AS_OF)
    content = letter_content(RecordService(demo_db).get("letter", draft.key))
    assert (content.lang, content.date_text) == ("fr", "Le 30\u00a0octobre 2009")
    note = draft_note(demo_db, "BEL", AS_OF)
    issued = letters.issue_letter(demo_db, str(draft.key), note, AS_OF)
    assert issued["language"] == "fr" and issued["reference"] == "EWCA/041/09"
    pdf = PdfReader(io.BytesIO(letters.issued_pdf(demo_db, str(draft.key))))
    first = " ".join(pdf.pages[0].extract_text().split()).replace(NBSP, " ")
    assert "Réf. : EWCA/041/09" in first and "Le 30 octobre 2009" in first
    assert "Office des Nations Unies contre la drogue et le crime" in first  # the French letterhead
    assert "Centre international de Vienne" in first and "Vienna International Centre" not in first
    note_page = " ".join(pdf.pages[1].extract_text().split()).replace(NBSP, " ")
    assert "Page 1 sur 1" in note_page and "Note pour le dossier" in note_page
    html, text = letters.issued_note(demo_db, str(draft.key))
    assert (
        '<html lang="fr-FR">' in html and "Aucune information n&#x27;est enregistrée pour la Belgique" in html
    )
    assert text.startswith(f"Réf.{NBSP}: EWCA/041/09\nLe 30\u00a0octobre 2009\n")


def test_the_labels_follow_the_letters_language_in_every_format(demo_db: Database) -> None:
    (demo,) = RecordService(demo_db).list("letter", country="BLR")
    english = letter_content(demo)
    note = draft_note(demo_db, "BLR", AS_OF)
    assert render_text(note, english).startswith("Ref: EWCA/040/09\n30 October 2009\n")
    assert '<p class="reference">Ref: EWCA/040/09</p>' in render_html(note, english)
    french = letter_content(
        RecordService(demo_db).update("letter", demo.key, {"language": "fr"}, expected_version=demo.version)
    )
    assert render_text(note, french).startswith(f"Réf.{NBSP}: EWCA/040/09\nLe 30\u00a0octobre 2009\n")
    assert f'<p class="reference">Réf.{NBSP}: EWCA/040/09</p>' in render_html(note, french)


def test_the_letterhead_in_french_falls_back_line_by_line(demo_db: Database) -> None:
    french = letterhead(demo_db, "fr")
    assert (french.short_name, french.organisation_name) == (
        "ONUDC",
        "Office des Nations Unies contre la drogue et le crime",
    )
    assert french.motto == "Pour un monde plus sûr, à l'abri de la drogue, du crime et du terrorisme"
    assert letterhead(demo_db).short_name == "UNODC"


def test_letters_written_before_the_language_was_kept_are_english(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0006")
    con = sqlite3.connect(path)
    con.execute(INSERT_BELARUS)
    con.execute(
        "INSERT INTO letters (id, country_code, source, notes, created_at, updated_at, created_by, updated_by,"
        " version, letter_date, subject, addressee, salutation, body, closing, signatory_name, signatory_title,"
        " status, note_html, note_text, checksum) VALUES ('l1', 'BLR', '', '', '2009-10-30 00:00:00',"
        " '2009-10-30 00:00:00', 'a', 'a', 1, '2009-10-30', 'Cooperation', '', 'Dear Sir,', 'Body', 'Yours',"
        " 'F. M.', '', 'draft', '', '', '')"
    )
    con.commit()
    con.close()
    db = open_database(path)
    try:
        letter = RecordService(db).get("letter", "l1")
        assert (letter["language"], letter["subject"]) == ("en", "Cooperation")
        assert letter_content(letter).date_text == "30 October 2009"
    finally:
        db.dispose()
