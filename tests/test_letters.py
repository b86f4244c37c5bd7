"""The register of letters: reference numbers, issuing, and an issued letter that never changes."""

from __future__ import annotations

import hashlib
import io
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update

from coopdesk.db.database import Database
from coopdesk.db.models import HistoryEntry, Letter
from coopdesk.db.opener import open_database
from coopdesk.note import letters
from coopdesk.note.builder import draft_note
from coopdesk.records.organisation import save_profile
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.record import NotFound, ReadOnlyRecord, Record
from coopdesk.records.service import RecordService

AS_OF = date(2009, 10, 30)
PROFILE = {
    "name": "United Nations Office on Drugs and Crime",
    "short_name": "UNODC",
    "reference_prefix": "EWCA",
    "signatory_name": "Francis Maertens",
    "signatory_title": "Deputy Executive Director",
}


@pytest.fixture(autouse=True)
def _profile(request: pytest.FixtureRequest) -> None:
    """The organisation's own profile, as the user fills it in before the first letter (a new database
    holds a neutral one; the demo database has the demo's)."""
    if "db" in request.fixturenames:
        save_profile(request.getfixturevalue("db"), PROFILE)


def _draft(service: RecordService, when: str = "12 March 2011", **extra: str) -> Record:
    values = {
        "letter_date": when,
        "subject": "Cooperation",
        "salutation": "Dear Sir,",
        "signatory_name": "Francis Maertens",
        **extra,
    }
    return service.create("letter", values, country="BLR")


def _demo_letter(service: RecordService) -> Record:
    (letter,) = service.list("letter", country="BLR")
    return letter


# --------------------------------------------------------------------------- reference numbers


def test_references_are_sequential_within_a_year(db: Database) -> None:
    assert [letters.next_reference(db, 2011) for _ in range(3)] == [
        "EWCA/001/11",
        "EWCA/002/11",
        "EWCA/003/11",
    ]


def test_each_year_has_its_own_sequence(db: Database) -> None:
    assert letters.next_reference(db, 2011) == "EWCA/001/11"
    assert letters.next_reference(db, 2011) == "EWCA/002/11"
    assert letters.next_reference(db, 2012) == "EWCA/001/12"
    assert letters.next_reference(db, 2011) == "EWCA/003/11"
    assert letters.next_reference(db, 2100) == "EWCA/001/00"


def test_the_demo_register_continues_after_the_belarus_letter(demo_db: Database) -> None:
    assert letters.last_sequence(demo_db, 2009) == 40
    assert letters.next_reference(demo_db, 2009) == "EWCA/041/09"


def test_a_number_is_never_reused_after_its_draft_is_deleted(db: Database, service: RecordService) -> None:
    draft = _draft(service)
    issued = letters.issue_letter(db, draft.key, draft_note(db, "BLR", AS_OF))
    assert issued["reference"] == "EWCA/001/11"

    doomed = letters.reserve_reference(db, _draft(service).key)
    assert doomed["reference"] == "EWCA/002/11"
    assert doomed["status"] == "draft"
    service.delete("letter", doomed.key, expected_version=None)

    again = _draft(service)
    assert letters.issue_letter(db, again.key, draft_note(db, "BLR", AS_OF))["reference"] == "EWCA/003/11"


def test_a_reference_already_carried_by_a_letter_is_skipped(db: Database) -> None:
    service = RecordService(db)
    service.create_many(
        [("letter", {"letter_date": "1 May 2011", "reference": "EWCA/001/11"}, "BLR")], system=True
    )  # carried over from the files kept before the register existed, as the demo data is
    assert letters.next_reference(db, 2011) == "EWCA/002/11"


