"""What a figure measures: the words around a number, with the word tables of the article's language.

English keeps the tables of ``evidence.numbers`` (function words, clause words, auxiliaries); another
language has its own (``evidence.conventions``). ``figures`` reads numbers; this module finds the words
they count: forward from the number while the words run on, else backward to the clause's start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .conventions import Conventions, conventions
from .numbers import AUX, CLAUSE, CORE, CUT, FORWARD_STOP, FUNC, LOCAL_CORE, TIME_UNITS

__all__ = ["Word", "Words", "backward_words", "forward_words", "measures_around", "trim_words", "words_for"]


Word = tuple[int, int, str]  # start, end, the word


@dataclass(frozen=True, slots=True)
class Words:
    """The word tables a language's figures are labelled with: English, or the article's language's."""

    conv: Conventions
    func: frozenset[str]
    clause: frozenset[str]
    aux: frozenset[str]
    forward_stop: frozenset[str]
    core: re.Pattern[str]
    letter: re.Pattern[str]


@lru_cache(maxsize=32)
def words_for(language: str | None) -> Words:
    conv = conventions(language)
    if conv.english:
        return Words(conv, FUNC, CLAUSE, AUX, FORWARD_STOP, CORE, re.compile(r"[A-Za-z]"))
    clause = conv.clause_words
    return Words(conv, conv.function_words, clause, frozenset(), clause, LOCAL_CORE, re.compile(r"[^\W\d_]"))


def forward_words(s: str, at: int, limit: int, stop: frozenset[str], t: Words) -> list[Word]:
    """Words after ``at`` up to clause punctuation, a stop word, a bare number or a second verb."""
    cut = CUT.search(s, at)
    words: list[Word] = []
    for w in re.finditer(r"\S+", s[at : cut.start() if cut else len(s)]):
        word = w.group()
        if (
            len(words) >= limit
            or word.lower() in stop
            or not t.letter.search(word)
            or (words and word.lower() in t.aux and words[0][2].lower() not in t.aux)
        ):
            break
        words.append((at + w.start(), at + w.end(), word))
    return words


def backward_words(s: str, at: int, limit: int, t: Words) -> list[Word]:
    """Words before ``at`` back to clause punctuation or a clause word, the nearest ``limit`` of them."""
    cuts = list(CUT.finditer(s, 0, at))
    begin = cuts[-1].end() if cuts else 0
    words: list[Word] = []
    for w in reversed(list(re.finditer(r"\S+", s[begin:at]))):
        if len(words) >= limit or w.group().lower() in t.clause:
            break
        words.append((begin + w.start(), begin + w.end(), w.group()))
    return words[::-1]


def trim_words(words: list[Word], t: Words) -> list[Word]:
    while words and (words[-1][2].lower() in t.func or not re.search(r"\w", words[-1][2])):
        words = words[:-1]
    return words


def measures_around(s: str, start: int, end: int, kind: str, of_which: bool, *, t: Words) -> tuple[int, int] | None:
    """What a figure measures: the words after it if they start well, else the words before it."""
    fwd = trim_words(forward_words(s, end, 10, t.forward_stop, t), t)
    if not fwd and t.conv.english and (rel := re.match(r"\s+(?:who|which|that)\b", s[end:])):
        fwd = trim_words(
            forward_words(s, end + rel.end(), 10, t.forward_stop, t), t
        )  # "a 21-year-old who lost her parents"
    back = trim_words(raw_back := backward_words(s, start, 13, t), t)
    first = fwd[0][2].lower() if fwd else ""
    good = bool(fwd) and (
        first not in t.func
        or of_which
        or (first == "of" and kind in ("percent", "count"))
        or (first in t.aux and len(fwd) > 1)
    )
    words = fwd if good and not (len(fwd) == 1 and first in TIME_UNITS and back) else back or fwd
    if not words and (cut := list(CUT.finditer(s, 0, start))) and "\n" not in cut[-1][0]:
        words = trim_words(
            backward_words(s, cut[-1].start(), 13, t), t
        )  # "said Wednesday, October 23, that": the clause
    if not words and kind == "age":
        cut2 = CUT.search(s, end)
        words = (
            trim_words(forward_words(s, cut2.end(), 10, t.forward_stop, t), t) if cut2 else []
        ) or raw_back  # "At 32, he"
    return (words[0][0], words[-1][1]) if words else None
