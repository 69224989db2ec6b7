"""Evidence: the numbered items the model chooses from, each with a span.

Cleaning, sentence splitting, figure and attribution finding happen in their
own modules; this one numbers what they found and ranks it, so the ids the
model sees (``S1`` sentences, ``F1`` figures, ``A1`` attributions) come best
first. A small base model tends to choose the first candidates it is shown,
so the ranking is where the code's judgement goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._actors import ActorCandidate, find_actors
from ._attribution import AttributionCandidate, find_attributions
from ._clean import CleanedArticle
from ._figures import FigureCandidate, find_figures
from ._sentences import split_sentences
from ._text import Span

__all__ = ["Evidence", "FigureItem", "SentenceItem", "SourceItem", "gather_evidence"]

_KIND_WEIGHT = {
    "count": 3.0, "money": 3.0, "percent": 3.0, "age": 2.5, "duration": 2.0, "ratio": 1.5,
    "other": 1.5, "year": 1.0, "ordinal": 0.5, "date": 0.5, "time": 0.2,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SentenceItem:
    """A numbered sentence of the cleaned article."""

    id: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class FigureItem:
    """A numbered figure candidate, with the sentence it stands in and its attribution."""

    id: str
    candidate: FigureCandidate
    sentence: SentenceItem
    source: AttributionCandidate | None
    score: float


@dataclass(frozen=True, slots=True)
class SourceItem:
    """A numbered attribution."""

    id: str
    candidate: AttributionCandidate
    sentence: SentenceItem


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything the code found in one article, numbered for the model."""

    article: CleanedArticle
    sentences: tuple[SentenceItem, ...]
    figures: tuple[FigureItem, ...]
    sources: tuple[SourceItem, ...]
    actors: tuple[ActorCandidate, ...]

    @property
    def text(self) -> str:
        """The article text every span indexes into."""
        return self.article.text

    @property
    def title(self) -> str | None:
        """The article's headline, if it opens with one."""
        return self.article.title.of(self.text) if self.article.title else None

    def sentence_of(self, span: Span) -> SentenceItem | None:
        """The sentence containing ``span``."""
        for sentence in self.sentences:
            if sentence.span.contains(span):
                return sentence
        return None


def _figure_score(candidate: FigureCandidate, sentence_index: int, attributed: bool) -> float:
    score = _KIND_WEIGHT.get(candidate.kind, 1.0)
    if candidate.unit:
        score += 1.0
    if candidate.approx:
        score += 0.5
    if attributed:
        score += 1.0
    if sentence_index < 3:
        score += 0.75
    return score


def _source_for(
    figure: FigureCandidate, sentence: SentenceItem, sources: list[AttributionCandidate]
) -> AttributionCandidate | None:
    """Who the figure is attributed to in its sentence.

    The speaker whose claim contains the figure comes first, outermost first ("Zelensky said, 'According to
    preliminary data, … 3,000'" → Zelensky); otherwise the nearest cue before the figure, else the first after.
    """
    same = [a for a in sources if a.sentence == sentence.span or sentence.span.contains(a.cue_span)]
    if not same:
        return None
    holding = [a for a in same if a.claim_span is not None and a.claim_span.contains(figure.span)]
    if holding:
        chosen = max(holding, key=lambda a: len(a.claim_span) if a.claim_span else 0)
    else:
        before = [a for a in same if a.cue_span.start <= figure.span.start]
        chosen = before[-1] if before else same[0]
    # "Outlet reported, citing Y": the figure rests on Y as relayed by the outlet; name the original.
    # (A speaker citing data stays the source: "Zelensky said, 'according to preliminary data …'".)
    if chosen.kind == "news outlet":
        relayed = [a for a in same if a.via is not None and a.via == chosen.name]
        if relayed:
            return relayed[0]
    return chosen


_SMALL_WORDS = re.compile(r"(?i)^(?:one|two|three|four|five|six|seven|eight|nine|ten|a|an|single|both)$")


def _low_value(candidate: FigureCandidate, text: str) -> bool:
    """Ordinals and small spelled-out counts ("the two countries") are not figures worth a brief."""
    if candidate.kind == "ordinal":
        return True
    written = candidate.number_span.of(text)
    return candidate.kind == "count" and candidate.approx is None and bool(_SMALL_WORDS.match(written))


def gather_evidence(article: CleanedArticle, *, max_sentences: int = 60) -> Evidence:
    """Split, find and number the evidence of a cleaned article."""
    text = article.text
    spans = split_sentences(text, article.body)[:max_sentences]
    sentences = tuple(SentenceItem(f"S{i}", span, span.of(text)) for i, span in enumerate(spans, start=1))
    attributions = find_attributions(text, spans)
    index_of = {s.span: i for i, s in enumerate(sentences)}

    ranked: list[tuple[float, int, FigureCandidate, SentenceItem, AttributionCandidate | None]] = []
    seen: dict[tuple[float, str | None], int] = {}
    for candidate in find_figures(text, spans):
        if _low_value(candidate, text) or not (candidate.measures or candidate.unit):
            continue  # a number the article gives no words for is not a figure a reader can use
        sentence = next((s for s in sentences if s.span.contains(candidate.span)), None)
        if sentence is None:
            continue
        source = _source_for(candidate, sentence, attributions)
        score = _figure_score(candidate, index_of[sentence.span], source is not None)
        key = (candidate.value, candidate.unit)
        if key in seen:  # the same number again: keep the better-scored mention only
            at = seen[key]
            if ranked[at][0] >= score:
                continue
            ranked[at] = (score, candidate.span.start, candidate, sentence, source)
            continue
        seen[key] = len(ranked)
        ranked.append((score, candidate.span.start, candidate, sentence, source))
    ranked.sort(key=lambda row: (-row[0], row[1]))
    figures = tuple(
        FigureItem(f"F{i}", candidate, sentence, source, score)
        for i, (score, _, candidate, sentence, source) in enumerate(ranked, start=1)
    )

    items: list[SourceItem] = []
    for attribution in attributions:
        sentence = next((s for s in sentences if s.span.contains(attribution.cue_span)), None)
        if sentence is not None:
            items.append(SourceItem(f"A{len(items) + 1}", attribution, sentence))
    actors = tuple(find_actors(text, spans))
    return Evidence(article, sentences, figures, tuple(items), actors)
