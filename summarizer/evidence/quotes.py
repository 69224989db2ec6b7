"""Quotations as the article writes them: where each opens and closes, across sentences and paragraphs.

A quote runs over several sentences ("“We are ready. We go at dawn,” she said.") and, in a long one,
over paragraphs: each paragraph opens with a quotation mark and only the last one closes it. Curly
(“ ”), straight ("), doubled single ('' '', a newspaper style), guillemets (« ») and German (\u201e “)
marks are read; a quote still open at the end of a paragraph the next one does not continue ends there.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..spans import Span

__all__ = ["find_quotes", "inner", "paragraphs_of"]

_CLOSERS = {"“": ("”",), "«": ("»",), "\u201e": ("“", "”"), '"': ('"',), "''": ("''",)}


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
    for k, para in enumerate(paragraphs):
        i = para.start
        while i < para.end:
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
            i += 1
        if start is not None:
            following = paragraphs[k + 1] if k + 1 < len(paragraphs) else None
            at = _first_char(text, following) if following else -1
            if following is None or _opener(text, at) != opened:
                out.append(Span(start, para.end))
                start = None
    return out


def inner(text: str, quote: Span) -> Span:
    """The quote without its opening and closing marks."""
    a, b = quote.start, quote.end
    mark = _opener(text, a)
    a += len(mark) if mark else 0
    while b > a and text[b - 1] in "”»“\"'":
        b -= 1
    return Span(a, b)
