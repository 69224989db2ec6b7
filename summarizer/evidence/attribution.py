"""Who said or reported what: attributions, each a source, its cue and its claim.

Read off the article's own wording with regular expressions over the original text (phrase
helpers in ``lexicon``; a pronoun resolves against the person mentions of ``actors``). Every span
is an offset into that text and every name is the verbatim text of its span.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..schema import SourceKind
from ..spans import Span
from .actors import person_mentions
from .lexicon import (
    ADJUNCT,
    ADVERBS,
    CUE,
    DOC_NOUNS,
    EXPERT_NOUNS,
    FINDINGS,
    GENERIC,
    INVERTIBLE,
    KIND_WORDS,
    OUTLETS,
    PEOPLE_NOUNS,
    QUOTE,
    QUOTE_SOON,
    RECIPIENT,
    ROLES,
    RUN,
    TRIM,
    Offsets,
    appositive,
    is_cap,
    lower_bare,
    noun_phrase_after,
    noun_phrase_before,
    personish,
    singular,
    split_name,
    word_set,
)

__all__ = ["AttributionCandidate", "find_attributions", "source_kind"]


@dataclass(frozen=True, slots=True)
class AttributionCandidate:
    """One source the article credits with a statement: ``name`` <``cue``> ``claim_span``."""

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


_TRAILING_ADVERBS = re.compile(r"(?:\s+(?:" + "|".join(sorted(ADVERBS)) + r"))*\s*$")


def source_kind(name: str, descriptor: str | None = None) -> SourceKind:
    """Classify a source by keywords: its head noun, then known outlets, then name and descriptor words."""
    words = re.split(r"\s+(?:of|from|for|at|in|with)\s+", name.lower())[0].split() or [""]
    if singular(words[-1]) in DOC_NOUNS:
        return "document"
    if singular(words[-1]) in EXPERT_NOUNS:
        return "expert"
    named = {w.removesuffix("'s").removesuffix("’s") for w in name.split()}
    if (named & OUTLETS or re.search(r"\b[KW][A-Z]{2,3}\b|\.com\b", name)) and not (
        descriptor and word_set(descriptor.lower()) & ROLES
    ):
        return "news outlet"
    text = f"{descriptor or ''} {name}".lower()
    return next((kind for kind, pattern in KIND_WORDS if re.search(pattern, text)), "other")


@dataclass(slots=True)
class _Hit:
    name: Offsets
    desc: Offsets | None
    cue: Offsets
    claim: Offsets | None
    via: str | None
    mode: str  # "verb": claim follows the cue; "before": claim precedes the source; "cite"; "prep"


def _clip(text: str, a: int, b: int) -> Offsets | None:
    """``[a, b)`` without quote marks and edge punctuation; None when nothing worth a claim is left."""
    while a < b and text[a] in TRIM + ",:;":
        a += 1
    while b > a and (text[b - 1] in TRIM + ".,;:—" or (text[b - 1] == ")" and "(" not in text[a:b])):
        b -= 1
    words = text[a:b].split()
    if len(words) < 2 or (len(words) <= 4 and words[0].lower() in ("this", "it", "that", "so")):
        return None
    return a, b


def _claim_after(text: str, pos: int, hi: int, quotes: list[Offsets]) -> Offsets | None:
    """The content after a cue: a quote opened right after it, a that-clause, or the rest of the sentence."""
    that = re.compile(r"\bthat\b").search(text, pos, hi)
    q = next((q for q in quotes if q[0] >= pos), None)
    lead = text[pos : q[0]].rstrip() if q else ""
    if (
        q
        and (that is None or that.start() > q[0] or lead.endswith("that"))
        and (not lead or lead.endswith((",", ":", "that")) or len(lead.split()) <= 2)
    ):
        return _clip(text, *q)
    if that and that.start() - pos <= 40:
        return _clip(text, that.end(), hi)
    adjunct = ADJUNCT.match(text, pos, hi)
    return _clip(text, adjunct.end() if adjunct else pos, hi)


def _claim_before(text: str, lo: int, end: int, quotes: list[Offsets]) -> Offsets | None:
    q = next((q for q in quotes if q[1] <= end + 1), None)
    return _clip(text, *q) if q and not text[lo : q[0]].strip() else _clip(text, lo, end)


def _boundary(before: str) -> bool:
    """Whether a cue or source follows a clause edge: sentence start, comma, quote, double-space quote."""
    return (
        not before.strip()
        or before.rstrip().endswith((",", "”", '"', ")", ":", ";", "’", "'"))
        or (before.endswith("  ") and not before.rstrip().endswith((".", "!", "?")))
    )


def _last_run(text: str, lo: int, end: int, quotes: list[Offsets]) -> Offsets | None:
    """The last person-like proper name before ``end`` outside quotes (subject of "... and answered")."""
    runs = [m.span() for m in RUN.finditer(text, lo, end) if not any(a <= m.start() < b for a, b in quotes)]
    name = split_name(text, *runs[-1])[0] if runs else (0, 0)
    words = text[slice(*name)].split()
    return runs[-1] if personish(words) else None


def _sentence_hits(text: str, sent: Span, people: list[tuple[Span, Span | None]]) -> list[_Hit]:
    lo, hi = sent.start, sent.end
    quotes = [m.span() for m in QUOTE.finditer(text, lo, hi)]
    hits: list[_Hit] = []
    last: Offsets | None = None
    for m in CUE.finditer(text, lo, hi):
        cs, ce, low = m.start(), m.end(), m.group().lower()
        lead = text[lo:cs].rstrip()
        if m.group("prep"):
            np = noun_phrase_after(text, ce, hi)
            if np is None:
                continue
            if low in ("according to", "per") and (not lead or lead.endswith((":", ";", "and", "but", "“"))):
                claim, mode = _clip(text, np[1], hi), "prep"
            elif lead.endswith(",") and low != "citing":
                claim, mode = _claim_before(text, lo, lo + len(lead) - 1, quotes), "before"
            else:
                claim, mode = (None, "cite") if low == "citing" else (_clip(text, lo, hi), "prep")
            hits.append(_Hit(*split_name(text, *np), (cs, ce), claim, None, mode))
            continue
        if (low in ("called", "calls") and not QUOTE_SOON.match(text, ce)) or re.match(
            r"(?: \w+){0,2} by\b", text[ce:hi]
        ):
            continue  # "called 911"; "released Friday by" is a passive participle, not a cue
        subj, desc, inverted = noun_phrase_before(text, lo, cs), None, False
        bare = _TRAILING_ADVERBS.sub("", text[lo:cs])
        if subj is None and bare.endswith(",") and "," in bare[:-1]:  # "X, <appositive or citing Y>, said"
            k = lo + bare[:-1].rindex(",")
            inner = noun_phrase_before(text, lo, k)
            middle = bare[k - lo + 1 : -1].strip()  # "Lefevre, known to her neighbors as X, says"
            named = inner and is_cap(text[slice(*inner)].rsplit(maxsplit=1)[-1]) and middle[:1].islower()
            aside = re.match(r",\s+(?:citing|however)\b", text[k:])
            if inner and ((named and "  " not in middle) or appositive(text, inner[1], hi) or aside):
                subj, desc = inner, appositive(text, inner[1], hi)
        coordinated = re.search(r"\band\s+$", text[lo:cs]) and low in INVERTIBLE | {"answered", "announced"}
        if subj is None and coordinated:  # "X was asked ... and answered"
            subj = last or _last_run(text, lo, cs, quotes)
        if subj is None and low in INVERTIBLE and _boundary(text[lo:cs]):
            subj, inverted = noun_phrase_after(text, ce, hi), True
            desc = appositive(text, subj[1], hi) if subj else None
        if subj is None or (
            low in FINDINGS and singular(text[: subj[1]].rsplit(maxsplit=1)[-1]) not in (DOC_NOUNS | EXPERT_NOUNS)
        ):
            continue  # "show"/"found" only with a study or document as subject
        name, desc = split_name(text, *subj)[0], desc or split_name(text, *subj)[1]
        lead, rest = text[lo : subj[0]].rstrip(), text[ce:hi].strip(" .\n")
        recipient = RECIPIENT.match(text, ce, hi) if low in ("told", "tells", "tell") else None
        if inverted:
            claim, mode = _claim_before(text, lo, lo + len(text[lo:cs].rstrip()), quotes), "before"
            if claim is None and not text[lo:cs].strip():
                claim, mode = _claim_after(text, subj[1], hi, quotes), "verb"
        elif re.search(r"\bas$", lead, re.IGNORECASE):
            claim, mode = _clip(text, lo, hi), "prep"
        elif (
            lead
            and _boundary(text[lo : subj[0]])
            and not re.search(r"[“\"]|\bthat\b", rest)
            and (
                text[lo : subj[0]].endswith(",  ")
                or lead.endswith(("'", "’", "”", '"'))
                or (len(rest.split(",")[0].split()) <= 5 and len(lead.split()) >= 5)
            )
        ):
            claim, mode = _claim_before(text, lo, lo + len(lead) - (lead[-1] == ","), quotes), "before"
        else:
            claim, mode = _claim_after(text, recipient.end() if recipient else ce, hi, quotes), "verb"
        if text[slice(*name)].lower() in ("he", "she"):
            limit = claim[0] if claim and mode == "before" else name[0]
            prior = [p for p in people if p[0].end <= limit]
            if not prior:
                continue
            mention, role = prior[-1]
            name, desc = (mention.start, mention.end), (role.start, role.end) if role else None
        if low in ("cited", "quotes", "quoted"):  # "X cited Y and reported": Y is the source, via X
            obj = noun_phrase_after(text, ce, hi)
            if obj:
                hits.append(_Hit(*split_name(text, *obj), (cs, ce), None, text[slice(*name)], "cite"))
        else:
            via = recipient.group().strip() if recipient and is_cap(recipient.group().split()[-1]) else None
            hits.append(_Hit(name, desc, (cs, ce), claim, via, mode))
        last = name
    return _link(text, hits)


def _link(text: str, hits: list[_Hit]) -> list[_Hit]:
    """Cut claims at trailing attributions, then fill ``via`` for citing, trailing and nested sources."""
    for h in hits:
        for o in hits:
            start = min(o.name[0], o.cue[0])
            if o is not h and h.claim and h.claim[0] < start < h.claim[1]:
                cut = max(text.rfind(c, h.claim[0], start) for c in ",;—")
                clause = re.fullmatch(r"(?:[,—]\s*(?:while|but|whereas)|;)\s*", text[cut:start])
                if cut > h.claim[0] and (o.mode != "verb" or clause):
                    h.claim = _clip(text, h.claim[0], cut)
    for h in hits:
        if h.mode == "cite":
            host = next((o for o in hits if o.mode != "cite" and h.via in (None, text[slice(*o.name)])), None)
            h.via = h.via or (text[slice(*host.name)] if host else None)
            h.claim = h.claim or (host.claim if host else None)
    for o in hits:
        for h in hits:  # "a SurveyMonkey study cited by Mashable"
            between = text[h.name[1] : o.cue[1]].strip()
            if h.via is None and re.fullmatch(r"(?:as )?(?:cited|reported|quoted) by", between):
                h.via = text[slice(*o.name)]
        outlet = source_kind(text[slice(*o.name)]) == "news outlet"
        if o.mode == "before" and (outlet or text[slice(*o.cue)].lower() not in INVERTIBLE):
            for h in hits:
                if h is not o and h.cue[0] < o.cue[0] and h.via is None:
                    h.via = text[slice(*o.name)]
    for h in hits:
        for o in hits:
            inside = o.claim and o.claim[0] <= h.cue[0] < o.claim[1]
            nested = inside and not (h.claim and h.claim[0] <= o.cue[0] < h.claim[1])
            if h.via is None and nested and text[slice(*o.name)] != text[slice(*h.name)]:
                h.via = text[slice(*o.name)]
    return hits


def find_attributions(text: str, sentences: Sequence[Span]) -> list[AttributionCandidate]:
    """Every attribution in the given sentences of ``text``, ordered by cue position.

    A pronoun subject ("she wrote") becomes the nearest preceding person actor of the same or the
    previous sentence: its ``name_span`` is then that mention, not the pronoun.
    """
    people = person_mentions(text, sentences)
    out: dict[tuple[Span, Span], AttributionCandidate] = {}
    for i, sent in enumerate(sentences):
        lo = sentences[i - 1].start if i else sent.start
        for h in _sentence_hits(text, sent, [p for p in people if p[0].start >= lo]):
            name, desc = text[slice(*h.name)], text[slice(*h.desc)] if h.desc else None
            proper = [w for w in name.split() if is_cap(w) and singular(w) not in GENERIC]
            head = lower_bare(re.split(r"\s+(?:of|from|for|at|in)\s+", name)[0].split()[-1])
            key = (Span(*h.name), Span(*h.cue))
            out.setdefault(
                key,
                AttributionCandidate(
                    name,
                    key[0],
                    desc,
                    text[slice(*h.cue)],
                    key[1],
                    source_kind(name, desc),
                    sent,
                    Span(*h.claim) if h.claim else None,
                    h.via,
                    not proper and singular(head) in PEOPLE_NOUNS,
                ),
            )
    return sorted(out.values(), key=lambda a: (a.cue_span.start, a.name_span.start))
