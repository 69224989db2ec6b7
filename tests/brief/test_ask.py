"""The ask–check–re-ask loop against a real HTTP endpoint (the fake OpenAI-compatible server on 127.0.0.1).

The fake server's replies here are scripted answers (fixtures), not recordings: they test what the code
does when a model breaks the rules, fixes its answer, or never writes one that can be read.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import BERG as ARTICLE
from conftest import GOOD, INVENTED

from summarizer import Settings, summarize
from summarizer.devtools.fake_server import FakeReply, FakeServer
from summarizer.model import embedded

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _settings(url: str, **overrides: Any) -> Settings:
    return Settings(base_url=url, endpoint_kind="llama_cpp", max_retries=0, **overrides)


def _scripted(*contents: str) -> tuple[FakeServer, list[dict[str, Any]]]:
    seen: list[dict[str, Any]] = []

    def respond(request: dict[str, Any], number: int) -> FakeReply:
        seen.append(request)
        return FakeReply(content=contents[min(number, len(contents)) - 1])

    return FakeServer(respond), seen


def test_a_rule_broken_is_reasked_with_the_problems_listed_then_accepted() -> None:
    server, seen = _scripted(INVENTED, GOOD)
    with server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url))
    assert brief.meta.what_by == "model, re-asked" and brief.what.startswith("About 4,000 soldiers crossed")
    assert brief.meta.usage.calls == 2 and len(seen) == 2
    reask = seen[1]["messages"]
    assert reask[-2] == {"role": "assistant", "content": INVENTED}
    assert "the number '9,000' in 'what' is not in the article" in reask[-1]["content"]
    assert "the name 'Moscow' in 'what' is not in the article" in reask[-1]["content"]
    assert any("re-asked" in note for note in brief.meta.checks)
    assert brief.figures[0].measures == "soldiers who crossed" and brief.meta.figures_by == "model"


def test_a_rule_broken_twice_gives_the_extractive_lead_and_says_so() -> None:
    server, _ = _scripted(INVENTED, INVENTED)
    with server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url, max_reasks=1))
    assert brief.meta.what_by == "extractive lead"
    assert brief.what.startswith("Defense Minister Anna Berg said on Tuesday")
    assert "9,000" not in brief.what and "Moscow" not in brief.what
    assert any(note.startswith("what replaced by the extractive lead") for note in brief.meta.checks)
    assert brief.meta.model_confidence == "high"  # recorded as the model's view, one input among the evidence


def test_an_answer_that_cannot_be_read_falls_back_to_the_codes_brief() -> None:
    server, seen = _scripted("I am sorry, I cannot help with that.")
    with server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url, max_reasks=1))
    assert len(seen) == 2 and "Answer again in the same four lines" in seen[1]["messages"][-1]["content"]
    assert brief.meta.what_by == "extractive lead" and brief.meta.figures_by == "code ranking"
    assert any(note.startswith("no readable answer") for note in brief.meta.checks)
    assert {4000, 1200} <= {f.value for f in brief.figures}


def test_an_answer_cut_off_at_the_token_cap_is_read_as_far_as_it_goes() -> None:
    cut = GOOD.split("\nSOURCES", maxsplit=1)[0]

    def respond(request: dict[str, Any], number: int) -> FakeReply:
        return FakeReply(content=cut, finish_reason="length")

    with FakeServer(respond) as server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url))
    assert brief.meta.what_by == "model" and brief.meta.usage.calls == 1


def test_json_schema_endpoints_get_the_strict_schema_and_their_json_is_read() -> None:
    answer = {
        "what": [{"text": "About 4,000 soldiers crossed the border, Anna Berg said.", "cites": [1]}],
        "figures": [{"id": "F1", "counts": "soldiers who crossed"}],
        "sources": [{"name": "Reuters", "cites": [2]}],
        "confidence": "medium",
    }
    server, seen = _scripted(json.dumps(answer))
    with server:
        brief = summarize(ARTICLE, settings=Settings(base_url=server.base_url, endpoint_kind="vllm", model="m"))
    fmt = seen[0]["response_format"]
    assert fmt["type"] == "json_schema" and fmt["json_schema"]["strict"] is True
    assert brief.meta.what_by == "model" and brief.sources[0].name == "Reuters"


def test_the_codes_own_brief_asks_no_model_and_starts_no_server() -> None:
    brief = summarize(ARTICLE, settings=Settings(embedded_model="none"))
    assert brief.meta.model == "none" and brief.meta.usage.calls == 0
    assert brief.meta.what_by == "extractive lead" and brief.meta.figures_by == "code ranking"
    assert embedded._Process.server is None


def test_a_reask_that_cannot_be_read_keeps_the_first_answers_checked_figures() -> None:
    server, _ = _scripted(INVENTED, "Sorry.")
    with server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url, max_reasks=1))
    assert brief.meta.what_by == "extractive lead"
    assert brief.meta.figures_by == "model" and [f.value for f in brief.figures] == [4000]
    assert "figures and sources from the answer before the re-ask" in brief.meta.checks
