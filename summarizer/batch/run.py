"""Many articles: collect the inputs, brief each, write every result as it finishes.

Each article gets its per-article JSON file (its id's name, ``x.txt`` → ``x.json``; see
``batch.outputs``), written atomically, a line in ``DIR/briefs.jsonl`` and an entry in the
content-addressed cache, the moment its brief is ready; a failing article gets an error record
and the batch goes on. At the end (also after Ctrl-C) ``briefs.jsonl`` is rewritten with one line
per article of the folder, this run's and earlier runs' alike, and ``report.md``, ``report.html``,
``figures.csv`` and ``digest.json`` are written for all of them. Against a remote endpoint up to
``concurrency`` articles are in flight at once, shared among ``workers`` processes when more than
one core should do the client's work; the embedded server answers one request at a time, so there
the batch runs one article after another in this process.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ..brief.pipeline import Briefer, Pipeline
from ..errors import (
    ConfigError,
    EmbeddedServerError,
    EndpointRejectedError,
    EndpointUnavailableError,
    ModelError,
    SummarizerError,
)
from ..files import write_atomic
from ..read.input import ArticleInput
from ..schema import Brief
from ..settings import Settings
from .cache import BriefCache, brief_key
from .digest import Digest, DigestBuilder
from .inputs import Collected, Item, collect_inputs, load_item
from .outputs import CACHE_DIR, FIGURES_CSV, JSONL_NAME, OutFolder, figures_csv
from .report import ReportEntry, stream_reports

__all__ = [
    "JSONL_NAME",
    "ArticleResult",
    "BatchResult",
    "append_record",
    "article_key",
    "open_records",
    "prepare_folder",
    "run_batch",
    "write_brief",
    "write_reports",
]

log = logging.getLogger("summarizer.batch")

MAX_CONSECUTIVE_UNREACHABLE = 3  # articles in a row that could not reach the endpoint before the batch stops
_ENDPOINT_ERRORS = (EndpointUnavailableError.__name__, EndpointRejectedError.__name__)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one article."""

    id: str
    source: str  # the path, URL or "-" as given
    seconds: float
    brief: Brief | None = None
    text: str | None = None
    cached: bool = False
    error_type: str | None = None
    error_message: str | None = None
    retries: int = 0
    file: str | None = None  # the per-article JSON file, relative to the output folder

    @property
    def ok(self) -> bool:
        """Whether a brief was produced."""
        return self.brief is not None

    def record(self) -> dict[str, Any]:
        """The line written to briefs.jsonl."""
        line: dict[str, Any] = {"id": self.id, "ok": self.ok, "seconds": round(self.seconds, 3)}
        line["source"] = self.source
        if self.brief is not None:
            line["cached"] = self.cached
            line["file"] = self.file
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


