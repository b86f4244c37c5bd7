"""Reading a treaty's status table: pasted from the browser, saved as HTML, saved as CSV; and bad input."""

from __future__ import annotations

import datetime as dt
import socket
from pathlib import Path

import pytest

from coopdesk.treaty_status.reading import MAX_BYTES, read_pasted, read_status_file, read_status_text
from coopdesk.treaty_status.table import StatusTable, TableFormat, TableRefused

DATA = Path(__file__).parent / "data" / "treaty_status"
HEADER = "Participant\tSignature\tRatification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("no network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


def steps(table: StatusTable) -> dict[str, tuple[object, ...]]:
    """Each participant's signature and consent as (action, ISO date) pairs."""
    return {
        row.name: tuple(
            (step.action, step.date.isoformat()) if step else None for step in (row.signature, row.consent)
        )
        for row in table.rows
    }


def test_a_pasted_table_reads_every_participant_with_its_dates_and_marks() -> None:
    table = read_status_file(DATA / "untoc-pasted.txt")
    assert table.format is TableFormat.PASTED and table.problems == ()
    assert len(table.rows) == 17
    assert table.status_as_at == dt.date(2024, 11, 21)
    found = steps(table)
    # footnote markers are not part of the name
    assert found["Belarus"] == (("signature", "2000-12-14"), ("ratification", "2003-06-25"))
    assert found["Czechia"] == (("signature", "2000-12-12"), ("ratification", "2013-09-24"))
    assert found["Montenegro"] == (None, ("succession", "2006-10-23"))
    assert found["Japan"][1] == ("acceptance", "2017-07-11")  # "A"
    assert found["European Union"][1] == ("approval", "2004-05-21")  # "AA"
    assert found["Holy See"] == (None, ("accession", "2012-01-25"))  # "a"
    assert found["Iran (Islamic Republic of)"] == (("signature", "2000-12-12"), None)
    belarus = next(r for r in table.rows if r.name == "Belarus")
    assert belarus.written == "Belarus4"
    assert (
        (DATA / "untoc-pasted.txt")
        .read_text(encoding="utf-8")
        .splitlines()[belarus.line - 1]
        .startswith("Belarus4\t")
    )
    assert "United Nations Convention against Transnational Organized Crime" in table.title_text


def test_the_saved_page_gives_the_same_table_and_runs_or_fetches_nothing(no_network: list[object]) -> None:
    page = read_status_file(DATA / "untoc-status.html")
    pasted = read_status_file(DATA / "untoc-pasted.txt")
    assert page.format is TableFormat.HTML and page.problems == ()
    assert steps(page) == steps(pasted)
    assert page.status_as_at == dt.date(2024, 11, 21)
    assert "Scriptland" not in {r.name for r in page.rows}  # a table written by the page's script
    assert no_network == []
    lines = (DATA / "untoc-status.html").read_text(encoding="utf-8").splitlines()
    czechia = next(r for r in page.rows if r.name == "Czechia")
    assert "<tr>" in lines[czechia.line - 1] and "Czechia" in lines[czechia.line]
    assert "12. United Nations Convention against Transnational Organized Crime" in page.title_text


def test_a_csv_gives_the_same_dates_under_the_names_it_has() -> None:
    table = read_status_file(DATA / "untoc.csv")
    assert table.format is TableFormat.CSV and table.problems == ()
    assert table.status_as_at is None  # a CSV does not say: the officer gives the date
    found = steps(table)
    assert found["Czech Republic"] == steps(read_status_file(DATA / "untoc-pasted.txt"))["Czechia"]
    assert found["Turkey"] == (("signature", "2000-12-13"), ("ratification", "2003-03-25"))
    assert {r.name: r.line for r in table.rows}["Afghanistan"] == 2


def test_a_csv_with_semicolons_saved_by_excel_in_windows_encoding(tmp_path: Path) -> None:
    path = tmp_path / "status.csv"
    text = "Participant;Signature;Ratification, Accession(a)\r\nCôte d'Ivoire;15 Dec 2000;25 Oct 2012\r\n"
    path.write_bytes(text.encode("cp1252"))
    table = read_status_file(path)
    assert steps(table) == {"Côte d'Ivoire": (("signature", "2000-12-15"), ("ratification", "2012-10-25"))}


