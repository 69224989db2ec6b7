"""Ground the model's choices in the article: expand ids into quotes and spans, drop the rest.

Nothing the model returns reaches the brief unless it can be tied to a verbatim
span of the article: a figure's ``quote`` is the sentence it stands in, its
``value`` is the number written there (parsed by code, never taken from the
model), its unit and label are the article's own words. Choices that do not
ground are dropped and counted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..evidence.attribution import AttributionCandidate
from ..evidence.figures import parse_number
from ..evidence.gather import Evidence, FigureItem, SentenceItem, SourceItem, lead_sentences
from ..evidence.sources import SourceEntity
from ..evidence.when import find_when
from ..model.request import Choice
from ..schema import Actor, Figure, Source

__all__ = ["Grounded", "ground"]

_LOW_VALUE_KINDS = frozenset({"date", "time", "ordinal"})
_LOW_VALUE_ROOM = 6  # a date among the six best-ranked candidates is one of the article's few numbers
_MODEL_BONUS = 1.5  # a pick lifts a candidate over similar ones, not a date over a count with its unit
_MAX_ACTORS = 6


@dataclass
class Grounded:
    """The brief's content after grounding, with the counts behind it."""

    what: str
    main: SentenceItem | None
    who: list[Actor]
    when: str | None
    where: str | None
    figures: list[Figure]
    sources: list[Source]
    figure_items: list[FigureItem] = field(default_factory=list)
    source_items: list[SourceItem] = field(default_factory=list)
    chosen: int = 0
    dropped_ungrounded: int = 0
    added_by_code: int = 0


def _figure(evidence: Evidence, item: FigureItem) -> Figure | None:
    """The figure as a grounded brief item, or None when it does not check out."""
    text = evidence.text
    candidate = item.candidate
    written = candidate.span.of(text)
    number = candidate.number_span.of(text)
    quote = item.sentence.span.of(text)
    if not quote or written not in quote or parse_number(number) != candidate.value:
        return None
    return Figure(
        value=candidate.value,
        unit=candidate.unit,
        text=written,
        measures=candidate.measures or candidate.unit,
        attributed_to=item.source.name if item.source else None,
        quote=quote,
        span=(item.sentence.span.start, item.sentence.span.end),
    )


def _claim(evidence: Evidence, candidate: AttributionCandidate, sentence: SentenceItem) -> str:
    span = candidate.claim_span or sentence.span
    return " ".join(span.of(evidence.text).split())


def _source(evidence: Evidence, entity: SourceEntity, item: SourceItem) -> Source:
    """One merged source, quoted at the attribution ``item`` of it (the model's pick or its first claim)."""
    sentence = item.sentence
    return Source(
        name=entity.name,
        kind=entity.kind,
        claim=_claim(evidence, item.candidate, sentence),
        polarity=item.candidate.polarity,
        modality=item.candidate.modality,
        name_spans=[(s.start, s.end) for s in entity.name_spans],
        claims=len(entity.attributions),
        quote=sentence.span.of(evidence.text),
        span=(sentence.span.start, sentence.span.end),
    )


def _pick(ids: list[str], known: Mapping[str, object]) -> tuple[list[str], int]:
    """The model's ids that exist, in its order, without repeats; and how many did not exist."""
    kept: list[str] = []
    unknown = 0
    for ident in ids:
        if ident not in known:
            unknown += 1
        elif ident not in kept:
            kept.append(ident)
    return kept, unknown


def _rank_figures(evidence: Evidence, picked: list[str], limit: int) -> list[FigureItem]:
    """Code score plus a bonus for the model's picks.

    Dates and times count only when the model picked them or when they rank among the top few (an
    article with few numbers: "extended to June 30", "9/11").
    """
    bonus = {ident: _MODEL_BONUS - 0.05 * rank for rank, ident in enumerate(picked)}
    top = {f.id for f in evidence.figures[:_LOW_VALUE_ROOM]}
    eligible = [f for f in evidence.figures if f.candidate.kind not in _LOW_VALUE_KINDS or f.id in bonus or f.id in top]
    eligible.sort(key=lambda f: -(f.score + bonus.get(f.id, 0.0)))
    return eligible[:limit]


def _who(evidence: Evidence, what: list[SentenceItem]) -> list[Actor]:
    """The actors of the news: those named in ``what`` first, then people with a role, then by mentions.

    Names the code could not type (``other``) need three mentions to count as actors at all.
    """
    lead = " ".join(s.text for s in what)

    def rank(index: int) -> tuple[int, int, int]:
        actor = evidence.actors[index]
        return (actor.name not in lead, not (actor.kind == "person" and actor.role), index)

    keep = [i for i, a in enumerate(evidence.actors) if a.kind != "other" or a.mentions >= 3]
    chosen = sorted(keep, key=rank)[:_MAX_ACTORS]
    return [Actor(name=a.name, role=a.role, kind=a.kind) for a in (evidence.actors[i] for i in chosen)]


