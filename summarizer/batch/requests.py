"""``summarizer batch prepare``: every article's model call as a line of an OpenAI batch file.

A line is ``{"custom_id": …, "method": "POST", "url": "/v1/chat/completions", "body": …}``, the form
the OpenAI Batch API and ``vllm run-batch`` read. Its ``body`` is ``model.client.request_body`` of the
article's request, the very body a live ``run`` sends. Its ``custom_id`` (``LineId``) is a compact
JSON object naming the article (its id, the path as given and resolved, the JSON-lines row), the
SHA-256 of the bytes the request was made from, the settings it was made under and the round: 1 for
the first call, 2 … for the re-asks a later ``collect`` writes (``OUT/next-requests.jsonl``). So a
results line can always be tied to its article, and never applied to one that changed.

Files are written line by line (memory stays flat in the number of articles) and split at the
Batch API's limits, 50,000 lines and 200 MB a file: ``requests.jsonl``, ``requests-2.jsonl`` …
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..brief.pipeline import Pipeline
from ..errors import BatchLineError, ConfigError, InputError, SummarizerError
from ..files import FILE_MODE
from ..model.client import request_body
from ..settings import Settings
from .inputs import Collected, Item, collect_inputs, load_item

__all__ = [
    "BATCH_URL",
    "MAX_FILE_BYTES",
    "MAX_FILE_LINES",
    "LineId",
    "Prepared",
    "RequestFiles",
    "batch_line",
    "prepare_requests",
    "retry_ids",
    "settings_fingerprint",
]

BATCH_URL = "/v1/chat/completions"
MAX_FILE_LINES = 50_000  # the OpenAI Batch API's limits for one input file
MAX_FILE_BYTES = 200_000_000
_VERSION = 1


def settings_fingerprint(settings: Settings, prompt_hash: str) -> str:
    """What decides a request and the reading of its answer: a line made under other settings is refused."""
    parts = [
        settings.resolved_model, settings.resolved_endpoint_kind, settings.resolved_mode, prompt_hash,
        settings.max_output_tokens, settings.temperature, settings.seed, settings.max_prompt_sentences,
        settings.max_reasks, settings.max_figures, settings.max_sources,
    ]  # fmt: skip
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class LineId:
    """What a batch line's ``custom_id`` says: its article, that article's content hash, the settings, the round."""

    id: str  # the article's id, as ``run`` gives it (its record in briefs.jsonl)
    source: str  # the path or URL as given
    path: str | None  # the file read, resolved (None: a URL)
    row: str | None  # the row id inside a JSON-lines file
    sha256: str  # of the bytes the request was made from
    settings: str  # ``settings_fingerprint``
    round: int = 1

    def dumps(self) -> str:
        """The ``custom_id`` string."""
        fields = {"v": _VERSION, "id": self.id, "src": self.source, "path": self.path, "row": self.row}
        fields |= {"sha": self.sha256, "set": self.settings, "round": self.round}
        return json.dumps(fields, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, custom_id: object) -> LineId:
        """Read a ``custom_id``; a BatchLineError for one this package did not write."""
        try:
            fields = json.loads(str(custom_id))
            if fields.get("v") != _VERSION:
                raise ValueError("unknown version")
            return cls(
                str(fields["id"]), str(fields["src"]), fields["path"], fields["row"], str(fields["sha"]),
                str(fields["set"]), int(fields["round"]),
            )  # fmt: skip
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BatchLineError(
                f"custom_id {str(custom_id)[:80]!r} is not one `summarizer batch prepare` wrote"
            ) from exc

    def item(self) -> Item:
        """The article to read again: the file, the JSON-lines file of the row, or the URL."""
        return Item(self.id, self.source, path=Path(self.path) if self.path is not None else None)

    def next_round(self) -> LineId:
        """The id of the re-ask that follows this line."""
        return LineId(self.id, self.source, self.path, self.row, self.sha256, self.settings, self.round + 1)


def batch_line(line_id: LineId, body: dict[str, Any]) -> str:
    """One line of a batch input file (with its newline)."""
    line = {"custom_id": line_id.dumps(), "method": "POST", "url": BATCH_URL, "body": body}
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n"


class RequestFiles:
    """Batch input files written line by line, a new part when the next line would pass a limit.

    ``FILE`` first, then ``FILE-2``, ``FILE-3`` … (``requests.jsonl`` → ``requests-2.jsonl``); each part
    is written to a temporary file and renamed into place when closed, so none is ever half there.
    """

    def __init__(self, path: Path, *, max_lines: int = MAX_FILE_LINES, max_bytes: int = MAX_FILE_BYTES) -> None:
        self.path = path
        self.max_lines = max_lines
        self.max_bytes = max_bytes
        self.paths: list[Path] = []
        self.lines = 0
        self._handle: Any = None
        self._tmp: Path | None = None
        self._in_part = 0
        self._bytes = 0

    def _part(self, n: int) -> Path:
        return self.path if n == 1 else self.path.with_name(f"{self.path.stem}-{n}{self.path.suffix}")

    def _open(self) -> None:
        target = self._part(len(self.paths) + 1)
        target.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = target.with_name(f".{target.name}.tmp")
        fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        self._handle = os.fdopen(fd, "wb")
        self.paths.append(target)
        self._in_part = self._bytes = 0

    def _close(self) -> None:
        if self._handle is None or self._tmp is None:
            return
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        os.replace(self._tmp, self.paths[-1])
        self._handle = self._tmp = None

    def write(self, line: str) -> None:
        """Add one line, starting the next part first when this one is full."""
        data = line.encode("utf-8")
        if self._handle is not None and (self._in_part >= self.max_lines or self._bytes + len(data) > self.max_bytes):
            self._close()
        if self._handle is None:
            self._open()
        self._handle.write(data)
        self._in_part += 1
        self._bytes += len(data)
        self.lines += 1

    def __enter__(self) -> RequestFiles:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self._close()
            for stale in self._stale_parts():
                stale.unlink()
        elif self._handle is not None and self._tmp is not None:
            self._handle.close()
            self._tmp.unlink(missing_ok=True)

    def _stale_parts(self) -> Iterator[Path]:
        """Parts an earlier, larger preparation left after this one's last (they would be read with it)."""
        n = max(1, len(self.paths)) + 1
        while (part := self._part(n)).exists():
            yield part
            n += 1


