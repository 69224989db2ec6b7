"""Batch files: prepare → (OpenAI Batch API | vllm run-batch) → collect gives what `run` gives.

The answers here come from the fake servers on 127.0.0.1 (``devtools.fake_server``: a valid answer for
whatever the request asks, or the scripted answers below, which are fixtures, not recordings);
``answer_requests`` turns a batch file into the results file ``vllm run-batch`` would write, and
``FakeBatchAPI`` plays the OpenAI Files and Batches API.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from conftest import BERG, GOOD, INVENTED

from summarizer import Settings, cli
from summarizer.batch.collect import NEXT_REQUESTS, collect_results, result_lines
from summarizer.batch.requests import LineId, prepare_requests
from summarizer.batch.run import run_batch
from summarizer.devtools.fake_batch_api import FakeBatchAPI, answer_requests
from summarizer.devtools.fake_server import FakeReply, FakeServer

if TYPE_CHECKING:
    from conftest import WriteArticles

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = (
    "Officials said on Monday that about {n},000 people had left the city, according to Reuters. "
    "The mayor said 12 shelters were open."
)


def _settings(base_url: str = "http://batch.invalid/v1", kind: str = "vllm", **more: Any) -> Settings:
    return Settings(base_url=base_url, endpoint_kind=kind, max_retries=0, **({"model": "fake"} | more))


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _untimed(brief: dict[str, Any]) -> dict[str, Any]:
    return brief | {"meta": {k: v for k, v in brief["meta"].items() if k != "seconds"}}


def _briefs(out: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: _untimed(r["brief"]) for r in _lines(out / "briefs.jsonl") if r["ok"]}


def _collect(results: list[Path], out: Path, settings: Settings, requests: list[Path] | None = None) -> Any:
    return collect_results(
        result_lines(results), out, settings, requests=result_lines(requests) if requests is not None else None
    )


def _answer(requests: Path, results: Path, respond: Any = None) -> Path:
    results.write_text(answer_requests(requests.read_bytes(), respond), encoding="utf-8")
    return results


class _Capture(FakeServer):
    """The fake chat server, keeping the raw bytes of every request body."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[bytes] = []

    async def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> bytes:
        self.bodies.append(body)
        return await super().reply(method, path, headers, body)


@pytest.mark.parametrize(("kind", "mode"), [("llama_cpp", "auto"), ("vllm", "auto"), ("llama_cpp", "llama_json")])
def test_a_batch_line_carries_the_body_a_live_call_sends(tmp_path: Path, kind: str, mode: str) -> None:
    article = tmp_path / "story.txt"
    article.write_text(BERG, encoding="utf-8")
    with _Capture() as server:
        settings = _settings(server.base_url, kind, structured_mode=mode)
        asyncio.run(run_batch([article], tmp_path / "out", settings))
        prepare_requests([article], tmp_path / "requests.jsonl", settings)
    (line,) = _lines(tmp_path / "requests.jsonl")
    assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
    (sent,) = server.bodies
    assert json.dumps(json.loads(sent)) == json.dumps(line["body"])  # same keys, same order, same values
    assert line["body"]["model"] == "fake" and line["body"]["temperature"] == 0 and "seed" in line["body"]


def test_collect_of_a_vllm_results_file_writes_what_run_writes(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 3)
    with FakeServer() as server:
        asyncio.run(run_batch(paths, tmp_path / "live", _settings(server.base_url)))
    settings = _settings()
    prepared = prepare_requests(paths, tmp_path / "requests.jsonl", settings)
    assert prepared.lines == 3 and prepared.paths == [tmp_path / "requests.jsonl"]
    line_id = LineId.loads(_lines(tmp_path / "requests.jsonl")[0]["custom_id"])
    assert (line_id.id, line_id.path, line_id.round) == ("a01.txt", str(paths[0].resolve()), 1)

    results = _answer(tmp_path / "requests.jsonl", tmp_path / "results.jsonl")
    done = _collect([results], tmp_path / "out", settings)
    assert done.briefed == 3 and not done.failed and done.pending == 0

    live, out = tmp_path / "live", tmp_path / "out"
    assert _briefs(out) == _briefs(live)
    for name in ("a01.json", "a02.json", "a03.json"):
        assert _untimed(json.loads((out / name).read_text())) == _untimed(json.loads((live / name).read_text()))
    for name in ("report.md", "report.html", "figures.csv", "digest.json"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "figures.csv").read_text() == (live / "figures.csv").read_text()
    assert sorted(p.name for p in (out / ".cache").glob("*.json")) == sorted(
        p.name for p in (live / ".cache").glob("*.json")
    ), "the same cache entries: a later `run` into OUT finds them"
    brief = next(iter(_briefs(out).values()))
    assert brief["meta"]["usage"] == {"prompt_tokens": 100, "completion_tokens": 20, "calls": 1}

    with FakeServer() as server:
        again = asyncio.run(run_batch(paths, out, _settings(server.base_url)))
        assert server.requests == 0 and again.cached == 3


