"""The attributions of one sentence, as offsets: source, cue and claim read off the article's wording.

Regular expressions over the original text (cue patterns in ``cues``, phrase helpers in ``phrases``):
a subject before its cue ("X said"), after it ("said X", "according to X"), the subject of the clause
before ("…, adding that"), a claim after the cue (a quote, a that-clause, the rest of the sentence) or
before the source ("“…,” X said"). Sources are as written: ``attribution`` resolves pronouns and
descriptions, extends claims to whole quotes and gives each its stance. Who the subject is, when it is
not right before the cue, is ``subjects``'s to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema import SourceKind
from ..spans import Span
from .cues import ADJUNCT, CUE, FINDINGS, INVERTIBLE, PARTICIPLES, QUOTE, QUOTE_SOON, RECIPIENT, TELLING, THAT
from .lexicon import (
    ADVERBS,
    CONNECT,
    DEMONYMS,
    DETS,
    DOC_NOUNS,
    EXPERT_NOUNS,
    KIND_WORDS,
    OUTLETS,
    PARTIES,
    PEOPLE_NOUNS,
    ROLES,
    SOURCE_NOUNS,
    STOP,
    word_set,
)
from .phrases import (
    COMPARISON,
    RUN,
    Offsets,
    appositive,
    clip,
    is_cap,
    noun_phrase_after,
    noun_phrase_before,
    personish,
    reported_end,
    singular,
    split_name,
    tokens,
)
from .quotes import signatures, speaker_line
from .subjects import (
    AFTER_INVERTED,
    ASPECT,
    HOMOGRAPHS,
    PASSIVE,
    RELEASED,
    antecedent,
    aux_start,
    finding_subject,
    noun_use,
    opening_subject,
    pronoun_in,
)

__all__ = ["Hit", "sentence_hits", "source_kind"]

# "Not that anyone on the business side of TV is arguing", "No one at the White House said": no one in particular.
_NO_ONE_IN = re.compile(
    r"(?i)\b(?:(?:any|no|some|every)(?:one|body)|no one)\s+(?:on|in|at|of|from|with|inside|within)\s+"
    r"(?:[\w'’.-]+\s+){0,5}$"
)
# Where the sentence goes on after a relative clause: ", asked for", ", has said" (not ", adding that").
_MAIN_VERB = re.compile(r",\s+(?!adding\b|saying\b|noting\b)(?:[a-z]+ed|has|had|is|was|will|would)\s")
# A figure given as someone's estimate: "hold the IMF's estimate of growth at 3.1 percent", "by Trump's own admission".
_OWNED = re.compile(
    rf"(?<![\w'’-])(?:(?:By|The|In|At|On)\s+)?(?P<owner>{RUN.pattern})['’]s\s+(?:own\s+|latest\s+|new\s+)?"
    r"(?P<cue>estimates?|forecasts?|projections?|calculations?|admission)\b"
)
_THAT_NEXT = re.compile(r"\s+that\s")  # "a New York Times report that …", "were incensed that …"
# Feelings and convictions held about a that-clause: "Republicans were incensed that …" says what they hold.
_STANCE = frozenset(
    "convinced concerned worried incensed outraged angered pleased disappointed surprised alarmed".split()
)
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|am|be|been)\b(?=(?:\s+\w+ly|\s+also|\s+still|\s+so)*\s+$)")
# A figure that rests on an estimate the article does not name: "300,000 acres …, by one estimate".
_BY_ESTIMATE = re.compile(
    r"(?i:\b(?P<cue>by)\s+)(?P<owner>(?:one|some|most|several|many|official|independent|government|other)\s+"
    r"(?:estimates?|counts?|accounts?|calculations?|tally|tallies))\b"
)
_SUBORDINATE = re.compile(r"[\s“\"']*(?:When|If|As|After|Before|While|Although|Though|Because|Since|Once|Until)\b")
# What follows a cue without being said: "said when she resigned", "said before leaving".
_ADVERBIAL = re.compile(r"\s+(?:when|while|after|before|because|since|as|if|until|once|during)\b")
# A direct object right after "had added": "had added the week", "has added 20 jobs".
_OBJECT = re.compile(r"\s+(?:the|a|an|more|some|its|his|her|their|another|new|\d)", re.IGNORECASE)
# What one cites that is no source of its own: "cited the figure", "cited her work", "cited concerns".
_NOT_CITED = frozenset(
    "figure number statistic example case reason concern fact need issue work record experience".split()
)
_CLOSING_MARKS = ("”", '"', "’", "'", "»")
_TRAILING_WORDS = frozenset("in on at during to after before via through while when as last this earlier later".split())


def _own(rest: str) -> str:
    """What follows a cue, up to a participle that opens an attribution of its own ("…, adding that")."""
    m = re.match(r"([^,]*),\s*(\w+)", rest)
    return m.group(1) if m and m.group(2).lower() in PARTICIPLES else rest


def _trailing(rest: str) -> bool:
    """Whether what follows a cue is only when, where or how it was said: "said Tuesday", "said in a statement"."""
    rest = rest.split(",", maxsplit=1)[0].strip()
    return not rest or bool(ADJUNCT.fullmatch(" " + rest)) or rest.split()[0].lower() in _TRAILING_WORDS


def _aside(text: str, ce: int, hi: int) -> bool:
    """Whether the attribution ending at ``ce`` is set off inside its sentence: "…, CNN reports, killing 18"."""
    after = ADJUNCT.match(text, ce, hi)
    end = after.end() if after else ce
    return "," in text[ce:end] and len(text[end:hi].split()) >= 2 and not COMPARISON.match(text, end, hi)


_PHRASE_WORDS = 8  # a quoted phrase the sentence goes on after, not a quotation of its own


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

    ``mode``: "verb" (the claim follows the cue), "before" (it precedes the source), "cite", "prep", "line"
    (a speaker's line: "WALLACE: …").
    """

    name: Offsets
    desc: Offsets | None
    cue: Offsets
    claim: Offsets | None
    via: str | None
    mode: str


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
        phrase = not lead and len(text[q[0] : q[1]].split()) <= _PHRASE_WORDS  # the cue's own object, quoted
        if phrase and re.match(r"\s+[a-z]", text[q[1] : hi]):
            return clip(text, q[0], reported_end(text, q[1], hi, quotes))  # “2,521 incidents” in the city since May
        return clip(text, *q)
    if that:
        return clip(text, that.end(), reported_end(text, that.end(), hi, quotes))
    adjunct = ADJUNCT.match(text, pos, hi)
    start = adjunct.end() if adjunct else pos
    return clip(text, start, reported_end(text, start, hi, quotes))


