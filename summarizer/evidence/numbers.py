"""Number words, scales, units and the patterns that find written numbers (tables for ``figures``)."""

from __future__ import annotations

import re

from ..patterns import alternation

__all__ = [
    "ABBREV",
    "AGE_COMMA",
    "AGE_DEATH",
    "AGE_LEFT",
    "AGE_WAS",
    "APPROX",
    "AUX",
    "CLAUSE",
    "CORE",
    "CURRENCY",
    "CUT",
    "FORWARD_STOP",
    "FUNC",
    "LOCAL_CORE",
    "MEASURE_UNITS",
    "NUMWORD",
    "ORDS",
    "RATIO",
    "SCALES",
    "TENS",
    "TIME_UNITS",
    "is_plural",
    "words_value",
]

_words = str.split  # a table is written as one string of words
_ONES = {
    w: float(i)
    for i, w in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten "
            "eleven twelve thirteen fourteen fifteen sixteen seventeen "
            "eighteen nineteen"
        )
    )
}
TENS = dict(zip(_words("twenty thirty forty fifty sixty seventy eighty ninety"), range(20, 100, 10), strict=True))
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12.0}
ABBREV = {"k": 1e3, "K": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
ORDS = {
    w: float(i)
    for i, w in enumerate(
        _words("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"), 1
    )
}
ORDS |= {w + "th": v for w, v in _ONES.items() if v > 12} | {w[:-1] + "ieth": v for w, v in TENS.items()}
CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP", "dollars": "USD", "euros": "EUR"}
TIME_UNITS = frozenset(
    _words(
        "year years month months week weeks day days hour hours minute minutes "
        "second seconds decade decades century centuries"
    )
)
MEASURE_UNITS = frozenset(_words("GB MB TB KB km kg mm cm ft mph lb lbs mg ml kW MW GW kWh"))
_IRREGULAR = frozenset(
    _words("people children men women police staff personnel feet teeth cattle sheep deer fish aircraft data media")
)
FUNC = frozenset(
    _words(  # words that end a noun run and make a poor start for ``measures``
        "the a an of in on at to for by with from into onto is was are were be been being has have had do does "
        "did will would can could may might must should it its his her their our my your this these those he she "
        "they we i you and or nor so as than since after before during until about per each every over under up "
        "down not no if today yesterday tomorrow tonight now then last next ago later earlier also just only"
    )
)
CLAUSE = frozenset(
    _words(
        "and but while whereas which who whom whose where when because although though if "
        "than that said says according including"
    )
)
AUX = frozenset(_words("is are was were has have had will would be been"))
FORWARD_STOP = CLAUSE | {"after", "before", "since", "until", "as"}
NUMWORD = alternation([*_ONES, *TENS, *SCALES])
_ORDWORD = alternation(ORDS)
CORE = re.compile(
    # The lookahead skips, cheaply, the positions where no alternative can start (about a quarter faster).
    rf"""(?=[\w$.@(]|[^\x00-\x7f])(?:(?P<skip>\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|edu)\b
          |(?<![\w-])\d{{1,4}}(?:-\d{{3,4}}){{2,}}(?![\w-]))
    |(?P<ident>\b[A-Za-z]*[A-Z][A-Za-z]*-\d+(?![\d.,]\d)|\b[A-Za-z]+\d+[A-Za-z\d]*\b)
    |(?P<slash>(?<![\w/.])\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?(?![\w/]))
    |(?P<time>(?<![\w:.,])\d{{1,2}}(?::\d{{2}})?\s?[AaPp]\.?[Mm]\b\.?|(?<![\w:.,])\d{{1,2}}:\d{{2}}(?!\d))
    |(?P<num>(?:(?<![\w.,])(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d{{1,3}}(?:[\u00a0\u202f ]\d{{3}})+(?!\d)|\d+)
          (?:\.\d+)?|(?<![\w.])\.\d+)(?P<suf>[A-Za-z]+\b)?)
    |(?P<ordw>(?i:\b(?:(?:{alternation(TENS)})-)?(?:{_ORDWORD})\b))
    |(?P<word>(?i:\b(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?(?:{NUMWORD})\b
          (?:(?:[ -]|(?<=hundred)\s+and\s+)(?:{NUMWORD})\b)*)))
    """,
    re.X,
)
# Numbers in an article of another language: digits only (no English number words), any of its separators
# ("3.500", "23,5", "1 200", "1.234.567,89"), read by ``conventions.read_digits``.
LOCAL_CORE = re.compile(
    r"""(?=[\w$.@(]|[^\x00-\x7f])(?:(?P<skip>\S+@\S+|\b(?:https?://|www\.)\S+|\b[\w.-]+\.(?:com|org|net|gov|edu)\b
          |(?<![\w-])\d{1,4}(?:-\d{3,4}){2,}(?![\w-]))
    |(?P<ident>\b[A-Za-z]*[A-Z][A-Za-z]*-\d+(?![\d.,]\d)|\b[A-Za-z]+\d+[A-Za-z\d]*\b)
    |(?P<slash>(?<![\w/.])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\w/]))
    |(?P<time>(?<![\w:.,])\d{1,2}:\d{2}(?!\d))
    |(?P<num>(?<![\w.,])(?:\d{1,3}(?:[.,\u00a0\u202f '’]\d{3})+(?![\d])(?:[.,]\d+)?|\d+(?:[.,]\d+)?)
          (?P<suf>[A-Za-z]+\b)?))
    """,
    re.X,
)
APPROX = re.compile(
    r"(?i)\b((?:(?:slightly|just|well|far)\s+)?(?:more|less|fewer)\s+than|(?:at\s+(?:least|most))|up\s+to"
    r"|as\s+(?:many|much|few|little)\s+as|no\s+more\s+than|about|nearly|almost|over|some|around|roughly"
    r"|approximately|exceed(?:s|ed|ing)?|close\s+to|upwards\s+of|an\s+estimated|under)\s+$"
)
CUT = re.compile(r",(?!\d{3})|[;:!?()\[\]\"“”‘—–…]|\.(?=[\s\"”’)]|$)|\s{2,}|\s-\s")  # clause punctuation
AGE_LEFT = re.compile(r"(?i)\b(?:at\s+(?:the\s+)?(age)(?:\s+of)?|(aged?)|(ages))\s+$")
AGE_DEATH = re.compile(r"(?i)\b(?:dead|died|dies|die|death)\s+at\s+$|^\s*At\s+$")
AGE_WAS = re.compile(r"\b(?:was|is|turns?|turned)\s+(?:(?:just|only|now|then)\s+)?$")
AGE_COMMA = re.compile(
    r"(?:(?<![\w’'.-])[A-Z][\w’'.-]*|(?i:\b(?:boy|girl|man|woman|son|daughter|couple"
    r"|mother|father|wife|husband|brother|sister|teen|child|kid)s?)),\s+(?:now\s+)?$"
)
RATIO = re.compile(r"\s+times\b(?=\s+(?:the|as|more|less|higher|lower|larger|bigger|greater|over)\b)")


def words_value(text: str) -> tuple[float, int] | None:
    """Value of a run of number words and the length of its longest valid prefix."""
    total = cur = 0.0
    used, prev = 0, ""
    for m in re.finditer(r"[A-Za-z]+", text):
        w = m.group().lower()
        if w in ("a", "an") and m.start() == 0:
            cur, prev = 1.0, "a"
        elif w in _ONES or w in TENS:
            kind = "tens" if w in TENS else ("unit" if _ONES[w] < 10 else "teen")
            if prev in ("unit", "teen", "a") or (kind != "unit" and prev == "tens"):
                break
            cur, prev = cur + (TENS.get(w) or _ONES[w]), kind
        elif w == "and":
            continue
        elif prev == "":
            return None  # a bare scale word ("million-dollar") is not a number
        elif w in ("hundred", "dozen"):
            if prev in ("hundred", "dozen"):
                break
            cur, prev = cur * SCALES[w], w
        else:
            total, cur, prev = total + cur * SCALES[w], 0.0, "scale"
        used = m.end()
    return (total + cur, used) if used and prev != "a" else None


def is_plural(word: str) -> bool:
    """Whether ``word`` is a plural noun ("soldiers", "people"), not a function word or an "-ss"/"-us" word."""
    plural = re.fullmatch(r"[A-Za-z][A-Za-z-]*[a-hj-rtv-z]s", word)  # not "-ss", "-us", "-is"
    return word.lower() in _IRREGULAR or bool(plural and word.lower() not in FUNC)
