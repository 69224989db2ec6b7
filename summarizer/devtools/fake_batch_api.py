"""A fake OpenAI Files and Batches API on 127.0.0.1, for the tests of ``summarizer batch`` and the bench.

It speaks the endpoints the ``openai`` client uses for a batch: ``POST /v1/files`` (multipart upload,
purpose ``batch``), ``POST /v1/batches``, ``GET /v1/batches/{id}`` and ``GET /v1/files/{id}/content``.
A batch moves one status per retrieval, ``validating`` → ``in_progress`` → ``completed`` (or
``expired``, after answering only ``expire_after`` requests: the rest are error-file lines with the
code ``batch_expired``, as the real API gives them). An input file with a repeated ``custom_id`` or
over 50,000 lines is ``failed`` with the reason in ``errors``. Each request is answered by the same
responder as ``FakeServer``'s chat completions: a 200 goes to the output file, anything else to the
error file.
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .fake_server import FakeReply, FakeServer, Responder, completion_body, http_response

__all__ = ["FakeBatchAPI", "answer_requests", "results_line"]

_CONTENT = re.compile(r"^/v1/files/([\w-]+)/content$")
_BATCH = re.compile(r"^/v1/batches/([\w-]+)$")


def results_line(request: dict[str, Any], reply: FakeReply, number: int) -> tuple[bool, str]:
    """(whether it succeeded, the results line) of one batch input line answered with ``reply``."""
    body = (
        json.loads(reply.raw_body)
        if reply.raw_body is not None
        else json.loads(completion_body(request["body"], reply))
    )
    line = {
        "id": f"batch_req_{number}",
        "custom_id": request.get("custom_id"),
        "response": {"status_code": reply.status, "request_id": f"req_{number}", "body": body},
        "error": None,
    }
    return reply.status == 200, json.dumps(line) + "\n"


def answer_requests(data: bytes, respond: Responder | None = None) -> str:
    """Every line of a batch input file answered as the fake would: a ``vllm run-batch`` results file."""
    respond = respond or (lambda body, n: FakeReply())
    out = []
    for number, text in enumerate((t for t in data.decode().splitlines() if t.strip()), start=1):
        request = json.loads(text)
        out.append(results_line(request, respond(request["body"], number), number)[1])
    return "".join(out)


@dataclass
class _Batch:
    id: str
    input_file_id: str
    created_at: int
    polls: int = 0
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    counts: dict[str, int] = field(default_factory=lambda: {"total": 0, "completed": 0, "failed": 0})
    errors: list[dict[str, Any]] = field(default_factory=list)

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id, "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": self.input_file_id,
            "completion_window": "24h", "status": self.status, "created_at": self.created_at,
            "output_file_id": self.output_file_id, "error_file_id": self.error_file_id, "request_counts": self.counts,
            "errors": {"object": "list", "data": self.errors} if self.errors else None,
        }  # fmt: skip


class FakeBatchAPI(FakeServer):
    """``with FakeBatchAPI() as api: … Settings(base_url=api.base_url) …``; ``expire_after``: expire the batches."""

    def __init__(self, respond: Responder | None = None, *, expire_after: int | None = None) -> None:
        super().__init__(respond)
        self.expire_after = expire_after
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, _Batch] = {}
        self.uploads = 0
        self._ids = itertools.count(1)

    def _file(self, data: bytes, name: str) -> dict[str, Any]:
        file_id = f"file-{next(self._ids)}"
        self.files[file_id] = data
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": 0, "filename": name,
                "purpose": "batch", "status": "processed"}  # fmt: skip

    async def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> bytes:
        """Route a Files or Batches request; anything else is a chat completion."""
        path = path.split("?", 1)[0]
        if method == "POST" and path == "/v1/files":
            self.uploads += 1
            return self._json(self._file(_multipart_file(headers.get("content-type", ""), body), "upload.jsonl"))
        if method == "POST" and path == "/v1/batches":
            request = json.loads(body)
            if request.get("input_file_id") not in self.files:
                return self._json({"error": {"message": "no such file", "type": "invalid_request_error"}}, 404)
            batch = _Batch(f"batch_{next(self._ids)}", request["input_file_id"], 0)
            self.batches[batch.id] = batch
            return self._json(batch.json())
        if method == "GET" and (match := _BATCH.match(path)):
            found = self.batches.get(match.group(1))
            if found is None:
                return self._json({"error": {"message": "No batch found", "type": "invalid_request_error"}}, 404)
            self._advance(found)
            return self._json(found.json())
        if method == "GET" and (match := _CONTENT.match(path)):
            data = self.files.get(match.group(1))
            if data is None:
                return self._json({"error": {"message": "No such file", "type": "invalid_request_error"}}, 404)
            return http_response(200, data, {"content-type": "application/octet-stream"})
        return await super().reply(method, path, headers, body)

    @staticmethod
    def _json(payload: dict[str, Any], status: int = 200) -> bytes:
        return http_response(status, json.dumps(payload).encode())

    def _advance(self, batch: _Batch) -> None:
        """One status further per retrieval; the requests are answered when it leaves ``in_progress``."""
        batch.polls += 1
        if batch.status == "validating" and batch.polls >= 2:
            lines = [json.loads(t) for t in self.files[batch.input_file_id].decode().splitlines() if t.strip()]
            repeated = [c for c, n in Counter(line.get("custom_id") for line in lines).items() if n > 1]
            if repeated or len(lines) > 50_000:
                batch.status = "failed"
                reason = f"custom_id {repeated[0]!r} is repeated" if repeated else "over 50,000 requests"
                batch.errors = [{"code": "invalid_request", "message": reason, "line": None, "param": None}]
                return
            batch.status = "in_progress"
            batch.counts["total"] = len(lines)
        elif batch.status == "in_progress":
            self._run(batch)

    def _run(self, batch: _Batch) -> None:
        lines = [json.loads(t) for t in self.files[batch.input_file_id].decode().splitlines() if t.strip()]
        output: list[str] = []
        errors: list[str] = []
        for number, request in enumerate(lines, start=1):
            if self.expire_after is not None and number > self.expire_after:
                expired = {"code": "batch_expired", "message": "This request could not be executed before the "
                           "completion window expired."}  # fmt: skip
                line = {"id": f"batch_req_{number}", "custom_id": request.get("custom_id"), "response": None,
                        "error": expired}  # fmt: skip
                errors.append(json.dumps(line) + "\n")
                continue
            ok, line_text = results_line(request, self._respond(request["body"], self._count(+1)), number)
            self._count(-1)
            (output if ok else errors).append(line_text)
        batch.counts["completed"], batch.counts["failed"] = len(output), len(errors)
        if output:
            batch.output_file_id = self._file("".join(output).encode(), "output.jsonl")["id"]
        if errors:
            batch.error_file_id = self._file("".join(errors).encode(), "errors.jsonl")["id"]
        batch.status = "expired" if self.expire_after is not None and len(lines) > self.expire_after else "completed"


def _multipart_file(content_type: str, body: bytes) -> bytes:
    """The content of the ``file`` part of a multipart/form-data body."""
    boundary = content_type.split("boundary=", 1)[-1].strip('"').encode()
    for part in body.split(b"--" + boundary):
        head, _, content = part.partition(b"\r\n\r\n")
        if b'name="file"' in head:
            return content[: -len(b"\r\n")] if content.endswith(b"\r\n") else content
    return b""


def main() -> None:
    """``python -m summarizer.devtools.fake_batch_api run-batch -i IN -o OUT …``: ``vllm run-batch``'s files, instantly.

    A stand-in for ``vllm run-batch`` where there is no GPU (the README's tests): every request of ``IN``
    answered by the fake (a valid answer for its schema) into ``OUT``; other options are ignored.
    """
    import argparse  # noqa: PLC0415 - only the stand-alone tool needs it
    from pathlib import Path  # noqa: PLC0415

    parser = argparse.ArgumentParser(prog="vllm")
    parser.add_argument("command", choices=["run-batch"])
    parser.add_argument("-i", "--input-file", required=True)
    parser.add_argument("-o", "--output-file", required=True)
    args, _ = parser.parse_known_args()
    Path(args.output_file).write_text(answer_requests(Path(args.input_file).read_bytes()), encoding="utf-8")


if __name__ == "__main__":
    main()
