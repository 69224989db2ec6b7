"""Word lists and phrase helpers shared by the attribution and actor finders.

Everything here reads the article's own wording: capitalized runs, noun phrases before or after a
cue, titles and appositives. Offsets are into the original text.
"""

from __future__ import annotations

import re

from ..calendar import MONTHS, WEEKDAYS
from ..schema import SourceKind

__all__ = [
    "ADJUNCT",
    "ADVERBS",
    "ALIASES",
    "COMMON",
    "COUNTRIES",
    "CUE",
    "DEMONYMS",
    "DETS",
    "DOC_NOUNS",
    "EXPERT_NOUNS",
    "FINDINGS",
    "GENERIC",
    "INVERTIBLE",
    "KIND_WORDS",
    "ORG",
    "OUTLETS",
    "PEOPLE_NOUNS",
    "QUOTE",
    "QUOTE_SOON",
    "RECIPIENT",
    "ROLES",
    "RUN",
    "SKIP_CAPS",
    "STOP",
    "TRIM",
    "Offsets",
    "Token",
    "appositive",
    "is_cap",
    "is_plain_gap",
    "is_possessive",
    "lower_bare",
    "noun_phrase_after",
    "noun_phrase_before",
    "personish",
    "singular",
    "split_name",
    "tokens",
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
    "because once earlier later today yesterday said says per"
)
DETS = word_set("the a an one his her their its our two three some several many another")
STOP = COMMON - DETS | word_set(
    "is are was were be been being has have had do does did will would can could may might must should "
    "shall never him them us me who whom whose that than nor into about through against between without "
    "within up out down off away back said says say told tells tell reported reports report announced notes "
    "noted wrote writes write added adds believe believes believed citing cited according per claimed "
    "claims confirmed answered released explains explained tweeted commented quotes quoted found finds show "
    "shows showed called calls indicate indicates"
)
_CONNECT = word_set("of de del da van von bin for")
ADVERBS = word_set(
    "also previously now later once recently reportedly further then first initially still too already "
    "subsequently separately"
)
ROLES = word_set(
    "president leader minister secretary advisor adviser commander chief spokesman spokeswoman spokesperson "
    "director mayor governor senator sen. gov. rep. representative ambassador envoy chairman chairwoman ceo "
    "founder head official officer sheriff commissioner attorney lawyer judge professor prof. dr. analyst "
    "reporter correspondent editor writer author actor actress singer rapper star icon player coach athlete "
    "general gen. colonel lt. sgt. sergeant captain capt. king queen prince princess pope chancellor "
    "premier guitarist musician comedian host anchor producer biologist scientist researcher economist "
    "historian daughter son wife husband mother father sister brother mom dad publicist agent manager owner "
    "executive exec rabbi priest bishop teacher nurse doctor detective investigator prosecutor novelist mr. "
    "mrs. ms. lobbyist consultant aide deputy tutor anthropologist principal politician activist"
)
PEOPLE_NOUNS = word_set(
    "official authority police spokesman spokeswoman spokesperson source expert analyst researcher "
    "scientist professor family friend neighbor attorney lawyer agent publicist officer aide historian "
    "specialist eyewitness witness customer relative investigator prosecutor doctor woman man people "
    "resident diplomat insider rep consultant staffer author commander daughter son wife husband mother mom "
    "father dad rabbi politician activist student teacher worker employee"
)
DOC_NOUNS = word_set(
    "document report memo data letter note record statement manual profile footage autopsy finding "
    "investigation analysis"
)
EXPERT_NOUNS = word_set(
    "expert analyst researcher professor scientist study survey poll economist historian specialist "
    "biologist anthropologist"
)
_SOURCE_NOUNS = (
    ROLES
    | PEOPLE_NOUNS
    | DOC_NOUNS
    | EXPERT_NOUNS
    | word_set(
        "intelligence ministry government agency department office bureau council board commission court "
        "company committee military army force media "
        "newspaper paper network site boy girl victim suspect campaign"
    )
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
_PLACE = word_set(
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
GENERIC = _SOURCE_NOUNS | {w.lower() for w in DEMONYMS}  # capitalized yet not a proper name of a source
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

_CAP = (
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Col|Sgt|Capt|Prof|St)\.|[A-Z]\.(?=\s[A-Z])"
    r"|[A-ZÀ-Þ][\w'’&-]*(?:\.(?:com|org|net)\b)?"
)
_TOKEN = re.compile(rf"{_CAP}|[\w$][\w'’&@-]*(?:\.\w[\w-]*)*")
RUN = re.compile(rf"(?<![\w'’-])(?:{_CAP})(?:(?: | of | of the | de | del | da | van | von | for the )(?:{_CAP}))*")
# Who was told: a pronoun, a proper name ("the AP"), or one word right before the reported clause.
RECIPIENT = re.compile(
    rf"\s(?:(?:him|her|them|me|us)\b|(?:the )?(?:{RUN.pattern}|"
    r"[a-z]+(?= that\b| [a-z]+ (?:had|has|was|is|were|would)\b)))"
)
_ROLE_OF = re.compile(
    rf"\b(?:(?:a|an|the|one) )?(?:[\w-]+ )?(?:{'|'.join(ROLES)})s? (?:for|of|at|with) "
    r"(?:the |a )?[\w'’ .-]{1,50}$",
    re.IGNORECASE,
)
QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
CUE = re.compile(
    r"\b(?:(?P<prep>according to|per|citing|(?:as )?(?:reported|announced|cited|released|quoted) by)|"
    r"(?P<verb>(?:was|were) unable to independently verify|could not independently verify|said|says|say|told|"
    r"tells|tell|reported|reports|report|announced|announces|noted|notes|note|wrote|writes|write|added|adds|"
    r"believes|believe|believed|estimated|estimates|claimed|claims|claim|confirmed|confirms|answered|released|"
    r"explained|explains|tweeted|commented|quoted|quotes|cited|indicated|indicates|indicate|showed|shows|show|"
    r"found|finds|find|called|calls))\b(?! to\b| cited\b)(?!(?<=report) of\b)(?!(?<=reports) of\b)",
    re.IGNORECASE,
)
INVERTIBLE = word_set(
    "said says wrote writes write reports reported notes noted adds added explains explained tweeted told"
)
FINDINGS = word_set("indicated indicates indicate showed shows show found finds find")
QUOTE_SOON = re.compile(r"(?:\s+[\w'’-]+){0,5}?(?:\s*[“\"]|\s{2})")
_WHEN = "|".join(SKIP_CAPS - {"I", "AM", "PM"}) + "|today|yesterday|tonight|day|week|morning|evening|night"
# Time adjuncts between a cue and its content: "said on this day,", "reported Thursday, October 24,".
ADJUNCT = re.compile(
    rf"(?:[\s,:]+|(?:(?:on|at|in|last|this|earlier) )?(?:the )?(?:same )?(?:\d+(?:st|nd|rd|th)?|{_WHEN})\b"
    r"(?: \d+\b)?)*"
)
TRIM = " \t\n“”\"‘’'"
Offsets = tuple[int, int]  # [start, end) into the article text
Token = re.Match[str]  # one word token found by ``tokens``


def lower_bare(word: str) -> str:
    """Lower-case, without a possessive 's: "Reuters's" -> "reuters"."""
    return word.lower().removesuffix("'s").removesuffix("’s")


def singular(word: str) -> str:
    """Lower-case singular: "authorities" -> "authority", "witnesses" -> "witness", "Experts" -> "expert"."""
    w = lower_bare(word)
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "sis")) else w


