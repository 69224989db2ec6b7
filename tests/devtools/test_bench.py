"""The benchmark's measurements, against a fake OpenAI-compatible server (real HTTP on 127.0.0.1)."""

from __future__ import annotations

import asyncio
import os

import pytest

from summarizer import Settings
from summarizer.devtools.bench import run_bench
from summarizer.devtools.evaluate import EvalArticle
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLES = [
    EvalArticle(f"a{n}", f"Officials said on Monday that about {n},000 people had left, according to Reuters.")
    for n in range(1, 4)
]


def test_bench_reports_ratios_overhead_and_memory() -> None:
    with FakeServer() as server:
        settings = Settings(base_url=server.base_url, endpoint_kind="llama_cpp", max_retries=0)
        payload = asyncio.run(run_bench(ARTICLES, settings, overhead_articles=20)).to_dict()
    assert set(payload["systems"]) >= {"project", "floor", "baseline", "prefill_warm", "prefill_cold"}
    assert payload["systems"]["project"]["calls_per_article"] == 1.0
    assert payload["project_over_floor"] > 0 and payload["project_over_baseline"] > 0
    overhead = payload["client_overhead"]
    assert overhead["c1_articles_per_second"] > 0 and overhead["c32_articles_per_second"] > 0
    assert overhead["c1_cpu_ms_per_article"] > 0
    cores = os.cpu_count() or 1
    if cores > 1:  # the workers' own CPU is counted, not only the parent's share of the work
        workers = overhead[f"c32_workers{cores}_cpu_ms_per_article"]
        assert workers > 0.5 * overhead["c32_cpu_ms_per_article"]
        assert overhead[f"c32_workers{cores}_articles_per_second"] > 0
    assert payload["peak_memory_mb"]["client_peak"] > 0
    assert payload["parallel_requests"]["articles"] == 3
