"""The note's languages: one Protocol, English as the reference note words it, French as a desk officer
of the Secretariat would write it, for States of every article, gender and number."""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping

import pytest

from coopdesk.db.catalogue_load import read_catalogue_file
from coopdesk.note.lang import LANGUAGES, Language, language
from coopdesk.note.lang.base import Language as LanguageProtocol
from coopdesk.note.lang.en import ENGLISH
from coopdesk.note.lang.facts import (
    AssistanceFact,
    ContributionFact,
    InitiativeFact,
    InstrumentFact,
    MeetingFact,
    ProjectFact,
    Recipient,
    ReportFact,
    Spans,
    StateName,
    Term,
)
from coopdesk.note.lang.fr import FRENCH
from coopdesk.note.model import spans_text
from coopdesk.records.demo import demo_organisation
from coopdesk.records.derived import Tense
from coopdesk.records.money import Money
from coopdesk.records.partial_date import PartialDate
from coopdesk.records.vocabularies import CONSENT_TO_BE_BOUND

NBSP = "\u00a0"


def _catalogue(name: str, key: str = "code") -> dict[str, dict[str, str]]:
    return {row[key]: row for row in read_catalogue_file(name)}


COUNTRIES = _catalogue("countries.csv", "iso3")
INSTRUMENTS = _catalogue("instruments.csv")
BODIES = _catalogue("bodies.csv")
MEETINGS = _catalogue("meetings.csv")
REPORTING = _catalogue("reporting_instruments.csv")
SETS = _catalogue("instrument_sets.csv")
ORGANISATION = {k: str(v) for k, v in demo_organisation().items()}  # the demo letter's organisation


def text(spans: Spans) -> str:
    """A sentence as a reader sees it, no-break spaces shown as plain ones."""
    return spans_text(spans).replace(NBSP, " ")


def bolded(spans: Spans) -> list[str]:
    return [s.text.replace(NBSP, " ") for s in spans if s.bold]


def belarus(lang: Language) -> StateName:
    return lang.state(COUNTRIES["BLR"])


# --------------------------------------------------------------------------- the Protocol


def _protocol_members() -> set[str]:
    return {
        name
        for name, member in vars(LanguageProtocol).items()
        if not name.startswith("_") and (inspect.isfunction(member) or name in ("code", "name"))
    }


@pytest.mark.parametrize("lang", LANGUAGES.values(), ids=list(LANGUAGES))
def test_each_language_gives_every_phrase_of_the_protocol_with_its_parameters(lang: Language) -> None:
    for name in _protocol_members() - {"code", "name"}:
        expected = list(inspect.signature(getattr(LanguageProtocol, name)).parameters)[1:]
        assert list(inspect.signature(getattr(lang, name)).parameters) == expected, name
    assert lang.code in ("en", "fr") and lang.name


def test_languages_by_code() -> None:
    assert language("fr") is FRENCH
    assert language("FR ") is FRENCH
    assert language("en") is ENGLISH
    assert language("") is ENGLISH
    assert language(None) is ENGLISH
    with pytest.raises(ValueError, match="'es' is not a language notes can be written in"):
        language("es")
    assert [lang.name for lang in LANGUAGES.values()] == ["English", "Français"]


# --------------------------------------------------------------------------- the reference note, both ways


def _demo_sentences(lang: Language) -> list[str]:
    """The reference note of 30 October 2009, sentence by sentence, from the shipped catalogue."""
    st = belarus(lang)
    org_name, org = lang.organisation(ORGANISATION)
    cnd, ccpcj = lang.term(BODIES["CND"], "name"), lang.term(BODIES["CCPCJ"], "name")
    future = Tense.FUTURE
    report = ReportFact(
        lang.term(REPORTING["UNCAC-SAC"], "name"),
        PartialDate(2007, 11, 15),
        details="on efforts to implement the Convention" if lang is ENGLISH else "sur les mesures prises",
    )
    untoc = lang.term(INSTRUMENTS["UNTOC"], "title")
    kids = [lang.term(INSTRUMENTS[c], "title") for c in ("UNTOC-TIP", "UNTOC-SOM", "UNTOC-FIR")]
    cop4, wg = MEETINGS["COP-UNTOC-4"], MEETINGS["COP-UNTOC-WG-2009"]
    session = MeetingFact(
        lang.term(cop4, "title"),
        lang.term(cop4, "session").text,
        PartialDate(2008, 10, 8),
        PartialDate(2008, 10, 17),
        lang.term(cop4, "place").text,
    )
    groups = MeetingFact(lang.term(wg, "title"), "", PartialDate(2009), None, lang.term(wg, "place").text)
    glotip = REPORTING["GLOTIP"]
    icat = lang.term(BODIES["ICAT"], "name")
    icat_meeting = MeetingFact(
        lang.term(MEETINGS["ICAT-2009-04"], "title"),
        "",
        PartialDate(2009, 4, 23),
        None,
        lang.term(MEETINGS["ICAT-2009-04"], "place").text,
    )
    cts, arq = REPORTING["UN-CTS"], REPORTING["ARQ"]
    remaining = [
        InstrumentFact(
            lang.term(INSTRUMENTS[c], "title").text,
            lang.term(INSTRUMENTS[c], "adopted_place").text,
            PartialDate.from_storage(INSTRUMENTS[c]["adopted_date"]),
        )
        for c in ("CT14", "CT15", "CT16")
    ]
    return [
        lang.note_title(org_name, st),
        lang.note_subtitle(),
        text(
            lang.membership_elected(st, cnd, "member", PartialDate(2009, 5), also=False)
            + lang.membership_term(
                st, lang.body_reference("commission", "CND", cnd), future, PartialDate(2010, 1, 1), None, 4
            )
        ),
        text(
            lang.membership_elected(st, ccpcj, "member", PartialDate(2009, 5), also=True)
            + lang.membership_term(
                st,
                lang.body_reference("commission", "CCPCJ", ccpcj),
                future,
                PartialDate(2010, 1, 1),
                None,
                3,
            )
        ),
        text(
            lang.treaty_action(
                st,
                "ratification",
                lang.term(INSTRUMENTS["UNCAC"], "title"),
                PartialDate(2005, 2, 17),
                [report],
            )
        ),
        text(
            lang.family_whole(st, "ratification", untoc)
            + lang.family_together(st, "ratification", kids[:2], [1, 2], PartialDate(2003, 6, 25))
            + lang.family_protocols(st, "ratification", kids[2:], [3], PartialDate(2004, 10, 6))
        ),
        text(lang.reports_answered(st, [ReportFact(lang.term(REPORTING["UNTOC-QUEST"], "name"))])),
        text(lang.meeting_sessions(st, [session], [groups])),
        text(
            lang.global_report(
                st, ReportFact(lang.term(glotip, "short_name")), lang.term(glotip, "description").text
            )
        ),
        text(
            lang.contribution(
                st,
                Recipient(
                    icat,
                    "ICAT",
                    "a group of agencies and bodies" if lang is ENGLISH else "groupe d'organismes",
                ),
                ContributionFact("payment", Money(2_000_000, "USD")),
            )
            + lang.body_meetings_attended(st, lang.code_term("ICAT", icat), [icat_meeting])
        ),
        text(
            lang.surveys(
                st,
                [
                    ReportFact(
                        lang.term(cts, "name"), kind="survey", short_name=lang.term(cts, "short_name").text
                    ),
                    ReportFact(
                        lang.term(arq, "name"),
                        kind="questionnaire",
                        completeness="partial",
                        short_name=lang.term(arq, "short_name").text,
                    ),
                ],
            )
        ),
        text(lang.set_some(st, 13, 16, lang.term(SETS["CT"], "running_name"))),
        *(lang.remaining_instrument(r).replace(NBSP, " ") for r in remaining),
        text(lang.assistance_none(st, org)),
        text(lang.projects_none(org, st)),
    ]


