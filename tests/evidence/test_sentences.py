"""Tests for summarizer.evidence.sentences: sentence spans inside paragraph spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evidence.sentences import split_sentences
from summarizer.read.clean import clean_text
from summarizer.spans import Span

SEEDS = Path(__file__).parents[2] / "seeds"


def _split(*sentences: str, sep: str = " ") -> list[str]:
    """Join ``sentences`` into one paragraph and split it again."""
    text = sep.join(sentences)
    return [s.of(text) for s in split_sentences(text, [Span(0, len(text))])]


@pytest.mark.parametrize(
    "sentences",
    [
        [
            "The U.S. Navy said 3.5 ships sank.",
            "Mr. Smith and Mrs. Jones met Dr. Lee in St. Louis on Jan. 5.",
            "It rained.",
        ],
        ["He was ranked No. 1 in the world.", "Brazil vs. Argentina ended 2-1.", "Apple Inc. said sales rose."],
        [
            "They met at 9 a.m.",
            "The talks ended at 5 p.m. on Friday.",
            "J. K. Rowling wrote it.",
            "George W. Bush agreed.",
        ],
        [
            "Sen. Ted Kennedy met Gov. Dannel P. Malloy and Lt. Gen. John Smith Jr. in Washington, D.C.",
            "The U.K. and the U.S. agreed.",
        ],
        ["Prices rose 4.6% in Aug. 2019.", "Sales fell in Sept.", "The end."],
    ],
)
def test_abbreviations_initials_and_decimals(sentences: list[str]) -> None:
    assert _split(*sentences) == sentences


def test_quotes_closing_after_punctuation() -> None:
    sentences = [
        "She said, “I think yes.”",
        "Then she left.",
        "“Really?” he asked.",
        'He wrote: "It is over."',
        "Nobody answered.",
    ]
    assert _split(*sentences) == sentences


def test_question_in_quote_followed_by_attribution_stays_whole() -> None:
    sentences = ["“Is this the end?” Smith asked, before leaving.", "Nobody knew."]
    assert _split(*sentences) == sentences


def test_double_space_quote_style() -> None:
    # Quotation marks replaced by double spaces, as in some news feeds.
    sentences = [
        "The singer died at 79, his son said on Twitter.",
        "Late last night, our father passed away at home,  he wrote.",
        "We are grateful for your love.",
        "Would you hire me as an actor?  Jones asked, and got the part.",
    ]
    assert _split(*sentences, sep="  ") == sentences


def test_ellipses_and_parentheticals() -> None:
    sentences = [
        "If a farmer represented the state... he would not fall under the rule.",
        "He spoke of the decades that followed … I have lost a friend.",
        "The rate is low.",
        "(Charlie may have raised awareness. Winning.)",
        "Nobody answered…",
        "Then the lights went out.",
    ]
    assert _split(*sentences) == sentences


def test_title_without_punctuation_and_paragraph_bounds() -> None:
    text = "Storm hits coast\n\nThe storm killed 4 people. Officials said 900 homes lost power\n\nA third one."
    second = text.index("The storm")
    third = text.index("A third")
    paragraphs = [Span(0, 16), Span(second, third - 2), Span(third, len(text))]
    sentences = split_sentences(text, paragraphs)
    assert [s.of(text) for s in sentences] == [
        "Storm hits coast",
        "The storm killed 4 people.",
        "Officials said 900 homes lost power",
        "A third one.",
    ]
    assert all(any(p.contains(s) for p in paragraphs) for s in sentences)
    assert split_sentences(text, []) == []


def test_seed000_sentences() -> None:
    text = (SEEDS / "000_fc616dc0e28cd52c.txt").read_text(encoding="utf-8")
    c = clean_text(text)
    sentences = [s.of(text) for s in split_sentences(text, c.body)]
    assert len(sentences) == 19
    assert sentences[0] == c.body[0].of(text)
    ushakov = next(s for s in sentences if "Ushakov" in s)
    assert ushakov.startswith("According to Russian state media Tass,")
    assert ushakov.endswith("military parade?” and answered, “I think yes.”")
    assert (
        "This figure is nearly three times the 1,100 casualties announced by the South Korean Joint "
        "Chiefs of Staff." in sentences
    )
    assert all(s == s.strip() and s for s in sentences)


def test_seed003_sentences() -> None:
    text = (SEEDS / "003_9e49daa26af44302.txt").read_text(encoding="utf-8")
    c = clean_text(text)
    spans = split_sentences(text, c.body)
    assert len(spans) == 19
    assert spans == sorted(spans)
    assert (
        "He called it “our business” and referred to Article 4 of the Comprehensive Strategic "
        "Partnership Treaty with North Korea." in [s.of(text) for s in spans]
    )