def test_an_answer_that_needs_the_reask_goes_to_a_second_round(tmp_path: Path) -> None:
    article = tmp_path / "in" / "berg.txt"
    article.parent.mkdir()
    article.write_text(BERG, encoding="utf-8")

    def script(*answers: str) -> Any:
        def respond(body: dict[str, Any], number: int) -> FakeReply:
            return FakeReply(content=answers[min(len(body["messages"]) // 2, len(answers) - 1)])

        return respond

    for answers, what_by in (((INVENTED, GOOD), "model, re-asked"), ((INVENTED, INVENTED), "extractive lead")):
        case = tmp_path / what_by.replace(" ", "-").replace(",", "")
        with FakeServer(script(*answers)) as server:
            asyncio.run(run_batch([article], case / "live", _settings(server.base_url, "llama_cpp")))
        settings = _settings(kind="llama_cpp")
        prepare_requests([article], case / "requests.jsonl", settings)
        out = case / "out"
        first = _collect([_answer(case / "requests.jsonl", case / "results.jsonl", script(*answers))], out, settings)
        assert first.briefed == 0 and first.pending == 1 and not (out / "berg.json").exists()
        (reask,) = _lines(out / NEXT_REQUESTS)
        assert LineId.loads(reask["custom_id"]).round == 2
        assert reask["body"]["messages"][-2] == {"role": "assistant", "content": INVENTED}
        assert "the number '9,000' in 'what' is not in the article" in reask["body"]["messages"][-1]["content"]

        second = _collect([_answer(out / NEXT_REQUESTS, case / "results-2.jsonl", script(*answers))], out, settings)
        assert second.briefed == 1 and second.pending == 0 and not (out / NEXT_REQUESTS).exists()
        assert _briefs(out) == _briefs(case / "live")
        assert _briefs(out)["berg.txt"]["meta"]["what_by"] == what_by
        assert _briefs(out)["berg.txt"]["meta"]["usage"]["calls"] == 2


def test_collect_is_idempotent(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 3)
    settings = _settings()
    prepare_requests(paths, tmp_path / "requests.jsonl", settings)
    results = _answer(tmp_path / "requests.jsonl", tmp_path / "results.jsonl")
    out = tmp_path / "out"
    _collect([results], out, settings)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = _collect([results], out, settings)
    assert again.briefed == 0 and again.already == 3 and not again.failed
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_every_bad_line_is_its_articles_error_and_nothing_finished_is_lost(
    tmp_path: Path, write_articles: WriteArticles
) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 6)
    settings = _settings()
    requests = tmp_path / "requests.jsonl"
    prepare_requests(paths, requests, settings)
    lines = answer_requests(requests.read_bytes()).splitlines(keepends=True)
    malformed = json.loads(lines[2])
    malformed["response"]["body"] = {"choices": "none"}
    refused = json.loads(lines[3])
    refused["response"] = {"status_code": 400, "body": {"error": {"message": "max_tokens is too large"}}}
    results = tmp_path / "results.jsonl"
    # a01 answered twice (the second differs: it is ignored), a03 malformed, a04 refused, a05 missing, a06 changed
    duplicate = json.loads(lines[0])
    duplicate["response"]["body"]["choices"][0]["message"]["content"] = "WHAT: Nothing. (1)"
    results.write_text(
        lines[0] + lines[1] + json.dumps(duplicate) + "\n" + json.dumps(malformed) + "\n" + json.dumps(refused)
        + "\n" + lines[5] + "not json\n",
        encoding="utf-8",
    )  # fmt: skip
    paths[5].write_text(ARTICLE.format(n=60), encoding="utf-8")

    out = tmp_path / "out"
    done = _collect([results], out, settings, requests=[requests])
    records = {r["id"]: r for r in _lines(out / "briefs.jsonl")}
    assert [i for i, r in records.items() if r["ok"]] == ["a01.txt", "a02.txt"]
    errors = {i: (r["error"]["type"], r["error"]["message"]) for i, r in records.items() if not r["ok"]}
    assert errors["a03.txt"] == ("BatchLineError", "the response body is not a chat completion (ValidationError)")
    assert errors["a04.txt"] == ("BatchLineError", "the endpoint answered HTTP 400: max_tokens is too large")
    assert errors["a05.txt"][0] == "BatchLineError" and errors["a05.txt"][1].startswith("no results line")
    assert errors["a06.txt"][0] == "ArticleChangedError" and "changed since its batch request" in errors["a06.txt"][1]
    assert len(done.failed) == 4
    assert any("a second line for a01.txt" in p for p in done.problems)
    assert any("not a JSON object" in p for p in done.problems)
    assert "9,000" not in records["a01.txt"]["brief"]["what"] and records["a01.txt"]["brief"]["what"] != "Nothing."

    # A later results file failing a01 again (a retry's error file, say) keeps its brief.
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(refused | {"custom_id": json.loads(lines[0])["custom_id"]}) + "\n", encoding="utf-8")
    _collect([again], out, settings)
    assert {r["id"]: r["ok"] for r in _lines(out / "briefs.jsonl")}["a01.txt"] is True
    assert (out / "a01.json").exists()

    # A line prepared under other settings is refused, not applied.
    other = _settings(model="another")
    assert (
        _collect([tmp_path / "results.jsonl"], tmp_path / "other", other)
        .failed[0][2]
        .startswith("prepared under other settings")
    )


def test_files_are_split_at_the_line_limit(tmp_path: Path, write_articles: WriteArticles) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 5)
    prepared = prepare_requests(paths, tmp_path / "requests.jsonl", _settings(), max_lines=2)
    assert [p.name for p in prepared.paths] == ["requests.jsonl", "requests-2.jsonl", "requests-3.jsonl"]
    assert [len(_lines(p)) for p in prepared.paths] == [2, 2, 1]
    prepared = prepare_requests(paths, tmp_path / "requests.jsonl", _settings(), max_bytes=1)
    assert len(prepared.paths) == 5  # a line over the byte limit still goes out, alone in its file
    assert [p.name for p in prepare_requests(paths, tmp_path / "requests.jsonl", _settings()).paths] == [
        "requests.jsonl"
    ]
    assert not (tmp_path / "requests-2.jsonl").exists(), "an earlier preparation's extra parts are removed"