ENGLISH_NOTE = [
    "Cooperation between United Nations Office on Drugs and Crime and the Government of the Republic of Belarus",
    "Note for the file",
    "Belarus was elected to the membership of the Commission on Narcotic Drugs in May 2009."
    "Its membership of the Commission will commence on 1 January 2010 for a period of 4 years.",
    "Belarus was also elected to the membership of the Commission on Crime Prevention and Criminal Justice in May "
    "2009.Its membership of the Commission will commence on 1 January 2010 for a period of 3 years.",
    "Belarus ratified the United Nations Convention against Corruption on 17 February 2005 and reported (through "
    "the designated tool, UNCAC self-assessment checklist) on efforts to implement the Convention on 15 November "
    "2007.",
    "Belarus ratified the United Nations Convention against Transnational Organized Crime and the Protocols thereto."
    "The Convention and the first two supplementing Protocols (Protocol to Prevent, Suppress and Punish Trafficking "
    "in Persons, Especially Women and Children; Protocol against the Smuggling of Migrants by Land, Sea and Air) "
    "were ratified on 25 June 2003.Belarus ratified the third Protocol (Protocol against the Illicit Manufacturing "
    "of and Trafficking in Firearms, Their Parts and Components and Ammunition) on 6 October 2004.",
    "Belarus responded to the questionnaires and checklists on the implementation of the United Nations Convention "
    "against Transnational Organized Crime and the Protocols thereto.",
    "Belarus participated in the 4th session of the Conference of the Parties to the United Nations Convention "
    "against Transnational Organized Crime, held on 8-17 October 2008 in Vienna, as well as in the related "
    "inter-sessional Working Groups held in 2009 in Vienna.",
    "Belarus provided inputs into the Global Report on Trafficking in Persons – UN.GIFT study on the state of the "
    "world's response to the crime of human trafficking.",
    "Belarus provided financial support (USD 20,000) to the work of the Inter-Agency Coordination Group against "
    "Trafficking in Persons (ICAT) – a group of agencies and bodies.Belarus attended the ICAT meeting held on 23 "
    "April 2009 in Vienna.",
    "Belarus provided inputs for the United Nations Survey of Crime Trends and Operations of Criminal Justice "
    "Systems (Crime Trends Survey) and has partially answered the Annual Reports Questionnaire (ARQ).",
    "Belarus has ratified 13 out of 16 international counter-terrorism treaties. The remaining non-ratified "
    "treaties are the following:",
    "Amendment to the Convention on the Physical Protection of Nuclear Material (Vienna, 8 July 2005)",
    "Protocol of 2005 to the Convention for the Suppression of Unlawful Acts against the Safety of Maritime "
    "Navigation (London, 14 October 2005)",
    "Protocol of 2005 to the Protocol for the Suppression of Unlawful Acts against the Safety of Fixed Platforms "
    "Located on the Continental Shelf (London, 14 October 2005)",
    "Belarus does not belong to the list of countries which finalized the drafting of, or adopted, legislation or "
    "amendments (including counter-terrorism legislation) with the assistance of UNODC.",
    "UNODC is not supporting any ongoing technical cooperation project in Belarus at this moment.",
]

FRENCH_NOTE = [
    "Coopération entre l'Office des Nations Unies contre la drogue et le crime et le Gouvernement de la République "
    "du Bélarus",
    "Note pour le dossier",
    "Le Bélarus a été élu membre de la Commission des stupéfiants en mai 2009."
    "Son mandat au sein de la Commission commencera le 1er janvier 2010 pour une période de quatre ans.",
    "Le Bélarus a également été élu membre de la Commission pour la prévention du crime et la justice pénale en mai "
    "2009.Son mandat au sein de la Commission commencera le 1er janvier 2010 pour une période de trois ans.",
    "Le Bélarus a ratifié la Convention des Nations Unies contre la corruption le 17 février 2005 et a fait rapport "
    "(au moyen de l'outil prévu à cet effet, la liste de contrôle pour l'auto-évaluation de l'application de la "
    "Convention des Nations Unies contre la corruption) sur les mesures prises le 15 novembre 2007.",
    "Le Bélarus a ratifié la Convention des Nations Unies contre la criminalité transnationale organisée et les "
    "Protocoles s'y rapportant.La Convention et les deux premiers Protocoles additionnels (Protocole visant à "
    "prévenir, réprimer et punir la traite des personnes, en particulier des femmes et des enfants ; Protocole contre "
    "le trafic illicite de migrants par terre, air et mer) ont été ratifiés le 25 juin 2003.Le Bélarus a ratifié le "
    "troisième Protocole (Protocole contre la fabrication et le trafic illicites d'armes à feu, de leurs pièces, "
    "éléments et munitions) le 6 octobre 2004.",
    "Le Bélarus a répondu aux questionnaires et listes de contrôle sur l'application de la Convention des Nations "
    "Unies contre la criminalité transnationale organisée et des Protocoles s'y rapportant.",
    "Le Bélarus a participé à la quatrième session de la Conférence des Parties à la Convention des Nations Unies "
    "contre la criminalité transnationale organisée, tenue du 8 au 17 octobre 2008 à Vienne, ainsi qu'aux groupes "
    "de travail intersessions connexes, tenus en 2009 à Vienne.",
    "Le Bélarus a contribué au Rapport mondial sur la traite des personnes – UN.GIFT, étude sur la réponse apportée "
    "dans le monde au crime de la traite des êtres humains.",
    "Le Bélarus a apporté un soutien financier (20 000 dollars des États-Unis) aux travaux du Groupe "
    "interinstitutions de coordination contre la traite des personnes (ICAT) – groupe d'organismes."
    "Le Bélarus a assisté à la réunion de l'ICAT, tenue le 23 avril 2009 à Vienne.",
    "Le Bélarus a fourni des données pour l'Enquête des Nations Unies sur les tendances de la criminalité et le "
    "fonctionnement des systèmes de justice pénale (Enquête sur les tendances de la criminalité) et a répondu en "
    "partie au questionnaire destiné aux rapports annuels.",
    "Le Bélarus a ratifié 13 des 16 traités internationaux de lutte contre le terrorisme. Les traités non encore "
    "ratifiés sont les suivants :",
    "Amendement à la Convention sur la protection physique des matières nucléaires (Vienne, 8 juillet 2005)",
    "Protocole de 2005 relatif à la Convention pour la répression d'actes illicites contre la sécurité de la "
    "navigation maritime (Londres, 14 octobre 2005)",
    "Protocole de 2005 relatif au Protocole pour la répression d'actes illicites contre la sécurité des plates-formes "
    "fixes situées sur le plateau continental (Londres, 14 octobre 2005)",
    "Le Bélarus ne figure pas sur la liste des pays qui ont achevé l'élaboration ou l'adoption d'une législation ou "
    "d'amendements (y compris en matière de lutte contre le terrorisme) avec l'assistance de l'ONUDC.",
    "L'ONUDC ne soutient actuellement aucun projet de coopération technique en cours au Bélarus.",
]


