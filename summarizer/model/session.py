"""One session with the language model: the client, and the embedded server behind it when there is one.

With an endpoint configured, the session is one ``ModelClient`` to it. With none, it is the
process's embedded server (started on first use, restarted once if it dies) and a client to
wherever that server listens now. ``watching()`` goes around every model call: an answer counts
for the server, and a server that crashed on its first request is explained instead of retried.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from ..errors import ModelError
from ..settings import Settings
from .client import ModelClient, UsageTally
from .embedded import EmbeddedServer, embedded_server

__all__ = ["ModelSession"]


class ModelSession:
    """The model connection for one settings object; use as an async context manager, or ``aclose()`` it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: ModelClient | None = None
        self._server: EmbeddedServer | None = None

    async def client(self) -> ModelClient:
        """The model client, connecting (and starting or restarting the embedded server) as needed."""
        settings = self.settings
        if settings.embedded:
            # Every call checks the server: one that died is restarted once, on a new port.
            server = await asyncio.to_thread(embedded_server, settings)
            self._server = server
            if self._client is not None and self._client.base_url != server.base_url:
                await self._client.close()
                self._client = None
            if self._client is None:
                self._client = ModelClient(settings, base_url=server.base_url, api_key="local", alive=server.running)
        elif self._client is None:
            assert settings.base_url is not None
            api_key = settings.api_key.get_secret_value() if settings.api_key else "unused"
            self._client = ModelClient(settings, base_url=settings.base_url, api_key=api_key)
        return self._client

    @contextmanager
    def watching(self) -> Iterator[None]:
        """Around one model call: count an answer of the embedded server, or explain its crash."""
        try:
            yield
        except ModelError as exc:
            if self._server is not None and self._server.broken_runtime():
                raise self._server.crash_error() from exc  # crashed on its first request: say how, stop
            raise
        if self._server is not None:
            self._server.mark_answered()

    async def ping(self, tally: UsageTally) -> str:
        """One completion of one token (``summarizer doctor``): proves the model answers at all."""
        client = await self.client()
        with self.watching():
            return await client.complete([{"role": "user", "content": "Reply with OK."}], tally, max_tokens=1)

    async def __aenter__(self) -> ModelSession:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client's connections (the embedded server lives on until process exit)."""
        if self._client is not None:
            await self._client.close()
            self._client = None
