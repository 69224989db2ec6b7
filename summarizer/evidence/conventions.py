"""How an article's language writes numbers and dates, from Babel's CLDR data.

English (and an article whose language is unknown) keeps the tables of ``evidence.numbers``
exactly. For another language, Babel gives the decimal and group symbols
(``get_decimal_symbol``, ``get_group_symbol``; a value is read with ``parse_decimal``), the scale
words ("millones", "mil millones", "Milliarden", "Mrd.", "milliards": ``format_compact_decimal``),
the percent words ("por ciento": ``format_unit``) and currency names ("euros", "dólares":
``get_currency_name``); ``calendar`` gives the month names of dates ("12 de marzo de 2024").

A value the writing leaves open is read one way and its other reading is said (``ambiguity``):
"3.500" in an article of unknown language, "1,234" in German (a decimal comma, or an English
thousands separator), "3.5" in Spanish (not Spanish writing: read with a decimal point).

CLDR has no function words, which the labels of figures are trimmed of; ``_FUNCTION_WORDS`` lists
the articles, prepositions, conjunctions and pronouns of the languages with dates here (the
stoplists of jusText, the one installed, mix in frequent nouns such as "gobierno" and "Menschen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_compact_decimal,
    get_currency_name,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)
from babel.units import format_unit

from ..calendar import DATE_JOINERS, DATE_LANGUAGES, month_pattern
from ..patterns import alternation

__all__ = ["Conventions", "conventions", "currency_of", "read_digits"]

_CURRENCIES = ("EUR", "USD", "GBP", "JPY", "CHF", "CNY", "RUB", "INR", "BRL", "MXN")
_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
_SPACES = "\u00a0\u202f '’"
_FUNCTION_WORDS = {
    "es": "el la los las lo un una unos unas de del al a en con por para sin sobre entre hasta desde y e o u ni "
    "que se su sus es son fue era ha han había ser este esta estos estas ese esa eso le les más menos muy no",
    "pt": "o a os as um uma de do da dos das no na nos nas em ao aos por pelo pela para com sem e ou que se "
    "seu sua é são foi ser este esta esse essa mais menos não",
    "fr": "le la les l un une des de du d au aux à en dans par pour sur sous avec sans entre et ou ni que qui "
    "se sa son ses leur leurs est sont était a ont été ce cet cette ces plus moins très ne pas y",
    "it": "il lo la i gli le l un uno una di del della dei delle degli a al alla ai da dal in nel nella con su "
    "per tra fra e o che si suo sua è sono era ha hanno questo questa più meno non",
    "de": "der die das den dem des ein eine einen einem einer eines und oder aber in im an am auf aus bei mit "
    "nach von vom zu zum zur für über unter um vor bis gegen ohne durch ist sind war waren hat haben wird "
    "werden wurde wurden sich sein seine ihr ihre es er sie als wie mehr weniger nicht",
    "nl": "de het een van in op aan met voor door bij naar uit over tot om en of maar dat die is zijn was "
    "waren heeft hebben wordt worden werd zich zijn haar meer minder niet",
}
_CLAUSE_WORDS = {
    "es": "y pero mientras cuando donde porque aunque si que cual quien cuyo según",
    "pt": "e mas enquanto quando onde porque embora se que qual quem segundo",
    "fr": "et mais alors quand où parce lorsque bien si que qui dont selon",
    "it": "e ma mentre quando dove perché sebbene se che cui secondo",
    "de": "und aber während wenn wo weil obwohl ob dass welche welcher laut",
    "nl": "en maar terwijl wanneer waar omdat hoewel of dat die welke volgens",
}
_OF = {"es": "de", "pt": "de", "fr": "de|d['’]", "it": "di|d['’]", "nl": "aan", "de": "an"}  # "3 millones de euros"


@dataclass(frozen=True, slots=True)
class Conventions:
    """Number and date writing of one language; ``english`` selects the English tables of ``evidence.numbers``."""

    language: str | None  # ISO 639-1; None: not known (read the English way, other readings noted)
    english: bool
    decimal: str
    group: str
    scales: dict[str, float]  # lower-cased scale word → factor: "millones" → 1e6, "mil millones" → 1e9
    scale: re.Pattern[str] | None  # a scale word after a number
    currencies: dict[str, str]  # lower-cased currency word → code
    currency: re.Pattern[str] | None  # a currency word or symbol after a number (and its scale)
    percent: re.Pattern[str] | None  # "%" or the language's percent words after a number
    after_day: re.Pattern[str] | None  # the month (and year) after a day of the month: " de marzo de 2024"
    function_words: frozenset[str]
    clause_words: frozenset[str]
    of: str | None  # the word between a scale and what it counts: "de"


def _words_of(formatted: str, number: str) -> str:
    return " ".join(formatted.replace(number, " ").replace("\u00a0", " ").split())


def _scales(locale: str) -> dict[str, float]:
    scales: dict[str, float] = {}
    for magnitude in (1e3, 1e6, 1e9, 1e12):
        for count in (1, 2, 5):
            value = magnitude * count
            for style in ("long", "short"):
                formatted = format_compact_decimal(value, format_type=style, locale=locale)
                digits = re.search(r"\d[\d.,\u00a0\u202f]*", formatted)
                word = _words_of(formatted, digits[0] if digits else "")
                if not digits or not re.search(r"[^\W\d_]{2}", word):
                    continue  # "2000" (no word), "2 M" (one letter: an initial as often as a scale)
                shown = float(parse_decimal(digits[0].strip(), locale=locale))
                scales.setdefault(word.lower(), value / shown)
    return scales


def _currencies(locale: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for code in _CURRENCIES:
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=locale).lower()
            names.setdefault(name, code)
    for code in _CURRENCIES:  # "dólares estadounidenses" is mostly written "dólares"; the first code keeps a word
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale=locale).lower()
            names.setdefault(name.split()[0], code)
            names.setdefault(name.split()[0].rsplit("-", 1)[-1], code)  # "US-Dollar" → "dollar"
    return {w: c for w, c in names.items() if len(w) > 2}


@lru_cache(maxsize=32)
def conventions(language: str | None) -> Conventions:
    """The conventions of ``language`` (ISO 639-1); English for None, "en" and a language Babel does not know."""
    try:
        locale = Locale.parse(language) if language and language != "en" else None
    except (UnknownLocaleError, ValueError):
        locale = None
    if locale is None or language is None:
        return Conventions(language, True, ".", ",", {}, None, {}, None, None, None, frozenset(), frozenset(), None)
    tag = str(locale)
    scales = _scales(tag)
    currencies = _currencies(tag)
    of = _OF.get(language)
    connective = rf"(?:(?:{of})\s*)?" if of else ""
    percent_words = _words_of(format_unit(7, "percent", length="long", locale=tag), "7")
    after_day = None
    if language in DATE_LANGUAGES:
        after_day = re.compile(
            rf"(?i)(?:er|º)?\.?\s+{DATE_JOINERS}{month_pattern(language)}(?:,?\s+{DATE_JOINERS}\d{{4}}(?!\d))?"
        )
    return Conventions(
        language=language,
        english=False,
        decimal=get_decimal_symbol(tag),
        group=get_group_symbol(tag),
        scales=scales,
        scale=re.compile(rf"(?i)(?:\s+|-)({alternation(list(scales))})(?!\w)") if scales else None,
        currencies=currencies,
        currency=re.compile(rf"(?i)\s*([€$£¥])|\s+{connective}({alternation(list(currencies))})(?!\w)"),
        percent=re.compile(rf"(?i)\s?%|\s+{re.escape(percent_words)}(?!\w)" if percent_words else r"\s?%"),
        after_day=after_day,
        function_words=frozenset(_FUNCTION_WORDS.get(language, "").split()),
        clause_words=frozenset(_CLAUSE_WORDS.get(language, "").split()),
        of=of,
    )


def currency_of(word: str, conv: Conventions) -> str:
    """The currency code of a symbol or currency word after a number."""
    return _SYMBOLS.get(word) or conv.currencies[word.lower()]


def _english(written: str) -> float:
    return float(re.sub(r"[,\s]", "", written))


def read_digits(written: str, conv: Conventions) -> tuple[float, str | None]:
    """The value of digits as written ("3.500", "23,5", "1 200"), and the other reading when there is one."""
    single = re.fullmatch(r"\d{1,3}([.,])\d{3}", written)
    if conv.english:
        value = _english(written)
        if conv.language is None and single:
            other = float(written.replace(single[1], "." if single[1] == "," else ""))
            return value, (
                f"{written} reads {value:g} the English way and {other:g} the way many other languages write "
                "numbers; the article's language is not known"
            )
        return value, None
    name = Locale.parse(conv.language or "en").english_name or conv.language
    compact = re.sub(rf"(?<=\d)[{_SPACES}](?=\d{{3}})", "", written)
    try:
        value = float(parse_decimal(compact, locale=conv.language or "en", strict=True))
    except (NumberFormatError, InvalidOperation, ValueError):
        try:
            english = float(parse_decimal(compact, locale="en", strict=True))
        except (NumberFormatError, InvalidOperation, ValueError):
            english = float(Decimal(re.sub(r"\D", "", compact) or "0"))
        return english, f"{written} is not {name} number writing: read as {english:g}, the English way"
    if single and single[1] == conv.decimal:
        other = float(re.sub(r"\D", "", written))
        return value, f"{written} reads {value:g} with the {name} decimal comma and {other:g} written the English way"
    return value, None
