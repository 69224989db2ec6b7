"""Ground the brief in the article: the model's checked answer, or the code's own choices, as spans.

Nothing reaches the brief unless it is tied to a verbatim span of the article. A figure's ``quote``
is the sentence it stands in and its ``value`` the number written there (parsed by code, never taken
from the model); the model only chooses which marked figures matter and says what each counts. A
source named by the model must occur in the article and is tied to the attribution (or the sentence)
that holds it. ``what`` is the model's, checked, or the extractive lead when the model's failed the
checks or no model was asked. The figures the brief does not list stay in ``candidates``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..evidence.attribution import AttributionCandidate, source_kind
from ..evidence.cues import CUE, TELLING
from ..evidence.figures import parse_number
from ..evidence.gather import Evidence, FigureItem, SentenceItem, SourceItem, lead_sentences
from ..evidence.sources import SourceEntity
from ..evidence.when import resolve_when
from ..model.request import MAX_WHAT_WORDS
from ..read.furniture import dateline_place
from ..schema import Actor, Candidate, Citation, Figure, FiguresBy, Source, WhatBy, WhatSentence, WhenKind
from ..spans import Span, overlaps
from .ask import Asked
from .check import CheckedSource, CheckedWhat, fit_second, fit_words, numbers_in

__all__ = ["Grounded", "ground"]

_LOW_VALUE_KINDS = frozenset({"date", "time", "ordinal"})
_LOW_VALUE_ROOM = 6  # a date among the six best-ranked candidates is one of the article's few numbers
_MAX_ACTORS = 6
_MAX_CANDIDATES = 24
_TOLD = TELLING | {"telling", "asked", "asks"}  # cue words (CUE matches them) before the one told or asked
_NEAR_CUE = 2  # words between a name and its cue: "Bloomberg reports", "according to the Roper Center"


@dataclass
class Grounded:
    """The brief's content after grounding, with the counts behind it."""

    what: list[WhatSentence]
    what_by: WhatBy
    main: SentenceItem | None
    who: list[Actor]
    when: str | None
    where: str | None
    figures: list[Figure]
    figures_by: FiguresBy
    sources: list[Source]
    candidates: list[Candidate] = field(default_factory=list)
    figure_items: list[FigureItem] = field(default_factory=list)
    source_items: list[SourceItem] = field(default_factory=list)
    chosen: int = 0
    dropped_ungrounded: int = 0
    when_kind: WhenKind | None = None  # "event" or "published": see ``evidence.when``

    @property
    def what_text(self) -> str:
        """``what`` as one string."""
        return " ".join(s.text for s in self.what)


