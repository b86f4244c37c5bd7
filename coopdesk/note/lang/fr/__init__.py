"""The note and the letter in French, as a desk officer of the Secretariat would write them.

``grammar`` holds French grammar (articles and their contractions, elision, agreement, numbers, dates,
money, typography); ``words`` the catalogue's names in a sentence and the building blocks; ``treaties``
and ``activities`` the sentences of the note. ``FRENCH`` is the one ``Language`` they make.
"""

from __future__ import annotations

from coopdesk.note.lang.fr.activities import FrenchActivities
from coopdesk.note.lang.fr.treaties import FrenchTreaties

__all__ = ["FRENCH", "French"]


class French(FrenchTreaties, FrenchActivities):
    """French, with the UN's French names of States and the typography of the UN's French documents."""


FRENCH = French()
