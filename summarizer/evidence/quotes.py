"""Quotations as the article writes them: where each opens and closes, across sentences and paragraphs.

A quote runs over several sentences ("“We are ready. We go at dawn,” she said.") and, in a long one,
over paragraphs: each paragraph opens with a quotation mark and only the last one closes it. Curly
(“ ”), straight ("), doubled single ('' '', a newspaper style), guillemets (« ») and German (\u201e “)
marks are read; a quote still open at the end of a paragraph the next one does not continue ends there.
A quotation may be signed with a dash ("” ― Adriana Rodarte"), and a line may open with its speaker
("WALLACE: …", "Zelensky: …"): ``signatures`` and ``speaker_line`` find those, as (name, cue, claim) offsets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..spans import Span
from .phrases import RUN, Offsets, clip, personish, split_name

__all__ = ["Signed", "find_quotes", "inner", "paragraphs_of", "signatures", "speaker_line"]

Signed = tuple[Offsets, Offsets, Offsets]  # who, the cue (a dash, a colon), what

_CLOSERS = {"“": ("”",), "«": ("»",), "\u201e": ("“", "”"), '"': ('"',), "''": ("''",)}
_MARK = re.compile("[" + re.escape("".join({*_CLOSERS, *(c for cs in _CLOSERS.values() for c in cs)})) + "]")


def paragraphs_of(text: str, sentences: Sequence[Span]) -> list[Span]:
    """The paragraphs the sentences make: a line break between two sentences starts a new one."""
    out: list[Span] = []
    for sentence in sentences:
        if out and "\n" not in text[out[-1].end : sentence.start]:
            out[-1] = Span(out[-1].start, sentence.end)
        else:
            out.append(sentence)
    return out


def _opener(text: str, i: int) -> str | None:
    if text.startswith("''", i):
        return "''" if i == 0 or not text[i - 1].isalnum() else None
    return text[i] if text[i] in _CLOSERS else None


def _closer(text: str, i: int, opened: str) -> str | None:
    return next((c for c in _CLOSERS[opened] if text.startswith(c, i)), None)


def _first_char(text: str, span: Span) -> int:
    i = span.start
    while i < span.end and text[i].isspace():
        i += 1
    return i


def find_quotes(text: str, sentences: Sequence[Span]) -> list[Span]:
    """Every quotation of the article, marks included, in order; a multi-paragraph quote is one span."""
    out: list[Span] = []
    start: int | None = None
    opened = ""
    paragraphs = paragraphs_of(text, sentences)
    carried = -1  # where a quote carried over from the paragraph before is marked open again
    for k, para in enumerate(paragraphs):
        i = para.start
        while i < para.end:
            if i == carried:  # '"… (no closing mark)\n\n"…': the same quote goes on, the mark closes nothing
                i += len(opened)
                continue
            if start is None:
                mark = _opener(text, i)
                if mark:
                    start, opened = i, mark
                    i += len(mark)
                    continue
            else:
                close = _closer(text, i, opened)
                if close:
                    out.append(Span(start, i + len(close)))
                    start = None
                    i += len(close)
                    continue
                if opened in "“«" and text[i] == opened:  # opened again before it closed: a new quote
                    out.append(Span(start, i))
                    start = i
            mark_at = _MARK.search(text, i + 1, para.end)  # nothing happens between quotation marks
            i = mark_at.start() if mark_at else para.end
        if start is not None:
            following = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            at = _first_char(text, following) if following else -1
            if following is None or _opener(text, at) != opened:
                out.append(Span(start, para.end))
                start = None
            else:
                carried = at
    return out


def inner(text: str, quote: Span) -> Span:
    """The quote without its opening and closing marks."""
    a, b = quote.start, quote.end
    mark = _opener(text, a)
    a += len(mark) if mark else 0
    while b > a and text[b - 1] in "”»“\"'":
        b -= 1
    return Span(a, b)


_SPEAKER = re.compile(r"(?P<name>(?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*)\s?:\s+(?=\S)")
_NOT_SPEAKERS = frozenset(
    "photo note update related source read watch video editor tags share also correction latest breaking exclusive "
    "analysis opinion editorial review live".split()
)


def speaker_line(text: str, lo: int, hi: int) -> list[Signed]:
    """A speaker's line: a name (a person's, or one in capitals) and a colon at the start of a line."""
    if lo and text[lo - 1] != "\n":
        return []
    lo += len(text[lo:hi]) - len(text[lo:hi].lstrip("\"“'"))  # a transcript quoted line by line: '"PENCE: Well, …'
    m = _SPEAKER.match(text, lo, hi)
    if m is None:
        return []
    name = m.group("name")
    words = name.split()
    short = len(text[lo:hi].split()) <= 15 or text[m.end() : m.end() + 1] in '“"«'
    headline = len(words) == 1 and short  # "Zelensky: casualties exceed 3,000"
    if {w.lower().strip(".") for w in words} & _NOT_SPEAKERS or not (personish(words) or name.isupper() or headline):
        return []
    claim = clip(text, m.end(), hi)
    if not claim:
        return []
    colon = text.index(":", m.end("name"))
    return [(m.span("name"), (colon, colon + 1), claim)]


_DASHED = re.compile(r"[”\"»]\s*([―—–])\s*")


def signatures(text: str, lo: int, hi: int) -> list[Signed]:
    """A quotation signed with a dash: "“I'd rather live there.” ― Adriana Rodarte"."""
    out: list[Signed] = []
    for m in _DASHED.finditer(text, lo, hi):
        run = RUN.match(text, m.end(), hi)
        if run is None or (text[run.end() : hi].strip(" .") and text[run.end()] not in ",("):
            continue
        opening = max(text.rfind(q, lo, m.start()) for q in '“"«')
        claim = clip(text, (opening if opening >= 0 else lo) + 1, m.start())
        if claim:
            out.append((split_name(text, *run.span())[0], m.span(1), claim))
    return out
