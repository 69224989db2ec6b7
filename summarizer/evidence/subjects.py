"""Who a cue's subject is: the words before it past auxiliaries and time words, a relative pronoun's
antecedent, the subject a sentence opens with ("…, adding that"), the study or document that "found".

Also the tests a cue passes to be one: not a passive ("was accused"), not a noun ("Republican claims").
"""

from __future__ import annotations

import re

from ..calendar import WEEKDAYS
from .lexicon import DEMONYMS, DOC_NOUNS, EXPERT_NOUNS, OUTLETS, PARTIES, PRONOUNS
from .phrases import RUN, Offsets, is_cap, noun_phrase_before, personish, singular, split_name, tokens

__all__ = [
    "AFTER_INVERTED",
    "ASPECT",
    "HOMOGRAPHS",
    "PASSIVE",
    "RELEASED",
    "antecedent",
    "aux_start",
    "finding_subject",
    "noun_use",
    "opening_subject",
    "pronoun_in",
]

_WEEKDAY = "|".join(day.capitalize() for day in WEEKDAYS)
_WHEN = rf"(?:on\s+|last\s+|this\s+|early\s+|late\s+)?(?:{_WEEKDAY}|today|yesterday)"
# An adverb in -ly ("the state incorrectly stated"); not one of the nouns so spelled ("the family said").
_LY = r"(?!(?:family|ally|assembly|supply|rally|monopoly|anomaly|butterfly|bully|belly|jelly|homily)\b)[a-z]{3,}ly"
_ASPECT = r"(?:continued|continues|continue|began|begins|begin|went\s+on)\s+to"  # "continued to call for"
ASPECT = re.compile(rf"\b{_ASPECT}\s+$")  # an infinitive cue that says what its subject kept or began doing
_AUX = re.compile(rf"(?:\s+(?:has|have|had|will|would|did|does|do|also|often|again|then|{_ASPECT}|{_LY}|{_WHEN}))+\s*$")
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|get|gets|got)(?:\s+\w+ly)?\s+$", re.IGNORECASE)
# Cues that are nouns too ("Republican claims", "in a June report"): a verb only after a subject of its own.
HOMOGRAPHS = frozenset(
    "claims claim report reports notes note calls call finds find shows show estimates quotes".split()
)
_DETERMINERS = frozenset("the a an its their his her this that".split())
_PREPOSITIONS = frozenset("of in for about on with to from by at into over under".split())
# Verbs of making public that report a claim only with a statement-like object ("released video" is none).
RELEASED = re.compile(
    r"\s+(?:a|an|the|its|their|his|her|new)?\s*(?:\w+\s+){0,2}(?:statement|report|data|figures|numbers|estimates?|results|findings|memo|letter|list|analysis|study|survey|poll)\b",
    re.IGNORECASE,
)
AFTER_INVERTED = re.compile(
    r"\s*(?:[,.;:()\n—–-]|$|(?:of|who|from|at|in|on|for|en|am|im|an|au|à|dans|lors|durante|con|bei|vor)\b)"
)


def aux_start(text: str, lo: int, cs: int) -> int:
    """Where the subject ends before a cue: trailing auxiliaries and adverbs skipped ("X has also said")."""
    m = _AUX.search(text, lo, cs)
    return m.start() if m else cs


def pronoun_in(text: str, cs: int, ce: int) -> Offsets | None:
    """The pronoun inside a French inverted cue: "a-t-il déclaré" -> "il"."""
    m = re.compile(r"(?<=-t-)\w+").search(text, cs, ce)
    return m.span() if m else None


_OPENING_ADJUNCT = re.compile(r"(?:On|In|At|During|After|Before|Last|Earlier|Later)\b[^,]{0,40},\s+(?:however,\s+)?")
# A verb right after the name: "Reid frequently mocked", "Dean, a medical doctor, then appeared"; after an
# opening adjunct any tense ("On Thursday, Trump spoke"), not a word that goes on the phrase.
_OPENING_VERB = re.compile(r"\s+(?:\w+ly\s+|then\s+)?[a-z]+(?:ed|s)\b")
_ANY_VERB = re.compile(
    r"\s+(?:\w+ly\s+|then\s+)?(?!(?:and|or|of|the|a|an|in|on|at|to|for|with|who|which|that|is|was)\b)[a-z]{3,}\b"
)
_OPENING_APPOSITION = re.compile(r",\s+(?:a|an|the|his|her|their)\s[^,;“\"]{1,80},")


def opening_subject(text: str, lo: int, cs: int) -> Offsets | None:
    """The subject a sentence opens with, when a name or a pronoun: the source of "…, adding that"."""
    m = re.compile(r"[\s“\"'‘(]*(?:(?:But|And|So|Yet)\s+)?").match(text, lo, cs)
    start = m.end() if m else lo
    adjunct = _OPENING_ADJUNCT.match(text, start, cs)  # "On Thursday, however, Trump spoke …, promising"
    first = RUN.match(text, start, cs)
    if adjunct and not (first and text[first.end() : first.end() + 1] not in ","):
        start = adjunct.end()
        first = RUN.match(text, start, cs)
    if first and is_cap(text[slice(*first.span())].rsplit(maxsplit=1)[-1]):
        name = split_name(text, *first.span())[0]
        aside = _OPENING_APPOSITION.match(text, name[1], cs)  # "Dean, a former party chairman, poked at"
        verb = (_ANY_VERB if adjunct else _OPENING_VERB).match(text, aside.end() if aside else name[1], cs)
        return name if personish(text[name[0] : name[1]].split()) or verb else None
    word = re.compile(r"\w+").match(text, start, cs)
    return word.span() if word and word.group().lower() in PRONOUNS else None


