"""Lifecycle of the embedded llama.cpp server: busy ports, crashes, bad model files, no orphans.

Live: these start the real server from the installed packages (a few seconds each).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import summarizer._embedded as embedded
from summarizer import EmbeddedServerError, Settings, summarize
from summarizer._embedded import EmbeddedServer, default_model_path

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
    with default_model_path().open("rb") as real:
        truncated.write_bytes(real.read(1 << 20))
    with pytest.raises(EmbeddedServerError, match="exited during start-up"):
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


_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from summarizer import Settings
    from summarizer._embedded import embedded_server
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
