"""Candidate figures: every number a sentence states, with its value, unit and the article's wording for it.

Every kind of number is reported and told apart by ``kind``; the value is always the number as written
(times its scale word), and unit and ``measures`` are copied from the sentence. Digits are read with the
article's language's conventions (``evidence.conventions``: "3.500 millones" is 3.5e9 in Spanish); a
value the writing leaves open carries its other reading in ``ambiguity``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from ..calendar import MONTH
from ..spans import Span
from .conventions import Conventions, currency_of, read_digits
from .labels import Words, forward_words, measures_around, words_for
from .numbers import (
    ABBREV,
    AGE_COMMA,
    AGE_DEATH,
    AGE_LEFT,
    AGE_WAS,
    APPROX,
    CURRENCY,
    MEASURE_UNITS,
    NUMWORD,
    ORDS,
    RATIO,
    SCALES,
    TENS,
    TIME_UNITS,
    is_plural,
    words_value,
)

__all__ = ["FigureCandidate", "FigureKind", "find_figures", "parse_number"]

FigureKind = Literal[
    "count", "money", "percent", "age", "year", "date", "time", "duration", "ordinal", "ratio", "other"
]


@dataclass(frozen=True, slots=True)
class FigureCandidate:
    """One number of the article, located and classified; all spans index the article text.

    ``span`` is the figure as written (approximator, currency, scale and hyphen compound included),
    ``number_span`` the number alone (with currency, scale or percent): ``parse_number`` of its text
    gives ``value``. For a range ``value`` is the low bound and ``high`` the upper one. ``ambiguity`` is the
    other reading of a value the writing leaves open ("3.500" in an article of unknown language).
    """

    span: Span
    number_span: Span
    value: float
    high: float | None
    approx: str | None
    unit: str | None
    measures: str | None
    measures_span: Span | None
    kind: FigureKind
    ambiguity: str | None = None


@dataclass(slots=True)
class _Draft:
    """A figure being read, in sentence-local offsets: the number first, then what surrounds it."""

    num_start: int
    num_end: int
    value: float
    group: str
    suffix: str | None = None
    unit: str | None = None  # the currency, until classified
    percent: bool = False
    factor: float = 1.0  # of the scale word, for "5-7 million"
    start: int = 0
    end: int = 0
    kind: FigureKind = "count"
    high: float | None = None
    approx: str | None = None
    where: tuple[int, int] | None = None
    ambiguity: str | None = None
    counted_from: int | None = None  # where the words a scale counts start: after "millones de"

    def done(self, s: str, base: int) -> FigureCandidate:
        return FigureCandidate(
            Span(base + self.start, base + self.end),
            Span(base + self.num_start, base + self.num_end),
            self.value,
            self.high,
            self.approx,
            self.unit,
            s[w[0] : w[1]] if (w := self.where) else None,
            Span(base + w[0], base + w[1]) if w else None,
            self.kind,
            self.ambiguity,
        )


def _number(s: str, m: re.Match[str], lenient: bool, t: Words) -> _Draft | None:
    """The number a core match starts, extended by currency, scale and percent."""
    group, start, end = str(m.lastgroup), m.start(), m.end()
    if group == "ordw":
        head, _, tail = m.group().lower().rpartition("-")
        a_second = s[end : end + 1] != "-" and re.search(r"(?i)\b(?:a|per|every|each)\s+$|\d\s+$", s[:start])
        if not lenient and ((tail == "first" and not head) or (tail == "second" and a_second)):
            return None  # "the first time", "a second"
        return _Draft(start, end, TENS.get(head, 0.0) + ORDS[tail], group)
    if group == "word":
        if (parsed := words_value(m.group())) is None:
            return None
        end = start + parsed[1]
        if (
            not lenient
            and s[start:end].lower() == "one"
            and not re.match(r"\s+(?:in|out of)\s+\d|-\w|\s+(?:year|month|week|day|hour|minute|decade)s?\b", s[end:])
        ):
            return None  # "one" is mostly a pronoun ("one official said")
        last = s[start:end].rsplit(maxsplit=1)[-1].lower()
        d = _Draft(start, end, parsed[0], group, factor=SCALES.get(last, 1.0))
    else:
        suffix, end = m["suf"], m.start("suf") if m["suf"] else m.end()
        value, ambiguity = read_digits(s[start:end], t.conv)
        d = _Draft(start, end, value, group, suffix, ambiguity=ambiguity)
        if suffix and (suffix in ("st", "nd", "rd", "th", "s") or suffix in MEASURE_UNITS):
            d.num_end = m.end()
        if (frac := re.match(r"\s(\d)/(\d)(?![\d/])", s[d.num_end :])) and int(frac[1]) < int(frac[2]):
            d.value, d.num_end = d.value + int(frac[1]) / int(frac[2]), d.num_end + frac.end()  # "2 1/2"
    if cur := re.search(r"(?:US|A|C|NZ|HK)?([$€£])\s?$", s[: d.num_start]):
        d.num_start, d.unit = cur.start(), CURRENCY[cur[1]]
    if not t.conv.english:
        return _local_number(s, d, t.conv)
    scale = re.match(r"(?:\s+|-)(hundred|thousand|million|billion|trillion)\b", s[d.num_end :])
    if d.suffix in ABBREV and (d.unit or d.suffix in ("bn", "mn")):
        d.factor, d.num_end = ABBREV[d.suffix], m.end()  # "$2.5bn"; a bare "5m" may be metres
    elif group == "num" and scale:
        d.factor, d.num_end = SCALES[scale[1]], d.num_end + scale.end()
    d.value = round(d.value * (d.factor if group == "num" else 1.0), 10)
    if pct := re.match(r"\s?%|\s?(?:percent|per\s?cent)\b|-percent\b", s[d.num_end :]):
        d.num_end, d.percent = d.num_end + pct.end(), True
    elif not d.unit and (word := re.match(r"\s+(dollars|euros)\b", s[d.num_end :])):
        d.num_end, d.unit = d.num_end + word.end(), CURRENCY[word[1]]
    return d


def _local_number(s: str, d: _Draft, conv: Conventions) -> _Draft:
    """Scale, percent and currency after digits, in the words of the article's language."""
    if d.group == "num" and conv.scale and (scale := conv.scale.match(s, d.num_end)):
        d.factor, d.num_end = conv.scales[scale[1].lower()], scale.end()
    d.value = round(d.value * d.factor, 10)
    if conv.percent and (pct := conv.percent.match(s, d.num_end)):
        d.num_end, d.percent = pct.end(), True
    elif not d.unit and conv.currency and (cur := conv.currency.match(s, d.num_end)):
        d.num_end, d.unit = cur.end(), currency_of(cur[1] or cur[2], conv)
    elif conv.of and d.factor != 1 and (of := re.match(rf"\s+(?:{conv.of})\s*(?=\w)", s[d.num_end :], re.I)):
        d.counted_from = d.num_end + of.end()  # "1,2 millones de hogares": what the millions count
    return d