def _claim_before(text: str, lo: int, end: int, quotes: list[Offsets]) -> Offsets | None:
    q = next((q for q in quotes if q[1] <= end + 1), None)
    return clip(text, *q) if q and not text[lo : q[0]].strip() else clip(text, lo, end)


def _anyone(text: str, lo: int, subj: Offsets) -> bool:
    """A lone singular person noun with no article or owner ("man or woman, who said …") is no one in particular
    ("my father said" is someone)."""
    word = text[subj[0] : subj[1]]
    before = text[lo : subj[0]].split()[-1:]
    owned = bool(before) and (before[0].lower() in DETS | _OWNERS or before[0].endswith(("'s", "’s")))
    lone = word.islower() and " " not in word and word in PEOPLE_NOUNS and singular(word) == word
    return lone and word not in _GROUP_NOUNS and not owned


_OWNERS = frozenset({"my", "your", "whose", "this", "that"})
_GROUP_NOUNS = frozenset({"people", "police", "family"})


def _owner(text: str, subj: Offsets) -> Offsets | None:
    """Whose report or claim it is, in "a New York Times report that …" or "Pagliano's claim that …": the
    name that modifies the noun (a party or nationality is no owner: "Republican claims that")."""
    a, b = subj
    words = text[a:b].split()
    if words and words[0].lower() in ("a", "an", "the"):
        a += len(words[0]) + 1
        words = words[1:]
    if not words or words[-1] in PARTIES or words[-1] in DEMONYMS:
        return None
    if words[-1].endswith(("'s", "’s")):
        b -= 2
    return (a, b) if a < b and is_cap(text[a:b].rsplit(maxsplit=1)[-1]) else None


