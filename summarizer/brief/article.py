"""What a brief says about the article itself: its title, language, dates, author, URL and text hash.

Kept apart from ``ground`` (the model's choices) and ``pipeline`` (the stages): these fields come from
the input and the evidence alone.
"""

from __future__ import annotations

from typing import Any

from ..evidence.gather import Evidence
from ..read.input import ArticleInput

__all__ = ["article_fields"]


def article_fields(article: ArticleInput, evidence: Evidence, title: str | None) -> dict[str, Any]:
    """The Brief's fields about the article: ``title`` (given, from the page, or the headline the cleaner found),
    ``language``, ``published``, ``author``, ``url`` and ``text_sha256``."""
    found = evidence.article.title.of(evidence.text) if evidence.article.title else None
    published = article.published or (evidence.published.isoformat() if evidence.published else None)
    return {
        "title": " ".join((title or found or "").split()) or None,
        "language": evidence.language,
        "published": published,
        "author": article.author,
        "url": article.url,
        "text_sha256": article.sha256,
    }
