"""Figure candidates: every number found, valued as written, classified, with the article's own wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.evidence.figures import FigureCandidate, find_figures, parse_number
from summarizer.spans import Span

SEEDS = Path(__file__).parents[2] / "seeds"


def _sentences(text: str) -> list[Span]:
    """A naive splitter: sentence ends and line breaks (the real one lives in _sentences)."""
    spans, start = [], 0
    for m in re.finditer(r"(?<=[.!?”])\s+|\n+", text):
        if text[start : m.start()].strip():
            spans.append(Span(start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append(Span(start, len(text)))
    return spans


def _figures(text: str) -> list[FigureCandidate]:
    return find_figures(text, [Span(0, len(text))])


def _one(text: str, written: str) -> FigureCandidate:
    """The candidate whose span reads ``written``."""
    found = [c for c in _figures(text) if c.span.of(text) == written]
    assert len(found) == 1, [c.span.of(text) for c in _figures(text)]
    return found[0]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("about 10,000", 10000.0),
        ("eight million", 8e6),
        ("$2,000", 2000.0),
        ("3.5%", 3.5),
        ("nine", 9.0),
        ("1,500", 1500.0),
        ("10 000", 10000.0),
        ("$2.5bn", 2.5e9),
        ("200%", 200.0),
        ("$9.95", 9.95),
        ("a million", 1e6),
        ("three million", 3e6),
        ("ninety-nine", 99.0),
        ("a dozen", 12.0),
        ("two hundred and fifty", 250.0),
        ("$10.6 million", 10.6e6),
        ("7 percent", 7.0),
        ("4 per cent", 4.0),
        ("10-12", 10.0),
        ("between 5 and 7 million", 5e6),
        ("23rd", 23.0),
        ("one", 1.0),
        ("second", 2.0),
        ("2 1/2", 2.5),
        ("€3,000", 3000.0),
        ("£40 million", 4e7),
        ("20 euros", 20.0),
        ("9:54 AM", 9.0),
    ],
)
def test_parse_number_values_the_number_as_written(written: str, value: float) -> None:
    assert parse_number(written) == value


@pytest.mark.parametrize("written", ["", "no number here", "the million-dollar question", "dozens of people"])
def test_parse_number_is_none_without_a_number(written: str) -> None:
    assert parse_number(written) is None


def test_money_percent_and_scale() -> None:
    text = "Revenue hit $2.5bn, up more than 200%, while costs rose to €3 million and 40 dollars."
    money = _one(text, "$2.5bn")
    assert (money.value, money.unit, money.kind) == (2.5e9, "USD", "money")
    pct = _one(text, "more than 200%")
    assert (pct.value, pct.unit, pct.kind, pct.approx) == (200.0, "%", "percent", "more than")
    assert pct.number_span.of(text) == "200%"
    assert (_one(text, "€3 million").value, _one(text, "€3 million").unit) == (3e6, "EUR")
    assert _one(text, "40 dollars").unit == "USD"


@pytest.mark.parametrize(
    ("text", "written", "value", "high"),
    [
        ("Profits grew 10-12% this year.", "10-12%", 10.0, 12.0),
        ("Between 1,000 and 1,500 people gathered.", "Between 1,000 and 1,500", 1000.0, 1500.0),
        ("The force shrinks within three to four months.", "three to four", 3.0, 4.0),
        ("Prices ran from 5 to 7 million euros.", "from 5 to 7 million euros", 5e6, 7e6),
        ("Elections are due on May 23-26 across Europe.", "May 23-26", 23.0, 26.0),
    ],
)
def test_ranges_give_low_and_high(text: str, written: str, value: float, high: float) -> None:
    c = _one(text, written)
    assert (c.value, c.high) == (value, high)
    assert parse_number(c.number_span.of(text)) == c.value


@pytest.mark.parametrize(
    ("text", "written", "approx"),
    [
        ("Nearly 30% said no.", "Nearly 30%", "Nearly"),
        ("It killed at least 18 people.", "at least 18", "at least"),
        ("Up to 28 soldiers died.", "Up to 28", "Up to"),
        ("Some 600 protesters came.", "Some 600", "Some"),
        ("Over 1,000 customers fled.", "Over 1,000", "Over"),
        ("It had as many as 2,000 fans.", "as many as 2,000", "as many as"),
        ("The toll exceeds 3,000.", "exceeds 3,000", "exceeds"),
        ("They saw fewer than 10 cars.", "fewer than 10", "fewer than"),
        ("A fleet of 400-plus planes.", "400-plus", "plus"),
    ],
)
def test_approximators_are_kept_verbatim(text: str, written: str, approx: str) -> None:
    assert _one(text, written).approx == approx


@pytest.mark.parametrize(
    ("text", "written", "value"),
    [
        ("A 53-year-old mother was caught.", "53-year-old", 53.0),
        ("Casey Kasem died this morning at age 82, his daughter said.", "82", 82.0),
        ("Abe Vigoda is dead at 94.", "94", 94.0),
        ("BB King died last night. He was 89.", "89", 89.0),
        ("Boy, 5, Brings Gun to School", "5", 5.0),
        ("Police said Ayoola Ajayi, 31, killed her.", "31", 31.0),
        ("He was then just 5 years old, reports said.", "5 years old", 5.0),
        ("The boys were aged 7 to 10.", "7 to 10", 7.0),
        ("He kept performing well into his 80s.", "80s", 80.0),
    ],
)
def test_ages(text: str, written: str, value: float) -> None:
    c = _one(text, written)
    assert (c.kind, c.unit, c.value) == ("age", "years", value)


def test_suspended_hyphen_shares_the_compound() -> None:
    text = "A loaded gun lay on a bed with a 3- and 5-year-old in the home."
    three, five = _one(text, "3-"), _one(text, "5-year-old")
    assert (three.kind, three.unit, three.value) == ("age", "years", 3.0)
    assert (five.kind, five.unit, five.value) == ("age", "years", 5.0)


def test_names_with_ages_in_commas_pair_up() -> None:
    text = "The couple, 32 and 41, respectively, were married in 2013."
    assert [(c.value, c.kind) for c in _figures(text)] == [(32.0, "age"), (41.0, "age"), (2013.0, "year")]


@pytest.mark.parametrize(
    ("text", "written", "value", "kind"),
    [
        ("A fugitive since 1976, she was caught.", "1976", 1976.0, "year"),
        ("She rekindled the energy of 2008, Politico notes.", "2008", 2008.0, "year"),
        ("A meeting on Monday, October 28, was planned.", "October 28", 28.0, "date"),
        ("Sat. Oct 26th, 2024", "Oct 26th", 26.0, "date"),
        ("He wants a delay until June 30.", "June 30", 30.0, "date"),
        ("On the 23rd (local time), the paper reported it.", "23rd", 23.0, "date"),
        ("It was completed before 29 March, 2019.", "29 March", 29.0, "date"),
        ("The post was updated at 9:54 AM today.", "9:54 AM", 9.0, "time"),
        ("He was on the lam for 32 years after escaping.", "32", 32.0, "duration"),
        ("The US gives Iran 3 months to comply.", "3", 3.0, "duration"),
        ("She got a 10-year sentence.", "10-year", 10.0, "duration"),
        ("This figure is nearly three times the official one.", "nearly three times", 3.0, "ratio"),
        ("The second batch of troops is ready.", "second", 2.0, "ordinal"),
        ("It marks the 80th anniversary of Victory Day.", "80th", 80.0, "ordinal"),
        ("Sony cut the price of its PlayStation 3 by $100.", "3", 3.0, "other"),
        ("The Boeing 737 Max has a new problem.", "737", 737.0, "other"),
        ("The woman called 911 three times last week.", "911", 911.0, "other"),
        ("The COVID-19 wave ended.", "COVID-19", 19.0, "other"),
        ("A Washington Post study finds 73 members of Congress.", "73", 73.0, "count"),
    ],
)
def test_kinds(text: str, written: str, value: float, kind: str) -> None:
    c = _one(text, written)
    assert (c.value, c.kind) == (value, kind)


def test_nine_eleven_gives_two_dates() -> None:
    text = "The show aired instead of the 9/11 moment of silence."
    found = _figures(text)
    assert [(c.value, c.kind, c.number_span.of(text)) for c in found] == [(9.0, "date", "9"), (11.0, "date", "11")]


def test_counts_take_the_head_noun_as_unit() -> None:
    text = "A blast killed 16 Afghan civilians, 11 police officers and seven other family members."
    assert [(c.value, c.kind, c.unit) for c in _figures(text)] == [
        (16.0, "count", "civilians"),
        (11.0, "count", "officers"),
        (7.0, "count", "members"),
    ]


@pytest.mark.parametrize(
    ("text", "written", "measures"),
    [
        (
            "Austin said some troops are at training grounds, with about 3,000 soldiers currently undergoing training.",
            "about 3,000",
            "soldiers currently undergoing training",
        ),
        (
            "Zelensky said, “According to preliminary data, the number of North Korean soldiers killed or "
            "injured in Russia’s Kursk Oblast exceeds 3,000.”",
            "exceeds 3,000",
            "the number of North Korean soldiers killed or injured in Russia’s Kursk Oblast",
        ),
        ("Radio icon Casey Kasem died this morning at age 82, his daughter said.", "82", "age"),
        ("Almost 10% of American workers have gone to work high.", "Almost 10%", "of American workers"),
        ("AT&T is raising termination fees to $325 for new customers.", "$325", "AT&T is raising termination fees"),
    ],
)
def test_measures_is_the_sentence_wording(text: str, written: str, measures: str) -> None:
    c = _one(text, written)
    assert c.measures == measures
    assert c.measures_span is not None and c.measures_span.of(text) == measures


def test_of_which_inherits_the_unit() -> None:
    text = "About 10,000 soldiers are planned to be sent to Russia, of which 1,500 have already been sent."
    c = _one(text, "1,500")
    assert (c.unit, c.measures) == ("soldiers", "have already been sent")


@pytest.mark.parametrize(
    "text",
    [
        "One official said the plan was sound.",  # "one" as a pronoun
        "Call 1-800-268-7116 or write to natasha@thetimeshub.in now.",  # phone numbers and addresses
        "He commented for the first time.",
        "Dozens were injured and thousands of people fled.",  # no number is written
    ],
)
def test_no_figure_where_no_number_is_meant(text: str) -> None:
    assert _figures(text) == []


def test_never_partial_digits() -> None:
    text = "About 1,500 of the 10 000 staff, 2.5% of them, met in 2,000-year-old ruins."
    values = [c.value for c in _figures(text)]
    assert values == [1500.0, 10000.0, 2.5, 2000.0]


def test_only_inside_the_given_sentences() -> None:
    text = "Ignore 5 apples. Count 7 pears."
    found = find_figures(text, [Span(17, len(text))])
    assert [c.value for c in found] == [7.0]


@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_invariants(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    sentences = _sentences(text)
    found = find_figures(text, sentences)
    assert found
    assert [c.span.start for c in found] == sorted(c.span.start for c in found)
    for c in found:
        assert any(s.contains(c.span) for s in sentences)
        assert c.span.contains(c.number_span)
        assert parse_number(c.number_span.of(text)) == c.value  # the verifier's own check
        if c.measures is not None:
            assert c.measures_span is not None and c.measures_span.of(text) == c.measures
            assert re.search(r"[A-Za-z]", c.measures) and len(c.measures.split()) <= 13
            assert not c.measures_span.contains(c.number_span)
        if c.unit is not None:
            assert c.unit in {"%", "USD", "EUR", "GBP", "years"} or c.unit in text


def _by_text(text: str) -> dict[str, FigureCandidate]:
    return {c.span.of(text): c for c in find_figures(text, _sentences(text))}


def test_seed_north_korean_casualties() -> None:
    text = (SEEDS / "000_fc616dc0e28cd52c.txt").read_text(encoding="utf-8")
    found = _by_text(text)
    exceeds = found["exceeds 3,000"]
    assert (exceeds.value, exceeds.approx) == (3000.0, "exceeds")
    kursk = "the number of North Korean soldiers killed or injured in Russia’s Kursk Oblast"
    assert exceeds.measures == kursk
    assert (found["1,100"].unit, found["1,100"].kind) == ("casualties", "count")
    assert (found["nearly three times"].kind, found["nearly three times"].value) == ("ratio", 3.0)
    assert found["80th"].kind == "ordinal"
    assert found["23rd"].kind == "date"


def test_seed_second_batch() -> None:
    text = (SEEDS / "003_9e49daa26af44302.txt").read_text(encoding="utf-8")
    found = _by_text(text)
    assert (found["about 10,000"].value, found["about 10,000"].unit) == (10000.0, "soldiers")
    assert (found["1,500"].unit, found["1,500"].measures) == ("soldiers", "have already been sent")
    shells = found["about eight million"]
    assert (shells.value, shells.unit, shells.approx) == (8e6, "shells", "about")
    assert (found["100"].unit, found["three million"].value) == ("missiles", 3e6)
    assert found["about 3,000"].measures == "soldiers currently undergoing training"
    assert (found["October 28"].kind, found["October 28"].value) == ("date", 28.0)
    assert (found["up to €3,000"].unit, found["up to $20,000"].unit) == ("EUR", "USD")
    assert found["2024"].kind == "year"
    assert found["second"].kind == "ordinal"
