"""The command line: ``summarizer run``, ``batch``, ``show``, ``doctor``, ``eval`` and ``bench``.

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
from typing import TYPE_CHECKING, Any, get_args

import click
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .batch.inputs import Item, collect_inputs
from .batch.run import JSONL_NAME, ArticleResult, BatchResult, run_batch
from .errors import ConfigError, EmbeddedServerError, InputError, ModelError, SummarizerError
from .files import write_atomic
from .model.doctor import run_doctor
from .read.formats import SUFFIXES
from .settings import EmbeddedModel, Settings, describe_settings_error
from .show import show_briefs

if TYPE_CHECKING:
    from .devtools.metrics import ArticleScore

__all__ = ["main"]

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE, EXIT_FATAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
_FORMATS = ", ".join(SUFFIXES)


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
        raise ConfigError(describe_settings_error(exc)) from exc


def _set_verbosity(ctx: click.Context, _param: click.Parameter, value: int) -> int:
    """``-v`` before or after the command: the counts add up, and logging is set once they are known."""
    root = ctx.find_root()
    total = int(root.meta.get("verbosity", 0)) + (value or 0)
    root.meta["verbosity"] = total
    level = logging.WARNING if total == 0 else logging.INFO if total == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr, force=True)
    # instructor logs every failed attempt as an error; our own retry log says it once
    logging.getLogger("instructor").setLevel(logging.CRITICAL if total < 2 else logging.NOTSET)
    return value


_verbose = click.option(
    "-v", "--verbose", count=True, expose_value=False, callback=_set_verbosity, is_eager=True,
    help="Log progress (-v) or debug details (-vv) to stderr; before or after the command.",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="summarizer", prog_name="summarizer", message="%(prog)s %(version)s")
@_verbose
def main() -> None:
    """Structured, verifiable briefs of news articles."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
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
@_verbose
def run(paths: tuple[str, ...], out_dir: Path, concurrency: int, workers: int, force: bool) -> None:
    """Brief every article in PATHS into OUT.

    PATHS are files (.txt, .html, .md, .json: one article, .jsonl: one a line), folders (searched
    recursively), - for standard input, or http(s):// URLs. Writes OUT/<name>.json per article,
    OUT/briefs.jsonl, OUT/report.md, OUT/report.html, OUT/figures.csv and OUT/digest.json, for every
    article in OUT (a rerun adds to what is there). Reruns skip articles whose brief is cached; the exit
    code is 1 when any article failed.
    """
    console = Console(stderr=True)
    try:
        with _exit_codes():
            settings = _settings()
            articles = collect_inputs(
                paths, out_dir=out_dir, max_chars=settings.max_input_chars, stdin=sys.stdin.buffer
            )
            if (skipped := articles.skipped_summary()) is not None:
                click.echo(skipped, err=True)
            if not articles.items:
                raise InputError(" ".join(paths), "no article files found (folders are searched for " + _FORMATS + ")")
            with _BatchProgress(console, len(articles.items)) as progress:
                result = asyncio.run(
                    run_batch(
                        articles, out_dir, settings, concurrency=concurrency, workers=workers, force=force,
                        on_start=progress.start, on_result=progress.done,
                    )
                )  # fmt: skip
    except KeyboardInterrupt:
        lines = (out_dir / JSONL_NAME).read_text(encoding="utf-8").splitlines()
        kept = sum(1 for line in lines if line.strip() and json.loads(line).get("ok"))
        console.print(f"interrupted: {kept} finished briefs kept in {out_dir}; rerun to finish the rest")
        sys.exit(EXIT_INTERRUPTED)
    _print_summary(result, out_dir)
    if result.model_unusable:
        click.echo("error: no article could be briefed: the model endpoint could not be used", err=True)
        sys.exit(EXIT_FATAL)
    sys.exit(EXIT_ARTICLE_FAILED if result.failed else EXIT_OK)


