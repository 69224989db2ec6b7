"""Replay is strict: a request the cassette does not hold fails at once, naming the cassette miss."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import vcr

from summarizer import EndpointUnavailableError, Settings, summarize_file

CASSETTE = (
    Path(__file__).resolve().parents[2] / "cassettes" / "test_replay_seeds" / "test_seed_003_brief_is_grounded.yaml"
)


def test_changed_request_without_its_recording_fails_at_once(
    model_settings: Settings, vcr_config: dict[str, Any], record_mode: str, tmp_path: Path
) -> None:
    if record_mode != "none":
        pytest.skip("replay-only check")
    article = tmp_path / "other.txt"
    article.write_text("The ministry said 40 soldiers were hurt on Monday, according to Reuters.", encoding="utf-8")
    started = time.monotonic()
    with (
        vcr.VCR(**vcr_config).use_cassette(str(CASSETTE), record_mode="none"),
        pytest.raises(EndpointUnavailableError, match="CannotOverwriteExistingCassetteException"),
    ):
        summarize_file(article, settings=model_settings)
    assert time.monotonic() - started < 5
