"""Content-addressed store of finished briefs.

A brief is stored under the hash of everything that decides it: the article's
bytes, the prompt templates' hash, the schema version, the model, the endpoint
kind and the package version (the evidence code lives there). A rerun of the
same batch finds every finished brief and skips the model call.
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from pathlib import Path

from pydantic import ValidationError

from ..files import write_atomic
from ..schema import SCHEMA_VERSION, Brief

__all__ = ["BriefCache", "brief_key"]


def _package_version() -> str:
    try:
        return metadata.version("summarizer")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def brief_key(article: bytes, *, prompt_hash: str, model: str, endpoint_kind: str) -> str:
    """The cache key of one article's brief."""
    digest = hashlib.sha256()
    for part in (
        hashlib.sha256(article).hexdigest(),
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
        """Store a brief atomically."""
        write_atomic(self._path(key), brief.model_dump_json())
