"""The note and the letter in English: the wording of the reference note of 30 October 2009.

``words`` holds the catalogue's names in a sentence and the building blocks (on top of ``note_wording``),
``treaties`` and ``activities`` the sentences of the note. ``ENGLISH`` is the one ``Language`` they make.
"""

from __future__ import annotations

from coopdesk.note.lang.en.activities import EnglishActivities
from coopdesk.note.lang.en.treaties import EnglishTreaties

__all__ = ["ENGLISH", "English"]


class English(EnglishTreaties, EnglishActivities):
    """English, as the reference note and letter word it."""


ENGLISH = English()