@main.group()
def batch() -> None:
    """Archive scale: every article's model call in a batch file, for the OpenAI Batch API or `vllm run-batch`.

    `prepare` writes the request file, `submit` sends it to the Batch API, `status` follows the batch,
    `collect` makes its results into what `run` writes. A results file of `vllm run-batch` (same
    format) collects the same way.
    """


@batch.command("prepare")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--requests", "requests_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
    help="The batch file to write (split at 50,000 lines or 200 MB: FILE, FILE-2 …).",
)  # fmt: skip
@click.option(
    "--retry", "retry_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A briefs.jsonl: prepare only the articles of PATHS whose record there failed.",
)  # fmt: skip
@_verbose
def batch_prepare(paths: tuple[str, ...], requests_path: Path, retry_path: Path | None) -> None:
    """Write one batch line per model call of every article in PATHS (files, folders, URLs) to FILE."""
    from .batch.requests import prepare_requests, retry_ids  # noqa: PLC0415 - only the batch commands need it

    with _exit_codes():
        settings = _settings()
        articles = collect_inputs(paths, out_dir=requests_path, max_chars=settings.max_input_chars)
        if (skipped := articles.skipped_summary()) is not None:
            click.echo(skipped, err=True)
        if not articles.items:
            raise InputError(" ".join(paths), "no article files found (folders are searched for " + _FORMATS + ")")
        only = retry_ids(retry_path) if retry_path is not None else None
        prepared = prepare_requests(articles, requests_path, settings, only=only)
    for ident, reason in prepared.skipped:
        click.echo(f"FAIL  {ident}  {reason}")
    files = ", ".join(str(p) for p in prepared.paths) or "no file"
    click.echo(f"{prepared.lines} requests of {len(articles.items)} articles written to {files}")
    sys.exit(EXIT_ARTICLE_FAILED if prepared.skipped else EXIT_OK)


@batch.command("submit")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_verbose
def batch_submit(files: tuple[Path, ...]) -> None:
    """Upload each batch FILE and create its batch (OpenAI Files + Batches API); print each batch id."""
    from .batch.api import submit_batch  # noqa: PLC0415 - only the batch commands need it

    with _exit_codes():
        settings = _settings()
        for path in files:
            click.echo(submit_batch(settings, path).id)


@batch.command("status")
@click.argument("batch_ids", nargs=-1, required=True)
@_verbose
def batch_status_command(batch_ids: tuple[str, ...]) -> None:
    """Print the status of each batch: requests done and failed, its output and error files."""
    from .batch.api import batch_status, describe_batch  # noqa: PLC0415 - only the batch commands need it

    with _exit_codes():
        settings = _settings()
        for batch_id in batch_ids:
            click.echo(describe_batch(batch_status(settings, batch_id)))


@batch.command("collect")
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the briefs.")
@click.option(
    "--requests", "requests_paths", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The batch file(s) the results answer: a request with no results line gets an error record.",
)  # fmt: skip
@click.option(
    "--wait", is_flag=True,
    help="For a batch id: wait until the batch is done (asking every SUMMARIZER_BATCH_POLL_SECONDS, 60).",
)  # fmt: skip
@_verbose
def batch_collect(sources: tuple[str, ...], out_dir: Path, requests_paths: tuple[Path, ...], wait: bool) -> None:
    """Make the results of SOURCES (batch ids, or results files: output, errors, `vllm run-batch`) into OUT.

    Writes what `run` writes (per-article JSON, briefs.jsonl, reports, figures.csv, digest, cache). Articles
    whose answer needs a re-ask go to OUT/next-requests.jsonl: submit it and collect its results into the
    same OUT. Collecting again is harmless. Exit code 1 when any article failed.
    """
    from .batch.api import describe_batch, download_results, wait_for  # noqa: PLC0415 - only the batch commands
    from .batch.collect import collect_results, result_lines  # noqa: PLC0415

    with _exit_codes():
        settings = _settings()
        results: list[Path] = []
        requests: list[Path] = list(requests_paths)
        for source in sources:
            if Path(source).is_file():
                results.append(Path(source))
                continue
            if source.endswith(".jsonl") or "/" in source:
                raise InputError(source, "no such results file")
            if wait:
                wait_for(settings, source, on_status=lambda batch: click.echo(describe_batch(batch), err=True))
            fetched = download_results(settings, source, out_dir / ".cache" / "batches")
            results += fetched.results
            requests += fetched.requests
        done = collect_results(
            result_lines(results), out_dir, settings, requests=result_lines(requests) if requests else None
        )
    for problem in done.problems:
        click.echo(f"note  {problem}", err=True)
    for ident, kind, message in done.failed:
        click.echo(f"FAIL  {ident}  {kind}: {message}")
    waiting = (
        f"; {done.pending} waiting for a re-ask in {', '.join(map(str, done.next_requests))}" if done.pending else ""
    )
    click.echo(
        f"{done.briefed} articles briefed, {len(done.failed)} failed, {done.already} lines already collected"
        f"{waiting}, in {done.seconds:.1f}s into {out_dir}"
    )
    sys.exit(EXIT_ARTICLE_FAILED if done.failed else EXIT_OK)


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

    def start(self, item: Item) -> None:
        self._progress.update(self._task, description=item.name)

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