def test_english_words_the_reference_note_as_it_reads() -> None:
    """The English sentences are those of the note of 30 October 2009 (the ICAT description shortened)."""
    assert _demo_sentences(ENGLISH) == ENGLISH_NOTE


def test_french_states_every_fact_of_the_reference_note() -> None:
    assert _demo_sentences(FRENCH) == FRENCH_NOTE


def test_french_bolds_what_the_english_bolds_with_its_article() -> None:
    st = belarus(FRENCH)
    cnd = FRENCH.term(BODIES["CND"], "name")
    assert bolded(FRENCH.membership_elected(st, cnd, "member", PartialDate(2009, 5), False)) == [
        "la Commission des stupéfiants"
    ]
    ecosoc = FRENCH.term(BODIES["ECOSOC"], "name")
    # a contracted article stays with the name: "membre du Conseil", "au Protocole"
    assert bolded(FRENCH.membership_elected(st, ecosoc, "member", PartialDate(2009, 5), False)) == [
        "du Conseil économique et social"
    ]
    protocol = FRENCH.term(INSTRUMENTS["UNTOC-FIR"], "title")
    spans = FRENCH.treaty_action(st, "accession", protocol, PartialDate(2004, 10, 6))
    assert bolded(spans) == [f"au {protocol.text}"]
    assert text(spans).startswith("Le Bélarus a adhéré au Protocole contre la fabrication")


# --------------------------------------------------------------------------- States of every article and gender

#: iso3 -> (subject, in, of, to, formal, formal with "of", participle "élu")
STATES = {
    "BLR": ("Le Bélarus", "au Bélarus", "du Bélarus", "au Bélarus", "la République du Bélarus",
            "de la République du Bélarus", "élu"),
    "BEL": ("La Belgique", "en Belgique", "de la Belgique", "à la Belgique", "le Royaume de Belgique",
            "du Royaume de Belgique", "élue"),
    "UZB": ("L'Ouzbékistan", "en Ouzbékistan", "de l'Ouzbékistan", "à l'Ouzbékistan",
            "la République d'Ouzbékistan", "de la République d'Ouzbékistan", "élu"),
    "AUT": ("L'Autriche", "en Autriche", "de l'Autriche", "à l'Autriche", "la République d'Autriche",
            "de la République d'Autriche", "élue"),
    "NLD": ("Les Pays-Bas", "aux Pays-Bas", "des Pays-Bas", "aux Pays-Bas", "le Royaume des Pays-Bas",
            "du Royaume des Pays-Bas", "élus"),
    "PHL": ("Les Philippines", "aux Philippines", "des Philippines", "aux Philippines",
            "la République des Philippines", "de la République des Philippines", "élues"),
    "CUB": ("Cuba", "à Cuba", "de Cuba", "à Cuba", "la République de Cuba", "de la République de Cuba", "élue"),
    "ISR": ("Israël", "en Israël", "d'Israël", "à Israël", "l'État d'Israël", "de l'État d'Israël", "élu"),
    "USA": ("Les États-Unis d'Amérique", "aux États-Unis d'Amérique", "des États-Unis d'Amérique",
            "aux États-Unis d'Amérique", "les États-Unis d'Amérique", "des États-Unis d'Amérique", "élus"),
    "HND": ("Le Honduras", "au Honduras", "du Honduras", "au Honduras", "la République du Honduras",
            "de la République du Honduras", "élu"),
    "BRB": ("La Barbade", "à la Barbade", "de la Barbade", "à la Barbade", "la Barbade", "de la Barbade", "élue"),
    "PSE": ("L'État de Palestine", "dans l'État de Palestine", "de l'État de Palestine", "à l'État de Palestine",
            "l'État de Palestine", "de l'État de Palestine", "élu"),
}  # fmt: skip


@pytest.mark.parametrize("iso3", STATES)
def test_a_state_in_every_position_with_its_article_and_contractions(iso3: str) -> None:
    st = FRENCH.state(COUNTRIES[iso3])
    subject, in_, of, to, formal, formal_of, elu = STATES[iso3]
    assert FRENCH.subject(st) == subject
    assert FRENCH.state_in(st) == in_
    assert FRENCH.state_of(st) == of
    assert FRENCH.state_to(st) == to
    assert FRENCH.formal(st) == formal
    assert FRENCH.formal_of(st) == formal_of
    assert FRENCH.participle("élu", st.short) == elu
    assert not st.fallback


