"""Trie-built alternations match exactly what the plain longest-first alternation matches."""

from __future__ import annotations

import re

from summarizer.patterns import alternation

WORDS = ["said", "says", "say", "saying", "according to", "as", "as reported by", "told", "tell", "t", "Said"]
TEXT = (
    "He says so; she said, saying it, as   reported  by AP, according\nto Reuters. Tell Saida: T told "
    "the sayer as a say. SAID they, t."
)


def _plain(words: list[str], any_space: bool) -> str:
    escaped = (re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return "|".join(e.replace(r"\ ", r"\s+") if any_space else e for e in escaped)


def test_a_trie_matches_what_the_longest_first_alternation_matches() -> None:
    for any_space in (False, True):
        for flags in (0, re.IGNORECASE):
            trie = re.compile(rf"(?<!\w)(?:{alternation(WORDS, any_space=any_space)})(?!\w)", flags)
            plain = re.compile(rf"(?<!\w)(?:{_plain(WORDS, any_space)})(?!\w)", flags)
            assert [m.span() for m in trie.finditer(TEXT)] == [m.span() for m in plain.finditer(TEXT)]
            assert trie.findall(TEXT), "the sample has matches to compare"


def test_a_space_matches_any_white_space_only_when_asked() -> None:
    assert re.fullmatch(alternation(["according to"], any_space=True), "according \n to")
    assert not re.fullmatch(alternation(["according to"]), "according  to")
    assert re.fullmatch(alternation(["a.b"]), "a.b") and not re.fullmatch(alternation(["a.b"]), "axb")


def test_empty_items_match_nothing() -> None:
    assert alternation([]) == "" and alternation(["", "x"]) == "x"