@dataclass
class Prepared:
    """What ``prepare_requests`` wrote: the files, how many lines, and the articles it could not prepare."""

    paths: list[Path] = field(default_factory=list)
    lines: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (article id, why)


def retry_ids(records: Path) -> set[str]:
    """The ids of the failed articles of a briefs.jsonl (the newest record of each id counts)."""
    state: dict[str, bool] = {}
    with records.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
                state[str(record["id"])] = bool(record.get("ok"))
            except (ValueError, KeyError, TypeError):
                continue
    return {ident for ident, ok in state.items() if not ok}


def _line_id(item: Item, data: bytes, fingerprint: str) -> LineId:
    if item.path is None and item.row is None:
        if item.data is not None:
            raise InputError("<stdin>", "standard input cannot be read again at collect time: save it to a file")
        path = None  # a URL, fetched again at collect time
    else:
        path = str(Path(item.source).resolve())
    row = item.id.rpartition("#")[2] if item.row is not None else None
    return LineId(item.id, item.source, path, row, hashlib.sha256(data).hexdigest(), fingerprint)


def prepare_requests(
    inputs: Sequence[str | Path] | Collected,
    requests: Path,
    settings: Settings,
    *,
    only: Iterable[str] | None = None,
    max_lines: int = MAX_FILE_LINES,
    max_bytes: int = MAX_FILE_BYTES,
) -> Prepared:
    """Write the first-round batch line of every article of ``inputs`` (``only``: of these ids) to ``requests``."""
    if not settings.uses_model:
        raise ConfigError("the embedded model is `none`: there is no model call to put in a batch file")
    collected = (
        inputs
        if isinstance(inputs, Collected)
        else collect_inputs(inputs, out_dir=requests, max_chars=settings.max_input_chars)
    )
    wanted = set(only) if only is not None else None
    pipeline = Pipeline(settings)
    fingerprint = settings_fingerprint(settings, pipeline.prompt_hash)
    prepared = Prepared()
    with RequestFiles(requests, max_lines=max_lines, max_bytes=max_bytes) as files:
        for item in collected.items:
            if wanted is not None and item.id not in wanted:
                continue
            try:
                data, article = load_item(
                    item, max_chars=settings.max_input_chars, timeout=settings.fetch_timeout_seconds
                )
                line_id = _line_id(item, data, fingerprint)
                _, request = pipeline.request(article, title=article.title)
            except SummarizerError as exc:
                prepared.skipped.append((item.id, f"{type(exc).__name__}: {exc}"))
                continue
            files.write(batch_line(line_id, request_body(settings, request.messages, options=request.options)))
    prepared.paths, prepared.lines = files.paths, files.lines
    return prepared
