"""``summarizer eval``: the project beside two comparators on the same articles, same model.

- **project**: the full pipeline (clean → evidence → choose → ground).
- **plain**: plain instructor — one who/what/figures/sources/confidence schema,
  the system prompt "Summarize the news article into a structured brief.", the
  article as the user message, the same model, request form and token cap.
- **nomodel**: no model at all — the first sentence after the dateline as
  ``what``, the first three numbers as figures.

Every system is scored by ``metrics`` with the same rules.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, Field

from ..brief.pipeline import Pipeline
from ..errors import InputError, SummarizerError
from ..evidence.figures import find_figures
from ..evidence.sentences import split_sentences
from ..model.client import UsageTally
from ..model.embedded import shutdown_embedded
from ..read.input import load_file, prepare_text
from ..settings import Settings
from ..spans import Span
from .metrics import ArticleScore, FigureView, StatedNumbers, score_article
from .polnear import (
    GoldAttribution,
    attribution_totals,
    brief_views,
    nomodel_views,
    parse_attributions,
    score_attributions,
)

__all__ = ["SYSTEMS", "EvalArticle", "EvalResult", "load_dataset", "plain_brief", "run_eval"]

SYSTEMS = ("project", "plain", "nomodel")
PLAIN_SYSTEM_PROMPT = "Summarize the news article into a structured brief."
_DATELINE = re.compile(r"^\s*\([^()]{0,80}\)\s*")


@dataclass(frozen=True, slots=True)
class EvalArticle:
    """One dataset line."""

    id: str
    text: str
    headline: str | None = None
    gold_numbers: tuple[float, ...] = ()
    attributions: tuple[GoldAttribution, ...] = ()


class _PlainActor(BaseModel):
    name: str
    role: str


class _PlainFigure(BaseModel):
    value: float
    unit: str
    measures: str
    attributed_to: str | None = None


class _PlainSource(BaseModel):
    name: str
    claim: str


class PlainBrief(BaseModel):
    """The plain-instructor comparator's schema."""

    who: list[_PlainActor] = Field(description="actors")
    what: str = Field(description="the main news")
    figures: list[_PlainFigure] = Field(description="numbers in the article")
    sources: list[_PlainSource] = Field(description="who said or reported what")
    confidence: Literal["high", "medium", "low"]