def test_concurrent_writers_never_get_the_same_number(db: Database) -> None:
    path = db.path
    assert path is not None
    results: list[str] = []
    errors: list[BaseException] = []

    def draw() -> None:
        other = open_database(path)
        try:
            for _ in range(5):
                results.append(letters.next_reference(other, 2011))
        except BaseException as exc:  # pragma: no cover - reported by the assert below
            errors.append(exc)
        finally:
            other.dispose()

    threads = [threading.Thread(target=draw) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == [f"EWCA/{n:03d}/11" for n in range(1, 21)]


def test_a_broken_pattern_falls_back_to_the_standard_one() -> None:
    assert letters.format_reference("{prefix}/{nonsense}", "EWCA", 2009, 40) == "EWCA/040/09"
    assert letters.format_reference("{prefix}-{year}-{seq}", "EWCA", 2009, 7) == "EWCA-2009-7"


# --------------------------------------------------------------------------- issuing


def test_issuing_the_demo_letter_keeps_its_reserved_number(
    demo_db: Database, demo_service: RecordService
) -> None:
    letter = _demo_letter(demo_service)
    issued = letters.issue_letter(demo_db, letter.key, draft_note(demo_db, "BLR", AS_OF), user="officer")
    assert issued["reference"] == "EWCA/040/09"
    assert issued["status"] == "issued"
    assert issued.updated_by == "officer"
    assert letters.last_sequence(demo_db, 2009) == 40

    pdf = letters.issued_pdf(demo_db, letter.key)
    assert pdf.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(_bytes_io(pdf)).pages)
    assert "EWCA/040/09" in text
    assert "Dear Ms. Pillay" in text
    assert "13 out of 16" in text

    html, plain = letters.issued_note(demo_db, letter.key)
    assert "13 out of 16" in plain
    assert "Commission on Narcotic Drugs" in html

    with demo_db.read() as session:
        row = session.get(Letter, letter.key)
        assert row is not None
        assert row.checksum == hashlib.sha256(pdf).hexdigest()
        assert row.issued_at is not None
        history = session.scalars(
            select(HistoryEntry).where(HistoryEntry.record_id == letter.key, HistoryEntry.action == "issue")
        ).all()
    assert {h.field for h in history} >= {"status"}
    assert all(h.user == "officer" for h in history)


def test_issuing_a_new_draft_draws_the_next_number_of_the_letter_year(
    demo_db: Database, demo_service: RecordService
) -> None:
    draft = letters.new_draft(demo_db, "BLR", AS_OF, letter_date=date(2009, 11, 2))
    assert draft["signatory_name"] == "Francis Maertens"
    assert "the Republic of Belarus" in draft["subject"]
    issued = letters.issue_letter(demo_db, draft.key, draft_note(demo_db, "BLR", AS_OF))
    assert issued["reference"] == "EWCA/041/09"
    assert [d.reference for d in letters.register(demo_db)] == ["EWCA/041/09"]


def test_an_edited_note_is_issued_as_edited(demo_db: Database, demo_service: RecordService) -> None:
    letter = _demo_letter(demo_service)
    html = "<p>Belarus and the Office <b>work closely</b> together.</p><ul><li>One &lt;b&gt; point</li></ul>"
    letters.issue_letter(demo_db, letter.key, html)
    _, plain = letters.issued_note(demo_db, letter.key)
    assert "work closely" in plain
    assert "One <b> point" in plain
    assert "13 out of 16" not in plain


def test_an_issued_letter_cannot_be_changed_or_deleted_through_any_service_call(
    demo_db: Database, demo_service: RecordService
) -> None:
    letter = _demo_letter(demo_service)
    issued = letters.issue_letter(demo_db, letter.key, draft_note(demo_db, "BLR", AS_OF))
    before = letters.issued_pdf(demo_db, letter.key)

    with pytest.raises(ReadOnlyRecord):
        demo_service.update("letter", letter.key, {"body": "Something else"}, expected_version=None)
    with pytest.raises(ReadOnlyRecord):
        demo_service.update("letter", letter.key, {"status": "draft"}, expected_version=None)
    with pytest.raises(ReadOnlyRecord):
        demo_service.delete("letter", letter.key, expected_version=None)
    with pytest.raises(ReadOnlyRecord):
        letters.issue_letter(demo_db, letter.key, "<p>A second version</p>")
    with pytest.raises(ReadOnlyRecord):  # a forged copy of it, e.g. from a workbook
        demo_service.restore(issued)
    with pytest.raises(ReadOnlyRecord):
        demo_service.create_many([("letter", {"letter_date": "2009", "status": "issued"}, "BLR")])

    assert demo_service.get("letter", letter.key) == issued
    assert letters.issued_pdf(demo_db, letter.key) == before


def test_a_draft_cannot_be_marked_issued_or_renumbered_by_an_edit(
    db: Database, service: RecordService
) -> None:
    draft = _draft(service)
    with pytest.raises(ReadOnlyRecord):
        service.update("letter", draft.key, {"status": "issued"}, expected_version=None)
    with pytest.raises(ReadOnlyRecord):
        service.update("letter", draft.key, {"reference": "EWCA/999/11"}, expected_version=None)
    assert (
        service.update("letter", draft.key, {"subject": "New subject"}, expected_version=None)["subject"]
        == "New subject"
    )
    assert service.get("letter", draft.key)["status"] == "draft"