def is_cap(word: str) -> bool:
    """Whether ``word`` is capitalized and not a common word that opens sentences ("However", "The")."""
    return word[:1].isupper() and word.lower() not in COMMON


def is_possessive(word: str) -> bool:
    """Whether ``word`` ends in a possessive: "Russia's", "experts'"."""
    return word.endswith(("'s", "’s", "s'", "s’"))


def is_plain_gap(gap: str) -> bool:
    """Whether the text between two tokens is one plain space or line break (nothing that ends a phrase)."""
    return gap in (" ", "\n", "\u00a0")


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The word tokens of ``text[start:end]``, abbreviations and initials kept whole, as matches."""
    return list(_TOKEN.finditer(text, start, end))


def _head_ok(word: str) -> bool:
    pronoun_or_site = word.lower() in ("he", "she") or word.endswith(".com")
    return is_cap(word) or singular(word) in _SOURCE_NOUNS or pronoun_or_site


def noun_phrase_before(text: str, lo: int, end: int) -> Offsets | None:
    """The subject noun phrase ending right before ``end`` (skipping adverbs and a parenthesis)."""
    toks = tokens(text, lo, end)
    while toks and toks[-1].group().lower() in ADVERBS and is_plain_gap(text[toks[-1].end() : end]):
        end = toks.pop().start()
    stripped = text[lo:end].rstrip()
    if stripped.endswith(")") and "(" in stripped:
        end = lo + stripped.rindex("(")
        toks = tokens(text, lo, end)
    if not toks or text[toks[-1].end() : end].strip() or is_possessive(toks[-1].group()):
        return None
    if not _head_ok(toks[-1].group()):  # "a spokeswoman for the Free Gaza movement"
        role = _ROLE_OF.search(text, lo, end)
        return (role.start(), toks[-1].end()) if role else None
    if toks[-1].group().lower() in ("he", "she"):
        return toks[-1].start(), toks[-1].end()
    i = len(toks) - 2
    while i >= 0 and len(toks) - i <= 8 and is_plain_gap(text[toks[i].end() : toks[i + 1].start()]):
        word, low = toks[i].group(), toks[i].group().lower()
        inside = 0 < i < len(toks) - 1 and is_cap(toks[i - 1].group()) and is_cap(toks[i + 1].group())
        if (low in _CONNECT and inside) or (low == "the" and i > 1 and toks[i - 1].group() == "of"):
            i -= 1
        elif low in DETS or is_possessive(word):
            i -= 1
            if is_possessive(word) and i >= 0 and toks[i].group().lower() in DETS:
                i -= 1
            break
        elif low in STOP and not is_cap(word):
            break
        else:
            i -= 1
    return toks[i + 1].start(), toks[-1].end()


def _walk(text: str, pos: int, hi: int, limit: int, first_gap: tuple[str, ...] = (" ",)) -> list[Token]:
    """Tokens from ``pos`` while single-spaced and not stop words (of/from/for allowed inside)."""
    out: list[Token] = []
    for tok in _TOKEN.finditer(text, pos, hi):
        gap = text[(out[-1].end() if out else pos) : tok.start()]
        low = tok.group().lower()
        if (
            (gap not in first_gap if not out else not is_plain_gap(gap))
            or len(out) >= limit
            or (low in STOP and not is_cap(tok.group()) and not (low in ("of", "from", "for") and out))
        ):
            break
        out.append(tok)
    return out


def noun_phrase_after(text: str, pos: int, hi: int) -> Offsets | None:
    """The noun phrase starting after ``pos``, trimmed back to its last plausible head word."""
    toks = _walk(text, pos, hi, 9)
    while toks and not (_head_ok(toks[-1].group()) and toks[-1].group().lower() not in ("he", "she")):
        toks.pop()
    if not toks or toks[-1].group().lower() in DETS:
        return None
    return toks[0].start(), toks[-1].end() - (2 if toks[-1].group().endswith(("'s", "’s")) else 0)


def appositive(text: str, pos: int, hi: int) -> Offsets | None:
    """A ``, the country's tourism minister,`` phrase right after a name ending at ``pos``."""
    toks = _walk(text, pos, hi, 12, (", ", ",  "))
    cut = next((k for k, t in enumerate(toks) if t.group().lower() in ("who", "which", "that", "and")), None)
    toks = toks[:cut]
    if not toks or (cut is None and not re.match(r"\s*(?:[,.;)]|$)", text[toks[-1].end() : hi])):
        return None
    roles = [lower_bare(tok.group()) in ROLES for tok in toks[:4]]
    return (toks[0].start(), toks[-1].end()) if toks[0].group()[0].islower() and any(roles) else None


