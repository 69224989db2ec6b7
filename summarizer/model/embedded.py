"""The embedded default model: llama-cpp-python's OpenAI-compatible server.

With no endpoint configured, summarizer starts ``python -m llama_cpp.server``
on 127.0.0.1 on a free port, serving the verified weights of the configured tier
(``model.tiers``) with the tier's fixed chat format, under the tier's name as the
model alias (so no machine path reaches a request or a cassette), waits until it
answers, reuses it for every article of the process and stops it at exit. A watchdog inside the child ends it when its
parent is gone, even after a SIGKILL: no orphan server.

A server that dies is restarted once, unless it died before answering its
first request: that is a runtime that cannot run here (a native llama.cpp
build that crashes on this CPU), and the error says so, with the signal, the
llama-cpp-python version and what to do, instead of trying again.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

from ..errors import EmbeddedServerError
from ..settings import Settings
from .tiers import TIERS, Tier, weights_path

__all__ = [
    "EmbeddedServer",
    "check_model_file",
    "describe_exit",
    "embedded_server",
    "model_file",
    "runtime_version",
    "shutdown_embedded",
    "tier_of",
]

log = logging.getLogger("summarizer.embedded")

_GGUF_MAGIC = b"GGUF"
TROUBLESHOOTING = "README.md, section 'Troubleshooting'"
_REBUILD = (
    'CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/pip install --no-cache-dir --force-reinstall --no-deps '
    "llama-cpp-python=={version}"
)


def runtime_version() -> str:
    """The installed llama-cpp-python version, or "not installed"."""
    try:
        return metadata.version("llama-cpp-python")
    except metadata.PackageNotFoundError:
        return "not installed"


# Signals by which a process crashes by itself (not killed from outside, as SIGKILL or SIGTERM are).
_CRASH_SIGNALS = frozenset({signal.SIGSEGV, signal.SIGILL, signal.SIGBUS, signal.SIGFPE, signal.SIGABRT})


def describe_exit(returncode: int | None) -> str:
    """How a child process ended, in words: "killed by SIGSEGV (signal 11)", "exited with status 1"."""
    if returncode is None:
        return "still running"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "an unknown signal"
        return f"killed by {name} (signal {-returncode})"
    return f"exited with status {returncode}"


def model_file(settings: Settings) -> Path:
    """The GGUF file to serve: ``embedded_model_path`` as given, else the tier's verified weights."""
    if settings.embedded_model_path:
        return Path(settings.embedded_model_path)
    return weights_path(tier_of(settings))


def tier_of(settings: Settings) -> Tier:
    """The configured embedded tier (refused for "none", which runs no model)."""
    if settings.embedded_model not in TIERS:
        raise EmbeddedServerError(f"embedded model {settings.embedded_model!r} runs no model server")
    return TIERS[settings.embedded_model]


def check_model_file(path: Path) -> None:
    """Refuse a missing, empty or non-GGUF model file with a clear error."""
    if not path.is_file():
        raise EmbeddedServerError(f"model file {path} does not exist")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic != _GGUF_MAGIC:
        raise EmbeddedServerError(f"model file {path} is not a GGUF file (corrupt or wrong file)")


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Runs in the child and becomes the server. A watchdog thread ends the server as soon as its parent is
# gone (the child is re-parented), however the parent ended, even by SIGKILL. (PR_SET_PDEATHSIG would
# fire when the *thread* that started the child exits, and the server is started from worker threads.)
_BOOTSTRAP = """
import os, runpy, signal, sys, threading, time
parent = int(sys.argv[1])
def watch():
    while os.getppid() == parent:
        time.sleep(0.25)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    os._exit(1)
if os.getppid() != parent:
    sys.exit(1)
threading.Thread(target=watch, daemon=True).start()
sys.argv = ["llama_cpp.server", *sys.argv[2:]]
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
"""


