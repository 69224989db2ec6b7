"""Turn a file or a string into article text, or refuse it with a clear reason.

Decoding: byte-order marks first (UTF-8, UTF-16, UTF-32), then strict UTF-8,
then Windows-1252/Latin-1 for legacy text; data with NUL bytes or many control
characters is binary and refused. HTML is reduced to its main text with
trafilatura, which also reads the page's title, author and publication date;
Markdown is rendered to its text (``read.markdown``). The brief's offsets then
refer to that extracted text, whose SHA-256 the brief carries (``text_sha256``).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import EmptyInputError, InputError, InputTooLargeError, UndecodableInputError
from .markdown import render_markdown

__all__ = [
    "ArticleFormat",
    "ArticleInput",
    "article_text",
    "decode_bytes",
    "load_file",
    "prepare_text",
    "read_article",
    "read_bytes",
]

ArticleFormat = Literal["text", "html", "markdown"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(r"^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_HTML_TAGS = re.compile(r"</?(p|div|span|a|article|section|h[1-6]|br|li|ul|table|script|style)\b[^>]*>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """Article text ready for the pipeline, with where it came from and what its page said about it.

    ``text`` is what every span of the brief indexes. For Markdown, ``source_offsets`` holds, for each
    character of ``text``, its offset in the Markdown source (``source_span`` maps a span back).
    """

    text: str
    origin: str  # where it came from, named by every InputError: the path, "<text>", a URL, "file.jsonl#id"
    format: ArticleFormat
    title: str | None = None
    published: str | None = None  # ISO 8601, as the page or the JSON gave it
    author: str | None = None
    url: str | None = None
    source_offsets: tuple[int, ...] | None = None

    @property
    def sha256(self) -> str:
        """SHA-256 (hex) of ``text``: the brief's ``text_sha256``."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original input a span of ``text`` stands for (the same span but for Markdown)."""
        if self.source_offsets is None:
            return start, end
        if start >= end:
            return (self.source_offsets[start], self.source_offsets[start]) if start < len(self.text) else (end, end)
        return self.source_offsets[start], self.source_offsets[end - 1] + 1


def decode_bytes(data: bytes, origin: str) -> str:
    """Decode file contents to text, or raise an InputError naming ``origin``."""
    if not data:
        raise EmptyInputError(origin, "the file is empty")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableInputError(origin, f"not valid {encoding} despite its byte-order mark") from exc
    if b"\x00" in data:
        raise UndecodableInputError(origin, "binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise UndecodableInputError(origin, "binary data (control characters), not text")
    return text


def _looks_like_html(text: str) -> bool:
    if _HTML_START.match(text):
        return True
    return len(_HTML_TAGS.findall(text[:20000])) >= 5


def _html_article(html: str, origin: str) -> ArticleInput:
    import trafilatura  # noqa: PLC0415 - late: lxml is slow to import and most input is plain text

    document = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, favor_precision=True, with_metadata=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not str(text).strip():
        raise EmptyInputError(origin, "no article text found in the HTML page")

    def meta(name: str) -> str | None:
        value = getattr(document, name, None)
        return " ".join(str(value).split()) or None if value else None

    return ArticleInput(
        str(text), origin, "html", title=meta("title"), published=meta("date"), author=meta("author"), url=meta("url")
    )


def prepare_text(text: str, origin: str, *, max_chars: int, format: ArticleFormat | None = None) -> ArticleInput:
    """Check size and emptiness, extract HTML or render Markdown, and return the article text the brief refers to.

    ``format`` None: HTML when the text looks like a page, else plain text.
    """
    if len(text) > max_chars:
        raise InputTooLargeError(origin, f"{len(text):,} characters is over the limit of {max_chars:,}")
    if not text.strip():
        raise EmptyInputError(origin, "the text is empty or white space only")
    if format == "html" or (format is None and _looks_like_html(text)):
        return _html_article(text, origin)
    if format == "markdown":
        rendered = render_markdown(text)
        if not rendered.text.strip():
            raise EmptyInputError(origin, "no article text in the Markdown")
        return ArticleInput(rendered.text, origin, "markdown", source_offsets=rendered.offsets)
    return ArticleInput(text, origin, "text")


def article_text(source: str | Path, *, max_chars: int = 10_000_000) -> str:
    """The text a brief's spans index: for a path, the file read as ``summarize_file`` reads it; for a string
    (plain text or HTML), the text ``summarize`` reads from it. Its SHA-256 is the brief's ``text_sha256``."""
    if isinstance(source, Path):
        return load_file(source, max_chars=max_chars).text
    return prepare_text(source, "<text>", max_chars=max_chars).text


def load_file(path: Path, *, max_chars: int) -> ArticleInput:
    """Read, decode and prepare the article in ``path``."""
    return read_article(path, max_chars=max_chars)[1]


def read_bytes(path: Path, *, max_chars: int) -> bytes:
    """The bytes of an article file, or an InputError saying why it cannot be read."""
    origin = str(path)
    try:
        if path.is_dir():
            raise InputError(origin, "is a folder, not an article file")
        size = path.stat().st_size
        if size > max_chars * 4:  # no encoding needs more than 4 bytes a character
            raise InputTooLargeError(origin, f"{size:,} bytes is over the limit of {max_chars:,} characters")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(origin, "no such file") from exc
    except PermissionError as exc:
        raise InputError(origin, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(origin, "is a folder, not an article file") from exc


def read_article(path: Path, *, max_chars: int) -> tuple[bytes, ArticleInput]:
    """The file's bytes (what a cache keys on) and the prepared article, read as its suffix says.

    ``.html``/``.htm`` is a web page, ``.md`` Markdown, ``.json`` one article object (``text``, optional
    ``title``, ``url``, ``published``, ``author``); anything else is plain text, or HTML when it looks like a
    page. A ``.jsonl`` file holds many articles: ``read.formats.jsonl_articles`` reads it.
    """
    from .formats import article_from_data  # noqa: PLC0415 - formats builds on this module

    data = read_bytes(path, max_chars=max_chars)
    return data, article_from_data(data, str(path), suffix=path.suffix, max_chars=max_chars)
