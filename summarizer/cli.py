"""The command line: ``summarizer run PATH... --out DIR``.

The only place that prints and that turns SummarizerError into exit codes:
0 every article briefed, 1 some article failed, 2 usage error, 3 the model
or its configuration could not work at all.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import click
from pydantic import ValidationError

from ._batch import ArticleResult, collect_articles, run_batch
from ._errors import ConfigError, EmbeddedServerError, ModelError, SummarizerError
from ._settings import Settings

__all__ = ["main"]

EXIT_OK, EXIT_ARTICLE_FAILED, EXIT_USAGE, EXIT_FATAL = 0, 1, 2, 3


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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Folder for the briefs.")
def run(paths: tuple[Path, ...], out_dir: Path) -> None:
    """Brief every article file in PATHS (files, or folders of .txt files) into OUT."""

    def show(item: ArticleResult) -> None:
        if item.brief is not None:
            brief = item.brief
            click.echo(
                f"ok    {item.id}  {item.seconds:5.1f}s  {len(brief.figures)} figures, {len(brief.sources)} sources, "
                f"confidence {brief.confidence.level}"
            )
        else:
            click.echo(f"FAIL  {item.id}  {item.error_type}: {item.error_message}", err=True)

    try:
        settings = _settings()
        articles = collect_articles(paths)
        if not articles:
            raise click.UsageError("no article files found (folders are searched for .txt files)")
        result = asyncio.run(run_batch(articles, out_dir, settings, on_result=show))
    except (ConfigError, ModelError, EmbeddedServerError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    except SummarizerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    failed = len(result.failed)
    click.echo(f"{len(result.results) - failed} of {len(result.results)} articles briefed into {out_dir}")
    sys.exit(EXIT_ARTICLE_FAILED if failed else EXIT_OK)