class EmbeddedServer:
    """A llama.cpp server child process on a loopback port."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._proc: subprocess.Popen[bytes] | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None
        self.port = 0
        self.restarts = 0
        self.answered = 0  # completions this server answered; 0 at a crash means the runtime cannot run here
        self._crash: EmbeddedServerError | None = None

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

    def mark_answered(self) -> None:
        """Count one completion the server answered (so a later death is not taken for a broken runtime)."""
        self.answered += 1

    def broken_runtime(self) -> bool:
        """Whether the server crashed by itself (SIGSEGV, SIGILL …) before answering any request."""
        code = self._proc.poll() if self._proc is not None else None
        return self.answered == 0 and code is not None and -code in _CRASH_SIGNALS

    def crash_error(self) -> EmbeddedServerError:
        """The error for a server that died: how it ended, on which request, and what to do."""
        how = describe_exit(self._proc.poll() if self._proc is not None else None)
        version = runtime_version()
        if self.broken_runtime():
            return EmbeddedServerError(
                f"the embedded model server (llama-cpp-python {version}) was {how} on its first request, "
                "before answering anything: this llama.cpp build cannot run on this machine. Reinstall it "
                f"without native CPU tuning: {_REBUILD.format(version=version)}, or point OPENAI_BASE_URL at "
                f"another OpenAI-compatible server; run `summarizer doctor` to check ({TROUBLESHOOTING}). "
                f"Server log: {self._log_tail(3)}"
            )
        return EmbeddedServerError(
            f"the embedded model server (llama-cpp-python {version}) was {how} after answering "
            f"{self.answered} request(s); server log: {self._log_tail(3)}"
        )

    def _command(self, model_path: Path) -> list[str]:
        threads = self._settings.embedded_threads or os.cpu_count() or 1
        return [
            sys.executable, "-c", _BOOTSTRAP, str(os.getpid()),
            "--model", str(model_path),
            "--model_alias", self._settings.resolved_model,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            "--chat_format", tier_of(self._settings).chat_format,
            "--n_ctx", str(self._settings.embedded_ctx),
            "--n_threads", str(threads),
            "--n_threads_batch", str(threads),
        ]  # fmt: skip

    def start(self) -> None:
        """Start the server and wait until it answers; raise EmbeddedServerError if it cannot.

        With no port configured a free one is picked; if another process takes it before the server
        binds it, the start is tried once more on a new port.
        """
        model_path = model_file(self._settings)
        check_model_file(model_path)
        configured = self._settings.embedded_port
        if configured is not None:
            if not _port_free(configured):
                raise EmbeddedServerError(f"port {configured} on 127.0.0.1 is already in use")
            self._start_on(model_path, configured)
            return
        try:
            self._start_on(model_path, _free_port())
        except EmbeddedServerError as exc:
            if "address already in use" not in str(exc).lower():
                raise
            log.warning("port taken before the server bound it; trying another")
            self._start_on(model_path, _free_port())

    def _start_on(self, model_path: Path, port: int) -> None:
        self.port = port
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
                how = describe_exit(self._proc.poll() if self._proc is not None else None)
                tail = self._log_tail()
                self.stop()
                raise EmbeddedServerError(
                    f"embedded server (llama-cpp-python {runtime_version()}) {how} during start-up: {tail}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    models = json.load(response).get("data") or []
                    if response.status == 200 and any(m.get("id") == self._settings.resolved_model for m in models):
                        return  # our server (another process on the port would not serve this alias)
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
        """Restart a server that died, once per process; after that, raise a clear error.

        A server that died before answering its first request is not restarted: the same build would
        crash again, so the error that explains it is raised (again, for every later article).
        """
        if self._crash is not None:
            raise self._crash
        if self.running():
            return
        if self._proc is None:
            self.start()
            return
        crash = self.crash_error()
        if self.broken_runtime():
            self._crash = crash
            self.stop()
            raise crash
        if self.restarts >= 1:
            raise EmbeddedServerError(f"embedded server died again after a restart: {crash}")
        log.warning("%s; restarting once", crash)
        self.restarts += 1
        self.answered = 0
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
