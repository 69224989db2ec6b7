"""Live: the embedded llama.cpp server from the installed packages, for real (no cassette).

Proves on a fresh machine that the default configuration works end to end and
leaves no server process behind. Slow (model load + one generation).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from summarizer import Settings, summarize_file
from summarizer.model.embedded import embedded_server, shutdown_embedded

pytestmark = [pytest.mark.live, pytest.mark.block_network(allowed_hosts=["127.0.0.1"])]

SHORT_ARTICLE = Path(__file__).resolve().parents[2] / "seeds" / "003_9e49daa26af44302.txt"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_embedded_default_briefs_an_article_and_stops(tmp_path: Path) -> None:
    settings = Settings()  # no endpoint configured: the embedded default
    assert settings.embedded
    text = SHORT_ARTICLE.read_text(encoding="utf-8")
    brief = summarize_file(SHORT_ARTICLE, settings=settings)

    assert brief.meta.endpoint_kind == "embedded"
    assert brief.meta.usage.completion_tokens <= settings.max_output_tokens * brief.meta.usage.calls
    assert brief.figures
    for figure in brief.figures:
        assert text[figure.span[0] : figure.span[1]] == figure.quote
        assert figure.text in figure.quote

    server = embedded_server(settings)  # the same server is reused, not started again
    pid = server.pid
    assert pid is not None and _alive(pid)
    summarize_file(SHORT_ARTICLE, settings=settings)  # a second call in a new event loop: same server
    assert embedded_server(settings).pid == pid and server.restarts == 0
    shutdown_embedded()
    assert not _alive(pid), "the embedded server must stop with the process"