class _Run:
    """One batch's state: what briefs the articles, the cache, the output folder and the open JSONL."""

    def __init__(self, folder: OutFolder, settings: Settings, briefer: Briefer, lines: TextIO, force: bool) -> None:
        self.folder = folder
        self.out_dir = folder.folder
        self.settings = settings
        self.briefer = briefer
        self.lines = lines
        self.force = force
        self.cache = BriefCache(self.out_dir / CACHE_DIR)
        self.prompt_hash = briefer.prompt_hash
        self.unreachable_in_a_row = 0

    @staticmethod
    def _failed(item: Item, started: float, text: str | None, exc: BaseException) -> ArticleResult:
        usage = exc.usage if isinstance(exc, ModelError) else None
        return ArticleResult(
            item.id,
            item.source,
            time.perf_counter() - started,
            None,
            text,
            False,
            type(exc).__name__,
            str(exc)[:500],
            retries=usage.retries if usage is not None else 0,
        )

    async def one(self, item: Item) -> ArticleResult:
        started = time.perf_counter()
        text: str | None = None
        settings = self.settings
        try:
            data, article = await asyncio.to_thread(
                load_item, item, max_chars=settings.max_input_chars, timeout=settings.fetch_timeout_seconds
            )
            text = article.text
            key = article_key(data, article, settings, self.prompt_hash)
            brief = None if self.force else self.cache.get(key)
            cached = brief is not None
            if brief is None:
                brief = await self.briefer.brief(article)
                self.cache.put(key, brief)
            self.cache.put_text(text)
            name = write_brief(self.folder, item.id, brief)
            retries = 0 if cached else brief.meta.retries
            result = ArticleResult(
                item.id, item.source, time.perf_counter() - started, brief, text, cached, retries=retries, file=name
            )
        except (ConfigError, EmbeddedServerError):
            raise  # not about this article: no later article would fare better
        except EndpointUnavailableError as exc:
            result = self._failed(item, started, text, exc)
            self.unreachable_in_a_row += 1
        except SummarizerError as exc:
            result = self._failed(item, started, text, exc)
        except Exception as exc:  # a bug on one article must not cost the batch its other briefs
            log.exception("unexpected error on %s", item.id)
            result = self._failed(item, started, text, exc)
        if result.ok:
            self.unreachable_in_a_row = 0
        append_record(self.folder, self.lines, result)
        if self.unreachable_in_a_row >= MAX_CONSECUTIVE_UNREACHABLE:
            raise EndpointUnavailableError(
                f"stopped the batch: {self.unreachable_in_a_row} articles in a row could not reach the model "
                f"endpoint (last: {result.error_message}); finished briefs are kept, rerun to go on"
            )
        return result


def article_key(data: bytes, article: ArticleInput, settings: Settings, prompt_hash: str) -> str:
    """The cache key of an article's brief under these settings (``data``: its bytes as read)."""
    return brief_key(
        data,
        prompt_hash=prompt_hash,
        model=settings.resolved_model,
        endpoint_kind=settings.resolved_endpoint_kind,
        format=article.format,
    )


def write_brief(folder: OutFolder, ident: str, brief: Brief) -> str:
    """Write an article's per-article JSON file (atomically); its name, relative to the folder."""
    name = folder.files[ident]
    write_atomic(folder.folder / name, brief.model_dump_json(indent=2) + "\n")
    return name


def append_record(folder: OutFolder, lines: TextIO, result: ArticleResult) -> None:
    """Take an article's result into the folder's records and append its line to the open briefs.jsonl, on disk."""
    record = result.record()
    folder.update(record)
    lines.write(json.dumps(record, ensure_ascii=False) + "\n")
    lines.flush()
    os.fsync(lines.fileno())


@contextmanager
def open_records(out_dir: Path) -> Iterator[TextIO]:
    """briefs.jsonl of ``out_dir``, open for appending records (a torn last line is ended first)."""
    jsonl = out_dir / JSONL_NAME
    with jsonl.open("a", encoding="utf-8") as lines:
        if lines.tell() and not jsonl.read_bytes().endswith(b"\n"):
            lines.write("\n")  # a torn last line: the next record starts on a line of its own
        yield lines


def write_reports(folder: OutFolder, result: BatchResult) -> None:
    """briefs.jsonl (one line per article of the folder), report.md, report.html, figures.csv and digest.json.

    They cover every article of the folder, this run's and earlier runs', so they describe exactly the
    per-article files in it. Texts of earlier runs' articles come from the cache, for the HTML report.
    Everything is streamed: briefs are read back from their files one at a time, for each file written.
    """
    out_dir = folder.folder
    write_atomic(out_dir / JSONL_NAME, folder.lines())
    digest = DigestBuilder()
    write_atomic(out_dir / FIGURES_CSV, figures_csv(_adding(folder.iter_briefs(), digest)))
    result.digest = digest.build()
    digest_json = json.JSONEncoder(indent=2, ensure_ascii=False).iterencode(result.digest.to_dict())
    write_atomic(out_dir / "digest.json", itertools.chain(digest_json, ["\n"]))
    entries = _FolderEntries(folder, {r.id: r for r in result.results})
    pages = stream_reports(entries, result.digest)
    write_atomic(out_dir / "report.md", pages.markdown)
    write_atomic(out_dir / "report.html", pages.html)