def _simple(s: str, m: re.Match[str], group: str, t: Words) -> list[_Draft]:
    """Slashes ("9/11" gives two dates, "1/2" a fraction), clock times and identifiers ("COVID-19")."""
    digits = [(float(d[0]), m.start() + d.start(), m.start() + d.end()) for d in re.finditer(r"\d+", m[0])]
    kind: FigureKind = "time" if group == "time" else "other"
    end = m.end()
    if group == "ident":
        digits = digits[:1]
        end += tail.end() if (tail := re.match(r"-[A-Za-z]+\b", s[end:])) else 0
    elif group == "time":
        digits = [(digits[0][0], m.start(), m.end())]
    elif len(digits) == 2 and digits[0][0] < digits[1][0] <= 10:
        digits = [(digits[0][0] / digits[1][0], m.start(), m.end())]
    elif digits[0][0] <= 12 and digits[1][0] <= 31:
        kind = "date"
    approx = APPROX.search(s, max(0, m.start() - 40), m.start())
    start = approx.start() if approx else m.start()
    where = measures_around(s, start, end, kind, False, t=t)
    return [
        _Draft(
            a,
            b,
            value,
            group,
            start=start,
            end=end,
            approx=approx and approx[1],
            where=where,
            kind="year" if kind == "date" and b - a == 4 else kind,
        )
        for value, a, b in digits
    ]