def test_text_saved_as_unicode_by_a_spreadsheet(tmp_path: Path) -> None:
    path = tmp_path / "status.txt"
    path.write_bytes(f"{HEADER}\r\nTürkiye\t13 Dec 2000\t25 Mar 2003\r\n".encode("utf-16"))
    assert steps(read_status_file(path)) == {
        "Türkiye": (("signature", "2000-12-13"), ("ratification", "2003-03-25"))
    }


def test_other_headers_say_what_an_unmarked_date_is() -> None:
    definitive = read_pasted(
        "Participant\tSignature\tDefinitive signature(s), Ratification, Accession(a)\n"
        "Austria\t\t5 Mar 1980 s\nBrazil\t1 Jan 1981\t2 Feb 1982\n"
    )
    assert steps(definitive)["Austria"] == (None, ("definitive_signature", "1980-03-05"))
    assert steps(definitive)["Brazil"][1] == ("ratification", "1982-02-02")
    consent = read_pasted("Participant\tSignature\tConsent to be bound\nChile\t3 Mar 1990\t4 Apr 1991\n")
    assert steps(consent)["Chile"][1] == ("ratification", "1991-04-04")
    confirmation = read_pasted(
        "Participant\tSignature\tFormal confirmation(c), Accession(a), Acceptance(A), Approval(AA)\n"
        "European Union\t1 Jan 2001\t2 Feb 2002 c\n"
    )
    assert steps(confirmation)["European Union"][1] == ("formal_confirmation", "2002-02-02")
    only_consent = read_pasted("Participant\tDefinitive signature\nDenmark\t6 Jun 1990\n")
    assert steps(only_consent)["Denmark"] == (None, ("definitive_signature", "1990-06-06"))


def test_a_header_cell_copied_over_two_lines_is_one_header() -> None:
    table = read_pasted(
        "Participant\tSignature\tRatification, Acceptance(A),\nApproval(AA), Accession(a), Succession(d)\n"
        "Serbia\t12 Dec 2000\t6 Sep 2001\nJapan\t\t11 Jul 2017 AA\n"
    )
    assert table.problems == ()
    assert steps(table)["Japan"][1] == ("approval", "2017-07-11")


def test_a_withdrawn_participant_is_read_from_its_brackets() -> None:
    table = read_pasted(f"{HEADER}\n[Nicaragua]3\t14 Dec 2000\t9 Sep 2002\nPeru\t14 Dec 2000\t23 Jan 2002\n")
    rows = {r.name: r for r in table.rows}
    assert rows["Nicaragua"].withdrawn and not rows["Peru"].withdrawn


def test_every_problem_of_the_rows_is_told_with_its_line() -> None:
    table = read_pasted(
        f"{HEADER}\n"
        "Albania\t12 Dec 2000\t21 Aug 2002\n"  # line 2: fine
        "Belarus\t14 Dec 2000\t31 Feb 2003\n"  # line 3: no such day
        "Chile\t13 Dec 2000\t29 Nov 2004 x\n"  # line 4: not a mark the header lists
        "Denmark\t12 Dec 2000\t30 Sept 2003\n"  # line 5: fine ("Sept")
        "Albania 2\t12 Dec 2000\t21 Aug 2002\n"  # line 6: twice
        "Egypt\t13 Dec 2000\t5 Mar 2004\t\n"  # line 7: fine, a trailing tab
        "a stray line in the middle\n"  # line 8
        "France\t12 Dec 2000\tlast year\n"  # line 9
        "\t12 Dec 2000\t\n"  # line 10: no name
        "Gabon\t\t\n"  # line 11: nothing
    )
    messages = [str(p) for p in table.problems]
    assert messages == [
        "line 3: Belarus: '31 Feb 2003' is not a date that exists",
        "line 4: Chile: '29 Nov 2004 x' is not a date as the depositary writes them (such as '25 Jun 2003 a')",
        "line 6: Albania is in the table twice (also line 2)",
        "line 8: 'a stray line in the middle' is not a row of the table",
        "line 9: France: 'last year' is not a date as the depositary writes them (such as '25 Jun 2003 a')",
        "line 10: the row has dates but no participant's name",
        "line 11: Gabon has no date in any column",
    ]
    assert [r.name for r in table.rows] == ["Albania", "Denmark", "Egypt"]


