"""Word lists shared by the attribution and actor finders, and the table of attribution cues by language.

The phrase helpers that read the article with them (capitalized runs, noun phrases before or after a
cue, titles and appositives) are in ``phrases``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..calendar import MONTHS, WEEKDAYS
from ..schema import SourceKind

__all__ = [
    "ADVERBS",
    "ALIASES",
    "COMMON",
    "CONNECT",
    "COUNTRIES",
    "CUE_TABLE",
    "DEMONYMS",
    "DETS",
    "DOC_NOUNS",
    "EXPERT_NOUNS",
    "FEMININE",
    "FOREIGN_DETS",
    "GENERIC",
    "KIND_WORDS",
    "MASCULINE",
    "MEDIA",
    "MEDIUM_OF",
    "ORG",
    "ORG_HEADS",
    "OUTLETS",
    "PARTIES",
    "PEOPLE_NOUNS",
    "PLACE",
    "PRONOUNS",
    "ROLES",
    "SKIP_CAPS",
    "SOURCE_NOUNS",
    "STOP",
    "CueWords",
    "word_set",
]


def word_set(s: str) -> frozenset[str]:
    """The words of ``s`` (a word list is written as one string)."""
    return frozenset(s.split())


# Capitalized words that are never a name: months (but "May", a verb and a name too: read case by case),
# weekdays, clock and time-zone words.
SKIP_CAPS = (
    frozenset(name.capitalize() for name in MONTHS if name != "may")
    | frozenset(day.capitalize() for day in WEEKDAYS)
    | word_set("AM PM CDT CST EDT EST PDT PST GMT UTC I")
)
COMMON = word_set(
    "the a an however meanwhile instead according in on at after before but and or this that these those i "
    "it he she they we you his her their our my your its if when while as for with from by to of so then "
    "still also until since although though even some many most all another other each every no not yes now "
    "here there what who why how where which photo click related yet thus despite under over during among "
    "because once earlier later today yesterday said says per both either neither i'll i'm i've i'd we're "
    "we've we'll you're i’ll i’m i’ve i’d we’re we’ve we’ll you’re"
)
DETS = word_set("the a an one his her their its our two three some several many another")
# Determiners of the other languages of the cue table, read only when written in lower case ("El Paso").
FOREIGN_DETS = word_set("el la los las un una der die das den dem ein eine le les du l'")
STOP = (
    COMMON - DETS
    | word_set(
        "is are was were be been being has have had do does did will would can could may might must should "
        "shall never him them us me who whom whose that than nor into about through against between without "
        "within up out down off away back said says say told tells tell reported reports report announced notes "
        "noted wrote writes write added adds believe believes believed citing cited according per claimed "
        "claims confirmed answered released explains explained tweeted commented quotes quoted found finds show "
        "shows showed called calls indicate indicates"
    )
    | word_set("en con por para am im an auf mit für au à aux dans sur pour avec")
)  # prepositions of the cue table
CONNECT = word_set("of de del da van von bin for")
ADVERBS = word_set(
    "also previously now later once recently reportedly further then first initially still too already "
    "subsequently separately"
)
ROLES = word_set(
    "president leader minister secretary advisor adviser commander chief spokesman spokeswoman spokesperson "
    "director mayor governor senator sen. gov. rep. representative ambassador envoy chairman chairwoman ceo "
    "founder head official officer sheriff commissioner attorney lawyer judge justice professor prof. dr. analyst "
    "reporter correspondent editor writer author actor actress singer rapper star icon player coach athlete "
    "general gen. colonel lt. sgt. sergeant captain capt. king queen prince princess pope chancellor "
    "premier guitarist musician comedian host anchor producer biologist scientist researcher economist "
    "historian daughter son wife husband mother father sister brother mom dad publicist agent manager owner "
    "executive exec rabbi priest bishop teacher nurse doctor detective investigator prosecutor novelist mr. "
    "mrs. ms. lobbyist consultant aide deputy tutor anthropologist principal politician activist nominee "
    "candidate congressman congresswoman lawmaker speaker strategist pollster surrogate chair"
)
PEOPLE_NOUNS = word_set(
    "official authority police spokesman spokeswoman spokesperson source expert analyst researcher "
    "scientist professor family friend neighbor attorney lawyer agent publicist officer aide historian "
    "specialist eyewitness witness customer relative investigator prosecutor doctor woman man people "
    "resident diplomat insider rep consultant staffer author commander daughter son wife husband mother mom "
    "father dad rabbi politician activist student teacher worker employee journalist critic supporter opponent "
    "voter defender member protester demonstrator delegate commentator pundit advocate donor organizer"
)
DOC_NOUNS = word_set(
    "document report memo data letter note record statement manual profile footage autopsy finding "
    "investigation analysis plan proposal estimate projection figure statistic census filing calculation tally "
    "transcript video story article"
)
EXPERT_NOUNS = word_set(
    "expert analyst researcher professor scientist study survey poll economist historian specialist "
    "biologist anthropologist"
)


@dataclass(frozen=True, slots=True)
class CueWords:
    """One language's attribution cues, as written in news (items separated by "|").

    ``verbs``: reporting verbs, past and present; ``inverted``: those that may come before their subject
    ("said Smith", "afirmó Planas", "sagte Müller", "a déclaré le ministre"); ``negative``: cues by which
    a source denies a claim or could not verify it; ``hedging``: cues that report a belief, not a fact;
    ``participles``: cues that take the subject of the clause before ("…, adding that"); ``preps``: words the
    source follows ("according to", "según", "laut", "selon"); ``that``: what opens
    a reported clause; ``pronouns``: subject pronouns that stand for a person; ``nouns``: lower-case words
    that can head a source ("el ministro", "der Sprecher").
    """

    verbs: str
    inverted: str
    negative: str
    hedging: str
    participles: str
    preps: str
    that: str
    pronouns: str
    nouns: str


_FR_SAID = "déclaré dit affirmé expliqué ajouté indiqué souligné estimé assuré annoncé précisé rappelé reconnu"
CUE_TABLE: dict[str, CueWords] = {
    "en": CueWords(
        verbs="said|says|say|told|tells|tell|reported|reports|report|announced|announces|noted|notes|note|wrote|"
        "writes|write|added|adds|believes|believe|believed|estimated|estimates|claimed|claims|claim|confirmed|"
        "confirms|answered|released|explained|explains|tweeted|commented|quoted|quotes|cited|indicated|"
        "indicates|indicate|showed|shows|show|found|finds|find|called|calls|call|argued|argues|insisted|insists|"
        "warned|warns|suggested|suggests|acknowledged|acknowledges|admitted|admits|conceded|declared|declares|"
        "stated|predicted|predicts|promised|promises|pledged|pledges|vowed|vows|urged|urges|asked|asks|"
        "recalled|recalls|responded|replied|replies|described|describes|complained|contended|emphasized|"
        "stressed|testified|agreed|agrees|criticized|accused|revealed|concluded|expects|expected|thinks|"
        "denied|denies|disputed|disputes|rejected|called for|calls for|call for|called on|calls on|call on|"
        "pointed out|points out|"
        "blasted|condemned|questioned|mentioned|proposed|proposes|demanded|demands|echoed|alleged|alleges|"
        "touted|boasted|cautioned|countered|counter|counters|announcing|insist|argue|warn|predict|continued|"
        "forecast|forecasts|"
        "projected|maintains|maintained|implored|pleaded|lamented|bemoaned|joked|quipped|bragged|brags|wondered|"
        "wonders|complains|recounted|reiterated|asserted|asserts|observed|remarked|speculated|hinted|"
        "sang|sings|shouted|shouts|yelled|yells|chanted|chants|exclaimed|exclaims|whispered|muttered|screamed|"
        "unveiled|unveils|pointed to|points to|point to|spoke of|speaks of|"
        "made it clear|made clear|makes clear|disagrees|disagreed|has learned|have learned|"
        "was unable to independently verify|"
        "were unable to independently verify|could not independently verify|could not verify|"
        "could not confirm|was unable to verify|were unable to verify|declined to confirm",
        inverted="said|says|wrote|writes|write|reports|reported|notes|noted|adds|added|explains|explained|"
        "tweeted|told|asked|recalled|continued|replied|argued|insisted|warned",
        negative="denied|denies|disputed|disputes|rejected|unable to|could not|declined to confirm",
        hedging="believes|believe|believed|estimated|estimates|suggested|suggests|predicted|predicts|expects|"
        "expected|thinks|forecast|forecasts|projected|predicting",
        participles="saying|adding|noting|arguing|warning|insisting|claiming|explaining|stressing|suggesting|"
        "telling|asking|calling|writing|proposing|promising|demanding|urging|calling for|predicting|tweeting|"
        "replying|responding|acknowledging|conceding|recalling|complaining|pointing out",
        preps="according to|per|citing",
        that="that",
        pronouns="he|she",
        nouns="",
    ),
    "es": CueWords(
        verbs="dijo|dice|afirmó|afirma|aseguró|asegura|señaló|señala|explicó|explica|declaró|declara|indicó|"
        "indica|añadió|añade|agregó|agrega|manifestó|sostuvo|advirtió|advierte|informó|informa|reconoció|"
        "destacó|subrayó|precisó|anunció|anuncia|comentó|insistió|estimó|negó|niega|desmintió",
        inverted="dijo|afirmó|aseguró|señaló|explicó|declaró|indicó|añadió|agregó|manifestó|sostuvo|advirtió|"
        "informó|reconoció|destacó|subrayó|precisó|comentó|insistió",
        negative="negó|niega|desmintió",
        hedging="estimó",
        participles="afirmando|asegurando|señalando|añadiendo|explicando|advirtiendo",
        preps="según|de acuerdo con",
        that="que",
        pronouns="él|ella",
        nouns="ministro ministra portavoz presidente presidenta gobierno ministerio instituto fuente fuentes "
        "autoridades policía director directora alcalde alcaldesa experto expertos informe estudio agencia "
        "diario periódico",
    ),
    "de": CueWords(
        verbs="sagte|sagt|sagten|erklärte|erklärt|erklärten|betonte|betont|berichtete|berichtet|warnte|warnt|"
        "schrieb|schreibt|meinte|meint|bestätigte|bestätigt|kritisierte|forderte|dementierte|bestritt",
        inverted="sagte|sagt|sagten|erklärte|erklärt|betonte|berichtete|warnte|schrieb|meinte|bestätigte",
        negative="dementierte|bestritt",
        hedging="meinte|meint",
        participles="",
        preps="laut|nach Angaben von|nach Angaben",
        that="dass",
        pronouns="er|sie",
        nouns="minister ministerin sprecher sprecherin präsident präsidentin regierung ministerium polizei "
        "behörde behörden experte experten bericht studie agentur zeitung kanzler kanzlerin bürgermeister "
        "bürgermeisterin",
    ),
    "fr": CueWords(
        verbs="|".join(f"{aux} {v}" for aux in ("a", "a-t-il", "a-t-elle", "ont") for v in _FR_SAID.split())
        + "|déclare|affirme|explique|ajoute|indique|souligne|estime|assure|annonce|précise|a démenti|a nié|dément",
        inverted="|".join(f"a {v}" for v in _FR_SAID.split()) + "|déclare|affirme|explique|ajoute|indique|estime",
        negative="a démenti|a nié|dément",
        hedging="a estimé|estime",
        participles="ajoutant|affirmant|expliquant|soulignant|estimant|précisant",
        preps="selon|d'après|d’après",
        that="que|qu'|qu’",
        pronouns="il|elle",
        nouns="ministre porte-parole président présidente gouvernement ministère préfecture police source "
        "sources autorités expert experts rapport étude agence journal maire",
    ),
}
# Subject pronouns that stand for a person, in every language of the table ("sie": she, here).
PRONOUNS = frozenset(p for cues in CUE_TABLE.values() for p in cues.pronouns.split("|"))
# Gender a word gives the person it names or describes (honorifics and roles).
FEMININE = word_set(
    "she her ella elle sie mrs. mrs ms. ms miss madam wife mother mom daughter sister actress queen princess "
    "spokeswoman chairwoman congresswoman businesswoman councilwoman woman girl grandmother aunt niece widow"
)
MASCULINE = word_set(
    "he his él il er mr. mr sir husband father dad son brother actor king prince spokesman chairman "
    "congressman businessman councilman man boy grandfather uncle nephew widower"
)
# A definite description ("the newspaper", "the network", "the agency") names an outlet; which outlets
# each medium covers, when the article itself does not say.
MEDIA: dict[str, frozenset[str]] = {
    "newspaper": word_set(
        "Times Post Journal Tribune Union-Tribune Herald Courant Gazette Inquirer Chronicle Observer Guardian "
        "Telegraph Mail Star Sun Globe Newsday Spokesman-Review Star-Telegram"
    ),
    "network": word_set("CNN BBC ABC CBS NBC MSNBC CNBC Fox RT NPR ESPN PBS Univision Telemundo Al-Jazeera"),
    "agency": word_set("AP AFP Reuters Tass TASS Yonhap Xinhua Interfax Kyodo Bloomberg EFE dpa ANSA RIA"),
}
MEDIUM_OF = {
    word: medium
    for medium, words in {
        "newspaper": "newspaper paper daily tabloid publication magazine",
        "network": "network channel broadcaster station",
        "agency": "agency",
    }.items()
    for word in words.split()
} | {"outlet": "", "site": "", "website": ""}
# Heads of descriptions that name an organization of the article: "the campaign" after "the Trump campaign".
ORG_HEADS = word_set(
    "campaign administration company firm committee department ministry court council union group "
    "organization party government commission office bureau service foundation institute center "
    "university board agency network newspaper paper"
)
_FOREIGN_NOUNS = word_set(" ".join(cues.nouns for cues in CUE_TABLE.values()))
# Party names: capitalized, yet "the Republican nominee" names no one.
PARTIES = word_set("Republican Republicans Democratic Democrat Democrats GOP Conservative Labour Liberal")
SOURCE_NOUNS = (
    _FOREIGN_NOUNS
    | ROLES
    | PEOPLE_NOUNS
    | DOC_NOUNS
    | EXPERT_NOUNS
    | word_set(
        "intelligence ministry government agency department office bureau council board commission court "
        "company committee military army force media "
        "newspaper paper network site boy girl victim suspect campaign broadcaster channel station tabloid "
        "magazine outlet website daily"
    )
    | ORG_HEADS
    | word_set("fund bank panel caucus coalition alliance association legislature senate team lab state")
)
OUTLETS = word_set(
    "Times Post Journal Tribune Union-Tribune Star-Telegram Herald Courant Gazette Inquirer Chronicle "
    "Observer Guardian Telegraph Spokesman-Review Reuters Bloomberg Tass TASS Yonhap CNN BBC NYT TMZ CNBC "
    "CNET ABC CBS NBC MSNBC Fox Politico Mashable Radar Haaretz NPR AP AFP ESPN Pitchfork Slate "
    "Businessweek Stir Local GQ Shanghaiist MarketWatch Watch Stone RTE STAT Axios Newsday Wired Vox Salon "
    "Gawker Variety Deadline Mail"
)
ORG = {w.lower() for w in OUTLETS} | word_set(
    "news press network media agency ministry department office bureau service forces force army navy "
    "military police committee council court congress senate house parliament government kremlin pentagon "
    "union university college institute association foundation company corp inc group party commission "
    "administration chiefs staff intelligence cia fbi nis nato faa state cross church hospital school "
    "center airlines taliban"
)
PLACE = word_set(
    "day war oblast city county province region street avenue road river island lake park beach bay valley "
    "delta treaty act fire storm hurricane olympics games award prize cup show new los las san north south "
    "east west fort mount"
)
DEMONYMS = word_set(
    "American Russian Ukrainian Korean Chinese Japanese British French German Israeli Palestinian Iranian "
    "Afghan Pakistani Indian Turkish Syrian Iraqi European Western Mexican Canadian Australian Brazilian "
    "Norwegian Swiss Dominican Filipino Irish Italian Spanish Egyptian Saudi African U.S. US UK"
)
COUNTRIES = word_set(
    "Russia Ukraine China Korea DPRK US U.S. USA America Pyongyang Seoul Moscow Kyiv Kiev Beijing "
    "Washington Japan Iran Iraq Israel Syria Afghanistan Pakistan India Britain UK England France Germany "
    "Turkey Mexico Canada Brazil Norway Philippines Taiwan Tehran Qatar Egypt Italy Spain Australia "
    "Bangladesh Ireland Gaza"
) | {"North Korea", "South Korea", "United States", "United Kingdom"}
GENERIC = SOURCE_NOUNS | {w.lower() for w in DEMONYMS | PARTIES}  # capitalized yet not a proper name of a source
ALIASES = {
    "U.S.": "US",
    "USA": "US",
    "United States": "US",
    "America": "US",
    "Britain": "UK",
    "United Kingdom": "UK",
    "DPRK": "North Korea",
}
KIND_WORDS: tuple[tuple[SourceKind, str], ...] = (
    ("intelligence", r"\b(?:intelligence|cia|nis|spy agency|mossad|fsb)\b"),
    (
        "military",
        r"\b(?:forces?|army|navy|military|commander|joint chiefs|troops|marines|soldiers?|"
        r"pentagon)\b|\bgen\.",
    ),
    (
        "news outlet",
        r"\b(?:media|newspaper|network|news|magazine|tabloid|outlet|broadcaster|channel|paper|"
        r"site)\b",
    ),
    (
        "government",
        r"\b(?:kremlin|white house|president|prime minister|minister|ministry|government|governor|"
        r"gov\.|mayor|senator|sen\.|congress\w*|lawmakers?|secretary|state department|"
        r"administration|embassy|ambassador|envoy|leader|chancellor|parliament|advis[oe]r|premier)\b",
    ),
    (
        "official",
        r"\b(?:officials?|spokes(?:man|woman|person)|police|authorit(?:y|ies)|officers?|sheriff|"
        r"principal|prosecutors?|investigators?|agency|department|bureau|court|judge|rep|"
        r"commissioner|company)\b",
    ),
    ("expert", r"\b(?:experts?|analysts?|researchers?|professors?|scientists?|stud(?:y|ies)|economists?)\b"),
    ("document", r"\b(?:documents?|reports?|memo|data|letter|records?)\b"),
)