def _draft(s: str, d: _Draft, lenient: bool, t: Words) -> str:
    """Widen a number into the figure: approximator, range, "3- and", hyphen compound; return the compound."""
    approx = APPROX.search(s, max(0, d.num_start - 40), d.num_start)
    d.start, d.end, d.approx = approx.start() if approx else d.num_start, d.num_end, approx and approx[1]
    lead = re.search(r"(?i)\b(between|from)\s+$", s[: d.start])
    join = re.match(r"-?\s+to\s+|\s*[-–—]\s*(?=[$€£]?\d)|\s+and\s+", s[d.end :])
    if join and d.suffix not in ("st", "nd", "rd", "th", "s") and d.group in ("num", "word"):
        at = d.end + join.end()
        m2 = t.core.match(s, at + (s[at : at + 1] in ("$", "€", "£")))
        two = _number(s, m2, lenient, t) if m2 and m2.lastgroup in ("num", "word") else None
        word = join.group().strip(" -")
        low = d.value * two.factor if two and d.factor == 1 else d.value
        dash = word in ("", "–", "—") and d.group == two.group == "num" if two else False
        between = word == "and" and lead and lead[1].lower() == "between"
        if two and low < two.value and (dash or word == "to" or between):
            d.value, d.high, d.end, d.num_end = low, two.value, two.num_end, two.num_end
            d.percent, d.unit = d.percent or two.percent, d.unit or two.unit
            if lead:
                d.start = min(d.start, lead.start())
                d.num_start = lead.start() if word == "and" else d.num_start  # parse_number needs "between"
    if held := re.match(r"-(\s+(?:and|or)\s+\S+?-([A-Za-z]+(?:-[A-Za-z]+){0,2})\b)", s[d.end :]):
        d.end, d.where = d.end + 1, measures_around(s, d.start, d.end + held.end(), "count", False, t=t)
        return held[2]  # "3- and 5-year-old", "second- or third-grade": the compound is the next one's
    if tail := re.match(r"-([A-Za-z]+(?:-[A-Za-z]+){0,2})\b(?:['’]s\b)?|\+", s[d.end :]):
        d.end += tail.end()
        if tail.group() in ("-plus", "+"):
            d.approx = d.approx or tail.group().lstrip("-")
    return (tail[1] or "") if tail else ""


def _classify(s: str, m: re.Match[str], d: _Draft, tail: str, prev_unit: str | None, *, t: Words) -> bool:
    """Set the draft's kind and unit (and ``measures`` for "at age 82"); whether it reads "of which N"."""
    head = tail.split("-", maxsplit=1)[0]
    left, after = s[: d.start], s[d.end :]
    integer = d.value == int(d.value)
    plain = integer and not d.unit and not d.percent and d.factor == 1
    conv = t.conv
    if conv.after_day and plain and d.value <= 31 and (local := conv.after_day.match(after)):
        d.kind, d.end = "date", d.end + local.end()  # "12 de marzo de 2024", "12. März 2024": one date, not two
        return False
    yearish = d.group == "num" and integer and len(m.group("num")) == 4 and 1000 <= d.value < 2100
    month = re.search(rf"{MONTH}\s+$", left)
    age_word = AGE_LEFT.search(left)
    of_which = bool(re.search(r"(?i)\bof\s+(?:which|whom|them|those|these)\s+$", left))
    no = re.search(r"(?:\bNo\.|#)\s?$", left)
    if d.group == "ordw" or d.suffix in ("st", "nd", "rd", "th") or no:
        the_day = re.search(r"\bthe\s+$", left) and re.match(r"\s*(?:[,.;:(]|$)", after)
        d.kind = "date" if (month or the_day) and d.value <= 31 else "ordinal"
        d.start = month.start() if month and d.kind == "date" else no.start() if no else d.start
    elif month and plain and d.value <= 31:
        d.kind, d.start = "date", month.start()
    elif plain and d.value <= 31 and (day_first := re.match(rf"\s+(?:of\s+)?{MONTH}", after)):
        d.kind, d.end = "date", d.end + day_first.end()  # "29 March"
    elif d.unit:
        d.kind = "money"
    elif d.percent:
        d.kind, d.unit = "percent", "%"
    elif tail.lower().startswith("year-old") or (old := re.match(r"\s+years?\s+old\b", after)):
        d.kind, d.unit, d.end = "age", "years", d.end + (0 if tail else old.end())  # type: ignore[union-attr]
    elif age_word or (
        plain
        and d.high is None
        and 0 < d.value <= 125
        and (
            AGE_DEATH.search(left)
            or (AGE_WAS.search(left) and re.match(r"\s*(?:[.;,)]|$)", after))
            or (AGE_COMMA.search(left) and re.match(r"\s*(?:[,)]|and\b)", after))
        )
    ):
        d.kind, d.unit = "age", "years"
        if age_word:
            d.where = next(age_word.span(i) for i in (1, 2, 3) if age_word[i])
    elif d.suffix == "s":  # "1970s"; "in his 80s"
        his = d.value < 100 and re.search(r"(?i)\b(?:his|her|their)\s+(?:(?:early|mid|late)[- ])?$", left)
        d.kind, d.unit = ("age", "years") if his else ("year", None)
    elif head.lower() == "fold" or (times := RATIO.match(after)):
        d.kind, d.unit = "ratio", head or "times"
        d.end += 0 if tail else times.end()  # type: ignore[union-attr]
    elif head and head.lower() not in ("plus", "style"):
        d.kind, d.unit = ("duration" if head.lower() in TIME_UNITS else "count"), head
    elif d.suffix and d.suffix in MEASURE_UNITS:
        d.kind, d.unit = "other", d.suffix
    else:
        prior = (
            None
            if d.approx or d.group != "num" or not t.conv.english
            else re.search(r"(?<=\s)([A-Z][\w&’'.-]*)\s+$", left)
        )
        nxt = re.match(r"\s+([A-Z][\w-]*)", after)
        alt = re.match(rf"\s+or\s+(?:[\d,.]+|{NUMWORD})\b", after, re.I)  # "two or three times"
        at = d.counted_from if d.counted_from is not None else d.end + (alt.end() if alt else 0)
        words = forward_words(s, at, 4, t.func | t.clause, t)
        time_word = next((w for w in words[:2] if w[2].lower() in TIME_UNITS), None)
        plural = [w for w in words if is_plural(w[2])]
        named = not yearish and d.value >= 100 and nxt and not is_plural(nxt[1]) and "," not in m[0]
        named = named and t.conv.english  # German capitalizes every noun: "120 Menschen" names no "737 Max"
        if (d.suffix and d.num_end < m.end()) or d.value == 911 or named:
            d.kind = "other"  # "3D", "called 911", "737 Max"
        elif time_word:
            d.kind, d.unit = "duration", time_word[2]
        elif plural and not (yearish and plural[-1][2][0].isupper()):
            # The noun a run ends with in English ("10,000 Ukrainian soldiers"), the first one elsewhere.
            d.kind, d.unit = "count", plural[-1 if t.conv.english else 0][2]
        elif yearish:
            d.kind = "year"
        elif prior and not re.fullmatch(rf"{MONTH}|In|On|At|By|Since|From|Only|Just|And|But|The", prior[1]):
            d.kind = "other"  # "PlayStation 3", "Article 4"
        else:
            d.kind = "count" if integer else "other"
        if of_which and d.unit is None and d.kind == "count":
            d.unit = prev_unit  # "about 10,000 soldiers ..., of which 1,500 have already been sent"
    return of_which


