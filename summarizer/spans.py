"""Spans into the article text, shared by cleaning, evidence and verification.

Every offset in summarizer is a Python string index into the *article text*:
the decoded file (or the text extracted from HTML), never a cleaned copy.
Cleaning only marks ranges as removed, so offsets never need translating.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Span", "overlaps", "strip_span"]


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets into the article text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The characters of ``text`` this span covers."""
        return text[self.start : self.end]

    def contains(self, other: Span) -> bool:
        """Whether ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share at least one character."""
    return a.start < b.end and b.start < a.end


def strip_span(text: str, start: int, end: int) -> Span:
    """The span ``[start, end)`` narrowed so it neither starts nor ends with white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)
