"""French grammar for the note: articles and their contractions, elision, agreement, numbers, dates and
amounts as a French text writes them, and French typography.

Typography is French typography as the UN's French documents print it: a no-break space (U+00A0) before
the colon, the semicolon, the question mark and the exclamation mark ("les suivants :", "des enfants ;
Protocole") and inside guillemets (« ... »), so that no line starts with one of them; and a no-break
space between groups of thousands ("20 000"), between a number and its unit ("20 000 dollars") and
between a day and its month ("17 février": no line ends on the day). The no-break space, not the narrow
one (U+202F) that Babel's
French data uses, because every font the documents are printed in has it (Times New Roman in Word,
Liberation Serif in the PDF, whatever a plain-text reader uses) and the UN's French texts use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Literal

from coopdesk.note.lang.base import Gender, Term
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

NBSP = "\u00a0"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)

#: Words whose initial h is aspirated: no elision before them ("le Honduras", "la Hongrie", "le Haut-
#: Commissariat"). Every other initial h is mute ("d'Haïti", "l'Hôtel").
_H_ASPIRATED = (
    "honduras",
    "hongrie",
    "hongrois",
    "haut",
    "haute",
    "hollande",
    "hambourg",
    "havane",
    "huit",  # "la huitième session", "le huitième Protocole"
)
#: Numbers that open with a vowel and still take no elision: "la onzième session", "le onze".
_NO_ELISION = ("onze", "onzième")

#: Head nouns of the catalogue's names and the gender they give the name; the plural (with -s) is known
#: too. The name's article, its contractions ("du Conseil", "aux Protocoles") and the agreement of
#: participles follow from them.
_NOUN_GENDERS: tuple[tuple[str, Gender], ...] = (
    ("académie", "f"),
    ("accord", "m"),
    ("agence", "f"),
    ("alliance", "f"),
    ("amendement", "m"),
    ("année", "f"),
    ("assemblée", "f"),
    ("association", "f"),
    ("atelier", "m"),
    ("autorité", "f"),
    ("brigade", "f"),
    ("bureau", "m"),
    ("cadre", "m"),
    ("campagne", "f"),
    ("cellule", "f"),
    ("centre", "m"),
    ("coalition", "f"),
    ("code", "m"),
    ("colloque", "m"),
    ("comité", "m"),
    ("commission", "f"),
    ("commonwealth", "m"),
    ("confédération", "f"),
    ("conférence", "f"),
    ("conseil", "m"),
    ("consultation", "f"),
    ("convention", "f"),
    ("cour", "f"),
    ("cycle", "m"),
    ("dialogue", "m"),
    ("direction", "f"),
    ("division", "f"),
    ("déclaration", "f"),
    ("département", "m"),
    ("enquête", "f"),
    ("examen", "m"),
    ("exercice", "m"),
    ("fondation", "f"),
    ("formation", "f"),
    ("forum", "m"),
    ("fédération", "f"),
    ("grand-duché", "m"),
    ("groupe", "m"),
    ("haut-commissariat", "m"),
    ("initiative", "f"),
    ("institut", "m"),
    ("institution", "f"),
    ("instrument", "m"),
    ("journée", "f"),
    ("liste", "f"),
    ("loi", "f"),
    ("législation", "f"),
    ("ministère", "m"),
    ("mission", "f"),
    ("mécanisme", "m"),
    ("observatoire", "m"),
    ("office", "m"),
    ("organe", "m"),
    ("organisation", "f"),
    ("partenariat", "m"),
    ("plan", "m"),
    ("principauté", "f"),
    ("programme", "m"),
    ("projet", "m"),
    ("protocole", "m"),
    ("questionnaire", "m"),
    ("rapport", "m"),
    ("royaume", "m"),
    ("royaume-uni", "m"),
    ("république", "f"),
    ("république-unie", "f"),
    ("réseau", "m"),
    ("résolution", "f"),
    ("réunion", "f"),
    ("secrétariat", "m"),
    ("semaine", "f"),
    ("service", "m"),
    ("session", "f"),
    ("sommet", "m"),
    ("stratégie", "f"),
    ("sultanat", "m"),
    ("séminaire", "m"),
    ("table", "f"),
    ("texte", "m"),
    ("traité", "m"),
    ("tribunal", "m"),
    ("union", "f"),
    ("unité", "f"),
    ("visite", "f"),
    ("école", "f"),
    ("émirat", "m"),
    ("équipe", "f"),
    ("état", "m"),
    ("étude", "f"),
    ("île", "f"),
)


def _plural(noun: str) -> str:
    """ "protocole" -> "protocoles", "réseau" -> "réseaux", "tribunal" -> "tribunaux"."""
    if noun.endswith("eau"):
        return noun + "x"
    if noun.endswith("al"):
        return noun[:-2] + "aux"
    return noun if noun.endswith(("s", "x")) else noun + "s"


_NOUNS: dict[str, tuple[Gender, bool]] = {
    **{word: (gender, False) for word, gender in _NOUN_GENDERS},
    **{_plural(word): (gender, True) for word, gender in _NOUN_GENDERS},
    "fonds": ("m", False),
    "congrès": ("m", False),
    "états-unis": ("m", True),
}

_ARTICLE = re.compile(r"^(le |la |les |l'|l’)", re.IGNORECASE)
_ORDINAL_WORD = re.compile(r"^(premi[eè]re?|premiers|premières|\d+e|\d+er|[\w-]+ièmes?)$", re.IGNORECASE)


# --------------------------------------------------------------------------- elision and articles


def _base_letter(word: str) -> str:
    """The first letter without its accent, lower case ("É" -> "e")."""
    return unicodedata.normalize("NFD", word.lstrip('«“"( '))[:1].lower()


def elides(word: str) -> bool:
    """Whether "le", "la", "de", "que" lose their vowel before ``word``: a vowel or a mute h (not "y":
    "le Yémen"; not "onze", "onzième" nor the aspirated h of "huit", "huitième": "la onzième session")."""
    first = _base_letter(word)
    if first in ("a", "e", "i", "o", "u"):
        head = re.split(r"[\s\-']", word.strip().lower(), maxsplit=1)[0]
        return not head.startswith(_NO_ELISION)
    if first == "h":
        head = re.split(r"[\s\-']", word.strip().lower(), maxsplit=1)[0]
        return not head.startswith(_H_ASPIRATED)
    return False


def split_article(text: str) -> tuple[str, str]:
    """ "la République du Bélarus" -> ("la", "République du Bélarus"); a name without one -> ("", name)."""
    match = _ARTICLE.match(text)
    if match is None:
        return "", text
    article = match.group(1).strip().lower().replace("’", "'")
    return article, text[match.end() :]


@lru_cache(maxsize=4096)
def noun_grammar(text: str) -> tuple[Gender, bool] | None:
    """Gender and number of a name from its head noun ("Convention ..." -> feminine singular; "quatrième
    session" -> feminine; "groupes de travail ..." -> masculine plural); None when the noun is unknown."""
    words = text.strip().lower().split()
    for word in words[:3]:
        word = word.strip(',;:()«»“”"')
        if word in _NOUNS:
            return _NOUNS[word]
        if not _ORDINAL_WORD.match(word):
            break
    return None


def definite_article(gender: Gender, plural: bool, word: str) -> str:
    if plural:
        return "les"
    if elides(word):
        return "l'"
    return "la" if gender == "f" else "le"


@lru_cache(maxsize=4096)
def term_from(
    text: str, gender: Gender | None = None, plural: bool | None = None, fallback: bool = False
) -> Term:
    """A French name as a Term: its article from a leading one ("la République ...") or from its head
    noun ("Convention ..." -> "la"); masculine singular when neither tells."""
    article, rest = split_article(text.strip())
    known = noun_grammar(rest)
    g: Gender = gender or (known[0] if known else "m")
    p = plural if plural is not None else (article == "les" or (known[1] if known else False))
    if not article:
        article = definite_article(g, p, rest)
    return Term(rest, article, g, p, fallback)


def with_article(article: str, text: str) -> str:
    if not article or article == "none":
        return text
    if article == "l'":
        return f"l'{text}"
    return f"{article} {text}"


def contract(preposition: Literal["de", "à"], article: str, text: str) -> str:
    """ "de" + "le Conseil" -> "du Conseil"; "à" + "les Protocoles" -> "aux Protocoles"; "de" + "Israël"
    -> "d'Israël"; "à" + "la Convention" -> "à la Convention"."""
    if article == "le":
        return f"{'du' if preposition == 'de' else 'au'} {text}"
    if article == "les":
        return f"{'des' if preposition == 'de' else 'aux'} {text}"
    if article in ("la", "l'"):
        return f"{preposition} {with_article(article, text)}"
    if preposition == "de" and elides(text):
        return f"d'{text}"
    return f"{preposition} {text}"


def de(word: str) -> str:
    """ "de" before a word, elided where it must be: "de mai", "d'avril", "d'Israël"."""
    return f"d'{word}" if elides(word) else f"de {word}"


def que(word: str) -> str:
    return f"qu'{word}" if elides(word) else f"que {word}"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """ "Questionnaire destiné ..." -> "questionnaire destiné ...", but "ONUDC" and "Enquête des Nations
    Unies" keep their capital where the second letter is upper case or the name is a proper one."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


# --------------------------------------------------------------------------- agreement


def agree(participle: str, gender: Gender, plural: bool) -> str:
    """A past participle or adjective agreeing in gender and number: "élu" -> "élue", "élus", "élues";
    "tenu" -> "tenue"; "créé" -> "créée"; a word ending in -s or -x keeps it in the masculine plural."""
    word = participle
    if gender == "f" and not word.endswith("e"):
        word += "e"
    if plural and not word.endswith(("s", "x")):
        word += "s"
    return word


def avoir(plural: bool) -> str:
    return "ont" if plural else "a"


def etre(plural: bool) -> str:
    return "sont" if plural else "est"


# --------------------------------------------------------------------------- numbers

_UNITS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}


def cardinal(n: int, gender: Gender = "m") -> str:
    """0 to 99 in words (traditional spelling: "vingt et un", "soixante-dix", "quatre-vingts"); digits
    beyond."""
    if not 0 <= n <= 99:
        return str(n)
    if n == 1:
        return "une" if gender == "f" else "un"
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return f"dix-{_UNITS[n - 10]}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix, quatre-vingt-dix
        base, rest = _TENS[tens - 1], 10 + unit
        if tens == 7 and unit == 1:
            return f"{base} et onze"
        return f"{base}-{cardinal(rest)}"
    base = _TENS[tens]
    if unit == 0:
        return "quatre-vingts" if tens == 8 else base
    if unit == 1 and tens != 8:
        return f"{base} et {'une' if gender == 'f' else 'un'}"
    return f"{base}-{cardinal(unit, gender)}"


def ordinal(n: int, gender: Gender = "m") -> str:
    """ "premier"/"première", "deuxième", "cinquième", "neuvième", "vingt et unième", "cinquante-
    deuxième"; "100e" beyond the words."""
    if n == 1:
        return "première" if gender == "f" else "premier"
    if not 1 < n <= 99:
        return f"{n}e"
    word = cardinal(n)
    if word.endswith("quatre-vingts"):
        word = word[:-1]
    if word.endswith("cinq"):
        return word + "uième"
    if word.endswith("neuf"):
        return word[:-1] + "vième"
    if word.endswith("e"):
        word = word[:-1]
    return word + "ième"


def group(n: int) -> str:
    """Digits grouped by three with no-break spaces: 20000 -> "20 000"; 2009 -> "2 009" (not for years)."""
    sign = "-" if n < 0 else ""
    digits = str(abs(n))
    groups = []
    while digits:
        groups.append(digits[-3:])
        digits = digits[:-3]
    return sign + NBSP.join(reversed(groups))


@lru_cache(maxsize=1024)
def money(amount: Money) -> str:
    """ "20 000 dollars des États-Unis", "1 500,50 euros", "1 000 000 de dollars des États-Unis": the number
    with French separators, then the currency's French name in the number's plural form."""
    from babel.core import Locale
    from babel.numbers import get_currency_name, get_currency_precision

    places = get_currency_precision(amount.currency)
    whole, fraction = divmod(abs(amount.minor), 10**places)
    text = group(whole if amount.minor >= 0 else -whole)
    # The plural follows the number as written: "1 euro", "1,50 euro", "2 euros", "1 000 000 de dollars".
    count: int | Decimal = whole
    if fraction:
        text += "," + str(fraction).rjust(places, "0")
        with localcontext() as context:
            context.prec = max(context.prec, len(str(abs(amount.minor))) + 10)
            count = Decimal(abs(amount.minor)).scaleb(-places)
    name = get_currency_name(amount.currency, count=count, locale="fr")
    if name == amount.currency:
        return f"{text}{NBSP}{amount.currency}"
    if Locale.parse("fr").plural_form(count) == "many":
        return f"{text}{NBSP}{de(name)}"
    return f"{text}{NBSP}{name}"


def join(parts: Sequence[str], conjunction: str = "et") -> str:
    """ "A", "A et B", "A, B et C" (no comma before the conjunction)."""
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


# --------------------------------------------------------------------------- dates


def date(d: PartialDate) -> str:
    """ "2008", "mai 2009", "17 février 2005", "1er janvier 2010"."""
    if d.month is None:
        return str(d.year)
    month = MONTHS[d.month - 1]
    if d.day is None:
        return f"{month} {d.year}"
    return f"{_day(d.day)}{NBSP}{month} {d.year}"


def _day(day: int) -> str:
    return "1er" if day == 1 else str(day)


def _day_month(day: int, month: int) -> str:
    """ "17 février": a no-break space, as French typography never parts the day from its month."""
    return f"{_day(day)}{NBSP}{MONTHS[month - 1]}"


def on_date(d: PartialDate) -> str:
    """ "le 17 février 2005", "en mai 2009", "en 2008"."""
    return f"le {date(d)}" if d.precision == "day" else f"en {date(d)}"


def date_range(start: PartialDate, end: PartialDate | None) -> str:
    """Compact, for brackets and lists: "8-17 octobre 2008", "28 septembre-2 octobre 2009", "mai-juillet
    2009", "2008-2009"; dates of different precisions are joined whole."""
    if end is None or end == start:
        return date(start)
    if start.year == end.year and start.month is not None and end.month is not None:
        if start.day is not None and end.day is not None:
            if start.month == end.month:
                return f"{_day(start.day)}-{date(end)}"
            return f"{_day_month(start.day, start.month)}-{date(end)}"
        if start.day is None and end.day is None:
            return f"{MONTHS[start.month - 1]}-{date(end)}"
    return f"{date(start)}-{date(end)}"


def from_to(start: PartialDate, end: PartialDate | None) -> str:
    """A period in words: "du 8 au 17 octobre 2008", "du 28 septembre au 2 octobre 2009", "de mai à
    juillet 2009", "d'avril à juin 2009", "de 2006 à 2009"; "à partir de 2006" without an end."""
    if end is None:
        return f"à partir {_from(date(start), start)}"
    if end == start:
        return on_date(start)
    same_year = start.year == end.year
    if start.day is not None and end.day is not None and same_year and start.month is not None:
        first = _day(start.day) if start.month == end.month else _day_month(start.day, start.month)
        return f"du {first} au {date(end)}"
    if (
        start.day is None
        and end.day is None
        and start.month is not None
        and end.month is not None
        and same_year
    ):
        return f"{de(MONTHS[start.month - 1])} à {date(end)}"
    return f"{_from(date(start), start)} {'au' if end.day is not None else 'à'} {date(end)}"


def _from(text: str, start: PartialDate) -> str:
    """ "du 1er janvier 2006", "de mai 2006", "d'avril 2006", "de 2006"."""
    return f"du {text}" if start.day is not None else de(text)


def on_range(start: PartialDate, end: PartialDate | None) -> str:
    """An event placed in time: a single date as ``on_date``, a period as ``from_to``."""
    if end is None or end == start:
        return on_date(start)
    return from_to(start, end)


def since(d: PartialDate) -> str:
    """ "depuis le 1er janvier 2010", "depuis mai 2009", "depuis 2010"."""
    return f"depuis le {date(d)}" if d.precision == "day" else f"depuis {date(d)}"


def until(d: PartialDate) -> str:
    """ "jusqu'au 31 décembre 2013", "jusqu'en décembre 2013", "jusqu'en 2013"."""
    return f"jusqu'au {date(d)}" if d.precision == "day" else f"jusqu'en {date(d)}"


# --------------------------------------------------------------------------- typography

#: A semicolon, question mark or exclamation mark after a space, and one closing a word (not one inside a
#: word or an address: "www.example.org/?a=1").
_SPACED_TALL = re.compile(r"[ \u00a0\u202f\u2009]+([;!?]+)")
_GLUED_TALL = re.compile(r"(?<=[^\s:;!?])([;!?]+)(?=[\s»)]|$)")
_BEFORE_COLON = re.compile(r"(?<=[^\s:;!?])[ \u00a0\u202f\u2009]*:(?=\s|$)")
_OPEN_GUILLEMET = re.compile(r"«[ \u00a0\u202f\u2009]*")
_CLOSE_GUILLEMET = re.compile(r"[ \u00a0\u202f\u2009]*»")


_TYPOGRAPHIC = frozenset(":;!?«»")


def typography(text: str) -> str:
    """French spacing: a no-break space before ":", ";", "?" and "!" and inside « ». A sign inside a word,
    a number or an address ("http://", "10:30", "/?a=1") is left alone."""
    if _TYPOGRAPHIC.isdisjoint(text):
        return text
    text = _OPEN_GUILLEMET.sub(f"«{NBSP}", text)
    text = _CLOSE_GUILLEMET.sub(f"{NBSP}»", text)
    text = _SPACED_TALL.sub(f"{NBSP}\\1", text)
    text = _GLUED_TALL.sub(f"{NBSP}\\1", text)
    return _BEFORE_COLON.sub(f"{NBSP}:", text)


def quote(text: str) -> str:
    return f"«{NBSP}{text.strip()}{NBSP}»"