def test_a_failed_issue_leaves_the_draft_and_the_counter_alone(
    db: Database, service: RecordService, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopdesk.note.render import pdf as pdf_module

    draft = _draft(service)

    def broken(*args: object, **kwargs: object) -> bytes:
        raise RuntimeError("the printer caught fire")

    monkeypatch.setattr(pdf_module, "render_pdf", broken)
    with pytest.raises(RuntimeError):
        letters.issue_letter(db, draft.key, draft_note(db, "BLR", AS_OF))
    assert service.get("letter", draft.key)["status"] == "draft"
    assert letters.last_sequence(db, 2011) == 0


def test_a_tampered_copy_is_detected(demo_db: Database, demo_service: RecordService) -> None:
    letter = _demo_letter(demo_service)
    letters.issue_letter(demo_db, letter.key, draft_note(demo_db, "BLR", AS_OF))
    with demo_db.write() as session:
        session.execute(update(Letter).where(Letter.id == letter.key).values(pdf=b"%PDF-1.4 forged"))
    with pytest.raises(letters.ChecksumMismatch, match="EWCA/040/09"):
        letters.issued_pdf(demo_db, letter.key)


def test_a_draft_has_no_issued_copy_and_a_missing_letter_is_reported(
    db: Database, service: RecordService
) -> None:
    draft = _draft(service)
    with pytest.raises(letters.ServiceError, match="not been issued"):
        letters.issued_pdf(db, draft.key)
    with pytest.raises(NotFound):
        letters.issue_letter(db, "no-such-letter", "<p>x</p>")


def test_the_register_lists_issued_letters_newest_first(db: Database, service: RecordService) -> None:
    first = _draft(service, "2 February 2011")
    second = _draft(service, "3 March 2012")
    _draft(service, "4 April 2012")  # stays a draft: not in the register
    for d in (first, second):
        letters.issue_letter(db, d.key, "<p>Note</p>")
    entries = letters.register(db)
    assert [(e.reference, e.letter_date, e.country_name) for e in entries] == [
        ("EWCA/001/12", PartialDate(2012, 3, 3), "Belarus"),
        ("EWCA/001/11", PartialDate(2011, 2, 2), "Belarus"),
    ]
    assert letters.register(db, country="UKR") == []


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def test_a_workbook_cannot_change_an_issued_letter(
    demo_db: Database, demo_service: RecordService, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from coopdesk.excel.export import export_workbook
    from coopdesk.excel.importer import ImportRefused, apply_import, plan_import, read_workbook

    letter = _demo_letter(demo_service)
    letters.issue_letter(demo_db, letter.key, draft_note(demo_db, "BLR", AS_OF))
    before = letters.issued_pdf(demo_db, letter.key)
    path = tmp_path / "all.xlsx"
    export_workbook(demo_db, path, as_of=AS_OF)

    book = load_workbook(path)
    sheet = book["Letters"]
    headers = [c.value for c in sheet[1]]
    body = headers.index("Body") + 1
    (row,) = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, headers.index("Reference") + 1).value]
    sheet.cell(row, body).value = "A rewritten letter"
    book.save(path)

    plan = plan_import(demo_db, read_workbook(path))
    assert any("EWCA/040/09" in str(p) and "never changes" in str(p) for p in plan.problems)
    with pytest.raises(ImportRefused):
        apply_import(demo_db, plan)
    assert demo_service.get("letter", letter.key)["body"] == letter["body"]
    assert letters.issued_pdf(demo_db, letter.key) == before


def test_a_draft_keeps_its_edited_note_without_anything_but_text(
    demo_db: Database, demo_service: RecordService
) -> None:
    letter = _demo_letter(demo_service)
    edited = '<p>Kept <b>wording</b><img src="file:///etc/passwd"><a href="http://x.invalid">link</a></p>'
    letters.save_draft_note(demo_db, letter.key, edited, AS_OF, user="officer")
    html, as_of = letters.saved_draft_note(demo_db, letter.key)
    assert as_of == PartialDate(2009, 10, 30)
    assert "<b>wording</b>" in html and "link" in html
    assert "img" not in html and "href" not in html and "passwd" not in html
    assert demo_service.get("letter", letter.key)["status"] == "draft"

    letters.issue_letter(demo_db, letter.key, html)
    with pytest.raises(ReadOnlyRecord):
        letters.save_draft_note(demo_db, letter.key, "<p>later</p>", AS_OF)
    assert letters.saved_draft_note(demo_db, letter.key) == ("", None)