@pytest.mark.parametrize("iso3", STATES)
def test_the_participle_of_an_election_agrees_with_the_state(iso3: str) -> None:
    st = FRENCH.state(COUNTRIES[iso3])
    subject, *_, elu = STATES[iso3]
    cnd = FRENCH.term(BODIES["CND"], "name")
    sentence = text(FRENCH.membership_elected(st, cnd, "member", PartialDate(2009, 5), also=False))
    plural = st.short.plural
    aux, member = ("ont", "membres") if plural else ("a", "membre")
    assert sentence == f"{subject} {aux} été {elu} {member} de la Commission des stupéfiants en mai 2009."
    now = text(FRENCH.membership_current(st, cnd, also=True))
    assert (
        now == f"{subject} {'sont' if plural else 'est'} également {member} de la Commission des stupéfiants."
    )
    party = text(FRENCH.treaty_action(st, None, FRENCH.term(INSTRUMENTS["UNCAC"], "title"), None))
    devenu = {"élu": "devenu", "élue": "devenue", "élus": "devenus", "élues": "devenues"}[elu]
    partie = "parties" if plural else "partie"
    assert party == (
        f"{subject} {'sont' if plural else 'est'} {devenu} {partie} à la Convention des Nations Unies contre la "
        "corruption."
    )


def test_names_in_running_text_lose_the_uns_bracketed_qualifier() -> None:
    assert FRENCH.subject(FRENCH.state(COUNTRIES["BOL"])) == "La Bolivie"
    assert FRENCH.state_of(FRENCH.state(COUNTRIES["IRN"])) == "de l'Iran"
    assert FRENCH.state_in(FRENCH.state(COUNTRIES["VEN"])) == "au Venezuela"
    assert FRENCH.formal(FRENCH.state(COUNTRIES["VEN"])) == "la République bolivarienne du Venezuela"
    assert ENGLISH.subject(ENGLISH.state(COUNTRIES["NLD"])) == "The Netherlands"
    assert ENGLISH.state_in(ENGLISH.state(COUNTRIES["NLD"])) == "in the Netherlands"
    assert ENGLISH.formal(ENGLISH.state(COUNTRIES["JPN"])) == "Japan"
    assert ENGLISH.formal_of(ENGLISH.state(COUNTRIES["BLR"])) == "of the Republic of Belarus"


def test_every_state_of_the_catalogue_reads_right_in_french() -> None:
    """All 195 entries: a French name (no English fallback), a capital at the start of a sentence, and no
    uncontracted or unelided article anywhere ("de le", "à les", "de Ouzbékistan")."""
    wrong = ("de le ", "à le ", "de les ", "à les ", "le l'", "la l'")
    for iso3, values in COUNTRIES.items():
        st = FRENCH.state(values)
        assert not st.fallback, iso3
        forms = [
            FRENCH.subject(st),
            FRENCH.state_in(st),
            FRENCH.state_of(st),
            FRENCH.state_to(st),
            FRENCH.formal(st),
            FRENCH.formal_of(st),
        ]
        assert forms[0][0].isupper(), iso3
        for form in forms:
            assert not any(w in f" {form}" for w in wrong), (iso3, form)
            assert not any(f"de {v}" in form for v in "AEIOUÉÎ"), (iso3, form)
        assert "(" not in FRENCH.subject(st), iso3


def test_a_state_without_french_names_is_a_fallback_the_draft_can_warn_about() -> None:
    values: Mapping[str, object] = {"short_name": "Kosovo", "formal_name": "Republic of Kosovo"}
    st = FRENCH.state(values)
    assert st.fallback
    assert FRENCH.subject(st) == "Kosovo"
    english = ENGLISH.state(values)
    assert not english.fallback
    term = FRENCH.term({"title": "Convention X", "title_fr": ""}, "title")
    assert term.fallback and term.text == "Convention X"
    assert not FRENCH.term(INSTRUMENTS["UNCAC"], "title").fallback
    # a missing French short name falls back to the French name, which is no fallback
    arq = FRENCH.term(REPORTING["ARQ"], "short_name")
    assert (arq.text, arq.fallback) == ("Questionnaire destiné aux rapports annuels", False)


# --------------------------------------------------------------------------- each action type

ACTION_SENTENCES = {
    "ratification": "Le Bélarus a ratifié la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "acceptance": "Le Bélarus a accepté la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "approval": "Le Bélarus a approuvé la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "accession": "Le Bélarus a adhéré à la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "succession": "Le Bélarus a succédé à la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "formal_confirmation": (
        "Le Bélarus a confirmé formellement la Convention des Nations Unies contre la corruption le 17 février 2005."
    ),
    "definitive_signature": (
        "Le Bélarus a signé définitivement la Convention des Nations Unies contre la corruption le 17 février 2005."
    ),
    "signature": "Le Bélarus a signé la Convention des Nations Unies contre la corruption le 17 février 2005.",
    "denunciation": "Le Bélarus a dénoncé la Convention des Nations Unies contre la corruption le 17 février 2005.",
}


def test_every_way_of_consenting_has_its_verb() -> None:
    assert set(ACTION_SENTENCES) >= CONSENT_TO_BE_BOUND


@pytest.mark.parametrize("action", ACTION_SENTENCES)
def test_the_verb_follows_the_action_type(action: str) -> None:
    st = belarus(FRENCH)
    uncac = FRENCH.term(INSTRUMENTS["UNCAC"], "title")
    assert text(FRENCH.treaty_action(st, action, uncac, PartialDate(2005, 2, 17))) == ACTION_SENTENCES[action]
    english = text(
        ENGLISH.treaty_action(belarus(ENGLISH), action, ENGLISH.term(INSTRUMENTS["UNCAC"], "title"), None)
    )
    assert english.startswith(
        f"Belarus {ENGLISH.action_verb(action, belarus(ENGLISH).short)} the United Nations"
    )


@pytest.mark.parametrize(
    ("action", "protocol", "expected"),
    [
        ("ratification", "UNTOC-FIR", "La Belgique a ratifié le Protocole contre la fabrication"),
        ("accession", "UNTOC-FIR", "La Belgique a adhéré au Protocole contre la fabrication"),
        ("accession", "CT14", "La Belgique a adhéré à l'Amendement à la Convention"),
        ("succession", "CT01", "La Belgique a succédé à la Convention relative aux infractions"),
        (None, "CT09", "La Belgique est devenue partie au Protocole pour la répression"),
    ],
)
def test_a_verb_with_a_preposition_contracts_with_the_article(
    action: str | None, protocol: str, expected: str
) -> None:
    st = FRENCH.state(COUNTRIES["BEL"])
    assert text(
        FRENCH.treaty_action(st, action, FRENCH.term(INSTRUMENTS[protocol], "title"), None)
    ).startswith(expected)


