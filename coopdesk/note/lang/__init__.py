"""The languages a note and its letter can be written in: one module each, one ``Language`` Protocol.

``language("fr")`` gives the French wording; the note builder passes it down to every section. A new
language is a module implementing ``base.Language``, registered here, and the catalogue's names in it
(the ``*_<code>`` columns).
"""

from __future__ import annotations

from collections.abc import Mapping

from coopdesk.note.lang.base import Language
from coopdesk.note.lang.en import ENGLISH
from coopdesk.note.lang.fr import FRENCH

__all__ = ["LANGUAGES", "Language", "LanguageChoice", "language", "language_for"]

#: A language given by a caller: a ``Language``, its code ("fr"), or None for the State's own.
LanguageChoice = Language | str | None

#: By code (the values of ``vocabularies.LANGUAGE``), in the order a Language choice lists them.
LANGUAGES: dict[str, Language] = {ENGLISH.code: ENGLISH, FRENCH.code: FRENCH}


def language(code: str | None) -> Language:
    """The language of ``code`` ("en", "fr"); English for an empty code. An unknown code is refused in
    plain words."""
    if not code:
        return ENGLISH
    try:
        return LANGUAGES[code.strip().lower()]
    except KeyError:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"'{code}' is not a language notes can be written in (known: {known}).") from None


def language_for(state: Mapping[str, object], choice: LanguageChoice = None) -> Language:
    """The language of a document to a State: the one chosen for it, else the language the State
    corresponds in (its catalogue entry's ``language``), else English. An unknown code is refused in
    plain words (``ValueError``)."""
    if choice is not None and not isinstance(choice, str):
        return choice
    if choice:
        return language(choice)
    return LANGUAGES.get(str(state.get("language") or ""), ENGLISH)
