"""French: the catalogue's names in a sentence, the building blocks, the note's title and the letter.

A State's names, article, gender, number and "in" come from the catalogue (the UN's French names); the
gender and number of other names (instruments, bodies, meetings) follow from their head noun
("Convention", "Protocole", "Commission"). The grammar itself is in ``grammar``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from coopdesk.note.lang.facts import (
    Action,
    Conjunction,
    Gender,
    Preposition,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.lang.fr import grammar as g
from coopdesk.note.model import Span
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

NBSP = g.NBSP
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
#: What the note calls the organisation while its profile is blank.
GENERIC_ORGANISATION = Term("Organisation", "l'", "f")
_MONTH = "|".join(g.MONTHS)
_DATELINE = re.compile(
    rf"Situation (?:au (?:1er|\d{{1,2}})[ \u00a0](?:{_MONTH}) \d{{4}}|en (?:(?:{_MONTH}) )?\d{{4}})"
)

#: Treaty actions: (past participle, the preposition it governs). With "avoir", so no agreement.
ACTIONS: dict[str, tuple[str, str]] = {
    "ratification": ("ratifié", ""),
    "acceptance": ("accepté", ""),
    "approval": ("approuvé", ""),
    "accession": ("adhéré", "à"),
    "succession": ("succédé", "à"),
    "formal_confirmation": ("confirmé formellement", ""),
    "definitive_signature": ("signé définitivement", ""),
    "signature": ("signé", ""),
    "denunciation": ("dénoncé", ""),
}


def text_of(values: Mapping[str, object], name: str) -> str:
    return " ".join(str(values.get(name) or "").split())


def plain(text: str) -> Span:
    """A run of French text, with French spacing around its punctuation."""
    return Span(g.typography(text))


def bold(text: str) -> Span:
    return Span(g.typography(text), bold=True)


def sentence_end(text: str) -> str:
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


class FrenchWords:
    """French, with the UN's French names of States and the typography of the UN's French documents."""

    code = "fr"
    name = "Français"
    tag = "fr-FR"

    # ------------------------------------------------------------------ the catalogue's names

    def state(self, values: Mapping[str, object]) -> StateName:
        short = text_of(values, "short_name_fr")
        if not short:
            english = _QUALIFIER.sub("", text_of(values, "short_name")) or text_of(values, "short_name")
            formal_en = text_of(values, "formal_name") or english
            return StateName(Term(english, "", fallback=True), Term(formal_en, "", fallback=True), "à")
        article = text_of(values, "article_fr")
        gender: Gender = "f" if values.get("gender_fr") == "f" else "m"
        plural = values.get("number_fr") == "plural" or article == "les"
        running = _QUALIFIER.sub("", short) or short
        short_term = Term(running, "" if article in ("none", "") else article, gender, plural)
        formal_text = text_of(values, "formal_name_fr")
        if formal_text:
            formal_article, rest = g.split_article(formal_text)
            known = g.noun_grammar(rest)
            formal = (
                Term(rest, formal_article, known[0], known[1])
                if known and formal_article
                else Term(rest, formal_article, gender, plural)
            )
        else:
            formal = Term(text_of(values, "formal_name") or short, "", gender, plural, fallback=True)
        in_words = text_of(values, "in_fr") or ("aux" if plural else "en")
        return StateName(short_term, formal, in_words)

    def term(self, values: Mapping[str, object], field: str) -> Term:
        text = text_of(values, f"{field}_fr")
        if not text and field.startswith("short_"):
            text = text_of(values, f"{field.removeprefix('short_')}_fr")
        if text:
            return g.term_from(text)
        english = text_of(values, field) or text_of(values, field.removeprefix("short_"))
        return Term(english, "", fallback=bool(english))

    def text(self, values: Mapping[str, object], field: str) -> Term:
        text = text_of(values, f"{field}_fr")
        if text:
            return Term(text)
        english = text_of(values, field)
        return Term(english, fallback=bool(english))

    def named(self, text: str) -> Term:
        return g.term_from(" ".join(text.split())) if text.strip() else Term("")

    def code_term(self, code: str, named: Term) -> Term:
        return Term(code, g.definite_article(named.gender, named.plural, code), named.gender, named.plural)

    def organisation(self, values: Mapping[str, object]) -> tuple[Term, Term]:
        if not text_of(values, "name_fr") and not text_of(values, "name"):
            return GENERIC_ORGANISATION, GENERIC_ORGANISATION
        name = self.term(values, "name")
        short = text_of(values, "short_name_fr")
        if not short:
            return name, self.term(values, "short_name")
        return name, self.code_term(short, name)

    # ------------------------------------------------------------------ building blocks

    def typography(self, text: str) -> str:
        return g.typography(text)

    def quote(self, text: str) -> str:
        return g.quote(text)

    def capitalise(self, text: str) -> str:
        return g.capitalise(text)

    def the(self, term: Term) -> str:
        return g.with_article(term.article, term.text)

    def prep(self, preposition: Preposition, term: Term) -> str:
        return g.contract("de" if preposition == "of" else "à", term.article, term.text)

    def join(self, parts: Sequence[str], conjunction: Conjunction = "and") -> str:
        return g.join(parts, "et" if conjunction == "and" else "ou")

    def number(self, n: int) -> str:
        return g.group(n)

    def number_word(self, n: int, gender: Gender = "m") -> str:
        return g.cardinal(n, gender)

    def ordinal(self, n: int, gender: Gender = "m") -> str:
        return g.ordinal(n, gender)

    def count_of(self, n: int, m: int) -> str:
        return f"{g.group(n)} des {g.group(m)}"

    def money(self, amount: Money) -> str:
        return g.money(amount)

    def date(self, date: PartialDate) -> str:
        return g.date(date)

    def on_date(self, date: PartialDate) -> str:
        return g.on_date(date)

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        return g.date_range(start, end)

    def on_range(self, start: PartialDate, end: PartialDate | None) -> str:
        return g.on_range(start, end)

    def from_to(self, start: PartialDate, end: PartialDate | None) -> str:
        return g.from_to(start, end)

    def since(self, date: PartialDate) -> str:
        return g.since(date)

    def until(self, date: PartialDate) -> str:
        return g.until(date)

    def between_years(self, first: int, last: int) -> str:
        return f"entre {first} et {last}"

    # ------------------------------------------------------------------ a State in a sentence

    def subject(self, state: StateName) -> str:
        return g.capitalise(self.the(state.short))

    def state_in(self, state: StateName) -> str:
        words = state.in_words
        return f"{words}{state.short.text}" if words.endswith("'") else f"{words} {state.short.text}"

    def state_of(self, state: StateName) -> str:
        return g.contract("de", state.short.article, state.short.text)

    def state_to(self, state: StateName) -> str:
        return g.contract("à", state.short.article, state.short.text)

    def formal(self, state: StateName) -> str:
        return self.the(state.formal)

    def formal_of(self, state: StateName) -> str:
        return g.contract("de", state.formal.article, state.formal.text)

    # ------------------------------------------------------------------ verbs

    def participle(self, participle: str, subject: Term) -> str:
        return g.agree(participle, subject.gender, subject.plural)

    def action_verb(self, action: Action, subject: Term) -> str:
        participle, preposition = self._action(action, subject)
        return f"{participle} {preposition}" if preposition else participle

    def _action(self, action: Action, subject: Term) -> tuple[str, str]:
        """ "a ratifié", ""; "ont adhéré", "à"; "est devenue partie", "à"."""
        if action in ACTIONS:
            participle, preposition = ACTIONS[action]
            return f"{g.avoir(subject.plural)} {participle}", preposition
        if action == "withdrawal":  # pronominal: "s'est retirée de", "se sont retirés de"
            retire = g.agree("retiré", subject.gender, subject.plural)
            reflexive = "se sont" if subject.plural else "s'est"
            return f"{reflexive} {retire}", "de"
        devenu = g.agree("devenu", subject.gender, subject.plural)
        return f"{g.etre(subject.plural)} {devenu} {'parties' if subject.plural else 'partie'}", "à"

    # ------------------------------------------------------------------ spans with contractions

    @staticmethod
    def _governed(preposition: str, term: Term) -> str:
        """A name after a verb, with the preposition the verb governs: "la Convention", "à la
        Convention", "aux Protocoles", "des Protocoles"."""
        if not preposition:
            return g.with_article(term.article, term.text)
        return g.contract("de" if preposition == "de" else "à", term.article, term.text)

    def _object(self, preposition: str, term: Term, tail: str = "") -> Spans:
        """A named object in bold after a verb or noun, with its preposition: "à **la Convention**",
        "**au Protocole**" (a contracted article stays with the name it belongs to)."""
        if not preposition:
            return [bold(self.the(term) + tail)]
        contracted = g.contract("de" if preposition == "de" else "à", term.article, term.text)
        if term.article in ("le", "les"):
            return [bold(contracted + tail)]
        plain_part = contracted[: len(contracted) - len(self.the(term))]
        return [plain(plain_part), bold(self.the(term) + tail)]

    # ------------------------------------------------------------------ the note's title

    def note_title(self, organisation: Term, state: StateName) -> str:
        return g.typography(
            f"Coopération entre {self.the(organisation)} et le Gouvernement {self.formal_of(state)}"
        )

    def note_subtitle(self) -> str:
        return "Note pour le dossier"

    @staticmethod
    def _as_of(date: PartialDate) -> str:
        """ "au 30 octobre 2009", "en octobre 2009", "en 2009": the date a note speaks of."""
        return f"au {g.date(date)}" if date.precision == "day" else f"en {g.date(date)}"

    def dateline(self, date: PartialDate) -> str:
        return f"Situation {self._as_of(date)}"

    def is_dateline(self, text: str) -> bool:
        return _DATELINE.fullmatch(text.strip()) is not None

    def nothing_recorded(self, state: StateName, date: PartialDate) -> Spans:
        return [
            plain(f"Aucune information n'est enregistrée pour {self.the(state.short)} {self._as_of(date)}.")
        ]

    # ------------------------------------------------------------------ the letter

    def letter_subject(self, organisation: Term, state: StateName) -> str:
        return f"Coopération entre {self.the(organisation)} et {self.formal(state)}"

    def letter_body(self, organisation: Term, state: StateName) -> str:
        return (
            "Vous trouverez ci-joint une note succincte pour le dossier sur certains des domaines dans lesquels "
            f"{self.the(organisation)} coopère avec le Gouvernement {self.formal_of(state)}."
        )

    def letter_closing(self) -> str:
        return "Je vous prie d'agréer l'assurance de ma haute considération."

    def letter_date(self, date: PartialDate) -> str:
        return g.capitalise(g.on_date(date)) if date.precision == "day" else g.date(date)

    def reference_label(self, reference: str) -> str:
        return f"Réf.{NBSP}: {reference}"

    def page_label(self, number: int, total: int) -> str:
        return f"Page {number} sur {total}"

    def page_words(self) -> tuple[str, str]:
        return "Page ", " sur "
