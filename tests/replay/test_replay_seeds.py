"""Both seed articles end to end, replayed from cassettes recorded on the embedded model."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import RECORDED_MODEL

from summarizer import Brief, Settings, summarize_file
from summarizer.brief.check import ArticleFacts
from summarizer.evidence.figures import parse_number
from summarizer.evidence.sentences import split_sentences
from summarizer.spans import Span

pytestmark = pytest.mark.vcr

SEED_000 = "000_fc616dc0e28cd52c.txt"
SEED_003 = "003_9e49daa26af44302.txt"


def _brief(name: str, settings: Settings) -> tuple[str, Brief]:
    path = Path(__file__).resolve().parents[2] / "seeds" / name
    text = path.read_text(encoding="utf-8")
    return text, summarize_file(path, settings=settings)


def _assert_grounded(text: str, brief: Brief) -> None:
    Brief.model_validate_json(brief.model_dump_json())  # the JSON a user stores reads back
    facts = ArticleFacts(text, split_sentences(text, [Span(0, len(text))]))
    assert facts.unstated_numbers(brief.what) == [] and facts.unknown_names(brief.what) == []
    assert len(brief.what.split()) <= 45 and 1 <= len(brief.what_sentences) <= 2
    for sentence in brief.what_sentences:
        assert sentence.rests_on and all(text[c.span[0] : c.span[1]] for c in sentence.rests_on)
    assert brief.figures, "a news article with numbers gets figures"
    assert len(brief.figures) <= 6
    for figure in brief.figures:
        start, end = figure.span
        assert text[start:end] == figure.quote
        assert figure.text in figure.quote
        assert parse_number(figure.text) == figure.value, (figure.text, figure.value)
        assert figure.measures, f"figure {figure.text!r} says what it measures"
    for source in brief.sources:
        start, end = source.span
        assert text[start:end] == source.quote
        assert source.name in text
    assert brief.meta.usage.calls >= 1 and brief.meta.usage.completion_tokens > 0
    assert brief.meta.model == RECORDED_MODEL


def _furniture_free(brief: Brief) -> None:
    quoted = [f.quote for f in brief.figures] + [s.quote for s in brief.sources] + [brief.what]
    for quote in quoted:
        for furniture in ("Deposit Bonus", "@", "1-800", "Related Post", "Hot news now", "Leave a Comment"):
            assert furniture not in quote


def test_seed_003_brief_is_grounded(model_settings: Settings) -> None:
    text, brief = _brief(SEED_003, model_settings)
    _assert_grounded(text, brief)
    _furniture_free(brief)
    listed = {f.value for f in brief.figures} | {c.value for c in brief.meta.candidate_figures}
    assert {10_000, 1_500, 8_000_000, 3_000} <= listed  # key figures are listed, or kept as candidates
    assert 10_000 in {f.value for f in brief.figures}  # the lead's figure is among the key figures
    assert 200 not in listed and 20_000 not in listed  # the casino ad's bonus figures
    shells = next(f for f in [*brief.figures, *brief.meta.candidate_figures] if f.value == 8_000_000)
    assert shells.unit == "shells" and shells.text == "about eight million"
    assert "Bloomberg" in {s.name for s in brief.sources}


def test_seed_000_brief_is_grounded(model_settings: Settings) -> None:
    text, brief = _brief(SEED_000, model_settings)
    _assert_grounded(text, brief)
    _furniture_free(brief)
    listed = {f.value for f in brief.figures} | {c.value for c in brief.meta.candidate_figures}
    assert {3_000, 1_100} <= listed  # Zelensky's casualties against the South Korean JCS figure
    assert any("Zelensky" in s.name for s in brief.sources)