def _scan(text: str, sentence: Span, lenient: bool, t: Words) -> list[FigureCandidate]:
    s, base = sentence.of(text), sentence.start
    found: list[FigureCandidate] = []
    pos, prev_unit, last = 0, None, None
    while m := t.core.search(s, pos):
        group, pos = str(m.lastgroup), m.end()
        if group in ("slash", "time", "ident"):
            drafts = _simple(s, m, group, t)
        elif group != "skip" and (d := _number(s, m, lenient, t)):
            tail = _draft(s, d, lenient, t)
            of_which = _classify(s, m, d, tail, prev_unit, t=t)
            d.end = max(d.end, m.end()) if d.suffix else d.end
            bare = d.kind in ("count", "other") and not d.unit and re.match(r"\s*(?:[,.;:)]|$)", s[d.end :])
            if (
                bare
                and last
                and (last.unit or last.kind in ("date", "year", "age"))
                and re.fullmatch(r"\s+and\s+", s[last.end : d.start])
            ):
                d.kind, d.unit = last.kind, last.unit  # "June 17 and 18.", "The couple, 32 and 41,"
            counted = d.end if d.counted_from is None else d.counted_from
            d.where = d.where or measures_around(s, d.start, counted, d.kind, of_which, t=t)
            drafts, pos = [d], d.end
        else:
            continue
        found.extend(x.done(s, base) for x in drafts)
        prev_unit, last = next((x.unit for x in reversed(drafts) if x.unit), prev_unit), drafts[-1]
    return found


def find_figures(text: str, sentences: Sequence[Span], language: str | None = "en") -> list[FigureCandidate]:
    """Every figure inside ``sentences``, in text order, with offsets into ``text``, read as ``language`` writes.

    ``language`` None: not known, read the English way with the other reading of open values noted.
    """
    found: dict[Span, FigureCandidate] = {}
    t = words_for(language)
    for sentence in sorted(set(sentences)):
        for c in _scan(text, sentence, lenient=False, t=t):
            found.setdefault(c.number_span, c)  # overlapping sentences must not report a number twice
    return sorted(found.values(), key=lambda c: (c.span.start, c.number_span.start))


_PLAIN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def parse_number(written: str, language: str | None = "en") -> float | None:
    """The value of a written figure: "about 10,000" → 10000.0, "eight million" → 8e6; None if it has none.

    ``language`` as for ``find_figures``: "3.500 millones" is 3.5e9 in "es".
    """
    if language == "en" and _PLAIN.fullmatch(written):  # digits alone, as most callers pass: no scan needed
        return float(written.replace(",", ""))
    return next((c.value for c in _scan(written, Span(0, len(written)), lenient=True, t=words_for(language))), None)