_FIGURE_COLUMNS = (
    ("valid", "valid"),
    ("gold_found", "key figs"),
    ("figures_per_brief", "figs/brief"),
    ("max_figures_per_brief", "max figs"),
    ("grounded", "grounded"),
    ("invented", "invented"),
    ("dropped", "dropped"),
    ("labelled_share", "labelled"),
    ("attributed_share", "attributed"),
)
_WHAT_COLUMNS = (
    ("what_words_median", "words"),
    ("what_words_max", "max words"),
    ("headline_overlap", "headline"),
    ("gold_in_what", "key no. in what"),
    ("what_unstated_numbers", "unstated nos."),
    ("what_unknown_names", "unknown names"),
    ("what_by_model", "by model"),
    ("prompt_over_article_median", "prompt-article tok"),
    ("seconds_per_article", "s/article"),
)
_FRACTIONS = {"valid": "articles", "gold_found": "gold", "grounded": "figures", "gold_in_what": "gold_in_what_of"}


def _eval_tables(totals: dict[str, dict[str, Any]]) -> list[Table]:
    """One row per measure, one column per system, in two tables (figures, then `what`)."""
    tables = []
    for title, columns in (("figures", _FIGURE_COLUMNS), ("what", _WHAT_COLUMNS)):
        table = Table(title=f"summarizer eval: {title}")
        table.add_column("measure", no_wrap=True)
        for system in totals:
            table.add_column(system, justify="right", no_wrap=True)
        for key, header in columns:
            cells = []
            for row in totals.values():
                value = row.get(key)
                if key in _FRACTIONS and value is not None:
                    value = f"{value}/{row[_FRACTIONS[key]]}"
                cells.append("-" if value is None else str(value))
            table.add_row(header, *cells)
        tables.append(table)
    return tables


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
@click.option("--tiers", default=None, help="Embedded models to compare side by side, e.g. qwen-1.5b,qwen-0.5b,none.")
@click.option("--rows/--no-rows", default=False, help="Print one line per article and system.")
@_verbose
def eval_command(  # noqa: PLR0917 - one parameter per option, as click passes them
    dataset: Path, json_path: Path | None, systems: str | None, limit: int | None, tiers: str | None, rows: bool
) -> None:
    """Score the project against plain instructor and a no-model baseline on DATASET (.jsonl or .txt files)."""
    from .devtools.evaluate import SYSTEMS, load_dataset, run_eval  # noqa: PLC0415 - dev tools, off the run path

    chosen = SYSTEMS if systems is None else tuple(s.strip() for s in systems.split(",") if s.strip())
    unknown = set(chosen) - set(SYSTEMS)
    if unknown:
        raise click.UsageError(f"unknown system(s): {', '.join(sorted(unknown))}")

    done: dict[str, int] = {}  # articles scored, per system and tier

    def show(row: ArticleScore) -> None:
        done[row.system] = done.get(row.system, 0) + 1
        if rows:
            status = "ok " if row.valid else "ERR"
            click.echo(
                f"{status} {row.system:8} {row.id:24} figs={row.figures:2} key={row.gold_found}/{row.gold} "
                f"invented={row.invented} {row.seconds:5.1f}s {row.error or ''}",
                err=True,
            )
        elif row.system.startswith("project"):  # progress: one line per article and tier
            click.echo(f"[{done[row.system]}/{len(articles)}] {row.id}  {row.system}  {row.seconds:.1f}s", err=True)

    with _exit_codes():
        settings = _settings()
        articles = load_dataset(dataset)[:limit]
        tiered = tuple(t.strip() for t in (tiers or "").split(",") if t.strip())
        known = set(get_args(EmbeddedModel))
        if set(tiered) - known:
            raise click.UsageError(
                f"unknown tier(s): {', '.join(sorted(set(tiered) - known))}; known: {', '.join(sorted(known))}"
            )
        if tiered and not settings.embedded:
            raise click.UsageError("--tiers compares embedded models: unset OPENAI_BASE_URL / SUMMARIZER_BASE_URL")
        result = asyncio.run(
            run_eval(articles, settings, dataset=str(dataset), systems=chosen, tiers=tiered, on_row=show)
        )
    console = Console()
    for table in _eval_tables(result.totals()):
        console.print(table)
    if (attribution := _attribution_table(result.totals())) is not None:
        console.print(attribution)
    if json_path is not None:
        write_atomic(json_path, result.to_json() + "\n")
        click.echo(f"result written to {json_path}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write the result file here.")
