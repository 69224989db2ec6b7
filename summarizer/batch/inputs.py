"""What a batch reads: files, folders (recursively), ``-`` for standard input, ``http(s)://`` URLs.

Each article gets an id: its file name, or its path relative to the folders the colliding files
share when two inputs have the same name (``a/x.txt``, ``b/x.txt``); a line of a JSON-lines file
is ``file.jsonl#<its id>``; a URL is itself; standard input is ``stdin``. A folder is searched
recursively for the article formats of ``read.formats.SUFFIXES``; what is left out is counted,
with the reason (hidden, not an article format, inside the output folder, given twice).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..read.fetch import fetch_url, is_url
from ..read.formats import (
    JsonlRow,
    article_from_data,
    article_of_kind,
    jsonl_rows,
    kind_of_content_type,
    kind_of_suffix,
)
from ..read.input import ArticleInput, decode_bytes, read_bytes

__all__ = ["STDIN", "Collected", "Item", "collect_inputs", "load_item"]

STDIN = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One article a batch briefs: its id, what the user gave, and how to read it."""

    id: str
    source: str  # the path, URL or "-" as given (for a JSON-lines row: its file)
    path: Path | None = None  # a file to read
    row: JsonlRow | None = None  # a line of a JSON-lines file, already read
    data: bytes | None = None  # standard input, already read

    @property
    def name(self) -> str:
        """A short label for progress lines: the id's last part."""
        return self.id.rsplit("/", 1)[-1]


@dataclass
class Collected:
    """The articles found, in order, and what was left out with the reason."""

    items: list[Item] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def skipped_summary(self) -> str | None:
        """One line for the user: "skipped 3 files: 2 not an article format (.pdf, .png), 1 hidden"; None if none."""
        if not self.skipped:
            return None
        counts = Counter(reason.split(" (", 1)[0] for _, reason in self.skipped)
        parts = []
        for reason, count in counts.most_common():
            suffixes = sorted({Path(p).suffix or "no suffix" for p, r in self.skipped if r.startswith(reason)})
            detail = f" ({', '.join(suffixes[:6])})" if reason == "not an article format" else ""
            parts.append(f"{count} {reason}{detail}")
        total = len(self.skipped)
        return f"skipped {total} file{'s' if total != 1 else ''}: " + ", ".join(parts)


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _walk(folder: Path, out_dir: Path, found: list[Path], skipped: list[tuple[str, str]]) -> None:
    """Article files under ``folder``, sorted, recursively; the rest into ``skipped`` with the reason."""
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                skipped.append((str(sub) + "/", "hidden"))
            elif _inside(sub.resolve(), out_dir):
                skipped.append((str(sub) + "/", "the output folder"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _inside((here / d).resolve(), out_dir))
        for name in sorted(files):
            path = here / name
            if name.startswith("."):
                skipped.append((str(path), "hidden"))
            elif kind_of_suffix(path.suffix) is None:
                skipped.append((str(path), f"not an article format ({path.suffix or 'no suffix'})"))
            else:
                found.append(path)


def _file_ids(paths: list[Path]) -> list[str]:
    """File names, or paths relative to the folders they share where two names collide."""
    names = Counter(p.name for p in paths)
    ids = []
    for path in paths:
        if names[path.name] == 1:
            ids.append(path.name)
            continue
        colliding = [p.resolve() for p in paths if p.name == path.name]
        common = Path(os.path.commonpath([p.parent for p in colliding]))
        ids.append(path.resolve().relative_to(common).as_posix())
    return ids


def collect_inputs(
    args: Sequence[str | Path], *, out_dir: Path, max_chars: int, stdin: BinaryIO | None = None
) -> Collected:
    """The articles of the command line's arguments; an InputError for a missing path or one that is ``out_dir``."""
    out = out_dir.resolve()
    collected = Collected()
    files: list[Path] = []
    others: list[tuple[int, Item]] = []  # URLs and standard input, at their place among the files
    seen: set[Path] = set()
    for arg in args:
        text = str(arg)
        if text == STDIN:
            data = (stdin.read() if stdin is not None else b"") or b""
            others.append((len(files), Item("stdin", STDIN, data=data)))
            continue
        if is_url(text):
            others.append((len(files), Item(text, text)))
            continue
        path = Path(text)
        if path.is_dir():
            if path.resolve() == out:
                raise InputError(
                    text, "is the --out folder: its briefs would be read as articles; choose another --out"
                )
            found: list[Path] = []
            _walk(path, out, found, collected.skipped)
        elif path.exists():
            found = [path]
        else:
            raise InputError(text, "no such file or folder")
        for p in found:
            key = p.resolve()
            if key in seen:
                collected.skipped.append((str(p), "given twice"))
                continue
            seen.add(key)
            files.append(p)
    items = [Item(ident, str(p), path=p) for ident, p in zip(_file_ids(files), files, strict=True)]
    for at, item in reversed(others):
        items.insert(at, item)
    for item in items:
        if item.path is not None and kind_of_suffix(item.path.suffix) == "jsonl":
            collected.items.extend(_rows(item, max_chars))
        else:
            collected.items.append(item)
    return collected


def _rows(item: Item, max_chars: int) -> list[Item]:
    assert item.path is not None
    try:
        rows = jsonl_rows(read_bytes(item.path, max_chars=max_chars), item.source, max_chars=max_chars)
    except InputError as exc:
        return [Item(item.id, item.source, row=JsonlRow("", b"", None, exc))]
    return [Item(f"{item.id}#{row.id}", item.source, row=row) for row in rows]


def load_item(item: Item, *, max_chars: int, timeout: float) -> tuple[bytes, ArticleInput]:
    """The item's bytes (what the cache keys on) and its prepared article, or the InputError saying why not."""
    if item.row is not None:
        if item.row.article is None:
            raise item.row.error or InputError(item.id, "not an article")
        return item.row.data, item.row.article
    if item.path is not None:
        data = read_bytes(item.path, max_chars=max_chars)
        return data, article_from_data(data, item.source, suffix=item.path.suffix, max_chars=max_chars)
    if item.data is not None:
        if not item.data.strip():
            raise InputError("<stdin>", "standard input is empty")
        return item.data, article_from_data(item.data, "<stdin>", suffix="", max_chars=max_chars)
    fetched = fetch_url(item.source, timeout=timeout, max_bytes=max_chars * 4)
    kind = kind_of_content_type(fetched.content_type)
    if kind is None:
        raise InputError(item.source, f"is {fetched.content_type}, not an article page")
    try:
        text = fetched.data.decode(fetched.charset) if fetched.charset else decode_bytes(fetched.data, item.source)
    except (LookupError, UnicodeDecodeError):
        text = decode_bytes(fetched.data, item.source)
    article = article_of_kind(text, item.source, kind, max_chars=max_chars)
    return fetched.data, article if article.url else replace(article, url=fetched.url)
