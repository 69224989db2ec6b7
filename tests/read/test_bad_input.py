"""Bad input, end to end: each file gets a valid brief or a clear error naming it and the reason.

The model is a fake OpenAI-compatible server on 127.0.0.1 (real HTTP) that answers with the first
choices of the schema, as the embedded model tends to; what the *embedded* model does with an injection
and a non-English article is replayed from cassettes in tests/replay/test_replay_inputs.py.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from summarizer import Settings
from summarizer.batch.run import ArticleResult, run_batch
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

NEWS = (
    "The ministry said on Monday that about 4,000 soldiers had crossed the border, according to Reuters. "
    "Local officials said 35 civilians were killed. Reuters was unable to independently verify the figures.\n"
)
FILLER = "The talks continued through the afternoon without any agreement being reached by the delegations.\n"


def _run(tmp_path: Path, files: dict[str, bytes], **settings: object) -> dict[str, ArticleResult]:
    folder = tmp_path / "in"
    folder.mkdir()
    paths = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    with FakeServer() as server:
        values: dict[str, object] = {"base_url": server.base_url, "endpoint_kind": "llama_cpp", "max_retries": 0}
        values.update(settings)
        result = asyncio.run(run_batch(paths, tmp_path / "out", Settings(**values)))  # type: ignore[arg-type]
    return {r.id: r for r in result.results}


def test_bad_input_matrix(tmp_path: Path) -> None:
    html = (
        "<!doctype html><html><head><title>x</title><script>var tracker = 1;</script></head><body>"
        "<nav>Home | World | Sports</nav><article><h1>Troops cross</h1>"
        f"<p>{NEWS}</p><p>Officials added that 12 shelters had opened in the region on Tuesday.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    files = {
        "empty.txt": b"",
        "spaces.txt": b"   \n\t\n  ",
        "binary.txt": bytes(range(256)) * 8,
        "latin1.txt": ("Caf\u00e9 owners in Z\u00fcrich said prices rose 12% in March, the chamber said.").encode(
            "latin-1"
        ),
        "utf16.txt": NEWS.encode("utf-16"),
        "page.txt": html.encode(),
        "german.txt": b"Die Polizei teilte am Montag mit, dass 120 Menschen evakuiert wurden.",
        "no_numbers.txt": b"The council met on Monday and discussed the new library, officials said.",
        "furniture_only.txt": b"Related Post\n\nLeave a Comment\n\nHot news now\n",
    }
    results = _run(tmp_path, files)
    assert results["empty.txt"].error_type == "EmptyInputError"
    assert "empty.txt: the file is empty" in (results["empty.txt"].error_message or "")
    assert results["spaces.txt"].error_type == "EmptyInputError"
    assert "white space" in (results["spaces.txt"].error_message or "")
    assert results["binary.txt"].error_type == "UndecodableInputError"
    assert "binary.txt: binary data" in (results["binary.txt"].error_message or "")
    assert results["furniture_only.txt"].error_type == "EmptyInputError"
    assert "no article text left" in (results["furniture_only.txt"].error_message or "")
    for name in ("latin1.txt", "utf16.txt", "page.txt", "german.txt", "no_numbers.txt"):
        brief = results[name].brief
        assert brief is not None, (name, results[name].error_message)
        text = results[name].text or ""
        for figure in brief.figures:
            assert text[figure.span[0] : figure.span[1]] == figure.quote
    assert {f.value for f in results["latin1.txt"].brief.figures} == {12.0}  # type: ignore[union-attr]
    assert {4000.0, 35.0} <= {f.value for f in results["utf16.txt"].brief.figures}  # type: ignore[union-attr]
    page = results["page.txt"]
    assert page.brief is not None and "var tracker" not in (page.text or "")
    assert {4000.0, 12.0} <= {f.value for f in page.brief.figures}
    assert results["german.txt"].brief.figures[0].value == 120.0  # type: ignore[union-attr]
    assert results["no_numbers.txt"].brief.figures == []  # type: ignore[union-attr]


def test_two_megabyte_article_is_read_whole_with_offsets_preserved(tmp_path: Path) -> None:
    tail = "In the last report of the day, officials said 777 boats had reached the harbour, Reuters reported.\n"
    article = NEWS + FILLER * (2_100_000 // len(FILLER)) + tail
    assert len(article) > 2_000_000
    started = time.monotonic()
    results = _run(tmp_path, {"big.txt": article.encode()})
    assert time.monotonic() - started < 120
    brief = results["big.txt"].brief
    assert brief is not None
    # The model reads the first sentences; the code reads it all: the late figure is a candidate, at its offset.
    late = next(c for c in brief.meta.candidate_figures if c.value == 777.0)
    assert late.span[0] > 2_000_000 and article[late.span[0] : late.span[1]] == late.text == "777"
    assert brief.meta.usage.prompt_tokens > 0


def test_article_over_the_limit_is_refused_naming_the_limit(tmp_path: Path) -> None:
    results = _run(tmp_path, {"long.txt": (FILLER * 100).encode()}, max_input_chars=5000)
    assert results["long.txt"].error_type == "InputTooLargeError"
    assert "over the limit of 5,000" in (results["long.txt"].error_message or "")
