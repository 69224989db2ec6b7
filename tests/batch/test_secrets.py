"""Keys never reach logs, errors, reports or outputs (cassettes are scanned in tests/replay/test_cassettes.py)."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from summarizer import Settings
from summarizer.batch.run import run_batch
from summarizer.devtools.fake_server import FakeReply, FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

KEY = "sk-proj-SECRETSECRETSECRET0123456789abcdef"
ARTICLE = "The ministry said on Monday that about 4,000 soldiers had crossed the border, according to Reuters."


def test_key_is_sent_but_never_written_or_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, name in enumerate(("a-ok.txt", "b-rejected.txt", "c-flaky.txt"), start=1):
        (folder / name).write_text(ARTICLE.replace("4,000", f"{n},000"), encoding="utf-8")
    seen: list[str] = []

    def respond(request: dict[str, object], number: int) -> FakeReply:
        seen.append(str(request.get("model")))
        return {2: FakeReply(status=401), 3: FakeReply(status=503)}.get(number, FakeReply())

    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    with FakeServer(respond) as server:
        settings = Settings(
            base_url=server.base_url, endpoint_kind="openai", api_key=KEY, max_retries=1, retry_max_wait_seconds=0.1
        )
        result = asyncio.run(run_batch(sorted(folder.iterdir()), out, settings))
    assert seen, "the fake server was asked"
    assert [r.error_type for r in result.results] == [None, "EndpointRejectedError", None]
    assert result.retries == 1
    assert KEY not in repr(settings) and KEY not in settings.model_dump_json()
    for path in out.rglob("*"):
        if path.is_file():
            assert KEY not in path.read_text(encoding="utf-8", errors="replace"), path
            assert "SECRETSECRET" not in path.read_text(encoding="utf-8", errors="replace"), path
    for record in caplog.records:
        assert "SECRETSECRET" not in record.getMessage()
    for item in result.results:
        assert "SECRETSECRET" not in (item.error_message or "")
