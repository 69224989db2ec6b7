"""When the news happened, as the article states it.

The first date expression of the lead ("on Friday", "October 23", "on the 23rd (local time)",
"yesterday") is reported verbatim. A weekday is resolved to a calendar date only when the article
itself gives the date it was published (a dateline such as "(Jun 15, 2014 9:54 AM CDT)" or a page
date "Sat. Oct 26th, 2024"); with no such date, the phrase stays as written.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..calendar import DAY, MONTH, MONTHS, WEEKDAY, WEEKDAYS

__all__ = ["find_when", "parse_dateline"]

_SAME_DAY = ("today", "tonight", "this morning", "this afternoon", "this evening")
_WHEN = re.compile(
    rf"\b(?:{WEEKDAY}(?:,? {MONTH} {DAY})?"
    rf"|{MONTH} {DAY}(?:, \d{{4}})?"
    rf"|the {DAY}(?: \(local time\))?"
    rf"|(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week)|last (?:night|week|month|year)))\b"
)
_DATELINE = re.compile(rf"({MONTH}) (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})")


def parse_dateline(text: str | None) -> date | None:
    """The publication date in a dateline or page date, if it gives one."""
    match = _DATELINE.search(text or "")
    if match is None:
        return None
    month = MONTHS.get(match.group(1).rstrip(".").lower())
    try:
        return date(int(match.group(3)), month, int(match.group(2))) if month else None
    except ValueError:
        return None


def find_when(sentences: list[str], dateline: str | None) -> str | None:
    """The first date expression of ``sentences`` (resolved against the dateline), else the dateline's date."""
    published = parse_dateline(dateline)
    for sentence in sentences:
        match = _WHEN.search(sentence)
        if match is None:
            continue
        phrase = match.group(0)
        weekday = phrase.split(",")[0].lower()
        if published is not None and weekday in WEEKDAYS and phrase.lower() == weekday:
            back = (published.weekday() - WEEKDAYS.index(weekday)) % 7
            return f"{phrase} ({(published - timedelta(days=back)).isoformat()})"
        if published is not None and phrase.lower() in (*_SAME_DAY, "yesterday"):
            day = published - timedelta(days=1 if phrase.lower() == "yesterday" else 0)
            return f"{phrase} ({day.isoformat()})"
        return phrase
    return published.isoformat() if published is not None else None
