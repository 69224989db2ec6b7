"""The output folder: no input overwritten, one file mode, reruns that merge, unique ids, a one-count digest."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import InputError, Settings, cli
from summarizer.batch.outputs import CACHE_DIR, OutFolder
from summarizer.batch.run import BatchResult, run_batch, write_reports
from summarizer.devtools.fake_server import FakeServer
from summarizer.files import write_atomic

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The ministry said on Monday that about {n},000 soldiers had crossed the border, according to Reuters."


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeServer() as fake:
        yield fake


def _settings(server: FakeServer) -> Settings:
    return Settings(base_url=server.base_url, endpoint_kind="vllm", model="fake", max_retries=0)


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in (out / "briefs.jsonl").read_text(encoding="utf-8").splitlines()]


def test_run_into_the_folder_of_a_json_input_refuses_before_any_work(tmp_path: Path, server: FakeServer) -> None:
    article = tmp_path / "article.json"
    original = json.dumps({"text": ARTICLE.format(n=3)})
    article.write_text(original, encoding="utf-8")
    env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "vllm"}
    result = CliRunner().invoke(cli.main, ["run", str(article), "--out", str(tmp_path)], env=env)
    assert result.exit_code == 2, result.output
    assert "would overwrite it; choose another --out" in result.output
    assert article.read_text(encoding="utf-8") == original, "the input is untouched"
    assert server.requests == 0 and not (tmp_path / "briefs.jsonl").exists(), "refused before any work"


def test_the_out_folder_as_an_input_folder_is_refused(tmp_path: Path, server: FakeServer) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    with pytest.raises(InputError, match="is the --out folder"):
        asyncio.run(run_batch([tmp_path], tmp_path, _settings(server)))


def test_an_out_folder_inside_the_input_folder_is_skipped_not_read(tmp_path: Path, server: FakeServer) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    out = tmp_path / "briefs"
    asyncio.run(run_batch([tmp_path], out, _settings(server)))
    again = asyncio.run(run_batch([tmp_path], out, _settings(server)))
    assert [r.id for r in again.results] == ["a.txt"], "the earlier run's a.json is not read as an article"


def test_every_output_file_gets_one_mode_under_the_umask(tmp_path: Path, server: FakeServer) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    old = os.umask(0o022)
    try:
        asyncio.run(run_batch([tmp_path / "in"], tmp_path / "out", _settings(server)))
        write_atomic(tmp_path / "single.txt", "x")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").iterdir() if p.is_file()] + [tmp_path / "single.txt"]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in files}
    assert set(modes.values()) == {0o644}, modes
    assert {"a.json", "briefs.jsonl", "report.md", "report.html", "digest.json", "figures.csv"} <= set(modes)


def test_a_rerun_of_one_file_keeps_the_folder_whole(tmp_path: Path, server: FakeServer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    asyncio.run(run_batch([folder], out, _settings(server)))
    asyncio.run(run_batch([folder / "a1.txt"], out, _settings(server), force=True))
    assert [r["id"] for r in _records(out)] == ["a2.txt", "a1.txt"], "both articles, once each"
    assert sorted(p.name for p in out.glob("*.json") if p.name != "digest.json") == ["a1.json", "a2.json"]
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "`a1.txt`" in report and "`a2.txt`" in report
    rows = list(csv.DictReader((out / "figures.csv").open(encoding="utf-8")))
    assert {row["article"] for row in rows} == {"a1.txt", "a2.txt"}
    assert "a2.txt" in (out / "report.html").read_text(encoding="utf-8")


def test_an_article_that_fails_on_rerun_loses_its_old_brief_file(tmp_path: Path, server: FakeServer) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(n=1), encoding="utf-8")
    out = tmp_path / "out"
    asyncio.run(run_batch([path], out, _settings(server)))
    path.write_text("", encoding="utf-8")
    asyncio.run(run_batch([path], out, _settings(server)))
    assert [(r["id"], r["ok"]) for r in _records(out)] == [("a.txt", False)]
    assert not (out / "a.json").exists(), "no brief file that the records do not describe"


def test_a_deleted_brief_file_drops_its_record(tmp_path: Path, server: FakeServer) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE.format(n=len(name)), encoding="utf-8")
    out = tmp_path / "out"
    asyncio.run(run_batch([tmp_path / "a.txt", tmp_path / "b.txt"], out, _settings(server)))
    (out / "a.json").unlink()
    asyncio.run(run_batch([tmp_path / "b.txt"], out, _settings(server)))
    assert [r["id"] for r in _records(out)] == ["b.txt"]


def test_same_names_in_different_folders_get_unique_ids_and_files(tmp_path: Path, server: FakeServer) -> None:
    for n, sub in enumerate(("north", "south"), start=1):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "x.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (tmp_path / "digest.txt").write_text(ARTICLE.format(n=9), encoding="utf-8")
    out = tmp_path / "out"
    result = asyncio.run(
        run_batch([tmp_path / "north", tmp_path / "south", tmp_path / "digest.txt"], out, _settings(server))
    )
    assert [r.id for r in result.results] == ["north/x.txt", "south/x.txt", "digest.txt"]
    assert [r["file"] for r in _records(out)] == ["north/x.json", "south/x.json", "digest-2.json"]
    assert json.loads((out / "digest.json").read_text(encoding="utf-8")).keys() == {"groups"}, "the digest is kept"


def test_the_same_file_twice_is_read_once(tmp_path: Path, server: FakeServer) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.format(n=1), encoding="utf-8")
    result = asyncio.run(run_batch([path, path], tmp_path / "out", _settings(server)))
    assert [r.id for r in result.results] == ["a.txt"] and server.requests == 1


def test_reports_read_back_from_the_folder_list_every_article_in_every_part(tmp_path: Path, server: FakeServer) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in (1, 2, 3):
        (folder / f"a{n}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = tmp_path / "out"
    asyncio.run(run_batch([folder], out, _settings(server)))
    (out / "report.html").unlink()
    write_reports(OutFolder(out), BatchResult())  # every entry streamed from the files, read once per part
    html = (out / "report.html").read_text(encoding="utf-8")
    for index, n in enumerate((1, 2, 3)):
        assert f'<a href="#a{index}">a{n}.txt</a>' in html, "the list of articles at the top"
        assert f'<article class="box" id="a{index}">' in html, "the article's section"
        assert f"about {n},000 soldiers" in html, "its text, from the cache, in its section"
    assert html.count('class="badge cached"') == 3


def test_a_cached_text_cut_short_is_written_again(tmp_path: Path, server: FakeServer) -> None:
    article = tmp_path / "a1.txt"
    article.write_text(ARTICLE.format(n=1), encoding="utf-8")
    out = tmp_path / "out"
    asyncio.run(run_batch([article], out, _settings(server)))
    (kept,) = (out / CACHE_DIR / "texts").iterdir()
    kept.write_text("", encoding="utf-8")  # what a power cut can leave of a file written without fsync
    asyncio.run(run_batch([article], out, _settings(server), force=True))
    assert kept.read_text(encoding="utf-8") == ARTICLE.format(n=1)