def test_a_convention_and_its_protocols_agree_in_the_passive_and_go_active_with_a_preposition() -> None:
    st = FRENCH.state(COUNTRIES["NLD"])
    untoc = FRENCH.term(INSTRUMENTS["UNTOC"], "title")
    kids = [FRENCH.term(INSTRUMENTS[c], "title") for c in ("UNTOC-TIP", "UNTOC-SOM", "UNTOC-FIR")]
    june = PartialDate(2003, 6, 25)
    assert text(FRENCH.family_together(st, "approval", kids[:1], [1], june)).startswith(
        "La Convention et le premier Protocole additionnel (Protocole visant"
    )
    assert text(FRENCH.family_together(st, "approval", kids[:1], [1], june)).endswith(
        "ont été approuvés le 25 juin 2003."
    )
    assert text(FRENCH.family_convention_alone(st, "ratification", june)) == (
        "La Convention a été ratifiée le 25 juin 2003."
    )
    assert text(FRENCH.family_convention_alone(st, "accession", june)) == (
        "Les Pays-Bas ont adhéré à la Convention le 25 juin 2003."
    )
    together = text(FRENCH.family_together(st, "accession", kids[:2], [1, 2], june))
    assert together.startswith(
        "Les Pays-Bas ont adhéré à la Convention et aux deux premiers Protocoles additionnels ("
    )
    later = text(FRENCH.family_protocols(st, "accession", kids[1:], [2, 3], PartialDate(2004)))
    assert later.startswith(
        "Les Pays-Bas ont adhéré aux deuxième et troisième Protocoles (Protocole contre le trafic"
    )
    assert later.endswith(") en 2004.")
    assert text(FRENCH.family_whole(st, "accession", untoc)) == (
        "Les Pays-Bas ont adhéré à la Convention des Nations Unies contre la criminalité transnationale organisée "
        "et aux Protocoles s'y rapportant."
    )
    assert text(FRENCH.family_as_regards(untoc)) == (
        "S'agissant de la Convention des Nations Unies contre la criminalité transnationale organisée et des "
        "Protocoles s'y rapportant :"
    )


#: A State of each article, gender and number: iso3 -> (subject, "retiré", "devenu partie", "élu membre").
AGREEING_STATES = {
    "BLR": ("Le Bélarus", "s'est retiré", "est devenu partie", "a été élu membre"),
    "BEL": ("La Belgique", "s'est retirée", "est devenue partie", "a été élue membre"),
    "UZB": ("L'Ouzbékistan", "s'est retiré", "est devenu partie", "a été élu membre"),
    "AUT": ("L'Autriche", "s'est retirée", "est devenue partie", "a été élue membre"),
    "NLD": ("Les Pays-Bas", "se sont retirés", "sont devenus parties", "ont été élus membres"),
    "PHL": ("Les Philippines", "se sont retirées", "sont devenues parties", "ont été élues membres"),
    "CUB": ("Cuba", "s'est retirée", "est devenue partie", "a été élue membre"),
    "ISR": ("Israël", "s'est retiré", "est devenu partie", "a été élu membre"),
}


@pytest.mark.parametrize("iso3", AGREEING_STATES)
@pytest.mark.parametrize("action", [*ACTION_SENTENCES, "withdrawal", None])
def test_each_action_type_for_a_state_of_each_article_gender_and_number(
    iso3: str, action: str | None
) -> None:
    """With "avoir" the participle never agrees ("les Philippines ont ratifié"); the pronominal "se retirer"
    and "devenir partie" agree with the State; a year, a month and a day each take their preposition."""
    subject, withdrew, became, _ = AGREEING_STATES[iso3]
    st = FRENCH.state(COUNTRIES[iso3])
    plural = subject.startswith("Les ")
    uncac = FRENCH.term(INSTRUMENTS["UNCAC"], "title")
    for date, when in ((PartialDate(2005), "en 2005"), (PartialDate(2005, 2), "en février 2005"),
                       (PartialDate(2005, 2, 1), "le 1er février 2005")):  # fmt: skip
        said = text(FRENCH.treaty_action(st, action, uncac, date))
        if action == "withdrawal":
            verb = f"{withdrew} de"
        elif action is None:
            verb = f"{became} à"
        else:
            rest = ACTION_SENTENCES[action].removeprefix("Le Bélarus a ")
            verb = f"{'ont' if plural else 'a'} {rest.split(' la Convention')[0]}"
        assert said == f"{subject} {verb} la Convention des Nations Unies contre la corruption {when}."


@pytest.mark.parametrize("iso3", AGREEING_STATES)
def test_each_membership_tense_for_a_state_of_each_article_gender_and_number(iso3: str) -> None:
    subject, _, _, elected = AGREEING_STATES[iso3]
    st = FRENCH.state(COUNTRIES[iso3])
    plural = subject.startswith("Les ")
    cnd = FRENCH.term(BODIES["CND"], "name")
    member = "membres" if plural else "membre"
    became = elected.replace("a été élu", "est devenu").replace("ont été élu", "sont devenu")
    assert text(FRENCH.membership_elected(st, cnd, "member", PartialDate(2009, 5), False)) == (
        f"{subject} {elected} de la Commission des stupéfiants en mai 2009."
    )
    assert text(FRENCH.membership_began(st, cnd, "member", PartialDate(2010, 1, 1), False)) == (
        f"{subject} {became} de la Commission des stupéfiants le 1er janvier 2010."
    )
    assert text(FRENCH.membership_current(st, cnd, True)) == (
        f"{subject} {'sont' if plural else 'est'} également {member} de la Commission des stupéfiants."
    )
    assert text(FRENCH.membership_past(st, cnd, "member", PartialDate(2006), PartialDate(2009), False)) == (
        f"{subject} {'ont' if plural else 'a'} été {member} de la Commission des stupéfiants de 2006 à 2009."
    )
    ref = FRENCH.body_reference("commission", "CND", cnd)
    mandate = f"{'Leur' if plural else 'Son'} mandat au sein de la Commission"
    for tense, words in ((Tense.FUTURE, "commencera en janvier 2010"), (Tense.CURRENT, "a commencé en janvier 2010"),
                         (Tense.PAST, "a commencé en janvier 2010")):  # fmt: skip
        end = None if tense == Tense.FUTURE else PartialDate(2012)
        said = text(
            FRENCH.membership_term(st, ref, tense, PartialDate(2010, 1), end, 3 if end is None else None)
        )
        assert said.startswith(f"{mandate} {words}")


# --------------------------------------------------------------------------- each membership tense and role


