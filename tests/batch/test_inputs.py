"""What a batch reads: folders recursively (and what it skipped), JSON lines, standard input, URLs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import Settings, cli
from summarizer.batch.inputs import collect_inputs
from summarizer.batch.run import run_batch
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The ministry said on Monday that about 3,000 soldiers had crossed the border, according to Reuters."
PAGE = """<!doctype html><html><head><title>Troops cross | The Daily</title>
<meta property="og:title" content="Troops cross the border">
<meta property="article:published_time" content="2024-03-13T09:00:00+00:00">
<meta name="author" content="Ana Lopez">
</head><body><article><h1>Troops cross the border</h1>
<p>The ministry said on Monday that about 3,000 soldiers had crossed the border, according to Reuters.</p>
<p>Officials said 12 villages were evacuated as the troops moved south through the valley.</p>
</article></body></html>"""


def _settings(server: FakeServer, **extra: object) -> Settings:
    return Settings(base_url=server.base_url, endpoint_kind="vllm", model="fake", max_retries=0, **extra)  # type: ignore[arg-type]


def test_a_folder_is_read_recursively_and_what_it_skips_is_counted(tmp_path: Path) -> None:
    (tmp_path / "news" / "deep").mkdir(parents=True)
    (tmp_path / "news" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "news" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "news" / "deep" / "c.md").write_text(f"# Head\n\n{ARTICLE}\n", encoding="utf-8")
    (tmp_path / "news" / "deep" / "d.json").write_text(json.dumps({"text": ARTICLE}), encoding="utf-8")
    (tmp_path / "news" / "photo.png").write_bytes(b"\x89PNG")
    (tmp_path / "news" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "news" / ".draft.txt").write_text(ARTICLE, encoding="utf-8")
    found = collect_inputs([tmp_path / "news"], out_dir=tmp_path / "out", max_chars=100_000)
    assert [i.id for i in found.items] == ["a.txt", "b.html", "c.md", "d.json"]
    assert found.skipped_summary() == "skipped 3 files: 2 not an article format (.pdf, .png), 1 hidden"


def test_json_lines_are_one_article_a_line_with_their_ids(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    rows = [
        {
            "id": "w1",
            "headline": "Troops cross",
            "text": "Officials said 1,500 troops arrived.\n200% more shells came.",
        },
        {"id": "w2", "text": "The mayor said 12 schools would close on Monday, according to the city."},
        {"id": "w3"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with FakeServer() as server:
        result = asyncio.run(run_batch([path], tmp_path / "out", _settings(server)))
    assert [(r.id, r.ok) for r in result.results] == [
        ("wire.jsonl#w1", True),
        ("wire.jsonl#w2", True),
        ("wire.jsonl#w3", False),
    ]
    first = result.results[0].brief
    assert first is not None and first.title == "Troops cross"
    assert {f.value for f in first.figures} >= {1500.0, 200.0}, "each article read on its own"
    assert all("n200" not in f.text and "w2" not in f.quote for f in first.figures)
    assert result.results[2].error_message is not None and '"text"' in result.results[2].error_message
    assert (tmp_path / "out" / "wire" / "w1.json").is_file()


def test_standard_input_is_an_article(tmp_path: Path) -> None:
    with FakeServer() as server:
        env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "vllm"}
        result = CliRunner().invoke(cli.main, ["run", "-", "--out", str(tmp_path / "out")], input=ARTICLE, env=env)
    assert result.exit_code == 0, result.output
    assert "ok    stdin" in result.output
    assert json.loads((tmp_path / "out" / "stdin.json").read_text(encoding="utf-8"))["figures"]


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path == "/missing":
            self.send_error(404, "Not Found")
            return
        body = PAGE.encode() if self.path != "/big" else b"<p>" + b"x" * 50_000 + b"</p>"
        kind = "image/png" if self.path == "/photo.png" else "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stops at the size limit
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_fetched_and_its_page_metadata_feeds_the_brief(tmp_path: Path, site: str) -> None:
    url = f"{site}/news/troops-cross"
    with FakeServer() as server:
        result = asyncio.run(run_batch([url], tmp_path / "out", _settings(server)))
    (item,) = result.results
    assert item.id == url and item.brief is not None
    brief = item.brief
    assert brief.title == "Troops cross the border" and brief.author == "Ana Lopez"
    assert brief.published == "2024-03-13" and brief.url == url
    assert brief.when == "Monday (2024-03-11)" and brief.when_kind == "event", "the page date resolves the weekday"
    assert (tmp_path / "out" / "troops-cross.json").is_file()


def test_urls_that_cannot_be_had_fail_with_their_reason(tmp_path: Path, site: str) -> None:
    urls = [f"{site}/missing", f"{site}/photo.png", f"{site}/big", f"{site}/slow"]
    with FakeServer() as server:
        settings = _settings(server, max_input_chars=10_000, fetch_timeout_seconds=0.5)
        result = asyncio.run(run_batch(urls, tmp_path / "out", settings))
    reasons = [r.error_message or "" for r in result.results]
    assert "answered 404" in reasons[0]
    assert "image/png, not an article page" in reasons[1]
    assert "over the limit of 40,000" in reasons[2]
    assert "no answer within 0.5 seconds" in reasons[3] or "timed out" in reasons[3]
    assert server.requests == 0
