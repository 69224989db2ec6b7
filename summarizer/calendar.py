"""Calendar words, defined once: month names and numbers, the month pattern, weekday names.

Every reader of dates derives from these: the datelines and page dates of ``read.furniture``, the
date figures of ``evidence.figures``, the dates of ``evidence.when``, the capitalized words that
``evidence.lexicon`` does not take for names, and the abbreviations before which
``evidence.sentences`` does not end a sentence when a number follows ("Jan. 5").
"""

from __future__ import annotations

__all__ = ["DAY", "MONTH", "MONTHS", "MONTH_ABBREVIATIONS", "WEEKDAY", "WEEKDAYS"]

# Each month as the articles write it, shortest first; each name is a prefix of the next.
_MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
    ("nov", "november"), ("dec", "december"),
)  # fmt: skip

# Lower-case month name or abbreviation → month number: "sept" → 9.
MONTHS: dict[str, int] = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}

# The abbreviations (every name of a month but its full one): "jan" … "sep", "sept" … "dec"; not "may".
MONTH_ABBREVIATIONS: frozenset[str] = frozenset(name for names in _MONTH_NAMES for name in names[:-1])

WEEKDAYS: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _nested(names: list[str]) -> str:
    """One pattern for names that are prefixes of each other: ["Sep", "Sept", "September"] → "Sep(?:t(?:ember)?)?"."""
    head, *longer = names
    if not longer:
        return head
    return f"{head}(?:{_nested([name[len(head) :] for name in longer])})?"


# A month name or abbreviation, capitalized, as a whole word, with an optional period: "Oct.", "September".
MONTH = "(?:" + "|".join(_nested([n.capitalize() for n in names]) for names in _MONTH_NAMES) + r")\b\.?"

# A weekday's full name, capitalized: "Friday".
WEEKDAY = "(?:" + "|".join(day.capitalize() for day in WEEKDAYS) + ")"

# A day of the month, with an ordinal suffix or not: "5", "23rd".
DAY = r"\d{1,2}(?:st|nd|rd|th)?"
