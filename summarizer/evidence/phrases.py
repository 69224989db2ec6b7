"""Phrase helpers: capitalized runs, noun phrases before or after a cue, titles, appositives, names, and
where a reported clause ends before what the writer adds to it.

Everything here reads the article's own wording with the word lists of ``lexicon``. Offsets are into
the original text.
"""

from __future__ import annotations

import re

from .lexicon import (
    ADVERBS,
    COMMON,
    CONNECT,
    COUNTRIES,
    DEMONYMS,
    DETS,
    FOREIGN_DETS,
    ORG,
    PLACE,
    ROLES,
    SKIP_CAPS,
    SOURCE_NOUNS,
    STOP,
)

__all__ = [
    "COMPARISON",
    "RUN",
    "TRIM",
    "Offsets",
    "Token",
    "appositive",
    "clip",
    "is_cap",
    "is_plain_gap",
    "is_possessive",
    "lower_bare",
    "noun_phrase_after",
    "noun_phrase_before",
    "personish",
    "reported_end",
    "singular",
    "split_name",
    "tokens",
]

_CAP = (
    r"(?:[A-Z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Col|Sgt|Capt|Prof|St|Rev|Hon|Fr|Msgr)\.|[A-Z]\.(?=\s[A-Z])"
    r"|[A-ZÀ-Þ][\w'’&-]*(?:\.(?:com|org|net)\b)?"
)
_TOKEN = re.compile(rf"{_CAP}|[\w$][\w'’&@-]*(?:\.\w[\w-]*)*(?:(?<=\d)/\d+)?")
RUN = re.compile(rf"(?<![\w'’-])(?:{_CAP})(?:(?: | of | of the | de | del | da | van | von | for the )(?:{_CAP}))*")
_ROLE_OF = re.compile(
    rf"\b(?:(?:a|an|the|one) )?(?:[\w-]+ )?(?:{'|'.join(ROLES)})s? (?:for|of|at|with) "
    r"(?:the |a )?[\w'’ .-]{1,50}$",
    re.IGNORECASE,
)
# Words that count or group the people a noun phrase ends with: "groups of protesters", "dozens of lawmakers".
_GROUPS = frozenset("group member dozen hundred thousand million majority minority handful pair couple percent".split())
_PRONOUN_HEADS = ("he", "she", "it")  # subjects that stand for a source ("it": a body, resolved later)
TRIM = " \t\n“”\"‘’'«»„"
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
    word = re.sub(r"^[ldLD]['’](?=\w)", "", word)  # "l'Insee", "d'Ipsos"
    pronoun_or_site = word.lower() in _PRONOUN_HEADS or word.endswith(".com")
    return is_cap(word) or singular(word) in SOURCE_NOUNS or pronoun_or_site


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
    if not _head_ok(toks[-1].group()) or toks[-1].group().islower():  # "a spokeswoman for the Free Gaza movement"
        role = _ROLE_OF.search(text, lo, end)  # "the leader of the group": the leader, not the group
        if role or not _head_ok(toks[-1].group()):
            return (role.start(), toks[-1].end()) if role else None
    if toks[-1].group().lower() in _PRONOUN_HEADS:
        return toks[-1].start(), toks[-1].end()
    i = len(toks) - 2
    while i >= 0 and len(toks) - i <= 8 and is_plain_gap(text[toks[i].end() : toks[i + 1].start()]):
        word, low = toks[i].group(), toks[i].group().lower()
        inside = 0 < i < len(toks) - 1 and is_cap(toks[i - 1].group()) and is_cap(toks[i + 1].group())
        group = low == "of" and i > 0 and singular(toks[i - 1].group()) in _GROUPS  # "Small groups of protesters"
        if (
            (inside and (low in CONNECT or _connects(toks, i)))
            or group
            or (low == "the" and i > 1 and toks[i - 1].group() == "of")
        ):
            i -= 1
        elif low == "a" and i > 1 and toks[i - 1].group() == "for" and is_cap(toks[i - 2].group()):
            i -= 2  # "The Committee for a Responsible Federal Budget"
        elif low in DETS or word in FOREIGN_DETS or is_possessive(word):
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
    for k in range(1, len(toks)):  # "Laut dem Ministerium kostet das …": the phrase ends before the verb
        word, before = toks[k].group(), toks[k - 1].group()
        modifier = word in DETS | CONNECT or singular(word) in SOURCE_NOUNS or before in DEMONYMS
        if word.islower() and before[:1].isupper() and not modifier:
            toks = toks[:k]
            break
    while toks and not (_head_ok(toks[-1].group()) and toks[-1].group().lower() not in _PRONOUN_HEADS):
        toks.pop()
    if not toks or toks[-1].group().lower() in DETS or (len(toks) == 1 and toks[0].group() in SKIP_CAPS):
        return None  # "said Tuesday" names no one
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


def _connects(toks: list[re.Match[str]], i: int) -> bool:
    """Whether ``toks[i]`` joins a name's words: "of", "de" …, and "on" after a body ("Commission on
    Presidential Debates", "Council on Foreign Relations"; "Trump on Monday" is no name)."""
    word = toks[i].group()
    return word in CONNECT or (word == "on" and i > 0 and lower_bare(toks[i - 1].group()) in ORG)


