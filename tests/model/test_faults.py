"""Faults of a real HTTP endpoint (a fake OpenAI-compatible server on 127.0.0.1, not a mocked client).

Each fault is either retried to success or reported for its article within a bounded time, and a
batch goes on past it, counting retries and failures.
"""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from summarizer import (
    EndpointRejectedError,
    EndpointUnavailableError,
    ModelOutputError,
    Settings,
    summarize,
)
from summarizer.batch.run import run_batch
from summarizer.devtools.fake_server import FakeReply, FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The ministry said on Monday that about 4,000 soldiers had crossed the border, according to Reuters."
Responder = Callable[[dict[str, object], int], FakeReply]


def _settings(base_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "base_url": base_url,
        "endpoint_kind": "vllm",
        "model": "fake",
        "max_retries": 2,
        "retry_max_wait_seconds": 1.5,
        "timeout_seconds": 1.0,
        "connect_timeout_seconds": 1.0,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def _first_n_then_ok(n: int, reply: FakeReply) -> Responder:
    return lambda request, number: reply if number <= n else FakeReply()


def _timed(fn: Callable[[], object]) -> tuple[object, float]:
    started = time.monotonic()
    return fn(), time.monotonic() - started


def test_connection_refused_is_retried_then_reported() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    settings = _settings(f"http://127.0.0.1:{port}/v1")
    started = time.monotonic()
    with pytest.raises(EndpointUnavailableError, match="unavailable") as caught:
        summarize(ARTICLE, settings=settings)
    assert time.monotonic() - started < 10
    assert caught.value.usage is not None and caught.value.usage.retries == 2


def test_429_honours_retry_after() -> None:
    with FakeServer(_first_n_then_ok(1, FakeReply(status=429, headers={"retry-after": "1"}))) as server:
        brief, seconds = _timed(lambda: summarize(ARTICLE, settings=_settings(server.base_url)))
    assert seconds >= 1.0, "waited as long as the server asked"
    assert brief.meta.retries == 1  # type: ignore[attr-defined]
    assert server.requests == 2


@pytest.mark.parametrize("status", [500, 503])
def test_5xx_is_retried(status: int) -> None:
    with FakeServer(_first_n_then_ok(2, FakeReply(status=status))) as server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url))
    assert brief.meta.retries == 2
    assert brief.figures


def test_other_4xx_is_final_at_once() -> None:
    with FakeServer(lambda request, n: FakeReply(status=401)) as server:
        with pytest.raises(EndpointRejectedError, match="HTTP 401"):
            summarize(ARTICLE, settings=_settings(server.base_url))
        assert server.requests == 1


@pytest.mark.parametrize("delay", [3.0, 60.0], ids=["read-timeout", "hung-server"])
def test_slow_or_hung_server_times_out_within_bounds(delay: float) -> None:
    started = time.monotonic()
    with (
        FakeServer(lambda request, n: FakeReply(delay=delay)) as server,
        pytest.raises(EndpointUnavailableError, match="Timeout"),
    ):
        summarize(ARTICLE, settings=_settings(server.base_url, timeout_seconds=0.5, max_retries=1))
    assert time.monotonic() - started < 6


def test_malformed_body_is_reported() -> None:
    with (
        FakeServer(lambda request, n: FakeReply(raw_body=b"{this is not json")) as server,
        pytest.raises(ModelOutputError),
    ):
        summarize(ARTICLE, settings=_settings(server.base_url))


def test_schema_invalid_answer_is_reasked_then_accepted() -> None:
    bad = FakeReply(content='{"figures": ["F999"], "confidence": "certain"}')
    with FakeServer(_first_n_then_ok(1, bad)) as server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url, max_reasks=1))
    assert server.requests == 2 and brief.meta.usage.calls == 2
    assert brief.meta.usage.prompt_tokens == 200, "usage is summed over every attempt"


def test_unreadable_every_time_gives_the_codes_brief_and_says_so() -> None:
    bad = FakeReply(content='{"confidence": "certain"}')
    with FakeServer(lambda request, n: bad) as server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url, max_reasks=1))
        assert server.requests == 2
    assert brief.meta.what_by == "extractive lead" and brief.meta.figures_by == "code ranking"
    assert any(note.startswith("no readable answer: the answer's what") for note in brief.meta.checks)


def test_truncated_output_is_said_to_be_cut_off() -> None:
    cut = FakeReply(content='{"support": "S', finish_reason="length")
    with FakeServer(lambda request, n: cut) as server:
        brief = summarize(ARTICLE, settings=_settings(server.base_url))
    assert brief.meta.what_by == "extractive lead"
    assert any("cut off at the output-token cap" in note for note in brief.meta.checks)


def test_batch_survives_every_fault_and_counts_them(tmp_path: Path) -> None:
    faults = {
        1: FakeReply(status=503),  # article 1: retried once, then fine
        3: FakeReply(status=400),  # article 2: rejected
        4: FakeReply(raw_body=b"<html>bad gateway</html>"),  # article 3: malformed
        5: FakeReply(content="{}", finish_reason="length"),  # article 4: truncated, then re-asked
    }
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for n in range(1, 7):
        path = folder / f"a{n}.txt"
        path.write_text(ARTICLE.replace("4,000", f"{n},000"), encoding="utf-8")
        paths.append(path)
    with FakeServer(lambda request, n: faults.get(n, FakeReply())) as server:
        result = asyncio.run(run_batch(paths, tmp_path / "out", _settings(server.base_url, max_reasks=0)))
    outcome = {r.id: (r.ok, r.error_type) for r in result.results}
    assert outcome["a1.txt"] == (True, None)
    assert outcome["a2.txt"] == (False, "EndpointRejectedError")
    assert outcome["a3.txt"][0] is False
    assert outcome["a4.txt"] == (True, None)  # the cut-off answer is left to the code's own brief
    assert outcome["a5.txt"] == (True, None) and outcome["a6.txt"] == (True, None)
    assert result.retries == 1 and len(result.failed) == 2
    briefs_on_disk = sorted(p.name for p in (tmp_path / "out").glob("a*.json"))
    assert briefs_on_disk == ["a1.json", "a4.json", "a5.json", "a6.json"]
