"""``coopdesk note --lang``: the note in French as text, PDF and Word, each State's own language by default
with --all, and a bad language refused in one plain line."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from test_note_french import FRENCH_DEMO, FRENCH_FACTS, FRENCH_REMAINING, seen

from coopdesk.cli import main
from coopdesk.db.opener import open_database
from coopdesk.records.service import RecordService
from tests.page_images import page_images
from tests.ui.test_print_path import assert_same_pages


def _note(demo_db_path: Path, target: Path, *extra: str) -> int:
    return main(
        ["--db", str(demo_db_path), "note", "BLR", "--as-of", "2009-10-30", "-o", str(target), *extra]
    )


def test_the_french_note_as_text(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "belarus.txt"
    assert _note(demo_db_path, target, "--lang", "fr") == 0
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[:6] == [
        "Coopération entre l'Office des Nations Unies contre la drogue et le crime et le Gouvernement de la "
        "République du Bélarus",
        "",
        "Note pour le dossier",
        "",
        "Situation au 30\u00a0octobre 2009",
        "",
    ]
    assert [seen(line[2:]) for line in lines if line.startswith("- ")] == FRENCH_DEMO
    assert [seen(line[4:]) for line in lines if line.startswith("  - ")] == FRENCH_REMAINING


def test_the_french_note_as_pdf(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "belarus.pdf"
    assert _note(demo_db_path, target, "--lang", "fr", "--format", "pdf") == 0
    pages = PdfReader(io.BytesIO(target.read_bytes())).pages
    text = seen(" ".join(p.extract_text() for p in pages))
    assert [fact for fact in FRENCH_FACTS if seen(fact) not in text] == []
    assert f"Page 1 sur {len(pages)}" in text and "Page 1 of" not in text


def test_the_french_note_as_word(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "belarus.docx"
    assert _note(demo_db_path, target, "--lang", "fr") == 0
    document = Document(io.BytesIO(target.read_bytes()))
    paragraphs = [seen(p.text) for p in document.paragraphs]
    assert paragraphs[:3] == [
        "Coopération entre l'Office des Nations Unies contre la drogue et le crime et le Gouvernement de la "
        "République du Bélarus",
        "Note pour le dossier",
        "Situation au 30 octobre 2009",
    ]
    assert [p for p in paragraphs if p in FRENCH_DEMO] == FRENCH_DEMO
    footer = document.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Page ") and " sur " in footer
    assert document.core_properties.language == "fr-FR"
    styles = zipfile.ZipFile(target).read("word/styles.xml").decode("utf-8")
    assert '<w:lang w:val="fr-FR"/>' in styles  # Word checks the spelling in French


def test_an_english_note_stays_english(demo_db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "belarus.txt"
    assert _note(demo_db_path, target, "--lang", "EN") == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Cooperation between United Nations Office on Drugs and Crime")
    assert "As of 30 October 2009" in text and "Bélarus" not in text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("es", "coopdesk: 'es' is not a language notes can be written in (known: en, fr)\n"),
        ("", "coopdesk: --lang needs a language: en or fr\n"),
    ],
)
def test_a_bad_language_is_one_plain_line_and_exit_2(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, message: str
) -> None:
    target = tmp_path / "x.txt"
    assert _note(demo_db_path, target, "--lang", value) == 2
    assert capsys.readouterr().err == message
    assert not target.exists()
    folder = tmp_path / "all"
    args = ["--db", str(demo_db_path), "note", "--all", "--lang", value, "-o", str(folder)]
    assert main(args) == 2
    assert capsys.readouterr().err == message
    assert not folder.exists()


def test_all_notes_in_each_states_language_or_in_the_one_asked_for(
    demo_db_path: Path, tmp_path: Path
) -> None:
    db = open_database(demo_db_path)
    try:
        RecordService(db).create(
            "treaty_action",
            {"instrument_code": "UNCAC", "action": "ratification", "action_date": "11 July 2005"},
            country="FRA",
        )
    finally:
        db.dispose()
    own = tmp_path / "own"
    args = ["--db", str(demo_db_path), "note", "--all", "--as-of", "2009-10-30", "--format", "txt"]
    assert main([*args, "-o", str(own)]) == 0
    france = (own / "FRA France note 2009-10-30.txt").read_text(encoding="utf-8")
    assert (
        "- La France a ratifié la Convention des Nations Unies contre la corruption le 11\u00a0juillet 2005."
        in france
    )
    belarus = (own / "BLR Belarus note 2009-10-30.txt").read_text(encoding="utf-8")
    assert belarus.startswith("Cooperation between")
    french = tmp_path / "french"
    assert main([*args, "--lang", "fr", "-o", str(french)]) == 0
    belarus = (french / "BLR Belarus note 2009-10-30.txt").read_text(encoding="utf-8")
    assert belarus.startswith("Coopération entre")
    english = tmp_path / "english"
    assert main([*args, "--lang", "en", "-o", str(english)]) == 0
    france = (english / "FRA France note 2009-10-30.txt").read_text(encoding="utf-8")
    assert "- France ratified the United Nations Convention against Corruption on 11 July 2005." in france


def test_a_note_printed_in_french(qapp: QApplication, demo_db_path: Path, tmp_path: Path) -> None:
    """``--print-to`` goes through Qt's print path: the pages a printer would get are those of the French
    note's PDF."""
    printed, written = tmp_path / "printed.pdf", tmp_path / "written.pdf"
    common = [
        sys.executable,
        "-m",
        "coopdesk",
        "--db",
        str(demo_db_path),
        "note",
        "BLR",
        "--as-of",
        "2009-10-30",
    ]
    result = subprocess.run(
        [*common, "--lang", "fr", "--print-to", str(printed)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert _note(demo_db_path, written, "--lang", "fr") == 0
    assert "Situation au 30 octobre 2009" in seen(PdfReader(str(written)).pages[0].extract_text())
    assert_same_pages(page_images(printed), page_images(written))


def test_the_records_own_texts_are_listed_to_check_in_french_and_not_in_english(
    demo_db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _note(demo_db_path, tmp_path / "fr.txt", "--lang", "fr") == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "To check in the note on BLR as of 30 October 2009:"
    assert (
        "  - Resolution E/RES/2008/33: “Title” and “What it sought” printed as typed in the records "
        "(“Strengthening coordination of the United Nations…”): check that they read in French before the "
        "note is issued (check the wording)"
    ) in err
    assert len(err) == 6
    assert _note(demo_db_path, tmp_path / "en.txt", "--lang", "en") == 0
    assert capsys.readouterr().err == ""
