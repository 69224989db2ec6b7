"""Calendar words, defined once: month names and numbers, the month pattern, weekday names.

Every reader of dates derives from these: the datelines and page dates of ``read.furniture``, the
date figures of ``evidence.figures``, the dates of ``evidence.when``, the capitalized words that
``evidence.lexicon`` does not take for names, and the abbreviations before which
``evidence.sentences`` does not end a sentence when a number follows ("Jan. 5").

Other languages' month and weekday names come from Babel (CLDR), for the languages of
``DATE_LANGUAGES``: ``month_names``, ``weekday_names``, ``relative_days`` and the patterns built on them.
"""

from __future__ import annotations

from functools import lru_cache

from .patterns import alternation

__all__ = [
    "DATE_JOINERS",
    "DATE_LANGUAGES",
    "DAY",
    "MONTH",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "WEEKDAY",
    "WEEKDAYS",
    "local_date_pattern",
    "month_names",
    "month_pattern",
    "relative_days",
    "weekday_names",
]

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


# Languages whose month and weekday names are known here (from Babel's CLDR data): their dates, datelines
# and page dates are read. English is the tables above.
DATE_LANGUAGES: tuple[str, ...] = ("es", "de", "fr", "it", "pt", "nl")
# Words between day, month and year: "12 de marzo de 2024" (es, pt), "12 mars 2024" (none).
DATE_JOINERS = r"(?:(?:de|del)\s+)?"


@lru_cache(maxsize=16)
def month_names(language: str) -> dict[str, int]:
    """Lower-cased month names and abbreviations of ``language`` → month number: "marzo" → 3, "mär" → 3."""
    from babel.dates import get_month_names  # noqa: PLC0415 - Babel's locale data loads on first use

    names: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names(width, context, language).items():
                names.setdefault(str(name).lower().rstrip("."), int(number))
    return names


@lru_cache(maxsize=16)
def weekday_names(language: str) -> tuple[str, ...]:
    """Lower-cased weekday names of ``language``, Monday first."""
    from babel.dates import get_day_names  # noqa: PLC0415

    names = get_day_names("wide", locale=language)
    return tuple(str(names[i]).lower() for i in range(7))


@lru_cache(maxsize=16)
def relative_days(language: str) -> dict[str, int]:
    """The words for yesterday and today in ``language`` → days from the publication date: "ayer" → -1."""
    from babel import Locale  # noqa: PLC0415

    fields = Locale.parse(language)._data["date_fields"]
    relative = fields["day"]["relative"] if "day" in fields else {}
    return {str(word).lower(): int(days) for days, word in relative.items() if -1 <= int(days) <= 0}


@lru_cache(maxsize=16)
def month_pattern(language: str | None = None) -> str:
    """A month name of ``language`` (None: of any of ``DATE_LANGUAGES``) as a whole word; match case-insensitively."""
    languages = DATE_LANGUAGES if language is None else (language,)
    names = [name for lang in languages for name in month_names(lang)]
    return rf"(?:{alternation(names)})(?!\w)\.?"


@lru_cache(maxsize=16)
def local_date_pattern(language: str | None = None) -> str:
    """A day-first date in ``language`` (None: any of ``DATE_LANGUAGES``), groups day, month, year:
    "12 de marzo de 2024", "12. März 2024", "1er mars 2024"."""
    return (
        rf"(?i:(\d{{1,2}})(?:er|º|°)?\.?\s+{DATE_JOINERS}({month_pattern(language)})"
        rf"(?:,?\s+{DATE_JOINERS}(\d{{4}}))?)(?!\d)"
    )