@click.option("--limit", type=int, default=None, help="Only the first N articles of each path.")
@click.option("--overhead-articles", default=320, show_default=True, help="Articles for the client-overhead run.")
@click.option("--overhead-only", is_flag=True, help="Skip the model runs; measure the client overhead only.")
@click.option(
    "--batch-articles", default=0, show_default=True, type=click.IntRange(0),
    help="Also time `batch prepare` and `batch collect` on this many generated articles (CPU ms per article).",
)  # fmt: skip
@click.option("--batch-only", is_flag=True, help="Measure only `batch prepare` and `batch collect`.")
@_verbose
def bench(  # noqa: PLR0917 - one parameter per option, as click passes them
    paths: tuple[Path, ...],
    json_path: Path | None,
    limit: int | None,
    overhead_articles: int,
    overhead_only: bool,
    batch_articles: int,
    batch_only: bool,
) -> None:
    """Time the project against the single-call floor and plain instructor on PATHS (.txt, folders, .jsonl)."""
    from .devtools.bench import dumps, run_bench  # noqa: PLC0415 - dev tools, off the run path
    from .devtools.evaluate import load_dataset  # noqa: PLC0415

    with _exit_codes():
        settings = _settings()
        articles = [a for path in paths for a in load_dataset(path)[:limit]]
        if batch_only and not batch_articles:
            raise click.UsageError("--batch-only measures the batch files: give --batch-articles N")
        result = asyncio.run(
            run_bench(
                articles, settings, overhead_articles=overhead_articles, model_runs=not (overhead_only or batch_only),
                overhead_runs=not batch_only, batch_articles=batch_articles,
            )
        )  # fmt: skip
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
        "server_start_seconds", "parallel_requests", "client_overhead", "batch_overhead", "peak_memory_mb",
    ):  # fmt: skip
        console.print(f"{key}: {payload[key]}", markup=False)
    if json_path is not None:
        write_atomic(json_path, dumps(result) + "\n")
        click.echo(f"result written to {json_path}")


@main.command()
@click.argument("briefs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_verbose
def show(briefs: tuple[Path, ...]) -> None:
    """Print BRIEFS (brief .json files, or a briefs.jsonl) readably: what, who, when, figures, sources, confidence."""
    with _exit_codes():
        show_briefs(briefs, Console())


@main.command()
@_verbose
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