@pytest.mark.parametrize(
    ("tense", "end", "years", "french", "english"),
    [
        (Tense.FUTURE, None, 4,
         "Son mandat au sein de la Commission commencera le 1er janvier 2010 pour une période de quatre ans.",
         "Its membership of the Commission will commence on 1 January 2010 for a period of 4 years."),
        (Tense.FUTURE, PartialDate(2013, 12, 31), None,
         "Son mandat au sein de la Commission commencera le 1er janvier 2010 et prendra fin le 31 décembre 2013.",
         "Its membership of the Commission will commence on 1 January 2010 and will run until 31 December 2013."),
        (Tense.FUTURE, None, 1,
         "Son mandat au sein de la Commission commencera le 1er janvier 2010 pour une période d'un an.",
         "Its membership of the Commission will commence on 1 January 2010 for a period of 1 year."),
        (Tense.CURRENT, PartialDate(2013, 12, 31), None,
         "Son mandat au sein de la Commission a commencé le 1er janvier 2010 et court jusqu'au 31 décembre 2013.",
         "Its membership of the Commission began on 1 January 2010 and runs until 31 December 2013."),
        (Tense.CURRENT, PartialDate(2013), None,
         "Son mandat au sein de la Commission a commencé le 1er janvier 2010 et court jusqu'en 2013.",
         "Its membership of the Commission began on 1 January 2010 and runs until 2013."),
        (Tense.PAST, PartialDate(2013, 12, 31), None,
         "Son mandat au sein de la Commission a commencé le 1er janvier 2010 et a pris fin le 31 décembre 2013.",
         "Its membership of the Commission began on 1 January 2010 and ended on 31 December 2013."),
    ],
)  # fmt: skip
def test_each_membership_tense(
    tense: Tense, end: PartialDate | None, years: int | None, french: str, english: str
) -> None:
    start = PartialDate(2010, 1, 1)
    for lang, expected in ((FRENCH, french), (ENGLISH, english)):
        cnd = lang.term(BODIES["CND"], "name")
        ref = lang.body_reference("commission", "CND", cnd)
        assert text(lang.membership_term(belarus(lang), ref, tense, start, end, years)) == expected


def test_a_plural_state_has_their_mandate_and_a_council_its_article() -> None:
    st = FRENCH.state(COUNTRIES["NLD"])
    ecosoc = FRENCH.term(BODIES["ECOSOC"], "name")
    ref = FRENCH.body_reference("council", "ECOSOC", ecosoc)
    assert text(FRENCH.membership_term(st, ref, Tense.FUTURE, PartialDate(2010), None, 3)) == (
        "Leur mandat au sein du Conseil commencera en 2010 pour une période de trois ans."
    )
    icat = FRENCH.term(BODIES["ICAT"], "name")
    assert FRENCH.the(FRENCH.body_reference("group", "ICAT", icat)) == "l'ICAT"
    english = ENGLISH.state(COUNTRIES["NLD"])
    council = ENGLISH.body_reference("council", "ECOSOC", ENGLISH.term(BODIES["ECOSOC"], "name"))
    assert text(
        ENGLISH.membership_term(english, council, Tense.CURRENT, PartialDate(2010, 5), None, None)
    ) == ("Its membership of the Council began in May 2010.")


@pytest.mark.parametrize(
    ("role", "elected", "past"),
    [
        ("member", "La Belgique a été élue membre de la Commission des stupéfiants le 5 mai 2009.",
         "La Belgique a été membre de la Commission des stupéfiants de 2006 à 2009."),
        ("chair", "La Belgique a été élue à la présidence de la Commission des stupéfiants le 5 mai 2009.",
         "La Belgique a assuré la présidence de la Commission des stupéfiants de 2006 à 2009."),
        ("vice_chair", "La Belgique a été élue à la vice-présidence de la Commission des stupéfiants le 5 mai 2009.",
         "La Belgique a assuré la vice-présidence de la Commission des stupéfiants de 2006 à 2009."),
        ("rapporteur", "La Belgique a été élue au poste de rapporteur de la Commission des stupéfiants le 5 mai 2009.",
         "La Belgique a occupé le poste de rapporteur de la Commission des stupéfiants de 2006 à 2009."),
        ("bureau", "La Belgique a été élue membre du Bureau de la Commission des stupéfiants le 5 mai 2009.",
         "La Belgique a été membre du Bureau de la Commission des stupéfiants de 2006 à 2009."),
    ],
)  # fmt: skip
def test_each_role_in_a_body(role: str, elected: str, past: str) -> None:
    st = FRENCH.state(COUNTRIES["BEL"])
    cnd = FRENCH.term(BODIES["CND"], "name")
    assert text(FRENCH.membership_elected(st, cnd, role, PartialDate(2009, 5, 5), False)) == elected
    assert text(FRENCH.membership_past(st, cnd, role, PartialDate(2006), PartialDate(2009), False)) == past


@pytest.mark.parametrize(
    ("date", "french", "english"),
    [
        (PartialDate(2009, 5, 12), "le 12 mai 2009", "on 12 May 2009"),
        (PartialDate(2009, 5), "en mai 2009", "in May 2009"),
        (PartialDate(2009), "en 2009", "in 2009"),
    ],
)
def test_each_date_precision_in_a_sentence(date: PartialDate, french: str, english: str) -> None:
    for lang, when in ((FRENCH, french), (ENGLISH, english)):
        cnd = lang.term(BODIES["CND"], "name")
        assert text(lang.membership_elected(belarus(lang), cnd, "member", date, False)).endswith(f" {when}.")


# --------------------------------------------------------------------------- the other sentences


