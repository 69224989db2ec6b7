"""Evidence: the numbered items the model chooses from, each with a span.

Cleaning, sentence splitting, figure and attribution finding happen in their
own modules; this one numbers what they found and ranks it, so the ids the
model sees (``S1`` sentences, ``F1`` figures, ``A1`` attributions) come best
first. A small base model tends to choose the first candidates it is shown,
so the ranking is where the code's judgement goes. ``lead_sentences`` says which
sentences are the lead: the request offers them to the model, grounding checks its
pick against them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from ..read.clean import CleanedArticle
from ..spans import Span
from .actors import ActorCandidate, find_actors
from .attribution import AttributionCandidate, find_attributions
from .figures import FigureCandidate, find_figures
from .language import detect_language
from .quotes import find_quotes
from .sentences import split_sentences
from .sources import SourceEntity, merge_sources, rank_sources
from .when import publication_date

__all__ = ["Evidence", "FigureItem", "SentenceItem", "SourceItem", "gather_evidence", "lead_sentences"]

_KIND_WEIGHT = {
    "count": 3.0, "money": 3.0, "percent": 3.0, "age": 2.5, "duration": 2.0, "ratio": 1.5,
    "other": 1.5, "year": 1.0, "ordinal": 0.5, "date": 0.5, "time": 0.2,
}  # fmt: skip
LEAD_SENTENCES = 5  # the lead and the four sentences after it


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
    language: str | None = None  # ISO 639-1, None when not known: how the numbers were read
    published: date | None = None  # from the page's metadata, else the article's dateline or page date
    entities: tuple[SourceEntity, ...] = ()
    numbers: tuple[FigureCandidate, ...] = ()  # every number of the sentences, figures or not, read as ``language``

    @property
    def text(self) -> str:
        """The article text every span indexes into."""
        return self.article.text


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
    figure: FigureCandidate, attributions: list[AttributionCandidate], same: list[AttributionCandidate]
) -> AttributionCandidate | None:
    """Who the figure is attributed to: the speaker whose claim (or quotation continuing it) holds it, if any.

    The outermost claim comes first ("Zelensky said, 'According to preliminary data, … 3,000'" → Zelensky);
    a figure no claim holds (the writer's own words, a comparison the article makes) has no source.
    """
    holding = [(len(s), a) for a in attributions for s in a.claim_spans if s.contains(figure.span)]
    if not holding:
        return None
    # The same claim held twice ("X reports that Z, according to Y"): the later, non-outlet source vouches for it.
    chosen = max(holding, key=lambda pair: (pair[0], pair[1].kind != "news outlet", pair[1].cue_span.start))[1]
    # "Outlet reported, citing Y": the figure rests on Y as relayed by the outlet; name the original.
    # (A speaker citing data stays the source: "Zelensky said, 'according to preliminary data …'".)
    if chosen.kind == "news outlet":
        relayed = [a for a in same if a is not chosen and a.via is not None and a.claim_span == chosen.claim_span]
        if relayed:
            return relayed[0]
    return chosen


class _Locator:
    """The sentence holding a span, by binary search over sentence starts (long articles have thousands)."""

    def __init__(self, sentences: tuple[SentenceItem, ...]) -> None:
        self._sentences = sentences
        self._starts = [s.span.start for s in sentences]

    def find(self, span: Span) -> tuple[int, SentenceItem] | None:
        index = bisect_right(self._starts, span.start) - 1
        if index >= 0 and self._sentences[index].span.contains(span):
            return index, self._sentences[index]
        return None


_ANAPHORIC = re.compile(r"(?i)\b(?:the|these|those|both|all)\s+$")


def _low_value(candidate: FigureCandidate, text: str) -> bool:
    """Ordinals, and counts that point back at things already named ("the two countries"), are not figures."""
    if candidate.kind == "ordinal":
        return True
    before = text[max(0, candidate.span.start - 8) : candidate.span.start]
    return (
        candidate.approx is None and bool(_ANAPHORIC.search(before)) and not candidate.number_span.of(text)[0].isdigit()
    )


def gather_evidence(article: CleanedArticle, *, language: str | None = None, published: str | None = None) -> Evidence:
    """Split, find and number the evidence of a cleaned article (all of it: the prompt picks what it shows).

    ``language`` None: detected from the article's body. ``published``: the page's publication date (ISO
    8601), if it gave one; else the dateline's or page date's.
    """
    text = article.text
    spans = split_sentences(text, article.body)
    if language is None:
        language = detect_language(" ".join(span.of(text) for span in article.body)).code
    when = publication_date(published, article.dateline.of(text) if article.dateline else None)
    sentences = tuple(SentenceItem(f"S{i}", span, span.of(text)) for i, span in enumerate(spans, start=1))
    locate = _Locator(sentences)

    actors = tuple(find_actors(text, spans))
    quotes = find_quotes(text, spans)
    claims = find_attributions(text, spans, actors=actors, quotes=quotes)
    merged = merge_sources(text, claims, actors, article.title, quotes)
    attributions = sorted((a for e in merged for a in e.attributions), key=lambda a: a.cue_span.start)
    home: dict[AttributionCandidate, SentenceItem] = {}
    by_sentence: dict[str, list[AttributionCandidate]] = {}
    for attribution in attributions:
        found = locate.find(attribution.cue_span)
        if found is not None:
            home[attribution] = found[1]
            by_sentence.setdefault(found[1].id, []).append(attribution)

    ranked: list[tuple[float, int, FigureCandidate, SentenceItem, AttributionCandidate | None]] = []
    seen: dict[tuple[float, str | None], int] = {}
    numbers = tuple(find_figures(text, spans, language))
    for candidate in numbers:
        if _low_value(candidate, text) or not (candidate.measures or candidate.unit):
            continue  # a number the article gives no words for is not a figure a reader can use
        found = locate.find(candidate.span)
        if found is None:
            continue
        index, sentence = found
        source = _source_for(candidate, attributions, by_sentence.get(sentence.id, []))
        score = _figure_score(candidate, index, source is not None)
        key = (candidate.value, candidate.unit)
        if key in seen:  # the same number again: keep the better-scored mention only
            at = seen[key]
            if ranked[at][0] < score:
                ranked[at] = (score, candidate.span.start, candidate, sentence, source)
            continue
        seen[key] = len(ranked)
        ranked.append((score, candidate.span.start, candidate, sentence, source))
    ranked.sort(key=lambda row: (-row[0], row[1]))
    figures = tuple(
        FigureItem(f"F{i}", candidate, sentence, source, score)
        for i, (score, _, candidate, sentence, source) in enumerate(ranked, start=1)
    )
    entities = rank_sources(merged, (f.source for f in figures))
    ordered = [a for e in entities for a in e.attributions if a in home]  # best-relied-on sources first
    items = tuple(SourceItem(f"A{i}", a, home[a]) for i, a in enumerate(ordered, start=1))
    return Evidence(article, sentences, figures, items, actors, language, when, entities, numbers)


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def lead_sentences(evidence: Evidence) -> list[SentenceItem]:
    """The lead sentence and the few after it: news puts the main facts first.

    Headlines and deck lines (no final punctuation) are left out when the article has full sentences.
    """
    body = [s for s in evidence.sentences if s.span != evidence.article.title and _SENTENCE_END.search(s.text)]
    return (body or list(evidence.sentences))[:LEAD_SENTENCES]
