"""The one settings object: built once, the only reader of the environment.

Names follow the ecosystem where one exists (``OPENAI_API_KEY``, ``OPENAI_BASE_URL``)
and otherwise carry the project's prefix ``SUMMARIZER_`` (``SUMMARIZER_MODEL``,
``SUMMARIZER_MAX_OUTPUT_TOKENS`` …). With no base URL configured the library
starts its embedded llama.cpp server.
"""

from __future__ import annotations

import os
import typing
from functools import lru_cache
from typing import Literal

from annotated_types import Ge, Gt, Le, Lt
from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = [
    "EmbeddedModel",
    "EndpointKind",
    "Settings",
    "StructuredMode",
    "describe_settings_error",
    "get_settings",
]

EndpointKind = Literal["embedded", "llama_cpp", "openai", "vllm", "ollama", "other"]
StructuredMode = Literal["auto", "text", "llama_json", "json_schema", "json"]
# The embedded tiers (see ``model.tiers``); "none" is the code's own brief, with no model call at all.
EmbeddedModel = Literal["qwen-1.5b", "qwen-0.5b", "gemma-270m", "none"]


class Settings(BaseSettings):
    """Everything summarizer can be configured with; see the README for examples."""

    model_config = SettingsConfigDict(
        env_prefix="SUMMARIZER_",
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL", "base_url"),
        description="OpenAI-compatible endpoint (…/v1). Unset: start the embedded llama.cpp server.",
    )
    api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SUMMARIZER_API_KEY", "OPENAI_API_KEY", "api_key"),
        description="API key for the endpoint; never logged, never recorded.",
    )
    model: str | None = Field(
        default=None,
        description="Model name sent to the endpoint; default: the embedded model's alias, or gpt-4o-mini for OpenAI.",
    )
    endpoint_kind: EndpointKind | None = Field(
        default=None,
        description="What serves base_url; guessed from the URL when unset (api.openai.com → openai, else llama_cpp).",
    )
    structured_mode: StructuredMode = Field(
        default="auto",
        description=(
            "How the answer's form is held: text (labelled lines, no grammar, read and checked by code; llama.cpp), "
            "json_schema (strict structured outputs), llama_json (llama.cpp grammar), json (any JSON object)."
        ),
    )
    max_output_tokens: int = Field(default=320, ge=16, le=8192, description="Cap on output tokens of every call.")
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    seed: int | None = Field(default=0, description="Sampling seed, sent where the endpoint supports it.")
    timeout_seconds: float = Field(default=120.0, gt=0, description="Read timeout of one model call.")
    connect_timeout_seconds: float = Field(default=5.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10, description="Retries on transient failures (connect, 429, 5xx).")
    max_reasks: int = Field(default=1, ge=0, le=5, description="Re-asks when the answer fails validation.")
    retry_max_wait_seconds: float = Field(default=30.0, gt=0, description="Longest single back-off wait.")
    prompts_dir: str | None = Field(default=None, description="Folder of prompt templates; default: the packaged ones.")
    max_input_chars: int = Field(default=10_000_000, ge=1000, description="Refuse articles larger than this.")
    fetch_timeout_seconds: float = Field(
        default=30.0, gt=0, le=600, description="Timeout of fetching an http(s):// article (its size: max_input_chars)."
    )
    max_prompt_sentences: int = Field(default=40, ge=1, description="Most article sentences given to the model.")
    max_figures: int = Field(default=6, ge=1, le=50, description="Most figures in one brief.")
    max_sources: int = Field(default=8, ge=1, le=50, description="Most sources in one brief.")
    batch_poll_seconds: float = Field(
        default=60.0, gt=0, le=3600, description="How often `batch collect ID --wait` asks whether the batch is done."
    )

    # Embedded server.
    embedded_model: EmbeddedModel = Field(
        default="qwen-1.5b",
        description="Model the embedded server runs (qwen-1.5b, qwen-0.5b, gemma-270m), or none: the code's brief.",
    )
    embedded_model_path: str | None = Field(
        default=None, description="GGUF file for the embedded server instead of the tier's verified weights."
    )
    embedded_port: int | None = Field(default=None, ge=1, le=65535, description="Port; default: a free one.")
    embedded_ctx: int = Field(default=4096, ge=512, description="Context length of the embedded server.")
    embedded_threads: int | None = Field(default=None, ge=1, description="CPU threads; default: all cores.")
    embedded_start_timeout_seconds: float = Field(default=120.0, gt=0)

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None or value.strip() == "":
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://, got {value!r}")
        return value

    @property
    def embedded(self) -> bool:
        """True when no endpoint is configured and the embedded server is used."""
        return self.base_url is None

    @property
    def resolved_endpoint_kind(self) -> EndpointKind:
        """The endpoint kind, guessed from the base URL when not set."""
        if self.base_url is None:
            return "embedded"
        if self.endpoint_kind is not None:
            return self.endpoint_kind
        if "api.openai.com" in self.base_url:
            return "openai"
        return "llama_cpp"

    @property
    def uses_model(self) -> bool:
        """False for the code's own brief (embedded model "none"): no model is started or called."""
        return not (self.embedded and self.embedded_model == "none")

    @property
    def resolved_model(self) -> str:
        """The model name sent with every request (and kept in each brief's meta)."""
        if self.model:
            return self.model
        if self.resolved_endpoint_kind == "openai":
            return "gpt-4o-mini"
        if self.embedded:
            return self.embedded_model
        return "default"

    @property
    def resolved_mode(self) -> StructuredMode:
        """The structured-output mode actually used for this endpoint.

        On llama.cpp, free text: its grammar costs 3-10x per token on a large vocabulary, and every
        piece of the answer is checked by code anyway. Elsewhere the endpoint's strict JSON schema.
        """
        if self.structured_mode != "auto":
            return self.structured_mode
        if self.resolved_endpoint_kind in ("embedded", "llama_cpp"):
            return "text"
        return "json_schema"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()