def _figure(evidence: Evidence, item: FigureItem, label: str | None = None) -> Figure | None:
    """The figure as a brief item (``label``: the model's checked words), or None when it does not check out."""
    text = evidence.text
    candidate = item.candidate
    written = candidate.span.of(text)
    number = candidate.number_span.of(text)
    quote = item.sentence.span.of(text)
    if not quote or written not in quote or parse_number(number, evidence.language) != candidate.value:
        return None
    return Figure(
        value=candidate.value,
        unit=candidate.unit,
        text=written,
        measures=label or candidate.measures or candidate.unit,
        measures_by="model" if label else "article",
        attributed_to=item.source.name if item.source else None,
        ambiguity=candidate.ambiguity,
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


def _code_ranking(evidence: Evidence) -> list[FigureItem]:
    """The code's figures, best first; dates and times only when they rank among the top few.

    An article with few numbers makes its date one of its figures ("extended to June 30", "9/11").
    """
    top = {f.id for f in evidence.figures[:_LOW_VALUE_ROOM]}
    return [f for f in evidence.figures if f.candidate.kind not in _LOW_VALUE_KINDS or f.id in top]


def _who(evidence: Evidence, lead: str) -> list[Actor]:
    """The actors of the news: those named in ``lead`` first, then people with a role, then by mentions.

    Names the code could not type (``other``) need three mentions to count as actors at all.
    """

    def rank(index: int) -> tuple[int, int, int]:
        actor = evidence.actors[index]
        return (actor.name not in lead, not (actor.kind == "person" and actor.role), index)

    keep = [i for i, a in enumerate(evidence.actors) if a.kind != "other" or a.mentions >= 3]
    chosen = sorted(keep, key=rank)[:_MAX_ACTORS]
    return [Actor(name=a.name, role=a.role, kind=a.kind) for a in (evidence.actors[i] for i in chosen)]


def _where(evidence: Evidence, main: SentenceItem | None) -> str | None:
    """A country the lead names, else the place of the dateline ("MADRID, 12 de marzo de 2024 —")."""
    places = [a for a in evidence.actors if a.kind == "country" and main is not None and a.name in main.text]
    dateline = evidence.article.dateline
    return places[0].name if places else dateline_place(dateline.of(evidence.text) if dateline else None)


def _written_in_what(
    evidence: Evidence, what: CheckedWhat, chosen: list[tuple[FigureItem, str | None]]
) -> list[tuple[FigureItem, str | None]]:
    """The figures the model's checked ``what`` writes: the key numbers by the model's own account.

    A number of ``what`` is tied to the article's figure of that value in the sentences ``what`` cites, else
    anywhere; a label the model gave the same figure under FIGURES goes with it. Dates, times and ordinals
    are left to FIGURES ("on Monday, 12 May" is not a key figure because ``what`` mentions it).
    """
    labels = {item.id: label for item, label in chosen}
    found: list[tuple[FigureItem, str | None]] = []
    for sentence in what.sentences:
        cited = {s.id for s in sentence.rests_on}
        for _, value in numbers_in(sentence.text):
            same = [f for f in evidence.figures if abs(f.candidate.value - value) < 1e-9]
            same.sort(key=lambda f: f.sentence.id not in cited)
            if same and same[0].candidate.kind not in _LOW_VALUE_KINDS and all(same[0].id != f.id for f, _ in found):
                found.append((same[0], labels.get(same[0].id)))
    return found


def _ground_figures(
    evidence: Evidence, asked: Asked | None, max_figures: int
) -> tuple[list[Figure], list[FigureItem], FiguresBy, int]:
    """The model's checked choice when it made one; else the code's ranking. Also: who chose, and failures."""
    chosen = [(c.item, c.counts) for c in asked.figures] if asked is not None and asked.figures else []
    if asked is not None and asked.what_ok and asked.what is not None:
        chosen = _written_in_what(evidence, asked.what, chosen) + chosen
    by: FiguresBy = "model" if chosen else "code ranking"
    if not chosen:
        chosen = [(item, None) for item in _code_ranking(evidence)]
    figures: list[Figure] = []
    kept: list[FigureItem] = []
    failed = 0
    for item, label in chosen:
        if len(figures) >= max_figures:
            break
        if any(k.id == item.id for k in kept):
            continue
        figure = _figure(evidence, item, label)
        if figure is None:
            failed += 1
            continue
        figures.append(figure)
        kept.append(item)
    return figures, kept, by, failed


def _candidates(evidence: Evidence, kept: list[FigureItem]) -> list[Candidate]:
    ids = {item.id for item in kept}
    rest = [f for f in evidence.figures if f.id not in ids][:_MAX_CANDIDATES]
    text = evidence.text
    return [
        Candidate(text=f.candidate.span.of(text), value=f.candidate.value, unit=f.candidate.unit,
                  span=(f.candidate.span.start, f.candidate.span.end))
        for f in rest
    ]  # fmt: skip


def _words(name: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{3,}", name)}


def _entity_named(checked: CheckedSource, ranked: list[SourceEntity]) -> SourceEntity | None:
    """The merged source the model's name refers to: named at that mention, else sharing a word with it."""
    at_mention = [e for e in ranked if any(overlaps(span, checked.name_span) for span in e.name_spans)]
    if at_mention:
        return at_mention[0]
    words = _words(checked.name)
    sharing = [e for e in ranked if e.named and words & _words(e.name)]
    return max(sharing, key=lambda e: e.weight) if sharing else None


def _loose(evidence: Evidence, checked: CheckedSource) -> Source:
    """A source the model named that no attribution of the code's holds: its name's span and its sentence."""
    text = evidence.text
    holding = next((s for s in evidence.sentences if s.span.contains(checked.name_span)), None)
    sentence = next(iter(checked.cites), None) or holding or evidence.sentences[0]
    name_span: Span = checked.name_span
    return Source(
        name=name_span.of(text),
        kind=source_kind(checked.name),
        claim=" ".join(sentence.text.split()),
        name_spans=[(name_span.start, name_span.end)],
        quote=sentence.span.of(text),
        span=(sentence.span.start, sentence.span.end),
    )


def _says_something(evidence: Evidence, checked: CheckedSource) -> bool:
    """Whether the article has the source say or report something no attribution of the code's holds: an
    uncredited cue within a few words of its name, or in a sentence the model cited that does not name it.

    "Pat Caddell told Breitbart News Daily" is Caddell's cue and "White House press secretary Josh Earnest
    said" Earnest's: neither makes a second source. Nor does "Kim Lee told Reuters the move was expected":
    "expected" is no word of Reuters, and whoever is told ("told USA TODAY's weekly series") says nothing.
    """
    credited = [a.cue_span for e in evidence.entities for a in e.attributions]
    name = checked.name_span
    naming = [s for s in evidence.sentences if s.span.contains(name)]
    for sentence in dict.fromkeys([*naming, *checked.cites]):
        for cue in CUE.finditer(sentence.text):
            at = Span(sentence.span.start + cue.start(), sentence.span.start + cue.end())
            if any(overlaps(at, span) for span in credited):
                continue
            if not sentence.span.contains(name):
                return True
            if at.end <= name.start and cue.group().lower() in _TOLD:
                continue  # "told Reuters": the one told
            between = evidence.text[min(name.end, at.end) : max(name.start, at.start)]
            if len(between.split()) <= _NEAR_CUE:
                return True
    return False


def _ground_sources(
    evidence: Evidence, named: list[CheckedSource], backing: list[FigureItem], max_sources: int
) -> tuple[list[Source], list[SourceItem], int]:
    """One source per entity, none twice: the model's named sources, then the evidence's ranking; and how many
    names the model gave were refused as sources.

    A source the model names is tied to the merged source it refers to (at its mention, else by a shared
    word), quoted at an attribution in the sentences it cited when there is one. A name no attribution holds
    is listed with its own span and sentence when a sentence naming it holds an attribution cue ("said",
    "according to") that no attribution of the code's credits, and refused otherwise ("Russia" in "troops
    sent to Russia" is no source, nor "Reuters" in "Kim Lee told Reuters").

    The code's own list is every source a kept figure rests on (so every ``attributed_to`` is listed), then
    the rest by how much of the article rests on them, ``max_sources`` at most. The model's picks on that list
    come first, in its order; its loose names and its picks the list lacks take only the places left over.
    """
    item_of = {a.candidate: a for a in evidence.sources}
    ranked = [e for e in evidence.entities if any(a in item_of for a in e.attributions)]
    rank = {id(e): r for r, e in enumerate(ranked)}
    owner = {a: e for e in ranked for a in e.attributions}
    picked: list[Source] = []
    quoted: dict[int, SourceItem] = {}  # entity -> the attribution the model's citation points at
    chosen: list[SourceEntity] = []
    refused = 0
    for checked in named:
        entity = _entity_named(checked, ranked)
        if entity is None:
            if not _says_something(evidence, checked):
                refused += 1  # named in the article, but nothing there is said or reported by it
            elif not any(p.name.lower() == checked.name.lower() for p in picked):
                picked.append(_loose(evidence, checked))
            continue
        if entity in chosen:
            continue
        chosen.append(entity)
        cited = [item_of[a] for a in entity.attributions if a in item_of and item_of[a].sentence in checked.cites]
        if cited:
            quoted[id(entity)] = cited[0]
    behind = [owner[f.source] for f in backing if f.source in owner]
    rest = sorted({id(e): e for e in behind}.values(), key=lambda e: rank[id(e)]) + [e for e in ranked if not e.nested]
    own: list[SourceEntity] = []  # the list the code alone would give
    for entity in rest:
        if len(own) >= max_sources:
            break
        if entity not in own:
            own.append(entity)
    # A pick of the model's comes first when the code would list it too; one it would not, and a loose name,
    # take only the places the code's own list leaves: the model reorders, it does not push out the most-cited.
    first = [e for e in chosen if e in own]
    late = [e for e in chosen if e not in own]
    model_entities = len(first)
    room = max_sources - len(own)
    chosen = first + sorted([e for e in own if e not in first], key=lambda e: rank[id(e)])
    picked = picked[:room]
    chosen += late[: room - len(picked)]
    items = [quoted.get(id(e)) or _quoted_at(e, item_of) for e in chosen]
    merged = [_source(evidence, e, item) for e, item in zip(chosen, items, strict=True)]
    return merged[:model_entities] + picked + merged[model_entities:], items, refused


def _quoted_at(entity: SourceEntity, item_of: Mapping[AttributionCandidate, SourceItem]) -> SourceItem:
    """The attribution a source is quoted at: its best quoted (``SourceEntity.attributions`` come so ordered:
    one told inside another source's claim last, whether it has a claim of its own or not)."""
    items = [item_of[a] for a in entity.attributions if a in item_of]
    return items[0]


def _extractive_lead(evidence: Evidence) -> list[tuple[SentenceItem, str]]:
    """The lead sentence and, in the words the limit leaves, the next one (cut at a clause break if need be).

    A second sentence that would keep fewer than eight words is left out (``check.fit_second``).
    """
    leads = lead_sentences(evidence)
    if not leads:
        return []
    first = fit_words(leads[0].text, MAX_WHAT_WORDS)
    chosen = [(leads[0], first)]
    second = fit_second(first, leads[1].text, MAX_WHAT_WORDS) if len(leads) >= 2 else None
    if second is not None:
        chosen.append((leads[1], second))
    return chosen


def _citations(evidence: Evidence, sentences: tuple[SentenceItem, ...]) -> list[Citation]:
    number = {s.id: n for n, s in enumerate(evidence.sentences, start=1)}
    return [Citation(sentence=number[s.id], span=(s.span.start, s.span.end)) for s in sentences]


def ground(evidence: Evidence, asked: Asked | None, *, max_figures: int, max_sources: int) -> Grounded:
    """The brief's content from the checked answer (``None``: no model was asked)."""
    if asked is not None and asked.what_ok and asked.what is not None:
        written = asked.what.sentences
        what = [WhatSentence(text=w.text, rests_on=_citations(evidence, w.rests_on)) for w in written]
        what_by: WhatBy = "model, re-asked" if asked.reasked else "model"
        behind = sorted({s for w in written for s in w.rests_on}, key=lambda s: s.span.start)
    else:
        lead = _extractive_lead(evidence)
        behind = [s for s, _ in lead]
        what = [WhatSentence(text=text, rests_on=_citations(evidence, (s,))) for s, text in lead]
        what_by = "extractive lead"
    main = behind[0] if behind else None

    figures, figure_items, figures_by, failed = _ground_figures(evidence, asked, max_figures)
    named = asked.sources if asked is not None else []
    sources, source_items, refused = _ground_sources(evidence, named, figure_items, max_sources)
    dropped = failed + refused + (asked.dropped if asked is not None else 0)
    chosen = (len(figure_items) if figures_by == "model" else 0) + len(named)
    said = [w.text for w in what] + [s.text for s in behind]
    when = resolve_when(
        [s.text for s in behind] + [s.text for s in lead_sentences(evidence)[:2]],
        evidence.article.dateline.of(evidence.text) if evidence.article.dateline else None,
        published=evidence.published,
        language=evidence.language,
    )
    return Grounded(
        what=what,
        what_by=what_by,
        main=main,
        who=_who(evidence, " ".join(said)),
        when=when.text if when else None,
        when_kind=when.kind if when else None,
        where=_where(evidence, main),
        figures=figures,
        figures_by=figures_by,
        sources=sources,
        candidates=_candidates(evidence, figure_items),
        figure_items=figure_items,
        source_items=source_items,
        chosen=chosen,
        dropped_ungrounded=dropped,
    )
