"""Command-line habits: --version, -v anywhere, show, figures.csv, settings errors, eval's progress and table."""

from __future__ import annotations

import csv
import json
import logging
from importlib import metadata
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import cli

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

ARTICLE = "The ministry said on Monday that about 3,000 soldiers had crossed the border, according to Reuters."


def _invoke(args: list[str], env: dict[str, str] | None = None, **kwargs: object) -> tuple[int, str]:
    result = CliRunner().invoke(cli.main, args, env=env or {}, catch_exceptions=False, **kwargs)  # type: ignore[arg-type]
    return result.exit_code, result.output


def test_version() -> None:
    code, output = _invoke(["--version"])
    assert code == 0 and output.strip() == f"summarizer {metadata.version('summarizer')}"


@pytest.fixture
def briefed(tmp_path: Path) -> Path:
    from summarizer.devtools.fake_server import FakeServer  # noqa: PLC0415

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with FakeServer() as server:
        env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "vllm"}
        code, output = _invoke(["run", str(tmp_path / "a.txt"), "--out", str(tmp_path / "out"), "-v"], env)
    assert code == 0, output
    return tmp_path / "out"


def test_options_after_the_command_and_figures_csv(briefed: Path) -> None:
    assert logging.getLogger().getEffectiveLevel() == logging.INFO, "-v after the command counts"
    rows = list(csv.DictReader((briefed / "figures.csv").open(encoding="utf-8")))
    assert [(r["article"], r["value"], r["text"], r["unit"]) for r in rows] == [
        ("a.txt", "3000", "about 3,000", "soldiers")
    ]


def test_show_prints_a_brief_readably(briefed: Path) -> None:
    code, output = _invoke(["show", str(briefed / "a.json")], terminal_width=100)
    assert code == 0, output
    assert "The ministry said on Monday" in output and "about 3,000" in output and "soldiers" in output
    assert "confidence" in output and "Monday" in output
    code, output = _invoke(["show", str(briefed / "briefs.jsonl")], terminal_width=100)
    assert code == 0 and "a.txt" in output
    (briefed / "not-a-brief.json").write_text(json.dumps({"what": 1}), encoding="utf-8")
    code, output = _invoke(["show", str(briefed / "not-a-brief.json")])
    assert code == 2 and "not a brief" in output


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "SUMMARIZER_MAX_OUTPUT_TOKENS",
            "5",
            "SUMMARIZER_MAX_OUTPUT_TOKENS=5: Input should be greater than or equal to 16 (allowed: 16 to 8192)",
        ),
        ("SUMMARIZER_ENDPOINT_KIND", "vlm", "SUMMARIZER_ENDPOINT_KIND=vlm: Input should be"),
        ("OPENAI_BASE_URL", "localhost:8000", "OPENAI_BASE_URL=localhost:8000: base URL must start with http://"),
    ],
)
def test_a_settings_error_names_the_variable_and_what_it_allows(variable: str, value: str, expected: str) -> None:
    code, output = _invoke(["doctor"], {variable: value})
    assert code == 3
    assert expected in output and "('" not in output, output


def test_eval_prints_progress_and_a_table_that_fits_80_columns(tmp_path: Path) -> None:
    from summarizer.devtools.fake_server import FakeServer  # noqa: PLC0415

    dataset = tmp_path / "set.jsonl"
    rows = [{"id": f"d{n}", "text": ARTICLE.replace("3,000", f"{n},000"), "gold_numbers": [n * 1000]} for n in (1, 2)]
    dataset.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    with FakeServer() as server:
        env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "vllm", "COLUMNS": "80"}
        result = CliRunner().invoke(cli.main, ["eval", str(dataset)], env=env, terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "[1/2] d1" in result.stderr and "[2/2] d2" in result.stderr
    table = result.stdout
    assert all(len(line) <= 80 for line in table.splitlines())
    assert "…" not in table and "project" in table and "nomodel" in table and "key figs" in table