def _invoke(args: list[str], base_url: str) -> tuple[int, str]:
    env = {"OPENAI_BASE_URL": base_url, "OPENAI_API_KEY": "sk-test", "SUMMARIZER_MAX_RETRIES": "0"}
    result = CliRunner().invoke(cli.main, args, env=env | {"SUMMARIZER_ENDPOINT_KIND": "openai"})
    return result.exit_code, result.output


def test_submit_status_and_collect_through_the_batch_api(tmp_path: Path, write_articles: WriteArticles) -> None:
    write_articles(tmp_path / "in", ARTICLE, 3)
    requests, out = tmp_path / "requests.jsonl", tmp_path / "out"
    with FakeBatchAPI() as api:
        code, output = _invoke(["batch", "prepare", str(tmp_path / "in"), "--requests", str(requests)], api.base_url)
        assert code == 0 and "3 requests of 3 articles" in output
        code, output = _invoke(["batch", "submit", str(requests)], api.base_url)
        batch_id = output.strip()
        assert code == 0 and batch_id.startswith("batch_") and api.uploads == 1
        code, output = _invoke(["batch", "collect", batch_id, "--out", str(out)], api.base_url)
        assert code == 2 and "validating" in output and "not finished yet" in output
        code, output = _invoke(["batch", "status", batch_id], api.base_url)
        assert code == 0 and f"{batch_id}: in_progress" in output
        code, output = _invoke(["batch", "status", batch_id], api.base_url)
        assert "completed; 3 completed, 0 failed of 3" in output
        code, output = _invoke(["batch", "collect", batch_id, "--out", str(out)], api.base_url)
        assert code == 0 and "3 articles briefed, 0 failed" in output
        code, output = _invoke(["batch", "status", "batch_404"], api.base_url)
        assert code == 2 and "HTTP 404" in output
    assert sorted(p.name for p in out.glob("a*.json")) == ["a01.json", "a02.json", "a03.json"]
    assert {r["brief"]["meta"]["model"] for r in _lines(out / "briefs.jsonl")} == {"gpt-4o-mini"}


