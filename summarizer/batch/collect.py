"""``summarizer batch collect``: the answers of a batch's results made into exactly what ``run`` writes.

A results line (OpenAI Batch output or error file, ``vllm run-batch`` output: ``{"custom_id": …,
"response": {"status_code": 200, "body": <chat completion>}, "error": null}``) is applied to the
article its ``custom_id`` names (``batch.requests.LineId``): the article is read again from the path
recorded at prepare time and refused when its bytes changed; its request is built again, the answer
read and checked by the same step as a live call (``brief.ask.Asking``) and grounded into the same
``Brief`` (``Pipeline.assemble``), with the usage of every answer it took. Then, through the same
functions as ``run``: the per-article JSON file, a record in ``briefs.jsonl``, the cache entry and
text, and at the end the reports, ``figures.csv`` and the digest.

An answer that needs the re-ask is not the article's end: its state (the answers so far) is kept in
``OUT/.cache/rounds/`` and its re-ask (the messages, the answer and the problems, as a live re-ask
sends them) goes to ``OUT/next-requests.jsonl``; collecting that file's results finishes it, or
falls back to the code's choices exactly as a live run does.

Every line is its article's own: a failed request, a malformed body, a changed article, a line of
another preparation, a missing line (when the request files are known) each give that article an
error record, and nothing finished is lost: a line for an article already briefed from the same
bytes is skipped, a duplicate line is reported and ignored. So collect is idempotent, and resumable
after an interruption: run it again on the same results.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from ..brief.ask import Asking
from ..brief.pipeline import Pipeline
from ..errors import ArticleChangedError, BatchLineError, ConfigError, InputError, SummarizerError
from ..files import write_atomic
from ..model.client import UsageTally, request_body
from ..read.formats import JsonlRow, jsonl_rows
from ..read.input import ArticleInput, read_bytes
from ..settings import Settings
from .cache import BriefCache
from .inputs import Item, load_item
from .outputs import CACHE_DIR, JSONL_NAME, REPORT_FILES, OutFolder
from .requests import LineId, RequestFiles, batch_line, settings_fingerprint
from .run import ArticleResult, BatchResult, append_record, article_key, open_records, write_brief, write_reports

__all__ = ["NEXT_REQUESTS", "CollectResult", "collect_results", "result_lines"]

log = logging.getLogger("summarizer.batch")

NEXT_REQUESTS = "next-requests.jsonl"
ROUNDS_DIR = "rounds"


@dataclass
class CollectResult:
    """What a collect did: briefs written, articles failed or waiting for their next round, lines left out."""

    briefed: int = 0
    failed: list[tuple[str, str, str]] = field(default_factory=list)  # (article id, error type, message)
    pending: int = 0  # articles whose re-ask is in next-requests.jsonl
    already: int = 0  # lines for articles this folder has briefed already (a repeated collect)
    problems: list[str] = field(default_factory=list)  # lines that belong to no article, duplicates
    next_requests: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    report_cpu_seconds: float = 0.0  # of writing briefs.jsonl, the reports and the digest at the end


def result_lines(paths: Iterable[Path]) -> Iterator[tuple[str, str]]:
    """(where, line) of every non-blank line of ``paths``, read as a stream."""
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield f"{path.name}:{number}", line


@dataclass
class _State:
    """An article between rounds: the answers so far, what they cost, and its next batch line."""

    answers: list[dict[str, Any]]
    line: str


class _Rounds:
    """The states of the articles waiting for a re-ask, one small JSON file each under ``.cache/rounds/``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> _State | None:
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            return _State(list(data["answers"]), str(data["line"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, state: _State) -> None:
        write_atomic(self._path(key), json.dumps({"answers": state.answers, "line": state.line}, ensure_ascii=False))

    def drop(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def lines(self) -> Iterator[str]:
        """The next batch line of every waiting article, in a stable order."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.glob("*.json")):
            with contextlib.suppress(OSError, ValueError, KeyError):
                yield str(json.loads(path.read_text(encoding="utf-8"))["line"])


def _answer(line: dict[str, Any]) -> tuple[ChatCompletion, str, str]:
    """The completion of a results line, its text and finish reason; a BatchLineError saying why there is none."""
    error = line.get("error")
    response = line.get("response")
    if error:
        code = error.get("code") if isinstance(error, dict) else None
        message = error.get("message") if isinstance(error, dict) else error
        raise BatchLineError(f"the batch did not run this request: {code or 'error'}: {message}")
    if not isinstance(response, dict):
        raise BatchLineError("the results line has neither a response nor an error")
    status = response.get("status_code")
    body = response.get("body")
    if status != 200:
        detail = body.get("error", {}).get("message") if isinstance(body, dict) else None
        raise BatchLineError(f"the endpoint answered HTTP {status}" + (f": {detail}" if detail else ""))
    try:
        completion = ChatCompletion.model_validate(body)
        choice = completion.choices[0]
    except (ValidationError, IndexError) as exc:
        raise BatchLineError(f"the response body is not a chat completion ({type(exc).__name__})") from exc
    return completion, choice.message.content or "", str(choice.finish_reason or "")


class _Collect:
    """One collect's state: the settings, the pipeline (never connected), the output folder and its records."""

    def __init__(self, out_dir: Path, settings: Settings, lines: TextIO) -> None:
        self.out_dir = out_dir
        self.settings = settings
        self.lines = lines
        self.folder = OutFolder(out_dir)
        self.pipeline = Pipeline(settings)
        self.prompt_hash = self.pipeline.prompt_hash
        self.fingerprint = settings_fingerprint(settings, self.prompt_hash)
        self.cache = BriefCache(out_dir / CACHE_DIR)
        self.rounds = _Rounds(out_dir / CACHE_DIR / ROUNDS_DIR)
        self.seen: set[bytes] = set()
        self.done = CollectResult()
        self._rows: tuple[str, dict[str, JsonlRow]] | None = None  # the last JSON-lines file read, by row id
        self._outputs = {(out_dir / name).resolve() for name in (JSONL_NAME, *REPORT_FILES)}
        self._cache_dir = (out_dir / CACHE_DIR).resolve()

    def _item(self, line_id: LineId) -> Item:
        """The article to read again; for a JSON-lines row, the row of its file (the last file read is kept)."""
        item = line_id.item()
        if line_id.row is None or item.path is None:
            return item
        if self._rows is None or self._rows[0] != str(item.path):
            max_chars = self.settings.max_input_chars
            rows = jsonl_rows(read_bytes(item.path, max_chars=max_chars), item.source, max_chars=max_chars)
            self._rows = (str(item.path), {row.id: row for row in rows})
        row = self._rows[1].get(line_id.row)
        if row is None:
            raise ArticleChangedError(line_id.id, "its row is no longer in the file")
        return Item(line_id.id, line_id.source, row=row)

    def _read(self, line_id: LineId) -> tuple[Item, bytes, ArticleInput]:
        item = self._item(line_id)
        self.folder.allocate([item])
        if item.path is not None:
            path = item.path.resolve()
            if path in self._outputs or path == (self.out_dir / self.folder.files[item.id]).resolve():
                raise InputError(item.source, "is an output of this collect: choose another --out")
            if self._cache_dir in path.parents:
                raise InputError(item.source, "is inside the cache of --out: choose another --out")
        data, article = load_item(
            item, max_chars=self.settings.max_input_chars, timeout=self.settings.fetch_timeout_seconds
        )
        if hashlib.sha256(data).hexdigest() != line_id.sha256:
            raise ArticleChangedError(
                item.source,
                "changed since its batch request was prepared: prepare it again (`summarizer batch prepare`)",
            )
        return item, data, article

    def line(self, where: str, text: str) -> None:
        """Apply one results line to its article."""
        try:
            line = json.loads(text)
            if not isinstance(line, dict):
                raise ValueError("not an object")
        except ValueError:
            self.done.problems.append(f"{where}: not a JSON object: left out")
            return
        custom_id = line.get("custom_id")
        try:
            line_id = LineId.loads(custom_id)
        except BatchLineError as exc:
            self.done.problems.append(f"{where}: {exc}: left out")
            return
        seen = hashlib.blake2b(str(custom_id).encode(), digest_size=16).digest()
        if seen in self.seen:
            self.done.problems.append(
                f"{where}: a second line for {line_id.id} (round {line_id.round}): the first is kept"
            )
            return
        self.seen.add(seen)
        self.apply(line_id, line)

    def _failed(self, line_id: LineId, started: float, exc: BaseException) -> ArticleResult:
        message = str(exc)[:500]
        self.done.failed.append((line_id.id, type(exc).__name__, message))
        return ArticleResult(line_id.id, line_id.source, time.perf_counter() - started, None, None, False,
                             type(exc).__name__, message)  # fmt: skip

    def _finished(self, ident: str, key: str) -> bool:
        """Whether this folder holds the brief of this article's bytes already (a line applied before)."""
        record = self.folder.records.get(ident)
        return bool(record and record.get("ok")) and self.cache.get(key) is not None

    def apply(self, line_id: LineId, line: dict[str, Any]) -> None:
        """Apply a results line (or, with ``line`` empty, the news that there is none) to its article."""
        started = time.perf_counter()
        settings = self.settings
        try:
            if line_id.settings != self.fingerprint:
                raise BatchLineError(
                    "prepared under other settings (model, endpoint kind, prompts or limits): "
                    "collect with the settings it was prepared with"
                )
            item, data, article = self._read(line_id)
            key = article_key(data, article, settings, self.prompt_hash)
            if self._finished(item.id, key):
                self.done.already += 1
                return
            state = self.rounds.get(key)
            taken = len(state.answers) if state is not None else 0
            if line_id.round <= taken:
                record = self.folder.records.get(item.id)
                if not (line_id.round == 1 and line and record is not None and not record.get("ok")):
                    self.done.already += 1  # this round's answer was taken by an earlier collect
                    return
                state, taken = None, 0  # a retry (`prepare --retry`) after a later round failed: it starts again
            if line_id.round != taken + 1:
                raise BatchLineError(
                    f"a round-{line_id.round} answer, but round {taken + 1} was not collected into {self.out_dir}"
                )
            if not line:
                raise BatchLineError(
                    f"no results line for its round-{line_id.round} request: it failed or did not run; "
                    "`summarizer batch prepare --retry OUT/briefs.jsonl` makes a file for it"
                )
            completion, content, finish = _answer(line)
            title = article.title
            evidence, request = self.pipeline.request(article, title=title)
            asking = Asking(request, evidence, max_reasks=settings.max_reasks, max_figures=settings.max_figures)
            tally = UsageTally()
            for earlier in state.answers if state is not None else []:
                if asking.take(str(earlier["content"]), str(earlier["finish"])) is not None:
                    raise BatchLineError("its earlier answers no longer call for a re-ask: prepare it again")
                tally.prompt_tokens += int(earlier["prompt_tokens"])
                tally.completion_tokens += int(earlier["completion_tokens"])
                tally.calls += 1
            tally.add(completion)
            asked = asking.take(content, finish)
            if asked is None:
                usage = completion.usage
                answers = [*(state.answers if state is not None else []), {
                    "content": content, "finish": finish,
                    "prompt_tokens": usage.prompt_tokens if usage else 0,
                    "completion_tokens": usage.completion_tokens if usage else 0,
                }]  # fmt: skip
                body = request_body(settings, asking.messages, options=request.options)
                self.rounds.put(key, _State(answers, batch_line(line_id.next_round(), body)))
                return
            brief = self.pipeline.assemble(article, evidence, request, asked, tally, title=title, started=started)
            self.cache.put(key, brief)
            self.cache.put_text(article.text)
            name = write_brief(self.folder, item.id, brief)
            self.rounds.drop(key)
            result = ArticleResult(item.id, item.source, time.perf_counter() - started, brief, None, file=name)
            self.done.briefed += 1
        except SummarizerError as exc:
            result = self._failed(line_id, started, exc)
        except Exception as exc:  # a bug on one article must not cost the collect its other briefs
            log.exception("unexpected error on %s", line_id.id)
            result = self._failed(line_id, started, exc)
        append_record(self.folder, self.lines, result)

    def missing(self, requests: Iterable[tuple[str, str]]) -> None:
        """An error record for each request of ``requests`` that had no results line (nor one before)."""
        for _, text in requests:
            try:
                custom_id = json.loads(text).get("custom_id")
                line_id = LineId.loads(custom_id)
            except (ValueError, AttributeError, BatchLineError):
                continue
            if hashlib.blake2b(str(custom_id).encode(), digest_size=16).digest() in self.seen:
                continue
            self.apply(line_id, {})

    def next_requests(self) -> list[Path]:
        """Write OUT/next-requests.jsonl from every waiting article's state (or remove it when none waits)."""
        path = self.out_dir / NEXT_REQUESTS
        with RequestFiles(path) as files:
            for line in self.rounds.lines():
                files.write(line)
        if not files.paths:
            path.unlink(missing_ok=True)
        self.done.pending = files.lines
        return files.paths


def collect_results(
    results: Iterable[tuple[str, str]],
    out_dir: Path,
    settings: Settings,
    *,
    requests: Iterable[tuple[str, str]] | None = None,
    reports: bool = True,
) -> CollectResult:
    """Apply every results line of ``results`` (``result_lines`` of the output and error files) into ``out_dir``.

    ``requests``: the lines of the batch's input files, so that a request with no results line gets
    an error record too. ``reports`` False leaves briefs.jsonl's rewrite, the reports and the digest
    to a later collect or run (the bench times the articles apart from them). See the module docstring.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"--out {out_dir} is a file, not a folder")
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    with open_records(out_dir) as lines:
        run = _Collect(out_dir, settings, lines)
        try:
            for where, text in results:
                run.line(where, text)
            if requests is not None:
                run.missing(requests)
        finally:
            run.done.next_requests = run.next_requests()
            if reports:
                cpu = time.process_time()
                write_reports(run.folder, BatchResult())
                run.done.report_cpu_seconds = time.process_time() - cpu
    run.done.seconds = time.perf_counter() - started
    return run.done
