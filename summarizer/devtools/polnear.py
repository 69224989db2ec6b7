"""Who said what, scored against hand-annotated attributions (the PolNeAR dev set's format).

A dataset line may carry ``attributions``: every attribution an annotator marked, each a ``source``
(who; may be null or a pronoun), a ``cue`` and a ``content``, each ``{"text", "spans": [[start, end], ...]}``
with offsets into the line's ``text``. A brief is scored on five columns (the definitions of
``../shared/devset/README.md``):

- **source precision**: a brief source is right when its span overlaps some attribution's source, cue or
  content and its name shares a word with that attribution's source; a pronoun gold source accepts any
  real name.
- **top source**: the article's most-cited named source is among the brief's source names.
- **named@4**: of the article's four most-cited named sources, the share the brief names.
- **figure in content**: a brief figure whose number lies inside a gold content span names that
  attribution's source in ``attributed_to``.
- **figure outside**: a figure outside every content span names no source.

Words, here: letters with inner ``'’.-``, lower-cased, a curly apostrophe read as a straight one
("O’Neill" is "O'Neill"), a possessive ``'s`` and a final dot dropped;
titles, suffixes, determiners, pronouns and function words ("of", "and") are never the word that
matches, save a title word after an honorific ("Mr. King" is keyed "king"). A named source's *key* is
the last capitalized word of its name that is none of these and is not a common word capitalized only
because it opens a sentence ("Officials said", when the article also writes "officials"). Its name is
the source text up to an apposition or relative clause (a comma, a parenthesis, a dash, "who", "which"):
"Derek Mitchell, who served as U.S. ambassador to Burma" is keyed "mitchell", not "burma", and "Sen.
David Perdue (R-Ga.)" "perdue" (``literal=True`` keys the whole text, the README's words taken to the
letter). A *real name* is one that has a key. Ties among the
most-cited keys go to the one cited first. A figure inside content whose attributions all have no
source is in neither figure column.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..evidence.sentences import split_sentences
from ..schema import Figure, Source
from ..spans import Span

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "AttributionScore",
    "FigureAt",
    "GoldAttribution",
    "GoldPart",
    "SourceView",
    "attribution_totals",
    "baseline_views",
    "brief_views",
    "cited_keys",
    "head_of",
    "name_key",
    "names_source",
    "nomodel_views",
    "parse_attributions",
    "score_attributions",
]

Offsets = tuple[int, int]

_WORD = re.compile(r"[^\W\d_](?:[\w'’.-]*\w)?\.?")
_TITLES = frozenset(
    "mr mrs ms miss dr sen senator rep representative gov governor president vice secretary gen general lt "
    "col sgt capt prof professor judge justice mayor chairman chairwoman chair director minister prime chief "
    "speaker leader sheriff attorney rev reverend pope king queen prince princess st sir lady lord ambassador "
    "commissioner councilman councilwoman congressman congresswoman spokesman spokeswoman spokesperson "
    "candidate nominee officer adm admiral maj major pres chancellor premier".split()
)
_SUFFIXES = frozenset("jr sr ii iii iv esq phd md".split())
_DETERMINERS = frozenset(
    "the a an this that these those another other some any each every both all no one several many".split()
)
_PRONOUNS = frozenset(
    "he she it they we i you who whom which that his her hers him its their theirs them our ours us my me "
    "your yours himself herself itself themselves ourselves".split()
)
_FUNCTION = frozenset("of and or for from at in on by to with de la del der von van".split())
_NOT_NAME = _TITLES | _SUFFIXES | _DETERMINERS | _PRONOUNS
_NOT_MATCHING = _NOT_NAME | _FUNCTION
_OPENS = tuple(".!?:;\n\"“”'‘’—–(")


@dataclass(frozen=True, slots=True)
class GoldPart:
    """One annotated part of an attribution: its text and its spans (several pieces possible)."""

    text: str
    spans: tuple[Offsets, ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: source, cue and content, each possibly missing."""

    source: GoldPart | None
    cue: GoldPart | None
    content: GoldPart | None


@dataclass(frozen=True, slots=True)
class SourceView:
    """A brief's source as scored: its name and the span it stands at (None when the system gives none)."""

    name: str
    span: Offsets | None


@dataclass(frozen=True, slots=True)
class FigureAt:
    """A brief's figure as scored: where its number stands (None when unknown) and whom it credits."""

    number: Offsets | None
    attributed_to: str | None