def _adding(briefs: Iterable[tuple[str, Brief]], digest: DigestBuilder) -> Iterator[tuple[str, Brief]]:
    """``briefs``, each taken into ``digest`` as it passes (figures.csv and the digest read the briefs once)."""
    for ident, brief in briefs:
        digest.add(ident, brief)
        yield ident, brief


class _FolderEntries:
    """The report entries of every article of a folder, read again from its files on each iteration.

    ``now``: this run's results, shown as they are (their texts are in memory); the others are read back,
    their texts from the cache.
    """

    def __init__(self, folder: OutFolder, now: dict[str, ArticleResult]) -> None:
        self._folder = folder
        self._now = now

    def __iter__(self) -> Iterator[ReportEntry]:
        cache = BriefCache(self._folder.folder / CACHE_DIR)
        for ident, record in list(self._folder.records.items()):
            if ident in self._now:
                yield self._now[ident].report_entry()
                continue
            brief = self._folder.brief(ident)
            error = record.get("error") or {}
            text = cache.get_text(brief.text_sha256) if brief is not None and brief.text_sha256 else None
            message = None if brief is not None else f"{error.get('type')}: {error.get('message')}"
            yield ReportEntry(ident, text, brief, message, float(record.get("seconds", 0.0)), True)


def prepare_folder(
    inputs: Sequence[str | Path] | Collected, out_dir: Path, settings: Settings
) -> tuple[Collected, OutFolder]:
    """Collect the inputs, read the output folder, and refuse a run whose outputs would overwrite an input."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"--out {out_dir} is a file, not a folder")
    collected = (
        inputs
        if isinstance(inputs, Collected)
        else collect_inputs(inputs, out_dir=out_dir, max_chars=settings.max_input_chars)
    )
    folder = OutFolder(out_dir)
    folder.allocate(collected.items)
    folder.check_inputs(collected.items)
    return collected, folder


async def run_batch(
    inputs: Sequence[str | Path] | Collected,
    out_dir: Path,
    settings: Settings,
    *,
    concurrency: int = 1,
    workers: int = 1,
    force: bool = False,
    on_start: Callable[[Item], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> BatchResult:
    """Brief ``inputs`` (paths, URLs, or what ``batch.inputs.collect_inputs`` found) into ``out_dir``.

    Raises an InputError before any work when an input is missing or an output would overwrite one.
    See the module docstring.
    """
    collected, folder = prepare_folder(inputs, out_dir, settings)
    out_dir.mkdir(parents=True, exist_ok=True)
    limit = 1 if settings.embedded else max(1, concurrency)
    gate = asyncio.Semaphore(limit)
    result = BatchResult()
    finished: dict[int, ArticleResult] = {}
    fatal: list[SummarizerError] = []
    started = time.perf_counter()

    async def guarded(run: _Run, index: int, item: Item) -> None:
        async with gate:
            if on_start is not None:
                on_start(item)
            try:
                done = await run.one(item)
            except SummarizerError as exc:
                fatal.append(exc)  # about the endpoint or the settings, not this article
                raise
            finished[index] = done
            if on_result is not None:
                on_result(done)

    with open_records(out_dir) as lines:
        try:
            briefer: Briefer = Pipeline(settings)
            if workers > 1 and not settings.embedded:
                # Imported here: ``python -m summarizer.batch.workers`` runs that module in each child, and
                # it must not be imported already by this package's __init__ when it does (runpy warns).
                from .workers import WorkerPool  # noqa: PLC0415

                briefer = WorkerPool(settings, workers=workers, concurrency=limit)
            async with briefer:
                run = _Run(folder, settings, briefer, lines, force)
                # A task group: the first fatal error cancels the articles still in flight.
                async with asyncio.TaskGroup() as group:
                    for i, item in enumerate(collected.items):
                        group.create_task(guarded(run, i, item))
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
            write_reports(folder, result)
    return result
