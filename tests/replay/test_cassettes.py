"""Cassettes are real recordings with nothing secret or machine-specific in them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import RECORDED_MODEL

CASSETTES = Path(__file__).resolve().parents[2] / "cassettes"
SECRET = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|[Bb]earer\s+[A-Za-z0-9._-]{8,}|openai-organization|openai-project|set-cookie|"
    r"(?i:authorization)|api[_-]?key\W+[A-Za-z0-9]{12,}"
)
MACHINE_PATH = re.compile(r"/root/|/home/|\.gguf|/tmp/")


def _cassettes() -> list[Path]:
    return sorted(CASSETTES.rglob("*.yaml"))


def test_there_are_cassettes() -> None:
    assert _cassettes(), "cassettes/ is empty: record with `pytest -m vcr --record-mode=rewrite`"


@pytest.mark.parametrize("path", _cassettes(), ids=lambda p: str(p.relative_to(CASSETTES)))
def test_cassette_has_no_secrets_or_machine_paths(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not SECRET.search(text), f"key-like string in {path.name}: {SECRET.search(text)}"
    assert not MACHINE_PATH.search(text), f"machine path in {path.name}"


@pytest.mark.parametrize("path", _cassettes(), ids=lambda p: str(p.relative_to(CASSETTES)))
def test_cassette_is_a_recording_of_the_embedded_model(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    interactions = data["interactions"]
    assert interactions
    for interaction in interactions:
        assert interaction["request"]["uri"].endswith("/v1/chat/completions")
        assert f'"model":"{RECORDED_MODEL}"' in interaction["request"]["body"].replace(" ", "")
        assert interaction["response"]["status"]["code"] == 200
