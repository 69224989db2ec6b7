"""The one settings object: ecosystem names honoured, embedded default, modes per endpoint."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer import Settings


def test_no_endpoint_means_the_embedded_tier_in_free_text() -> None:
    settings = Settings()
    assert settings.embedded and settings.uses_model
    assert settings.resolved_endpoint_kind == "embedded"
    assert settings.resolved_mode == "text"  # no grammar: the answer is read and checked by code
    assert settings.resolved_model == settings.embedded_model  # the tier's name is the served alias
    assert settings.temperature == 0.0 and settings.max_output_tokens > 0


def test_the_codes_own_brief_is_one_setting_away(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_EMBEDDED_MODEL", "none")
    assert not Settings().uses_model
    monkeypatch.setenv("SUMMARIZER_EMBEDDED_MODEL", "qwen-0.5b")
    assert Settings().resolved_model == "qwen-0.5b"
    monkeypatch.setenv("SUMMARIZER_EMBEDDED_MODEL", "qwen-7b")
    with pytest.raises(ValidationError, match=r"qwen-1\.5b"):
        Settings()


def test_openai_environment_names_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "https://api.openai.com/v1/")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key-000000")
    settings = Settings()
    assert settings.base_url == "https://api.openai.com/v1"
    assert settings.resolved_endpoint_kind == "openai"
    assert settings.resolved_mode == "json_schema"
    assert settings.resolved_model == "gpt-4o-mini"
    assert "sk-test" not in repr(settings) and "sk-test" not in str(settings.model_dump())


def test_project_prefix_wins_over_ecosystem_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://a.example/v1")
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://b.example/v1")
    monkeypatch.setenv("SUMMARIZER_ENDPOINT_KIND", "vllm")
    monkeypatch.setenv("SUMMARIZER_MODEL", "Qwen/Qwen2.5-7B-Instruct")
    settings = Settings()
    assert settings.base_url == "http://b.example/v1"
    assert settings.resolved_mode == "json_schema"
    assert settings.resolved_model == "Qwen/Qwen2.5-7B-Instruct"


def test_unknown_server_is_treated_as_llama_cpp() -> None:
    settings = Settings(base_url="http://localhost:8080/v1")
    assert settings.resolved_endpoint_kind == "llama_cpp"
    assert settings.resolved_mode == "text"


def test_bad_base_url_is_refused_with_the_reason() -> None:
    with pytest.raises(ValidationError, match="http:// or https://"):
        Settings(base_url="localhost:8080")


def test_every_call_is_capped() -> None:
    with pytest.raises(ValidationError):
        Settings(max_output_tokens=100_000)
