"""The command line: ``summarizer run``, ``doctor``, ``eval`` and ``bench``.

The only place that prints and that turns SummarizerError into exit codes:
0 every article briefed, 1 some article failed, 2 usage error, 3 the model
or its configuration could not work at all, 130 interrupted (finished briefs kept).

``eval`` and ``bench`` import the dev tools (``summarizer.devtools``) inside their commands,
so ``summarizer run`` never loads them.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .batch.run import JSONL_NAME, ArticleResult, BatchResult, collect_articles, run_batch
from .errors import ConfigError, EmbeddedServerError, ModelError, SummarizerError
from .files import write_atomic
from .model.doctor import run_doctor
from .settings import Settings

if TYPE_CHECKING:
    from .devtools.metrics import ArticleScore

__all__ = ["main"]

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@contextmanager
def _exit_codes() -> Iterator[None]:
    """Turn the project's errors into a message and an exit code: the only place that does."""
    try:
        yield
    except (ConfigError, ModelError, EmbeddedServerError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    except SummarizerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


@click.group()
@click.option("-v", "--verbose", count=True, help="Log progress (-v) or debug details (-vv) to stderr.")
def main(verbose: int) -> None:
    """Structured, verifiable briefs of news articles."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    if verbose < 2:  # instructor logs every failed attempt as an error; our own retry log says it once
        logging.getLogger("instructor").setLevel(logging.CRITICAL)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the briefs.")
@click.option(
    "--concurrency", default=1, show_default=True, type=click.IntRange(1, 256),
    help="Articles in flight at once against a remote endpoint (the embedded server takes one at a time).",
)  # fmt: skip
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64),
    help="Processes sharing the client's work against a remote endpoint (one per spare core at high concurrency).",
)  # fmt: skip
@click.option("--force", is_flag=True, help="Brief every article again, even when a cached brief exists.")
def run(paths: tuple[Path, ...], out_dir: Path, concurrency: int, workers: int, force: bool) -> None:
    """Brief every article file in PATHS (files, or folders of .txt files) into OUT.

    Writes OUT/<name>.json per article, OUT/briefs.jsonl, OUT/report.md, OUT/report.html and OUT/digest.json.
    Reruns skip articles whose brief is cached; the exit code is 1 when any article failed.
    """
    console = Console(stderr=True)
    try:
        with _exit_codes():
            settings = _settings()
            articles = collect_articles(paths)
            if not articles:
                raise click.UsageError("no article files found (folders are searched for .txt files)")
            with _BatchProgress(console, len(articles)) as progress:
                result = asyncio.run(
                    run_batch(
                        articles, out_dir, settings, concurrency=concurrency, workers=workers, force=force,
                        on_start=progress.start, on_result=progress.done,
                    )
                )  # fmt: skip
    except KeyboardInterrupt:
        lines = (out_dir / JSONL_NAME).read_text(encoding="utf-8").splitlines()
        kept = sum(1 for line in lines if json.loads(line).get("ok"))
        console.print(f"interrupted: {kept} finished briefs kept in {out_dir}; rerun to finish the rest")
        sys.exit(EXIT_INTERRUPTED)
    _print_summary(result, out_dir)
    if result.model_unusable:
        click.echo("error: no article could be briefed: the model endpoint could not be used", err=True)
        sys.exit(EXIT_FATAL)
    sys.exit(EXIT_ARTICLE_FAILED if result.failed else EXIT_OK)


class _BatchProgress:
    """A rich progress bar with the current article and elapsed time; silent when stderr is not a terminal."""

    def __init__(self, console: Console, total: int) -> None:
        self._console = console
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, disable=not console.is_terminal, transient=False,
        )  # fmt: skip
        self._task = self._progress.add_task("starting", total=total)

    def __enter__(self) -> _BatchProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def start(self, path: Path) -> None:
        self._progress.update(self._task, description=path.name)

    def done(self, item: ArticleResult) -> None:
        self._progress.advance(self._task)
        if item.brief is None and self._console.is_terminal:  # live notice; the summary lists it again
            self._console.print(f"FAIL {item.id}: {item.error_type}: {item.error_message}", markup=False)


def _print_summary(result: BatchResult, out_dir: Path) -> None:
    for item in result.results:
        if item.brief is not None:
            brief = item.brief
            state = "cached" if item.cached else f"{item.seconds:5.1f}s"
            click.echo(
                f"ok    {item.id}  {state}  {len(brief.figures)} figures, {len(brief.sources)} sources, "
                f"confidence {brief.confidence.level}, {brief.meta.usage.prompt_tokens}+"
                f"{brief.meta.usage.completion_tokens} tokens"
            )
        else:
            click.echo(f"FAIL  {item.id}  {item.error_type}: {item.error_message}")
    click.echo(
        f"{len(result.results) - len(result.failed)} of {len(result.results)} articles briefed "
        f"({result.cached} cached, {len(result.failed)} failed, {result.retries} retries) in {result.seconds:.1f}s "
        f"into {out_dir}; digest: {len(result.digest.groups)} groups"
    )


_COLUMNS = (
    ("valid", "valid"),
    ("gold_found", "key figs"),
    ("figures_per_brief", "figs/brief"),
    ("max_figures_per_brief", "max figs"),
    ("grounded", "grounded"),
    ("invented", "invented"),
    ("dropped", "dropped"),
    ("labelled_share", "labelled"),
    ("attributed_share", "attributed"),
    ("headline_overlap", "headline"),
    ("seconds_per_article", "s/article"),
)


def _eval_table(totals: dict[str, dict[str, Any]]) -> Table:
    table = Table(title="summarizer eval")
    table.add_column("system")
    for _, header in _COLUMNS:
        table.add_column(header, justify="right")
    for system, row in totals.items():
        cells = []
        for key, _ in _COLUMNS:
            value = row[key]
            if key == "valid":
                value = f"{row['valid']}/{row['articles']}"
            elif key == "gold_found":
                value = f"{row['gold_found']}/{row['gold']}"
            elif key == "grounded":
                value = f"{row['grounded']}/{row['figures']}"
            cells.append("-" if value is None else str(value))
        table.add_row(system, *cells)
    return table


def _attribution_table(totals: dict[str, dict[str, Any]]) -> Table | None:
    """Who said what against gold attributions (a dataset with ``attributions``): right/total and share."""
    from .devtools.polnear import ATTRIBUTION_COLUMNS  # noqa: PLC0415 - dev tools, off the run path

    scored = {system: row for system, row in totals.items() if ATTRIBUTION_COLUMNS[0][0] in row}
    if not scored:
        return None
    table = Table(title="who said what (gold attributions)")
    table.add_column("system")
    for _, header in ATTRIBUTION_COLUMNS:
        table.add_column(header, justify="right")
    for system, row in scored.items():
        cells = [row[key] for key, _ in ATTRIBUTION_COLUMNS]
        table.add_row(system, *(f"{c['right']}/{c['total']} {_percent(c['share'])}" for c in cells))
    return table


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{100 * share:.0f}%"


@main.command("eval")
@click.argument("dataset", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the result file here.")
@click.option("--systems", default=None, help="Comma-separated: project, plain, nomodel.  [default: all three]")
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option("--rows/--no-rows", default=False, help="Print one line per article and system.")
def eval_command(dataset: Path, json_path: Path | None, systems: str | None, limit: int | None, rows: bool) -> None:
    """Score the project against plain instructor and a no-model baseline on DATASET (.jsonl or .txt files)."""
    from .devtools.evaluate import SYSTEMS, load_dataset, run_eval  # noqa: PLC0415 - dev tools, off the run path

    chosen = SYSTEMS if systems is None else tuple(s.strip() for s in systems.split(",") if s.strip())
    unknown = set(chosen) - set(SYSTEMS)
    if unknown:
        raise click.UsageError(f"unknown system(s): {', '.join(sorted(unknown))}")

    def show(row: ArticleScore) -> None:
        if rows:
            status = "ok " if row.valid else "ERR"
            click.echo(
                f"{status} {row.system:8} {row.id:24} figs={row.figures:2} key={row.gold_found}/{row.gold} "
                f"invented={row.invented} {row.seconds:5.1f}s {row.error or ''}",
                err=True,
            )

    with _exit_codes():
        settings = _settings()
        articles = load_dataset(dataset)[:limit]
        result = asyncio.run(run_eval(articles, settings, dataset=str(dataset), systems=chosen, on_row=show))
    Console().print(_eval_table(result.totals()))
    if (attribution := _attribution_table(result.totals())) is not None:
        Console().print(attribution)
    if json_path is not None:
        write_atomic(json_path, result.to_json() + "\n")
        click.echo(f"result written to {json_path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the result file here.")
@click.option("--limit", type=int, default=None, help="Only the first N articles of each path.")
@click.option("--overhead-articles", default=320, show_default=True, help="Articles for the client-overhead run.")
@click.option("--overhead-only", is_flag=True, help="Skip the model runs; measure the client overhead only.")
def bench(
    paths: tuple[Path, ...], json_path: Path | None, limit: int | None, overhead_articles: int, overhead_only: bool
) -> None:
    """Time the project against the single-call floor and plain instructor on PATHS (.txt, folders, .jsonl)."""
    from .devtools.bench import dumps, run_bench  # noqa: PLC0415 - dev tools, off the run path
    from .devtools.evaluate import load_dataset  # noqa: PLC0415

    with _exit_codes():
        settings = _settings()
        articles = [a for path in paths for a in load_dataset(path)[:limit]]
        result = asyncio.run(
            run_bench(articles, settings, overhead_articles=overhead_articles, model_runs=not overhead_only)
        )
    payload = result.to_dict()
    table = Table(title=f"summarizer bench: {payload['articles']} articles, model {payload['model']}")
    for header in ("system", "median s", "p90 s", "calls", "prompt tok", "completion tok", "valid"):
        table.add_column(header, justify="right")
    for system, row in payload["systems"].items():
        table.add_row(
            system, *(str(row[k]) for k in (
                "median_seconds", "p90_seconds", "calls_per_article", "prompt_tokens_per_article",
                "completion_tokens_per_article", "valid_share",
            ))
        )  # fmt: skip
    console = Console()
    console.print(table)
    for key in (
        "project_over_floor", "project_over_baseline", "constrained_tokens_per_second",
        "unconstrained_tokens_per_second", "prefill_warm_median_seconds", "prefill_cold_median_seconds",
        "server_start_seconds", "parallel_requests", "client_overhead", "peak_memory_mb",
    ):  # fmt: skip
        console.print(f"{key}: {payload[key]}", markup=False)
    if json_path is not None:
        write_atomic(json_path, dumps(result) + "\n")
        click.echo(f"result written to {json_path}")


@main.command()
def doctor() -> None:
    """Check this machine can brief: runtime and weights versions, CPU features, endpoint, a live completion.

    Exits 3 with the reason when any check fails; run it first when `summarizer run` fails.
    """
    with _exit_codes():
        settings = _settings()
        checks = asyncio.run(run_doctor(settings))
    for check in checks:
        click.echo(f"{'ok  ' if check.ok else 'FAIL'}  {check.name:<13} {check.detail}")
    failed = [check.name for check in checks if not check.ok]
    if failed:
        problem = ", ".join(failed)
        click.echo(f"error: doctor found a problem with: {problem} (see the README's Troubleshooting)", err=True)
        sys.exit(EXIT_FATAL)
