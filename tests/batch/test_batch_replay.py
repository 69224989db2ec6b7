"""A results file of the embedded llama.cpp server's own answers, collected: the seeds' briefs, as `run` made them.

Each line of the seeds' batch file is posted, as it is, to the recorded embedded server: the seed cassettes of
``tests/replay/test_replay_seeds.py`` (real recordings, matched on the request body) answer it only when the line's
body is the body the live brief sent. Their answers, written as results lines, are collected.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx2
import vcr

from summarizer import Brief, Settings
from summarizer.batch.collect import NEXT_REQUESTS, collect_results, result_lines
from summarizer.batch.requests import prepare_requests

ROOT = Path(__file__).resolve().parents[2]
SEED_CASSETTES = ROOT / "cassettes" / "test_replay_seeds"


def _post_each(requests: Path, base_url: str, results: Path) -> None:
    """Every request of ``requests`` posted to the (recorded) server; its answers as ``vllm run-batch`` writes them."""
    with httpx2.Client() as client, results.open("w", encoding="utf-8") as out:
        for number, (_, text) in enumerate(result_lines([requests]), start=1):
            line = json.loads(text)
            response = client.post(f"{base_url}/chat/completions", json=line["body"])
            result = {
                "id": f"vllm-{number}",
                "custom_id": line["custom_id"],
                "response": {
                    "status_code": response.status_code,
                    "request_id": f"req-{number}",
                    "body": response.json(),
                },
                "error": None,
            }
            out.write(json.dumps(result) + "\n")


def test_the_embedded_servers_answers_to_the_batch_lines_collect_into_the_seeds_briefs(
    tmp_path: Path,
    seed_paths: list[Path],
    seed_briefs: list[tuple[str, str, Brief]],
    model_settings: Settings,
    vcr_config: dict[str, Any],
) -> None:
    recorder = vcr.VCR(**vcr_config)
    out = tmp_path / "out"
    for path in seed_paths:
        requests = tmp_path / f"{path.stem}.requests.jsonl"
        prepare_requests([path], requests, model_settings)
        cassette = SEED_CASSETTES / f"test_seed_{path.name[:3]}_brief_is_grounded.yaml"
        with recorder.use_cassette(str(cassette), record_mode="none"):
            round_file = requests
            for n in range(1, 4):  # the first call, then any re-ask the live brief made
                results = tmp_path / f"{path.stem}.results-{n}.jsonl"
                _post_each(round_file, str(model_settings.base_url), results)
                done = collect_results(
                    result_lines([results]), out, model_settings, requests=result_lines([round_file])
                )
                assert not done.failed, done.failed
                if not done.pending:
                    break
                round_file = out / NEXT_REQUESTS
    records = {r["id"]: r for r in map(json.loads, (out / "briefs.jsonl").read_text().splitlines())}
    for name, _, live in seed_briefs:
        collected = Brief.model_validate(records[name]["brief"])
        untimed = {"meta": {"seconds"}}
        assert collected.model_dump(exclude=untimed) == live.model_dump(exclude=untimed), name