@dataclass
class AttributionScore:
    """One brief's counts on the five attribution columns."""

    sources: int = 0
    sources_right: int = 0
    top_key: str | None = None
    top_found: bool = False
    named4: int = 0
    named4_found: int = 0
    inside: int = 0
    inside_named: int = 0
    outside: int = 0
    outside_none: int = 0


def _part(raw: object) -> GoldPart | None:
    if not isinstance(raw, Mapping):
        return None
    spans = tuple((int(a), int(b)) for a, b in raw.get("spans") or ())
    return GoldPart(str(raw.get("text") or ""), spans)


def parse_attributions(raw: object) -> tuple[GoldAttribution, ...]:
    """The ``attributions`` field of a dataset line (absent or null: none)."""
    if not raw:
        return ()
    if not isinstance(raw, list):
        raise TypeError("attributions is not a list")
    return tuple(
        GoldAttribution(_part(item.get("source")), _part(item.get("cue")), _part(item.get("content")))
        for item in raw
        if isinstance(item, Mapping)
    )


def _norm(word: str) -> str:
    # "O'Neill" and "O’Neill" are one name: articles mix straight and curly apostrophes.
    return word.lower().replace("’", "'").removesuffix("'s").rstrip(".'")


_HONORIFICS = frozenset("mr mrs ms miss dr".split())


def _name_words(name: str) -> list[tuple[re.Match[str], str, bool]]:
    """Each word of ``name``, normalized, and whether it can be a name: not a title, suffix, determiner or
    pronoun, unless an honorific stands before it ("Mr. King", "Ms. Major": a surname)."""
    out: list[tuple[re.Match[str], str, bool]] = []
    for match in _WORD.finditer(name):
        low = _norm(match.group())
        after_honorific = bool(out) and out[-1][1] in _HONORIFICS and low not in _PRONOUNS | _DETERMINERS
        out.append((match, low, bool(low) and (low not in _NOT_NAME or after_honorific)))
    return out


def _matching_words(name: str) -> set[str]:
    return {low for _, low, can in _name_words(name) if can and low not in _FUNCTION}


