"""The batch: outputs, resumable cache, failures recorded, concurrency against a real HTTP server."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from summarizer import Settings
from summarizer.batch.run import run_batch
from summarizer.devtools.fake_server import FakeReply, FakeServer

if TYPE_CHECKING:
    from conftest import WriteArticles

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = (
    "Officials said on Monday that about {n},000 people had left the city, according to Reuters. "
    "The mayor said 12 shelters were open."
)


def _settings(server: FakeServer) -> Settings:
    return Settings(base_url=server.base_url, endpoint_kind="vllm", model="fake", max_retries=0)


def test_batch_writes_every_output_and_reruns_from_cache(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 3)
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    paths.append(tmp_path / "in" / "empty.txt")
    out = tmp_path / "out"
    with FakeServer() as server:
        first = asyncio.run(run_batch(paths, out, _settings(server)))
        assert server.requests == 3
        lines = [json.loads(line) for line in (out / "briefs.jsonl").read_text().splitlines()]
        assert [line["id"] for line in lines if line["ok"]] == ["a01.txt", "a02.txt", "a03.txt"]
        failed = next(line for line in lines if not line["ok"])
        assert failed["error"]["type"] == "EmptyInputError" and "empty.txt" in failed["error"]["message"]
        assert len(first.failed) == 1
        for name in ("a01.json", "a02.json", "a03.json", "report.md", "report.html", "digest.json"):
            assert (out / name).stat().st_size > 0, name
        assert not list(out.glob(".*.tmp")), "no temporary files left behind"

        started = time.perf_counter()
        again = asyncio.run(run_batch(paths, out, _settings(server)))
        assert server.requests == 3, "a rerun asks the model nothing"
        assert again.cached == 3
        assert time.perf_counter() - started < 3

        asyncio.run(run_batch(paths[:1], out, _settings(server), force=True))
        assert server.requests == 4


def test_one_failing_article_does_not_stop_the_batch(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 4)

    def respond(request: dict[str, object], number: int) -> FakeReply:
        return FakeReply(status=400) if number == 2 else FakeReply()

    with FakeServer(respond) as server:
        result = asyncio.run(run_batch(paths, tmp_path / "out", _settings(server)))
    assert [r.ok for r in result.results].count(True) == 3
    assert [r.error_type for r in result.results if not r.ok] == ["EndpointRejectedError"]


def test_concurrency_keeps_n_requests_in_flight(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 12)
    with FakeServer(lambda request, n: FakeReply(delay=0.2)) as server:
        started = time.perf_counter()
        result = asyncio.run(run_batch(paths, tmp_path / "out", _settings(server), concurrency=4))
        elapsed = time.perf_counter() - started
    assert all(r.ok for r in result.results)
    assert server.max_in_flight == 4
    assert elapsed < 12 * 0.2  # overlapped, not one after another
    assert result.seconds <= elapsed < sum(r.seconds for r in result.results)  # the summary reports wall time


def test_interrupted_batch_keeps_finished_briefs(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 5)
    out = tmp_path / "out"

    def respond(request: dict[str, object], number: int) -> FakeReply:
        return FakeReply(delay=30.0) if number >= 3 else FakeReply()

    async def interrupted() -> None:
        task = asyncio.ensure_future(run_batch(paths, out, _settings(server)))
        while len(list(out.glob("a*.json"))) < 2:
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with FakeServer(respond) as server:
        asyncio.run(interrupted())
    assert sorted(p.name for p in out.glob("a*.json")) == ["a01.json", "a02.json"]
    lines = (out / "briefs.jsonl").read_text().splitlines()
    assert len(lines) == 2
    assert "a01.txt" in (out / "report.html").read_text()
