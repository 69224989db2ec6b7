"""The command line: outputs, exit codes, messages."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import SummarizerError, cli, summarize
from summarizer._fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The ministry said on Monday that about {n},000 soldiers had crossed the border, according to Reuters."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "in"
    path.mkdir()
    for n in (1, 2):
        (path / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    return path


def _invoke(args: list[str], base_url: str) -> tuple[int, str]:
    env = {"OPENAI_BASE_URL": base_url, "SUMMARIZER_ENDPOINT_KIND": "llama_cpp", "SUMMARIZER_MAX_RETRIES": "0"}
    result = CliRunner().invoke(cli.main, args, env=env, catch_exceptions=False)
    return result.exit_code, result.output


def test_run_writes_outputs_and_reruns_from_cache(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with FakeServer() as server:
        code, output = _invoke(["run", str(folder), "--out", str(out)], server.base_url)
        assert code == 0, output
        assert "2 of 2 articles briefed (0 cached" in output
        code, output = _invoke(["run", str(folder), "--out", str(out)], server.base_url)
        assert code == 0 and "(2 cached" in output
        assert server.requests == 2
    lines = [json.loads(line) for line in (out / "briefs.jsonl").read_text().splitlines()]
    assert [(line["id"], line["ok"], line["cached"]) for line in lines] == [
        ("a1.txt", True, True),
        ("a2.txt", True, True),
    ]


def test_failed_article_gives_exit_code_1_and_its_reason(folder: Path, tmp_path: Path) -> None:
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with FakeServer() as server:
        code, output = _invoke(["run", str(folder), "--out", str(tmp_path / "out")], server.base_url)
    assert code == 1
    assert "FAIL  empty.txt  EmptyInputError" in output and "the file is empty" in output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with FakeServer() as server:
        code, output = _invoke(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out")], server.base_url)
        assert code == 2 and "no such file or folder" in output
        empty = tmp_path / "empty-folder"
        empty.mkdir()
        code, output = _invoke(["run", str(empty), "--out", str(tmp_path / "out")], server.base_url)
        assert code == 2 and "no article files found" in output


def test_unreachable_endpoint_is_reported_per_article(folder: Path, tmp_path: Path) -> None:
    code, output = _invoke(["run", str(folder), "--out", str(tmp_path / "out")], "http://127.0.0.1:9/v1")
    assert code == 1
    assert output.count("EndpointUnavailableError") == 2


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run([sys.executable, "-m", "summarizer", "--help"], capture_output=True, text=True, check=True)
    assert "run" in done.stdout and "eval" in done.stdout and "bench" in done.stdout


def test_summarize_inside_an_event_loop_says_to_use_asummarize() -> None:
    async def inside() -> None:
        with pytest.raises(SummarizerError, match="asummarize"):
            summarize("Officials said 12 people were hurt.")

    asyncio.run(inside())