def test_the_depositarys_marks_are_read_even_when_a_header_lists_fewer() -> None:
    table = read_pasted("Participant\tSignature\tRatification, Accession(a)\nFiji\t\t1 May 2005 d\n")
    assert steps(table) == {"Fiji": (None, ("succession", "2005-05-01"))}


def test_an_unmarked_date_under_a_header_that_marks_every_action_is_a_problem() -> None:
    table = read_pasted("Participant\tAccession(a), Succession(d)\nFiji\t1 May 2005\n")
    assert [str(p) for p in table.problems] == [
        "line 2: Fiji: '1 May 2005' has no mark saying which action it is (such as 'a' for accession)"
    ]


def test_two_consents_in_one_row_are_a_problem() -> None:
    table = read_pasted(
        "Participant\tSignature\tDefinitive signature\tRatification, Accession(a)\nGhana\t\t1 Jan 2001\t2 Feb 2002\n"
    )
    assert [str(p) for p in table.problems] == [
        "line 2: Ghana: two consents to be bound in one row (1 Jan 2001, 2 Feb 2002); a row gives one"
    ]


def test_the_status_date_is_read_as_the_depositary_prints_it() -> None:
    table = read_pasted(f"Status as at: 5 Mar 2025\n{HEADER}\nPeru\t14 Dec 2000\t23 Jan 2002\n")
    assert table.status_as_at == dt.date(2025, 3, 5)


# ------------------------------------------------------------------ bad input


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(TableRefused, match=r"huge.html is 50 MB; a treaty's status page is well under 1 MB"):
        read_status_file(path)
    assert MAX_BYTES < 50 * 1024 * 1024


def test_a_huge_paste_is_refused() -> None:
    with pytest.raises(TableRefused, match="The paste holds 11,000,000 characters"):
        read_pasted("x" * 11_000_000)


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "status.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(TableRefused, match=r"status\.txt is not a text, CSV or HTML file"):
        read_status_file(path)
    workbook = tmp_path / "status.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(TableRefused, match="it is a zip archive or an Excel workbook"):
        read_status_file(workbook)


def test_an_empty_paste_is_refused() -> None:
    with pytest.raises(TableRefused, match="Nothing was pasted"):
        read_pasted("  \n\t\n")


def test_a_page_of_scripts_and_external_references_without_a_table(
    tmp_path: Path, no_network: list[object]
) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script src='https://cdn.example.net/app.js'></script>"
        "<link rel='stylesheet' href='https://cdn.example.net/site.css'></head>"
        "<body onload='load()'><div id='grid'>Loading...</div>"
        "<script>fetch('https://treaties.example.org/status.json').then(r => draw(r));"
        "document.write('<table><tr><td>Participant</td><td>Signature</td></tr>"
        "<tr><td>Belarus</td><td>1 Jan 2001</td></tr></table>')</script>"
        "<img src='https://tracker.example.net/p.gif'><iframe src='https://treaties.example.org/grid'></iframe>"
        "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(TableRefused, match=r"page\.html holds no table of participants.*scripts are not run"):
        read_status_file(path)
    assert no_network == []


def test_text_without_a_header_row_is_refused() -> None:
    with pytest.raises(TableRefused, match="No table of participants was found in the paste"):
        read_pasted("Belarus\t14 Dec 2000\t25 Jun 2003\n")


def test_a_header_without_date_columns_is_refused() -> None:
    with pytest.raises(TableRefused, match="line 1: the header names no column of treaty actions"):
        read_status_text("Participant\tRegion\tNotes\nBelarus\tEurope\t-\n")


def test_a_folder_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TableRefused, match="cannot be read"):
        read_status_file(tmp_path / "missing.html")
