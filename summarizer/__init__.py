"""summarizer: structured, verifiable briefs of news articles.

>>> from summarizer import summarize_file
>>> brief = summarize_file("seeds/003_9e49daa26af44302.txt")  # doctest: +SKIP
>>> [(f.value, f.unit, f.quote[f.quote.find(f.text):][:30]) for f in brief.figures]  # doctest: +SKIP
"""

from .brief import asummarize, summarize, summarize_file
from .errors import (
    ArticleChangedError,
    BatchError,
    BatchLineError,
    CallUsage,
    ConfigError,
    EmbeddedServerError,
    EmptyInputError,
    EndpointRejectedError,
    EndpointUnavailableError,
    InputError,
    InputTooLargeError,
    ModelError,
    ModelOutputError,
    SummarizerError,
    TemplateError,
    UndecodableInputError,
)
from .read.input import article_text
from .schema import SCHEMA_VERSION, Actor, Brief, Confidence, Figure, Meta, Source, Usage
from .settings import Settings

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ArticleChangedError",
    "BatchError",
    "BatchLineError",
    "Brief",
    "CallUsage",
    "Confidence",
    "ConfigError",
    "EmbeddedServerError",
    "EmptyInputError",
    "EndpointRejectedError",
    "EndpointUnavailableError",
    "Figure",
    "InputError",
    "InputTooLargeError",
    "Meta",
    "ModelError",
    "ModelOutputError",
    "Settings",
    "Source",
    "SummarizerError",
    "TemplateError",
    "UndecodableInputError",
    "Usage",
    "article_text",
    "asummarize",
    "summarize",
    "summarize_file",
]