def test_meetings_agree_with_what_was_held() -> None:
    st = FRENCH.state(COUNTRIES["BEL"])
    cop = MEETINGS["COP-UNTOC-4"]
    first = MeetingFact(FRENCH.term(cop, "title"), "quatrième session", PartialDate(2008, 10, 8),
                        PartialDate(2008, 10, 17), "Vienne", observer=True)  # fmt: skip
    second = MeetingFact(FRENCH.term(MEETINGS["COP-UNTOC-5"], "title"), "cinquième session",
                         PartialDate(2010, 10, 18), PartialDate(2010, 10, 22), "Vienne")  # fmt: skip
    assert text(FRENCH.meeting_sessions(st, [first, second], [])) == (
        "La Belgique a participé en qualité d'observateur à la quatrième session de la Conférence des Parties à la "
        "Convention des Nations Unies contre la criminalité transnationale organisée, tenue du 8 au 17 octobre 2008 à "
        "Vienne, et à sa cinquième session, tenue du 18 au 22 octobre 2010 à Vienne."
    )
    third = MeetingFact(FRENCH.term(cop, "title"), "sixième session", PartialDate(2012, 10, 15),
                        PartialDate(2012, 10, 19), "Vienne")  # fmt: skip
    # three sessions or more: "et" before the last one only, not before each
    assert text(FRENCH.meeting_sessions(st, [first, second, third], [])).endswith(
        "tenue du 8 au 17 octobre 2008 à Vienne, à sa cinquième session, tenue du 18 au 22 octobre 2010 à Vienne, "
        "et à sa sixième session, tenue du 15 au 19 octobre 2012 à Vienne."
    )
    ccpcj = FRENCH.term(BODIES["CCPCJ"], "name")
    eighth = MeetingFact(
        ccpcj, "huitième session", PartialDate(1999, 4, 27), PartialDate(1999, 5, 6), "Vienne"
    )
    eleventh = MeetingFact(
        ccpcj, "onzième session", PartialDate(2002, 4, 16), PartialDate(2002, 4, 25), "Vienne"
    )
    # no elision before "huitième" (aspirated h) nor "onzième": "à la huitième session", not "à l'huitième"
    assert text(FRENCH.meeting_sessions(st, [eighth, eleventh], [])).startswith(
        "La Belgique a participé à la huitième session de la Commission pour la prévention du crime et la justice "
        "pénale, tenue du 27 avril au 6 mai 1999 à Vienne, et à sa onzième session, tenue"
    )
    assert text(FRENCH.meeting_sessions(st, [eleventh], [])).startswith(
        "La Belgique a participé à la onzième"
    )
    cnd = FRENCH.term(BODIES["CND"], "name")
    last = MeetingFact(cnd, "", PartialDate(2009, 3, 11), PartialDate(2009, 3, 20), "Vienne")
    assert text(FRENCH.meetings_counted(st, 5, cnd, last)) == (
        "La Belgique a participé à 5 réunions de la Commission des stupéfiants, dont la dernière s'est tenue du 11 "
        "au 20 mars 2009 à Vienne."
    )
    icat = FRENCH.term(MEETINGS["ICAT-2009-04"], "title")
    assert text(
        FRENCH.meetings_listed(st, [MeetingFact(icat, "", PartialDate(2009, 4, 23), None, "Vienne")])
    ) == (
        "La Belgique a participé à la réunion du Groupe interinstitutions de coordination contre la traite des "
        "personnes, tenue le 23 avril 2009 à Vienne."
    )
    earlier = MeetingFact(icat, "", PartialDate(2008, 4), None, "New York")
    # the clause "tenue ..." is closed by a comma before "et", or the place would run into the next meeting
    assert text(
        FRENCH.meetings_listed(st, [earlier, MeetingFact(icat, "", PartialDate(2009, 4, 23), None, "Vienne")])
    ) == (
        "La Belgique a participé à la réunion du Groupe interinstitutions de coordination contre la traite des "
        "personnes, tenue en avril 2008 à New York, et à la réunion du Groupe interinstitutions de coordination "
        "contre la traite des personnes, tenue le 23 avril 2009 à Vienne."
    )


def test_contributions_with_amounts_in_french() -> None:
    st = FRENCH.state(COUNTRIES["NLD"])
    icat = Recipient(FRENCH.term(BODIES["ICAT"], "name"), "ICAT")
    usd = Money(2_000_000, "USD")
    assert text(FRENCH.contribution(st, icat, ContributionFact("commitment", usd, PartialDate(2009, 4)))) == (
        "Les Pays-Bas se sont engagés à apporter un soutien financier (20 000 dollars des États-Unis) aux travaux du "
        "Groupe interinstitutions de coordination contre la traite des personnes (ICAT), en avril 2009."
    )
    listed = FRENCH.contributions_listed(
        st,
        icat,
        [
            ContributionFact("payment", usd, PartialDate(2003)),
            ContributionFact("pledge", Money(100, "EUR"), PartialDate(2005, 3, 1)),
            ContributionFact("in_kind", Money(10_000, "GBP")),
        ],
    )
    assert text(listed).endswith(
        ": 20 000 dollars des États-Unis versés en 2003 ; 1 euro annoncé le 1er mars 2005 ; 100 livres sterling "
        "fournies en nature."
    )
    summed = FRENCH.contributions_summed(
        st,
        icat,
        7,
        [2003, 2009],
        [usd, Money(500_000, "EUR")],
        ContributionFact("payment", usd, PartialDate(2009)),
    )
    # the count holds pledges and commitments too: "apporté", not "versé" (paid), and the latest as it was
    assert text(summed).startswith(
        "Les Pays-Bas ont apporté 7 contributions aux travaux du Groupe interinstitutions de coordination"
    )
    assert text(summed).endswith(
        " entre 2003 et 2009, pour un total de 20 000 dollars des États-Unis et 5 000 euros ; la dernière, de 20 000 "
        "dollars des États-Unis, a été versée en 2009."
    )
    meetings = [
        MeetingFact(Term("réunion", "la", "f"), "", PartialDate(2008, 5, 1), None, "Vienne"),
        MeetingFact(Term("réunion", "la", "f"), "", PartialDate(2009, 4, 23), None, "Vienne"),
    ]
    code = FRENCH.code_term("ICAT", FRENCH.term(BODIES["ICAT"], "name"))
    assert text(FRENCH.body_meetings_attended(st, code, meetings)) == (
        "Les Pays-Bas ont assisté aux réunions de l'ICAT (la dernière s'est tenue le 23 avril 2009 à Vienne)."
    )


def test_resolutions_initiatives_and_counts() -> None:
    st = FRENCH.state(COUNTRIES["PHL"])
    ecosoc = FRENCH.term(BODIES["ECOSOC"], "name")
    assert text(
        FRENCH.resolution(st, "co_sponsor", ecosoc, "Titre", "E/RES/2008/33", "", PartialDate(2008))
    ) == (
        "En 2008, les Philippines se sont portées coauteurs de la résolution du Conseil économique et social "
        "intitulée « Titre » (E/RES/2008/33)."
    )
    initiatives = [
        InitiativeFact("training_centre", "Centre international de formation", "", PartialDate(2007)),
        InitiativeFact("strategy", "Stratégie nationale contre la traite", ""),
        InitiativeFact("unit", "Unité de lutte contre la traite", "", PartialDate(2008, 3, 1)),
    ]
    assert text(FRENCH.national_initiatives(st, initiatives)) == (
        "Au niveau national, les Philippines ont créé un Centre international de formation en 2007, ont adopté la "
        "Stratégie nationale contre la traite et ont créé une Unité de lutte contre la traite le 1er mars 2008."
    )
    ct = FRENCH.term(SETS["CT"], "running_name")
    assert text(FRENCH.set_all(st, 16, ct)) == (
        "Les Philippines ont ratifié l'ensemble des 16 traités internationaux de lutte contre le terrorisme."
    )
    assert text(FRENCH.set_none(st, 4, FRENCH.term(SETS["DRUGS"], "running_name"))) == (
        "Les Philippines n'ont ratifié aucune des 4 conventions internationales relatives au contrôle des drogues."
    )
    assert FRENCH.count_of(13, 16) == "13 des 16"
    assert ENGLISH.count_of(13, 16) == "13 out of 16"


