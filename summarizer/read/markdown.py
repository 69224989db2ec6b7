"""Markdown rendered to plain article text, with the offset in the Markdown source of every character.

markdown-it-py parses the source (CommonMark); its block tokens carry the source lines they came
from but its inline tokens carry no offsets, so each rendered run of text is aligned to the source
here, left to right inside its block's lines, skipping what the text does not show: emphasis
markers, link targets (``[Times](url)`` renders as ``Times``), backslash escapes and entities.
Blocks (paragraphs, headings, list items, quotes) are separated by a blank line, so the cleaner
sees them as paragraphs; images, raw HTML and code blocks are left out (they are not prose).
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = ["RenderedMarkdown", "render_markdown"]

_TEXT_BLOCKS = frozenset({"paragraph_open", "heading_open"})
_SKIPPED_INLINE = frozenset({"html_inline", "image"})


@dataclass(frozen=True, slots=True)
class RenderedMarkdown:
    """The text a Markdown source shows, and for each of its characters the offset in the source."""

    text: str
    offsets: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` span of the Markdown source that the text's ``[start, end)`` was rendered from."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else (self.offsets[-1] + 1 if self.offsets else 0)
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


class _Aligner:
    """Walks the source while the rendered text grows, recording where each character came from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.chars: list[str] = []
        self.offsets: list[int] = []
        self.cursor = 0
        self.limit = len(source)

    def emit(self, text: str) -> None:
        """Append ``text``, each character matched at its next occurrence in the source (or at the cursor)."""
        if not text:
            return
        whole = self.source.find(text, self.cursor, self.limit)
        if whole >= 0 and not self.source[self.cursor : whole].strip("*_~`[]()!#>+-=|. \t\n\\&;"):
            self.chars.append(text)
            self.offsets.extend(range(whole, whole + len(text)))
            self.cursor = whole + len(text)
            return
        for char in text:  # escapes and entities: "\*" shows "*", "&amp;" shows "&"
            at = self.source.find(char, self.cursor, min(self.limit, self.cursor + 12))
            at = self.cursor if at < 0 else at
            self.chars.append(char)
            self.offsets.append(min(at, max(0, len(self.source) - 1)))
            self.cursor = at + 1 if at < self.limit else at

    def separator(self, text: str) -> None:
        """Text the rendering adds between blocks, placed at the cursor."""
        at = min(self.cursor, max(0, len(self.source) - 1))
        self.chars.append(text)
        self.offsets.extend([at] * len(text))

    def skip_balanced(self, opening: str, closing: str) -> None:
        """Move past a bracketed part the text does not show: a link's ``(url "title")`` or ``[ref]``."""
        if self.source[self.cursor : self.cursor + 1] != opening:
            return
        depth, at = 0, self.cursor
        while at < self.limit:
            char = self.source[at]
            if char == "\\":
                at += 2
                continue
            depth += (char == opening) - (char == closing)
            at += 1
            if depth == 0:
                break
        self.cursor = at


def _line_offsets(source: str) -> list[int]:
    starts = [0]
    for i, char in enumerate(source):
        if char == "\n":
            starts.append(i + 1)
    starts.append(len(source))
    return starts


def _inline(aligner: _Aligner, children: list[Token]) -> None:
    source = aligner.source
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            aligner.emit(child.content)
        elif kind in ("softbreak", "hardbreak"):
            at = source.find("\n", aligner.cursor, aligner.limit)
            if at >= 0:
                aligner.cursor = at
            aligner.emit("\n")
        elif kind == "link_close":
            if child.markup == "autolink":
                aligner.skip_balanced("<", ">") if source[aligner.cursor : aligner.cursor + 1] == "<" else None
                aligner.cursor += source[aligner.cursor : aligner.cursor + 1] == ">"
                continue
            aligner.cursor += source[aligner.cursor : aligner.cursor + 1] == "]"
            if source[aligner.cursor : aligner.cursor + 1] == "(":
                aligner.skip_balanced("(", ")")
            elif source[aligner.cursor : aligner.cursor + 1] == "[":
                aligner.skip_balanced("[", "]")
        elif kind in _SKIPPED_INLINE:
            at = source.find(child.content if kind == "html_inline" else "![", aligner.cursor, aligner.limit)
            if at < 0:
                continue
            aligner.cursor = at
            if kind == "html_inline":
                aligner.cursor += len(child.content)
            else:
                aligner.cursor += 1
                aligner.skip_balanced("[", "]")
                aligner.skip_balanced("(", ")")


def render_markdown(source: str) -> RenderedMarkdown:
    """The plain text of a Markdown article, its blocks separated by blank lines, with source offsets."""
    tokens = MarkdownIt("commonmark").parse(source)
    lines = _line_offsets(source)
    aligner = _Aligner(source)
    opened: str | None = None
    for token in tokens:
        if token.type in _TEXT_BLOCKS:
            opened = token.type
            continue
        if token.type != "inline" or opened is None or token.map is None:
            continue
        opened = None
        begin, end = token.map
        if aligner.chars:
            aligner.cursor = max(aligner.cursor, lines[begin])
            aligner.separator("\n\n")
        aligner.cursor = max(aligner.cursor, lines[begin])
        aligner.limit = lines[min(end, len(lines) - 1)]
        _inline(aligner, token.children or [])
        aligner.limit = len(source)
    text = "".join(aligner.chars)
    return RenderedMarkdown(text, tuple(aligner.offsets))
