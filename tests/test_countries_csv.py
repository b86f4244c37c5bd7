"""Checks for the catalogue of UN Member States and observer States."""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

CSV_PATH = Path(__file__).resolve().parents[1] / "resources" / "catalogue" / "countries.csv"

HEADER = [
    "iso3",
    "short_name",
    "formal_name",
    "regional_group",
    "takes_the",
    "member",
    "short_name_fr",
    "article_fr",
    "gender_fr",
    "number_fr",
    "in_fr",
    "formal_name_fr",
    "language",
    "notes",
]

GROUPS = {
    "African",
    "Asia-Pacific",
    "Eastern European",
    "Latin American and Caribbean",
    "Western European and others",
}

# Member States per UN regional group. Kiribati sits in Asia-Pacific;
# Türkiye and Israel are counted in WEOG only; the United States is counted
# with WEOG for electoral purposes.
MEMBER_GROUP_COUNTS = {
    "African": 54,
    "Asia-Pacific": 54,
    "Eastern European": 23,
    "Latin American and Caribbean": 33,
    "Western European and others": 29,
}


@pytest.fixture(scope="module")
def rows():
    with CSV_PATH.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == HEADER
        return list(reader)


@pytest.fixture(scope="module")
def by_iso(rows):
    return {r["iso3"]: r for r in rows}


def test_member_and_observer_counts(rows):
    members = [r for r in rows if r["member"] == "1"]
    observers = [r for r in rows if r["member"] == "0"]
    assert len(members) == 193
    assert len(observers) == 2
    assert len(rows) == 195
    assert {r["iso3"] for r in observers} == {"VAT", "PSE"}


def test_flags_are_zero_or_one(rows):
    for r in rows:
        assert r["member"] in {"0", "1"}, r
        assert r["takes_the"] in {"0", "1"}, r


def test_iso3_unique_and_well_formed(rows):
    codes = [r["iso3"] for r in rows]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[A-Z]{3}", code), code


def test_names_unique_and_non_empty(rows):
    short = [r["short_name"] for r in rows]
    assert all(s.strip() == s and s for s in short)
    assert len(short) == len(set(short))
    for r in rows:
        formal = r["formal_name"]
        assert formal and formal.strip() == formal, r
        assert not formal.lower().startswith("the "), r


def test_regional_groups(rows):
    for r in rows:
        assert r["regional_group"] in GROUPS, r
    counts = Counter(r["regional_group"] for r in rows if r["member"] == "1")
    assert dict(counts) == MEMBER_GROUP_COUNTS
    assert sum(MEMBER_GROUP_COUNTS.values()) == 193


def test_spot_checks(by_iso):
    blr = by_iso["BLR"]
    assert blr["short_name"] == "Belarus"
    assert blr["formal_name"] == "Republic of Belarus"
    assert blr["regional_group"] == "Eastern European"
    assert blr["takes_the"] == "0"

    assert by_iso["NLD"]["takes_the"] == "1"
    assert by_iso["NLD"]["short_name"] == "Netherlands (Kingdom of the)"
    assert by_iso["NLD"]["formal_name"] == "Kingdom of the Netherlands"
    assert by_iso["NER"]["takes_the"] == "1"
    assert by_iso["TUR"]["short_name"] == "Türkiye"
    assert by_iso["TUR"]["regional_group"] == "Western European and others"
    assert by_iso["BOL"]["short_name"] == "Bolivia (Plurinational State of)"
    assert by_iso["BOL"]["formal_name"] == "Plurinational State of Bolivia"
    assert by_iso["CIV"]["short_name"] == "Côte d'Ivoire"
    assert by_iso["CZE"]["short_name"] == "Czechia"
    assert by_iso["CZE"]["takes_the"] == "0"
    assert by_iso["KIR"]["regional_group"] == "Asia-Pacific"
    assert by_iso["ISR"]["regional_group"] == "Western European and others"
    assert by_iso["USA"]["regional_group"] == "Western European and others"
    assert by_iso["RUS"]["regional_group"] == "Eastern European"
    assert by_iso["VAT"]["short_name"] == "Holy See"
    assert by_iso["VAT"]["regional_group"] == "Western European and others"
    assert by_iso["PSE"]["short_name"] == "State of Palestine"
    assert by_iso["PSE"]["regional_group"] == "Asia-Pacific"
    for iso in ("JPN", "HUN", "IRL", "JAM", "CAN", "GEO", "UKR", "BIH", "LCA"):
        assert by_iso[iso]["formal_name"] == by_iso[iso]["short_name"], iso