def _where(evidence: Evidence, main: SentenceItem | None) -> str | None:
    if main is None:
        return None
    places = [a for a in evidence.actors if a.kind == "country" and a.name in main.text]
    return places[0].name if places else None


def _ground_figures(
    evidence: Evidence, picked: list[str], max_figures: int
) -> tuple[list[Figure], list[FigureItem], int]:
    figures: list[Figure] = []
    kept: list[FigureItem] = []
    failed = 0
    for item in _rank_figures(evidence, picked, max_figures):
        figure = _figure(evidence, item)
        if figure is None:
            failed += 1
            continue
        figures.append(figure)
        kept.append(item)
    return figures, kept, failed


def _ground_sources(
    evidence: Evidence, picked: list[str], backing: list[FigureItem], max_sources: int
) -> tuple[list[Source], list[SourceItem]]:
    """One source per entity, none twice: the model's picks, then the evidence's ranking (most relied on first).

    A source a kept figure rests on is always kept (within ``max_sources``), so every figure's
    ``attributed_to`` is listed; the list is in pick order, then rank order.
    """
    by_id = {a.id: a for a in evidence.sources}
    item_of = {a.candidate: a for a in evidence.sources}
    ranked = [e for e in evidence.entities if any(a in item_of for a in e.attributions)]
    rank = {id(e): r for r, e in enumerate(ranked)}
    owner = {a: e for e in ranked for a in e.attributions}
    quoted: dict[int, SourceItem] = {}  # entity -> the attribution it is quoted at
    for ident in picked:
        entity = owner.get(by_id[ident].candidate)
        if entity is not None:
            quoted.setdefault(id(entity), by_id[ident])
    behind = [owner[f.source] for f in backing if f.source in owner]
    chosen: list[SourceEntity] = []
    for entity in [owner[by_id[i].candidate] for i in picked if by_id[i].candidate in owner]:
        if entity not in chosen:
            chosen.append(entity)
    rest = sorted({id(e): e for e in behind}.values(), key=lambda e: rank[id(e)]) + [e for e in ranked if not e.nested]
    for entity in rest:
        if len(chosen) >= max_sources:
            break
        if entity not in chosen:
            chosen.append(entity)
    chosen = chosen[: len(quoted)] + sorted(chosen[len(quoted) :], key=lambda e: rank[id(e)])
    items = [quoted.get(id(e)) or _quoted_at(e, item_of) for e in chosen]
    return [_source(evidence, e, item) for e, item in zip(chosen, items, strict=True)], items


def _quoted_at(entity: SourceEntity, item_of: Mapping[AttributionCandidate, SourceItem]) -> SourceItem:
    """The attribution a source is quoted at: its first with a claim in its own words, else its first."""
    items = [item_of[a] for a in entity.attributions if a in item_of]
    return next((i for i in items if i.candidate.claim_span is not None), items[0])


def ground(evidence: Evidence, choice: Choice, *, max_figures: int, max_sources: int) -> Grounded:
    """Turn the model's choice into grounded brief items; top up figures the code ranks high."""
    sentences = {s.id: s for s in evidence.sentences}
    dropped = 0

    # `what` is the lead sentence and the one the model picks to complete it (the lead alone if it picks none).
    leads = lead_sentences(evidence)
    lead = leads[0] if leads else None
    support = sentences.get(choice.support or "")
    if choice.support and (support is None or support not in leads[1:]):
        dropped += 1
        support = None
    what_parts = sorted({s for s in (lead, support) if s is not None}, key=lambda s: s.span.start)
    main = lead

    picked_figures, unknown = _pick(choice.figures, {f.id: f for f in evidence.figures})
    dropped += unknown
    figures, figure_items, failed = _ground_figures(evidence, picked_figures, max_figures)
    dropped += failed
    chosen = sum(1 for item in figure_items if item.id in picked_figures)

    picked_sources, unknown = _pick(choice.sources, {a.id: a for a in evidence.sources})
    dropped += unknown
    sources, source_items = _ground_sources(evidence, picked_sources, figure_items, max_sources)

    return Grounded(
        what=" ".join(" ".join(s.text for s in what_parts).split()),
        main=main,
        who=_who(evidence, what_parts),
        when=find_when(
            [s.text for s in what_parts],
            evidence.article.dateline.of(evidence.text) if evidence.article.dateline else None,
        ),
        where=_where(evidence, main),
        figures=figures,
        sources=sources,
        figure_items=figure_items,
        source_items=source_items,
        chosen=chosen + len(picked_sources),
        dropped_ungrounded=dropped,
        added_by_code=len(figure_items) - chosen,
    )
