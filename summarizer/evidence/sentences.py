"""Sentence segmentation with offsets into the article text.

A rule-based splitter tuned for news prose: it knows the usual abbreviations (titles,
months, "U.S.", "a.m.", initials), decimals, ellipses and closing quotes, and it copes with
the style where quotation marks have been replaced by double spaces
("... on Facebook.  Early this morning, our dad ...  she wrote.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..calendar import MONTH_ABBREVIATIONS
from ..spans import Span, strip_span

__all__ = ["split_sentences"]

# A candidate end: terminal punctuation (or an ellipsis), any closing quotes/brackets,
# then white space. Whether it really ends a sentence is decided by _is_boundary.
_CANDIDATE = re.compile(r"(?:\.{3}|…|[.!?]+)[\"'”’)\]]*(?=\s)")
_TOKEN_BEFORE = re.compile(r"[^\s\"'“‘(\[]*$")
_NEXT_WORDS = re.compile(r"\s*[\"'“‘(\[]*([^\s]*)(?:\s+([^\s]*))?(?:\s+([^\s]*))?(?:\s+([^\s]*))?")

# Never end a sentence: they are always followed by a name or a number.
_TITLES = frozenset(
    (
        "mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov lt-gov rev hon pres "
        "supt insp det mt ft vs v cf approx"
    ).split()
)
# End a sentence only when no number follows ("Jan. 5", "No. 1", "Fig. 2").
_BEFORE_NUMBERS = MONTH_ABBREVIATIONS | frozenset("no nos fig figs vol p pp art ch sec para ed op".split())
# Abbreviations that often end a sentence too; they end one only before a typical sentence opener.
_WEAK = frozenset(("inc corp co ltd llc plc bros jr sr st ave blvd rd etc al dept univ assn est").split())
_OPENERS = frozenset(
    (
        "the a an he she it they we i you his her its their our this that these those there here but and so "
        "yet in on at as after before when while if for with since by from to of meanwhile however still also "
        "then police officials authorities"
    ).split()
)
_SPEECH_VERBS = frozenset(
    (
        "said says asked asks wrote writes told tells added adds explained explains noted notes tweeted "
        "tweets recalled recalls replied replies answered answers insisted insists claimed claims declared "
        "declares shouted joked jokes quipped quips continued continues concluded concludes posted posts "
        "argued argues warned warns cried laughed sighed"
    ).split()
)


def _next_words(text: str, pos: int, end: int) -> list[str]:
    """Up to four white-space separated words after ``pos``, opening quotes stripped from the first."""
    m = _NEXT_WORDS.match(text, pos, end)
    return [w for w in m.groups() if w] if m else []


def _starts_sentence(text: str, pos: int, end: int) -> bool:
    """Whether the first non-space character at/after ``pos`` can open a sentence."""
    rest = text[pos:end].lstrip().lstrip("\"'“‘([").lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit())


def _is_attribution(words: list[str]) -> bool:
    """Whether the words after a quoted ?/! attribute it ("Vigoda asked", "said Smith")."""
    for w in words[:4]:
        bare = w.strip(",.;:").lower()
        if bare in _SPEECH_VERBS:
            return True
        if w.endswith((".", "!", "?")):
            return False
    return False


def _is_boundary(text: str, m: re.Match[str], start: int, end: int) -> bool:
    """Whether candidate ``m`` (inside paragraph [start, end)) ends a sentence."""
    if not _starts_sentence(text, m.end(), end):
        return False
    punct = m.group()
    words = _next_words(text, m.end(), end)
    nxt = words[0].strip("\"'“‘”’,;:").lower() if words else ""
    # A quotation closed by a quote mark or, in feeds that drop quote marks, a double space.
    quoted = punct[-1] in "\"'”’" or text.startswith("  ", m.end())
    token = _TOKEN_BEFORE.search(text, max(start, m.start() - 40), m.start())
    if token and token.start() == m.start() - 40 > start:  # a long token: search its whole paragraph
        token = _TOKEN_BEFORE.search(text, start, m.start())
    word = token.group() if token else ""
    if "?" in punct or "!" in punct:
        if re.fullmatch(r"[A-Z]!", word + punct[:1]):  # "reports E! Online"
            return nxt in _OPENERS
        return not (quoted and _is_attribution(words))
    if punct.startswith("…") or punct.startswith("..."):
        # "followed … I have lost": an ellipsis spaced on both sides marks an omission.
        return not text[m.start() - 1 : m.start()].isspace()
    if punct[0] != "." or len(punct.rstrip("\"'”’)]")) > 1:
        return True
    low = word.lower()
    if not word:
        return True
    if re.fullmatch(r"[A-Z]|(?:[A-Za-z]\.)+[A-Za-z]", word) or low in _WEAK:
        # "J. K. Rowling", "U.S.", "a.m.", "Apple Inc." end a sentence only before "The", "He", ...
        return nxt in _OPENERS
    if low in _TITLES:
        return False
    if low in _BEFORE_NUMBERS:
        return not nxt[:1].isdigit()
    return True


def split_sentences(text: str, paragraphs: Sequence[Span]) -> list[Span]:
    """Split each paragraph span of ``text`` into sentence spans.

    Sentences are stripped of surrounding white space, returned in order, and never cross
    a paragraph boundary; a paragraph without final punctuation (a title) is one sentence.
    """
    out: list[Span] = []
    for para in paragraphs:
        begin = para.start
        for m in _CANDIDATE.finditer(text, para.start, para.end):
            # Keep a parenthetical aside "(... Winning.)" whole when it closes in this paragraph.
            opened = text.count("(", begin, m.start()) > text.count(")", begin, m.end())
            if opened and ")" in text[m.end() : para.end]:
                continue
            if m.end() < para.end and _is_boundary(text, m, para.start, para.end):
                span = strip_span(text, begin, m.end())
                if span:
                    out.append(span)
                begin = m.end()
        span = strip_span(text, begin, para.end)
        if span:
            out.append(span)
    return out
