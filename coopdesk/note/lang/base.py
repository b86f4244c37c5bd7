"""What a language gives the country note and its cover letter: one Protocol, one module per language.

The note's sections decide *what* to say (which facts, in which order, as of which date) and hand the
facts to a ``Language``; the language decides *how* it is said: the words, their order, the articles and
their contractions, agreement, dates, numbers, money and typography. So the wording of each language
lives in one package per language (``en``, ``fr``), and a third language is one more package plus the
catalogue's names in it (the ``*_<code>`` columns), with no ``if lang == ...`` anywhere in the sections.

The facts are plain values (``Term``, ``StateName``, ``PartialDate``, ``Money`` and the small fact records
of ``facts``); every sentence comes back as spans (bold where the reference note puts bold), ready for
``note_model.ListItem``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from coopdesk.note.lang.facts import (
    Action,
    AssistanceFact,
    Conjunction,
    ContributionFact,
    Gender,
    InitiativeFact,
    InstrumentFact,
    MeetingFact,
    Preposition,
    ProjectFact,
    Recipient,
    ReportFact,
    Role,
    Spans,
    StateName,
    Term,
)
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate

if TYPE_CHECKING:
    from coopdesk.records.derived import Tense


class Language(Protocol):
    """The wording of the note and the letter in one language. Stateless: one instance serves every note."""

    code: str  # "en", "fr": the value of vocabularies.LANGUAGE and of the catalogue's column suffix
    name: str  # the language's own name, for the Language choice ("English", "Français")
    tag: str  # its BCP 47 tag, which documents carry for spelling and reading aloud ("en-GB", "fr-FR")

    # ------------------------------------------------------------------ the catalogue's names

    def state(self, values: Mapping[str, object]) -> StateName:
        """A State's names in this language, from its catalogue entry (the English names where this
        language's are missing, marked as a fallback)."""
        ...

    def term(self, values: Mapping[str, object], field: str) -> Term:
        """A catalogue entry's name (``field`` = "title", "name", "running_name"...) in this language,
        with its article and gender; the English one marked as a fallback where this language's is empty.
        Plain texts (a description, a place, a session) come the same way: use ``text``."""
        ...

    def text(self, values: Mapping[str, object], field: str) -> Term:
        """A plain text of a catalogue entry (a place, a session, a description, an address) in this
        language, as written: no article taken off it ("La Haye" stays whole); the English text marked as
        a fallback where this language's is empty."""
        ...

    def named(self, text: str) -> Term:
        """A name the officer typed (a recipient that is not in the catalogue), with the article this
        language gives it."""
        ...

    def code_term(self, code: str, named: Term) -> Term:
        """A body's abbreviation with the article its full name gives it: "l'ICAT", "la CND"."""
        ...

    def organisation(self, values: Mapping[str, object]) -> tuple[Term, Term]:
        """The organisation's name and short name from its profile: "United Nations Office on Drugs and
        Crime" and "UNODC" (which takes no article in English) / "l'Office ..." and "l'ONUDC"; "the
        Organisation" / "l'Organisation" while the profile is blank."""
        ...

    # ------------------------------------------------------------------ building blocks

    def typography(self, text: str) -> str:
        """The language's spacing around punctuation applied to a finished text (identity in English)."""
        ...

    def quote(self, text: str) -> str:
        """A quoted title: “...” in English, « ... » in French."""
        ...

    def capitalise(self, text: str) -> str: ...

    def the(self, term: Term) -> str:
        """The name with its article: "the Commission on Narcotic Drugs", "la Commission des stupéfiants"."""
        ...

    def prep(self, preposition: Preposition, term: Term) -> str:
        """ "of the Council" / "du Conseil", "to the Protocol" / "au Protocole", "des Protocoles"."""
        ...

    def join(self, parts: Sequence[str], conjunction: Conjunction = "and") -> str:
        """ "A, B and C" / "A, B et C"."""
        ...

    def number(self, n: int) -> str:
        """A whole number with the language's grouping: "20,000" / "20 000" (no-break space)."""
        ...

    def number_word(self, n: int, gender: Gender = "m") -> str:
        """A small count as the language writes it in running text."""
        ...

    def ordinal(self, n: int, gender: Gender = "m") -> str:
        """ "first", "third" / "premier", "première", "troisième"."""
        ...

    def count_of(self, n: int, m: int) -> str:
        """ "13 out of 16" / "13 des 16"."""
        ...

    def money(self, amount: Money) -> str:
        """ "USD 20,000" / "20 000 dollars des États-Unis"."""
        ...

    def date(self, date: PartialDate) -> str:
        """At the date's own precision: "17 February 2005" / "17 février 2005", "1er mai 2009"."""
        ...

    def on_date(self, date: PartialDate) -> str:
        """With the preposition its precision takes: "on 17 February 2005", "in May 2009", "in 2008" /
        "le 17 février 2005", "en mai 2009", "en 2008"."""
        ...

    def date_range(self, start: PartialDate, end: PartialDate | None) -> str:
        """Compact, for brackets: "8-17 October 2008" / "8-17 octobre 2008"."""
        ...

    def on_range(self, start: PartialDate, end: PartialDate | None) -> str:
        """A period as a sentence places an event in it: "on 8-17 October 2008" / "du 8 au 17 octobre
        2008", "de mai à juillet 2009"; a single date as ``on_date``."""
        ...

    def from_to(self, start: PartialDate, end: PartialDate | None) -> str:
        """How long something lasted: "from 2006 to 2009" / "de 2006 à 2009"; "from 2006" / "à partir
        de 2006" without an end."""
        ...

    def since(self, date: PartialDate) -> str: ...

    def until(self, date: PartialDate) -> str: ...

    def between_years(self, first: int, last: int) -> str: ...

    # ------------------------------------------------------------------ a State in a sentence

    def subject(self, state: StateName) -> str:
        """Opening a sentence: "Belarus", "The Netherlands" / "Le Bélarus", "L'Ouzbékistan", "Cuba"."""
        ...

    def state_in(self, state: StateName) -> str:
        """ "in Belarus" / "au Bélarus", "en Belgique", "aux Pays-Bas", "à Cuba"."""
        ...

    def state_of(self, state: StateName) -> str:
        """ "of Belarus" / "du Bélarus", "de la Belgique", "de l'Ouzbékistan", "des Pays-Bas", "d'Israël"."""
        ...

    def state_to(self, state: StateName) -> str:
        """ "to Belarus" / "au Bélarus", "à la Belgique", "à l'Ouzbékistan", "aux Pays-Bas", "à Cuba"."""
        ...

    def formal(self, state: StateName) -> str:
        """ "the Republic of Belarus" / "la République du Bélarus"."""
        ...

    def formal_of(self, state: StateName) -> str:
        """ "of the Republic of Belarus" / "de la République du Bélarus", "du Royaume des Pays-Bas"."""
        ...

    # ------------------------------------------------------------------ verbs

    def participle(self, participle: str, subject: Term) -> str:
        """A past participle agreeing with its subject where the language needs it: "élu" for "le
        Bélarus", "élue" for "la Belgique", "élus" for "les Pays-Bas" (unchanged in English)."""
        ...

    def action_verb(self, action: Action, subject: Term) -> str:
        """The verb of a treaty action in the note's tense, conjugated for the subject, with the
        preposition it governs: "ratified", "acceded to" / "a ratifié", "a adhéré à", "ont ratifié", "est
        devenue partie à"."""
        ...

    # ------------------------------------------------------------------ the note's title

    def note_title(self, organisation: Term, state: StateName) -> str: ...

    def note_subtitle(self) -> str: ...

    def dateline(self, date: PartialDate) -> str:
        """What the note says of its own date, under its title: "As of 30 October 2009" / "Situation au
        30 octobre 2009", at the date's own precision."""
        ...

    def is_dateline(self, text: str) -> bool:
        """Whether a line reads as ``dateline`` words it (to recognise it in an edited note)."""
        ...

    def nothing_recorded(self, state: StateName, date: PartialDate) -> Spans:
        """The whole note of a State whose records say nothing on the date."""
        ...

    # ------------------------------------------------------------------ memberships

    def membership_past(
        self,
        state: StateName,
        body: Term,
        role: Role,
        start: PartialDate | None,
        end: PartialDate | None,
        also: bool,
    ) -> Spans:
        """ "Belarus was also a member of **the Commission** from 2006 to 2009." """
        ...

    def membership_elected(
        self, state: StateName, body: Term, role: Role, elected: PartialDate, also: bool
    ) -> Spans:
        """ "Belarus was elected to the membership of **the Commission on Narcotic Drugs** in May 2009." """
        ...

    def membership_began(
        self, state: StateName, body: Term, role: Role, start: PartialDate, also: bool
    ) -> Spans:
        """ "Belarus became a member of **the Commission** on 1 January 2004." (neither an election nor
        an end recorded: when it began is known, not that it still runs)"""
        ...

    def membership_current(self, state: StateName, body: Term, also: bool, role: Role = "member") -> Spans:
        """ "Belarus is a member of **the Commission**.", "Belarus is Vice-Chair of **the Commission**." (no
        election date recorded)"""
        ...

    def membership_term(
        self,
        state: StateName,
        body_reference: Term,
        tense: Tense,
        start: PartialDate,
        end: PartialDate | None,
        years: int | None,
    ) -> Spans:
        """The term in the tense of the as-of date: "Its membership of the Commission will commence on 1
        January 2010 for a period of 4 years." / "... began on ... and runs until ..."."""
        ...

    def body_reference(self, kind: str, code: str, named: Term) -> Term:
        """How a second sentence refers back to a body: "the Commission", "the Council", else its code."""
        ...

    # ------------------------------------------------------------------ conventions

    def treaty_action(
        self,
        state: StateName,
        action: Action,
        instrument: Term,
        date: PartialDate | None,
        reports: Sequence[ReportFact] = (),
    ) -> Spans:
        """ "Belarus ratified **the Convention** on 17 February 2005 and reported (through the designated
        tool, ...) ... on 15 November 2007." """
        ...

    def family_whole(self, state: StateName, action: Action, convention: Term) -> Spans:
        """ "Belarus ratified **the Convention and the Protocols thereto**." """
        ...

    def family_convention(
        self, state: StateName, action: Action, convention: Term, date: PartialDate | None
    ) -> Spans:
        """ "Belarus ratified **the Convention**" and, with a date, " on ..."; a full stop after it."""
        ...

    def after_colon(self, sentence: Spans) -> Spans:
        """A sentence that follows a colon ("As regards ...: ..."): unchanged in English; in French its
        opening article loses its capital ("... : la Barbade a adhéré ...", but "Cuba a adhéré")."""
        ...

    def family_as_regards(self, convention: Term) -> Spans:
        """ "As regards **the Convention and the Protocols thereto**:" """
        ...

    def family_together(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        """The Convention acted on with some of its Protocols on one day: "The Convention and the first two
        supplementing Protocols (...; ...) were ratified on 25 June 2003." ``places`` are the Protocols'
        places (1-based) among the Convention's."""
        ...

    def family_convention_alone(self, state: StateName, action: Action, date: PartialDate | None) -> Spans:
        """ "The Convention was ratified on ..."."""
        ...

    def family_protocols(
        self,
        state: StateName,
        action: Action,
        protocols: Sequence[Term],
        places: Sequence[int],
        date: PartialDate | None,
    ) -> Spans:
        """ "Belarus ratified the third Protocol (...) on 6 October 2004." """
        ...

    def reports_answered(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        """ "Belarus responded to the questionnaires ... on the implementation of ..." """
        ...

    # ------------------------------------------------------------------ meetings

    def when_where(self, meeting: MeetingFact) -> str:
        """ "on 8-17 October 2008 in Vienna" / "du 8 au 17 octobre 2008 à Vienne"."""
        ...

    def meeting_sessions(
        self, state: StateName, sessions: Sequence[MeetingFact], related: Sequence[MeetingFact]
    ) -> Spans:
        """ "Belarus participated in the 4th session of **the Conference ...**, held on 8-17 October 2008 in
        Vienna, as well as in the related inter-sessional Working Groups held in 2009 in Vienna." The
        related meetings' titles lose the name of the first session's body ("... of the Conference")."""
        ...

    def meetings_counted(self, state: StateName, count: int, body: Term, last: MeetingFact) -> Spans:
        """ "Belarus participated in 5 meetings of **the Commission**, the last held ..." """
        ...

    def meetings_listed(self, state: StateName, meetings: Sequence[MeetingFact]) -> Spans:
        """ "Belarus participated in the ... held ... and the ... held ..." """
        ...

    # ------------------------------------------------------------------ reporting

    def global_report(self, state: StateName, report: ReportFact, description: str) -> Spans:
        """ "Belarus provided inputs into **the Global Report ...** study on .... In particular, ..." """
        ...

    def surveys(self, state: StateName, reports: Sequence[ReportFact]) -> Spans:
        """ "Belarus provided inputs for **the ... Survey** and has partially answered **the ...**." """
        ...

    # ------------------------------------------------------------------ contributions

    def contribution(self, state: StateName, recipient: Recipient, contribution: ContributionFact) -> Spans:
        """ "Belarus provided financial support (USD 20,000) to the work of **the ... (ICAT)** – ..." """
        ...

    def contributions_listed(
        self, state: StateName, recipient: Recipient, contributions: Sequence[ContributionFact]
    ) -> Spans: ...

    def contributions_summed(
        self,
        state: StateName,
        recipient: Recipient,
        count: int,
        years: Sequence[int],
        totals: Sequence[Money],
        latest: ContributionFact,
    ) -> Spans: ...

    def body_meetings_attended(self, state: StateName, code: Term, meetings: Sequence[MeetingFact]) -> Spans:
        """Appended to a contribution: " Belarus attended the ICAT meeting held on ... in Vienna." """
        ...

    # ------------------------------------------------------------------ resolutions, initiatives

    def resolution(
        self,
        state: StateName,
        role: str,
        body: Term,
        title: str,
        symbol: str,
        description: str,
        date: PartialDate,
    ) -> Spans: ...

    def national_initiatives(self, state: StateName, initiatives: Sequence[InitiativeFact]) -> Spans: ...

    # ------------------------------------------------------------------ counts, assistance, projects

    def set_all(self, state: StateName, m: int, running: Term) -> Spans: ...

    def set_none(self, state: StateName, m: int, running: Term) -> Spans: ...

    def set_some(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        """ "Belarus has ratified 13 out of 16 **...**. The remaining non-ratified treaties are the
        following:" (the list follows as nested bullets, each ``remaining_instrument``)."""
        ...

    def set_listed(self, state: StateName, n: int, m: int, running: Term) -> Spans:
        """ "Belarus has ratified the following 3 of the 16 **...**:" (the set not checked complete: the
        instruments ratified follow as nested bullets, each ``remaining_instrument``)."""
        ...

    def remaining_instrument(self, instrument: InstrumentFact) -> str:
        """ "Amendment to the Convention ... (Vienna, 8 July 2005)"."""
        ...

    def assistance_none(self, state: StateName, organisation: Term) -> Spans: ...

    def assistance(self, state: StateName, organisation: Term, fact: AssistanceFact) -> Spans: ...

    def projects_none(self, organisation: Term, state: StateName) -> Spans: ...

    def projects_intro(self, organisation: Term, state: StateName, count: int, ongoing: bool = True) -> Spans:
        """ "UNODC is supporting the following technical cooperation project(s) in Belarus:"; with
        ``ongoing`` false (planned end passed, status not updated) "UNODC supported ..."."""
        ...

    def project(self, fact: ProjectFact, ongoing: bool = True) -> Spans:
        """ "BLR/X12: **title** (since 2010; planned to end in 2012; budget USD 1,000)"; "started in 2010"
        for a project told in the past."""
        ...

    # ------------------------------------------------------------------ the letter

    def letter_subject(self, organisation: Term, state: StateName) -> str: ...

    def letter_body(self, organisation: Term, state: StateName) -> str: ...

    def letter_closing(self) -> str: ...

    def letter_date(self, date: PartialDate) -> str: ...

    def reference_label(self, reference: str) -> str:
        """ "Ref: EWCA/040/09" / "Réf. : EWCA/040/09"."""
        ...

    def page_label(self, number: int, total: int) -> str:
        """ "Page 2 of 3" / "Page 2 sur 3"."""
        ...

    def page_words(self) -> tuple[str, str]:
        """The words around a page number whose total a word processor fills in: ("Page ", " of ") /
        ("Page ", " sur ")."""
        ...