def antecedent(text: str, lo: int, end: int) -> Offsets | None:
    """The source a relative pronoun stands for: "Derek Mitchell, who said", "the department, which reported"."""
    m = _RELATIVE.search(text, lo, end)
    if m is None:
        return None
    found = noun_phrase_before(text, lo, m.start())
    comma = text.rfind(",", lo, m.start())
    if m.group().startswith(",") and comma > lo and _APPOSED.fullmatch(text, comma + 1, m.start()):
        named = noun_phrase_before(text, lo, comma)  # "McConnell, now the Senate majority leader, who said"
        if named and is_cap(text[named[0] : named[1]].rsplit(maxsplit=1)[-1]):
            return named
    return found


_APPOSED = re.compile(r"\s+(?:now|then|the|a|an|his|her|its|their|former|currently)\s[^,;]{0,60}")
# "X, who said", "X, who in 2010 said", "X, which on Tuesday reported"
_RELATIVE = re.compile(r",?\s+(?:who|which|that)(?:\s+(?:in|on|last|this|earlier)\s+[\w'’]+(?:\s+\d{1,4})?)?\s*$")


def noun_use(text: str, lo: int, subj: Offsets, *, finding: bool) -> bool:
    """Whether a cue that is also a noun reads as one: "Pagliano's Fifth Amendment claims", "of Republican claims"."""
    words = text[subj[0] : subj[1]].split()
    before = re.findall(r"[\w'’]+", text[lo : subj[0]])
    adjective = bool(words) and (words[-1] in PARTIES or words[-1] in DEMONYMS)  # "many Republican claims"
    # "a New York Times report", but "A Bloomberg poll shows": after a common noun the cue is the verb
    adjective = adjective or (bool(words) and words[0].lower() in ("a", "an") and words[-1][:1].isupper())
    adjective = adjective or (bool(words) and words[-1].lower() in _DETERMINERS)  # "The authors of the report"
    return (
        any(w.endswith(("'s", "’s")) for w in words)
        or adjective
        or (not finding and bool(before and before[-1].lower() in _PREPOSITIONS))
    )


# A line that opens with a speaker and a colon: "WALLACE: But, Governor …", "Zelensky: casualties exceed 3,000".
_PARTICIPLE_PHRASE = re.compile(
    r"\s+(?:released|published|conducted|issued|obtained|reviewed|seen|taken|commissioned)\b[^,;]{0,50}?$"
)


# A study named by its owner, before what it studied: "a USA TODAY analysis of newly filed reports shows".
_STUDY_OF = re.compile(
    rf"(?<![\w'’-])(?:(?:A|An|The)\s+)?(?P<owner>{RUN.pattern})(?:['’]s)?\s+(?:new\s+|latest\s+)?"
    r"(?:analysis|study|review|survey|poll|report|investigation|audit|tally|count)\s+of\s+$"
)


def _study_owner(text: str, lo: int, subj: Offsets) -> Offsets | None:
    """Who owns the study whose object ``subj`` is: a name, or an acronym in capitals ("USA TODAY"); a party
    or nationality is no owner ("a Republican analysis of")."""
    study = _STUDY_OF.search(text, lo, subj[0])
    if study is None:
        return None
    last = study.group("owner").split()[-1]
    named = is_cap(last) or (last.isupper() and len(last) > 1)
    return study.span("owner") if named and last not in PARTIES | DEMONYMS else None


def finding_subject(text: str, lo: int, cs: int, subj: Offsets | None) -> Offsets | None:
    """The study or document that "shows"/"found": the subject, or the nearest document noun before the cue.

    "A poll released in late August found", "leaked documents from his 1995 tax return show"; a study's
    owner when the subject is what it studied ("a USA TODAY analysis of campaign-finance reports shows": USA
    TODAY, not the reports).
    """
    owner = _study_owner(text, lo, subj) if subj else None
    if owner:
        return owner

    def documentary(span: Offsets) -> bool:
        words = text[span[0] : span[1]].split()
        outlet = {w.removesuffix("'s").removesuffix("’s") for w in words} & OUTLETS  # "The Observer found"
        return bool(outlet) or singular(text[lo : span[1]].rsplit(maxsplit=1)[-1]) in DOC_NOUNS | EXPERT_NOUNS

    if subj and documentary(subj):
        return subj
    clause = max(lo, *(text.rfind(mark, lo, cs) + 1 for mark in ",–—"))  # not a document named in an aside
    if re.search(r"\band\s+$", text[clause:cs]):
        return None  # "X combed through the filings and found": the filings are what X read, not who found
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


# A clause a sentence opens with: a cue inside it has its content up to the comma that ends it.
