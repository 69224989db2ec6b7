"""``summarizer eval``: the columns about `what`, Lead-2 as the no-model baseline, tiers side by side."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import Settings, cli
from summarizer.devtools.evaluate import EvalArticle, run_eval
from summarizer.devtools.fake_server import FakeServer

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = EvalArticle(
    "a1",
    "(Jun 15, 2014  9:54 AM CDT) Officials said 12 people died in the floods in Ohio on Monday. "
    "About 3,000 homes lost power, the utility said. Crews worked through the night.",
    "12 Dead in Ohio Floods",
    (12.0,),
)


def test_what_columns_are_scored_for_every_system() -> None:
    with FakeServer() as server:
        settings = Settings(base_url=server.base_url, endpoint_kind="llama_cpp", max_retries=0)
        result = asyncio.run(run_eval([ARTICLE], settings, dataset="x", systems=("project", "nomodel")))
    totals = result.totals()
    lead2 = totals["nomodel"]
    lead = (
        "Officials said 12 people died in the floods in Ohio on Monday. About 3,000 homes lost power, the utility said."
    )
    assert lead2["what_words_median"] == len(lead.split())  # Lead-2: the first two sentences after the dateline
    assert lead2["gold_in_what"] == 1 and lead2["gold_in_what_of"] == 1
    assert lead2["what_unstated_numbers"] == 0 and lead2["what_unknown_names"] == 0
    project = totals["project"]
    assert project["what_by_model"] == 1  # the fake server's answer passed the checks
    row = next(r for r in result.rows if r.system == "project")
    assert row.article_tokens is None  # the fake server has no tokenizer: the column says "-"


def test_tiers_must_be_known_and_embedded(tmp_path: Path) -> None:
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps({"id": "a", "text": ARTICLE.text}) + "\n", encoding="utf-8")
    runner = CliRunner()
    unknown = runner.invoke(
        cli.main, ["eval", str(data), "--tiers", "qwen-7b"], env={"SUMMARIZER_EMBEDDED_MODEL": "none"}
    )
    assert unknown.exit_code == 2 and "unknown tier(s): qwen-7b" in unknown.output
    remote = runner.invoke(
        cli.main, ["eval", str(data), "--tiers", "none"], env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    )
    assert remote.exit_code == 2 and "--tiers compares embedded models" in remote.output


def test_the_codes_own_brief_is_a_tier_of_its_own() -> None:
    result = asyncio.run(
        run_eval([ARTICLE], Settings(), dataset="x", systems=("project", "plain", "nomodel"), tiers=("none",))
    )
    assert set(result.totals()) == {"project/none", "nomodel"}  # no model: nothing to ask plainly
