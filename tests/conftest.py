"""Shared test setup: cassettes replayed offline, recorded from the real embedded server.

Default run (``pytest``): ``--record-mode=none --block-network`` (see pyproject):
a test marked ``vcr`` replays its cassette from ``cassettes/<module>/`` and a
missing cassette fails at once, before any request; every other test has the
network blocked unless it names ``127.0.0.1`` in a ``block_network`` mark.

Re-recording (``pytest -m vcr --record-mode=rewrite``): the ``model_settings``
fixture starts the embedded llama.cpp server from the installed packages and the
tests talk to it for real; secrets are filtered before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import vcr

from summarizer import Brief, Settings, summarize_file
from summarizer.model.embedded import embedded_server, shutdown_embedded

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"
REPLAY_BASE_URL = "http://recorded-llama.invalid/v1"

SECRET_HEADERS = [
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
]


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers", {})
    for name in list(headers):
        if name.lower() in SECRET_HEADERS:
            del headers[name]
    return response


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's OPENAI_*/SUMMARIZER_* variables must not change what tests send or expect."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "SUMMARIZER_")):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": SECRET_HEADERS,
        "filter_query_parameters": ["api_key", "key"],
        "before_record_response": _scrub_response,
        # The embedded server listens on a random port: match on what the request says, not where it went.
        "match_on": ["method", "path", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / Path(str(request.node.fspath)).stem)


@pytest.fixture(autouse=True)
def _cassette_must_exist(request: pytest.FixtureRequest, record_mode: str) -> None:
    """In replay mode a vcr test without its cassette fails here, loudly, before any request."""
    if request.node.get_closest_marker("vcr") is None or record_mode != "none":
        return
    name = request.getfixturevalue("default_cassette_name")
    path = Path(request.getfixturevalue("vcr_cassette_dir")) / f"{name}.yaml"
    if not path.exists():
        pytest.fail(
            f"missing cassette {path.relative_to(ROOT)}: record it with "
            f"`pytest {request.node.nodeid} --record-mode=rewrite` (starts the embedded model)",
            pytrace=False,
        )


# The cassettes are recordings of the default embedded tier (the model CI's live test runs).
RECORDED_MODEL = Settings().embedded_model


@pytest.fixture(scope="session")
def model_settings(record_mode: str) -> Iterator[Settings]:
    """Settings for cassette tests: the live embedded server when recording, a dead URL when replaying."""
    common: dict[str, Any] = {"endpoint_kind": "llama_cpp", "max_retries": 0, "model": RECORDED_MODEL}
    if record_mode == "none":
        yield Settings(base_url=REPLAY_BASE_URL, **common)
        return
    server = embedded_server(Settings())
    try:
        yield Settings(base_url=server.base_url, **common)
    finally:
        shutdown_embedded()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, paths
    return paths


@pytest.fixture(scope="session")
def seed_briefs(vcr_config: dict[str, Any], record_mode: str) -> list[tuple[str, str, Brief]]:
    """(file name, text, brief) of both seeds, replayed from the cassettes of tests/replay/test_replay_seeds.py."""
    if record_mode != "none":
        pytest.skip("seed briefs are replayed; record them through tests/replay/test_replay_seeds.py")
    recorder = vcr.VCR(**vcr_config)
    out: list[tuple[str, str, Brief]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        cassette = CASSETTES / "test_replay_seeds" / f"test_seed_{path.name[:3]}_brief_is_grounded.yaml"
        with recorder.use_cassette(str(cassette), record_mode="none"):
            brief = summarize_file(
                path,
                settings=Settings(
                    base_url=REPLAY_BASE_URL, endpoint_kind="llama_cpp", max_retries=0, model=RECORDED_MODEL
                ),
            )
        out.append((path.name, path.read_text(encoding="utf-8"), brief))
    return out


WriteArticles = Callable[[Path, str, int], list[Path]]


@pytest.fixture
def write_articles() -> WriteArticles:
    """Write ``count`` article files a01.txt, a02.txt … into a new ``folder`` from ``template`` (``{n}``: number)."""

    def write(folder: Path, template: str, count: int) -> list[Path]:
        folder.mkdir()
        paths = []
        for n in range(1, count + 1):
            path = folder / f"a{n:02d}.txt"
            path.write_text(template.format(n=n), encoding="utf-8")
            paths.append(path)
        return paths

    return write


# A short article and two scripted answers to it (fixtures, not recordings): one that keeps every rule, one that
# invents a number and a name. Shared by the tests of the live asking (tests/brief) and of batch collect.
BERG = (
    "Defense Minister Anna Berg said on Tuesday that about 4,000 soldiers had crossed the border. "
    "Reuters reported that a further 1,200 soldiers are expected next month."
)
GOOD = (
    "WHAT: About 4,000 soldiers crossed the border, Anna Berg said on Tuesday. (1)\n"
    "FIGURES: F1 = soldiers who crossed\nSOURCES: Anna Berg\nCONFIDENCE: medium"
)
INVENTED = (
    "WHAT: About 9,000 soldiers from Moscow crossed the border. (1)\n"
    "FIGURES: F1 = soldiers\nSOURCES: Anna Berg\nCONFIDENCE: high"
)