def load_dataset(path: Path) -> list[EvalArticle]:
    """Articles from a JSONL file (id, text, optional gold_numbers, headline) or a folder / list of .txt files."""
    if path.is_dir() or path.suffix.lower() != ".jsonl":
        files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
        return [EvalArticle(f.name, load_file(f, max_chars=2_000_000).text) for f in files]
    articles: list[EvalArticle] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            articles.append(
                EvalArticle(
                    str(row["id"]),
                    str(row["text"]),
                    row.get("headline"),
                    tuple(float(g) for g in row.get("gold_numbers") or ()),
                    parse_attributions(row.get("attributions")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{number}", f"not a dataset line with id and text ({exc})") from exc
    return articles


def _nomodel(article: EvalArticle, stated: StatedNumbers) -> tuple[str, list[FigureView]]:
    """Lead-2: the first two sentences after the dateline as ``what``, the first three numbers as figures."""
    start = _DATELINE.match(article.text)
    offset = start.end() if start else 0
    body = article.text[offset:]
    sentences = split_sentences(article.text, [Span(offset, len(article.text))]) if body.strip() else []
    what = " ".join(" ".join(s.of(article.text).split()) for s in sentences[:2])
    numbers = find_figures(article.text, sentences)[:3]
    figures = [FigureView(n.value, None, None, n.span.of(article.text), (n.span.start, n.span.end)) for n in numbers]
    return what, figures


@dataclass
class EvalResult:
    """Per-article rows and per-system totals."""

    dataset: str
    model: str
    rows: list[ArticleScore] = field(default_factory=list)

    def totals(self) -> dict[str, dict[str, Any]]:
        """The table: one column set per system."""
        out: dict[str, dict[str, Any]] = {}
        for system in dict.fromkeys(r.system for r in self.rows):  # in the order they ran
            rows = [r for r in self.rows if r.system == system]
            if not rows:
                continue
            valid = [r for r in rows if r.valid]
            figures = sum(r.figures for r in valid)
            overlaps = [r.headline_overlap for r in valid if r.headline_overlap is not None]
            seconds = sorted(r.seconds for r in rows)
            out[system] = {
                "articles": len(rows),
                "valid": len(valid),
                "gold": sum(r.gold for r in rows),
                "gold_found": sum(r.gold_found for r in valid),
                "figures": figures,
                "figures_per_brief": round(figures / len(valid), 2) if valid else 0.0,
                "max_figures_per_brief": max((r.figures for r in valid), default=0),
                "grounded": sum(r.grounded for r in valid),
                "invented": sum(r.invented for r in valid),
                "dropped": sum(r.dropped for r in valid),
                "labelled_share": round(sum(r.labelled for r in valid) / figures, 3) if figures else None,
                "attributable": sum(r.attributable for r in valid),
                "attributed_share": (
                    round(sum(r.attributed for r in valid) / a, 3)
                    if (a := sum(r.attributable for r in valid))
                    else None
                ),
                "headline_overlap": round(sum(overlaps) / len(overlaps), 3) if overlaps else None,
                "seconds_per_article": round(sum(seconds) / len(seconds), 2),
                "median_seconds": round(seconds[len(seconds) // 2], 2),
                "prompt_tokens": sum(r.prompt_tokens for r in rows),
                "completion_tokens": sum(r.completion_tokens for r in rows),
                **_what_totals(valid),
            }
            out[system].update(attribution_totals(r.attribution for r in valid))
        return out

    def to_json(self) -> str:
        """The result file: totals and every row."""
        payload = {
            "dataset": self.dataset,
            "model": self.model,
            "totals": self.totals(),
            "rows": [asdict(r) for r in self.rows],
        }
        return json.dumps(payload, indent=2, ensure_ascii=False)


def _what_totals(valid: list[ArticleScore]) -> dict[str, Any]:
    """The columns about `what`, and how much the prompt adds to the article."""
    words = sorted(r.what_words for r in valid)
    with_gold = [r.gold_in_what for r in valid if r.gold_in_what is not None]
    over = sorted(r.prompt_tokens - r.article_tokens for r in valid if r.article_tokens is not None)
    return {
        "what_words_median": words[len(words) // 2] if words else None,
        "what_words_max": words[-1] if words else None,
        "what_sentences_max": max((r.what_sentences for r in valid), default=None),
        "gold_in_what": sum(with_gold),
        "gold_in_what_of": len(with_gold),
        "what_unstated_numbers": sum(r.what_unstated_numbers for r in valid),
        "what_unknown_names": sum(r.what_unknown_names for r in valid),
        "what_by_model": sum(1 for r in valid if r.what_by in ("model", "model, re-asked")),
        "prompt_over_article_median": over[len(over) // 2] if over else None,
        "prompt_over_article_max": over[-1] if over else None,
    }


async def plain_brief(pipeline: Pipeline, article: EvalArticle, tally: UsageTally) -> tuple[str, list[FigureView]]:
    """The plain-instructor comparator: the article as the user message under a one-line system prompt."""
    client = await pipeline.client()
    messages: list[ChatCompletionMessageParam] = [
        {"role": "system", "content": PLAIN_SYSTEM_PROMPT},
        {"role": "user", "content": article.text},
    ]
    brief = await client.structured(PlainBrief, messages, tally)
    figures = [FigureView(f.value, f.measures or f.unit, f.attributed_to) for f in brief.figures]
    return brief.what, figures


def _count_tokens(base_url: str, text: str) -> int | None:
    """The article's own tokens, from a llama.cpp server's tokenizer (None where there is none)."""
    root = base_url.removesuffix("/").removesuffix("/v1")
    body = json.dumps({"input": text}).encode()
    request = urllib.request.Request(f"{root}/extras/tokenize", body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return len(json.load(response)["tokens"])
    except (OSError, ValueError, KeyError):
        return None


async def run_eval(
    articles: Iterable[EvalArticle],
    settings: Settings,
    *,
    dataset: str,
    systems: tuple[str, ...] = SYSTEMS,
    tiers: tuple[str, ...] = (),
    on_row: Callable[[ArticleScore], None] | None = None,
) -> EvalResult:
    """Run every system on every article, in the same process and against the same endpoint.

    With ``tiers`` (embedded models), the model systems run once per tier, one tier's server after the
    other, and their rows are named ``project/<tier>``, ``plain/<tier>``; ``nomodel`` runs once.
    """
    result = EvalResult(dataset=dataset, model=settings.resolved_model)
    articles = list(articles)
    if not tiers:
        await _run_systems(result, articles, settings, systems, suffix="", on_row=on_row)
        return result
    for n, tier in enumerate(tiers):
        chosen = tuple(s for s in systems if s != "nomodel" or n == 0)
        tiered = settings.model_copy(update={"embedded_model": tier})
        await _run_systems(result, articles, tiered, chosen, suffix=f"/{tier}", on_row=on_row)
        shutdown_embedded()  # the next tier gets its own server
    return result


async def _run_systems(
    result: EvalResult,
    articles: list[EvalArticle],
    settings: Settings,
    systems: tuple[str, ...],
    *,
    suffix: str,
    on_row: Callable[[ArticleScore], None] | None,
) -> None:
    async with Pipeline(settings) as pipeline:
        for article in articles:
            stated = StatedNumbers(article.text)
            gold = list(article.gold_numbers)
            for system in systems:
                started = time.perf_counter()
                tally = UsageTally()
                try:
                    dropped, article_tokens, what_by = 0, None, None
                    spoken = None
                    if system == "project":
                        prepared = prepare_text(article.text, article.id, max_chars=settings.max_input_chars)
                        brief = await pipeline.brief(prepared)
                        what, what_by = brief.what, brief.meta.what_by
                        if settings.uses_model and settings.resolved_endpoint_kind in ("embedded", "llama_cpp"):
                            client = await pipeline.client()
                            article_tokens = await asyncio.to_thread(_count_tokens, client.base_url, prepared.text)
                        views = [
                            FigureView(f.value, f.measures, f.attributed_to, f.quote, f.span) for f in brief.figures
                        ]
                        dropped = brief.meta.dropped_ungrounded
                        spoken = brief_views(brief.sources, brief.figures, article.text)
                        tally.prompt_tokens = brief.meta.usage.prompt_tokens
                        tally.completion_tokens = brief.meta.usage.completion_tokens
                    elif system == "plain":
                        if not settings.uses_model:
                            continue  # no model to ask plainly
                        what, views = await plain_brief(pipeline, article, tally)
                    else:
                        what, views = _nomodel(article, stated)
                        spoken = nomodel_views(article.text, [v.span for v in views if v.span is not None])
                except SummarizerError as exc:
                    row = ArticleScore(
                        id=article.id,
                        system=system if system == "nomodel" else system + suffix,
                        valid=False,
                        seconds=time.perf_counter() - started,
                        error=f"{type(exc).__name__}: {exc}"[:300],
                        gold=len(gold),
                        prompt_tokens=tally.prompt_tokens,
                        completion_tokens=tally.completion_tokens,
                    )
                else:
                    row = score_article(
                        id=article.id,
                        system=system if system == "nomodel" else system + suffix,
                        stated=stated,
                        what=what,
                        figures=views,
                        gold=gold,
                        headline=article.headline,
                        seconds=time.perf_counter() - started,
                        dropped=dropped,
                        prompt_tokens=tally.prompt_tokens,
                        completion_tokens=tally.completion_tokens,
                        article_tokens=article_tokens,
                        what_by=what_by,
                    )
                    if article.attributions and spoken is not None:
                        row.attribution = score_attributions(article.text, article.attributions, *spoken)
                result.rows.append(row)
                if on_row is not None:
                    on_row(row)
