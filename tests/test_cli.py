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
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ROOT = Path(__file__).resolve().parents[1]
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


def test_unreachable_endpoint_exits_3_when_no_article_got_through(folder: Path, tmp_path: Path) -> None:
    code, output = _invoke(["run", str(folder), "--out", str(tmp_path / "out")], "http://127.0.0.1:9/v1")
    assert code == 3, output
    assert output.count("FAIL") == 2 and "the model endpoint could not be used" in output


def test_unreachable_endpoint_stops_the_batch_after_three_articles(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(1, 9):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    code, output = _invoke(["run", str(folder), "--out", str(out)], "http://127.0.0.1:9/v1")
    assert code == 3, output
    assert "stopped the batch: 3 articles in a row could not reach the model endpoint" in output
    records = [json.loads(line) for line in (out / "briefs.jsonl").read_text().splitlines()]
    assert len(records) == 3 and not any(r["ok"] for r in records)


def test_endpoint_gone_after_some_briefs_is_exit_1(folder: Path, tmp_path: Path) -> None:
    with FakeServer() as server:
        code, output = _invoke(["run", str(folder / "a1.txt"), "--out", str(tmp_path / "out")], server.base_url)
        assert code == 0, output
    # a1's brief is in the cache (same model and endpoint kind), so one of the two articles is briefed.
    code, output = _invoke(["run", str(folder), "--out", str(tmp_path / "out")], "http://127.0.0.1:9/v1")
    assert code == 1, output
    assert "1 of 2 articles briefed (1 cached, 1 failed" in output


def test_python_dash_m_is_the_same_command() -> None:
    done = subprocess.run([sys.executable, "-m", "summarizer", "--help"], capture_output=True, text=True, check=True)
    assert "run" in done.stdout and "eval" in done.stdout and "bench" in done.stdout


def test_run_loads_no_dev_tools() -> None:
    """``summarizer run`` stays off the dev tools: eval, bench, metrics and the fake server are not imported."""
    probe = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import summarizer, summarizer.cli\n"
        "result = CliRunner().invoke(summarizer.cli.main, ['run', '--help'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('batch' if 'summarizer.batch.run' in sys.modules else 'no batch')\n"
        "print(*sorted(name for name in sys.modules if name.startswith('summarizer.devtools')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["batch", ""]


def test_summarize_inside_an_event_loop_says_to_use_asummarize() -> None:
    async def inside() -> None:
        with pytest.raises(SummarizerError, match="asummarize"):
            summarize("Officials said 12 people were hurt.")

    asyncio.run(inside())


def test_doctor_reports_each_check_and_times_a_completion() -> None:
    with FakeServer() as server:
        url = server.base_url
        code, output = _invoke(["doctor"], url)
        assert server.requests == 1
    assert code == 0, output
    lines = output.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["ok", "versions"],
        ["ok", "cpu"],
        ["ok", "weights"],
        ["ok", "endpoint"],
        ["ok", "completion"],
    ]
    pinned = next(line for line in (ROOT / "constraints.txt").read_text().splitlines() if "llama-cpp-python==" in line)
    assert f"llama-cpp-python {pinned.split('==')[1]}" in lines[0]  # the runtime installed is the one CI tests
    assert "AVX" in lines[1]  # the features llama.cpp was built for, as it reports them
    assert url in lines[3] and "kind llama_cpp" in lines[3]
    assert "one token in" in lines[4]


def test_doctor_fails_with_the_reason_and_exit_3() -> None:
    code, output = _invoke(["doctor"], "http://127.0.0.1:9/v1")
    assert code == 3
    assert "FAIL  completion    EndpointUnavailableError" in output and "http://127.0.0.1:9/v1" in output
    assert "doctor found a problem with: completion" in output
