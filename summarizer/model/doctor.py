"""``summarizer doctor``: can this machine brief an article, and if not, why not.

Each check gives one line: the versions of the runtime and the weights, the CPU
features the llama.cpp runtime was built for, the configured endpoint, and a
timed one-token completion against it. The first thing to run when the main job
fails (see the README's troubleshooting section).
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata

from ..errors import SummarizerError
from ..settings import Settings
from .client import UsageTally
from .embedded import check_model_file, describe_exit, model_file, runtime_version, tier_of
from .session import ModelSession

__all__ = ["Check", "run_doctor"]

_PACKAGES = ("summarizer", "openai", "instructor", "pydantic")
_SYSTEM_INFO = "import llama_cpp, sys; sys.stdout.write(llama_cpp.llama_print_system_info().decode())"


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def check_versions() -> Check:
    """Python, llama-cpp-python and the packages a brief depends on."""
    runtime = runtime_version()
    parts = [f"python {sys.version.split()[0]}", f"llama-cpp-python {runtime}"]
    parts += [f"{name} {_version(name)}" for name in _PACKAGES]
    return Check("versions", runtime != "not installed", ", ".join(parts))


def check_cpu_features(timeout: float = 60.0) -> Check:
    """The CPU features llama.cpp was built to use, read in a child process (a bad build may crash on load)."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _SYSTEM_INFO], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return Check("cpu features", False, f"llama_cpp did not load within {timeout:.0f}s")
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or [""])[-1]
        return Check("cpu features", False, f"loading llama_cpp {describe_exit(done.returncode)}: {tail}")
    features = [part.split("=")[0].strip() for part in done.stdout.split("|") if part.strip().endswith("= 1")]
    return Check("cpu features", True, " ".join(f.removeprefix("CPU : ") for f in features) or done.stdout.strip())


def check_weights(settings: Settings) -> Check:
    """The GGUF file the embedded server would load, verified against its pinned SHA-256."""
    if not settings.embedded:
        return Check("weights", True, "not used: an endpoint is configured")
    if not settings.uses_model:
        return Check("weights", True, "not used: embedded model none (the code's own brief)")
    try:
        path = model_file(settings)
        check_model_file(path)
    except SummarizerError as exc:
        return Check("weights", False, str(exc))
    if settings.embedded_model_path:
        return Check("weights", True, f"{path}, {path.stat().st_size:,} bytes (your own file: not verified)")
    tier = tier_of(settings)
    return Check(
        "weights",
        True,
        f"{tier.name}: {tier.description}, {path.stat().st_size:,} bytes, SHA-256 {tier.sha256[:16]}… verified",
    )


def check_endpoint(settings: Settings) -> Check:
    """Where briefs are asked for, and how."""
    where = "embedded llama.cpp server on 127.0.0.1" if settings.embedded else settings.base_url
    return Check(
        "endpoint",
        True,
        f"{where} (kind {settings.resolved_endpoint_kind}, model {settings.resolved_model}, "
        f"structured mode {settings.resolved_mode})",
    )


async def check_completion(settings: Settings) -> Check:
    """Start the model if it is embedded, and time a one-token completion."""
    if not settings.uses_model:
        return Check("completion", True, "not needed: no model is asked (embedded model none)")
    started = time.perf_counter()
    tally = UsageTally()
    try:
        async with ModelSession(settings) as session:
            await session.client()
            ready = time.perf_counter()
            await session.ping(tally)
    except SummarizerError as exc:
        return Check("completion", False, f"{type(exc).__name__}: {exc}")
    done = time.perf_counter()
    return Check(
        "completion",
        True,
        f"one token in {done - ready:.2f}s ({tally.prompt_tokens} prompt tokens), "
        f"model ready in {ready - started:.2f}s",
    )


async def run_doctor(settings: Settings) -> list[Check]:
    """Every check, in order; the completion is tried even when an earlier check failed."""
    return [
        check_versions(),
        check_cpu_features(),
        check_weights(settings),
        check_endpoint(settings),
        await check_completion(settings),
    ]
