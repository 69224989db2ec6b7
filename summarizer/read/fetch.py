"""Articles fetched from ``http(s)://`` URLs, with a timeout and a size limit.

The standard library's ``urllib.request`` does it (redirects followed, the body read in chunks
and refused once it passes the limit); no HTTP client of our own dependencies is public API
(openai's is an internal fork), and one GET a URL needs nothing more.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib import metadata

from ..errors import InputError, InputTooLargeError

__all__ = ["Fetched", "fetch_url", "is_url"]

_URL = re.compile(r"(?i)^https?://[^\s/?#]+")
_CHUNK = 1 << 16


def is_url(value: str) -> bool:
    """Whether a command-line argument is an ``http(s)://`` URL rather than a path."""
    return bool(_URL.match(value))


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with its content type and the URL it finally came from (after redirects)."""

    url: str
    data: bytes
    content_type: str | None
    charset: str | None


def _user_agent() -> str:
    try:
        return f"summarizer/{metadata.version('summarizer')}"
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return "summarizer"


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET ``url``; an InputError naming it when it cannot be had, is not found, or is over ``max_bytes``."""
    if not is_url(url):
        raise InputError(url, "not an http:// or https:// URL")
    request = urllib.request.Request(url, headers={"User-Agent": _user_agent(), "Accept": "text/html,text/*;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise InputTooLargeError(url, f"{int(length):,} bytes is over the limit of {max_bytes:,}")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise InputTooLargeError(url, f"the page is over the limit of {max_bytes:,} bytes")
                chunks.append(chunk)
            return Fetched(
                response.geturl(),
                b"".join(chunks),
                response.headers.get_content_type() if response.headers.get("Content-Type") else None,
                response.headers.get_content_charset(),
            )
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"could not be fetched: {exc.reason}") from exc
    except TimeoutError as exc:
        raise InputError(url, f"no answer within {timeout:g} seconds") from exc
    except (OSError, ValueError) as exc:
        raise InputError(url, f"could not be fetched: {exc}") from exc
