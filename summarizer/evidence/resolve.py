"""Who "he", "she", "it", "the newspaper" or "the Republican nominee" is: a source's name resolved.

A pronoun becomes the person the article last made the subject of a sentence (the first person named
in the nearest sentence before it that names one of the pronoun's gender; a speaker of the last few
sentences first). "It" becomes the last body or document that was quoted. A definite description
becomes the actor the article described that way ("Republican nominee Donald Trump", "RT, the
Kremlin-funded network"), an outlet of its medium, or the named organization it shortens ("the
campaign" after "the Trump campaign"). What does not resolve stays as written; a pronoun that does not
is no source at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..spans import Span
from .actors import ActorCandidate
from .lexicon import DEMONYMS, FEMININE, MASCULINE, MEDIA, MEDIUM_OF, ORG_HEADS, PARTIES, PRONOUNS, ROLES
from .phrases import Offsets, is_cap, lower_bare, personish, singular, tokens

__all__ = ["Resolver", "Speaker"]

_DEFINITE = frozenset("the this that el la le der die das los las les".split())
_LOOKBACK = 6  # sentences a pronoun may look back
_ORG_LOOKBACK = 2  # sentences "the group" may look back to the organization it stands for
_ANY_ORG = frozenset({"group", "organization"})  # heads that may stand for any kind of organization
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_MODIFIERS = frozenset(
    "former then current presidential vice deputy senior chief top acting interim state federal national "
    "general executive first lady longtime veteran".split()
)
_SYNONYMS = {
    "gop": "republican",
    "republicans": "republican",
    "democrat": "democratic",
    "democrats": "democratic",
    "sen.": "senator",
    "gov.": "governor",
    "rep.": "representative",
    "gen.": "general",
    "pres.": "president",
    "sec.": "secretary",
    "prof.": "professor",
    "justice": "judge",  # "Supreme Court Justice Frank Nervo" … "the judge"
}
_APPOSITION = re.compile(r",\s+((?:the|a|an|his|her|its|their)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+)\s*(?=[,.;)]|$)")


@dataclass(frozen=True, slots=True)
class Speaker:
    """A source already found: where it is named, in which sentence, and whether it is a person."""

    name: Offsets
    sentence: int
    person: bool


def _gender(words: set[str]) -> str | None:
    f, m = bool(words & FEMININE), bool(words & MASCULINE)
    return "f" if f and not m else "m" if m and not f else None


class Resolver:
    """Resolves the pronouns and descriptions of one article against its actors."""

    def __init__(self, text: str, sentences: Sequence[Span], actors: Sequence[ActorCandidate], quotes: Sequence[Span]):
        self.text = text
        self.sentences = sentences
        self._starts = [s.start for s in sentences]
        self.actors = actors
        self.person = [a.kind == "person" or (a.kind == "other" and personish(a.name.split())) for a in actors]
        inside = [(q.start, q.end) for q in quotes]
        self.mentions = sorted(
            (span, i)
            for i, a in enumerate(actors)
            for span in a.spans or (a.name_span,)
            if not any(qa < span.start < qb for qa, qb in inside)
        )
        self.roles = [self._role_words(a) for a in actors]
        self.gender = [_gender(words) for words in self.roles]

    def _role_words(self, actor: ActorCandidate) -> set[str]:
        """Words the article describes an actor with: before a mention, in an apposition after it, its role."""
        words: set[str] = set()
        text = self.text
        for span in actor.spans or (actor.name_span,):
            words |= self._words_before(span.start)
            if honorific := _HONORIFIC.search(text, max(0, span.start - 6), span.start):
                words.add(honorific.group(1).lower() + ".")
            app = _APPOSITION.match(text, span.end, min(len(text), span.end + 90))
            described = {lower_bare(w) for w in app.group(1).split()} if app else set()
            if described & (ROLES | MEDIUM_OF.keys() | ORG_HEADS):  # "RT, the Kremlin-funded network,"
                words |= described
        if actor.role:
            words |= {lower_bare(w) for w in actor.role.split()}
        if actor.kind in ("person", "country"):  # "a network Russia has financed": Russia is no network
            words -= MEDIUM_OF.keys() | ORG_HEADS
        return {_SYNONYMS.get(w, w) for w in words}

    def _words_before(self, start: int) -> set[str]:
        """The describing words right before a mention: "Republican presidential nominee", "the network"."""
        words: set[str] = set()
        toks = tokens(self.text, max(0, start - 80), start)
        end = start
        titled = False
        for tok in reversed(toks):
            word, low = tok.group(), lower_bare(tok.group())
            if self.text[tok.end() : end].strip() or not (
                is_cap(word) or low in ROLES or low in MEDIUM_OF or low in ORG_HEADS or low in _MODIFIERS
            ):
                break
            if titled and not is_cap(word) and (low in MEDIUM_OF or low in ORG_HEADS):
                break  # "the network President Vladimir Putin formed": the network is not Putin
            titled = titled or is_cap(word)
            words.add(low)
            end = tok.start()
        return words

    def _sentence(self, at: int) -> int:
        return max(0, bisect_right(self._starts, at) - 1)

    def resolve(self, name: Offsets, at: int, speakers: Sequence[Speaker]) -> Offsets | None:
        """The span naming what ``name`` refers to: itself unless a pronoun or description; None: unresolved."""
        words = self.text[name[0] : name[1]].split()
        low = [w.lower() for w in words]
        if len(low) == 1 and low[0] in PRONOUNS:
            return self._person(low[0], at, speakers)
        if low == ["it"]:
            here = self._sentence(at)
            recent = [s for s in speakers if not s.person and here - s.sentence <= 2]
            return recent[-1].name if recent else None
        if len(low) >= 2 and low[0] in _DEFINITE:
            return self._description(low[1:], [w for w in words[1:] if is_cap(w)], at) or name
        return name

    def _person(self, pronoun: str, at: int, speakers: Sequence[Speaker]) -> Offsets | None:
        want = _gender({pronoun})
        here = self._sentence(at)
        spoke = {s.name for s in speakers if s.person and here - s.sentence <= 3}
        spoke_actors = {i for span, i in self.mentions if (span.start, span.end) in spoke}
        best: tuple[float, int, Span] | None = None
        for k in range(here, max(-1, here - _LOOKBACK), -1):
            sent = self.sentences[k]
            end = at if k == here else sent.end
            found = [
                (span, i)
                for span, i in self.mentions
                if sent.start <= span.start and span.end <= end and self.person[i]
                if want is None or self.gender[i] in (None, want)
            ]
            for rank, (span, i) in enumerate(found):
                owned = self.text.startswith(("'s", "’s"), span.end) or self.text.startswith(("'", "’"), span.end)
                score = (here - k) - 1.5 * (i in spoke_actors) + 0.5 * (rank > 0) + 1.0 * owned
                if best is None or score < best[0]:
                    best = (score, -span.start, span)
        return (best[2].start, best[2].end) if best else None

    def _description(self, words: list[str], proper: list[str], at: int) -> Offsets | None:
        cut = next((k for k, w in enumerate(words) if w in ("of", "for", "at", "de", "du", "des", "von")), len(words))
        head = singular(words[cut - 1]) if cut else ""
        head = _SYNONYMS.get(head, head)
        wanted = {
            _SYNONYMS.get(lower_bare(w), lower_bare(w))
            for w in proper
            if w in PARTIES or w in DEMONYMS or lower_bare(w) not in ROLES
        }
        before = [(span, i) for span, i in self.mentions if span.end <= at]
        if head in ROLES or head in MEDIUM_OF or head in ORG_HEADS:
            described = [(s, i) for s, i in before if head in self.roles[i] and wanted <= self.roles[i]]
            if described:
                return described[-1][0].start, described[-1][0].end
        if head in MEDIUM_OF:
            medium = MEDIA.get(MEDIUM_OF[head], frozenset())
            outlets = [(s, i) for s, i in before if self.actors[i].name.split()[-1] in medium]
            if outlets:
                return outlets[-1][0].start, outlets[-1][0].end
        if head in ORG_HEADS and not wanted:
            return self._named_org(head, at) or (self._last_org(at) if head in _ANY_ORG else None)
        return None

    def _last_org(self, at: int) -> Offsets | None:
        """What "the group" stands for when no "<Name> group" precedes it: the organization named last, nearby."""
        here = self._sentence(at)
        for span, i in reversed(self.mentions):
            if (
                span.end <= at
                and here - self._sentence(span.start) <= _ORG_LOOKBACK
                and self.actors[i].kind == "organization"
            ):
                return span.start, span.end
        return None

    def _named_org(self, head: str, at: int) -> Offsets | None:
        """The last "<Name> campaign", "<Name>'s campaign", "<Name> Committee" or "Commission on <Name>" before
        ``at``."""
        pattern = re.compile(
            rf"(?:(?!(?:The|A|An|This|That)\s)[A-Z][\w.&'’-]*\s+){{1,4}}(?i:{re.escape(head)})s?\b"
            rf"|\b(?i:{re.escape(head)})\s+(?:on|of|for)\s+(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){{0,3}}"
        )
        found = None
        for m in pattern.finditer(self.text, 0, at):
            toks = tokens(self.text, m.start(), m.end())
            first = next((t for t in toks if is_cap(t.group())), None)
            if first is not None and (first.start() < m.end() - len(head) - 1 or m.group()[:1].isupper()):
                found = (first.start(), m.end())
        return found

    def _actor_at(self, span: Offsets) -> int | None:
        return next((i for s, i in self.mentions if (s.start, s.end) == span), None)

    def is_person(self, span: Offsets) -> bool:
        """Whether the span is a mention of a person actor."""
        index = self._actor_at(span)
        return index is not None and self.person[index]

    def role_at(self, span: Offsets) -> str | None:
        """The role of the actor mentioned at ``span``, as the article gives it."""
        index = self._actor_at(span)
        return self.actors[index].role if index is not None else None