def _opens_sentence(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before.endswith(_OPENS)


def name_key(name: str, article: str | None = None, at: int | None = None) -> str | None:
    """The key of a source's name: its last capitalized word that is a name (see the module docstring).

    With the ``article`` and the name's offset ``at`` in it, a word that opens a sentence and that the
    article also writes in lower case is not a name.
    """
    for match, low, can in reversed(_name_words(name)):
        if not match.group()[:1].isupper() or not can:
            continue
        opens = article is not None and at is not None and _opens_sentence(article, at + match.start())
        if opens and re.search(rf"(?<![\w'’-]){re.escape(low)}(?![\w'’-])", (article or "").replace("’", "'")):
            continue
        return low
    return None


def _is_pronoun(part: GoldPart) -> bool:
    words = [_norm(m.group()) for m in _WORD.finditer(part.text)]
    return bool(words) and all(w in _PRONOUNS for w in words)


def names_source(name: str | None, source: GoldPart | None) -> bool:
    """Whether a brief's name names this gold source: a shared word, or any real name for a pronoun."""
    if not name or source is None:
        return False
    if _is_pronoun(source):
        return name_key(name) is not None
    return bool(_matching_words(name) & _matching_words(source.text))


def _overlaps(span: Offsets, spans: Iterable[Offsets]) -> bool:
    return any(span[0] < b and a < span[1] for a, b in spans)


def _spans_of(attribution: GoldAttribution) -> list[Offsets]:
    parts = (attribution.source, attribution.cue, attribution.content)
    return [span for part in parts if part is not None for span in part.spans]


_APPOSITION = re.compile(r"\s*(?:[,(—–]|\s-\s)|\s+(?:who|which|whose|that)\b")


def head_of(source: str) -> str:
    """The name part of a source text: up to its first apposition or relative clause."""
    m = _APPOSITION.search(source, 1)
    return source[: m.start()] if m else source


def cited_keys(text: str, gold: Sequence[GoldAttribution], *, literal: bool = False) -> list[str]:
    """The article's named sources by key, most cited first (ties: first cited first)."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for attribution in gold:
        source = attribution.source
        if source is None or not source.spans:
            continue
        key = name_key(source.text if literal else head_of(source.text), text, source.spans[0][0])
        if key is not None:
            counts[key] += 1
            first.setdefault(key, source.spans[0][0])
    return sorted(counts, key=lambda k: (-counts[k], first[k]))


def score_attributions(
    text: str,
    gold: Sequence[GoldAttribution],
    sources: Sequence[SourceView],
    figures: Sequence[FigureAt],
    *,
    literal: bool = False,
) -> AttributionScore:
    """Score one brief's sources and figure attributions against the article's gold attributions."""
    score = AttributionScore(sources=len(sources))
    for source in sources:
        score.sources_right += source.span is not None and any(
            _overlaps(source.span, _spans_of(a)) and names_source(source.name, a.source) for a in gold
        )
    named = {w for source in sources for w in _matching_words(source.name)}
    keys = cited_keys(text, gold, literal=literal)
    if keys:
        score.top_key, score.top_found = keys[0], keys[0] in named
    score.named4 = len(keys[:4])
    score.named4_found = sum(k in named for k in keys[:4])
    for figure in figures:
        if figure.number is None:
            continue
        start, end = figure.number
        holding = [
            a for a in gold if a.content is not None and any(s <= start and end <= e for s, e in a.content.spans)
        ]
        if not holding:
            score.outside += 1
            score.outside_none += not figure.attributed_to
        elif any(a.source is not None for a in holding):
            score.inside += 1
            score.inside_named += any(names_source(figure.attributed_to, a.source) for a in holding)
    return score


ATTRIBUTION_COLUMNS = (
    ("source_precision", "source prec"),
    ("top_source", "top source"),
    ("named_at_4", "named@4"),
    ("figure_in_content_named", "fig in claim"),
    ("figure_outside_none", "fig outside"),
)


def _share(right: int, total: int) -> dict[str, Any]:
    return {"right": right, "total": total, "share": round(right / total, 3) if total else None}


def attribution_totals(scores: Iterable[AttributionScore | None]) -> dict[str, dict[str, Any]]:
    """The five columns summed over a system's briefs (none when no article had gold attributions)."""
    rows = [s for s in scores if s is not None]
    if not rows:
        return {}
    with_key = [s for s in rows if s.top_key is not None]
    return {
        "source_precision": _share(sum(s.sources_right for s in rows), sum(s.sources for s in rows)),
        "top_source": _share(sum(s.top_found for s in with_key), len(with_key)),
        "named_at_4": _share(sum(s.named4_found for s in rows), sum(s.named4 for s in rows)),
        "figure_in_content_named": _share(sum(s.inside_named for s in rows), sum(s.inside for s in rows)),
        "figure_outside_none": _share(sum(s.outside_none for s in rows), sum(s.outside for s in rows)),
    }


def brief_views(
    sources: Sequence[Source], figures: Sequence[Figure], text: str
) -> tuple[list[SourceView], list[FigureAt]]:
    """A brief's sources and figures as scored: a figure's number is its written text inside its quote's span."""
    views = [SourceView(s.name, s.span) for s in sources]
    placed = []
    for figure in figures:
        start = text.find(figure.text, figure.span[0], figure.span[1]) if figure.text else -1
        number = (start, start + len(figure.text)) if start >= 0 else None
        placed.append(FigureAt(number, figure.attributed_to))
    return views, placed


# The no-model baseline's sources, deliberately simple: the capitalized words right before "said"/"says"
# (up to three, "Mr." allowed), or after "according to" (an optional "the"); one source a name, in text order.
_BASELINE_SOURCE = re.compile(
    r"(?P<before>(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]*),?\s+(?:said|says)\b"
    r"|\baccording to\s+(?:the\s+)?(?P<after>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})"
)


def baseline_views(
    text: str, sentences: Sequence[Span], numbers: Sequence[Offsets], *, max_sources: int = 8
) -> tuple[list[SourceView], list[FigureAt]]:
    """The no-model baseline: a source per regex match (its sentence as the span); a number credits the
    first source found in its sentence."""
    sources: list[SourceView] = []
    by_sentence: dict[Span, str] = {}
    for sentence in sentences:
        for match in _BASELINE_SOURCE.finditer(text, sentence.start, sentence.end):
            name = (match.group("before") or match.group("after")).rstrip(".")
            by_sentence.setdefault(sentence, name)
            if all(s.name != name for s in sources) and len(sources) < max_sources:
                sources.append(SourceView(name, (sentence.start, sentence.end)))
    figures = []
    for number in numbers:
        home = next((s for s in sentences if s.start <= number[0] < s.end), None)
        figures.append(FigureAt(number, by_sentence.get(home) if home else None))
    return sources, figures


def nomodel_views(text: str, numbers: Sequence[Offsets]) -> tuple[list[SourceView], list[FigureAt]]:
    """``baseline_views`` over the whole text split into sentences."""
    sentences = split_sentences(text, [Span(0, len(text))]) if text.strip() else []
    return baseline_views(text, sentences, numbers)
