"""The OpenAI Files and Batches API through the ``openai`` client: submit a batch file, its status, its results.

``submit_batch`` uploads a file made by ``batch prepare`` (purpose ``batch``) and creates a batch on
``/v1/chat/completions`` with the 24-hour window; ``batch_status`` retrieves it; ``download_results``
streams its output file, its error file and its input file (so collect can name the requests that got
no line at all) into a folder. A batch is done when its status is ``completed``, ``expired`` or
``cancelled`` (the requests that did not run are in its error file, or missing); ``validating``,
``in_progress``, ``finalizing`` and ``cancelling`` are not done yet, and ``failed`` means the input
file was refused (its ``errors`` say why).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openai
from openai.types import Batch

from ..errors import BatchError, ConfigError
from ..files import write_atomic
from ..settings import Settings

__all__ = [
    "DONE_STATUSES",
    "BatchFiles",
    "batch_status",
    "describe_batch",
    "download_results",
    "submit_batch",
    "wait_for",
]

DONE_STATUSES = ("completed", "expired", "cancelled")


def _client(settings: Settings) -> openai.OpenAI:
    if settings.base_url is None:
        raise ConfigError(
            "a batch job needs an OpenAI-compatible Batch API: set OPENAI_BASE_URL and OPENAI_API_KEY "
            "(for `vllm run-batch`, give its results file to `summarizer batch collect` instead)"
        )
    key = settings.api_key.get_secret_value() if settings.api_key is not None else "none"
    return openai.OpenAI(
        base_url=settings.base_url,
        api_key=key,
        max_retries=settings.max_retries,
        timeout=openai.Timeout(settings.timeout_seconds, connect=settings.connect_timeout_seconds),
    )


def _api_error(action: str, exc: openai.OpenAIError) -> BatchError:
    if isinstance(exc, openai.APIStatusError):
        return BatchError(f"{action}: HTTP {exc.status_code}: {exc.message}")
    return BatchError(f"{action}: {type(exc).__name__}: {exc}")


def submit_batch(settings: Settings, path: Path) -> Batch:
    """Upload ``path`` and create a batch of its requests; the batch (its ``id`` is what to keep)."""
    client = _client(settings)
    try:
        with path.open("rb") as handle:
            uploaded = client.files.create(file=handle, purpose="batch")
        return client.batches.create(
            input_file_id=uploaded.id,
            endpoint="/v1/chat/completions",  # BATCH_URL, as the client's literal type wants it
            completion_window="24h",
            metadata={"made_by": "summarizer batch prepare", "file": path.name[:500]},
        )
    except OSError as exc:
        raise BatchError(f"{path}: cannot be read: {exc}") from exc
    except openai.OpenAIError as exc:
        raise _api_error(f"submitting {path}", exc) from exc
    finally:
        client.close()


def batch_status(settings: Settings, batch_id: str) -> Batch:
    """The batch as the API reports it now."""
    client = _client(settings)
    try:
        return client.batches.retrieve(batch_id)
    except openai.OpenAIError as exc:
        raise _api_error(f"batch {batch_id}", exc) from exc
    finally:
        client.close()


def describe_batch(batch: Batch) -> str:
    """One line: id, status, requests done and failed of the total, and the files."""
    counts = batch.request_counts
    done = f"{counts.completed} completed, {counts.failed} failed of {counts.total}" if counts is not None else ""
    files = ", ".join(
        f"{name} {value}"
        for name, value in (("output", batch.output_file_id), ("errors", batch.error_file_id))
        if value
    )
    errors = "; ".join(e.message or e.code or "" for e in (batch.errors.data or [])) if batch.errors else ""
    parts = [p for p in (batch.status, done, files, errors) if p]
    return f"{batch.id}: " + "; ".join(parts)


def wait_for(settings: Settings, batch_id: str, *, on_status: Callable[[Batch], None] | None = None) -> Batch:
    """The batch once it is done or failed, asking every ``settings.batch_poll_seconds``."""
    while True:
        batch = batch_status(settings, batch_id)
        if on_status is not None:
            on_status(batch)
        if batch.status in (*DONE_STATUSES, "failed"):
            return batch
        time.sleep(settings.batch_poll_seconds)


@dataclass(frozen=True, slots=True)
class BatchFiles:
    """A finished batch's files on disk: its results (output, then errors) and its input."""

    results: list[Path]
    requests: list[Path]


def _download(client: openai.OpenAI, file_id: str, path: Path) -> None:
    """Stream one file's content to ``path`` (via a temporary file: all of it or nothing)."""
    tmp = path.with_name(f".{path.name}.part")
    path.parent.mkdir(parents=True, exist_ok=True)
    with client.files.with_streaming_response.content(file_id) as response, tmp.open("wb") as out:
        for chunk in response.iter_bytes():
            out.write(chunk)
    tmp.replace(path)


def download_results(settings: Settings, batch_id: str, folder: Path) -> BatchFiles:
    """The output, error and input files of a finished batch, downloaded once into ``folder``."""
    batch = batch_status(settings, batch_id)
    if batch.status == "failed":
        raise BatchError(f"batch {describe_batch(batch)}: it ran no request; fix the file and submit it again")
    if batch.status not in DONE_STATUSES:
        raise BatchError(f"batch {describe_batch(batch)}: not finished yet; collect it when it is")
    client = _client(settings)
    results: list[Path] = []
    requests: list[Path] = []
    try:
        for name, file_id, into in (
            ("output", batch.output_file_id, results),
            ("errors", batch.error_file_id, results),
            ("input", batch.input_file_id, requests),
        ):
            if not file_id:
                continue
            path = folder / f"{batch_id}-{name}.jsonl"
            if not path.exists():
                _download(client, file_id, path)
            into.append(path)
    except openai.OpenAIError as exc:
        raise _api_error(f"downloading the files of batch {batch_id}", exc) from exc
    finally:
        client.close()
    write_atomic(folder / f"{batch_id}.json", batch.model_dump_json(indent=2) + "\n")
    return BatchFiles(results, requests)
