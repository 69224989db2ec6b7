"""Lifecycle of the embedded llama.cpp server: busy ports, crashes, bad model files, no orphans.

Live: these start the real server from the installed packages (a few seconds each).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from summarizer import EmbeddedServerError, Settings, summarize
from summarizer.batch.run import run_batch
from summarizer.model import embedded
from summarizer.model.embedded import EmbeddedServer, model_file, runtime_version

pytestmark = [pytest.mark.live, pytest.mark.block_network(allowed_hosts=["127.0.0.1"])]

ARTICLE = "Officials said on Monday that about 4,000 soldiers had crossed the border, according to Reuters."


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie child still answers kill(0)
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def _wait_stopped(server: EmbeddedServer, seconds: float = 10.0) -> bool:
    """Our own child: gone once the parent can reap it (a zombie leader may still have threads exiting)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not server.running():
            return True
        time.sleep(0.1)
    return False


def _wait_gone(pid: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.1)
    return False


def test_configured_port_in_use_is_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(EmbeddedServerError, match=f"port {port} .* already in use"):
            EmbeddedServer(Settings(embedded_port=port)).start()


def test_free_port_taken_before_bind_is_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    taken = busy.getsockname()[1]
    ports = iter([taken])
    real = embedded._free_port
    monkeypatch.setattr(embedded, "_free_port", lambda: next(ports, None) or real())
    server = EmbeddedServer(Settings())
    try:
        server.start()
        assert server.port != taken and server.running()
    finally:
        server.stop()
        busy.close()


def test_missing_and_corrupt_model_files_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(EmbeddedServerError, match="does not exist"):
        EmbeddedServer(Settings(embedded_model_path=str(tmp_path / "none.gguf"))).start()
    junk = tmp_path / "junk.gguf"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(EmbeddedServerError, match="not a GGUF file"):
        EmbeddedServer(Settings(embedded_model_path=str(junk))).start()
    truncated = tmp_path / "truncated.gguf"
    with model_file(Settings()).open("rb") as real:
        truncated.write_bytes(real.read(1 << 20))
    with pytest.raises(EmbeddedServerError, match=r"exited with status \d+ during start-up"):
        EmbeddedServer(Settings(embedded_model_path=str(truncated))).start()


def test_server_crash_is_restarted_once_then_reported() -> None:
    settings = Settings()
    try:
        first = embedded.embedded_server(settings)
        pid = first.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        assert _wait_stopped(first)
        brief = summarize(ARTICLE, settings=settings)  # restarted on a new port
        assert brief.figures
        second = first.pid
        assert second is not None and second != pid
        os.kill(second, signal.SIGKILL)
        assert _wait_stopped(first)
        with pytest.raises(EmbeddedServerError, match="died again after a restart"):
            summarize(ARTICLE, settings=settings)
    finally:
        embedded.shutdown_embedded()


def _assert_explains_a_broken_runtime(message: str) -> None:
    assert "killed by SIGSEGV (signal 11) on its first request" in message
    assert f"llama-cpp-python {runtime_version()}" in message
    assert 'CMAKE_ARGS="-DGGML_NATIVE=OFF"' in message and "OPENAI_BASE_URL" in message
    assert "summarizer doctor" in message and "Troubleshooting" in message


def test_server_crashing_before_its_first_answer_is_explained_and_not_restarted() -> None:
    settings = Settings()
    try:
        server = embedded.embedded_server(settings)
        assert server.pid is not None
        os.kill(server.pid, signal.SIGSEGV)  # what a native build that cannot run on this CPU does
        assert _wait_stopped(server)
        for _ in range(2):  # the second article gets the same explanation, not a restart
            with pytest.raises(EmbeddedServerError) as caught:
                summarize(ARTICLE, settings=settings)
            _assert_explains_a_broken_runtime(str(caught.value))
        assert server.restarts == 0 and not server.running()
    finally:
        embedded.shutdown_embedded()


def test_crash_under_the_first_request_stops_the_batch_with_the_reason(tmp_path: Path) -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
    settings = Settings()
    try:
        server = embedded.embedded_server(settings)
        pid = server.pid
        assert pid is not None
        threading.Timer(0.5, os.kill, (pid, signal.SIGSEGV)).start()  # mid-prefill of the first seed
        started = time.monotonic()
        with pytest.raises(EmbeddedServerError) as caught:
            asyncio.run(run_batch(seeds, tmp_path / "out", settings))
        _assert_explains_a_broken_runtime(str(caught.value))
        assert time.monotonic() - started < 10, "no retries against a dead server"
        assert server.restarts == 0
        assert (tmp_path / "out" / "report.md").exists()
    finally:
        embedded.shutdown_embedded()


_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from summarizer import Settings
    from summarizer.model.embedded import embedded_server
    server = embedded_server(Settings())
    print(server.pid, flush=True)
    mode = sys.argv[1]
    if mode == "exception":
        raise RuntimeError("boom")
    if mode in ("sigint", "sigkill"):
        time.sleep(60)
    """
)


@pytest.mark.parametrize("mode", ["normal", "exception", "sigint", "sigkill"])
def test_no_orphan_server_whatever_way_the_process_ends(mode: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, mode], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    server_pid = int(child.stdout.readline())
    assert _alive(server_pid)
    if mode == "sigint":
        child.send_signal(signal.SIGINT)
    elif mode == "sigkill":
        child.kill()
    child.wait(timeout=30)
    assert _wait_gone(server_pid), f"llama server {server_pid} outlived its parent ({mode})"
