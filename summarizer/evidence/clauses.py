"""The attributions of one sentence, as offsets: source, cue and claim read off the article's wording.

Regular expressions over the original text (cue patterns in ``cues``, phrase helpers in ``phrases``):
a subject before its cue ("X said"), after it ("said X", "according to X"), the subject of the clause
before ("…, adding that"), a claim after the cue (a quote, a that-clause, the rest of the sentence) or
before the source ("“…,” X said"). Sources are as written: ``attribution`` resolves pronouns and
descriptions, extends claims to whole quotes and gives each its stance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..calendar import WEEKDAYS
from ..schema import SourceKind
from ..spans import Span
from .cues import ADJUNCT, CUE, FINDINGS, INVERTIBLE, PARTICIPLES, QUOTE, QUOTE_SOON, RECIPIENT, THAT
from .lexicon import (
    ADVERBS,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    EXPERT_NOUNS,
    KIND_WORDS,
    OUTLETS,
    PARTIES,
    PRONOUNS,
    ROLES,
    STOP,
    word_set,
)
from .phrases import (
    RUN,
    TRIM,
    Offsets,
    appositive,
    is_cap,
    noun_phrase_after,
    noun_phrase_before,
    personish,
    singular,
    split_name,
    tokens,
)

__all__ = ["Hit", "clip", "sentence_hits", "source_kind"]

_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)
_WHEN = rf"(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?:{_WEEKDAY}|today|yesterday)"
_AUX = re.compile(
    rf"(?:\s+(?:has|have|had|will|would|did|does|do|also|publicly|repeatedly|often|again|then|{_WHEN}))+\s*$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)(?:\s+\w+ly)?\s+$", re.IGNORECASE)
# Cues that are nouns too ("Republican claims", "in a June report"): a verb only after a subject of its own.
_HOMOGRAPHS = frozenset("claims claim report reports notes note calls finds find shows show estimates quotes".split())
_PREPOSITIONS = frozenset("of in for about on with to from by at into over under".split())
# Verbs of making public that report a claim only with a statement-like object ("released video" is none).
_RELEASED = re.compile(
    r"\s+(?:a|an|the|its|their|his|her|new)?\s*(?:\w+\s+){0,2}(?:statement|report|data|figures|numbers|estimates?|results|findings|memo|letter|list|analysis|study|survey|poll)\b",
    re.IGNORECASE,
)
_AFTER_INVERTED = re.compile(r"\s*(?:[,.;:()\n—–-]|$|of\b|who\b|from\b|at\b|in\b|on\b|for\b)")


def _aux_start(text: str, lo: int, cs: int) -> int:
    """Where the subject ends before a cue: trailing auxiliaries and adverbs skipped ("X has also said")."""
    m = _AUX.search(text, lo, cs)
    return m.start() if m else cs


def _pronoun_in(text: str, cs: int, ce: int) -> Offsets | None:
    """The pronoun inside a French inverted cue: "a-t-il déclaré" -> "il"."""
    m = re.compile(r"(?<=-t-)\w+").search(text, cs, ce)
    return m.span() if m else None


def _opening_subject(text: str, lo: int, cs: int) -> Offsets | None:
    """The subject a sentence opens with, when a name or a pronoun: the source of "…, adding that"."""
    m = re.compile(r"[\s“\"'‘(]*(?:(?:But|And|So|Yet)\s+)?").match(text, lo, cs)
    start = m.end() if m else lo
    first = RUN.match(text, start, cs)
    if first:
        name = split_name(text, *first.span())[0]
        return name if personish(text[name[0] : name[1]].split()) else None
    word = re.compile(r"\w+").match(text, start, cs)
    return word.span() if word and word.group().lower() in PRONOUNS else None


def _noun_use(text: str, lo: int, subj: Offsets, *, finding: bool) -> bool:
    """Whether a cue that is also a noun reads as one: "Pagliano's Fifth Amendment claims", "of Republican claims"."""
    words = text[subj[0] : subj[1]].split()
    before = re.findall(r"[\w'’]+", text[lo : subj[0]])
    adjective = bool(words) and (words[-1] in PARTIES or words[-1] in DEMONYMS)  # "many Republican claims"
    return (
        any(w.endswith(("'s", "’s")) for w in words)
        or adjective
        or (not finding and bool(before and before[-1].lower() in _PREPOSITIONS))
    )


_DASHED = re.compile(r"[”\"»]\s*([―—–])\s*")


def _dash_hits(text: str, lo: int, hi: int) -> list[Hit]:
    """A quotation signed with a dash: "“I'd rather live there.” ― Adriana Rodarte"."""
    out = []
    for m in _DASHED.finditer(text, lo, hi):
        run = RUN.match(text, m.end(), hi)
        if run is None or (text[run.end() : hi].strip(" .") and text[run.end()] not in ",("):
            continue
        opening = max(text.rfind(q, lo, m.start()) for q in '“"«')
        claim = clip(text, (opening if opening >= 0 else lo) + 1, m.start())
        if claim:
            out.append(Hit(split_name(text, *run.span())[0], None, m.span(1), claim, None, "before"))
    return out


_PARTICIPLE_PHRASE = re.compile(
    r"\s+(?:released|published|conducted|issued|obtained|reviewed|seen|taken|commissioned)\b[^,;]{0,50}?$"
)


def _finding_subject(text: str, lo: int, cs: int, subj: Offsets | None) -> Offsets | None:
    """The study or document that "shows"/"found": the subject, or the nearest document noun before the cue.

    "A poll released in late August found", "leaked documents from his 1995 tax return show".
    """

    def documentary(span: Offsets) -> bool:
        return singular(text[lo : span[1]].rsplit(maxsplit=1)[-1]) in DOC_NOUNS | EXPERT_NOUNS

    if subj and documentary(subj):
        return subj
    clause = max(lo, text.rfind(",", lo, cs) + 1)
    participle = _PARTICIPLE_PHRASE.search(text, clause, cs)
    if participle:
        np = noun_phrase_before(text, lo, participle.start())
        if np and documentary(np):
            return np
    for tok in reversed(tokens(text, clause, cs)):
        if singular(tok.group()) in DOC_NOUNS | EXPERT_NOUNS:
            np = noun_phrase_before(text, lo, tok.end())
            return np if np and documentary(np) else None
    return None


def _aside(text: str, ce: int, hi: int) -> bool:
    """Whether the attribution ending at ``ce`` is set off inside its sentence: "…, CNN reports, killing 18"."""
    after = ADJUNCT.match(text, ce, hi)
    end = after.end() if after else ce
    return "," in text[ce:end] and len(text[end:hi].split()) >= 2


def _noun_before(text: str, lo: int, cs: int) -> Offsets | None:
    """The noun phrase a passive participle follows: "… three times the 1,100 casualties" -> "the 1,100 casualties"."""
    toks = tokens(text, lo, cs)
    i = len(toks)
    while i > 0 and len(toks) - i < 8:
        low = toks[i - 1].group().lower()
        if low in DETS:
            i -= 1
            break
        gap = text[toks[i - 1].end() : toks[i].start() if i < len(toks) else cs]
        if low in STOP or (gap.strip() and not re.fullmatch(r"[,.]", gap)):
            break
        i -= 1
    return clip(text, toks[i].start(), cs) if i < len(toks) else None


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
class Hit:
    """One attribution of a sentence, as offsets: the source's words, its descriptor, the cue, the claim.

    ``mode``: "verb" (the claim follows the cue), "before" (it precedes the source), "cite", "prep".
    """

    name: Offsets
    desc: Offsets | None
    cue: Offsets
    claim: Offsets | None
    via: str | None
    mode: str


def clip(text: str, a: int, b: int) -> Offsets | None:
    """``[a, b)`` without quote marks and edge punctuation; None when nothing worth a claim is left."""
    while a < b and text[a] in TRIM + ",:;":
        a += 1
    while b > a and (text[b - 1] in TRIM + ".,;:—" or (text[b - 1] == ")" and "(" not in text[a:b])):
        b -= 1
    words = text[a:b].split()
    if len(words) < 2 or (len(words) <= 4 and words[0].lower() in ("this", "it", "that", "so")):
        return None
    return a, b


def _introduces(gap: str) -> bool:
    """Whether the words between a cue and its content only say when, where or to whom ("told CNN on Monday")."""
    bare = ADJUNCT.sub(" ", gap).strip(" ,")
    words = bare.split()
    return len(words) <= 4 and not {"of", "that"} & {w.lower() for w in words} and not re.search(r"[.;!?]", bare)


def _claim_after(text: str, pos: int, hi: int, quotes: list[Offsets]) -> Offsets | None:
    """The content after a cue: a quote opened right after it, a that-clause, or the rest of the sentence."""
    that = THAT.search(text, pos, hi)
    if that and not _introduces(text[pos : that.start()]):
        that = None  # "stressed her support of the raid that killed": a relative clause, not what was said
    q = next((q for q in quotes if q[0] >= pos), None)
    lead = text[pos : q[0]].rstrip() if q else ""
    if (
        q
        and (that is None or that.start() > q[0] or THAT.search(lead[-5:]))
        and (not lead or lead.endswith((",", ":")) or THAT.search(lead[-5:]) or _introduces(lead))
    ):
        return clip(text, *q)
    if that:
        return clip(text, that.end(), hi)
    adjunct = ADJUNCT.match(text, pos, hi)
    return clip(text, adjunct.end() if adjunct else pos, hi)


def _claim_before(text: str, lo: int, end: int, quotes: list[Offsets]) -> Offsets | None:
    q = next((q for q in quotes if q[1] <= end + 1), None)
    return clip(text, *q) if q and not text[lo : q[0]].strip() else clip(text, lo, end)


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


def sentence_hits(text: str, sent: Span) -> list[Hit]:
    """The attributions of one sentence, sources as written (pronouns and descriptions resolved later)."""
    lo, hi = sent.start, sent.end
    quotes = [m.span() for m in QUOTE.finditer(text, lo, hi)]
    hits: list[Hit] = []
    last: Offsets | None = None
    for m in CUE.finditer(text, lo, hi):
        cs, ce, low = m.start(), m.end(), m.group().lower()
        lead = text[lo:cs].rstrip()
        if m.group("prep"):
            np = noun_phrase_after(text, ce, hi)
            if np is None:
                continue
            if low in ("according to", "per") and (not lead or lead.endswith((":", ";", "and", "but", "“"))):
                claim, mode = clip(text, np[1], hi), "prep"
            elif lead.endswith(",") and low != "citing":
                claim, mode = _claim_before(text, lo, lo + len(lead) - 1, quotes), "before"
            elif low.endswith(" by") and not low.startswith("as"):  # "the 1,100 casualties announced by X"
                claim, mode = _noun_before(text, lo, cs), "prep"
            else:
                claim, mode = (None, "cite") if low == "citing" else (clip(text, lo, hi), "prep")
            hits.append(Hit(*split_name(text, *np), (cs, ce), claim, None, mode))
            continue
        if (low in ("called", "calls") and not QUOTE_SOON.match(text, ce)) or re.match(
            r"(?: \w+){0,2} by\b", text[ce:hi]
        ):
            continue  # "called 911"; "released Friday by" is a passive participle, not a cue
        if m.group()[:1].isupper() and text[lo:cs].strip(" “\"'‘"):
            continue  # "Obama Says Museum Will Tell": a cue in title case is a headline's word
        if _PASSIVE.search(text, lo, cs) and "unable" not in low and "not" not in low:
            continue  # "Mr. Quiros was accused": the one accused is no source
        if low in ("released", "releases") and not _RELEASED.match(text, ce, hi):
            continue
        subj, desc, inverted = noun_phrase_before(text, lo, _aux_start(text, lo, cs)), None, False
        if subj and low in _HOMOGRAPHS and _noun_use(text, lo, subj, finding=low in FINDINGS):
            continue
        if "-t-" in low:  # "a-t-il déclaré": the pronoun is in the cue
            subj, inverted = _pronoun_in(text, cs, ce), True
        bare = _TRAILING_ADVERBS.sub("", text[lo:cs])
        if subj is None and bare.endswith(",") and "," in bare[:-1]:  # "X, <appositive or citing Y>, said"
            k = lo + bare[:-1].rindex(",")
            inner = noun_phrase_before(text, lo, k)
            middle = bare[k - lo + 1 : -1].strip()  # "Lefevre, known to her neighbors as X, says"
            titled = middle[:1].islower() or re.match(r"\(?[RDI]-[A-Z]|(?:Democrat|Republican|Independent)\b", middle)
            named = inner and is_cap(text[slice(*inner)].rsplit(maxsplit=1)[-1]) and titled
            aside = re.match(r",\s+(?:citing|however)\b", text[k:])
            if inner and ((named and "  " not in middle) or appositive(text, inner[1], hi) or aside):
                subj, desc = inner, appositive(text, inner[1], hi)
        coordinated = re.search(r"\band\s+$", text[lo:cs]) and low in INVERTIBLE | {"answered", "announced"}
        if subj is None and coordinated:  # "X was asked ... and answered"
            subj = last or _last_run(text, lo, cs, quotes)
        if low in PARTICIPLES:  # "…, adding that": the subject of the clause before
            if not lead.endswith(","):
                continue
            subj = last or _opening_subject(text, lo, cs)
            if subj is None:
                continue
        if subj is None and low in INVERTIBLE and _boundary(text[lo:cs]):
            subj, inverted = noun_phrase_after(text, ce, hi), True
            if subj and not _AFTER_INVERTED.match(text, subj[1], hi):
                subj = None  # "said the EB-5 program has sent": a clause, not "said Smith"
            desc = appositive(text, subj[1], hi) if subj else None
        if low in FINDINGS:
            subj = _finding_subject(text, lo, cs, subj)
        if subj is None:
            continue
        name, desc = split_name(text, *subj)[0], desc or split_name(text, *subj)[1]
        lead, rest = text[lo : subj[0]].rstrip(), text[ce:hi].strip(" .\n")
        recipient = RECIPIENT.match(text, ce, hi) if low in ("told", "tells", "tell") else None
        if inverted:
            claim, mode = _claim_before(text, lo, lo + len(text[lo:cs].rstrip()), quotes), "before"
            if claim is None and not text[lo:cs].strip():
                claim, mode = _claim_after(text, subj[1], hi, quotes), "verb"
        elif re.search(r"\bas$", lead, re.IGNORECASE):
            claim, mode = clip(text, lo, hi), "prep"
        elif (
            lead
            and _boundary(text[lo : subj[0]])
            and not (re.search(r"[“\"«„]", rest) or THAT.search(rest))
            and (
                text[lo : subj[0]].endswith(",  ")
                or lead.endswith(("'", "’", "”", '"'))
                or (len(rest.split(",")[0].split()) <= 5 and len(lead.split()) >= 5)
            )
        ):
            claim, mode = _claim_before(text, lo, lo + len(lead) - (lead[-1] == ","), quotes), "before"
        elif lead and not rest and "," in lead:  # "…, a Today and Match.com poll finds."
            claim, mode = _claim_before(text, lo, lo + lead.rindex(","), quotes), "before"
        else:
            claim, mode = _claim_after(text, recipient.end() if recipient else ce, hi, quotes), "verb"
        if mode == "before" and claim and not quotes and _aside(text, ce, hi):
            claim = clip(text, lo, hi)  # "A bomber struck, CNN reports, killing 18": the whole sentence
        if low in ("cited", "quotes", "quoted"):  # "X cited Y and reported": Y is the source, via X
            obj = noun_phrase_after(text, ce, hi)
            if obj:
                hits.append(Hit(*split_name(text, *obj), (cs, ce), None, text[slice(*name)], "cite"))
        else:
            via = recipient.group().strip() if recipient and is_cap(recipient.group().split()[-1]) else None
            hits.append(Hit(name, desc, (cs, ce), claim, via, mode))
        last = name
    return _link(text, hits + _dash_hits(text, lo, hi))


def _link(text: str, hits: list[Hit]) -> list[Hit]:
    """Cut claims at trailing attributions, then fill ``via`` for citing, trailing and nested sources."""
    for h in hits:
        for o in hits:
            start = min(o.name[0], o.cue[0])
            if o is not h and h.claim and h.claim[0] < start < h.claim[1]:
                cut = max(text.rfind(c, h.claim[0], start) for c in ",;—")
                clause = re.fullmatch(r"(?:[,—]\s*(?:while|but|whereas)|;)\s*", text[cut:start])
                if cut > h.claim[0] and (o.mode != "verb" or clause):
                    h.claim = clip(text, h.claim[0], cut)
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
