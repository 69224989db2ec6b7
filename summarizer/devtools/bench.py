"""``summarizer bench``: what a brief costs, against the single-call floor and plain instructor.

Per article, in the same process and against the same server:

- **project**: the full pipeline (one grammar-constrained call choosing ids);
- **floor**: one unconstrained completion with the project's prompt that generates exactly as many
  tokens as the project's answer did — the least the model can cost for that answer;
- **baseline**: the plain-instructor comparator of ``summarizer eval``;
- **prefill**: the project's prompt with a one-token answer, warm (after another article, so the
  shared instructions are cached) and cold (after an unrelated prompt), to split prompt and decode time.

Each system runs over all articles before the next starts, so each sees the same server prompt cache
(the previous article's prompt). Then the client overhead: the same pipeline against an instant fake
server in another process, at concurrency 1 and 32, and at 32 with one worker process per core. With
``batch_articles``, the client's cost of ``batch prepare`` and ``batch collect`` on that many generated
articles (``batch_overhead``).
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletionMessageParam

from ..batch.collect import collect_results, result_lines
from ..batch.outputs import OutFolder
from ..batch.requests import prepare_requests
from ..batch.run import BatchResult, write_reports
from ..batch.workers import WorkerPool
from ..brief.pipeline import Briefer, Pipeline
from ..model.client import UsageTally
from ..model.embedded import embedded_server
from ..read.input import ArticleInput, prepare_text
from ..settings import Settings
from .evaluate import EvalArticle, plain_brief
from .fake_batch_api import results_line
from .fake_server import FakeReply, valid_answer

__all__ = ["BenchResult", "batch_overhead", "dumps", "run_bench"]

_COLD_PROMPT: list[ChatCompletionMessageParam] = [{"role": "user", "content": "Lorem ipsum dolor sit amet."}]


@dataclass
class Sample:
    """One system on one article."""

    seconds: float
    calls: int = 1
    prompt_tokens: int = 0
    completion_tokens: int = 0
    ok: bool = True


@dataclass
class BenchResult:
    """Samples per system, overhead figures and derived ratios."""

    articles: int
    model: str
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    overhead: dict[str, float] = field(default_factory=dict)
    memory_mb: dict[str, float] = field(default_factory=dict)
    server_start_seconds: float | None = None
    parallel: dict[str, float] = field(default_factory=dict)
    batch: dict[str, float | str] = field(default_factory=dict)

    def summary(self, system: str) -> dict[str, float]:
        """Median and p90 seconds, calls and tokens per article for one system."""
        rows = self.samples.get(system, [])
        if not rows:
            return {}
        seconds = sorted(r.seconds for r in rows)
        n = len(rows)
        return {
            "median_seconds": round(statistics.median(seconds), 3),
            "p90_seconds": round(seconds[min(n - 1, int(0.9 * n))], 3),
            "calls_per_article": round(sum(r.calls for r in rows) / n, 2),
            "prompt_tokens_per_article": round(sum(r.prompt_tokens for r in rows) / n, 1),
            "completion_tokens_per_article": round(sum(r.completion_tokens for r in rows) / n, 1),
            "valid_share": round(sum(r.ok for r in rows) / n, 3),
        }

    def _ratio(self, a: str, b: str) -> float | None:
        pairs = [x.seconds / y.seconds for x, y in zip(self.samples[a], self.samples[b], strict=True) if y.seconds]
        return round(statistics.median(pairs), 3) if pairs else None

    def to_dict(self) -> dict[str, Any]:
        """The --json payload."""
        project, floor = self.samples.get("project", []), self.samples.get("floor", [])
        warm, cold = self.samples.get("prefill_warm", []), self.samples.get("prefill_cold", [])
        decode = [
            (p.completion_tokens - 1) / (p.seconds - w.seconds)
            for p, w in zip(project, warm, strict=False)
            if p.seconds > w.seconds and p.completion_tokens > 1
        ]
        free = [
            (f.completion_tokens - 1) / (f.seconds - w.seconds)
            for f, w in zip(floor, warm, strict=False)
            if f.seconds > w.seconds and f.completion_tokens > 1
        ]
        return {
            "articles": self.articles,
            "model": self.model,
            "systems": {name: self.summary(name) for name in self.samples},
            "project_over_floor": self._ratio("project", "floor") if floor else None,
            "project_over_baseline": self._ratio("project", "baseline") if "baseline" in self.samples else None,
            "constrained_tokens_per_second": round(statistics.median(decode), 1) if decode else None,
            "unconstrained_tokens_per_second": round(statistics.median(free), 1) if free else None,
            "prefill_warm_median_seconds": round(statistics.median(s.seconds for s in warm), 3) if warm else None,
            "prefill_cold_median_seconds": round(statistics.median(s.seconds for s in cold), 3) if cold else None,
            "server_start_seconds": self.server_start_seconds,
            "parallel_requests": self.parallel,
            "client_overhead": self.overhead,
            "batch_overhead": self.batch,
            "peak_memory_mb": self.memory_mb,
        }


async def _timed(make: Callable[[], Awaitable[UsageTally | None]]) -> Sample:
    started = time.perf_counter()
    try:
        tally = await make()
    except Exception:  # a failed call still cost its time; the bench reports it as not valid
        return Sample(time.perf_counter() - started, ok=False)
    seconds = time.perf_counter() - started
    if tally is None:
        return Sample(seconds)
    return Sample(seconds, tally.calls, tally.prompt_tokens, tally.completion_tokens)


async def _model_runs(pipeline: Pipeline, articles: Sequence[EvalArticle], result: BenchResult) -> None:
    inputs = [prepare_text(a.text, a.id, max_chars=pipeline.settings.max_input_chars) for a in articles]
    client = await pipeline.client()
    project: list[Sample] = []
    for prepared in inputs:

        async def one(article: ArticleInput = prepared) -> UsageTally:
            brief = await pipeline.brief(article)
            usage = brief.meta.usage
            return UsageTally(usage.prompt_tokens, usage.completion_tokens, usage.calls)

        project.append(await _timed(one))
    result.samples["project"] = project

    requests = [pipeline.request(a)[1].messages for a in inputs]
    floor: list[Sample] = []
    for messages, done in zip(requests, project, strict=True):

        async def unconstrained(
            messages: list[ChatCompletionMessageParam] = messages, n: int = done.completion_tokens
        ) -> UsageTally:
            tally = UsageTally()
            await client.complete(messages, tally, max_tokens=max(1, n), exact=True)
            return tally

        floor.append(await _timed(unconstrained))
    result.samples["floor"] = floor

    baseline: list[Sample] = []
    for entry in articles:

        async def plain(article: EvalArticle = entry) -> UsageTally:
            tally = UsageTally()
            await plain_brief(pipeline, article, tally)
            return tally

        baseline.append(await _timed(plain))
    result.samples["baseline"] = baseline

    # Parallel slots: the same articles two at a time against the same server.
    sample = inputs[: min(6, len(inputs))]
    started = time.perf_counter()
    await asyncio.gather(*(pipeline.brief(a) for a in sample))
    result.parallel = {
        "articles": len(sample),
        "sequential_seconds": round(sum(s.seconds for s in project[: len(sample)]), 2),
        "all_at_once_seconds": round(time.perf_counter() - started, 2),
    }

    for name, flush in (("prefill_warm", False), ("prefill_cold", True)):
        samples: list[Sample] = []
        for messages in requests:
            if flush:
                await client.complete(_COLD_PROMPT, UsageTally(), max_tokens=1)

            async def prefill(messages: list[ChatCompletionMessageParam] = messages) -> UsageTally:
                tally = UsageTally()
                await client.complete(messages, tally, max_tokens=1)
                return tally

            samples.append(await _timed(prefill))
        result.samples[name] = samples


def _fake_server() -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarizer.devtools.fake_server"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


async def _overhead_run(
    inputs: Sequence[ArticleInput], settings: Settings, concurrency: int, workers: int
) -> dict[str, float]:
    """One pass over ``inputs``: our CPU milliseconds per article (workers included) and articles per second."""
    briefer: Briefer = Pipeline(settings)
    if workers > 1:
        briefer = WorkerPool(settings, workers=workers, concurrency=concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def one(article: ArticleInput) -> None:
        async with gate:
            await briefer.brief(article)

    def used() -> float:
        return time.process_time() + (briefer.cpu_seconds if isinstance(briefer, WorkerPool) else 0.0)

    async with briefer:
        await asyncio.gather(*(one(a) for a in inputs[:concurrency]))  # connections, imports and caches warm
        cpu, wall = used(), time.perf_counter()
        await asyncio.gather(*(one(a) for a in inputs))
        cpu, wall = used() - cpu, time.perf_counter() - wall
    total = len(inputs)
    return {
        "cpu_ms_per_article": round(1000 * cpu / total, 2),
        "wall_ms_per_article": round(1000 * wall / total, 2),
        "articles_per_second": round(total / wall, 1),
    }


async def _overhead(articles: Sequence[EvalArticle], settings: Settings, total: int) -> dict[str, float]:
    """Our own milliseconds per article and articles per second against an instant server.

    At concurrency 1 and 32 in this process, and at 32 shared by one worker process per core (``--workers``).
    """
    proc, base_url = _fake_server()
    try:
        fake = settings.model_copy(update={"base_url": base_url, "endpoint_kind": "llama_cpp", "max_retries": 0})
        inputs = [
            prepare_text(articles[i % len(articles)].text, str(i), max_chars=settings.max_input_chars)
            for i in range(total)
        ]
        cores = os.cpu_count() or 1
        runs = [("c1", 1, 1), ("c32", 32, 1)] + ([(f"c32_workers{cores}", 32, cores)] if cores > 1 else [])
        out: dict[str, float] = {}
        for label, concurrency, workers in runs:
            for key, value in (await _overhead_run(inputs, fake, concurrency, workers)).items():
                out[f"{label}_{key}"] = value
        return out
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        proc.wait(timeout=10)


def _server_peak_mb(pid: int | None) -> float | None:
    if pid is None:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def _peak_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _write_results(requests: Sequence[Path], results: Path) -> None:
    """The results file an instant model would give for ``requests``, written a line at a time."""
    with results.open("w", encoding="utf-8") as out:
        for number, (_, text) in enumerate(result_lines(requests), start=1):
            request = json.loads(text)
            out.write(results_line(request, FakeReply(content=valid_answer(request["body"])), number)[1])


def batch_overhead(articles: Sequence[EvalArticle], settings: Settings, total: int) -> dict[str, float | str]:
    """CPU milliseconds per article of ``batch prepare`` and ``batch collect`` over ``total`` generated articles.

    The articles are ``articles`` again and again, each made distinct by a first line of its own, written
    as files; the results come from an instant model (not counted); peak memory is this process's.
    ``collect`` is timed over its articles; the reports and digest it ends with (``run``'s, the same
    code) are timed apart, and the peak memory is taken before and after them.
    """
    fake = settings.model_copy(update={"base_url": "http://batch.invalid/v1", "endpoint_kind": "llama_cpp"})
    with tempfile.TemporaryDirectory(prefix="summarizer-bench-") as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        for i in range(total):
            text = f"Article {i}.\n\n{articles[i % len(articles)].text}"
            (folder / "in" / f"{i:07d}.txt").write_text(text, encoding="utf-8")
        warm = sorted((folder / "in").iterdir())[: min(20, total)]
        prepare_requests(warm, folder / "warm.jsonl", fake)  # imports, locale data and caches, not counted
        cpu, wall = time.process_time(), time.perf_counter()
        prepared = prepare_requests([folder / "in"], folder / "requests.jsonl", fake)
        prepare_cpu, prepare_wall = time.process_time() - cpu, time.perf_counter() - wall
        _write_results(prepared.paths, folder / "results.jsonl")
        cpu, wall = time.process_time(), time.perf_counter()
        done = collect_results(result_lines([folder / "results.jsonl"]), folder / "out", fake, reports=False)
        collect_cpu, collect_wall = time.process_time() - cpu, time.perf_counter() - wall
        collect_peak = _peak_mb()
        cpu = time.process_time()
        write_reports(OutFolder(folder / "out"), BatchResult())
        reports = round(1000 * (time.process_time() - cpu) / total, 2)
    return {
        "articles": total,
        "requests": prepared.lines,
        "briefed": done.briefed,
        "prepare_cpu_ms_per_article": round(1000 * prepare_cpu / total, 2),
        "prepare_wall_ms_per_article": round(1000 * prepare_wall / total, 2),
        "collect_cpu_ms_per_article": round(1000 * collect_cpu / total, 2),
        "collect_wall_ms_per_article": round(1000 * collect_wall / total, 2),
        "reports_cpu_ms_per_article": reports,
        "peak_memory_mb_before_reports": collect_peak,
        "peak_memory_mb": _peak_mb(),
    }


async def run_bench(
    articles: Sequence[EvalArticle],
    settings: Settings,
    *,
    overhead_articles: int = 320,
    model_runs: bool = True,
    overhead_runs: bool = True,
    batch_articles: int = 0,
) -> BenchResult:
    """Measure everything in the module docstring for ``articles``."""
    result = BenchResult(articles=len(articles), model=settings.resolved_model)
    if batch_articles:
        result.batch = await asyncio.to_thread(batch_overhead, articles, settings, batch_articles)
    if model_runs:
        async with Pipeline(settings) as pipeline:
            if settings.embedded:
                started = time.perf_counter()
                server = await asyncio.to_thread(embedded_server, settings)
                result.server_start_seconds = round(time.perf_counter() - started, 2)
            await _model_runs(pipeline, articles, result)
            if settings.embedded:
                result.memory_mb["server_peak"] = _server_peak_mb(server.pid) or 0.0
    if overhead_runs:
        result.overhead = await _overhead(articles, settings, overhead_articles)
    result.memory_mb["client_peak"] = _peak_mb()
    return result


def dumps(result: BenchResult) -> str:
    """The JSON result file."""
    return json.dumps(result.to_dict(), indent=2)
