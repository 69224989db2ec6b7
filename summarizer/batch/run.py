"""Many articles: collect the files, brief each, write every result as it finishes.

Each article gets ``DIR/<stem>.json`` (written atomically), one line in
``DIR/briefs.jsonl`` and an entry in the content-addressed cache, the moment its
brief is ready; a failing article gets an error record and the batch goes on.
At the end (also after Ctrl-C) ``report.md``, ``report.html`` and ``digest.json``
are written for everything that finished. Against a remote endpoint up to
``concurrency`` articles are in flight at once, shared among ``workers``
processes when more than one core should do the client's work; the embedded
server answers one request at a time, so there the batch runs one article after
another in this process.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..brief.pipeline import Briefer, Pipeline
from ..errors import (
    ConfigError,
    EmbeddedServerError,
    EndpointRejectedError,
    EndpointUnavailableError,
    InputError,
    ModelError,
    SummarizerError,
)
from ..files import write_atomic
from ..read.input import read_article
from ..schema import Brief
from ..settings import Settings
from .cache import BriefCache, brief_key
from .digest import Digest, build_digest
from .report import ReportEntry, render_html, render_markdown

__all__ = ["JSONL_NAME", "ArticleResult", "BatchResult", "collect_articles", "run_batch"]

log = logging.getLogger("summarizer.batch")

JSONL_NAME = "briefs.jsonl"
CACHE_DIR = ".cache"
MAX_CONSECUTIVE_UNREACHABLE = 3  # articles in a row that could not reach the endpoint before the batch stops
_ENDPOINT_ERRORS = (EndpointUnavailableError.__name__, EndpointRejectedError.__name__)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one article."""

    id: str
    path: Path
    seconds: float
    brief: Brief | None = None
    text: str | None = None
    cached: bool = False
    error_type: str | None = None
    error_message: str | None = None
    retries: int = 0

    @property
    def ok(self) -> bool:
        """Whether a brief was produced."""
        return self.brief is not None

    def record(self) -> dict[str, Any]:
        """The line written to briefs.jsonl."""
        line: dict[str, Any] = {"id": self.id, "ok": self.ok, "seconds": round(self.seconds, 3)}
        if self.brief is not None:
            line["cached"] = self.cached
            line["brief"] = self.brief.model_dump(mode="json")
        else:
            line["error"] = {"type": self.error_type, "message": self.error_message}
        return line

    def report_entry(self) -> ReportEntry:
        """This result as the reports show it."""
        error = f"{self.error_type}: {self.error_message}" if self.error_type else None
        return ReportEntry(self.id, self.text, self.brief, error, self.seconds, self.cached)


@dataclass
class BatchResult:
    """All results of a batch, in input order, and the digest across them."""

    results: list[ArticleResult] = field(default_factory=list)
    digest: Digest = field(default_factory=Digest)
    interrupted: bool = False
    seconds: float = 0.0  # wall time of the whole batch (articles overlap when concurrency > 1)

    @property
    def failed(self) -> list[ArticleResult]:
        """The articles that got no brief."""
        return [r for r in self.results if not r.ok]

    @property
    def cached(self) -> int:
        """How many briefs came from the cache."""
        return sum(1 for r in self.results if r.cached)

    @property
    def retries(self) -> int:
        """Transient-failure retries over the whole batch."""
        return sum(r.retries for r in self.results)

    @property
    def model_unusable(self) -> bool:
        """Whether no article got a brief and every failure was the endpoint's (unreachable or refusing)."""
        return bool(self.results) and all(not r.ok and r.error_type in _ENDPOINT_ERRORS for r in self.results)


