"""Content-addressed store of finished briefs.

A brief is stored under the hash of everything that decides it: the article's
bytes, the prompt templates' hash, the schema version, the model, the endpoint
kind and the package version (the evidence code lives there). A rerun of the
same batch finds every finished brief and skips the model call. The article texts
the briefs index are kept beside them by their SHA-256 (``texts/``), so the reports of
a later run can show an earlier run's articles.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pydantic import ValidationError

from ..files import write_atomic
from ..schema import SCHEMA_VERSION, Brief

__all__ = ["BriefCache", "brief_key"]


@lru_cache(maxsize=1)
def _package_version() -> str:
    """The installed package's version (read once: ``importlib.metadata`` costs a millisecond a call)."""
    try:
        return metadata.version("summarizer")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def brief_key(article: bytes, *, prompt_hash: str, model: str, endpoint_kind: str, format: str = "text") -> str:
    """The cache key of one article's brief (``format``: how its bytes were read, text, html or markdown)."""
    digest = hashlib.sha256()
    for part in (
        hashlib.sha256(article).hexdigest(),
        format,
        prompt_hash,
        SCHEMA_VERSION,
        model,
        endpoint_kind,
        _package_version(),
    ):
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()[:32]


class BriefCache:
    """Finished briefs on disk, one JSON file per key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> Brief | None:
        """The stored brief, or None when absent or unreadable (then it is simply made again)."""
        path = self._path(key)
        try:
            return Brief.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError, ValueError):
            return None

    def put(self, key: str, brief: Brief) -> None:
        """Store a brief atomically (not synced to disk: an entry lost to a power cut is made again)."""
        write_atomic(self._path(key), brief.model_dump_json(), durable=False)

    def _text_path(self, sha256: str) -> Path:
        return self.folder / "texts" / f"{sha256}.txt"

    def put_text(self, text: str) -> None:
        """Keep an article text under its SHA-256 (once)."""
        data = text.encode("utf-8")
        path = self._text_path(hashlib.sha256(data).hexdigest())
        try:
            kept = path.stat().st_size == len(data)
        except OSError:
            kept = False
        if not kept:  # not synced to disk: one a power cut truncated is written again here
            write_atomic(path, text, durable=False)

    def get_text(self, sha256: str) -> str | None:
        """The article text with this SHA-256, or None when it is not kept (or does not match)."""
        try:
            text = self._text_path(sha256).read_bytes().decode("utf-8")
        except (OSError, ValueError):
            return None
        return text if hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256 else None
