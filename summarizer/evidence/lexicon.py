"""Word lists and phrase helpers shared by the attribution and actor finders.

Everything here reads the article's own wording: capitalized runs, noun phrases before or after a
cue, titles and appositives. Offsets are into the original text.
"""

from __future__ import annotations

import re
from typing import Literal

SourceKind = Literal["news outlet", "government", "intelligence", "military", "official", "expert", "document", "other"]


def _words(s: str) -> frozenset[str]:
    return frozenset(s.split())


_MONTHS = _words(
    "January February March April June July August September October November December Jan Feb Mar Apr Jun "
    "Jul Aug Sep Sept Oct Nov Dec"
)
_SKIP_CAPS = _MONTHS | _words(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday AM PM CDT CST EDT EST PDT PST GMT UTC I"
)
_COMMON = _words(
    "the a an however meanwhile instead according in on at after before but and or this that these those i "
    "it he she they we you his her their our my your its if when while as for with from by to of so then "
    "still also until since although though even some many most all another other each every no not yes now "
    "here there what who why how where which photo click related yet thus despite under over during among "
    "because once earlier later today yesterday said says per"
)
_DETS = _words("the a an one his her their its our two three some several many another")
_STOP = _COMMON - _DETS | _words(
    "is are was were be been being has have had do does did will would can could may might must should "
    "shall never him them us me who whom whose that than nor into about through against between without "
    "within up out down off away back said says say told tells tell reported reports report announced notes "
    "noted wrote writes write added adds believe believes believed citing cited according per claimed "
    "claims confirmed answered released explains explained tweeted commented quotes quoted found finds show "
    "shows showed called calls indicate indicates"
)
_CONNECT = _words("of de del da van von bin for")
_ADVERBS = _words(
    "also previously now later once recently reportedly further then first initially still too already "
    "subsequently separately"
)
_ROLES = _words(
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
_PEOPLE_NOUNS = _words(
    "official authority police spokesman spokeswoman spokesperson source expert analyst researcher "
    "scientist professor family friend neighbor attorney lawyer agent publicist officer aide historian "
    "specialist eyewitness witness customer relative investigator prosecutor doctor woman man people "
    "resident diplomat insider rep consultant staffer author commander daughter son wife husband mother mom "
    "father dad rabbi politician activist student teacher worker employee"
)
_DOC_NOUNS = _words(
    "document report memo data letter note record statement manual profile footage autopsy finding "
    "investigation analysis"
)
_EXPERT_NOUNS = _words(
    "expert analyst researcher professor scientist study survey poll economist historian specialist "
    "biologist anthropologist"
)
_SOURCE_NOUNS = (
    _ROLES
    | _PEOPLE_NOUNS
    | _DOC_NOUNS
    | _EXPERT_NOUNS
    | _words(
        "intelligence ministry government agency department office bureau council board commission court "
        "company committee military army force media "
        "newspaper paper network site boy girl victim suspect campaign"
    )
)
_OUTLETS = _words(
    "Times Post Journal Tribune Union-Tribune Star-Telegram Herald Courant Gazette Inquirer Chronicle "
    "Observer Guardian Telegraph Spokesman-Review Reuters Bloomberg Tass TASS Yonhap CNN BBC NYT TMZ CNBC "
    "CNET ABC CBS NBC MSNBC Fox Politico Mashable Radar Haaretz NPR AP AFP ESPN Pitchfork Slate "
    "Businessweek Stir Local GQ Shanghaiist MarketWatch Watch Stone RTE STAT Axios Newsday Wired Vox Salon "
    "Gawker Variety Deadline Mail"
)
_ORG = {w.lower() for w in _OUTLETS} | _words(
    "news press network media agency ministry department office bureau service forces force army navy "
    "military police committee council court congress senate house parliament government kremlin pentagon "
    "union university college institute association foundation company corp inc group party commission "
    "administration chiefs staff intelligence cia fbi nis nato faa state cross church hospital school "
    "center airlines taliban"
)
_PLACE = _words(
    "day war oblast city county province region street avenue road river island lake park beach bay valley "
    "delta treaty act fire storm hurricane olympics games award prize cup show new los las san north south "
    "east west fort mount"
)
_DEMONYMS = _words(
    "American Russian Ukrainian Korean Chinese Japanese British French German Israeli Palestinian Iranian "
    "Afghan Pakistani Indian Turkish Syrian Iraqi European Western Mexican Canadian Australian Brazilian "
    "Norwegian Swiss Dominican Filipino Irish Italian Spanish Egyptian Saudi African U.S. US UK"
)
_COUNTRIES = _words(
    "Russia Ukraine China Korea DPRK US U.S. USA America Pyongyang Seoul Moscow Kyiv Kiev Beijing "
    "Washington Japan Iran Iraq Israel Syria Afghanistan Pakistan India Britain UK England France Germany "
    "Turkey Mexico Canada Brazil Norway Philippines Taiwan Tehran Qatar Egypt Italy Spain Australia "
    "Bangladesh Ireland Gaza"
) | {"North Korea", "South Korea", "United States", "United Kingdom"}
_GENERIC = _SOURCE_NOUNS | {w.lower() for w in _DEMONYMS}  # capitalized yet not a proper name of a source
_ALIASES = {
    "U.S.": "US",
    "USA": "US",
    "United States": "US",
    "America": "US",
    "Britain": "UK",
    "United Kingdom": "UK",
    "DPRK": "North Korea",
}
_KIND_WORDS: tuple[tuple[SourceKind, str], ...] = (
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
_RUN = re.compile(rf"(?<![\w'’-])(?:{_CAP})(?:(?: | of | of the | de | del | da | van | von | for the )(?:{_CAP}))*")
# Who was told: a pronoun, a proper name ("the AP"), or one word right before the reported clause.
_RECIPIENT = re.compile(
    rf"\s(?:(?:him|her|them|me|us)\b|(?:the )?(?:{_RUN.pattern}|"
    r"[a-z]+(?= that\b| [a-z]+ (?:had|has|was|is|were|would)\b)))"
)
_ROLE_OF = re.compile(
    rf"\b(?:(?:a|an|the|one) )?(?:[\w-]+ )?(?:{'|'.join(_ROLES)})s? (?:for|of|at|with) "
    r"(?:the |a )?[\w'’ .-]{1,50}$",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?")
_CUE = re.compile(
    r"\b(?:(?P<prep>according to|per|citing|(?:as )?(?:reported|announced|cited|released|quoted) by)|"
    r"(?P<verb>(?:was|were) unable to independently verify|could not independently verify|said|says|say|told|"
    r"tells|tell|reported|reports|report|announced|announces|noted|notes|note|wrote|writes|write|added|adds|"
    r"believes|believe|believed|estimated|estimates|claimed|claims|claim|confirmed|confirms|answered|released|"
    r"explained|explains|tweeted|commented|quoted|quotes|cited|indicated|indicates|indicate|showed|shows|show|"
    r"found|finds|find|called|calls))\b(?! to\b| cited\b)(?!(?<=report) of\b)(?!(?<=reports) of\b)",
    re.IGNORECASE,
)
_INVERTIBLE = _words(
    "said says wrote writes write reports reported notes noted adds added explains explained tweeted told"
)
_FINDINGS = _words("indicated indicates indicate showed shows show found finds find")
_QUOTE_SOON = re.compile(r"(?:\s+[\w'’-]+){0,5}?(?:\s*[“\"]|\s{2})")
_WHEN = "|".join(_SKIP_CAPS - {"I", "AM", "PM"}) + "|today|yesterday|tonight|day|week|morning|evening|night"
# Time adjuncts between a cue and its content: "said on this day,", "reported Thursday, October 24,".
_ADJUNCT = re.compile(
    rf"(?:[\s,:]+|(?:(?:on|at|in|last|this|earlier) )?(?:the )?(?:same )?(?:\d+(?:st|nd|rd|th)?|{_WHEN})\b"
    r"(?: \d+\b)?)*"
)
_TRIM = " \t\n“”\"‘’'"
_Pair = tuple[int, int]
_Tok = re.Match[str]


def _low(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s")


def _sing(word: str) -> str:
    """Lower-case singular: "authorities" -> "authority", "witnesses" -> "witness", "Experts" -> "expert"."""
    w = _low(word)
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes")):
        return w[:-2]
    return w[:-1] if w.endswith("s") and not w.endswith(("ss", "us", "sis")) else w


def _is_cap(word: str) -> bool:
    return word[:1].isupper() and word.lower() not in _COMMON


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "’s", "s'", "s’"))


def _plain(gap: str) -> bool:
    return gap in (" ", "\n", "\u00a0")


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    return list(_TOKEN.finditer(text, start, end))


def _head_ok(word: str) -> bool:
    pronoun_or_site = word.lower() in ("he", "she") or word.endswith(".com")
    return _is_cap(word) or _sing(word) in _SOURCE_NOUNS or pronoun_or_site


def _np_back(text: str, lo: int, end: int) -> _Pair | None:
    """The subject noun phrase ending right before ``end`` (skipping adverbs and a parenthesis)."""
    toks = _tokens(text, lo, end)
    while toks and toks[-1].group().lower() in _ADVERBS and _plain(text[toks[-1].end() : end]):
        end = toks.pop().start()
    stripped = text[lo:end].rstrip()
    if stripped.endswith(")") and "(" in stripped:
        end = lo + stripped.rindex("(")
        toks = _tokens(text, lo, end)
    if not toks or text[toks[-1].end() : end].strip() or _possessive(toks[-1].group()):
        return None
    if not _head_ok(toks[-1].group()):  # "a spokeswoman for the Free Gaza movement"
        role = _ROLE_OF.search(text, lo, end)
        return (role.start(), toks[-1].end()) if role else None
    if toks[-1].group().lower() in ("he", "she"):
        return toks[-1].start(), toks[-1].end()
    i = len(toks) - 2
    while i >= 0 and len(toks) - i <= 8 and _plain(text[toks[i].end() : toks[i + 1].start()]):
        word, low = toks[i].group(), toks[i].group().lower()
        inside = 0 < i < len(toks) - 1 and _is_cap(toks[i - 1].group()) and _is_cap(toks[i + 1].group())
        if (low in _CONNECT and inside) or (low == "the" and i > 1 and toks[i - 1].group() == "of"):
            i -= 1
        elif low in _DETS or _possessive(word):
            i -= 1
            if _possessive(word) and i >= 0 and toks[i].group().lower() in _DETS:
                i -= 1
            break
        elif low in _STOP and not _is_cap(word):
            break
        else:
            i -= 1
    return toks[i + 1].start(), toks[-1].end()


def _walk(text: str, pos: int, hi: int, limit: int, first_gap: tuple[str, ...] = (" ",)) -> list[_Tok]:
    """Tokens from ``pos`` while single-spaced and not stop words (of/from/for allowed inside)."""
    out: list[_Tok] = []
    for tok in _TOKEN.finditer(text, pos, hi):
        gap = text[(out[-1].end() if out else pos) : tok.start()]
        low = tok.group().lower()
        if (
            (gap not in first_gap if not out else not _plain(gap))
            or len(out) >= limit
            or (low in _STOP and not _is_cap(tok.group()) and not (low in ("of", "from", "for") and out))
        ):
            break
        out.append(tok)
    return out


def _np_fwd(text: str, pos: int, hi: int) -> _Pair | None:
    """The noun phrase starting after ``pos``, trimmed back to its last plausible head word."""
    toks = _walk(text, pos, hi, 9)
    while toks and not (_head_ok(toks[-1].group()) and toks[-1].group().lower() not in ("he", "she")):
        toks.pop()
    if not toks or toks[-1].group().lower() in _DETS:
        return None
    return toks[0].start(), toks[-1].end() - (2 if toks[-1].group().endswith(("'s", "’s")) else 0)


def _appositive(text: str, pos: int, hi: int) -> _Pair | None:
    """A ``, the country's tourism minister,`` phrase right after a name ending at ``pos``."""
    toks = _walk(text, pos, hi, 12, (", ", ",  "))
    cut = next((k for k, t in enumerate(toks) if t.group().lower() in ("who", "which", "that", "and")), None)
    toks = toks[:cut]
    if not toks or (cut is None and not re.match(r"\s*(?:[,.;)]|$)", text[toks[-1].end() : hi])):
        return None
    roles = [_low(tok.group()) in _ROLES for tok in toks[:4]]
    return (toks[0].start(), toks[-1].end()) if toks[0].group()[0].islower() and any(roles) else None


def _split_name(text: str, a: int, b: int) -> tuple[_Pair, _Pair | None]:
    """(name, descriptor): "Russian state media Tass" -> Tass, "US Defense Secretary X Y" -> X Y."""
    toks = _tokens(text, a, b)
    k = len(toks)
    while k > 0 and (_is_cap(toks[k - 1].group()) or (toks[k - 1].group() in _CONNECT and k < len(toks))):
        k -= 1
    run, n = toks[k:], len(toks) - k
    while (
        n > 0
        and len(run) - n < 3
        and _is_cap(word := run[n - 1].group())
        and not (word in _DEMONYMS or {_low(word), word.lower()} & (_ROLES | _ORG))
    ):
        n -= 1
    if 0 < n < len(run) and any(tok.group().lower() in _ROLES for tok in run[:n]):
        k += n
    prev = toks[k - 1].group() if 0 < k < len(toks) else ""
    if not prev or (k == 1 and prev.lower() in _DETS) or not (_is_cap(prev) or _sing(prev) in _SOURCE_NOUNS):
        return (a, b), None
    return (toks[k].start(), b), (a, toks[k - 1].end())


def _personish(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 4
        and not {_low(w) for w in words} & (_PLACE | _ORG)
        and all(_is_cap(w) and w not in _DEMONYMS for w in words)
        and " ".join(words) not in _COUNTRIES
    )