def _boundary(before: str) -> bool:
    """Whether a cue or source follows a clause edge: sentence start, comma, quote, double-space quote."""
    return (
        not before.strip()
        or before.rstrip().endswith((",", "”", '"', ")", ":", ";", "’", "'"))
        or (before.endswith("  ") and not before.rstrip().endswith((".", "!", "?")))
    )


def _coordinated(text: str, lo: int, name: Offsets) -> Offsets:
    """Both subjects of "Obama and Clinton say", "RT and its defenders say": one source, named as written."""
    m = re.compile(r"\s+and\s+$").search(text, lo, name[0])
    first = noun_phrase_before(text, lo, m.start()) if m else None
    if first and is_cap(text[first[0] : first[1]].rsplit(maxsplit=1)[-1]) and _boundary(text[lo : first[0]]):
        return split_name(text, *first)[0][0], name[1]
    return name


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
            if np is None or (low == "per" and text[np[0] : np[1]].islower() and " " not in text[np[0] : np[1]]):
                continue  # "per student" is a rate, not a source
            opening = not lead or lead.endswith((":", ";", "and", "but", "“"))
            if low != "citing" and not low.endswith(" by") and opening:  # "According to X, …", "Según el INE, …"
                claim, mode = clip(text, np[1], hi), "prep"
            elif lead.endswith(",") and low != "citing":
                claim, mode = _claim_before(text, lo, lo + len(lead) - 1, quotes), "before"
            elif low.endswith(" by") and not low.startswith("as"):  # "the 1,100 casualties announced by X"
                claim, mode = _noun_before(text, lo, cs), "prep"
                if claim and singular(text[slice(*claim)].rsplit(maxsplit=1)[-1]) in DOC_NOUNS | EXPERT_NOUNS:
                    claim = None  # "a 46-page analysis released by X": the document, not what it says
            else:
                claim, mode = (None, "cite") if low == "citing" else (clip(text, lo, hi), "prep")
            hits.append(Hit(*split_name(text, *np), (cs, ce), claim, None, mode))
            continue
        if (low in ("called", "calls", "call") and not QUOTE_SOON.match(text, ce)) or re.match(
            r"(?: \w+){0,2} by\b(?!\s+[\d$€£])", text[ce:hi]
        ):
            continue  # "called 911"; "released Friday by" is a passive participle ("raised it by 0.1" is no passive)
        if re.search(r"\bto\s+$", text[lo:cs]) and not ASPECT.search(text, lo, cs):
            continue  # "studies that seek to find": an infinitive reports nothing
        if m.group()[:1].isupper() and text[lo:cs].strip(" “\"'‘"):
            continue  # "Obama Says Museum Will Tell": a cue in title case is a headline's word
        stance = low in _STANCE and _THAT_NEXT.match(text, ce, hi) is not None  # "were incensed that …"
        if (
            PASSIVE.search(text, lo, cs)
            and "unable" not in low
            and "not" not in low
            and low not in PARTICIPLES
            and not stance
        ):
            continue  # "Mr. Quiros was accused": the one accused is no source
        if low.startswith("insist") and re.match(r"\s+(?:up)?on\b", text[ce:hi]):
            continue  # "Trump will insist on being Trump": a demand for a deed, no words reported
        if low == "accused" and re.match(r"\s+of\b", text[ce:hi]):
            continue  # "people accused of rape": the accused, not an accuser ("X accused Y of" names Y first)
        if low in ("released", "releases", "unveiled", "unveils") and not RELEASED.match(text, ce, hi):
            continue
        if low == "added" and _OBJECT.match(text, ce, hi) and re.search(r"\b(?:has|had|have)\s+$", text[lo:cs]):
            continue  # "The state had added the additional week": a thing added, not words
        subj, desc, inverted = noun_phrase_before(text, lo, aux_start(text, lo, cs)), None, False
        if subj and low in HOMOGRAPHS and noun_use(text, lo, subj, finding=low in FINDINGS):
            subj = _owner(text, subj) if _THAT_NEXT.match(text, ce, hi) else None
            if subj is None:
                continue  # "Pagliano's Fifth Amendment claims": a noun, no one says anything
        if subj and low.endswith("ing") and low not in PARTICIPLES and noun_use(text, lo, subj, finding=False):
            continue  # "In a statement announcing the pick, X called": the statement is X's, no source of its own
        if "-t-" in low:  # "a-t-il déclaré": the pronoun is in the cue
            subj, inverted = pronoun_in(text, cs, ce), True
        bare = _TRAILING_ADVERBS.sub("", text[lo : aux_start(text, lo, cs)])  # "X, in particular, has sharply"
        if subj is None and bare.endswith(",") and "," in bare[:-1]:  # "X, <appositive or citing Y>, said"
            k = lo + bare[:-1].rindex(",")
            for _ in range(2):  # "Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"
                before = text.rfind(",", lo, k)
                if before < 0 or not text[before + 1 : k].strip()[:1].islower():
                    break
                k = before
            inner = noun_phrase_before(text, lo, k)
            middle = bare[k - lo + 1 : -1].strip()  # "Lefevre, known to her neighbors as X, says"
            titled = (
                middle[:1].islower()
                or re.match(r"\(?[RDI]-[A-Z]|(?:Democrat|Republican|Independent)\b", middle)
                or re.match(r"[A-Z][\w.-]*['’]s\s+[a-z]", middle)  # "China, Pyongyang's only ally, said"
            )
            named = inner and is_cap(text[slice(*inner)].rsplit(maxsplit=1)[-1]) and titled
            aside = re.match(r",\s+(?:citing|however)\b", text[k:])
            if inner and ((named and "  " not in middle) or appositive(text, inner[1], hi) or aside):
                subj, desc = inner, appositive(text, inner[1], hi)
        coordinated = re.search(r"\band\s+$", text[lo:cs]) and low in INVERTIBLE | {"answered", "announced"}
        if subj is None and coordinated:  # "X was asked ... and answered"
            subj = last or _last_run(text, lo, cs, quotes)
        progressive = PASSIVE.search(text, lo, cs) or (_BE_BEFORE.search(text, lo, cs) if stance else None)
        if (low in PARTICIPLES or stance) and progressive:  # "She is proposing", "they were incensed that": before "is"
            subj = noun_phrase_before(text, lo, aux_start(text, lo, progressive.start()))
        elif low in PARTICIPLES:  # "…, adding that": the subject of the clause before
            if not lead.endswith(","):
                continue
            subj = last or opening_subject(text, lo, cs)
            if subj is None:
                continue
        relative = subj is None and re.search(r",\s+(?:who|which)\b", text[lo:cs]) is not None
        if subj is None:
            subj = antecedent(text, lo, aux_start(text, lo, cs))
        if subj is None and low in INVERTIBLE and _boundary(text[lo:cs]):
            subj, inverted = noun_phrase_after(text, ce, hi), True
            if subj and not AFTER_INVERTED.match(text, subj[1], hi):
                subj = None  # "said the EB-5 program has sent": a clause, not "said Smith"
            desc = appositive(text, subj[1], hi) if subj else None
        if low in FINDINGS:
            subj = finding_subject(text, lo, cs, subj)
        if subj is None or _NO_ONE_IN.search(text, lo, subj[0]) or _anyone(text, lo, subj):
            continue
        name, desc = split_name(text, *subj)[0], desc or split_name(text, *subj)[1]
        if not inverted:
            name = _coordinated(text, lo, name)
        lead, rest = text[lo : subj[0]].rstrip(), text[ce:hi].strip(" .\n")
        recipient = RECIPIENT.match(text, ce, hi) if low in TELLING else None
        if inverted:
            claim, mode = _claim_before(text, lo, lo + len(text[lo:cs].rstrip()), quotes), "before"
            if claim is None and not text[lo:cs].strip():
                claim, mode = _claim_after(text, subj[1], hi, quotes), "verb"
        elif re.search(r"\bas$", lead, re.IGNORECASE):
            end = lo + len(lead[:-2].rstrip())  # "… the words “I can't breathe,” as Garner said": the quotation
            quoted = next((q for q in quotes if q[1] == end and lead[:-2].rstrip().endswith(_CLOSING_MARKS)), None)
            claim, mode = (clip(text, *quoted), "before") if quoted else (clip(text, lo, hi), "prep")
        elif (
            lead
            and _boundary(text[lo : subj[0]])
            and not (re.search(r"[“\"«„]", _own(rest)) or THAT.search(_own(rest)))
            and (
                text[lo : subj[0]].endswith(",  ")
                or lead.endswith(("'", "’", "”", '"'))
                or (_trailing(rest) and len(lead.split()) >= 5)
            )
        ):
            claim, mode = _claim_before(text, lo, lo + len(lead) - (lead[-1] == ","), quotes), "before"
        elif lead and not rest and "," in lead:  # "…, a Today and Match.com poll finds."
            claim, mode = _claim_before(text, lo, lo + lead.rindex(","), quotes), "before"
        else:
            claim, mode = _claim_after(text, recipient.end() if recipient else ce, hi, quotes), "verb"
        if mode == "before" and claim and not quotes and _aside(text, ce, hi):
            claim = clip(text, lo, hi)  # "A bomber struck, CNN reports, killing 18": the whole sentence
        if mode == "verb" and claim and relative and (main := _MAIN_VERB.search(text, claim[0], claim[1])):
            claim = clip(text, claim[0], main.start())  # "The lawyer, who said the video was clear, asked for …"
        if mode == "verb" and claim and _SUBORDINATE.match(text, lo, cs) and "," not in text[lo:cs]:
            comma = text.find(",", ce, claim[1])
            claim = clip(text, claim[0], comma) if comma > 0 else claim  # "When the poll asked X, Y was …"
        if mode == "verb" and claim and _ADVERBIAL.match(text, ce, hi):
            during = text[ce:hi].split(maxsplit=1)[0] == "during" and THAT.search(text, ce, hi)
            # "what Liz Wahl said when she resigned": the when-clause is no content; "said during a rally that X": X
            claim = clip(text, during.end(), reported_end(text, during.end(), hi, quotes)) if during else None
        obj = noun_phrase_after(text, ce, hi) if low in ("cited", "quotes", "quoted") else None
        head = re.split(r"\s+(?:of|from|for)\s+", text[slice(*obj)])[0].rsplit(maxsplit=1)[-1] if obj else ""
        if obj and singular(head) in _NOT_CITED:
            obj, low, claim = None, "said", None  # "Clinton and Trump cited the figure": they are its source
        elif obj and not is_cap(head) and singular(head) not in SOURCE_NOUNS:
            obj, low = None, "said"  # "Trump cited his own endorsements": what he cites is his claim
        if low in ("cited", "quotes", "quoted"):  # "X cited Y and reported": Y is the source, via X
            if obj:
                hits.append(Hit(*split_name(text, *obj), (cs, ce), None, text[slice(*name)], "cite"))
        else:
            via = recipient.group().strip() if recipient and is_cap(recipient.group().split()[-1]) else None
            hits.append(Hit(name, desc, (cs, ce), claim, via, mode))
        last = name
    owned = [
        Hit(m.span("owner"), None, m.span("cue"), clip(text, lo, hi), None, "prep")
        for pattern in (_OWNED, _BY_ESTIMATE)
        for m in pattern.finditer(text, lo, hi)
    ]
    signed = [Hit(who, None, cue, claim, None, "before") for who, cue, claim in signatures(text, lo, hi)]
    lines = [Hit(who, None, cue, claim, None, "line") for who, cue, claim in speaker_line(text, lo, hi)]
    kept = []
    for h in hits + owned + signed + lines:
        tidied = _tidy(text, h.name)
        if tidied is not None:
            h.name = tidied
            kept.append(h)
    return _link(text, kept)


def _tidy(text: str, name: Offsets) -> Offsets | None:
    """A source's words without what is no part of a name: "The authors of the", "2017 America"; None when
    no one is named ("Having said that", "Everything Trump says is a lie")."""
    toks = tokens(text, *name)
    while len(toks) > 1 and (toks[-1].group().lower() in DETS or toks[-1].group() in CONNECT):
        toks.pop()
    while len(toks) > 1 and re.fullmatch(r"\d{4}", toks[0].group()):
        toks.pop(0)
    if not toks or toks[0].group() in _NO_NAME:
        return None
    return toks[0].start(), toks[-1].end()


_NO_NAME = frozenset({"Having", "Everything", "Anything", "Nothing", "Whatever"})


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
