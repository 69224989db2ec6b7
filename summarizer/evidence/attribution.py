"""Who said or reported what: attributions, each a source, its cue and its claim.

``clauses`` reads each sentence's attributions off its wording; here they become candidates: a pronoun
or description resolves to the entity it stands for (``resolve``), keeping that name's own span; a
claim that is part of a quotation becomes the whole quotation, over sentences and paragraphs (``quotes``),
and a quotation that follows one without an attribution of its own continues it; every claim gets the
polarity and modality of its cue and words (``cues.stance``). Every span is an offset into the text and
every name is the verbatim text of its span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..schema import Modality, Polarity, SourceKind
from ..spans import Span
from .actors import ActorCandidate, find_actors
from .clauses import Hit, sentence_hits, source_kind
from .cues import stance
from .lexicon import GENERIC, PEOPLE_NOUNS, PRONOUNS
from .phrases import clip, is_cap, lower_bare, personish, singular
from .quotes import find_quotes, inner, paragraphs_of, speaker_line
from .resolve import Resolver, Speaker

__all__ = ["AttributionCandidate", "find_attributions", "source_kind"]


@dataclass(frozen=True, slots=True)
class AttributionCandidate:
    """One source the article credits with a statement: ``name`` <``cue``> ``claim_span``.

    ``name_span`` is where the article names the source; ``mention`` where this attribution refers to it
    when that is other words ("he", "the newspaper"). ``named``: the name has a proper name in it ("The
    mayor" has none). ``continued``: later quotations of the same speaker with no attribution of their own.
    """

    name: str
    name_span: Span
    descriptor: str | None
    cue: str
    cue_span: Span
    kind: SourceKind
    sentence: Span
    claim_span: Span | None
    via: str | None
    anonymous: bool
    named: bool = False
    mention: Span | None = None
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    continued: tuple[Span, ...] = field(default=())

    @property
    def claim_spans(self) -> tuple[Span, ...]:
        """Every stretch of text this attribution vouches for: its claim and the quotations continuing it."""
        return ((self.claim_span,) if self.claim_span else ()) + self.continued


def _whole_quote(text: str, claim: tuple[int, int] | None, cue: tuple[int, int], quotes: Sequence[Span]) -> Span | None:
    """The claim, or the whole quotation it is part of (when the cue stands outside that quotation); a claim
    that runs into a quotation going on past its sentence goes on to the quotation's end."""
    if claim is None:
        return None
    for q in quotes:
        if q.start <= claim[0] and claim[1] <= q.end and not q.start <= cue[0] < q.end:
            body = inner(text, q)
            whole = clip(text, body.start, body.end)
            return Span(*whole) if whole else Span(*claim)
    for q in quotes:  # "…, suggesting a few questions, including, "Mr. Trump, …? …": on to the quotation's end
        if claim[0] < q.start < claim[1] < q.end and not q.start <= cue[0] < q.end:
            whole = clip(text, claim[0], inner(text, q).end)
            return Span(*whole) if whole else Span(*claim)
    return Span(*claim)


def _next_block(text: str, end: int, quotes: Sequence[Span], paragraphs: Sequence[Span]) -> Span | None:
    """What "X said:" introduces: the quotation right after it, else the rest of its paragraph or the next one."""
    start = end + len(text[end:]) - len(text[end:].lstrip())
    quote = next((q for q in quotes if q.start == start), None)
    if quote is not None:
        return inner(text, quote)
    para = next((p for p in paragraphs if p.start >= start), None)
    if para is None:
        return None
    block = clip(text, para.start, para.end)
    return Span(*block) if block else None


def _is_named(name: str) -> bool:
    """Whether a name has a proper name in it: "Nick Merrill", "Virginia Democrats", "Republicans" (a party is
    a name as a noun, none as a word describing someone: "the Republican nominee")."""
    if _HONORIFIC_NAME.search(name):
        return True  # "Mr. King", "Ms. Guard": after an honorific a common word is a surname
    return any((is_cap(w) and singular(w) not in GENERIC) or w in _PARTY_NOUNS for w in name.split())


_HONORIFIC_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]")
_PARTY_NOUNS = frozenset("Democrats Republicans GOP Conservatives Tories".split())


def _candidate(
    text: str, h: Hit, sent: Span, name: tuple[int, int], *, claim: Span | None, desc: str | None
) -> AttributionCandidate:
    words = text[name[0] : name[1]]
    head = lower_bare(re.split(r"\s+(?:of|from|for|at|in)\s+", words)[0].split()[-1])
    cue = text[h.cue[0] : h.cue[1]]
    polarity, modality = stance(cue, claim.of(text) if claim else "")
    if polarity == "negative":  # "was unable to verify X": the claim says so, not "X"
        end = claim.end if claim and claim.start > h.cue[0] else sent.end
        cut = clip(text, h.cue[0], end)
        claim = Span(*cut) if cut else claim
    return AttributionCandidate(
        words,
        Span(*name),
        desc,
        cue,
        Span(*h.cue),
        source_kind(words, desc),
        sent,
        claim,
        h.via,
        not _is_named(words) and singular(head) in PEOPLE_NOUNS,
        _is_named(words),
        Span(*h.name) if name != h.name else None,
        polarity,
        modality,
    )


