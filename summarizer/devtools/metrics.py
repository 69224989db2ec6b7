"""Scoring one brief against its article: the columns of ``summarizer eval``.

The same rules score every system (the project, the plain-instructor comparator,
the no-model comparator), on a common view of a brief: ``what`` and a list of
figures with value, label, attribution and (when the system gives one) quote
and span. A figure is *grounded* when a verbatim span of the article states its
value, *invented* when the article states no such number at all, *labelled* when
its label is made of the article's words, and *attributed* when it names a source
made of the article's words while its sentence names one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..brief.check import ArticleFacts
from ..evidence.attribution import find_attributions
from ..evidence.figures import find_figures, parse_number
from ..evidence.measures import content_words
from ..evidence.sentences import split_sentences
from ..spans import Span
from .polnear import AttributionScore

__all__ = ["ArticleScore", "FigureView", "StatedNumbers", "headline_overlap", "score_article"]

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True, slots=True)
class FigureView:
    """What every system's figure is scored on."""

    value: float
    label: str | None
    attributed_to: str | None
    quote: str | None = None
    span: tuple[int, int] | None = None


@dataclass
class ArticleScore:
    """One system's result on one article."""

    id: str
    system: str
    valid: bool
    seconds: float
    error: str | None = None
    gold: int = 0
    gold_found: int = 0
    figures: int = 0
    grounded: int = 0
    invented: int = 0
    labelled: int = 0
    attributable: int = 0
    attributed: int = 0
    dropped: int = 0
    headline_overlap: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    article_tokens: int | None = None  # the article's own tokens, where the endpoint can count them
    missed_gold: list[float] = field(default_factory=list)
    what_words: int = 0
    what_sentences: int = 0
    gold_in_what: bool | None = None  # every headline number (gold) is written in `what`
    what_unstated_numbers: int = 0  # numbers in `what` the article does not state
    what_unknown_names: int = 0  # names in `what` the article does not contain
    what_by: str | None = None
    attribution: AttributionScore | None = None


class StatedNumbers:
    """The numbers an article states, where, and which sentences name a source."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences = split_sentences(text, [Span(0, len(text))]) if text.strip() else []
        self.where: dict[float, list[Span]] = {}
        for candidate in find_figures(text, self.sentences):
            self.where.setdefault(candidate.value, []).append(candidate.span)
            if candidate.high is not None:
                self.where.setdefault(candidate.high, []).append(candidate.span)
        for match in _DIGITS.finditer(text):
            value = parse_number(match.group())
            if value is not None:
                self.where.setdefault(value, []).append(Span(match.start(), match.end()))
        cues = find_attributions(text, self.sentences)
        self.sourced = [s for s in self.sentences if any(s.contains(a.cue_span) for a in cues)]
        self.words = {w.lower() for w in _WORD.findall(text)}
        self.facts = ArticleFacts(text, self.sentences)

    def states(self, value: float) -> bool:
        """Whether the article writes this number anywhere."""
        return any(abs(value - v) < 1e-9 for v in self.where)

    def sentence_of(self, figure: FigureView) -> Span | None:
        """The sentence the figure stands in: its span if it has one, else the first that writes its value."""
        if figure.span is not None:
            start = figure.span[0]
            return next((s for s in self.sentences if s.start <= start < s.end), None)
        for value, spans in self.where.items():
            if abs(value - figure.value) < 1e-9:
                return next((s for s in self.sentences if s.contains(spans[0])), None)
        return None

    def made_of_article_words(self, phrase: str | None) -> bool:
        """A non-empty phrase whose every word occurs in the article (numbers and symbols aside)."""
        if not phrase or not phrase.strip():
            return False
        words = [w.lower() for w in _WORD.findall(phrase)]
        return bool(words) and all(w in self.words for w in words)


def headline_overlap(headline: str | None, what: str) -> float | None:
    """Share of the headline's content words (4+ letters) that ``what`` contains."""
    wanted = content_words(headline)
    if not wanted:
        return None
    return len(wanted & content_words(what)) / len(wanted)


def _grounded(stated: StatedNumbers, figure: FigureView) -> bool:
    if figure.quote is not None and figure.span is not None:
        start, end = figure.span
        if stated.text[start:end] != figure.quote:
            return False
        return any(
            abs(figure.value - v) < 1e-9 and any(s.start >= start and s.end <= end for s in spans)
            for v, spans in stated.where.items()
        )
    return stated.states(figure.value)


def score_article(
    *,
    id: str,
    system: str,
    stated: StatedNumbers,
    what: str,
    figures: list[FigureView],
    gold: list[float],
    headline: str | None,
    seconds: float,
    dropped: int = 0,
    prompt_tokens: int = 0,
    completion_tokens: int = 0,
    article_tokens: int | None = None,
    what_by: str | None = None,
) -> ArticleScore:
    """Score one valid brief."""
    values = [f.value for f in figures]
    found = [g for g in gold if any(abs(g - v) < 1e-9 for v in values)]
    score = ArticleScore(
        id=id,
        system=system,
        valid=True,
        seconds=seconds,
        gold=len(gold),
        gold_found=len(found),
        missed_gold=[g for g in gold if g not in found],
        figures=len(figures),
        dropped=dropped,
        headline_overlap=headline_overlap(headline, what),
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        article_tokens=article_tokens,
        what_by=what_by,
    )
    _score_what(score, stated, what, gold)
    for figure in figures:
        score.grounded += _grounded(stated, figure)
        score.invented += not stated.states(figure.value)
        score.labelled += stated.made_of_article_words(figure.label)
        sentence = stated.sentence_of(figure)
        if sentence is not None and sentence in stated.sourced:
            score.attributable += 1
            score.attributed += stated.made_of_article_words(figure.attributed_to)
    return score


def _score_what(score: ArticleScore, stated: StatedNumbers, what: str, gold: list[float]) -> None:
    """Length, the headline's numbers, and numbers and names that the article does not have."""
    score.what_words = len(what.split())
    score.what_sentences = len(split_sentences(what, [Span(0, len(what))])) if what.strip() else 0
    written = [c.value for c in find_figures(what, [Span(0, len(what))])] + [
        c.high for c in find_figures(what, [Span(0, len(what))]) if c.high is not None
    ]
    score.gold_in_what = all(any(abs(g - v) < 1e-9 for v in written) for g in gold) if gold else None
    score.what_unstated_numbers = sum(1 for v in written if not stated.states(v))
    score.what_unknown_names = len(stated.facts.unknown_names(what))