def split_name(text: str, a: int, b: int) -> tuple[Offsets, Offsets | None]:
    """(name, descriptor): "Russian state media Tass" -> Tass, "US Defense Secretary X Y" -> X Y."""
    toks = tokens(text, a, b)
    k = len(toks)
    while k > 0 and (is_cap(toks[k - 1].group()) or (toks[k - 1].group() in _CONNECT and k < len(toks))):
        k -= 1
    run, n = toks[k:], len(toks) - k
    while (
        n > 0
        and len(run) - n < 3
        and is_cap(word := run[n - 1].group())
        and not (word in DEMONYMS or {lower_bare(word), word.lower()} & (ROLES | ORG))
    ):
        n -= 1
    if 0 < n < len(run) and any(tok.group().lower() in ROLES for tok in run[:n]):
        k += n
    prev = toks[k - 1].group() if 0 < k < len(toks) else ""
    if not prev or (k == 1 and prev.lower() in DETS) or not (is_cap(prev) or singular(prev) in _SOURCE_NOUNS):
        return (a, b), None
    return (toks[k].start(), b), (a, toks[k - 1].end())


def personish(words: list[str]) -> bool:
    """Whether a name of these words reads like a person's: 2-4 capitalized words, no place, outlet or country."""
    return (
        2 <= len(words) <= 4
        and not {lower_bare(w) for w in words} & (_PLACE | ORG)
        and all(is_cap(w) and w not in DEMONYMS for w in words)
        and " ".join(words) not in COUNTRIES
    )