def _variables(name: str, field: FieldInfo | None) -> list[str]:
    """The environment variables a setting is read from, the project's own first."""
    alias = field.validation_alias if field is not None else None
    if isinstance(alias, AliasChoices):
        return [str(choice) for choice in alias.choices if str(choice).isupper()]
    return [f"SUMMARIZER_{name.upper()}"]


def _allowed(field: FieldInfo | None) -> str | None:
    """What a setting accepts, in words: "16 to 8192", "more than 0", "one of: openai, vllm"."""
    if field is None:
        return None
    choices = [a for arg in typing.get_args(field.annotation) or (field.annotation,) for a in typing.get_args(arg)]
    if typing.get_origin(field.annotation) is Literal:
        choices = list(typing.get_args(field.annotation))
    if choices and all(isinstance(c, str) for c in choices):
        return "one of " + ", ".join(str(c) for c in choices)
    low = next((f">= {m.ge}" for m in field.metadata if isinstance(m, Ge)), None)
    low = low or next((f"> {m.gt}" for m in field.metadata if isinstance(m, Gt)), None)
    high = next((f"<= {m.le}" for m in field.metadata if isinstance(m, Le)), None)
    high = high or next((f"< {m.lt}" for m in field.metadata if isinstance(m, Lt)), None)
    if low and high and low.startswith(">=") and high.startswith("<="):
        return f"{low[3:]} to {high[3:]}"
    kinds: dict[object, str] = {int: "a whole number", float: "a number", bool: "true or false"}
    kind = kinds.get(field.annotation)
    words = [w for w in (kind, low, high) if w]
    return ", ".join(words) or None


def describe_settings_error(exc: ValidationError) -> str:
    """Each invalid setting as "VARIABLE=value: what is wrong (allowed: the range)", one per line."""
    lines = []
    for error in exc.errors():
        loc = str(error["loc"][0]) if error["loc"] else ""
        name = next((n for n, f in Settings.model_fields.items() if loc in (n, *_variables(n, f))), loc)
        field = Settings.model_fields.get(name)
        names = _variables(name, field)
        variable = next((v for v in names if v in os.environ), names[0] if names else loc)
        given = "" if name == "api_key" else f"={error.get('input')}"
        message = str(error["msg"]).removeprefix("Value error, ")
        allowed = _allowed(field)
        lines.append(f"{variable}{given}: {message}" + (f" (allowed: {allowed})" if allowed else ""))
    return "invalid settings: " + "; ".join(lines)
