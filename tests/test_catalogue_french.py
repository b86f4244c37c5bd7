"""The catalogue in French: every State's UN French names and the grammar they need, the French names of
the instruments, bodies, meetings, reporting instruments and the organisation, in the files and once loaded."""

from __future__ import annotations

import csv
import sqlite3
import unicodedata
from pathlib import Path

import pytest

from coopdesk.db.opener import open_database
from coopdesk.records.catalogue_types import CATALOGUE_TYPES
from coopdesk.records.record_type import ValidationFailed
from coopdesk.records.service import RecordService
from coopdesk.records.vocabularies import FRENCH_ARTICLE, FRENCH_GENDER, FRENCH_IN, FRENCH_NUMBER, LANGUAGE
from tests.helpers.old_schema import INSERT_BELARUS, file_at_revision

CATALOGUE = Path(__file__).resolve().parents[1] / "resources" / "catalogue"

#: Names whose initial "h" is aspirated: they take "le"/"la", not "l'".
H_ASPIRE = {"Honduras", "Hongrie"}
#: What each article allows for "in".
IN_FOR_ARTICLE = {
    "le": {"au"},
    "la": {"en", "à la"},
    "l'": {"en", "dans l'"},
    "les": {"aux"},
    "none": {"à", "en"},
}


def _rows(name: str) -> list[dict[str, str]]:
    with (CATALOGUE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def states() -> dict[str, dict[str, str]]:
    return {r["iso3"]: r for r in _rows("countries.csv")}


def _starts_with_vowel_sound(name: str) -> bool:
    first = unicodedata.normalize("NFD", name)[0].lower()
    return first in "aeiou" or (first == "h" and name not in H_ASPIRE)


def test_every_state_has_a_french_name_an_article_a_gender_and_a_formal_name(states: dict) -> None:
    assert len(states) == 195
    for iso3, r in states.items():
        assert r["short_name_fr"] and r["short_name_fr"] == r["short_name_fr"].strip(), iso3
        assert r["article_fr"] in FRENCH_ARTICLE.values, iso3
        assert r["gender_fr"] in FRENCH_GENDER.values, iso3
        assert r["number_fr"] in FRENCH_NUMBER.values, iso3
        assert r["in_fr"] in FRENCH_IN.values, iso3
        assert r["formal_name_fr"] and r["formal_name_fr"] == r["formal_name_fr"].strip(), iso3
        assert r["language"] in LANGUAGE.values, iso3


def test_the_article_fits_the_name(states: dict) -> None:
    """ "l'" before a vowel sound, "le"/"la" before a consonant (and an aspirated h), "les" with a plural,
    and the word for "in" that goes with the article."""
    for iso3, r in states.items():
        name, article = r["short_name_fr"], r["article_fr"]
        if article == "l'":
            assert _starts_with_vowel_sound(name), iso3
        elif article in ("le", "la"):
            assert not _starts_with_vowel_sound(name), iso3
        assert (article == "les") == (r["number_fr"] == "plural"), iso3
        assert r["in_fr"] in IN_FOR_ARTICLE[article], (iso3, article, r["in_fr"])


def test_formal_names_are_written_with_their_article(states: dict) -> None:
    """As the UN writes them: "la République du Bélarus", "les États-Unis d'Amérique"; a name that takes
    no article is written bare ("Saint-Kitts-et-Nevis")."""
    for iso3, r in states.items():
        formal = r["formal_name_fr"]
        if formal.startswith(("le ", "la ", "les ", "l'")):
            continue
        assert r["article_fr"] == "none" and formal == r["short_name_fr"], iso3
    formal_names = [r["formal_name_fr"] for r in states.values()]
    assert len(formal_names) == len(set(formal_names))
    short_names = [r["short_name_fr"] for r in states.values()]
    assert len(short_names) == len(set(short_names))


@pytest.mark.parametrize(
    ("iso3", "short", "article", "gender", "number", "in_", "formal"),
    [
        ("BLR", "Bélarus", "le", "m", "singular", "au", "la République du Bélarus"),
        ("BEL", "Belgique", "la", "f", "singular", "en", "le Royaume de Belgique"),
        ("UZB", "Ouzbékistan", "l'", "m", "singular", "en", "la République d'Ouzbékistan"),
        ("AUT", "Autriche", "l'", "f", "singular", "en", "la République d'Autriche"),
        ("NLD", "Pays-Bas (Royaume des)", "les", "m", "plural", "aux", "le Royaume des Pays-Bas"),
        ("PHL", "Philippines", "les", "f", "plural", "aux", "la République des Philippines"),
        ("CUB", "Cuba", "none", "f", "singular", "à", "la République de Cuba"),
        ("ISR", "Israël", "none", "m", "singular", "en", "l'État d'Israël"),
        ("HND", "Honduras", "le", "m", "singular", "au", "la République du Honduras"),
        ("BRB", "Barbade", "la", "f", "singular", "à la", "la Barbade"),
        ("USA", "États-Unis d'Amérique", "les", "m", "plural", "aux", "les États-Unis d'Amérique"),
        ("PSE", "État de Palestine", "l'", "m", "singular", "dans l'", "l'État de Palestine"),
        ("VAT", "Saint-Siège", "le", "m", "singular", "au", "le Saint-Siège"),
    ],
)
def test_spot_checks(
    states: dict, iso3: str, short: str, article: str, gender: str, number: str, in_: str, formal: str
) -> None:
    r = states[iso3]
    assert (
        r["short_name_fr"],
        r["article_fr"],
        r["gender_fr"],
        r["number_fr"],
        r["in_fr"],
        r["formal_name_fr"],
    ) == (
        short,
        article,
        gender,
        number,
        in_,
        formal,
    )


def test_francophone_states_correspond_in_french(states: dict) -> None:
    assert {
        iso3 for iso3 in ("FRA", "BEL", "SEN", "HTI", "LUX", "COD") if states[iso3]["language"] == "fr"
    } == {
        "FRA",
        "BEL",
        "SEN",
        "HTI",
        "LUX",
        "COD",
    }
    assert states["BLR"]["language"] == "en"
    assert states["GBR"]["language"] == "en"


#: (file, key, [(English column, French column)]): every English name has its French counterpart.
FRENCH_COLUMNS = [
    (
        "instruments.csv",
        "code",
        [("title", "title_fr"), ("short_title", "short_title_fr"), ("adopted_place", "adopted_place_fr")],
    ),
    ("instrument_sets.csv", "code", [("name", "name_fr"), ("running_name", "running_name_fr")]),
    ("bodies.csv", "code", [("name", "name_fr"), ("description", "description_fr")]),
    ("meetings.csv", "code", [("session", "session_fr"), ("title", "title_fr"), ("place", "place_fr")]),
    ("reporting_instruments.csv", "code", [("name", "name_fr"), ("description", "description_fr")]),
    (
        "organisation.csv",
        "code",
        [
            ("name", "name_fr"),
            ("short_name", "short_name_fr"),
            ("address", "address_fr"),
            ("contact", "contact_fr"),
            ("motto", "motto_fr"),
            ("signatory_title", "signatory_title_fr"),
        ],
    ),
]


@pytest.mark.parametrize(("file_name", "key", "pairs"), FRENCH_COLUMNS, ids=[f for f, _, _ in FRENCH_COLUMNS])
def test_every_english_name_has_its_french_counterpart(file_name: str, key: str, pairs: list) -> None:
    for row in _rows(file_name):
        for english, french in pairs:
            assert bool(row[english].strip()) == bool(row[french].strip()), (row[key], english)
            assert row[french] == row[french].strip(), (row[key], french)


def test_french_titles_of_the_instruments(service: RecordService) -> None:
    assert (
        service.get("instrument", "UNCAC")["title_fr"] == "Convention des Nations Unies contre la corruption"
    )
    assert service.get("instrument", "UNTOC-SOM")["title_fr"] == (
        "Protocole contre le trafic illicite de migrants par terre, air et mer"
    )
    assert service.get("instrument", "CT02")["adopted_place_fr"] == "La Haye"
    assert service.get("body", "CND")["name_fr"] == "Commission des stupéfiants"
    assert service.get("meeting", "COP-UNTOC-4")["session_fr"] == "quatrième session"


def test_the_demo_organisation_has_its_french_names(demo_service: RecordService) -> None:
    (org,) = demo_service.list("organisation")
    assert (org["name_fr"], org["short_name_fr"]) == (
        "Office des Nations Unies contre la drogue et le crime",
        "ONUDC",
    )


def test_loaded_states_carry_their_french_names(service: RecordService) -> None:
    belarus = service.get("country", "BLR")
    assert (belarus["short_name_fr"], belarus["article_fr"], belarus["gender_fr"], belarus["in_fr"]) == (
        "Bélarus",
        "le",
        "m",
        "au",
    )
    assert belarus["language"] == "en"
    assert service.get("country", "FRA")["language"] == "fr"
    french = [
        c for c in service.list("country") if c["short_name_fr"] and c["formal_name_fr"] and c["gender_fr"]
    ]
    assert len(french) == 195


def test_a_french_name_needs_its_grammar(service: RecordService) -> None:
    """Typed in the catalogue, a French name without its article, gender, number and "in" is refused, and
    so is "les" with a singular name; without a French name, the grammar may stay empty."""
    values = {
        "iso3": "XKX",
        "short_name": "Kosovo",
        "formal_name": "Kosovo",
        "regional_group": "Eastern European",
        "member": False,
        "language": "en",
    }
    service.create("country", values)
    with pytest.raises(ValidationFailed) as refused:
        service.update("country", "XKX", {"short_name_fr": "Kosovo"}, expected_version=None)
    assert {p.field for p in refused.value.problems} == {"article_fr", "gender_fr", "number_fr", "in_fr"}
    grammar = {
        "short_name_fr": "Kosovo",
        "article_fr": "les",
        "gender_fr": "m",
        "number_fr": "singular",
        "in_fr": "au",
    }
    with pytest.raises(ValidationFailed, match="'les' goes with a plural name"):
        service.update("country", "XKX", grammar, expected_version=None)
    service.update("country", "XKX", {**grammar, "article_fr": "le"}, expected_version=None)
    assert service.get("country", "XKX")["article_fr"] == "le"
    assert "language" in {f.name for f in CATALOGUE_TYPES["country"].table_fields}


def test_an_older_database_gets_the_shipped_french_names(tmp_path: Path) -> None:
    """A database made before the French columns: the shipped States get their French names, a State the
    user added stays without (the draft will say so), and nothing else changes."""
    path = tmp_path / "old.sqlite"
    file_at_revision(path, "0004")
    con = sqlite3.connect(path)
    con.execute(INSERT_BELARUS)
    con.execute(
        "INSERT INTO countries (iso3, short_name, formal_name, regional_group, takes_the, member, notes, updated_by,"
        " version) VALUES ('FRA', 'France', 'French Republic', 'Western European and others', 0, 1, '', '', 1)"
    )
    con.execute(
        "INSERT INTO countries (iso3, short_name, formal_name, regional_group, takes_the, member, notes, updated_by,"
        " version) VALUES ('XKX', 'Kosovo', 'Kosovo', 'Eastern European', 0, 0, 'added by hand', '', 1)"
    )
    con.commit()
    con.close()

    open_database(path).dispose()

    con = sqlite3.connect(path)
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "SELECT iso3, short_name, short_name_fr, article_fr, formal_name_fr, language, notes FROM countries"
        )
    }
    con.close()
    assert rows == {
        "BLR": ("Belarus", "Bélarus", "le", "la République du Bélarus", "en", ""),
        "FRA": ("France", "France", "la", "la République française", "fr", ""),
        "XKX": ("Kosovo", "", "", "", "en", "added by hand"),
    }
