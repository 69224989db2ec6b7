"""Regular-expression alternations of many words, built as a trie so that matching stays fast.

Python's ``re`` tries the branches of ``a|b|c`` one after another at every position, so an alternation
of a few hundred cue words costs hundreds of failed attempts at each word of an article. Sharing
prefixes (``sa(?:id|ys)`` for ``said|says``) lets a position fail on its first letter. This is written
here rather than taken from a package (trieregex and the like) because it is twenty lines and needs
one thing they do not offer: a space in a phrase matching any run of white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["alternation"]

_END = ""  # the trie key that marks a complete item
_Trie = dict[str, "_Trie"]


def alternation(items: Iterable[str], *, any_space: bool = False) -> str:
    """A regex matching any of ``items``, the longest match first, as ``longest|…|shortest`` would.

    ``any_space``: a space in an item matches any white space (``\\s+``). Empty items are ignored.
    """
    trie: _Trie = {}
    for item in set(items):
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        if item:
            node[_END] = {}
    return _render(trie, any_space)


def _render(node: _Trie, any_space: bool) -> str:
    branches = [
        (r"\s+" if any_space and char == " " else re.escape(char)) + _render(child, any_space)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:  # an item ends here and longer ones go on: the longer are tried first (greedy ``?``)
        return f"(?:{body})?"
    return body