def collect_articles(paths: Iterable[Path]) -> list[Path]:
    """Files as given, and every ``.txt`` in a given folder (sorted); missing paths are an InputError."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".txt"))
        elif path.exists():
            found.append(path)
        else:
            raise InputError(str(path), "no such file or folder")
    return found


def _stems(paths: list[Path]) -> list[str]:
    """Output names: the file stem, made unique with a counter where two inputs share one."""
    seen: dict[str, int] = {}
    stems: list[str] = []
    for path in paths:
        count = seen.get(path.stem, 0)
        seen[path.stem] = count + 1
        stems.append(path.stem if count == 0 else f"{path.stem}-{count + 1}")
    return stems


class _Run:
    """One batch's state: what briefs the articles, the cache, the open JSONL and the finished results."""

    def __init__(self, out_dir: Path, settings: Settings, briefer: Briefer, lines: TextIO, force: bool) -> None:
        self.out_dir = out_dir
        self.settings = settings
        self.briefer = briefer
        self.lines = lines
        self.force = force
        self.cache = BriefCache(out_dir / CACHE_DIR)
        self.prompt_hash = briefer.prompt_hash
        self.unreachable_in_a_row = 0

    @staticmethod
    def _failed(path: Path, started: float, text: str | None, exc: BaseException) -> ArticleResult:
        usage = exc.usage if isinstance(exc, ModelError) else None
        return ArticleResult(
            path.name,
            path,
            time.perf_counter() - started,
            None,
            text,
            False,
            type(exc).__name__,
            str(exc)[:500],
            retries=usage.retries if usage is not None else 0,
        )

    async def one(self, path: Path, stem: str) -> ArticleResult:
        started = time.perf_counter()
        text: str | None = None
        try:
            data, article = read_article(path, max_chars=self.settings.max_input_chars)
            text = article.text
            key = brief_key(
                data,
                prompt_hash=self.prompt_hash,
                model=self.settings.resolved_model,
                endpoint_kind=self.settings.resolved_endpoint_kind,
            )
            brief = None if self.force else self.cache.get(key)
            cached = brief is not None
            if brief is None:
                brief = await self.briefer.brief(article)
                self.cache.put(key, brief)
            write_atomic(self.out_dir / f"{stem}.json", brief.model_dump_json(indent=2) + "\n")
            retries = 0 if cached else brief.meta.retries
            result = ArticleResult(path.name, path, time.perf_counter() - started, brief, text, cached, retries=retries)
        except (ConfigError, EmbeddedServerError):
            raise  # not about this article: no later article would fare better
        except EndpointUnavailableError as exc:
            result = self._failed(path, started, text, exc)
            self.unreachable_in_a_row += 1
        except SummarizerError as exc:
            result = self._failed(path, started, text, exc)
        except Exception as exc:  # a bug on one article must not cost the batch its other briefs
            log.exception("unexpected error on %s", path)
            result = self._failed(path, started, text, exc)
        if result.ok:
            self.unreachable_in_a_row = 0
        self.lines.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
        self.lines.flush()
        os.fsync(self.lines.fileno())
        if self.unreachable_in_a_row >= MAX_CONSECUTIVE_UNREACHABLE:
            raise EndpointUnavailableError(
                f"stopped the batch: {self.unreachable_in_a_row} articles in a row could not reach the model "
                f"endpoint (last: {result.error_message}); finished briefs are kept, rerun to go on"
            )
        return result


def write_reports(out_dir: Path, result: BatchResult) -> None:
    """report.md, report.html and digest.json for every finished article."""
    briefs = [(r.id, r.brief) for r in result.results if r.brief is not None]
    result.digest = build_digest(briefs)
    entries = [r.report_entry() for r in result.results]
    write_atomic(out_dir / "digest.json", json.dumps(result.digest.to_dict(), indent=2, ensure_ascii=False) + "\n")
    write_atomic(out_dir / "report.md", render_markdown(entries, result.digest))
    write_atomic(out_dir / "report.html", render_html(entries, result.digest))


async def run_batch(
    paths: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    concurrency: int = 1,
    workers: int = 1,
    force: bool = False,
    on_start: Callable[[Path], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> BatchResult:
    """Brief ``paths`` into ``out_dir``; see the module docstring."""
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = 1 if settings.embedded else max(1, concurrency)
    gate = asyncio.Semaphore(limit)
    result = BatchResult()
    finished: dict[int, ArticleResult] = {}
    fatal: list[SummarizerError] = []
    started = time.perf_counter()

    async def guarded(run: _Run, index: int, path: Path, stem: str) -> None:
        async with gate:
            if on_start is not None:
                on_start(path)
            try:
                item = await run.one(path, stem)
            except SummarizerError as exc:
                fatal.append(exc)  # about the endpoint or the settings, not this article
                raise
            finished[index] = item
            if on_result is not None:
                on_result(item)

    with (out_dir / JSONL_NAME).open("w", encoding="utf-8") as lines:
        try:
            briefer: Briefer = Pipeline(settings)
            if workers > 1 and not settings.embedded:
                # Imported here: ``python -m summarizer.batch.workers`` runs that module in each child, and
                # it must not be imported already by this package's __init__ when it does (runpy warns).
                from .workers import WorkerPool  # noqa: PLC0415

                briefer = WorkerPool(settings, workers=workers, concurrency=limit)
            async with briefer:
                run = _Run(out_dir, settings, briefer, lines, force)
                stems = _stems(paths)
                # A task group: the first fatal error cancels the articles still in flight.
                async with asyncio.TaskGroup() as group:
                    for i, (p, s) in enumerate(zip(paths, stems, strict=True)):
                        group.create_task(guarded(run, i, p, s))
        except BaseExceptionGroup as errors:
            if fatal:
                raise fatal[0] from None
            raise errors.exceptions[0] from None
        except (asyncio.CancelledError, KeyboardInterrupt):
            result.interrupted = True
            raise
        finally:
            result.seconds = time.perf_counter() - started
            result.results = [finished[i] for i in sorted(finished)]
            write_reports(out_dir, result)
    return result
