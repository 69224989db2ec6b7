"""Turn a file or a string into article text, or refuse it with a clear reason.

Decoding: byte-order marks first (UTF-8, UTF-16, UTF-32), then strict UTF-8,
then Windows-1252/Latin-1 for legacy text; data with NUL bytes or many control
characters is binary and refused. HTML is reduced to its main text with
trafilatura; the brief's offsets then refer to that extracted text.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import EmptyInputError, InputError, InputTooLargeError, UndecodableInputError

__all__ = ["ArticleInput", "decode_bytes", "load_file", "prepare_text", "read_article"]

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
    """Article text ready for the pipeline, with where it came from."""

    text: str
    origin: str  # where it came from, named by every InputError: the path, "<text>", a dataset id
    format: str  # "text" or "html"


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


def _html_to_text(html: str, origin: str) -> str:
    import trafilatura  # noqa: PLC0415 - late: lxml is slow to import and most input is plain text

    extracted = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not extracted or not extracted.strip():
        raise EmptyInputError(origin, "no article text found in the HTML page")
    return str(extracted)


def prepare_text(text: str, origin: str, *, max_chars: int) -> ArticleInput:
    """Check size and emptiness, extract HTML, and return the article text the brief refers to."""
    if len(text) > max_chars:
        raise InputTooLargeError(origin, f"{len(text):,} characters is over the limit of {max_chars:,}")
    if not text.strip():
        raise EmptyInputError(origin, "the text is empty or white space only")
    if _looks_like_html(text):
        return ArticleInput(_html_to_text(text, origin), origin, "html")
    return ArticleInput(text, origin, "text")


def load_file(path: Path, *, max_chars: int) -> ArticleInput:
    """Read, decode and prepare the article in ``path``."""
    return read_article(path, max_chars=max_chars)[1]


def read_article(path: Path, *, max_chars: int) -> tuple[bytes, ArticleInput]:
    """The file's bytes (what a cache keys on) and the prepared article."""
    origin = str(path)
    try:
        if path.is_dir():
            raise InputError(origin, "is a folder, not an article file")
        size = path.stat().st_size
        if size > max_chars * 4:  # no encoding needs more than 4 bytes a character
            raise InputTooLargeError(origin, f"{size:,} bytes is over the limit of {max_chars:,} characters")
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(origin, "no such file") from exc
    except PermissionError as exc:
        raise InputError(origin, "permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(origin, "is a folder, not an article file") from exc
    return data, prepare_text(decode_bytes(data, origin), origin, max_chars=max_chars)
