"""Who the article is about: actors read off capitalized names, with the role the article gives them."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..schema import ActorKind
from ..spans import Span, strip_span
from .lexicon import ALIASES, COMMON, COUNTRIES, DEMONYMS, DETS, ORG, PARTIES, ROLES, SKIP_CAPS, STOP
from .phrases import RUN, Token, appositive, is_plain_gap, is_possessive, lower_bare, personish, split_name, tokens

__all__ = ["ActorCandidate", "find_actors", "person_mentions"]


@dataclass(frozen=True, slots=True)
class ActorCandidate:
    """A named person, organization or country, at its first full mention; ``spans``: every mention, in order."""

    name: str
    name_span: Span
    role: str | None
    role_span: Span | None
    kind: ActorKind
    mentions: int
    spans: tuple[Span, ...] = ()


@dataclass(slots=True)
class _Mention:
    name: Span
    role: Span | None
    initial: bool  # a lone capitalized word opening a sentence or quote: maybe an ordinary word
    titled: bool
    aged: bool  # followed by ", 31,"
    opens: bool = False  # opens a sentence or quote


def _role_before(text: str, start: int, lo: int) -> Span | None:
    """Lower-case role words right before a name: "Radio icon", "North Korean leader", "his daughter"."""
    toks = tokens(text, lo, start)
    if (
        not toks
        or not is_plain_gap(text[toks[-1].end() : start])
        or not toks[-1].group()[0].islower()
        or lower_bare(toks[-1].group()) not in ROLES
    ):
        return None
    k = len(toks) - 1
    while k > 0 and len(toks) - k < 4 and is_plain_gap(text[toks[k - 1].end() : toks[k].start()]):
        low = toks[k - 1].group().lower()
        if (low in STOP or low in DETS) and low not in ("his", "her", "their"):
            break
        k -= 1
        if low in DETS:
            break
    return Span(toks[k].start(), toks[-1].end())


def _month_date(text: str, tok: Token, lo: int) -> bool:
    before = r"\b(?:in|by|since|until|of|last|next|this|early|late|mid)\s+$"
    return bool(
        re.match(r"\.?\s*\d", text[tok.end() : tok.end() + 4])
        or re.search(before, text[lo : tok.start()], re.IGNORECASE)
    )


def _run_mentions(text: str, sent: Span) -> Iterator[_Mention]:
    lo, hi = sent.start, sent.end
    first = strip_span(text, lo, hi).start
    for m in RUN.finditer(text, lo, hi):
        toks = tokens(text, m.start(), m.end())
        parts: list[list[Token]] = [[]]
        for k, tok in enumerate(toks):  # "Russia Ukraine’s Special Forces": a possessive ends a name
            parts[-1].append(tok)
            if is_possessive(tok.group()) and k < len(toks) - 1:
                parts.append([])
        for whole in parts:
            at = whole[0].start()
            initial = at == first or text[at - 2 : at] in ("  ", ": ")
            # From the first word that is neither a common word nor a month-like capital on.
            first_name = next(
                (k for k, u in enumerate(whole) if not (u.group().lower() in COMMON or u.group() in SKIP_CAPS)),
                len(whole),
            )
            part = whole[first_name:]
            if not part or (part[0].group() == "May" and len(part) == 1 and _month_date(text, part[0], lo)):
                continue
            (a, _), role_pair = split_name(text, part[0].start(), part[-1].end())
            name = [tok for tok in part if tok.start() >= a]
            while len(name) > 1 and (
                name[0].group() in DEMONYMS or (name[0].group() in ("North", "South") and name[1].group() in DEMONYMS)
            ):
                name = name[1:]
            words = [tok.group() for tok in name]
            demonyms = all(w.removesuffix("s") in DEMONYMS | {"North", "South"} for w in words)
            if demonyms or (len(words) == 1 and (lower_bare(words[0]) in ROLES or words[0] in SKIP_CAPS - {"May"})):
                continue
            end = name[-1].end() - (2 if words[-1].endswith(("'s", "’s")) else is_possessive(words[-1]))
            app = appositive(text, name[-1].end(), hi)
            role = Span(*role_pair) if role_pair else _role_before(text, name[0].start(), lo)
            role = role or (Span(*app) if app and not {w.lower() for w in words} & ORG else None)
            aged = bool(re.match(r", \d{1,3},", text[end : end + 6]))
            single = initial and len(words) == 1
            opens = name[0].start() == at and initial
            yield _Mention(Span(name[0].start(), end), role, single, role_pair is not None, aged, opens)


def _actor_kind(text: str, group: list[_Mention]) -> ActorKind:
    full = max((m.name.of(text) for m in group), key=lambda n: len(n.split()))
    words = full.split()
    if full in COUNTRIES:
        return "country"
    if {lower_bare(w) for w in words} & ORG or (len(words) == 1 and full.isupper() and len(full) > 1):
        return "organization"
    if any(m.titled or (m.role and {lower_bare(w) for w in m.role.of(text).split()[:4]} & ROLES) for m in group):
        return "person"
    return "person" if personish(words) and (len(group) > 1 or any(m.aged for m in group)) else "other"


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _occurs(text: str, word: str) -> bool:
    """Whether ``word`` occurs as written, not after a letter or a dot, and ends on a word boundary."""
    at = text.find(word)
    while at >= 0 and word:
        before = text[at - 1] if at else " "
        after = text[at + len(word) : at + len(word) + 1]
        if not (_is_word(before) or before == ".") and _is_word(word[-1]) != (after != "" and _is_word(after)):
            return True
        at = text.find(word, at + 1)
    return False


def _groups(text: str, sentences: Sequence[Span]) -> list[list[_Mention]]:
    """Mentions grouped by actor; cached, since attributions and actors both need them for one article."""
    return _groups_of(text, tuple(sentences))


@lru_cache(maxsize=4)
def _groups_of(text: str, sentences: tuple[Span, ...]) -> list[list[_Mention]]:
    """Mentions grouped by actor: same name, alias (U.S./US), surname (Kasem), acronym (NYT)."""
    groups: dict[str, list[_Mention]] = {}
    for m in (m for sent in sentences for m in _run_mentions(text, sent)):
        name = m.name.of(text).replace("’", "'")  # "O’Neill" and "O'Neill" are one name
        groups.setdefault(ALIASES.get(name, name), []).append(m)
    _drop_openers(text, groups)
    for key in sorted(groups, key=lambda k: len(k.split())):
        longer = [k for k in groups if len(k.split()) > len(key.split())]
        acronym = [
            k
            for k in longer
            if len(key) > 1
            and key.isupper()
            and key == "".join(w[0] for w in k.split() if w[0].isupper() and w != "The")
        ]
        surname = [
            k
            for k in longer
            if k.lower().endswith(" " + key.lower()) and personish(k.split()) and _same_person(text, groups, key, k)
        ]
        target = max(acronym or surname, key=lambda k: len(groups[k]), default=None)
        if target:
            groups[target].extend(groups.pop(key))
    keep = []
    for key, group in groups.items():
        known = key in COUNTRIES or key.lower() in ORG
        lowered = _occurs(text, key.lower())
        short = key.isupper() and 2 <= len(key) <= 5  # "RT", "AP": no ordinary word opening a sentence
        if short or not (all(m.initial for m in group) and (lowered or not known) and not any(m.role for m in group)):
            keep.append(sorted(group, key=lambda m: m.name.start))
    return keep


def _drop_openers(text: str, groups: dict[str, list[_Mention]]) -> None:
    """ "Rival Hillary Clinton" (opening a sentence) and "Democrat Hillary Clinton" are mentions of the
    article's "Hillary Clinton": a party word, or an ordinary word (one the article also writes in lower case)
    opening every sentence the longer name opens, before a person's name the article also writes alone is no
    part of that name ("John Le Carré" opening sentences keeps "John")."""
    for key in sorted(groups, key=lambda k: -len(k.split())):
        first, _, rest = key.partition(" ")
        if len(rest.split()) < 2 or rest not in groups or not personish(rest.split()):
            continue
        ordinary = _occurs(text, first.lower()) or first.lower().endswith("ing")  # "rival", "Injecting"
        if first in PARTIES or (ordinary and all(m.opens for m in groups[key])):
            for m in groups[key]:
                m.name = Span(m.name.start + len(first) + 1, m.name.end)
            groups[rest].extend(groups.pop(key))


_HONORIFICS = frozenset("mr. mrs. ms. miss dr. mr mrs ms".split())


def _same_person(text: str, groups: dict[str, list[_Mention]], surname: str, full: str) -> bool:
    """Whether a surname can stand for this full name: not when the article gave it a title of its own first.

    "President Obama" before any "Michelle Obama" is another person; "Trump said" before "Donald Trump"
    (or in the headline) is not.
    """
    body = text.find("\n") + 1
    first_full = min((m.name.start for m in groups[full] if m.name.start >= body), default=len(text))
    for m in groups[surname]:
        if body <= m.name.start < first_full and m.role:
            role = {lower_bare(w) for w in m.role.of(text).split()}
            if role - _HONORIFICS:
                return False
    return True


def find_actors(text: str, sentences: Sequence[Span]) -> list[ActorCandidate]:
    """People, organizations and countries named in the sentences, most mentioned first, then text order."""
    out = []
    for group in _groups(text, sentences):
        most = max(len(m.name.of(text).split()) for m in group)
        full = next(m for m in group if len(m.name.of(text).split()) == most)
        role = full.role or next((m.role for m in group if m.role), None)
        out.append(
            ActorCandidate(
                full.name.of(text),
                full.name,
                role.of(text) if role else None,
                role,
                _actor_kind(text, group),
                len(group),
                tuple(m.name for m in group),
            )
        )
    return sorted(out, key=lambda a: (-a.mentions, a.name_span.start))


def person_mentions(text: str, sentences: Sequence[Span]) -> list[tuple[Span, Span | None]]:
    """Every mention (name, role) of a person, in text order; pronouns resolve against these."""
    mentions = (
        (m.name, m.role)
        for group in _groups(text, sentences)
        if _actor_kind(text, group) == "person" and (len(group) > 1 or group[0].role)
        for m in group
    )
    return sorted(mentions, key=lambda pair: pair[0].start)
