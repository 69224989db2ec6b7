"""A fake OpenAI-compatible chat server on 127.0.0.1, for tests and the client-overhead benchmark.

It speaks real HTTP (so the whole client stack runs: openai, httpx, instructor,
tenacity), answers instantly with a valid answer for whatever JSON schema the
request carries, and can be told to misbehave per request (status codes,
``retry-after``, delays, hangs, malformed or truncated bodies) to exercise
retries and failure handling.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

__all__ = ["FakeReply", "FakeServer", "Responder", "completion_body", "http_response", "valid_answer"]


@dataclass
class FakeReply:
    """What the fake server does with one request."""

    status: int = 200
    content: str | None = None  # the assistant message; None: a valid answer for the request's schema
    raw_body: bytes | None = None  # sent as is instead of a chat completion (malformed bodies)
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str = "stop"


Responder = Callable[[dict[str, Any], int], FakeReply]


def _schema_of(request: dict[str, Any]) -> dict[str, Any] | None:
    fmt = request.get("response_format") or {}
    if "schema" in fmt:
        return dict(fmt["schema"])
    if "json_schema" in fmt:
        return dict(fmt["json_schema"].get("schema", {}))
    tools = request.get("tools") or []
    if tools:
        return dict(tools[0]["function"]["parameters"])
    return None


def _instance(schema: dict[str, Any], defs: dict[str, Any]) -> Any:
    if "$ref" in schema:
        return _instance(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    if "anyOf" in schema:
        return _instance(next(s for s in schema["anyOf"] if s.get("type") != "null"), defs)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties", {})
        return {name: _instance(sub, defs) for name, sub in props.items()}
    if kind == "array":
        items = schema.get("items", {})
        most = schema.get("maxItems", 3)
        if "enum" in items:
            return items["enum"][: min(3, most)]
        choice = next((k for k, v in items.get("properties", {}).items() if "enum" in v), None)
        if choice is not None:  # objects choosing among ids: one per id, as far as the list may go
            one = _instance(items, defs)
            return [one | {choice: value} for value in items["properties"][choice]["enum"][:most]]
        return [_instance(items, defs)]
    if kind == "string":
        return "x"
    if kind in ("number", "integer"):
        return 1
    if kind == "boolean":
        return True
    return None


_NUMBERED = re.compile(r"^(\d+)\. (?!\(headline\))(.+)$", re.MULTILINE)
_MARKER = re.compile(r"\[(F\d+)\]")


def _brief_lines(prompt: str) -> str:
    """A brief in the labelled-lines form: the first sentence after the headline as ``what``, six marked figures."""
    first = _NUMBERED.search(prompt)
    what = _MARKER.sub("", first.group(2)).replace("  ", " ") if first else "Nothing happened."
    number = first.group(1) if first else "1"
    figures = "; ".join(f"{ident} = what it counts" for ident in list(dict.fromkeys(_MARKER.findall(prompt)))[:6])
    return f"WHAT: {what} ({number})\nFIGURES: {figures}\nSOURCES: none\nCONFIDENCE: medium"


def valid_answer(request: dict[str, Any]) -> str:
    """An answer of the form the request asks for: JSON for its schema, or a brief's labelled lines."""
    schema = _schema_of(request)
    if schema is not None:
        return json.dumps(_instance(schema, schema.get("$defs", {})))
    users = [m for m in request.get("messages") or [] if m.get("role") == "user"]
    prompt = str(users[0].get("content", "")) if users else ""
    if "WHAT:" in prompt:
        return _brief_lines(prompt)
    return "ok"


class FakeServer:
    """Run with ``with FakeServer(respond) as server: … server.base_url …``.

    An asyncio HTTP/1.1 server (keep-alive, one write per reply) on its own thread: it costs
    little CPU per request, so the client-overhead benchmark measures the client, not the server.
    """

    def __init__(self, respond: Responder | None = None) -> None:
        self._respond = respond or (lambda request, n: FakeReply())
        self._lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._socket = socket.create_server(("127.0.0.1", 0), backlog=256)
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._handlers: set[asyncio.Task[None]] = set()
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._serve(),), daemon=True)

    @property
    def base_url(self) -> str:
        """The server's OpenAI-compatible base URL."""
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}/v1"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        self._ready.wait(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        server = await asyncio.start_server(self._connection, sock=self._socket)
        self._ready.set()
        await self._stop.wait()
        for task in list(self._handlers):  # hung replies (delays, hangs) end with the server
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        server.close()
        await server.wait_closed()

    def _count(self, delta: int) -> int:
        with self._lock:
            if delta > 0:
                self.requests += 1
            self.in_flight += delta
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return self.requests

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._handlers.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path = [*lines[0].split(" "), "", ""][:2]
                headers = {}
                for line in lines[1:]:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length") or 0))
                writer.write(await self.reply(method, path, headers, body))
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass  # the client closed the connection
        except asyncio.CancelledError:
            pass  # the server is stopping; ending quietly keeps asyncio from logging the cancelled handler
        finally:
            self._handlers.discard(task)
            writer.close()

    async def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> bytes:
        """The HTTP response to one request: here, a chat completion whatever the path (a subclass routes)."""
        return await self._answer(body)

    async def _answer(self, body: bytes) -> bytes:
        number = self._count(+1)
        try:
            request = json.loads(body or b"{}")
            reply = self._respond(request, number)
            if reply.delay:
                await asyncio.sleep(reply.delay)
            payload = reply.raw_body if reply.raw_body is not None else completion_body(request, reply)
            return http_response(reply.status, payload, reply.headers)
        finally:
            self._count(-1)


def http_response(status: int, payload: bytes, headers: dict[str, str] | None = None) -> bytes:
    """One HTTP/1.1 response with its body (JSON unless ``headers`` say otherwise)."""
    fields = {"content-type": "application/json", "content-length": str(len(payload)), **(headers or {})}
    phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Fake"
    lines = [f"HTTP/1.1 {status} {phrase}", *(f"{name}: {value}" for name, value in fields.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


def completion_body(request: dict[str, Any], reply: FakeReply) -> bytes:
    """The JSON body the fake answers ``request`` with, under ``reply`` (an error body for a 4xx/5xx)."""
    if reply.status >= 400:
        return json.dumps({"error": {"message": f"fake {reply.status}", "type": "fake"}}).encode()
    content = reply.content if reply.content is not None else valid_answer(request)
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "created": 0,
            "model": request.get("model", "fake"),
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": reply.finish_reason}
            ],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
        }
    ).encode()


def main() -> None:
    """``python -m summarizer.devtools.fake_server``: print the base URL, serve until stdin closes."""
    import sys  # noqa: PLC0415 - only the stand-alone server needs it

    with FakeServer() as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
