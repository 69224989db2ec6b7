"""The model client: the ``openai`` client wrapped by ``instructor``, retried by ``tenacity``.

One code path serves every OpenAI-compatible endpoint; only the way the schema
is enforced changes with the endpoint kind:

- ``llama_json`` (llama.cpp, the embedded default): instructor's JSON mode, plus
  ``response_format = {"type": "json_object", "schema": …}`` in the request body,
  the form llama-cpp-python's server turns into a grammar (it refuses
  ``json_schema`` with a 422);
- ``json_schema`` (OpenAI, vLLM, Ollama): OpenAI structured outputs;
- ``tools`` and ``json``: instructor's tool-calling and plain JSON modes.

Answers that fail validation are re-asked by instructor a bounded number of
times. Transient failures (connection errors, timeouts, 429 honouring
``retry-after``, 5xx) are retried with exponential back-off and jitter; any
other 4xx is final. Token usage is tallied over every response, re-asks and
retries included.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.hooks import Hooks
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
    wait_random,
)

from ..errors import CallUsage, EndpointRejectedError, EndpointUnavailableError, ModelError, ModelOutputError
from ..settings import Settings, StructuredMode

__all__ = ["ModelClient", "UsageTally", "is_transient", "request_body"]

log = logging.getLogger("summarizer.model")

T = TypeVar("T", bound=BaseModel)

# Instructor's modes for the plain comparator of ``summarizer eval`` (briefs themselves go through ``write``).
_MODES: dict[StructuredMode, instructor.Mode] = {
    "text": instructor.Mode.JSON,
    "llama_json": instructor.Mode.JSON,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
}


@dataclass
class UsageTally:
    """Tokens and calls counted over every response of one brief."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    retries: int = 0
    finish_reasons: list[str] = field(default_factory=list)

    def add(self, response: Any) -> None:
        """Count one raw chat-completion response."""
        self.calls += 1
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        choices = getattr(response, "choices", None) or []
        if choices:
            self.finish_reasons.append(str(getattr(choices[0], "finish_reason", "")))

    def usage(self) -> CallUsage:
        """The counts so far, as the usage a ``ModelError`` carries."""
        return CallUsage(self.prompt_tokens, self.completion_tokens, self.calls, self.retries)


def _root_causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def is_transient(exc: BaseException) -> bool:
    """Whether a failure is worth retrying: connection, timeout, 429 or 5xx somewhere in its chain."""
    for cause in _root_causes(exc):
        if isinstance(cause, (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError)):
            return True
        if isinstance(cause, openai.APIStatusError) and cause.status_code >= 500:
            return True
        if isinstance(cause, openai.APIStatusError):
            return False
    return False


def _retry_after_seconds(exc: BaseException) -> float | None:
    for cause in _root_causes(exc):
        if isinstance(cause, openai.APIStatusError):
            value = cause.response.headers.get("retry-after")
            if value is None:
                return None
            try:
                return max(0.0, float(value))
            except ValueError:
                return None
    return None


class _Wait:
    """Exponential back-off with jitter, or the server's ``retry-after`` when it sends one."""

    def __init__(self, max_wait: float) -> None:
        self._max_wait = max_wait
        self._backoff = wait_exponential(multiplier=0.5, max=max_wait) + wait_random(0, 0.5)

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        after = _retry_after_seconds(exc) if exc is not None else None
        if after is not None:
            return min(after, self._max_wait)
        return float(self._backoff(state))


def request_body(
    settings: Settings, messages: Sequence[ChatCompletionMessageParam], *, options: dict[str, Any]
) -> dict[str, Any]:
    """The JSON body of one brief's chat-completion request, exactly as ``ModelClient.write`` sends it.

    A batch file's line carries this same body (``batch.requests``), so a live call and a batch line for
    the same article are the same request: model, messages, the token cap, temperature, seed and the
    structured-output form of ``options`` (``extra_body``, llama.cpp's schema form, merged in at the top
    level as the ``openai`` client would).
    """
    request: dict[str, Any] = {
        "model": settings.resolved_model,
        "max_tokens": settings.max_output_tokens,
        "temperature": settings.temperature,
    }
    if settings.seed is not None:
        request["seed"] = settings.seed
    request |= options
    extra = request.pop("extra_body", None) or {}
    return {"messages": list(messages), **request, **extra}


