"""Article formats by file name or content type: text, HTML, Markdown, one JSON article, JSON lines.

A ``.json`` file is one article object and a ``.jsonl`` file one article a line, in the form
``summarizer eval`` reads: ``text`` (required), ``title`` or ``headline``, ``id``, ``url``,
``published`` (or ``date``) and ``author``. The text inside may itself be HTML.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import EmptyInputError, InputError
from .input import ArticleFormat, ArticleInput, decode_bytes, prepare_text

__all__ = [
    "SUFFIXES",
    "InputKind",
    "JsonlRow",
    "article_from_data",
    "article_from_json",
    "article_of_kind",
    "jsonl_rows",
    "kind_of_content_type",
    "kind_of_suffix",
]

InputKind = Literal["text", "html", "markdown", "json", "jsonl"]

# The file name suffixes a folder is searched for, and what each holds.
SUFFIXES: dict[str, InputKind] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_CONTENT_TYPES: dict[str, InputKind] = {
    "text/plain": "text",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}
_ID = re.compile(r"[^\w.@+-]+")


def kind_of_suffix(suffix: str) -> InputKind | None:
    """What a file with this suffix holds, or None for a suffix that is no article format."""
    return SUFFIXES.get(suffix.lower())


def kind_of_content_type(content_type: str | None) -> InputKind | None:
    """What an HTTP response of this content type holds (None: not an article); no type: sniffed as text."""
    if not content_type:
        return "text"
    return _CONTENT_TYPES.get(content_type.split(";")[0].strip().lower())


def _field(row: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = row.get(name)
        if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
            return " ".join(str(value).split())
    return None


def article_from_json(row: object, origin: str, *, max_chars: int) -> ArticleInput:
    """One article object (``text`` and optional metadata) as a prepared article."""
    if not isinstance(row, dict):
        raise InputError(origin, f"a JSON article is an object with a text field, not {type(row).__name__}")
    text = row.get("text")
    if not isinstance(text, str):
        raise InputError(origin, 'the JSON article has no "text" string')
    article = prepare_text(text, origin, max_chars=max_chars)
    page = article.title, article.published, article.author, article.url
    title, published, author, url = (
        _field(row, "title", "headline") or page[0],
        _field(row, "published", "date", "published_at") or page[1],
        _field(row, "author", "byline") or page[2],
        _field(row, "url", "link") or page[3],
    )
    return ArticleInput(
        article.text, origin, article.format, title, published, author, url, source_offsets=article.source_offsets
    )


def article_from_data(data: bytes, origin: str, *, suffix: str, max_chars: int) -> ArticleInput:
    """One article from a file's bytes, read as its suffix says (unknown suffixes: text, or HTML by its looks)."""
    kind = kind_of_suffix(suffix) or "text"
    return article_of_kind(decode_bytes(data, origin), origin, kind, max_chars=max_chars)


def article_of_kind(text: str, origin: str, kind: InputKind, *, max_chars: int) -> ArticleInput:
    """One article from decoded text of a known kind (a ``jsonl`` kind holding one article is refused)."""
    if kind == "jsonl":
        raise InputError(origin, "holds one article a line: brief it with `summarizer run`")
    if kind == "json":
        try:
            row = json.loads(text)
        except ValueError as exc:
            raise InputError(origin, f"not valid JSON ({exc})") from exc
        return article_from_json(row, origin, max_chars=max_chars)
    formats: dict[InputKind, ArticleFormat | None] = {"html": "html", "markdown": "markdown", "text": None}
    return prepare_text(text, origin, max_chars=max_chars, format=formats[kind])


@dataclass(frozen=True, slots=True)
class JsonlRow:
    """One line of a JSON-lines file: its article id, its bytes (what the cache keys on), the article or why not."""

    id: str
    data: bytes
    article: ArticleInput | None
    error: InputError | None


def jsonl_rows(data: bytes, origin: str, *, max_chars: int) -> list[JsonlRow]:
    """Every article line of a JSON-lines file; a bad line is a row with its error, not the file's failure.

    A line's id is its ``id`` field (made safe for a file name), else its line number; repeats get ``-2``, ``-3``.
    """
    text = decode_bytes(data, origin)
    rows: list[JsonlRow] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        row: object = None
        with contextlib.suppress(ValueError):
            row = json.loads(line)
        raw = _field(row, "id") if isinstance(row, dict) else None
        ident = _ID.sub("-", raw).strip("-.") if raw else ""
        ident = ident or f"line{number}"
        seen[ident] = seen.get(ident, 0) + 1
        ident = ident if seen[ident] == 1 else f"{ident}-{seen[ident]}"
        where = f"{origin}#{ident}"
        try:
            if row is None:
                raise InputError(where, f"line {number} is not valid JSON")
            article: ArticleInput | None = article_from_json(row, where, max_chars=max_chars)
            error = None
        except InputError as exc:
            article, error = None, exc
        rows.append(JsonlRow(ident, line.encode("utf-8"), article, error))
    if not rows:
        raise EmptyInputError(origin, "no article lines in the JSON-lines file")
    return rows
