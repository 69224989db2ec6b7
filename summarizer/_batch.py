"""Many articles: collect the files, summarize each, write every result as it finishes.

Each article gets ``DIR/<stem>.json`` (written atomically) and one line in
``DIR/briefs.jsonl``; a failing article gets an error record there and the
batch goes on, so no finished brief is ever lost to a later failure.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._errors import InputError, SummarizerError
from ._input import load_file
from ._pipeline import Pipeline
from ._schema import Brief
from ._settings import Settings

__all__ = ["ArticleResult", "BatchResult", "collect_articles", "run_batch", "write_atomic"]

JSONL_NAME = "briefs.jsonl"


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What happened to one article."""

    id: str
    path: Path
    seconds: float
    brief: Brief | None = None
    error_type: str | None = None
    error_message: str | None = None

    @property
    def ok(self) -> bool:
        """Whether a brief was produced."""
        return self.brief is not None

    def record(self) -> dict[str, Any]:
        """The line written to briefs.jsonl."""
        line: dict[str, Any] = {"id": self.id, "ok": self.ok, "seconds": round(self.seconds, 3)}
        if self.brief is not None:
            line["brief"] = self.brief.model_dump(mode="json")
        else:
            line["error"] = {"type": self.error_type, "message": self.error_message}
        return line


@dataclass
class BatchResult:
    """All results of a batch, in input order."""

    results: list[ArticleResult] = field(default_factory=list)

    @property
    def failed(self) -> list[ArticleResult]:
        """The articles that got no brief."""
        return [r for r in self.results if not r.ok]


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


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` via a temporary file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _output_stem(path: Path, taken: set[str]) -> str:
    stem = path.stem
    if stem in taken:
        stem = f"{stem}-{abs(hash(str(path.resolve()))) % 10_000:04d}"
    taken.add(stem)
    return stem


async def run_batch(
    paths: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    on_result: Callable[[ArticleResult], None] | None = None,
) -> BatchResult:
    """Summarize ``paths`` one after another into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = BatchResult()
    taken: set[str] = set()
    jsonl = out_dir / JSONL_NAME
    with jsonl.open("w", encoding="utf-8") as lines:
        async with Pipeline(settings) as pipeline:
            for path in paths:
                started = time.perf_counter()
                stem = _output_stem(path, taken)
                try:
                    article = load_file(path, max_chars=settings.max_input_chars)
                    brief = await pipeline.brief(article)
                except SummarizerError as exc:
                    item = ArticleResult(
                        path.name, path, time.perf_counter() - started,
                        error_type=type(exc).__name__, error_message=str(exc),
                    )  # fmt: skip
                else:
                    item = ArticleResult(path.name, path, time.perf_counter() - started, brief=brief)
                    write_atomic(out_dir / f"{stem}.json", brief.model_dump_json(indent=2) + "\n")
                lines.write(json.dumps(item.record(), ensure_ascii=False) + "\n")
                lines.flush()
                os.fsync(lines.fileno())
                result.results.append(item)
                if on_result is not None:
                    on_result(item)
    return result