def test_an_expired_batch_keeps_what_finished_and_retry_prepares_the_rest(
    tmp_path: Path, write_articles: WriteArticles
) -> None:
    paths = write_articles(tmp_path / "in", ARTICLE, 3)
    requests, out = tmp_path / "requests.jsonl", tmp_path / "out"
    with FakeBatchAPI(expire_after=1) as api:
        _invoke(["batch", "prepare", *map(str, paths), "--requests", str(requests)], api.base_url)
        batch_id = _invoke(["batch", "submit", str(requests)], api.base_url)[1].strip()
        for _ in range(2):
            _invoke(["batch", "status", batch_id], api.base_url)
        code, output = _invoke(["batch", "status", batch_id], api.base_url)
        assert "expired; 1 completed, 2 failed of 3" in output
        code, output = _invoke(["batch", "collect", batch_id, "--out", str(out)], api.base_url)
        assert code == 1 and "1 articles briefed, 2 failed" in output and "batch_expired" in output
        retry = tmp_path / "retry.jsonl"
        code, output = _invoke(
            ["batch", "prepare", *map(str, paths), "--requests", str(retry), "--retry", str(out / "briefs.jsonl")],
            api.base_url,
        )
        assert code == 0 and "2 requests of 3 articles" in output
        assert [LineId.loads(line["custom_id"]).id for line in _lines(retry)] == ["a02.txt", "a03.txt"]
        batch_id = _invoke(["batch", "submit", str(retry)], api.base_url)[1].strip()
        api.expire_after = None
        for _ in range(2):
            _invoke(["batch", "status", batch_id], api.base_url)
        code, output = _invoke(["batch", "collect", batch_id, "--out", str(out)], api.base_url)
        assert code == 0 and "2 articles briefed, 0 failed" in output
    assert all(r["ok"] for r in _lines(out / "briefs.jsonl")) and len(_lines(out / "briefs.jsonl")) == 3


def test_a_json_lines_file_collects_row_by_row_and_a_collect_resumes(tmp_path: Path) -> None:
    wire = tmp_path / "wire.jsonl"
    wire.write_text(
        "".join(json.dumps({"id": f"w{n}", "text": ARTICLE.format(n=n)}) + "\n" for n in (1, 2, 3)), encoding="utf-8"
    )
    with FakeServer() as server:
        asyncio.run(run_batch([wire], tmp_path / "live", _settings(server.base_url)))
    settings = _settings()
    requests = tmp_path / "requests.jsonl"
    prepare_requests([wire], requests, settings)
    assert [LineId.loads(line["custom_id"]).row for line in _lines(requests)] == ["w1", "w2", "w3"]
    results = _answer(requests, tmp_path / "results.jsonl")
    first = tmp_path / "first.jsonl"
    first.write_text(results.read_text().splitlines(keepends=True)[0], encoding="utf-8")  # an interrupted download
    out = tmp_path / "out"
    assert _collect([first], out, settings).briefed == 1
    done = _collect([results], out, settings)
    assert (done.briefed, done.already) == (2, 1)
    assert _briefs(out) == _briefs(tmp_path / "live")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("w*.json")) == ["wire/w1.json", "wire/w2.json",
                                                                                    "wire/w3.json"]  # fmt: skip


def test_a_failed_second_round_is_retried_from_the_start(tmp_path: Path) -> None:
    article = tmp_path / "berg.txt"
    article.write_text(BERG, encoding="utf-8")
    settings = _settings(kind="llama_cpp")
    out = tmp_path / "out"
    prepare_requests([article], tmp_path / "requests.jsonl", settings)
    _collect([_answer(tmp_path / "requests.jsonl", tmp_path / "r1.jsonl", lambda b, n: FakeReply(content=INVENTED))],
             out, settings)  # fmt: skip
    (reask,) = _lines(out / NEXT_REQUESTS)
    expired = {"custom_id": reask["custom_id"], "response": None, "error": {"code": "batch_expired", "message": "late"}}
    (tmp_path / "r2.jsonl").write_text(json.dumps(expired) + "\n", encoding="utf-8")
    done = _collect([tmp_path / "r2.jsonl"], out, settings)
    assert done.failed == [("berg.txt", "BatchLineError", "the batch did not run this request: batch_expired: late")]

    retry = prepare_requests([article], tmp_path / "retry.jsonl", settings, only={"berg.txt"})
    assert retry.lines == 1 and LineId.loads(_lines(tmp_path / "retry.jsonl")[0]["custom_id"]).round == 1
    done = _collect([_answer(tmp_path / "retry.jsonl", tmp_path / "r3.jsonl", lambda b, n: FakeReply(content=GOOD))],
                    out, settings)  # fmt: skip
    assert done.briefed == 1 and not (out / NEXT_REQUESTS).exists()
    assert _briefs(out)["berg.txt"]["meta"]["what_by"] == "model"