def _continue_quotes(
    text: str, found: list[AttributionCandidate], quotes: Sequence[Span], sentences: Sequence[Span]
) -> list[AttributionCandidate]:
    """A quotation with no attribution of its own, right after a quoted speaker's, continues that speaker."""
    paragraphs = paragraphs_of(text, sentences)

    def paragraph(at: int) -> int:
        return next((k for k, p in enumerate(paragraphs) if p.start <= at < p.end), -1)

    order = sorted(found, key=lambda a: a.cue_span.start)
    extra: dict[int, list[Span]] = {}
    for q in quotes:
        if any(q.start <= a.cue_span.start < q.end or (a.claim_span and q.contains(a.claim_span)) for a in order):
            continue
        before = [k for k, a in enumerate(order) if a.cue_span.end <= q.start]
        if not before:
            continue
        k = before[-1]
        last = order[k]
        quoted = last.claim_span is not None and any(
            p.contains(last.claim_span) or p.start - 1 <= last.claim_span.start <= p.start + 1 for p in quotes
        )
        gap = paragraph(q.start) - paragraph(last.cue_span.start)
        if (
            quoted
            and 0 <= gap <= 1
            and (gap == 0 or text[paragraphs[paragraph(q.start)].start :].lstrip()[:1] in "“\"«'")
        ):
            body = inner(text, q)
            kept = clip(text, body.start, body.end)
            if kept:
                extra.setdefault(k, []).append(Span(*kept))
    return [replace(a, continued=tuple(extra[k])) if k in extra else a for k, a in enumerate(order)]


def _turn_end(text: str, at: int, paragraphs: Sequence[Span]) -> int:
    """Where a speaker's turn that starts at ``at`` ends: its paragraph, and in a transcript quoted line by line
    ('"PENCE: …'), the paragraphs after it that open with the same mark and no speaker of their own."""
    k = next(k for k, p in enumerate(paragraphs) if p.start <= at < p.end)
    mark = text[paragraphs[k].start : paragraphs[k].start + 1]
    end = paragraphs[k].end
    for para in paragraphs[k + 1 :] if mark in '"“' else ():
        aside = text.startswith("(", para.start + 1)  # '"(CROSSTALK.)'
        if not text.startswith(mark, para.start) or aside or speaker_line(text, para.start, para.end):
            break
        end = para.end
    return end


def find_attributions(
    text: str,
    sentences: Sequence[Span],
    *,
    actors: Sequence[ActorCandidate] | None = None,
    quotes: Sequence[Span] | None = None,
) -> list[AttributionCandidate]:
    """Every attribution in the given sentences of ``text``, ordered by cue position.

    A pronoun subject ("she wrote") becomes the person the article last made a subject; a definite
    description ("the newspaper") the entity it describes: ``name_span`` is then that name's span,
    ``mention`` the pronoun's. A pronoun that resolves to no one is no attribution. ``actors`` and
    ``quotes``: those of the same sentences (``find_actors``, ``find_quotes``), when the caller has them.
    """
    actors = find_actors(text, sentences) if actors is None else actors
    quotes = find_quotes(text, sentences) if quotes is None else quotes
    resolver = Resolver(text, sentences, actors, quotes)
    paragraphs = paragraphs_of(text, sentences)
    speakers: list[Speaker] = []
    out: dict[tuple[Span, Span], AttributionCandidate] = {}
    for i, sent in enumerate(sentences):
        for h in sentence_hits(text, sent):
            if h.mode == "line" and h.claim:  # a speaker's line runs to the end of its paragraph, quoted or not
                h.claim = clip(text, h.claim[0], _turn_end(text, h.cue[0], paragraphs)) or h.claim
            elif any(q.start < h.cue[0] < q.end - 1 for q in quotes):
                continue  # what a quoted speaker says others said is the speaker's claim, not the article's
            claim = Span(*h.claim) if h.mode == "line" and h.claim else _whole_quote(text, h.claim, h.cue, quotes)
            if claim is None and text[h.cue[1] : sent.end].strip(" \t,").endswith(":"):
                claim = _next_block(text, sent.end, quotes, paragraphs)
            at = claim.start if claim and h.mode == "before" and claim.start < h.name[0] else h.name[0]
            name = resolver.resolve(h.name, at, speakers)
            if name is None:
                continue
            written = text[h.name[0] : h.name[1]]
            if name == h.name:
                desc = text[h.desc[0] : h.desc[1]] if h.desc else None
            else:
                desc = written if written.lower() not in PRONOUNS else resolver.role_at(name)
            person = resolver.is_person(name) or personish(text[name[0] : name[1]].split())
            speakers.append(Speaker(name, i, person))
            key = (Span(*name), Span(*h.cue))
            out.setdefault(key, _candidate(text, h, sent, name, claim=claim, desc=desc))
    return _continue_quotes(text, list(out.values()), quotes, sentences)
