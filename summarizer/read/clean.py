"""Remove web page furniture from a plain-text article, keeping offsets into the original.

Cleaning never rewrites the text. It sorts every non-blank stretch of the article into
exactly one of three bins: body paragraphs, photo captions, or removed furniture (ads,
share bars, bylines, reporter bios, contact lines, datelines, ...), all as spans into the
original string. Rules are deliberately conservative: a line is furniture only when it is
nothing else, so a news sentence that mentions a phone, a bonus or a comment stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..spans import Span, strip_span
from .furniture import (
    BIO_START,
    BIO_WORDS,
    BONUS_AD,
    BY,
    BY_STOP,
    CAPTION_LEAD,
    CAPTION_TAIL,
    CONTACT_INFO,
    CREDIT_ONLY,
    DATELINE,
    ENDS_SENTENCE,
    INJECTION,
    LINE_RULES,
    LOCAL_DATELINE,
    LOCAL_PAGE_DATE,
    LONE_NAME,
    PAGE_DATE,
    REPORTER,
    TRAILING,
    RemovalReason,
)

__all__ = ["CleanedArticle", "Removal", "RemovalReason", "clean_text"]


@dataclass(frozen=True, slots=True)
class Removal:
    """A stretch of the article dropped as furniture, and why."""

    span: Span
    reason: RemovalReason


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    """The article split into body paragraphs, captions and removed furniture.

    ``text`` is the original article; every span indexes into it. ``body`` holds the kept
    paragraphs (title and sub-heads included) in order; ``captions`` the photo captions,
    which are kept out of ``body``; ``removed`` everything dropped. ``dateline`` is the
    leading dateline or page date line, if any (also listed in ``removed``): English, or
    in a language of ``calendar.DATE_LANGUAGES`` ("MADRID, 12 de marzo de 2024 —").
    """

    text: str
    title: Span | None
    body: tuple[Span, ...]
    captions: tuple[Span, ...]
    removed: tuple[Removal, ...]
    dateline: Span | None


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())


def _byline_name(line: str) -> str | None:
    """The credited name if ``line`` is a byline ("By Natasha Kumar", "Reporter X [email]")."""
    if len(line) > 100:
        return None
    m = REPORTER.fullmatch(line)
    if m:
        return m.group(1)
    m = BY.fullmatch(line)
    if not m or ENDS_SENTENCE.search(line):
        return None
    name = re.split(r"\s*(?:[,|•·/]|\s[-–—]\s|\b(?:updated|published)\b)", m.group(1), maxsplit=1)[0]
    words = name.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in BY_STOP:
        return None
    if not all(re.fullmatch(r"[^\W\d_][\w.'’&-]*", w) for w in words):
        return None
    return name


def _line_reason(line: str) -> RemovalReason | None:
    """Why a whole stripped line is furniture, or None if it may be content."""
    if INJECTION.match(line):
        return "injection"
    for reason, pattern in LINE_RULES:
        if pattern.fullmatch(line):
            return reason
    if BONUS_AD.search(line) and not ENDS_SENTENCE.search(line):
        return "ad"
    if _byline_name(line) is not None:
        return "byline"
    if CONTACT_INFO.search(line) and len(line) <= 120:
        rest = CONTACT_INFO.sub(" ", line)
        rest = re.sub(r"(?i)\b(?:contact|us|e-?mail|tel|phone|fax|call|at|me|or|and|to)\b|[^\w\s]", " ", rest)
        if len(rest.split()) <= 2:
            return "contact"
    return None


def _lines(text: str) -> list[tuple[Span, int]]:
    """Stripped non-blank lines, each with the number of the blank-line-separated block it is in."""
    out: list[tuple[Span, int]] = []
    block, pos = 0, 0
    for raw in text.split("\n"):
        span = strip_span(text, pos, pos + len(raw))
        if span:
            out.append((span, block))
        elif out and out[-1][1] == block:
            block += 1
        pos += len(raw) + 1
    return out


def _joins(prev: str, nxt: str, wrapped: bool) -> bool:
    """Whether two adjacent lines of one block are one hard-wrapped paragraph."""
    if wrapped:
        return True
    if ENDS_SENTENCE.search(prev) or prev.endswith((":", ";", "”", '"')):
        return False
    return nxt[:1].islower() or prev.endswith((",", "-", "–", "—"))


def _wrapped(lines: list[str]) -> bool:
    """Whether a block of three or more lines was hard-wrapped at a fixed width.

    At a wrap, the next line's first word would not have fitted on the line before it.
    """
    width = max(map(len, lines))
    return len(lines) >= 3 and width >= 40 and all(len(a) + 1 + len(b.split()[0]) > width for a, b in pairwise(lines))


def _units(
    text: str, lines: list[tuple[Span, int]], kinds: list[RemovalReason | None]
) -> list[tuple[Span, RemovalReason | None]]:
    """Merge hard-wrapped content lines into paragraphs; furniture lines stay units of their own."""
    blocks: dict[int, list[str]] = {}
    for span, block in lines:
        blocks.setdefault(block, []).append(span.of(text))
    wrapped = {b: _wrapped(ls) for b, ls in blocks.items()}
    units: list[tuple[Span, RemovalReason | None]] = []
    for i, (span, block) in enumerate(lines):
        if (
            units
            and kinds[i] is None
            and units[-1][1] is None
            and lines[i - 1][1] == block
            and _joins(lines[i - 1][0].of(text), span.of(text), wrapped[block])
        ):
            units[-1] = (Span(units[-1][0].start, span.end), None)
        else:
            units.append((span, kinds[i]))
    return units


def _split_caption(text: str, span: Span) -> tuple[Span | None, Span | None] | None:
    """(label, caption) if ``span`` is a photo caption paragraph, else None."""
    s = span.of(text)
    m = CAPTION_LEAD.match(s)
    if m:
        rest = strip_span(text, span.start + m.end(), span.end)
        if not rest or CREDIT_ONLY.fullmatch(rest.of(text)):
            return span, None
        return strip_span(text, span.start, span.start + m.end()), rest
    for m in CAPTION_TAIL.finditer(s):
        if m.end() == len(s.rstrip(". ")) and m.start() > 0:
            head = strip_span(text, span.start, span.start + m.start())
            return Span(span.start + m.start(), span.end), head or None
    return None


def _is_prose(s: str) -> bool:
    return len(s.split()) >= 8 and bool(ENDS_SENTENCE.search(s))


def _context_pass(text: str, units: list[tuple[Span, RemovalReason | None]]) -> list[RemovalReason | None]:
    """Reasons that depend on neighbours: related lists, bios, lone author names."""
    kinds = [k for _, k in units]
    strs = [u.of(text) for u, _ in units]
    for i in range(1, len(units)):
        # Headlines listed under a bare "Related posts" header ("Related: X" is a link of its own).
        if (
            kinds[i] is None
            and kinds[i - 1] == "related"
            and ":" not in strs[i - 1].rstrip(": ")
            and not ENDS_SENTENCE.search(strs[i])
            and len(strs[i]) <= 150
        ):
            kinds[i] = "related"
    names = {_norm(n) for s, k in zip(strs, kinds, strict=True) if k == "byline" and (n := _byline_name(s))}
    changed = True
    while changed:
        changed = False
        for i, s in enumerate(strs):
            if kinds[i] is not None:
                continue
            near = {kinds[j] for j in (i - 1, i + 1) if 0 <= j < len(kinds)} & {"byline", "bio", "contact"}
            tail = not any(kinds[j] is None and _is_prose(strs[j]) for j in range(i + 1, len(strs)))
            start = BIO_START.match(s)
            if (
                BIO_WORDS.search(s)
                and start
                and (near or tail)
                and (CONTACT_INFO.search(s) or _norm(start.group(1)) in names)
            ):
                kinds[i] = "bio"
            elif near and LONE_NAME.fullmatch(s) and len(s) <= 40 and (_norm(s) in names or "bio" in near):
                kinds[i] = "bio"
                names.add(_norm(s))
            else:
                continue
            changed = True
    return kinds


def clean_text(text: str) -> CleanedArticle:
    """Sort ``text`` into body paragraphs, photo captions and removed furniture, as spans into ``text``."""
    removed: list[Removal] = []
    dateline: Span | None = None
    lines = _lines(text)
    at = lines[0][0].start if lines else 0
    if lines and (m := DATELINE.match(text, at) or LOCAL_DATELINE.match(text, at, lines[0][0].end)):
        dateline = Span(m.start(), m.end())
        removed.append(Removal(dateline, "dateline"))
        rest = strip_span(text, m.end(), lines[0][0].end)
        lines = ([(rest, lines[0][1])] if rest else []) + lines[1:]
    kinds: list[RemovalReason | None] = [_line_reason(s.of(text)) for s, _ in lines]
    for i, (span, _) in enumerate(lines):
        if kinds[i] is None and (PAGE_DATE.fullmatch(span.of(text)) or LOCAL_PAGE_DATE.fullmatch(span.of(text))):
            kinds[i] = "page_date"
            dateline = dateline or span
        elif kinds[i] is None:
            break
    units = _units(text, lines, kinds)
    kinds = _context_pass(text, units)

    spans = [span for span, _ in units]
    captions_of: dict[int, tuple[Span | None, Span | None]] = {}
    for i, span in enumerate(spans):
        if kinds[i] is not None:
            continue
        if (caption := _split_caption(text, span)) is not None:
            captions_of[i] = caption
            continue
        for reason, pattern in TRAILING:
            if m := pattern.search(spans[i].of(text)):
                start = spans[i].start
                removed.append(Removal(Span(start + m.start(1), start + m.end(1)), reason))
                spans[i] = strip_span(text, start, start + m.start(1))

    title: Span | None = None
    first = next((i for i, k in enumerate(kinds) if k is None), None)
    if first is not None and first + 1 < len(units) and first not in captions_of:
        head = spans[first].of(text)
        if "\n" not in head and len(head) <= 200 and not head.endswith((".", ",", ";", ":")):
            title = spans[first]

    body: list[Span] = []
    captions: list[Span] = []
    for i, (span, kind) in enumerate(zip(spans, kinds, strict=True)):
        if kind is not None:
            removed.append(Removal(span, kind))
        elif title is not None and span != title and _norm(span.of(text)) == _norm(title.of(text)):
            removed.append(Removal(span, "duplicate_headline"))
        elif i in captions_of:
            label, kept = captions_of[i]
            if label is not None:
                removed.append(Removal(label, "caption_label"))
            if kept is not None:
                captions.append(kept)
        else:
            body.append(span)
    removed.sort(key=lambda r: r.span)
    return CleanedArticle(text, title, tuple(body), tuple(captions), tuple(removed), dateline)