class ModelClient:
    """One async connection to an OpenAI-compatible endpoint, with structured calls."""

    def __init__(
        self, settings: Settings, *, base_url: str, api_key: str, alive: Callable[[], bool] | None = None
    ) -> None:
        """``alive`` says whether the server process is still there (the embedded one): no retry when not."""
        self.settings = settings
        self.base_url = base_url
        self._alive = alive
        self.mode: StructuredMode = settings.resolved_mode
        self._openai = openai.AsyncOpenAI(
            base_url=base_url,
            api_key=api_key,
            max_retries=0,  # tenacity below decides what is transient
            timeout=openai.Timeout(settings.timeout_seconds, connect=settings.connect_timeout_seconds),
        )
        self._client = instructor.from_openai(self._openai, mode=_MODES[self.mode])

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._openai.close()

    def _request_options(self, response_model: type[BaseModel] | None) -> dict[str, Any]:
        options: dict[str, Any] = {
            "model": self.settings.resolved_model,
            "max_tokens": self.settings.max_output_tokens,
            "temperature": self.settings.temperature,
        }
        if self.settings.seed is not None:
            options["seed"] = self.settings.seed
        if self.mode in ("text", "llama_json") and response_model is not None:
            # llama.cpp takes a schema only this way (it refuses response_format json_schema with a 422).
            schema = response_model.model_json_schema()
            options["extra_body"] = {"response_format": {"type": "json_object", "schema": schema}}
        return options

    def _retrying(self, tally: UsageTally) -> AsyncRetrying:
        def before_sleep(state: RetryCallState) -> None:
            tally.retries += 1
            exc = state.outcome.exception() if state.outcome is not None else None
            log.warning("transient model failure (attempt %d): %s", state.attempt_number, type(exc).__name__)

        def worth_retrying(exc: BaseException) -> bool:
            return is_transient(exc) and (self._alive is None or self._alive())

        return AsyncRetrying(
            retry=retry_if_exception(worth_retrying),
            stop=stop_after_attempt(self.settings.max_retries + 1),
            wait=_Wait(self.settings.retry_max_wait_seconds),
            before_sleep=before_sleep,
            reraise=True,
        )

    async def structured(
        self, response_model: type[T], messages: Sequence[ChatCompletionMessageParam], tally: UsageTally
    ) -> T:
        """Ask for an instance of ``response_model``; re-ask on validation errors, retry transient failures."""
        hooks = Hooks()
        hooks.on("completion:response", tally.add)
        try:
            async for attempt in self._retrying(tally):
                with attempt:
                    result: T = await self._client.create(
                        response_model=response_model,
                        messages=list(messages),
                        max_retries=self.settings.max_reasks,
                        hooks=hooks,
                        **self._request_options(response_model),
                    )
                    return result
        except Exception as exc:
            raise _translate(exc, self.base_url, tally) from exc
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    async def write(
        self, messages: Sequence[ChatCompletionMessageParam], tally: UsageTally, *, options: dict[str, Any]
    ) -> tuple[str, str]:
        """One completion of a brief (``options`` from the request's mode): its text and finish reason.

        Transient failures are retried; reading and checking the text is the caller's (``brief.ask``).
        """
        body = request_body(self.settings, messages, options=options)
        try:
            async for attempt in self._retrying(tally):
                with attempt:
                    response = await self._openai.post("/chat/completions", body=body, cast_to=ChatCompletion)
                    tally.add(response)
                    choice = response.choices[0]
                    return choice.message.content or "", str(choice.finish_reason or "")
        except Exception as exc:
            raise _translate(exc, self.base_url, tally) from exc
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    async def complete(
        self,
        messages: Sequence[ChatCompletionMessageParam],
        tally: UsageTally,
        *,
        max_tokens: int | None = None,
        exact: bool = False,
    ) -> str:
        """One unconstrained completion (the benchmark's single-call floor).

        ``exact`` asks a llama.cpp server for exactly ``max_tokens`` tokens (``min_tokens``), so the floor
        generates as many tokens as the answer it is compared with.
        """
        options = self._request_options(None)
        if max_tokens is not None:
            options["max_tokens"] = min(max_tokens, self.settings.max_output_tokens)
            if exact and self.mode in ("text", "llama_json"):
                options["extra_body"] = {"min_tokens": options["max_tokens"]}
        try:
            async for attempt in self._retrying(tally):
                with attempt:
                    response = await self._openai.chat.completions.create(messages=list(messages), **options)
                    tally.add(response)
                    return response.choices[0].message.content or ""
        except Exception as exc:
            raise _translate(exc, self.base_url, tally) from exc
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover


def _translate(exc: Exception, base_url: str, tally: UsageTally) -> ModelError:
    """Map client and instructor failures onto the project's exception tree, with the calls they cost."""
    usage = tally.usage()
    if is_transient(exc):
        return EndpointUnavailableError(f"model endpoint {base_url} unavailable: {_describe(exc)}", usage=usage)
    if any(isinstance(cause, openai.APIStatusError) for cause in _root_causes(exc)):
        status = next(c for c in _root_causes(exc) if isinstance(c, openai.APIStatusError))
        return EndpointRejectedError(f"model endpoint {base_url} refused the request: {_describe(status)}", usage=usage)
    return ModelOutputError(f"model answer did not validate: {_describe(exc)}", usage=usage)


def _describe(exc: BaseException) -> str:
    """The client's own error, and the deepest real cause under it (a refused connection, a cassette miss)."""
    if isinstance(exc, openai.APIStatusError):
        return f"HTTP {exc.status_code} {type(exc).__name__}"
    chain = [c for c in _root_causes(exc) if not isinstance(c, asyncio.CancelledError)]
    api = next((c for c in chain if isinstance(c, openai.APIError)), None)
    deepest = chain[-1] if chain else exc
    parts = [c for c in (api, deepest) if c is not None]
    if api is deepest or api is None:
        parts = [deepest]
    return " / ".join(f"{type(c).__name__}: {_first_line(c)}" for c in parts)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:300] if lines else ""
