"""Patterns of web page furniture: datelines, ads, share and comment lines, bylines, bios, captions, injections.

Tables for ``clean``; each pattern is matched against a whole stripped line or a paragraph's tail.
"""

from __future__ import annotations

import re
from typing import Literal

from ..calendar import DATE_LANGUAGES, DAY, MONTH, local_date_pattern, weekday_names

__all__ = [
    "BIO_START",
    "BIO_WORDS",
    "BONUS_AD",
    "BY",
    "BY_STOP",
    "CAPTION_LEAD",
    "CAPTION_TAIL",
    "CONTACT_INFO",
    "CREDIT_ONLY",
    "DATELINE",
    "ENDS_SENTENCE",
    "INJECTION",
    "LINE_RULES",
    "LOCAL_DATELINE",
    "LOCAL_PAGE_DATE",
    "LONE_NAME",
    "PAGE_DATE",
    "REPORTER",
    "TRAILING",
    "RemovalReason",
    "dateline_place",
]

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

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,5})?"
_DATE = (
    rf"(?:{MONTH}\s+{DAY},?\s+\d{{4}}|{DAY}\s+{MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})"
)
_WEEKDAY = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
# The devset's "(Jun 15, 2014  9:54 AM CDT) " opener.
DATELINE = re.compile(rf"\(\s*{MONTH}\s+\d{{1,2}},\s+\d{{4}}\s+{_TIME}\s*\)")
PAGE_DATE = re.compile(
    rf"(?:(?:published|updated|posted)(?:\s+on)?\s*:?\s*)?(?:{_WEEKDAY}\s+)?{_DATE}"
    rf"(?:\s*(?:,|at|-|\||·)?\s*{_TIME})?",
    re.I,
)

# Other languages (``calendar.DATE_LANGUAGES``): "MADRID, 12 de marzo de 2024 —", "Berlin, 12. März 2024 (dpa) –",
# "PARIS, mardi 12 mars 2024 -": a place, a date (weekday first or not), an agency in brackets, a dash.
_LOCAL_DATE = local_date_pattern()
_LOCAL_WEEKDAY = (
    "(?i:" + "|".join(sorted({w for lang in DATE_LANGUAGES for w in weekday_names(lang)}, key=len)[::-1]) + ")"
)
_PLACE = r"[^\W\d_][\w'’.-]*(?:[ -][^\W\d_][\w'’.-]*){0,3}"
LOCAL_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}),\s+(?:{_LOCAL_WEEKDAY},?\s+)?{_LOCAL_DATE}"
    r"(?:\s*\([^()\n]{1,30}\))?\s*(?:[-–—:]+|\.-|\.(?=\s))\s*"
)
LOCAL_PAGE_DATE = re.compile(
    rf"(?:{_LOCAL_WEEKDAY},?\s+)?{_LOCAL_DATE}(?:\s*(?:,|-|\||·)?\s*\d{{1,2}}[:.h]\d{{2}}(?:\s*(?:Uhr|h))?)?"
)

_EMAIL = r"(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[\s*email\s+protected\s*\])"
_PHONE = r"(?<!\d)(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"
CONTACT_INFO = re.compile(rf"{_EMAIL}|{_PHONE}|https?://\S+|www\.\S+", re.I)
ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_NAME_WORDS = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}"
LONE_NAME = re.compile(r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’.-]*){1,3}")

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
LINE_RULES = tuple((reason, re.compile(p + r"\s*[.:»›>→…]*", re.I)) for reason, p in _LINE_PATTERNS)
# Text addressed to a language model rather than to readers: hostile page furniture.
INJECTION = re.compile(
    r"(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:the\s+)?(?:previous|prior|above|earlier)\s+"
    r"(?:instructions|prompts?|rules)\b|\b(?:you\s+are\s+now|as\s+an\s+ai\b|system\s+prompt\b)"
    r"|\breport\s+confidence\s+(?:high|low|medium)\b",
    re.I,
)
BONUS_AD = re.compile(
    r"\b\d+\s?%\s+(?:first\s+)?deposit\s+bonus|\bfree\s+spins\b|\bno[- ]deposit\s+bonus"
    r"|\b(?:casino|welcome|sign[- ]up)\s+bonus\b|\bbet\s+now\b",
    re.I,
)
BY = re.compile(
    r"(?:(?:written|posted|prepared|edited|compiled|reported|story|words|text|photos?)\s+)?"
    r"by\s*:?\s+(.+)",
    re.I,
)
BY_STOP = frozenset(
    (
        "the a an this that these those its his her their our my your way far now then contrast comparison "
        "law design default chance accident day night land sea air car train plane foot hand all some most "
        "many more no one two three next last early late end nearly about almost over around up down mid"
    ).split()
)
REPORTER = re.compile(
    rf"(?i:reporter|correspondent|staff\s+writer|journalist)\s+({_NAME_WORDS})"
    rf"(?:\s+{_EMAIL})?"
)
CAPTION_LEAD = re.compile(
    r"\(\s*(?:photo|image|picture)\b[^()]{0,80}\)"
    r"|(?:file\s+)?(?:photo(?:graph)?s?|image|picture|pic)(?:\s+(?:source|credit))?"
    r"\s*[:=|]|(?:photo\s+|image\s+)?(?:credit|caption)\s*:",
    re.I,
)
CAPTION_TAIL = re.compile(
    r"\b(?:photo(?:graph)?|image|picture)(?:\s+(?:source|credit|courtesy))?\s*[:=]\s*"
    r"[^.!?:]{1,80}|\((?:photo|image|picture)\b[^()]{0,80}\)|\(getty\s+images\)"
    r"|\(AP\s+Photo[^()]{0,60}\)",
    re.I,
)
CREDIT_ONLY = re.compile(
    r"(?:\S+(?:\s+\S+){0,2}|\S+/\S+"
    r"|.*\b(?:reuters|ap|afp|getty|epa|shutterstock|yonhap|xinhua|courtesy|file)\b.*)",
    re.I,
)
TRAILING: tuple[tuple[RemovalReason, re.Pattern[str]], ...] = (
    # An injection after the news of a paragraph: from the sentence it starts in to the paragraph's end.
    ("injection", re.compile(rf"(?<=[.!?”\"])\s+((?:{INJECTION.pattern}).*)$", re.I | re.S)),
    ("navigation", re.compile(r"(?<=[.!?”\"])\s+((?:read\s+more|continue\s+reading)\s*[.»›>→…]*)\s*$", re.I)),
    (
        "byline",
        re.compile(
            rf"(?<=[.!?”\"])\s+((?:Reporter|Correspondent)\s+{_NAME_WORDS}\s+{_EMAIL}"
            rf"|{_EMAIL})\s*$"
        ),
    ),
)
BIO_START = re.compile(r"([A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s+(?:is|was|has\s+been|joined|covers|writes)\b")
BIO_WORDS = re.compile(
    r"\b(?:reporter|writer|journalist|correspondent|editor|columnist|contributor"
    r"|freelancer|news\s+desk|get\s+in\s+touch|contact\s+me|reach\s+(?:him|her|me)"
    r"|can\s+be\s+reached)\b",
    re.I,
)


def dateline_place(dateline: str | None) -> str | None:
    """The place a dateline names ("MADRID, 12 de marzo de 2024 —" → "Madrid"), title-cased when shouted."""
    match = LOCAL_DATELINE.match(dateline or "")
    if match is None:
        return None
    place = match.group("place")
    return place.title() if place.isupper() else place
