"""Worker processes: the same briefs as one process, errors that keep their class, no child left behind."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from summarizer import EmptyInputError, EndpointRejectedError, Settings, SummarizerError
from summarizer.batch.run import run_batch
from summarizer.batch.workers import WorkerPool
from summarizer.devtools.fake_server import FakeReply, FakeServer
from summarizer.read.input import prepare_text

if TYPE_CHECKING:
    from conftest import WriteArticles

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = (
    "Officials said on Monday that about {n},000 people had left the city, according to Reuters. "
    "The mayor said {n} shelters were open, and Health Minister Ana Ruiz said 3 hospitals were full."
)


def _settings(server: FakeServer, **extra: object) -> Settings:
    return Settings(base_url=server.base_url, endpoint_kind="vllm", model="fake", max_retries=0, **extra)


def _without_timing(line: dict[str, object]) -> dict[str, object]:
    brief = json.loads(json.dumps(line["brief"]))
    brief["meta"].pop("seconds")
    return brief  # type: ignore[no-any-return]


def _our_workers() -> list[int]:
    """Live ``summarizer.batch.workers`` children of this test process."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        state = stat.rsplit(")", 1)[1].split()[0]
        if parent == os.getpid() and b"summarizer.batch.workers" in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def test_workers_make_the_same_briefs_and_keep_the_concurrency(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 8)
    with FakeServer(lambda request, n: FakeReply(delay=0.2)) as server:
        one = asyncio.run(run_batch(paths, tmp_path / "one", _settings(server), concurrency=4))
        server.max_in_flight = 0
        two = asyncio.run(run_batch(paths, tmp_path / "two", _settings(server), concurrency=4, workers=2))
        # Each of the two children may have 2 requests in flight: 4 at once means both were used.
        assert server.max_in_flight == 4
    assert all(r.ok for r in one.results) and all(r.ok for r in two.results)
    lines = {
        name: [json.loads(x) for x in (tmp_path / name / "briefs.jsonl").read_text().splitlines()]
        for name in ("one", "two")
    }
    by_id = {name: {line["id"]: _without_timing(line) for line in rows} for name, rows in lines.items()}
    assert by_id["one"] == by_id["two"]
    assert any(f["value"] == 3.0 for f in by_id["two"]["a03.txt"]["figures"])  # type: ignore[index]
    assert not _our_workers()


def test_errors_from_a_worker_keep_their_class_and_message(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 4)

    def respond(request: dict[str, object], number: int) -> FakeReply:
        return FakeReply(status=400) if number == 2 else FakeReply()

    with FakeServer(respond) as server:
        result = asyncio.run(run_batch(paths, tmp_path / "out", _settings(server), concurrency=2, workers=2))
    failed = [r for r in result.results if not r.ok]
    assert [r.error_type for r in failed] == ["EndpointRejectedError"]
    assert failed[0].error_message is not None and "HTTP 400" in failed[0].error_message
    assert sum(r.ok for r in result.results) == 3


def test_a_dead_worker_fails_only_its_own_articles() -> None:
    articles = [prepare_text(ARTICLE.format(n=n), f"a{n}", max_chars=10_000) for n in range(1, 5)]

    async def scenario(server: FakeServer) -> None:
        async with WorkerPool(_settings(server), workers=2, concurrency=2) as pool:
            first = asyncio.ensure_future(pool.brief(articles[0]))
            second = asyncio.ensure_future(pool.brief(articles[1]))
            while server.requests < 2:
                await asyncio.sleep(0.05)
            victim = next(w for w in pool._pool if w.pending)
            victim.proc.kill()
            outcomes = await asyncio.gather(first, second, return_exceptions=True)
            errors = [o for o in outcomes if isinstance(o, BaseException)]
            assert len(errors) == 1 and isinstance(errors[0], SummarizerError)
            assert "exited" in str(errors[0])
            brief = await pool.brief(articles[2])  # the other worker carries on
            assert brief.figures

    with FakeServer(lambda request, n: FakeReply(delay=1.0)) as server:
        asyncio.run(scenario(server))
    assert not _our_workers()


def test_the_api_key_reaches_workers_through_a_pipe_not_their_command_line() -> None:
    secret = "sk-test-workers-0123456789"
    article = prepare_text(ARTICLE.format(n=1), "a1", max_chars=10_000)

    async def scenario(server: FakeServer) -> None:
        async with WorkerPool(_settings(server, api_key=secret), workers=2, concurrency=2) as pool:
            await pool.brief(article)
            children = _our_workers()
            assert len(children) == 2
            for pid in children:
                assert secret.encode() not in Path(f"/proc/{pid}/cmdline").read_bytes()

    with FakeServer() as server:
        asyncio.run(scenario(server))


def test_a_cancelled_batch_stops_its_workers(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 6)
    out = tmp_path / "out"

    def respond(request: dict[str, object], number: int) -> FakeReply:
        return FakeReply(delay=30.0) if number >= 3 else FakeReply()

    async def interrupted(server: FakeServer) -> None:
        task = asyncio.ensure_future(run_batch(paths, out, _settings(server), concurrency=4, workers=2))
        while server.requests < 5:
            await asyncio.sleep(0.05)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    with FakeServer(respond) as server:
        asyncio.run(interrupted(server))
    assert not _our_workers()
    kept = [json.loads(line) for line in (out / "briefs.jsonl").read_text().splitlines()]
    assert len(kept) == 2 and all(line["ok"] for line in kept)


def test_retries_in_a_worker_are_counted_by_the_batch(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 2)

    def respond(request: dict[str, object], number: int) -> FakeReply:
        return FakeReply() if number == 2 else FakeReply(status=503)  # a01: retried to success; a02: gives up

    with FakeServer(respond) as server:
        settings = Settings(
            base_url=server.base_url, endpoint_kind="vllm", model="fake", max_retries=1, retry_max_wait_seconds=0.1
        )
        result = asyncio.run(run_batch(paths, tmp_path / "out", settings, concurrency=1, workers=2))
    outcome = [(r.id, r.ok, r.error_type, r.retries) for r in result.results]
    assert outcome == [("a01.txt", True, None, 1), ("a02.txt", False, "EndpointUnavailableError", 1)]
    assert result.retries == 2


def test_a_rejected_request_is_rebuilt_as_the_library_error() -> None:
    article = prepare_text(ARTICLE.format(n=1), "a1", max_chars=10_000)

    async def scenario(server: FakeServer) -> None:
        async with WorkerPool(_settings(server), workers=2, concurrency=2) as pool:
            with pytest.raises(EndpointRejectedError, match="refused the request: HTTP 401"):
                await pool.brief(article)

    with FakeServer(lambda request, n: FakeReply(status=401)) as server:
        asyncio.run(scenario(server))


def test_an_article_a_worker_refuses_comes_back_as_an_input_error_naming_it() -> None:
    furniture = prepare_text("Related Post\n\nLeave a Comment\n\nHot news now\n", "furniture.txt", max_chars=10_000)

    async def scenario(server: FakeServer) -> None:
        async with WorkerPool(_settings(server), workers=2, concurrency=2) as pool:
            with pytest.raises(EmptyInputError) as caught:
                await pool.brief(furniture)
        assert caught.value.origin == "furniture.txt"
        assert str(caught.value) == "furniture.txt: no article text left after removing page furniture"

    with FakeServer() as server:
        asyncio.run(scenario(server))
    assert server.requests == 0
