"""The cross-article digest: figures that measure the same thing, side by side.

Figures from every brief of a batch are grouped by what they count (troops,
casualties, shells …; see ``evidence.measures``). Each figure sits in one group, its
main class ("soldiers killed or injured" counts casualties, not troops), so no pair is
listed twice. An article counts once: a brief whose article text (``text_sha256``) or id
came before is left out (the same file given twice, or two copies of one article). Inside a
group, two figures from different sources that count the same quantity
*agree* when their values match and *conflict* when they differ; figures of
the same class that count different quantities (troops sent vs troops in
training) are shown together as related.

Pairs are made only in groups of at most ``PAIRED_ENTRIES`` figures: a group of n figures has
n(n-1)/2 pairs, so across an archive (thousands of articles giving casualties or percentages)
the pairs would cost minutes and fill the report with comparisons of unrelated stories. A
larger group lists its figures and says it was not paired (``paired`` False in digest.json).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from ..evidence.measures import measure_class, same_quantity
from ..schema import Brief

__all__ = ["PAIRED_ENTRIES", "Digest", "DigestBuilder", "DigestEntry", "DigestGroup", "Pair", "build_digest"]

_AGREE_TOLERANCE = 0.05
PAIRED_ENTRIES = 200


@dataclass(frozen=True, slots=True)
class DigestEntry:
    """One figure of one article."""

    article: str
    value: float
    text: str
    unit: str | None
    measures: str | None
    source: str | None
    quote: str
    span: tuple[int, int]
    figure_index: int


@dataclass(frozen=True, slots=True)
class Pair:
    """Two entries (indexes into the group) that agree or conflict."""

    a: int
    b: int
    kind: str  # "agree" or "conflict"


@dataclass
class DigestGroup:
    """Figures of one class across the batch."""

    key: str
    entries: list[DigestEntry] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    paired: bool = True  # False: more than ``PAIRED_ENTRIES`` figures, no pairs made

    @property
    def agreements(self) -> list[Pair]:
        """Pairs that agree."""
        return [p for p in self.pairs if p.kind == "agree"]

    @property
    def conflicts(self) -> list[Pair]:
        """Pairs that conflict."""
        return [p for p in self.pairs if p.kind == "conflict"]


@dataclass
class Digest:
    """All groups with figures from more than one article or source."""

    groups: list[DigestGroup] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The digest.json payload."""
        return {
            "groups": [
                {
                    "measures": g.key,
                    "paired": g.paired,
                    "entries": [asdict(e) for e in g.entries],
                    "agreements": [[p.a, p.b] for p in g.agreements],
                    "conflicts": [[p.a, p.b] for p in g.conflicts],
                }
                for g in self.groups
            ]
        }


def _pair_kind(a: DigestEntry, b: DigestEntry) -> str | None:
    if a.source == b.source and a.article == b.article:
        return None
    if not same_quantity(a.unit, a.measures, b.unit, b.measures):
        return None
    low, high = sorted((a.value, b.value))
    if high == 0 or (high - low) / high <= _AGREE_TOLERANCE:
        return "agree"
    return "conflict"


class DigestBuilder:
    """A digest made one brief at a time (``add``), then grouped and paired (``build``)."""

    def __init__(self) -> None:
        self._groups: dict[str, DigestGroup] = {}
        self._seen: set[str] = set()

    def add(self, article: str, brief: Brief) -> None:
        """Take the figures of one article's brief (an article seen before, by id or text, is left out)."""
        keys = {article, *([brief.text_sha256] if brief.text_sha256 else [])}
        if keys & self._seen:
            return  # the same article again
        self._seen |= keys
        for index, figure in enumerate(brief.figures):
            key = measure_class(figure.unit, figure.measures)
            if key is None:
                continue
            entry = DigestEntry(
                article=article,
                value=figure.value,
                text=figure.text,
                unit=figure.unit,
                measures=figure.measures,
                source=figure.attributed_to,
                quote=figure.quote,
                span=figure.span,
                figure_index=index,
            )
            self._groups.setdefault(key, DigestGroup(key)).entries.append(entry)

    def build(self) -> Digest:
        """The groups with figures from more than one article or source, conflicts first."""
        kept: list[DigestGroup] = []
        for group in self._groups.values():
            origins = {(e.article, e.source) for e in group.entries}
            if len(group.entries) < 2 or len(origins) < 2:
                continue
            kept.append(group)
            if len(group.entries) > PAIRED_ENTRIES:
                group.paired = False
                continue
            for i, a in enumerate(group.entries):
                for j in range(i + 1, len(group.entries)):
                    kind = _pair_kind(a, group.entries[j])
                    if kind is not None:
                        group.pairs.append(Pair(i, j, kind))
        kept.sort(key=lambda g: (-len(g.conflicts), -len({e.article for e in g.entries}), -len(g.entries), g.key))
        return Digest(kept)


def build_digest(briefs: Iterable[tuple[str, Brief]]) -> Digest:
    """Group the figures of ``briefs`` (article id, brief) by what they measure; ``briefs`` is read once."""
    builder = DigestBuilder()
    for article, brief in briefs:
        builder.add(article, brief)
    return builder.build()
