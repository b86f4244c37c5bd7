"""French grammar for the note: elision, articles and their contractions, agreement, numbers in words,
dates at each precision, amounts with French separators, and the typography of the UN's French texts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.note.lang.fr import grammar as g
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

NBSP = "\u00a0"
NNBSP = "\u202f"


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    year = draw(st.integers(1900, 2100))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(year)
    month = draw(st.integers(1, 12))
    if precision == "month":
        return PartialDate(year, month)
    return PartialDate(year, month, draw(st.integers(1, 28)))


# --------------------------------------------------------------------------- elision and articles


@pytest.mark.parametrize(
    ("word", "elides"),
    [
        ("Ouzbékistan", True),
        ("Équateur", True),
        ("Afghanistan", True),
        ("Haïti", True),  # mute h: "d'Haïti"
        ("Honduras", False),  # aspirated: "le Honduras"
        ("Hongrie", False),
        ("Yémen", False),  # "le Yémen"
        ("Bélarus", False),
        ("ICAT", True),
        ("CND", False),
        # numbers: "la huitième session", "la onzième session", "le huit", but "l'un", "la dix-huitième"
        ("huitième session", False),
        ("huit", False),
        ("onzième session", False),
        ("onze", False),
        ("un", True),
        ("unième", True),
        ("dix-huitième session", False),
    ],
)
def test_elision(word: str, elides: bool) -> None:
    assert g.elides(word) is elides


@pytest.mark.parametrize(
    ("preposition", "article", "name", "expected"),
    [
        ("de", "le", "Bélarus", "du Bélarus"),
        ("de", "la", "Belgique", "de la Belgique"),
        ("de", "l'", "Ouzbékistan", "de l'Ouzbékistan"),
        ("de", "les", "Pays-Bas", "des Pays-Bas"),
        ("de", "", "Cuba", "de Cuba"),
        ("de", "", "Israël", "d'Israël"),
        ("de", "", "Haïti", "d'Haïti"),
        ("à", "le", "Bélarus", "au Bélarus"),
        ("à", "la", "Belgique", "à la Belgique"),
        ("à", "l'", "Ouzbékistan", "à l'Ouzbékistan"),
        ("à", "les", "Pays-Bas", "aux Pays-Bas"),
        ("à", "", "Cuba", "à Cuba"),
    ],
)
def test_contractions(preposition: str, article: str, name: str, expected: str) -> None:
    assert g.contract(preposition, article, name) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "article", "gender", "plural"),
    [
        ("Convention des Nations Unies contre la corruption", "la", "f", False),
        ("Protocole contre le trafic illicite de migrants", "le", "m", False),
        ("Amendement à la Convention", "l'", "m", False),
        ("Enquête des Nations Unies", "l'", "f", False),
        ("Office des Nations Unies contre la drogue et le crime", "l'", "m", False),
        ("quatrième session", "la", "f", False),
        ("cinquante-deuxième session", "la", "f", False),
        ("groupes de travail intersessions", "les", "m", True),
        ("Questionnaires et listes de contrôle", "les", "m", True),
        ("la République du Bélarus", "la", "f", False),
        ("le Royaume des Pays-Bas", "le", "m", False),
        ("les États-Unis d'Amérique", "les", "m", True),
        ("l'État de Palestine", "l'", "m", False),
    ],
)
def test_a_name_takes_its_article_and_gender_from_its_head_noun(
    text: str, article: str, gender: str, plural: bool
) -> None:
    term = g.term_from(text)
    assert (term.article, term.gender, term.plural) == (article, gender, plural)
    assert not term.text.startswith(("le ", "la ", "les ", "l'"))


# --------------------------------------------------------------------------- agreement


@pytest.mark.parametrize(
    ("participle", "m", "f", "m_pl", "f_pl"),
    [
        ("élu", "élu", "élue", "élus", "élues"),
        ("tenu", "tenu", "tenue", "tenus", "tenues"),
        ("créé", "créé", "créée", "créés", "créées"),
        ("ratifié", "ratifié", "ratifiée", "ratifiés", "ratifiées"),
        ("devenu", "devenu", "devenue", "devenus", "devenues"),
        ("pris", "pris", "prise", "pris", "prises"),
    ],
)
def test_past_participles_agree_in_gender_and_number(
    participle: str, m: str, f: str, m_pl: str, f_pl: str
) -> None:
    assert g.agree(participle, "m", False) == m
    assert g.agree(participle, "f", False) == f
    assert g.agree(participle, "m", True) == m_pl
    assert g.agree(participle, "f", True) == f_pl


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "un"),
        (3, "trois"),
        (4, "quatre"),
        (16, "seize"),
        (17, "dix-sept"),
        (21, "vingt et un"),
        (52, "cinquante-deux"),
        (70, "soixante-dix"),
        (71, "soixante et onze"),
        (80, "quatre-vingts"),
        (81, "quatre-vingt-un"),
        (91, "quatre-vingt-onze"),
        (99, "quatre-vingt-dix-neuf"),
        (100, "100"),
    ],
)
def test_numbers_in_words(n: int, words: str) -> None:
    assert g.cardinal(n) == words


@pytest.mark.parametrize(
    ("n", "gender", "words"),
    [
        (1, "m", "premier"),
        (1, "f", "première"),
        (2, "f", "deuxième"),
        (3, "m", "troisième"),
        (4, "f", "quatrième"),
        (5, "f", "cinquième"),
        (9, "f", "neuvième"),
        (11, "f", "onzième"),
        (18, "f", "dix-huitième"),
        (21, "f", "vingt et unième"),
        (52, "f", "cinquante-deuxième"),
        (80, "f", "quatre-vingtième"),
        (150, "f", "150e"),
    ],
)
def test_ordinals(n: int, gender: str, words: str) -> None:
    assert g.ordinal(n, gender) == words  # type: ignore[arg-type]


@given(st.integers(2, 99))
def test_every_ordinal_is_a_word_in_ieme(n: int) -> None:
    word = g.ordinal(n)
    assert word.endswith("ième") and " ième" not in word and "--" not in word
    assert re.fullmatch(r"[a-zéè\- ]+", word)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("date", "text", "placed"),
    [
        (PartialDate(2005, 2, 17), "17\u00a0février 2005", "le 17\u00a0février 2005"),
        (PartialDate(2010, 1, 1), "1er\u00a0janvier 2010", "le 1er\u00a0janvier 2010"),
        (PartialDate(2009, 5), "mai 2009", "en mai 2009"),
        (PartialDate(2009, 8), "août 2009", "en août 2009"),
        (PartialDate(2008), "2008", "en 2008"),
    ],
)
def test_dates_at_each_precision(date: PartialDate, text: str, placed: str) -> None:
    assert g.date(date) == text
    assert g.on_date(date) == placed


@pytest.mark.parametrize(
    ("start", "end", "compact", "period"),
    [
        (
            PartialDate(2008, 10, 8),
            PartialDate(2008, 10, 17),
            "8-17\u00a0octobre 2008",
            "du 8 au 17\u00a0octobre 2008",
        ),
        (
            PartialDate(2009, 3, 1),
            PartialDate(2009, 3, 3),
            "1er-3\u00a0mars 2009",
            "du 1er au 3\u00a0mars 2009",
        ),
        (
            PartialDate(2009, 9, 28),
            PartialDate(2009, 10, 2),
            "28\u00a0septembre-2\u00a0octobre 2009",
            "du 28\u00a0septembre au 2\u00a0octobre 2009",
        ),
        (
            PartialDate(2008, 12, 30),
            PartialDate(2009, 1, 2),
            "30\u00a0décembre 2008-2\u00a0janvier 2009",
            "du 30\u00a0décembre 2008 au 2\u00a0janvier 2009",
        ),
        (PartialDate(2009, 5), PartialDate(2009, 7), "mai-juillet 2009", "de mai à juillet 2009"),
        (PartialDate(2009, 4), PartialDate(2009, 6), "avril-juin 2009", "d'avril à juin 2009"),
        (
            PartialDate(2008, 10),
            PartialDate(2009, 1),
            "octobre 2008-janvier 2009",
            "d'octobre 2008 à janvier 2009",
        ),
        (PartialDate(2006), PartialDate(2009), "2006-2009", "de 2006 à 2009"),
        (PartialDate(2008), PartialDate(2009, 5), "2008-mai 2009", "de 2008 à mai 2009"),
    ],
)
def test_date_ranges(start: PartialDate, end: PartialDate, compact: str, period: str) -> None:
    assert g.date_range(start, end) == compact
    assert g.from_to(start, end) == period
    assert g.on_range(start, end) == period


def test_open_periods_since_and_until() -> None:
    assert g.from_to(PartialDate(2006, 1, 1), None) == "à partir du 1er\u00a0janvier 2006"
    assert g.from_to(PartialDate(2006, 4), None) == "à partir d'avril 2006"
    assert g.from_to(PartialDate(2006), None) == "à partir de 2006"
    assert g.since(PartialDate(2010, 1, 1)) == "depuis le 1er\u00a0janvier 2010"
    assert g.since(PartialDate(2010)) == "depuis 2010"
    assert g.until(PartialDate(2013, 12, 31)) == "jusqu'au 31\u00a0décembre 2013"
    assert g.until(PartialDate(2013, 12)) == "jusqu'en décembre 2013"
    assert g.until(PartialDate(2013)) == "jusqu'en 2013"
    assert g.on_range(PartialDate(2009, 4, 23), None) == "le 23\u00a0avril 2009"


@given(partial_dates())
def test_a_date_is_placed_by_its_precision(date: PartialDate) -> None:
    placed = g.on_date(date)
    assert placed.startswith("le ") if date.precision == "day" else placed.startswith("en ")
    assert placed.endswith(str(date.year))
    assert ("1er" in placed) == (date.day == 1)
    if date.month is not None:
        assert g.MONTHS[date.month - 1] in placed


@given(partial_dates(), partial_dates())
def test_a_period_names_both_ends(start: PartialDate, end: PartialDate) -> None:
    if end <= start:
        start, end = end, start
    period = g.from_to(start, end)
    assert str(end.year) in period
    assert period.startswith(("du ", "de ", "d'", "le ", "en "))
    assert " de le " not in period and " à le " not in period


# --------------------------------------------------------------------------- money and grouping


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Money(2_000_000, "USD"), f"20{NBSP}000{NBSP}dollars des États-Unis"),
        (Money(2_000_050, "USD"), f"20{NBSP}000,50{NBSP}dollars des États-Unis"),
        (Money(100, "EUR"), f"1{NBSP}euro"),
        (Money(150, "EUR"), f"1,50{NBSP}euro"),
        (Money(250_000, "EUR"), f"2{NBSP}500{NBSP}euros"),
        (Money(100_000_000, "USD"), f"1{NBSP}000{NBSP}000{NBSP}de dollars des États-Unis"),
        (Money(5000, "JPY"), f"5{NBSP}000{NBSP}yens japonais"),
        (Money(10_000, "GBP"), f"100{NBSP}livres sterling"),
    ],
)
def test_amounts_with_french_separators_and_the_currency_in_words(amount: Money, text: str) -> None:
    assert g.money(amount) == text


@given(st.integers(0, 10**13), st.sampled_from(["USD", "EUR", "JPY", "CHF"]))
def test_amounts_group_with_no_break_spaces_and_read_back(minor: int, currency: str) -> None:
    """The choice for grouping is U+00A0 (every font has it), never Babel's U+202F; the figures read back
    to the same amount."""
    text = g.money(Money(minor, currency))
    assert NNBSP not in text and " " not in text.split(NBSP, 1)[0]
    figures = re.match(r"(\d{1,3}(?:\u00a0\d{3})*)(,\d+)?\u00a0\D", text)
    assert figures is not None, text
    digits = figures.group(1).replace(NBSP, "") + (figures.group(2) or "").replace(",", ".")
    assert Money.parse(digits, currency) == Money(minor, currency)


def test_grouping() -> None:
    assert g.group(1234567) == f"1{NBSP}234{NBSP}567"
    assert g.group(999) == "999"
    assert g.group(-1000) == f"-1{NBSP}000"


def test_lists_have_no_comma_before_the_conjunction() -> None:
    assert g.join(["A"]) == "A"
    assert g.join(["A", "B"]) == "A et B"
    assert g.join(["A", "B", "C"]) == "A, B et C"
    assert g.join(["A", "B"], "ou") == "A ou B"


# --------------------------------------------------------------------------- typography


def test_typography_of_the_uns_french_documents() -> None:
    assert g.typography("les suivants: a") == f"les suivants{NBSP}: a"
    assert g.typography("les suivants :") == f"les suivants{NBSP}:"
    # a no-break space before the semicolon, the exclamation and the question mark too, none missing
    assert g.typography("A ; B ! C ?") == f"A{NBSP}; B{NBSP}! C{NBSP}?"
    assert g.typography("des enfants; Protocole") == f"des enfants{NBSP}; Protocole"
    assert g.typography("Vraiment?! Oui.") == f"Vraiment{NBSP}?! Oui."
    # not inside an address
    assert g.typography("www.unodc.org/?lang=fr") == "www.unodc.org/?lang=fr"
    assert g.typography("« titre »") == f"«{NBSP}titre{NBSP}»"
    assert g.typography("«titre»") == f"«{NBSP}titre{NBSP}»"
    assert g.quote("Renforcer la coordination") == f"«{NBSP}Renforcer la coordination{NBSP}»"
    # a colon inside an address or a time is not punctuation
    assert g.typography("www.unodc.org http://x.org 10:30") == "www.unodc.org http://x.org 10:30"
    assert g.typography("Tél. : (+43-1) 26060-0") == f"Tél.{NBSP}: (+43-1) 26060-0"


@given(st.text(alphabet="ab :;!?«» \u00a0", max_size=40))
def test_typography_is_idempotent_and_puts_a_no_break_space_before_semicolons(text: str) -> None:
    once = g.typography(text)
    assert g.typography(once) == once
    # a semicolon, exclamation or question mark closing a word has a no-break space before it, no other
    # (a run of signs with only signs before it is left as typed)
    assert not re.search(r"[^\S\u00a0][;!?]", once)
    assert not re.search(r"[^\s:;!?][;!?]+(\s|$)", once)
    # a colon after a word has a no-break space before it, not an ordinary or a narrow one
    assert not re.search(r"[^\s:;!?][ \u202f]*:(\s|$)", once)
