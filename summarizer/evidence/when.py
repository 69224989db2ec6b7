"""When the news happened, as the article states it, and whether that is the event's date or the article's.

The first date expression of the lead ("on Friday", "October 23", "on the 23rd (local time)",
"yesterday"; "el martes", "12 de marzo", "gestern", "lundi" in the languages of
``calendar.DATE_LANGUAGES``) is reported verbatim, as the event's date. A weekday or "yesterday"
is resolved to a calendar date only when the article's publication date is known: from the page's
metadata (``article:published_time``), else a dateline such as "(Jun 15, 2014 9:54 AM CDT)" or
"MADRID, 12 de marzo de 2024 —", else a page date "Sat. Oct 26th, 2024". With no date in the lead,
``when`` is the publication date, and says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..calendar import (
    DATE_LANGUAGES,
    DAY,
    MONTH,
    MONTHS,
    WEEKDAY,
    WEEKDAYS,
    local_date_pattern,
    month_names,
    relative_days,
    weekday_names,
)
from ..schema import WhenKind

__all__ = ["When", "find_when", "parse_dateline", "publication_date", "resolve_when"]

_SAME_DAY = ("today", "tonight", "this morning", "this afternoon", "this evening")
_WHEN = re.compile(
    rf"\b(?:{WEEKDAY}(?:,? {MONTH} {DAY})?"
    rf"|{MONTH} {DAY}(?:, \d{{4}})?"
    rf"|the {DAY}(?: \(local time\))?"
    rf"|(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week|month|year)))\b"
)
_DATELINE = re.compile(rf"({MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class When:
    """``when`` of a brief: the phrase (with its calendar date when resolved) and what kind of date it is."""

    text: str
    kind: WhenKind


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_dateline(text: str | None) -> date | None:
    """The publication date in a dateline or page date, if it gives one (English, another known language, ISO)."""
    text = text or ""
    if match := _DATELINE.search(text):
        month = MONTHS.get(match.group(1).rstrip(".").lower())
        return _date(int(match.group(3)), month, int(match.group(2))) if month else None
    if (match := re.search(local_date_pattern(), text)) and match.group(3):
        key = match.group(2).lower().rstrip(".")
        number = next((n for lang in DATE_LANGUAGES if (n := month_names(lang).get(key))), None)
        return _date(int(match.group(3)), number, int(match.group(1))) if number else None
    if match := _ISO.search(text):
        return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    return None


def publication_date(published: str | None, dateline: str | None) -> date | None:
    """The article's publication date: the page's (ISO 8601) when it gave one, else the dateline's."""
    if published and (match := _ISO.match(published.strip())):
        found = _date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if found is not None:
            return found
    return parse_dateline(dateline)


@lru_cache(maxsize=16)
def _local_when(language: str) -> re.Pattern[str]:
    words = [*weekday_names(language), *relative_days(language)]
    names = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?i)(?<!\w)(?:{local_date_pattern(language)}|(?:{names})(?!\w))")


def _resolved(phrase: str, published: date | None, language: str | None) -> str:
    """The phrase, with the calendar date it stands for when a weekday or "yesterday" and the date is known."""
    if published is None:
        return phrase
    lower = phrase.lower()
    weekdays = WEEKDAYS if language in (None, "en") else weekday_names(language)
    relative = {"yesterday": -1, **dict.fromkeys(_SAME_DAY, 0)}
    if language not in (None, "en"):
        relative = relative_days(language)
    if lower.split(",")[0] in weekdays and lower == lower.split(",")[0]:
        back = (published.weekday() - weekdays.index(lower)) % 7
        return f"{phrase} ({(published - timedelta(days=back)).isoformat()})"
    if lower in relative:
        return f"{phrase} ({(published + timedelta(days=relative[lower])).isoformat()})"
    return phrase


def resolve_when(
    sentences: list[str], dateline: str | None, *, published: date | None = None, language: str | None = None
) -> When | None:
    """The first date expression of ``sentences`` (an event date), else the publication date.

    ``published`` is the page's publication date when known; else the dateline's is used.
    """
    published = published or parse_dateline(dateline)
    local = language in DATE_LANGUAGES
    for sentence in sentences:
        match = (_local_when(language) if local and language else _WHEN).search(sentence)
        if match is not None:
            return When(_resolved(match.group(0), published, language if local else None), "event")
    return When(published.isoformat(), "published") if published is not None else None


def find_when(sentences: list[str], dateline: str | None) -> str | None:
    """The first date expression of English ``sentences`` (resolved against the dateline), else the dateline's date."""
    when = resolve_when(sentences, dateline)
    return when.text if when else None
