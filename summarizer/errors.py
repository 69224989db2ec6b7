"""The exception tree of summarizer.

Every error the library raises on purpose derives from ``SummarizerError``;
the command line alone turns them into exit codes and messages::

    SummarizerError
    ├── ConfigError                 settings that cannot work together
    ├── InputError                  an article we refuse to read (names the input and why)
    │   ├── EmptyInputError         no text after decoding and cleaning
    │   ├── UndecodableInputError   binary data, or text in no encoding we can detect
    │   ├── InputTooLargeError      over the configured size limit
    │   └── ArticleChangedError     an article whose bytes changed since its batch request was prepared
    ├── TemplateError               a prompt template is missing or does not render
    ├── ModelError                  the model endpoint did not give a usable answer
    │   ├── EndpointUnavailableError  connection refused, timeouts, 429/5xx after retries
    │   ├── EndpointRejectedError     a 4xx other than 429: the request itself is wrong
    │   └── ModelOutputError          the answer never validated within the re-asks
    ├── EmbeddedServerError         the bundled llama.cpp server could not start or died
    └── BatchError                  a batch job or file that cannot be used (unknown id, not finished, no such file)
        └── BatchLineError          one line of a batch's results that cannot be applied to its article

A ``ModelError`` from the model client carries ``usage`` (a ``CallUsage``): what its calls cost.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "ArticleChangedError",
    "BatchError",
    "BatchLineError",
    "CallUsage",
    "ConfigError",
    "EmbeddedServerError",
    "EmptyInputError",
    "EndpointRejectedError",
    "EndpointUnavailableError",
    "InputError",
    "InputTooLargeError",
    "ModelError",
    "ModelOutputError",
    "SummarizerError",
    "TemplateError",
    "UndecodableInputError",
]


class SummarizerError(Exception):
    """Base class of every error summarizer raises on purpose."""


class ConfigError(SummarizerError):
    """The settings cannot work (for example a base URL that is not a URL)."""


class InputError(SummarizerError):
    """An article that cannot be summarized; the message names the input and the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        self.origin = origin  # the file path, "<text>" for a string, or a dataset line
        self.reason = reason
        super().__init__(f"{origin}: {reason}")


class EmptyInputError(InputError):
    """The article has no text (empty, whitespace only, or nothing left after cleaning)."""


class UndecodableInputError(InputError):
    """The bytes are not text in an encoding we can detect (binary data)."""


class InputTooLargeError(InputError):
    """The article is larger than the configured limit."""


class ArticleChangedError(InputError):
    """The article's bytes are not those its batch request was prepared from: the answer is not applied."""


class TemplateError(SummarizerError):
    """A prompt template is missing or failed to render."""


@dataclass(frozen=True, slots=True)
class CallUsage:
    """What the model calls for one article cost, up to a failure: tokens, calls and retries.

    A ``ModelError`` carries it the way instructor's retry exception carries its attempts and
    total usage; a brief that was made has the same counts in its ``Meta``.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0  # model calls made, re-asks and retries included
    retries: int = 0  # calls repeated after a transient failure (connection, timeout, 429, 5xx)


class ModelError(SummarizerError):
    """The model endpoint did not produce a usable answer.

    ``usage`` is what the calls cost until it gave up (set by the model client; None when raised elsewhere).
    """

    def __init__(self, message: str, *, usage: CallUsage | None = None) -> None:
        super().__init__(message)
        self.usage = usage


class EndpointUnavailableError(ModelError):
    """The endpoint could not be reached or kept failing (connection, timeout, 429, 5xx)."""


class EndpointRejectedError(ModelError):
    """The endpoint refused the request with a 4xx other than 429; retrying cannot help."""


class ModelOutputError(ModelError):
    """The model's answer did not validate against the schema within the allowed re-asks."""


class EmbeddedServerError(SummarizerError):
    """The embedded llama.cpp server could not be started, or it stopped answering."""


class BatchError(SummarizerError):
    """A batch job or batch file that cannot be used: an unknown id, a batch not finished, a missing file."""


class BatchLineError(BatchError):
    """One line of a batch's results that cannot be applied to its article (failed, malformed, out of turn)."""
