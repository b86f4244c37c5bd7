"""Controlled vocabularies: the stored value, the label a person reads.

The stored values are stable identifiers (they go into the database and the workbook); labels may be
reworded freely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values a field may take, each with the label a person reads (stored value, label)."""

    name: str
    items: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.items)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for _, label in self.items)

    def label(self, value: str) -> str:
        for item_value, label in self.items:
            if item_value == value:
                return label
        return value

    def value_for(self, text: str) -> str | None:
        """The stored value for what a person typed: the value itself or its label, any case."""
        wanted = text.strip().casefold()
        for value, label in self.items:
            if wanted in (value.casefold(), label.casefold()):
                return value
        return None


def _vocab(name: str, *items: tuple[str, str]) -> Vocabulary:
    return Vocabulary(name, tuple(items))


TREATY_ACTION = _vocab(
    "treaty action",
    ("signature", "Signature"),
    ("ratification", "Ratification"),
    ("acceptance", "Acceptance (A)"),
    ("approval", "Approval (AA)"),
    ("accession", "Accession (a)"),
    ("succession", "Succession (d)"),
    ("formal_confirmation", "Formal confirmation (c)"),
    ("definitive_signature", "Definitive signature (s)"),
    ("declaration", "Declaration"),
    ("reservation", "Reservation"),
    ("withdrawal_of_reservation", "Withdrawal of a reservation"),
    ("objection", "Objection"),
    ("notification", "Notification"),
    ("territorial_application", "Territorial application"),
    ("denunciation", "Denunciation"),
    ("withdrawal", "Withdrawal"),
)
#: The actions by which a State consents to be bound: after one of them it is a party.
CONSENT_TO_BE_BOUND = frozenset(
    {
        "ratification",
        "acceptance",
        "approval",
        "accession",
        "succession",
        "formal_confirmation",
        "definitive_signature",
    }
)

#: The actions by which a party ends its participation (the treaty says which word it uses): after one
#: of them takes effect, the State is no longer a party, until it consents to be bound again.
ENDS_PARTICIPATION = frozenset({"denunciation", "withdrawal"})

MEMBERSHIP_ROLE = _vocab(
    "membership role",
    ("member", "Member"),
    ("chair", "Chair"),
    ("vice_chair", "Vice-Chair"),
    ("rapporteur", "Rapporteur"),
    ("bureau", "Bureau member"),
)
COMPLETENESS = _vocab("completeness", ("full", "Full"), ("partial", "Partial"), ("none", "None"))
PARTICIPATION = _vocab(
    "participation", ("attended", "Attended"), ("observer", "Observer"), ("not_attended", "Did not attend")
)
CONTRIBUTION_KIND = _vocab(
    "contribution type",
    ("pledge", "Pledge"),
    ("commitment", "Commitment"),
    ("payment", "Payment"),
    ("in_kind", "In kind"),
)
EARMARKING = _vocab(
    "earmarking",
    ("general_purpose", "General purpose (unearmarked)"),
    ("soft", "Softly earmarked"),
    ("special_purpose", "Special purpose (earmarked)"),
)
RESOLUTION_ROLE = _vocab(
    "resolution role",
    ("main_sponsor", "Main sponsor"),
    ("co_sponsor", "Co-sponsor"),
    ("on_behalf_of_group", "On behalf of a group"),
)
INITIATIVE_KIND = _vocab(
    "initiative kind",
    ("training_centre", "Training centre"),
    ("strategy", "Strategy"),
    ("unit", "Unit"),
    ("law", "Law"),
    ("campaign", "Campaign"),
    ("other", "Other"),
)
LEGISLATIVE_KIND = _vocab(
    "assistance kind",
    ("drafting", "Drafting"),
    ("review", "Review"),
    ("advice", "Advice"),
    ("training", "Training"),
)
LEGISLATIVE_STATUS = _vocab(
    "assistance status",
    ("requested", "Requested"),
    ("ongoing", "Ongoing"),
    ("completed", "Completed"),
    ("law_adopted", "Law adopted"),
)
#: IATI's activity status list.
PROJECT_STATUS = _vocab(
    "project status",
    ("pipeline", "Pipeline/identification"),
    ("implementation", "Implementation"),
    ("finalisation", "Finalisation"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
    ("suspended", "Suspended"),
)
#: What a completeness check covers: the areas a note may turn into a negative sentence.
COMPLETENESS_AREA = _vocab(
    "completeness area",
    ("instrument_set", "Treaty actions on a set of instruments"),
    ("instrument", "Treaty actions on one instrument"),
    ("reporting_instrument", "Reports to one reporting instrument"),
    ("body", "Memberships of one body"),
    ("legislative_assistance", "Legislative assistance"),
    ("project", "Technical cooperation projects"),
)
LETTER_STATUS = _vocab("letter status", ("draft", "Draft"), ("issued", "Issued"))
REGIONAL_GROUP = _vocab(
    "regional group",
    ("African", "African"),
    ("Asia-Pacific", "Asia-Pacific"),
    ("Eastern European", "Eastern European"),
    ("Latin American and Caribbean", "Latin American and Caribbean"),
    ("Western European and others", "Western European and others"),
)
INSTRUMENT_KIND = _vocab(
    "instrument kind", ("convention", "Convention"), ("protocol", "Protocol"), ("amendment", "Amendment")
)
BODY_KIND = _vocab(
    "body kind",
    ("assembly", "Assembly"),
    ("council", "Council"),
    ("commission", "Commission"),
    ("conference", "Conference of parties"),
    ("group", "Group"),
    ("fund", "Fund or programme"),
)
REPORTING_KIND = _vocab(
    "reporting kind",
    ("questionnaire", "Questionnaire"),
    ("checklist", "Checklist"),
    ("survey", "Survey"),
    ("global_report", "Input to a global report"),
)

#: The languages a note and its letter can be written in (a State's correspondence language).
LANGUAGE = _vocab("language", ("en", "English"), ("fr", "French"))
#: How French names a State: its article ("le Bélarus", "l'Ouzbékistan", "les Pays-Bas", "Cuba").
FRENCH_ARTICLE = _vocab(
    "French article", ("le", "le"), ("la", "la"), ("l'", "l'"), ("les", "les"), ("none", "no article")
)
FRENCH_GENDER = _vocab("French gender", ("m", "masculine"), ("f", "feminine"))
FRENCH_NUMBER = _vocab("French number", ("singular", "singular"), ("plural", "plural"))
#: The words French puts before a State's name for "in" and "to": "au Bélarus", "en Belgique", "en
#: Iraq", "aux Pays-Bas", "à Cuba", "à la Barbade", "dans l'État de Palestine".
FRENCH_IN = _vocab(
    "French 'in'",
    *((w, w) for w in ("au", "aux", "en", "à", "à la", "à l'", "dans le", "dans la", "dans l'")),
)
