"""Sources: an article's attributions merged into the people and bodies they rest on, and ranked.

"Trump", "Donald Trump", "Mr. Trump" and a "he" or "the Republican nominee" resolved to him are one
source; so are "The New York Times", "the Times" and "NYT". An attribution joins the actor (``actors``)
whose mention ends its name, else the attributions written with the same words (determiners aside), and
a lone outlet word ("the Times", "the Post") joins the one outlet whose name ends with it. Each merged
source keeps every span where the article names it. Sources are ranked by how many claims and figures
rest on them, then by first appearance: the order a reader should meet them in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..schema import SourceKind
from ..spans import Span
from .actors import ActorCandidate
from .attribution import AttributionCandidate
from .lexicon import DETS, FOREIGN_DETS, OUTLETS
from .phrases import is_possessive, lower_bare

__all__ = ["SourceEntity", "merge_sources", "rank_sources"]

_OUTLET_WORDS = {w.lower() for w in OUTLETS}
_UNNAMED_WEIGHT = 3  # claims and figures an unnamed source needs to rank among the named ones


@dataclass(frozen=True, slots=True)
class SourceEntity:
    """One source of the article with every attribution that rests on it.

    ``name`` and ``name_span`` are its fullest mention; ``name_spans`` every span naming it (pronouns and
    descriptions aside); ``figures`` how many figures rest on its claims. ``attributions`` come best quoted
    first: those that stand in no other source's claim (nor an outlet's report), name the source in place
    and have a claim of their own, then in text order.
    """

    name: str
    name_span: Span
    name_spans: tuple[Span, ...]
    kind: SourceKind
    named: bool
    attributions: tuple[AttributionCandidate, ...]
    figures: int = 0
    nested: bool = False  # every claim of it is told inside another source's claim

    @property
    def weight(self) -> int:
        """How much of the article rests on this source: its claims plus its figures."""
        return len(self.attributions) + self.figures

    @property
    def first(self) -> int:
        """Where the article first credits it."""
        return min(a.cue_span.start for a in self.attributions)


def _core(name: str) -> str:
    """The name without determiners and possessives: "The source" and "another source" -> "source"."""
    words = [lower_bare(w) for w in re.findall(r"[\w.'’&-]+", name)]
    return " ".join(w for w in words if w not in DETS and w not in ("another", "other"))


def _actor_at(actors: Sequence[ActorCandidate]) -> dict[int, int]:
    """Actor index by the end offset of each of its mentions."""
    return {span.end: i for i, actor in enumerate(actors) for span in actor.spans or (actor.name_span,)}


def _fullest(text: str, spans: Iterable[Span], title: Span | None, quotes: Sequence[Span]) -> Span:
    """The span of the fullest name among ``spans`` (most words, first), outside the headline and quotations
    when it can be ("Crooked Hillary Clinton" is a quoted speaker's)."""
    listed = list(spans)
    body = [s for s in listed if not (title and title.contains(s)) and not any(q.contains(s) for q in quotes)]
    return max(body or listed, key=lambda s: (len(s.of(text).split()), -s.start))


def merge_sources(
    text: str,
    attributions: Sequence[AttributionCandidate],
    actors: Sequence[ActorCandidate],
    title: Span | None = None,
    quotes: Sequence[Span] = (),
) -> list[SourceEntity]:
    """Group attributions by the entity they credit; each attribution renamed to its entity's fullest name."""
    ends = _actor_at(actors)
    groups: dict[tuple[str, str], list[AttributionCandidate]] = {}
    for a in attributions:
        index = ends.get(a.name_span.end)
        if index is not None:
            mention = next(s for s in actors[index].spans or (actors[index].name_span,) if s.end == a.name_span.end)
            if mention.start >= a.name_span.start:
                groups.setdefault(("actor", str(index)), []).append(a)
                continue
        groups.setdefault(("name", _core(a.name)), []).append(a)
    _merge_short_outlets(groups)
    # Claims a source makes about others' words; an outlet's ("According to Tass, Ushakov said") only relays them.
    claims = [s for a in attributions if a.kind != "news outlet" for s in a.claim_spans]
    relays = [s for a in attributions if a.kind == "news outlet" for s in a.claim_spans]

    def quotable(a: AttributionCandidate) -> tuple[bool, bool, bool, bool, bool, bool, int]:
        nested = any(s.start <= a.cue_span.start < s.end for s in claims if s not in a.claim_spans)
        relayed = any(s.start <= a.cue_span.start < s.end for s in relays if s not in a.claim_spans)
        headline = title is not None and title.contains(a.cue_span)
        negative = a.polarity == "negative"
        return headline, nested, relayed, a.mention is not None, negative, a.claim_span is None, a.cue_span.start

    out = []
    for (how, key), members in groups.items():
        members.sort(key=quotable)
        spans = {a.name_span for a in members}
        if how == "actor":
            actor = actors[int(key)]
            spans = {_as_mentioned(text, s, actor.spans) for s in spans} | set(actor.spans)
        span = _fullest(text, spans, title, quotes)
        name = span.of(text)
        kind = next((a.kind for a in members if a.kind != "other"), members[0].kind)
        named = any(a.named for a in members)
        renamed = tuple(replace(a, name=name, name_span=span, named=named) for a in members)
        # An outlet is the article's channel even when another vouches for what it reports ("Bloomberg reports
        # that …, according to the Roper Center"): never left out as told inside another's claim.
        nested = kind != "news outlet" and all(quotable(a)[1] for a in members)
        out.append(SourceEntity(name, span, tuple(sorted(spans)), kind, named, renamed, nested=nested))
    return out


def _as_mentioned(text: str, span: Span, mentions: Sequence[Span]) -> Span:
    """An attribution's subject as the actor's mention there when it only adds one word before it: "Rival" or
    "Democrat" before "Hillary Clinton" is no part of her name ("The Times" keeps its article)."""
    inner = next((m for m in mentions if m.end == span.end and m.start > span.start), None)
    if inner is None:
        return span
    extra = text[span.start : inner.start].split()
    plain = len(extra) == 1 and not (
        lower_bare(extra[0]) in DETS or extra[0] in FOREIGN_DETS or is_possessive(extra[0])
    )
    return inner if plain else span  # "India's National Crime Records Bureau" keeps its country


def _merge_short_outlets(groups: dict[tuple[str, str], list[AttributionCandidate]]) -> None:
    """ "the Times" joins "The New York Times" when that is the only outlet of the article ending in "Times"."""
    for key in [k for k in groups if k[0] == "name" and k[1] in _OUTLET_WORDS]:
        longer = [
            k
            for k, members in groups.items()
            if k != key and members[0].kind == "news outlet" and lower_bare(members[0].name.split()[-1]) == key[1]
        ]
        if len(longer) == 1:
            groups[longer[0]].extend(groups.pop(key))


def rank_sources(
    entities: Iterable[SourceEntity], figure_sources: Iterable[AttributionCandidate | None]
) -> tuple[SourceEntity, ...]:
    """Entities with their figure counts, most relied on first, then in order of first credit.

    Sources the article only reports as reported by another ("X said Y claimed …") come after the rest, and
    so do unnamed sources of fewer than three claims and figures.
    """
    listed = list(entities)
    owner = {a: i for i, e in enumerate(listed) for a in e.attributions}
    counts = [0] * len(listed)
    for source in figure_sources:
        if source is not None and source in owner:
            counts[owner[source]] += 1
    counted = [replace(e, figures=n) for e, n in zip(listed, counts, strict=True)]
    return tuple(sorted(counted, key=lambda e: (e.nested, _minor(e), -e.weight, not e.named, e.first)))


def _minor(entity: SourceEntity) -> bool:
    """A source with no name ("experts", "the agency") and fewer than three claims and figures: it comes after
    the named ones, however few rest on those, since a brief's sources are read for who said it."""
    return not entity.named and entity.weight < _UNNAMED_WEIGHT