def split_name(text: str, a: int, b: int) -> tuple[Offsets, Offsets | None]:
    """(name, descriptor): "Russian state media Tass" -> Tass, "US Defense Secretary X Y" -> X Y."""
    toks = tokens(text, a, b)
    k = len(toks)
    while k > 0 and (is_cap(toks[k - 1].group()) or (k < len(toks) and _connects(toks, k - 1))):
        k -= 1
    while k < len(toks) - 1 and toks[k].group() in CONNECT:
        k += 1  # "Sixty-two percent of Republicans": a name does not open with "of"
    run = toks[k:]
    of_at = next((i for i, t in enumerate(run) if t.group() == "of" and i > 0), None)
    if of_at is not None:
        roles = [lower_bare(t.group()) in ROLES or t.group().lower() in ROLES for t in run]
        if any(roles[:of_at]) and not roles[of_at - 1] and not any(roles[of_at:]):
            toks, b = toks[: k + of_at], run[of_at - 1].end()  # "Representative Charles B. Rangel of New York"
            run = toks[k:]
    n = len(run)
    while (
        n > 0
        and len(run) - n < 3
        and (is_cap(word := run[n - 1].group()) or (word in CONNECT and n < len(run)))
        and not (word in DEMONYMS or {lower_bare(word), word.lower()} & (ROLES | ORG))
    ):
        n -= 1
    if 0 < n < len(run) and any(tok.group().lower() in ROLES for tok in run[:n]):
        k += n
    prev = toks[k - 1].group() if 0 < k < len(toks) else ""
    if (
        prev
        and prev.isalpha()
        and prev.islower()
        and prev not in DETS | FOREIGN_DETS
        and singular(prev) not in SOURCE_NOUNS
    ):
        return (toks[k].start(), b), None  # "the debate Trump" (from "During the debate Trump said"): Trump
    if (
        not prev
        or (k == 1 and (prev.lower() in DETS or prev in FOREIGN_DETS))
        or not (is_cap(prev) or singular(prev) in SOURCE_NOUNS)
    ):
        return (a, b), None
    return (toks[k].start(), b), (a, toks[k - 1].end())


def personish(words: list[str]) -> bool:
    """Whether a name of these words reads like a person's: 2-4 capitalized words, no place, outlet or country."""
    return (
        2 <= len(words) <= 4
        and not {lower_bare(w) for w in words} & (PLACE | ORG)
        and all(
            (is_cap(w) and w not in DEMONYMS) or (w in CONNECT and 0 < k < len(words) - 1) for k, w in enumerate(words)
        )
        and " ".join(words) not in COUNTRIES
    )


_POINTED_AFTER = re.compile(
    r"(?i:$|on|in|at|to|during|after|before|last|this|yesterday|today|tonight|again|too|also|repeatedly|publicly"
    r"|privately|himself|herself|themselves|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
)


def clip(text: str, a: int, b: int) -> Offsets | None:
    """``[a, b)`` without quote marks and edge punctuation; None when nothing worth a claim is left."""
    while a < b and text[a] in TRIM + ",:;":
        a += 1
    while b > a and (text[b - 1] in TRIM + ".,;:—" or (text[b - 1] == ")" and "(" not in text[a:b])):
        b -= 1
    words = text[a:b].split()
    # "said so on Monday", "said this in a statement" point at a claim made elsewhere; "said it would sue" is one.
    pointing = (
        0 < len(words) <= 4
        and words[0].lower() in ("this", "it", "that", "so")
        and _POINTED_AFTER.match(words[1] if len(words) > 1 else "")
    )
    if len(words) < 2 or (pointing and not any(c.isdigit() for c in text[a:b])):  # "said it was 1.8 percent"
        return None
    return a, b


# What the writer adds after a reported clause: a comparison ("…, the group said, compared with $2,700"), a
# contrast (", while …"; ", but …" often goes on with the source's account), what happened meanwhile, a
# clause after a semicolon with a named subject of its own, or, closing the sentence, a description (", where 18
# votes are up for grabs").
COMPARISON = re.compile(r"\s*(?:compared (?:with|to)|up from|down from|versus|vs\.)\s", re.IGNORECASE)
_CONTRAST = re.compile(r",[”\"’']?\s+(?:while|whereas)\s")
_MEANWHILE = re.compile(r"\s+(?:as|while)\s+(?=(?:[A-Z][\w.'’-]*\s+){1,3}[a-z]+ed\b)")  # "as Pyongyang fired"
_DESCRIPTION = re.compile(r",\s+(?:who|where)\s(?=[^,]*$)")
# "X estimates A; the Tax Foundation puts it at B": B is not X's ("X said A; the area had been searched" still is)
_NEXT_CLAUSE = re.compile(r";\s+(?:(?:the|a|an)\s+)?(?-i:[A-Z])")


def reported_end(text: str, start: int, hi: int, quotes: list[Offsets]) -> int:
    """Where a reported clause that is no quotation ends: before a contrast, what happened meanwhile ("…
    condemned the launch as Pyongyang fired three missiles"), a semicolon opening a clause with a named
    subject of its own, or a closing description."""
    for pattern in (_CONTRAST, _MEANWHILE, _DESCRIPTION, _NEXT_CLAUSE):
        for m in pattern.finditer(text[:hi], start):
            if not any(a <= m.end() - 1 < b for a, b in quotes):  # the conjunction outside quotes
                hi = m.start()
                break
    return hi
