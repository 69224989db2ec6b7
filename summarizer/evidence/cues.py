"""Attribution cues as patterns, built from the lexicon's table of cue words by language.

``CUE`` finds a cue (a reporting verb, or a preposition the source follows); the word sets say how a
cue reads: whether it may precede its subject, takes the subject of the clause before, denies or fails
to verify, or reports a belief. ``stance`` gives a claim its polarity and modality.
"""

from __future__ import annotations

import re

from ..patterns import alternation
from ..schema import Modality, Polarity
from .lexicon import CUE_TABLE, SKIP_CAPS, SOURCE_NOUNS, word_set
from .phrases import RUN

__all__ = [
    "ADJUNCT",
    "CUE",
    "FINDINGS",
    "HEDGING",
    "INVERTIBLE",
    "NEGATIVE",
    "PARTICIPLES",
    "PRONOUNS",
    "QUOTE",
    "QUOTE_SOON",
    "RECIPIENT",
    "TELLING",
    "THAT",
    "stance",
]


def _items(field: str) -> list[str]:
    return [item for cues in CUE_TABLE.values() for item in getattr(cues, field).split("|") if item]


def _lower(field: str) -> frozenset[str]:
    return frozenset(i.lower() for i in _items(field))


INVERTIBLE = _lower("inverted")
NEGATIVE = _lower("negative")
HEDGING = _lower("hedging")
PARTICIPLES = _lower("participles")
PRONOUNS = frozenset(w for i in _items("pronouns") for w in (i, i.capitalize()))
FINDINGS = word_set("indicated indicates indicate showed shows show found finds find")
_PASSIVE = r"(?:as\s+)?(?:reported|announced|cited|released|quoted)\s+by"
# Any verb with a that-clause of its own reports what its subject says or thinks: "the court ruled that".
# Verbs of intent with an infinitive of their own state what their subject means to do: "Clinton wants to".
_TO_VERB = (
    r"(?-i:wants|want|wanted|hopes|hoped|vowed|vows|promised|promises|promising|pledged|pledges|threatened|threatens)"
    r"(?=\s+to\b)"
)
# Plural nouns of sources are no verbs before a that-clause: "told police officials that she …".
_PLURALS = "|".join(sorted({w[:-1] + "ies" if w.endswith("y") else w + "s" for w in SOURCE_NOUNS if w.isalpha()}))
_THAT_VERB = (
    r"(?-i:(?!(?:is|was|has|does|means|seems|makes|ensures|requires|adds|lies|remains|becomes)\b)"
    rf"(?!(?:{_PLURALS})\b)[a-z]{{3,}}(?:ed|es|s))"
    r"(?=\s+that\s+(?-i:(?:the|a|an|he|she|it|they|we|I|you|there|his|her|their|its|this|these|those|some|no|"
    r"many|most|all|only|not|if|when|while|as|in|on|because|more|one)\b|[A-Z\d]))"
)
# A forecaster revising its numbers states them: "it edged up its forecast … to 4.2 percent".
_FORECAST = (
    r"(?-i:(?:raised|raises|lowered|lowers|cut|cuts|increased|increases|trimmed|trims|edged up|edged down|revised|"
    r"revises|upgraded|downgraded|held|holds|kept|keeps)\s+(?:its|their|his|her)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:forecasts?|estimates?|projections?|outlook))"
)
CUE = re.compile(
    rf"(?<![\w-])(?:(?P<prep>{alternation(_items('preps'), any_space=True)}|{_PASSIVE})(?![\w-])|"
    rf"(?P<verb>(?:{alternation(_items('verbs') + _items('participles'), any_space=True)})(?![\w-])"
    r"(?! to\b| cited\b)(?!(?<=report) of\b)(?!(?<=reports) of\b)"
    rf"|{_FORECAST}|{_THAT_VERB}|{_TO_VERB}))",
    re.IGNORECASE,
)
THAT = re.compile(rf"(?<![\w'’])(?:{alternation(_items('that'), any_space=True)})(?![\w'’])", re.IGNORECASE)
QUOTE = re.compile(r"“[^”]*”?|\"[^\"]*\"?|«[^»]*»?|„[^“”]*[“”]?|(?<![\w'])''(?:(?!'').)*(?:'')?")
QUOTE_SOON = re.compile(r"(?:\s+[\w'’-]+){0,5}?(?:\s*[“\"«„]|\s{2})")
# The cues whose object is the one told ("told Reuters"), not the source.
TELLING = frozenset({"told", "tells", "tell"})
# Who was told: a pronoun, a proper name ("the AP"), or one word right before the reported clause.
RECIPIENT = re.compile(
    rf"\s(?:(?:him|her|them|me|us)\b|(?:the )?(?:{RUN.pattern}|"
    r"[a-z]+(?= that\b| [a-z]+ (?:had|has|was|is|were|would)\b)))"
)
_WHEN = "|".join(SKIP_CAPS - {"I", "AM", "PM"}) + "|today|yesterday|tonight|day|week|morning|evening|night"
# Time adjuncts between a cue and its content: "said on this day,", "reported Thursday, October 24,".
ADJUNCT = re.compile(
    rf"(?:[\s,:]+|(?:(?:on|at|in|last|this|earlier) )?(?:the )?(?:same )?(?:\d+(?:st|nd|rd|th)|{_WHEN})\b"
    r"(?: \d+\b)?)*"
)


_UNVERIFIED = re.compile(
    r"\b(?:unverified|unconfirmed|(?:could|can)\s?not be (?:independently )?(?:verified|confirmed)|"
    r"not (?:been )?independently (?:verified|confirmed)|sin confirmar|unbestätigt|non confirmée?s?)\b",
    re.IGNORECASE,
)
_PRELIMINARY = re.compile(
    r"\b(?:preliminary|initial|provisional|early (?:estimates?|results|data|figures)|preliminar(?:es)?|"
    r"provisional(?:es)?|vorläufigen?|préliminaires?|provisoires?)\b",
    re.IGNORECASE,
)
_POSSIBLE = re.compile(
    r"\b(?:may|might|could|possibly|probably|(?:is|are|was|were|be|very|more|most|quite) likely|likely to|perhaps|"
    r"podría|podrían|posiblemente|könnte|könnten|vielleicht|möglicherweise|pourrait|pourraient|peut-être|"
    r"probablement)\b",
    re.IGNORECASE,
)


def stance(cue: str, claim: str) -> tuple[Polarity, Modality]:
    """The polarity and modality of a claim as its cue and its own words put it.

    "denied", "could not verify": negative ("unverified" for a verification that failed); "preliminary"
    data; "may", "could", "believes": possible; otherwise asserted.
    """
    low = " ".join(cue.lower().split())
    negative = any(n in low for n in NEGATIVE)
    if negative and re.search(r"verify|confirm|unable", low):
        return "negative", "unverified"
    modality: Modality = "asserted"
    if _UNVERIFIED.search(claim):
        modality = "unverified"
    elif _PRELIMINARY.search(claim):
        modality = "preliminary"
    elif low in HEDGING or _POSSIBLE.search(claim):
        modality = "possible"
    return ("negative" if negative else "positive"), modality
