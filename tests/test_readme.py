"""Every code block of the README, run: offline, against the fake server, in a copy of the repository's inputs.

Python blocks run as written (``OPENAI_BASE_URL`` points at the fake server). Shell blocks run in bash in a
sandbox folder: ``.venv/bin/summarizer`` is the real command against the fake server (with the endpoint kind and
model a block exports, so they must be valid settings; the fake also plays the OpenAI Files and Batches API),
``pip`` and ``python3 -m venv`` record their arguments (installing is CI's job), ``vllm run-batch`` answers its file
instantly (``devtools.fake_batch_api``), and ``pytest`` collects with the arguments given; URLs are served through
a loopback proxy. Text blocks are compared with what they show: the layout tree with the package's modules, the doctor's
sample with the doctor's checks.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from summarizer.devtools.fake_batch_api import FakeBatchAPI
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ROOT = Path(__file__).resolve().parents[1]
FENCE = re.compile(r"^( *)```(\w+)\n(.*?)^\1```$", re.M | re.S)
ARTICLE = "The ministry said on Monday that about 3,000 soldiers had crossed the border, according to Reuters."
PAGE = f"<html><head><title>Border</title></head><body><article><p>{ARTICLE}</p></article></body></html>"


def _blocks(kind: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        "\n".join(line[len(m[1]) :] for line in m[3].splitlines()) + "\n" for m in FENCE.finditer(text) if m[2] == kind
    ]


def test_every_block_is_of_a_kind_this_file_runs() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    kinds = [m[2] for m in FENCE.finditer(text)]
    assert kinds and set(kinds) <= {"python", "bash", "text"}
    assert text.count("```") == 2 * len(kinds), "every fence is matched"


@pytest.fixture(scope="module")
def server() -> Iterator[FakeServer]:
    with FakeBatchAPI() as fake:  # chat completions, and the Files and Batches API of the batch blocks
        yield fake


@pytest.mark.parametrize("block", _blocks("python"))
def test_python_blocks_run_as_written(block: str, server: FakeServer) -> None:
    env = {**os.environ, "OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "llama_cpp"}
    done = subprocess.run([sys.executable, "-c", block], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


class _Proxy(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


_SUMMARIZER = """#!/bin/sh
# The real command, with the block's settings but the endpoint: the fake server (kind and model stay the block's).
echo "summarizer $*" >> "{log}"
export OPENAI_BASE_URL="{url}" SUMMARIZER_BASE_URL="{url}"
SUMMARIZER_ENDPOINT_KIND="${{SUMMARIZER_ENDPOINT_KIND:-llama_cpp}}" exec "{python}" -m summarizer "$@"
"""
_RECORD = """#!/bin/sh
echo "{name} $*" >> "{log}"
"""
_VLLM = """#!/bin/sh
echo "vllm $*" >> "{log}"
exec "{python}" -m summarizer.devtools.fake_batch_api "$@"
"""
_PYTEST = """#!/bin/sh
echo "pytest $*" >> "{log}"
cd "{root}" && exec "{python}" -m pytest --collect-only -q -p no:cacheprovider "$@" > /dev/null
"""


def _tool(path: Path, script: str) -> None:
    path.write_text(script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def sandbox(tmp_path: Path, server: FakeServer) -> Iterator[tuple[Path, dict[str, str]]]:
    """A folder laid out like a checkout beside ``shared/``, with the tools the blocks call."""
    work = tmp_path / "repo"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copy(ROOT / "constraints.txt", work / "constraints.txt")
    (work / "corpus").mkdir()
    (work / "corpus" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "story.md").write_text(f"# Border\n\n**Reuters** said: {ARTICLE}\n", encoding="utf-8")
    (work / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (work / "wire.jsonl").write_text('{"id": "w1", "text": "%s"}\n' % ARTICLE, encoding="utf-8")  # noqa: UP031
    devset = tmp_path / "shared" / "devset"
    devset.mkdir(parents=True)
    (devset / "numhg_dev.jsonl").write_text('{"id": "d1", "text": "%s", "gold_numbers": [3000]}\n' % ARTICLE)  # noqa: UP031
    log = tmp_path / "commands.log"
    bin_dir, path_dir = work / ".venv" / "bin", tmp_path / "path"
    bin_dir.mkdir(parents=True)
    path_dir.mkdir()
    values = {"python": sys.executable, "log": str(log), "url": server.base_url, "root": str(ROOT)}
    _tool(bin_dir / "summarizer", _SUMMARIZER.format(**values))
    _tool(bin_dir / "pytest", _PYTEST.format(**values))
    for name in ("pip",):
        _tool(bin_dir / name, _RECORD.format(name=name, **values))
    _tool(path_dir / "python3", _RECORD.format(name="python3", **values))
    _tool(path_dir / "vllm", _VLLM.format(**values))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    env = {
        "PATH": f"{path_dir}:{os.environ['PATH']}",
        "HOME": str(tmp_path),
        "http_proxy": f"http://127.0.0.1:{httpd.server_address[1]}",
        "no_proxy": "127.0.0.1",
        "COMMANDS_LOG": str(log),
        "SUMMARIZER_BATCH_POLL_SECONDS": "0.05",
    }
    try:
        yield work, env
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("block", _blocks("bash"), ids=lambda b: b.strip().splitlines()[-1][:40])
def test_shell_blocks_run(block: str, sandbox: tuple[Path, dict[str, str]]) -> None:
    work, env = sandbox
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", block], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    log = Path(env["COMMANDS_LOG"]).read_text(encoding="utf-8") if Path(env["COMMANDS_LOG"]).exists() else ""
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n{log}"
    if "pip install -e" in block:
        assert "pip install -e .[test]" in log and (work / "out" / "briefs.jsonl").is_file()
    if "run - --out" in block:
        assert (work / "out" / "stdin.json").is_file() and (work / "out" / "wire" / "w1.json").is_file()
    if "batch collect" in block:
        assert (work / "briefs" / "briefs.jsonl").is_file() and (work / "briefs" / "report.html").is_file()


def test_the_layout_tree_lists_every_module() -> None:
    (tree,) = [b for b in _blocks("text") if b.startswith("summarizer/")]
    listed: set[str] = set()
    folder = ""
    for line in tree.splitlines():
        name = line.split()[0] if line.strip() else ""
        if name.endswith("/"):
            folder = name if line.startswith("  ") else ""
        elif name.endswith(".py"):
            listed.add(f"{folder}{name}")
    package = ROOT / "summarizer"
    actual = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    actual -= {p for p in actual if p.endswith("__init__.py") and "/" in p}
    assert listed == actual


def test_the_doctor_sample_shows_the_doctors_checks() -> None:
    (sample,) = [b for b in _blocks("text") if b.startswith("ok    versions")]
    names = [line.split()[1] for line in sample.splitlines()]
    assert names == ["versions", "cpu", "weights", "endpoint", "completion"]