def test_legislative_assistance_and_projects() -> None:
    st = FRENCH.state(COUNTRIES["UZB"])
    _, org = FRENCH.organisation(ORGANISATION)
    ongoing = AssistanceFact("ongoing", "législation antiterroriste", "drafting", PartialDate(2008))
    assert text(FRENCH.assistance(st, org, ongoing)) == (
        "L'Ouzbékistan bénéficie de l'assistance de l'ONUDC pour l'élaboration de la législation antiterroriste "
        "(depuis 2008)."
    )
    done = AssistanceFact(
        "completed", "code pénal", "review", PartialDate(2006), PartialDate(2007), "révision faite"
    )
    assert text(FRENCH.assistance(st, org, done)) == (
        "L'Ouzbékistan a bénéficié de l'assistance de l'ONUDC pour l'examen du code pénal (2006-2007). "
        "Révision faite."
    )
    adopted = AssistanceFact("law_adopted", "loi contre la traite", "", None, PartialDate(2009, 6))
    assert text(FRENCH.assistance(st, org, adopted)) == (
        "L'Ouzbékistan a adopté la loi contre la traite avec l'assistance de l'ONUDC en juin 2009."
    )
    assert text(FRENCH.projects_intro(org, st, 2)) == (
        "L'ONUDC soutient en Ouzbékistan les projets de coopération technique suivants :"
    )
    project = ProjectFact(
        "Contrôle des frontières", "UZB/X12", PartialDate(2010), PartialDate(2012), Money(100_050, "EUR")
    )
    assert text(FRENCH.project(project)) == (
        "UZB/X12 : Contrôle des frontières (depuis 2010 ; fin prévue en 2012 ; budget : 1 000,50 euros)"
    )
    assert bolded(FRENCH.project(project)) == ["Contrôle des frontières"]


def test_the_letter_and_the_page_in_french() -> None:
    st = belarus(FRENCH)
    _, org = FRENCH.organisation(ORGANISATION)
    assert FRENCH.letter_subject(org, st) == "Coopération entre l'ONUDC et la République du Bélarus"
    assert FRENCH.letter_body(org, st).endswith(
        "dans lesquels l'ONUDC coopère avec le Gouvernement de la République du Bélarus."
    )
    assert FRENCH.letter_date(PartialDate(2009, 10, 30)) == "Le 30\u00a0octobre 2009"
    assert FRENCH.reference_label("EWCA/040/09") == f"Réf.{NBSP}: EWCA/040/09"
    assert FRENCH.page_label(2, 3) == "Page 2 sur 3"
    assert ENGLISH.page_label(2, 3) == "Page 2 of 3"
    assert ENGLISH.reference_label("EWCA/040/09") == "Ref: EWCA/040/09"


def test_french_text_carries_no_narrow_space_and_a_no_break_space_before_a_semicolon() -> None:
    for sentence in _demo_sentences(FRENCH):  # no-break spaces shown as plain ones
        assert "\u202f" not in sentence
        assert re.search(r"\S[;?!]", sentence) is None
    assert "des enfants ; Protocole" in " ".join(_demo_sentences(FRENCH))
    project = ProjectFact("Contrôle des frontières", "UZB/X12", PartialDate(2010), PartialDate(2012))
    assert spans_text(FRENCH.project(project)).endswith(f"(depuis 2010{NBSP}; fin prévue en 2012)")
    raw = spans_text(FRENCH.set_some(belarus(FRENCH), 13, 16, FRENCH.term(SETS["CT"], "running_name")))
    assert raw.endswith(f"suivants{NBSP}:")


_SLIPS = re.compile(
    r"  | [,.]|\b(de|à) (le|les) |\b(de|que|le|la|ne) [aeiouéèêîAEIOUÉÈÊÎ]|\b(du|au) [aeiouéAEIOUÉ]"
)


def test_every_state_in_every_kind_of_sentence_reads_without_a_slip() -> None:
    """For each of the 195 entries: an election, a membership, becoming a party, a pledge, a co-sponsored
    resolution and a count, with no missed contraction or elision, no doubled space, a capital to start."""
    cnd = FRENCH.term(BODIES["CND"], "name")
    uncac = FRENCH.term(INSTRUMENTS["UNCAC"], "title")
    ecosoc = FRENCH.term(BODIES["ECOSOC"], "name")
    icat = Recipient(FRENCH.term(BODIES["ICAT"], "name"), "ICAT")
    drugs = FRENCH.term(SETS["DRUGS"], "running_name")
    _, org = FRENCH.organisation(ORGANISATION)
    for iso3, values in COUNTRIES.items():
        st = FRENCH.state(values)
        sentences = [
            FRENCH.membership_elected(st, cnd, "member", PartialDate(2009, 5), also=True),
            FRENCH.membership_current(st, cnd, also=False),
            FRENCH.treaty_action(st, None, uncac, PartialDate(2005, 4)),
            FRENCH.contribution(st, icat, ContributionFact("commitment", Money(100, "EUR"))),
            FRENCH.resolution(st, "co_sponsor", ecosoc, "Titre", "", "", PartialDate(2008, 10, 1)),
            FRENCH.set_none(st, 4, drugs),
            FRENCH.assistance_none(st, org),
            FRENCH.projects_none(org, st),
        ]
        for spans in sentences:
            sentence = text(spans)
            assert sentence[0].isupper(), (iso3, sentence)
            assert not _SLIPS.search(sentence), (iso3, sentence)
        agreed = text(sentences[0])
        elu = FRENCH.participle("élu", st.short)
        assert f" été {elu} " in agreed, (iso3, agreed)


@pytest.mark.parametrize(
    ("rows", "fields"),
    [
        (INSTRUMENTS, ("title_fr", "short_title_fr")),
        (BODIES, ("name_fr",)),
        (MEETINGS, ("title_fr", "session_fr")),
        (REPORTING, ("name_fr",)),
        (SETS, ("name_fr", "running_name_fr")),
        ({"UNODC": ORGANISATION}, ("name_fr",)),
    ],
    ids=["instruments", "bodies", "meetings", "reporting instruments", "instrument sets", "organisation"],
)
def test_every_shipped_french_name_has_a_head_noun_whose_gender_is_known(
    rows: Mapping[str, Mapping[str, str]], fields: tuple[str, ...]
) -> None:
    """The articles, contractions and agreements of a name come from its head noun; none is guessed for
    the shipped catalogue."""
    from coopdesk.note.lang.fr import grammar

    for code, row in rows.items():
        for field in fields:
            if row[field]:
                assert grammar.noun_grammar(row[field]) is not None, (code, row[field])
