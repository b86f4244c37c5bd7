"""The country note in French through the whole builder: the demo note of 30 October 2009 sentence by
sentence, every fact of the English one, States of each article, gender and number, each action type,
membership tense and date precision, and a clear warning for every name the catalogue lacks in French."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from test_note_builder import REFERENCE_FACTS, flat

from coopdesk.db.database import Database
from coopdesk.note.builder import NoteDraft, draft, draft_note
from coopdesk.note.gaps import CHECK_WORDING, COMPLETE_CATALOGUE
from coopdesk.note.model import BulletList, NoteDocument, Paragraph
from coopdesk.note.render.html import render_html
from coopdesk.note.render.html_import import note_from_html
from coopdesk.records.completeness import Area, mark_complete
from coopdesk.records.organisation import save_profile
from coopdesk.records.service import RecordService

NOTE_DATE = dt.date(2009, 10, 30)
NBSP = "\u00a0"

ICAT_FR = (
    "groupe d'organismes et d'entités du système des Nations Unies et d'autres organisations "
    "intergouvernementales compétentes, présidé par l'ONUDC et créé pour améliorer la coordination et la "
    "coopération entre les organismes concernés et pour favoriser une approche globale de la prévention de la "
    "traite des personnes et de la lutte contre ce phénomène, y compris la protection des victimes de la traite et "
    "l'aide qui leur est apportée"
)

#: The demo note of 30 October 2009 in French, as written by hand. The officer's own texts (the details of
#: a report, a resolution's title, a national initiative) stay as they were typed, in English.
FRENCH_DEMO = [
    "Le Bélarus a été élu membre de la Commission des stupéfiants en mai 2009. Son mandat au sein de la "
    "Commission commencera le 1er janvier 2010 pour une période de quatre ans.",
    "Le Bélarus a également été élu membre de la Commission pour la prévention du crime et la justice pénale en "
    "mai 2009. Son mandat au sein de la Commission commencera le 1er janvier 2010 pour une période de trois ans.",
    "Le Bélarus a ratifié la Convention des Nations Unies contre la corruption le 17 février 2005 et a fait "
    "rapport (au moyen de l'outil prévu à cet effet, la liste de contrôle pour l'auto-évaluation de "
    "l'application de la Convention des Nations Unies contre la corruption) on efforts to implement the "
    "Convention le 15 novembre 2007.",
    "Le Bélarus a ratifié la Convention des Nations Unies contre la criminalité transnationale organisée et les "
    "Protocoles s'y rapportant. La Convention et les deux premiers Protocoles additionnels (Protocole visant à "
    "prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants ; Protocole "
    "contre le trafic illicite de migrants par terre, air et mer) ont été ratifiés le 25 juin 2003. Le Bélarus a "
    "ratifié le troisième Protocole (Protocole contre la fabrication et le trafic illicites d'armes à feu, de "
    "leurs pièces, éléments et munitions) le 6 octobre 2004.",
    "Le Bélarus a répondu aux questionnaires et listes de contrôle sur l'application de la Convention des "
    "Nations Unies contre la criminalité transnationale organisée et des Protocoles s'y rapportant.",
    "Le Bélarus a participé à la quatrième session de la Conférence des Parties à la Convention des Nations Unies "
    "contre la criminalité transnationale organisée, tenue du 8 au 17 octobre 2008 à Vienne, ainsi qu'aux groupes "
    "de travail intersessions connexes, tenus en 2009 à Vienne.",
    "Le Bélarus a contribué au Rapport mondial sur la traite des personnes – UN.GIFT, étude sur la réponse "
    "apportée dans le monde au crime de la traite des êtres humains. En particulier, information/data was "
    "provided on a national institutional framework, criminal justice response, statistics on persons convicted "
    "for trafficking in persons, number of registered crimes and identified victims of trafficking and services "
    "provided to victims.",
    "Le Bélarus a apporté un soutien financier (20 000 dollars des États-Unis) aux travaux du Groupe "
    f"interinstitutions de coordination contre la traite des personnes (ICAT) – {ICAT_FR}. Le Bélarus a assisté à "
    "la réunion de l'ICAT, tenue le 23 avril 2009 à Vienne.",
    "En 2008, le Bélarus a été à l'origine de la résolution du Conseil économique et social intitulée « "
    "Strengthening coordination of the United Nations and other efforts in fighting trafficking in persons » "
    "(E/RES/2008/33), qui sought to enhance the role of the ECOSOC as a major UN body in dealing with "
    "anti-trafficking.",
    "Au niveau national, le Bélarus a créé un International Anti-Human Trafficking Training Centre aimed at "
    "promotion of international cooperation to prevent human trafficking and conducting training for government "
    "officials involved in prevention of illegal migration and trafficking in persons en 2007 et a organisé a "
    "wide range of public awareness activities on human trafficking.",
    "Le Bélarus a fourni des données pour l'Enquête des Nations Unies sur les tendances de la criminalité et le "
    "fonctionnement des systèmes de justice pénale (Enquête sur les tendances de la criminalité) et a répondu en "
    "partie au questionnaire destiné aux rapports annuels.",
    "Le Bélarus a ratifié 13 des 16 traités internationaux de lutte contre le terrorisme. Les traités non encore "
    "ratifiés sont les suivants :",
    "Le Bélarus ne figure pas sur la liste des pays qui ont achevé l'élaboration ou l'adoption d'une législation "
    "ou d'amendements (y compris en matière de lutte contre le terrorisme) avec l'assistance de l'ONUDC.",
    "L'ONUDC ne soutient actuellement aucun projet de coopération technique en cours au Bélarus.",
]

FRENCH_REMAINING = [
    "Amendement à la Convention sur la protection physique des matières nucléaires (Vienne, 8 juillet 2005)",
    "Protocole de 2005 relatif à la Convention pour la répression d'actes illicites contre la sécurité de la "
    "navigation maritime (Londres, 14 octobre 2005)",
    "Protocole de 2005 relatif au Protocole pour la répression d'actes illicites contre la sécurité des "
    "plates-formes fixes situées sur le plateau continental (Londres, 14 octobre 2005)",
]

#: Each fact of the English reference note (``REFERENCE_FACTS``, in its order) as the French note states it.
FRENCH_FACTS = (
    "Commission des stupéfiants",
    "Commission pour la prévention du crime et la justice pénale",
    "mai 2009",
    "1er janvier 2010",
    "quatre ans",
    "trois ans",
    "Convention des Nations Unies contre la corruption",
    "17 février 2005",
    "a fait rapport (au moyen de l'outil prévu à cet effet, la liste de contrôle pour l'auto-évaluation de "
    "l'application de la Convention des Nations Unies contre la corruption) on efforts to implement the Convention",
    "15 novembre 2007",
    "Convention des Nations Unies contre la criminalité transnationale organisée",
    "Protocole visant à prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des "
    "enfants",
    "Protocole contre le trafic illicite de migrants",
    "Protocole contre la fabrication et le trafic illicites d'armes à feu",
    "25 juin 2003",
    "6 octobre 2004",
    "questionnaires et listes de contrôle sur l'application",
    "quatrième session de la Conférence des Parties",
    "du 8 au 17 octobre 2008",
    "groupes de travail intersessions connexes, tenus en 2009",
    "Rapport mondial sur la traite des personnes – UN.GIFT, étude sur la réponse apportée dans le monde au crime de "
    "la traite des êtres humains",
    "statistics on persons convicted for trafficking in persons",
    "20 000 dollars des États-Unis",
    "Groupe interinstitutions de coordination contre la traite des personnes",
    "présidé par l'ONUDC",
    "23 avril 2009 à Vienne",
    "En 2008",
    "Strengthening coordination of the United Nations and other efforts in fighting trafficking in persons",
    "a été à l'origine de la résolution du Conseil économique et social",
    "sought to enhance the role of the ECOSOC",
    "a créé un International Anti-Human Trafficking Training Centre",
    "en 2007",
    "public awareness activities on human trafficking",
    "Enquête sur les tendances de la criminalité",
    "a répondu en partie",
    "questionnaire destiné aux rapports annuels",
    "13 des 16",
    "traités internationaux de lutte contre le terrorisme",
    "Amendement à la Convention sur la protection physique des matières nucléaires",
    "Protocole de 2005 relatif à la Convention pour la répression d'actes illicites contre la sécurité de la "
    "navigation maritime",
    "Protocole de 2005 relatif au Protocole pour la répression d'actes illicites contre la sécurité des "
    "plates-formes fixes situées sur le plateau continental",
    "ne figure pas sur la liste des pays",
    "ne soutient actuellement aucun projet de coopération technique en cours au Bélarus",
)


def seen(text: str) -> str:
    """Text as a reader sees it: no-break spaces as spaces, lines joined."""
    return flat(text.replace(NBSP, " "))


def bullets(doc: NoteDocument) -> list[str]:
    (top,) = [b for b in doc.blocks if isinstance(b, BulletList)]
    return [seen(item.text) for item in top.items]


def children(doc: NoteDocument) -> list[str]:
    (top,) = [b for b in doc.blocks if isinstance(b, BulletList)]
    return [seen(c.text) for item in top.items if item.children for c in item.children.items]


@pytest.fixture
def french_2009(demo_db: Database) -> NoteDraft:
    return draft(demo_db, "BLR", NOTE_DATE, lang="fr")


def test_the_demo_note_in_french_sentence_by_sentence(french_2009: NoteDraft) -> None:
    doc = french_2009.document
    assert doc.lang == "fr"
    assert doc.title == (
        "Coopération entre l'Office des Nations Unies contre la drogue et le crime et le Gouvernement de la "
        "République du Bélarus"
    )
    assert (doc.subtitle, doc.dateline) == ("Note pour le dossier", "Situation au 30\u00a0octobre 2009")
    assert bullets(doc) == FRENCH_DEMO
    assert children(doc) == FRENCH_REMAINING


def test_the_french_note_states_every_fact_of_the_english_one(
    demo_db: Database, french_2009: NoteDraft
) -> None:
    assert len(FRENCH_FACTS) == len(REFERENCE_FACTS)
    text = seen(french_2009.document.plain_text())
    assert [fact for fact in FRENCH_FACTS if flat(fact) not in text] == []
    english = draft(demo_db, "BLR", NOTE_DATE, lang="en").document
    assert len(bullets(english)) == len(bullets(french_2009.document))
    assert len(children(english)) == len(children(french_2009.document))
    # Every name in French and every negative checked: what is left to settle is only the officers' own
    # texts, printed as typed (in English in the demo records), each record named with its fields.
    assert [(w.action, w.subject, w.reason.split(" printed")[0]) for w in french_2009.warnings] == [
        (CHECK_WORDING, "UNCAC self-assessment checklist report", "“Details”"),
        (CHECK_WORDING, "Global Report on Trafficking in Persons – UN.GIFT report", "“Details”"),
        (CHECK_WORDING, "Resolution E/RES/2008/33", "“Title” and “What it sought”"),
        (
            CHECK_WORDING,
            "Initiative “International Anti-Human Trafficking Training Centre”",
            "“Title” and “Description”",
        ),
        (
            CHECK_WORDING,
            "Initiative “Public awareness activities on human trafficking”",
            "“Title” and “Description”",
        ),
    ]
    assert all(
        w.reason.endswith("check that it reads in French before the note is issued")
        or w.reason.endswith("check that they read in French before the note is issued")
        for w in french_2009.warnings
    )
    assert all(w.record is not None for w in french_2009.warnings)  # the button opens the record
    english_draft = draft(demo_db, "BLR", NOTE_DATE, lang="en")
    assert english_draft.warnings == ()  # the records' own language: nothing to check


def test_french_typography_in_the_note(french_2009: NoteDraft) -> None:
    raw = french_2009.document.plain_text()
    assert f"20{NBSP}000{NBSP}dollars" in raw
    assert f"les suivants{NBSP}:" in raw
    assert f"«{NBSP}Strengthening" in raw and f"persons{NBSP}»" in raw
    # a no-break space before the colon and the semicolon, never a breaking one nor none at all
    assert f"des enfants{NBSP}; Protocole" in raw
    assert " :" not in raw and " ;" not in raw
    assert re.search(r"\S[:;!?](\s|$)", raw) is None
    # a day is never parted from its month at a line's end: "le 17 février", "du 8 au 17 octobre"
    months = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    assert re.search(rf"\b(1er|\d{{1,2}}) ({months})\b", raw) is None
    assert f"30{NBSP}octobre 2009" in raw


def test_the_bold_names_carry_their_article_as_the_english_ones_do(french_2009: NoteDraft) -> None:
    (top,) = [b for b in french_2009.document.blocks if isinstance(b, BulletList)]
    first = [s.text for s in top.items[0].spans if s.bold]
    assert first == ["la Commission des stupéfiants"]
    icat = [s.text for s in top.items[7].spans if s.bold]
    assert icat == ["du Groupe interinstitutions de coordination contre la traite des personnes (ICAT)"]


def test_the_note_is_in_the_states_language_unless_chosen(demo_db: Database) -> None:
    service = RecordService(demo_db)
    service.create(
        "treaty_action",
        {"instrument_code": "UNCAC", "action": "accession", "action_date": "5 May 2006"},
        country="SEN",
    )
    senegal = draft_note(demo_db, "SEN", NOTE_DATE)  # Senegal corresponds in French
    assert senegal.lang == "fr"
    assert (
        "Le Sénégal a adhéré à la Convention des Nations Unies contre la corruption le 5 mai 2006."
        in bullets(senegal)
    )
    english = draft_note(demo_db, "SEN", NOTE_DATE, lang="en")
    assert "Senegal acceded to the United Nations Convention against Corruption on 5 May 2006." in bullets(
        english
    )
    assert draft_note(demo_db, "BLR", NOTE_DATE).lang == "en"  # Belarus corresponds in English
    with pytest.raises(ValueError, match="'es' is not a language notes can be written in"):
        draft_note(demo_db, "BLR", NOTE_DATE, lang="es")


def test_an_empty_note_in_french_and_its_dateline_read_back(demo_db: Database) -> None:
    doc = draft(demo_db, "AUT", dt.date(2009, 10, 30), lang="fr").document
    assert [b.text for b in doc.blocks if isinstance(b, Paragraph)] == [
        "Aucune information n'est enregistrée pour l'Autriche au 30\u00a0octobre 2009."
    ]
    read = note_from_html(render_html(doc))
    assert (read.dateline, read.lang, read.subtitle) == (
        "Situation au 30\u00a0octobre 2009",
        "fr",
        "Note pour le dossier",
    )


# --------------------------------------------------------------------------- States of every article and gender

#: iso3 -> (subject, "élu" agreeing, "in", possessive of "mandat", "engagé" agreeing, "bénéficie")
STATES = {
    "BLR": ("Le Bélarus", "élu", "au Bélarus", "Son", "engagé", "bénéficie"),
    "BEL": ("La Belgique", "élue", "en Belgique", "Son", "engagée", "bénéficie"),
    "UZB": ("L'Ouzbékistan", "élu", "en Ouzbékistan", "Son", "engagé", "bénéficie"),
    "AUT": ("L'Autriche", "élue", "en Autriche", "Son", "engagée", "bénéficie"),
    "NLD": ("Les Pays-Bas", "élus", "aux Pays-Bas", "Leur", "engagés", "bénéficient"),
    "PHL": ("Les Philippines", "élues", "aux Philippines", "Leur", "engagées", "bénéficient"),
    "CUB": ("Cuba", "élue", "à Cuba", "Son", "engagée", "bénéficie"),
    "ISR": ("Israël", "élu", "en Israël", "Son", "engagé", "bénéficie"),
    "HND": ("Le Honduras", "élu", "au Honduras", "Son", "engagé", "bénéficie"),
    "BRB": ("La Barbade", "élue", "à la Barbade", "Son", "engagée", "bénéficie"),
}


def _records_of(service: RecordService, iso3: str) -> None:
    service.create_many(
        [
            (
                "membership",
                {
                    "body_code": "CND",
                    "role": "member",
                    "election_date": "May 2009",
                    "term_start": "1 January 2010",
                    "term_years": 4,
                },
                iso3,
            ),
            (
                "treaty_action",
                {"instrument_code": "UNCAC", "action": "accession", "action_date": "2006"},
                iso3,
            ),
            (
                "contribution",
                {
                    "recipient": "Fonds de contributions volontaires",
                    "amount": "1000",
                    "amount_currency": "EUR",
                    "kind": "commitment",
                    "contribution_date": "March 2008",
                },
                iso3,
            ),
            (
                "legislative_assistance",
                {
                    "area": "législation antiterroriste",
                    "status": "ongoing",
                    "kind": "drafting",
                    "start_date": "2008",
                },
                iso3,
            ),
            (
                "project",
                {
                    "title": "Contrôle des frontières",
                    "code": f"{iso3}/X01",
                    "status": "implementation",
                    "actual_start": "2008",
                },
                iso3,
            ),
        ]
    )


@pytest.mark.parametrize("iso3", STATES)
def test_a_state_of_each_article_gender_and_number_through_the_builder(demo_db: Database, iso3: str) -> None:
    service = RecordService(demo_db)
    if iso3 != "BLR":
        _records_of(service, iso3)
    else:  # Belarus has its demo records: a State with a masculine name beside them
        mark_complete(demo_db, ["BLR"], Area.projects(), NOTE_DATE, "checked")
    subject, elu, in_, possessive, engage, beneficie = STATES[iso3]
    drafted = draft(demo_db, iso3, NOTE_DATE, lang="fr")
    said = bullets(drafted.document)
    plural = possessive == "Leur"
    avoir, reflexive = ("ont", "se sont") if plural else ("a", "s'est")
    if iso3 == "BLR":
        assert said[0].startswith(f"Le Bélarus a été {elu} membre de la Commission des stupéfiants")
        assert (
            said[-1]
            == f"L'ONUDC ne soutient actuellement aucun projet de coopération technique en cours {in_}."
        )
        return
    assert said == [
        f"{subject} {avoir} été {elu} {'membres' if plural else 'membre'} de la Commission des stupéfiants en mai "
        f"2009. {possessive} mandat au sein de la Commission commencera le 1er janvier 2010 pour une période de "
        "quatre ans.",
        f"{subject} {avoir} adhéré à la Convention des Nations Unies contre la corruption en 2006.",
        f"{subject} {reflexive} {engage} à apporter un "
        "soutien financier (1 000 euros) aux travaux du Fonds de contributions volontaires, en mars 2008.",
        f"{subject} {beneficie} de l'assistance de l'ONUDC pour l'élaboration de la législation antiterroriste "
        "(depuis 2008).",
        f"L'ONUDC soutient {in_} le projet de coopération technique suivant :",
    ]
    assert children(drafted.document) == [f"{iso3}/X01 : Contrôle des frontières (depuis 2008)"]
    assert [w for w in drafted.warnings if w.action == COMPLETE_CATALOGUE] == []


# --------------------------------------------------------------------------- each action, tense and precision


@pytest.mark.parametrize(
    ("action", "date", "sentence"),
    [
        ("ratification", "17 February 2005", "La Belgique a ratifié {uncac} le 17 février 2005."),
        ("acceptance", "February 2005", "La Belgique a accepté {uncac} en février 2005."),
        ("approval", "2005", "La Belgique a approuvé {uncac} en 2005."),
        ("accession", "1 May 2005", "La Belgique a adhéré à {uncac} le 1er mai 2005."),
        ("succession", "2005", "La Belgique a succédé à {uncac} en 2005."),
        ("formal_confirmation", "2005", "La Belgique a confirmé formellement {uncac} en 2005."),
        ("definitive_signature", "2005", "La Belgique a signé définitivement {uncac} en 2005."),
        ("signature", "9 December 2003", "La Belgique a signé {uncac} le 9 décembre 2003."),
    ],
)
def test_each_action_type_and_date_precision_through_the_builder(
    demo_db: Database, action: str, date: str, sentence: str
) -> None:
    RecordService(demo_db).create(
        "treaty_action", {"instrument_code": "UNCAC", "action": action, "action_date": date}, country="BEL"
    )
    uncac = "la Convention des Nations Unies contre la corruption"
    assert bullets(draft_note(demo_db, "BEL", NOTE_DATE, lang="fr")) == [sentence.format(uncac=uncac)]


def test_a_withdrawal_and_a_denunciation_end_participation_in_french(demo_db: Database) -> None:
    service = RecordService(demo_db)
    for iso3, action in (("BEL", "withdrawal"), ("NLD", "denunciation")):
        service.create_many(
            [
                (
                    "treaty_action",
                    {"instrument_code": "UNCAC", "action": "ratification", "action_date": "2005"},
                    iso3,
                ),
                (
                    "treaty_action",
                    {"instrument_code": "UNCAC", "action": action, "action_date": "3 March 2009"},
                    iso3,
                ),
            ]
        )
    assert bullets(draft_note(demo_db, "BEL", NOTE_DATE, lang="fr")) == [
        "La Belgique s'est retirée de la Convention des Nations Unies contre la corruption le 3 mars 2009."
    ]
    assert bullets(draft_note(demo_db, "NLD", NOTE_DATE, lang="fr")) == [
        "Les Pays-Bas ont dénoncé la Convention des Nations Unies contre la corruption le 3 mars 2009."
    ]


@pytest.mark.parametrize(
    ("values", "as_of", "sentence"),
    [
        (  # future: elected, the term still to come
            {"election_date": "5 May 2009", "term_start": "1 January 2010", "term_years": 3},
            dt.date(2009, 10, 30),
            "Les Philippines ont été élues membres du Conseil économique et social le 5 mai 2009. Leur mandat au sein "
            "du Conseil commencera le 1er janvier 2010 pour une période de trois ans.",
        ),
        (  # current: the term runs on the date
            {"election_date": "2009", "term_start": "1 January 2010", "term_years": 3},
            dt.date(2011, 6, 1),
            "Les Philippines ont été élues membres du Conseil économique et social en 2009. Leur mandat au sein du "
            "Conseil a commencé le 1er janvier 2010 et court jusqu'au 31 décembre 2012.",
        ),
        (  # past: the term is over
            {"election_date": "2009", "term_start": "1 January 2010", "term_years": 3},
            dt.date(2014, 6, 1),
            "Les Philippines ont été membres du Conseil économique et social du 1er janvier 2010 au 31 décembre 2012.",
        ),
        (  # neither an election nor an end: when it began, not that it still runs
            {"term_start": "January 2014"},
            dt.date(2014, 6, 1),
            "Les Philippines sont devenues membres du Conseil économique et social en janvier 2014.",
        ),
    ],
    ids=["future", "current", "past", "began"],
)
def test_each_membership_tense_through_the_builder(
    demo_db: Database, values: dict[str, object], as_of: dt.date, sentence: str
) -> None:
    RecordService(demo_db).create(
        "membership", {"body_code": "ECOSOC", "role": "member", **values}, country="PHL"
    )
    assert bullets(draft_note(demo_db, "PHL", as_of, lang="fr")) == [sentence]


def test_a_partial_count_a_stale_project_and_an_unanswered_questionnaire(demo_db: Database) -> None:
    service = RecordService(demo_db)
    service.create_many(
        [
            *(
                (
                    "treaty_action",
                    {"instrument_code": c, "action": "ratification", "action_date": "1999"},
                    "CUB",
                )
                for c in ("CT01", "CT02")
            ),
            (
                "project",
                {
                    "title": "Contrôle des conteneurs",
                    "code": "CUB/K07",
                    "status": "implementation",
                    "actual_start": "March 2008",
                    "planned_end": "June 2009",
                },
                "CUB",
            ),
            (
                "reporting",
                {"reporting_instrument_code": "ARQ", "completeness": "none", "cycle": "2008"},
                "CUB",
            ),
        ]
    )
    mark_complete(demo_db, ["CUB"], Area.reporting_instrument("ARQ"), NOTE_DATE, "checked")
    doc = draft_note(demo_db, "CUB", NOTE_DATE, lang="fr")
    assert bullets(doc) == [
        "Cuba n'a pas répondu au questionnaire destiné aux rapports annuels pour 2008.",
        "Parmi les 16 traités internationaux de lutte contre le terrorisme, Cuba a ratifié les 2 suivants :",
        "L'ONUDC a soutenu à Cuba le projet de coopération technique suivant :",
    ]
    assert children(doc) == [
        "Convention relative aux infractions et à certains autres actes survenant à bord des aéronefs (Tokyo, 14 "
        "septembre 1963)",
        "Convention pour la répression de la capture illicite d'aéronefs (La Haye, 16 décembre 1970)",
        "CUB/K07 : Contrôle des conteneurs (lancé en mars 2008 ; fin prévue en juin 2009)",
    ]


def test_a_role_held_now_and_protocols_told_after_a_colon(demo_db: Database) -> None:
    RecordService(demo_db).create_many(
        [
            (
                "membership",
                {"body_code": "CCPCJ", "role": "vice_chair", "term_start": "2008", "term_end": "2010"},
                "BRB",
            ),
            (
                "treaty_action",
                {"instrument_code": "UNTOC-FIR", "action": "accession", "action_date": "2005"},
                "BRB",
            ),
        ]
    )
    french = bullets(draft_note(demo_db, "BRB", NOTE_DATE, lang="fr"))
    assert french == [
        "La Barbade assure la vice-présidence de la Commission pour la prévention du crime et la justice pénale. Son "
        "mandat au sein de la Commission a commencé en 2008 et court jusqu'en 2010.",
        "S'agissant de la Convention des Nations Unies contre la criminalité transnationale organisée et des "
        "Protocoles s'y rapportant : la Barbade a adhéré au troisième Protocole (Protocole contre la fabrication et le "
        "trafic illicites d'armes à feu, de leurs pièces, éléments et munitions) en 2005.",
    ]
    english = bullets(draft_note(demo_db, "BRB", NOTE_DATE, lang="en"))
    assert english[0] == (
        "Barbados is Vice-Chair of the Commission on Crime Prevention and Criminal Justice. Its membership of the "
        "Commission began in 2008 and runs until 2010."
    )
    assert english[1].startswith(
        "As regards the United Nations Convention against Transnational Organized Crime and the Protocols thereto: "
        "Barbados acceded to the third Protocol"
    )


# --------------------------------------------------------------------------- names the catalogue lacks in French


def test_a_name_missing_in_french_is_printed_in_english_and_listed_with_its_entry(demo_db: Database) -> None:
    service = RecordService(demo_db)
    uncac = service.get("instrument", "UNCAC")
    service.update("instrument", "UNCAC", {"title_fr": ""}, expected_version=uncac.version)
    english = draft(demo_db, "BLR", NOTE_DATE, lang="en")
    assert english.warnings == ()
    french = draft(demo_db, "BLR", NOTE_DATE, lang="fr")
    assert (
        "Le Bélarus a ratifié United Nations Convention against Corruption le 17 février 2005"
        in bullets(french.document)[2]
    )
    (missing,) = [w for w in french.warnings if w.action == COMPLETE_CATALOGUE]
    assert missing.entry == ("instrument", "UNCAC")
    assert missing.subject.startswith("Instrument UNCAC")
    assert missing.reason == (
        "no French title (“Title (French)”) in the catalogue, so the French note prints the English “United Nations "
        "Convention against Corruption”"
    )
    assert str(missing).endswith("(complete the catalogue)")


def test_a_state_and_a_profile_without_french_names_are_warned_about(db: Database) -> None:
    save_profile(db, {"name": "Office for Cooperation", "short_name": "OFC", "reference_prefix": "OC",
                      "address": "1 Main Street"})  # fmt: skip
    service = RecordService(db)
    service.create(
        "country",
        {
            "iso3": "FRD",
            "short_name": "Freedonia",
            "formal_name": "Republic of Freedonia",
            "regional_group": "African",
        },
    )
    service.create(
        "treaty_action",
        {"instrument_code": "UNCAC", "action": "ratification", "action_date": "2005"},
        country="FRD",
    )
    drafted = draft(db, "FRD", NOTE_DATE, lang="fr")
    assert bullets(drafted.document) == [
        "Freedonia a ratifié la Convention des Nations Unies contre la corruption en 2005."
    ]
    named = [(w.subject, w.entry) for w in drafted.warnings if w.action == COMPLETE_CATALOGUE]
    assert named == [
        ("Organisation profile", ("organisation", "ORG")),  # its name
        ("Organisation profile", ("organisation", "ORG")),  # its short name
        ("Country FRD: Freedonia", ("country", "FRD")),
        ("Country FRD: Freedonia", ("country", "FRD")),
        ("Organisation profile", ("organisation", "ORG")),  # the address its letterhead prints
    ]
    reasons = [w.reason for w in drafted.warnings if w.action == COMPLETE_CATALOGUE]
    assert "no French short name (“Short name (French)”) in the catalogue" in reasons[2]
    assert (
        reasons[-1]
        == "no French address (“Address (French)”) in the profile, so the French letter prints the English one"
    )


def test_notes_for_every_state_of_the_catalogue_in_french_need_no_english_name(demo_db: Database) -> None:
    """All 195 entries, each with a membership, a treaty action, a meeting, a report, a contribution, a
    resolution and a project, so that every State is named in every position and the catalogue's names
    of what it did are used: no name falls back to English, and no article is left uncontracted."""
    service = RecordService(demo_db)
    countries = [str(c.key) for c in service.list("country")]
    assert len(countries) == 195
    rows = []
    for iso3 in countries:
        rows += [
            ("membership", {"body_code": "CCPCJ", "role": "vice_chair", "term_start": "2008", "term_end": "2010"}, iso3),
            ("treaty_action", {"instrument_code": "UNTOC-FIR", "action": "accession", "action_date": "2005"}, iso3),
            ("meeting_participation", {"meeting_code": "COP-UNTOC-4", "participation": "attended"}, iso3),
            ("reporting", {"reporting_instrument_code": "UN-CTS", "completeness": "full", "submitted_date": "2009"}, iso3),
            (
                "contribution",
                {"recipient_body_code": "ICAT", "amount": "100", "amount_currency": "USD", "contribution_date": "2008"},
                iso3,
            ),
            ("resolution", {"body_code": "GA", "adopted_date": "2008", "title": "T", "role": "co_sponsor"}, iso3),
            ("project", {"title": "P", "status": "implementation", "actual_start": "2008"}, iso3),
        ]  # fmt: skip
    service.create_many(rows)
    slips = re.compile(
        r"\b(de|à) (le|les) |\b(de|que|le|la|ne) [aeiouéèêîAEIOUÉÈÊÎ]|\b(du|au) [aeiouéAEIOUÉ]|  "
    )
    for iso3 in countries:
        drafted = draft(demo_db, iso3, NOTE_DATE, lang="fr")
        assert [str(w) for w in drafted.warnings if w.action == COMPLETE_CATALOGUE] == [], iso3
        text = seen(drafted.document.plain_text())
        assert not slips.search(text), (iso3, slips.search(text), text)
        assert drafted.document.title.startswith("Coopération entre l'Office"), iso3
        assert len(bullets(drafted.document)) == 7 or iso3 == "BLR", iso3
