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
from typing import Literal

from ._text import Span, strip_span

__all__ = ["CleanedArticle", "Removal", "RemovalReason", "clean_text"]

RemovalReason = Literal[
    "ad",
    "related",
    "share",
    "comment",
    "bio",
    "byline",
    "contact",
    "caption_label",
    "page_date",
    "dateline",
    "duplicate_headline",
    "navigation",
    "injection",
]


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
    leading dateline or page date line, if any (also listed in ``removed``).
    """

    text: str
    title: Span | None
    body: tuple[Span, ...]
    captions: tuple[Span, ...]
    removed: tuple[Removal, ...]
    dateline: Span | None


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
# The devset's "(Jun 15, 2014  9:54 AM CDT) " opener.
_DATELINE = re.compile(rf"\(\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\s+{_TIME}\s*\)")
_PAGE_DATE = re.compile(
    rf"(?:(?:published|updated|posted)(?:\s+on)?\s*:?\s*)?(?:{_WEEKDAY}\s+)?{_DATE}"
    rf"(?:\s*(?:,|at|-|\||·)?\s*{_TIME})?",
    re.I,
)

_EMAIL = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\s*email\s+protected\s*\])"
_PHONE = r"(?<!\d)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"
_CONTACT_INFO = re.compile(rf"{_EMAIL}|{_PHONE}|https?://\S+|www\.\S+", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_NAME_WORDS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
_LONE_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’.-]*){1,3}")

# Whole-line furniture, matched case-insensitively against the stripped line.
_LINE_PATTERNS: tuple[tuple[RemovalReason, str], ...] = (
    (
        "ad",
        r"(?:advertisement|advertising|ad|sponsored(?:\s+(?:content|links?|posts?|stories))?"
        r"|promoted(?:\s+content)?|paid\s+(?:post|content))",
    ),
    (
        "related",
        r"(?:related(?:\s+(?:posts?|articles?|stories|news|content|coverage|reading|links?))?"
        r"|(?:read|see)\s+also|also\s+read|more\s+(?:stories|news|articles)(?:\s+from\s+.{1,40})?"
        r"|recommended(?:\s+(?:for\s+you|stories|articles))?|hot\s+news(?:\s+now)?"
        r"|trending(?:\s+now)?|you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)"
        r"|most\s+(?:read|popular)|top\s+stories|latest\s+(?:news|posts|stories)"
        r"|editor'?s\s+picks?|don'?t\s+miss|further\s+reading"
        r"|(?:related|read\s+also|see\s+also|also\s+read|more)\s*:\s*[^.!?]{1,150})",
    ),
    (
        "share",
        r"(?:share(?:\s+(?:this|the)\s+(?:article|story|post|page))?(?:\s+(?:on|via|with)\s+.{1,40})?"
        r"|(?:(?:share|tweet|email|e-mail|print|copy\s+link|facebook|twitter|x|whatsapp|linkedin"
        r"|telegram|reddit|pinterest|messenger|flipboard|sms)\b[\s,|•·/]*){2,}"
        r"|subscribe(?:\s+(?:now|today|here|to\s+.{1,60}))?|follow\s+us\b.{0,80}"
        r"|like\s+us\s+on\s+.{1,40}"
        r"|sign\s+up\s+(?:for|to)\s+(?:our|the)\s+.{0,60}(?:newsletter|alerts|updates))",
    ),
    (
        "comment",
        r"(?:leave\s+a\s+(?:comment|reply)|post\s+a\s+comment|add\s+(?:a\s+)?comment|\d+\s+comments?"
        r"|comments?(?:\s*\(\d+\))?|(?:view|show)\s+comments|no\s+comments(?:\s+yet)?"
        r"|join\s+the\s+(?:discussion|conversation)|cancel\s+reply|(?:you\s+must\s+be\s+logged\s+in"
        r"|your\s+email\s+address\s+will\s+not\s+be\s+published|required\s+fields\s+are\s+marked)\b.*)",
    ),
    (
        "navigation",
        r"(?:home|menu|search|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top"
        r"|(?:next|prev(?:ious)?)\s+(?:article|post|story)|read\s+more|continue\s+reading"
        r"|click\s+here\b.{0,80}|(?:load|see|show)\s+more"
        r"|(?:tags?|categories|category|filed\s+under)\s*:.{0,150}|home\s*[»>›/|].{0,150})",
    ),
    ("contact", r"(?:contact(?:\s+us)?|e-?mail|tel(?:ephone)?|phone|fax)\s*:\s*.{1,100}"),
)
_LINE_RULES = tuple((reason, re.compile(p + r"\s*[.:»›>→…]*", re.I)) for reason, p in _LINE_PATTERNS)
# Text addressed to a language model rather than to readers: hostile page furniture.
_INJECTION = re.compile(
    r"(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+"
    r"(?:instructions|prompts?|rules)\b|\b(?:you\s+are\s+now|as\s+an\s+ai\b|system\s+prompt\b)"
    r"|\breport\s+confidence\s+(?:high|low|medium)\b",
    re.I,
)
_BONUS_AD = re.compile(
    r"\b\d+\s?%\s+(?:first\s+)?deposit\s+bonus|\bfree\s+spins\b|\bno[- ]deposit\s+bonus"
    r"|\b(?:casino|welcome|sign[- ]up)\s+bonus\b|\bbet\s+now\b",
    re.I,
)
_BY = re.compile(
    r"(?:(?:written|posted|prepared|edited|compiled|reported|story|words|text|photos?)\s+)?"
    r"by\s*:?\s+(.+)",
    re.I,
)
_BY_STOP = frozenset(
    (
        "the a an this that these those its his her their our my your way far now then contrast comparison "
        "law design default chance accident day night land sea air car train plane foot hand all some most "
        "many more no one two three next last early late end nearly about almost over around up down mid"
    ).split()
)
_REPORTER = re.compile(
    rf"(?i:reporter|correspondent|staff\s+writer|journalist)\s+({_NAME_WORDS})"
    rf"(?:\s+{_EMAIL})?"
)
_CAPTION_LEAD = re.compile(
    r"\(\s*(?:photo|image|picture)\b[^()]{0,80}\)"
    r"|(?:file\s+)?(?:photo(?:graph)?s?|image|picture|pic)(?:\s+(?:source|credit))?"
    r"\s*[:=|]|(?:photo\s+|image\s+)?(?:credit|caption)\s*:",
    re.I,
)
_CAPTION_TAIL = re.compile(
    r"\b(?:photo(?:graph)?|image|picture)(?:\s+(?:source|credit|courtesy))?\s*[:=]\s*"
    r"[^.!?:]{1,80}|\((?:photo|image|picture)\b[^()]{0,80}\)|\(getty\s+images\)"
    r"|\(AP\s+Photo[^()]{0,60}\)",
    re.I,
)
_CREDIT_ONLY = re.compile(
    r"(?:\S+(?:\s+\S+){0,2}|\S+/\S+"
    r"|.*\b(?:reuters|ap|afp|getty|epa|shutterstock|yonhap|xinhua|courtesy|file)\b.*)",
    re.I,
)
_TRAILING: tuple[tuple[RemovalReason, re.Pattern[str]], ...] = (
    # An injection after the news of a paragraph: from the sentence it starts in to the paragraph's end.
    ("injection", re.compile(rf"(?<=[.!?”\"])\s+((?:{_INJECTION.pattern}).*)$", re.I | re.S)),
    ("navigation", re.compile(r"(?<=[.!?”\"])\s+((?:read\s+more|continue\s+reading)\s*[.»›>→…]*)\s*$", re.I)),
    (
        "byline",
        re.compile(
            rf"(?<=[.!?”\"])\s+((?:Reporter|Correspondent)\s+{_NAME_WORDS}\s+{_EMAIL}"
            rf"|{_EMAIL})\s*$"
        ),
    ),
)
_BIO_START = re.compile(r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:is|was|has\s+been|joined|covers|writes)\b")
_BIO_WORDS = re.compile(
    r"\b(?:reporter|writer|journalist|correspondent|editor|columnist|contributor"
    r"|freelancer|news\s+desk|get\s+in\s+touch|contact\s+me|reach\s+(?:him|her|me)"
    r"|can\s+be\s+reached)\b",
    re.I,
)


def _norm(s: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", s.casefold()).split())


def _byline_name(line: str) -> str | None:
    """The credited name if ``line`` is a byline ("By Natasha Kumar", "Reporter X [email]")."""
    if len(line) > 100:
        return None
    m = _REPORTER.fullmatch(line)
    if m:
        return m.group(1)
    m = _BY.fullmatch(line)
    if not m or _ENDS_SENTENCE.search(line):
        return None
    name = re.split(r"\s*(?:[,|•·/]|\s[-–—]\s|\b(?:updated|published)\b)", m.group(1), maxsplit=1)[0]
    words = name.split()
    if not 1 <= len(words) <= 5 or words[0].lower() in _BY_STOP:
        return None
    if not all(re.fullmatch(r"[^\W\d_][\w.'’&-]*", w) for w in words):
        return None
    return name


def _line_reason(line: str) -> RemovalReason | None:
    """Why a whole stripped line is furniture, or None if it may be content."""
    if _INJECTION.match(line):
        return "injection"
    for reason, pattern in _LINE_RULES:
        if pattern.fullmatch(line):
            return reason
    if _BONUS_AD.search(line) and not _ENDS_SENTENCE.search(line):
        return "ad"
    if _byline_name(line) is not None:
        return "byline"
    if _CONTACT_INFO.search(line) and len(line) <= 120:
        rest = _CONTACT_INFO.sub(" ", line)
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
    if _ENDS_SENTENCE.search(prev) or prev.endswith((":", ";", "”", '"')):
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
    m = _CAPTION_LEAD.match(s)
    if m:
        rest = strip_span(text, span.start + m.end(), span.end)
        if not rest or _CREDIT_ONLY.fullmatch(rest.of(text)):
            return span, None
        return strip_span(text, span.start, span.start + m.end()), rest
    for m in _CAPTION_TAIL.finditer(s):
        if m.end() == len(s.rstrip(". ")) and m.start() > 0:
            head = strip_span(text, span.start, span.start + m.start())
            return Span(span.start + m.start(), span.end), head or None
    return None


def _is_prose(s: str) -> bool:
    return len(s.split()) >= 8 and bool(_ENDS_SENTENCE.search(s))


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
            and not _ENDS_SENTENCE.search(strs[i])
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
            start = _BIO_START.match(s)
            if (
                _BIO_WORDS.search(s)
                and start
                and (near or tail)
                and (_CONTACT_INFO.search(s) or _norm(start.group(1)) in names)
            ):
                kinds[i] = "bio"
            elif near and _LONE_NAME.fullmatch(s) and len(s) <= 40 and (_norm(s) in names or "bio" in near):
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
    if lines and (m := _DATELINE.match(text, lines[0][0].start)):
        dateline = Span(m.start(), m.end())
        removed.append(Removal(dateline, "dateline"))
        rest = strip_span(text, m.end(), lines[0][0].end)
        lines = ([(rest, lines[0][1])] if rest else []) + lines[1:]
    kinds: list[RemovalReason | None] = [_line_reason(s.of(text)) for s, _ in lines]
    for i, (span, _) in enumerate(lines):
        if kinds[i] is None and _PAGE_DATE.fullmatch(span.of(text)):
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
        for reason, pattern in _TRAILING:
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
