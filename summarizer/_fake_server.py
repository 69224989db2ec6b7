"""A fake OpenAI-compatible chat server on 127.0.0.1, for tests and the client-overhead benchmark.

It speaks real HTTP (so the whole client stack runs: openai, httpx, instructor,
tenacity), answers instantly with a valid answer for whatever JSON schema the
request carries, and can be told to misbehave per request (status codes,
``retry-after``, delays, hangs, malformed or truncated bodies) to exercise
retries and failure handling.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["FakeReply", "FakeServer", "valid_answer"]


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
        if "enum" in items:
            return items["enum"][: min(3, schema.get("maxItems", 3))]
        return [_instance(items, defs)]
    if kind == "string":
        return "x"
    if kind in ("number", "integer"):
        return 1
    if kind == "boolean":
        return True
    return None


def valid_answer(request: dict[str, Any]) -> str:
    """A JSON answer that validates against the schema the request carries."""
    schema = _schema_of(request)
    if schema is None:
        return "ok"
    return json.dumps(_instance(schema, schema.get("$defs", {})))


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 resets connections at concurrency 32


class FakeServer:
    """Run with ``with FakeServer(respond) as server: … server.base_url …``."""

    def __init__(self, respond: Responder | None = None) -> None:
        self._respond = respond or (lambda request, n: FakeReply())
        self._lock = threading.Lock()
        self.requests = 0
        self.in_flight = 0
        self.max_in_flight = 0
        self._httpd = _Server(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="fake-openai", daemon=True)

    @property
    def base_url(self) -> str:
        """The server's OpenAI-compatible base URL."""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _count(self, delta: int) -> int:
        with self._lock:
            if delta > 0:
                self.requests += 1
            self.in_flight += delta
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            return self.requests

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                number = server._count(+1)
                try:
                    length = int(self.headers.get("content-length", "0"))
                    request = json.loads(self.rfile.read(length) or b"{}")
                    reply = server._respond(request, number)
                    if reply.delay:
                        time.sleep(reply.delay)
                    body = reply.raw_body if reply.raw_body is not None else self._completion(request, reply)
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    server._count(-1)

            def _completion(self, request: dict[str, Any], reply: FakeReply) -> bytes:
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
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": content},
                                "finish_reason": reply.finish_reason,
                            }
                        ],
                        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
                    }
                ).encode()

        return Handler


def main() -> None:
    """``python -m summarizer._fake_server``: print the base URL, serve until stdin closes."""
    import sys  # noqa: PLC0415 - only the stand-alone server needs it

    with FakeServer() as server:
        print(server.base_url, flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
