"""Pipelines in worker processes: the client's own CPU work spread over several cores.

Against a fast remote endpoint (a vLLM cluster) the client, not the model, can be
the limit: reading an article and checking its answer cost a few milliseconds of
pure-Python CPU each, and one event loop runs on one core. ``WorkerPool`` (a ``Briefer``) starts
``workers`` child processes (``python -m summarizer.batch.workers``), each with its own
``Pipeline`` and event loop, and shares the articles in flight among them.

The protocol is JSON lines over the children's stdin and stdout:

- parent → child, first line: ``{"settings": {...}, "concurrency": n, "log_level": l}``
  (over a pipe, so the API key never shows in a process listing);
- parent → child: ``{"id": 7, "article": {"text": ..., "origin": ..., "format": ..., ...}, "title": ...}``
  (the ``ArticleInput``'s fields);
- child → parent: ``{"id": 7, "brief": {...}}`` or
  ``{"id": 7, "error": {"type": "ModelOutputError", "message": ..., "usage": {...}}}``, each with
  the child's CPU seconds so far (``"cpu"``), which the benchmark reads.

A child ends when its stdin closes, after answering what it was given; it ignores
Ctrl-C, which is the parent's to handle. The embedded server answers one request at
a time, so it never gets workers: ``run_batch`` (``batch.run``) briefs in its own process then.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import signal
import sys
import time
from types import TracebackType
from typing import Any

from .. import errors
from ..brief.pipeline import Pipeline
from ..errors import CallUsage, InputError, ModelError, SummarizerError
from ..evidence.language import load_language_model
from ..model.prompts import load_prompts
from ..model.request import prompt_hash
from ..read.input import ArticleInput
from ..schema import Brief
from ..settings import Settings

__all__ = ["WorkerPool"]

log = logging.getLogger("summarizer.workers")

_LINE_LIMIT = 1 << 30  # one line carries a whole article (up to max_input_chars) or brief


def _error_from(record: dict[str, Any]) -> SummarizerError:
    """Rebuild the child's exception as the same class of the project's tree, with the same message."""
    cls = getattr(errors, str(record.get("type")), None)
    message = str(record.get("message", ""))
    if isinstance(cls, type) and issubclass(cls, InputError) and "origin" in record:
        return cls(str(record["origin"]), str(record.get("reason", "")))
    if not (isinstance(cls, type) and issubclass(cls, SummarizerError)) or issubclass(cls, InputError):
        return SummarizerError(f"{record.get('type')}: {message}")
    if issubclass(cls, ModelError):
        usage = record.get("usage")
        return cls(message, usage=CallUsage(**usage) if isinstance(usage, dict) else None)
    return cls(message)


class _Worker:
    """One child process and the articles it has in flight."""

    def __init__(self, number: int, proc: asyncio.subprocess.Process) -> None:
        self.number = number
        self.proc = proc
        self.pending: dict[int, asyncio.Future[Brief]] = {}
        self.cpu_seconds = 0.0  # the child's own CPU time, as of its latest reply
        self.reader: asyncio.Task[None] | None = None

    async def read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            try:
                record = json.loads(line)
                int(record["id"])
            except (ValueError, TypeError, KeyError):  # something else wrote to the child's stdout
                log.warning("worker %d wrote a line that is not a reply: %.80r", self.number, line)
                continue
            self.cpu_seconds = float(record.get("cpu", self.cpu_seconds))
            future = self.pending.pop(int(record["id"]), None)
            if future is None or future.done():
                continue
            if "brief" in record:
                future.set_result(Brief.model_validate(record["brief"]))
            else:
                future.set_exception(_error_from(record["error"]))
        code = await self.proc.wait()
        for future in self.pending.values():
            if not future.done():
                future.set_exception(SummarizerError(f"worker process {self.number} exited with code {code}"))
        self.pending.clear()


class WorkerPool:
    """``brief()`` like a ``Pipeline``, run in ``workers`` child processes; use as an async context manager."""

    def __init__(self, settings: Settings, *, workers: int, concurrency: int) -> None:
        self.settings = settings
        self.workers = max(1, workers)
        self.concurrency = max(1, concurrency)
        self._prompts = load_prompts(settings.prompts_dir)
        self._pool: list[_Worker] = []
        self._next_id = 0

    @property
    def prompt_hash(self) -> str:
        """Hash of the templates every brief is asked with (the same as a ``Pipeline``'s)."""
        return prompt_hash(self._prompts)

    @property
    def cpu_seconds(self) -> float:
        """CPU time the workers have spent so far, as of their latest replies."""
        return sum(w.cpu_seconds for w in self._pool)

    async def __aenter__(self) -> WorkerPool:
        settings = self.settings.model_dump(mode="json")
        settings["api_key"] = self.settings.api_key.get_secret_value() if self.settings.api_key else None
        share = -(-self.concurrency // self.workers)
        hello = {"settings": settings, "concurrency": share, "log_level": logging.getLogger().getEffectiveLevel()}
        try:
            for number in range(self.workers):
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "summarizer.batch.workers",
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=_LINE_LIMIT,
                )  # fmt: skip
                worker = _Worker(number, proc)
                self._pool.append(worker)
                assert proc.stdin is not None
                proc.stdin.write(json.dumps(hello).encode() + b"\n")
                worker.reader = asyncio.create_task(worker.read())
        except BaseException:
            await self.aclose(cancelled=True)
            raise
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose(cancelled=exc_type is not None)

    async def aclose(self, *, cancelled: bool = False) -> None:
        """Let the children finish (or, after an error or Ctrl-C, stop them) and reap them."""
        for worker in self._pool:
            if worker.proc.returncode is None:
                if cancelled:
                    worker.proc.kill()
                elif worker.proc.stdin is not None:
                    worker.proc.stdin.close()
        for worker in self._pool:
            with contextlib.suppress(ProcessLookupError):
                try:
                    await asyncio.wait_for(worker.proc.wait(), timeout=30)
                except TimeoutError:
                    worker.proc.kill()
                    await worker.proc.wait()
            if worker.reader is not None:
                await asyncio.gather(worker.reader, return_exceptions=True)
        self._pool.clear()

    async def brief(self, article: ArticleInput, *, title: str | None = None) -> Brief:
        """The grounded brief of one prepared article, made by the least busy worker."""
        alive = [w for w in self._pool if w.proc.returncode is None and not (w.reader and w.reader.done())]
        if not alive:
            raise SummarizerError("no worker process is running")
        worker = min(alive, key=lambda w: len(w.pending))
        self._next_id += 1
        number = self._next_id
        future: asyncio.Future[Brief] = asyncio.get_running_loop().create_future()
        worker.pending[number] = future
        line = {"id": number, "article": dataclasses.asdict(article), "title": title}
        assert worker.proc.stdin is not None
        try:
            worker.proc.stdin.write(json.dumps(line).encode() + b"\n")
            await worker.proc.stdin.drain()
        except (BrokenPipeError, ConnectionResetError) as exc:
            worker.pending.pop(number, None)
            raise SummarizerError(f"worker process {worker.number} is gone") from exc
        return await future


async def _serve(reader: asyncio.StreamReader, settings: Settings, concurrency: int) -> None:
    gate = asyncio.Semaphore(concurrency)
    out = sys.stdout.buffer
    tasks: set[asyncio.Task[None]] = set()

    async def one(pipeline: Pipeline, request: dict[str, Any]) -> None:
        reply: dict[str, Any] = {"id": request["id"]}
        try:
            async with gate:
                fields = request["article"]
                offsets = fields.pop("source_offsets", None)
                article = ArticleInput(**fields, source_offsets=tuple(offsets) if offsets is not None else None)
                brief = await pipeline.brief(article, title=request.get("title"))
            reply["brief"] = brief.model_dump(mode="json")
        except Exception as exc:  # every failure goes back to the parent, which decides what it means
            if not isinstance(exc, SummarizerError):
                log.exception("unexpected error on %s", request.get("article", {}).get("origin"))
            reply["error"] = {"type": type(exc).__name__, "message": str(exc)}
            if isinstance(exc, ModelError) and exc.usage is not None:
                reply["error"]["usage"] = dataclasses.asdict(exc.usage)
            if isinstance(exc, InputError):
                reply["error"].update(origin=exc.origin, reason=exc.reason)
        reply["cpu"] = time.process_time()
        out.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")
        out.flush()

    async with Pipeline(settings) as pipeline:
        while line := await reader.readline():
            task = asyncio.create_task(one(pipeline, json.loads(line)))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        await asyncio.gather(*tasks)


async def _child() -> None:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=_LINE_LIMIT)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    hello = json.loads(await reader.readline())
    logging.basicConfig(level=int(hello["log_level"]), format="%(levelname)s %(name)s: %(message)s")
    if int(hello["log_level"]) > logging.DEBUG:
        logging.getLogger("instructor").setLevel(logging.CRITICAL)
    settings = Settings(**hello["settings"])
    load_language_model()  # before the first article, not while articles are in flight
    await _serve(reader, settings, int(hello["concurrency"]))


def main() -> None:
    """``python -m summarizer.batch.workers``: serve briefs over stdin/stdout until stdin closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    asyncio.run(_child())


if __name__ == "__main__":
    main()
