"""Both seed articles end to end, replayed from cassettes recorded on the embedded model."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import Brief, Settings, summarize_file
from summarizer.evidence.figures import parse_number

pytestmark = pytest.mark.vcr

SEED_000 = "000_fc616dc0e28cd52c.txt"
SEED_003 = "003_9e49daa26af44302.txt"


def _brief(name: str, settings: Settings) -> tuple[str, Brief]:
    path = Path(__file__).resolve().parents[2] / "seeds" / name
    text = path.read_text(encoding="utf-8")
    return text, summarize_file(path, settings=settings)


def _assert_grounded(text: str, brief: Brief) -> None:
    Brief.model_validate_json(brief.model_dump_json())  # the JSON a user stores reads back
    assert _made_of_article_sentences(brief.what, text)
    assert brief.figures, "a news article with numbers gets figures"
    for figure in brief.figures:
        start, end = figure.span
        assert text[start:end] == figure.quote
        assert figure.text in figure.quote
        number = figure.text
        assert parse_number(number) == figure.value, (figure.text, figure.value)
        assert figure.measures, f"figure {figure.text!r} says what it measures"
    for source in brief.sources:
        start, end = source.span
        assert text[start:end] == source.quote
        assert source.name in source.quote or source.name in text
    assert brief.meta.usage.calls >= 1 and brief.meta.usage.completion_tokens > 0
    assert brief.meta.model == "gemma3-270m"


def _made_of_article_sentences(what: str, text: str) -> bool:
    """`what` is one sentence of the article, or two joined by a space."""
    flat = " ".join(text.split())
    if what and what in flat:
        return True
    cuts = [i for i in range(len(what)) if what[i] == " " and what[i - 1] in '.!?”"']
    return any(what[:i] in flat and what[i + 1 :] in flat for i in cuts)


def _furniture_free(brief: Brief) -> None:
    quoted = [f.quote for f in brief.figures] + [s.quote for s in brief.sources] + [brief.what]
    for quote in quoted:
        for furniture in ("Deposit Bonus", "@", "1-800", "Related Post", "Hot news now", "Leave a Comment"):
            assert furniture not in quote


def test_seed_003_brief_is_grounded(model_settings: Settings) -> None:
    text, brief = _brief(SEED_003, model_settings)
    _assert_grounded(text, brief)
    _furniture_free(brief)
    values = {f.value for f in brief.figures}
    assert {10_000, 1_500, 8_000_000, 3_000} <= values
    assert 200 not in values and 20_000 not in values  # the casino ad's bonus figures
    shells = next(f for f in brief.figures if f.value == 8_000_000)
    assert shells.unit == "shells" and shells.text == "about eight million"
    assert {"Bloomberg", "Lloyd Austin"} <= {s.name for s in brief.sources}


def test_seed_000_brief_is_grounded(model_settings: Settings) -> None:
    text, brief = _brief(SEED_000, model_settings)
    _assert_grounded(text, brief)
    _furniture_free(brief)
    values = {f.value for f in brief.figures}
    assert {3_000, 1_100} <= values  # Zelensky's casualties against the South Korean JCS figure
    assert any("Zelensky" in s.name for s in brief.sources)
