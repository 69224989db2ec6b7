"""summarize(): read → clean → evidence → request → model → ground → confidence → Brief.

A ``Pipeline`` holds one model session (``model.session``) and is reused for every
article of a batch; the module-level functions make a short-lived one per call.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Coroutine
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

from ..errors import EmptyInputError, SummarizerError
from ..evidence.gather import Evidence, gather_evidence
from ..model.client import ModelClient, UsageTally
from ..model.prompts import load_prompts
from ..model.request import BriefRequest, build_request, prompt_hash
from ..model.session import ModelSession
from ..read.clean import clean_text
from ..read.input import ArticleInput, load_file, prepare_text
from ..schema import Brief, Meta, Removed, Usage
from ..settings import Settings, get_settings
from .article import article_fields
from .ask import Asked, ask_model
from .confidence import earn_confidence
from .ground import ground

__all__ = ["Briefer", "Pipeline", "asummarize", "summarize", "summarize_file"]

log = logging.getLogger("summarizer")


class Briefer(Protocol):
    """What briefs prepared articles, used as an async context manager around them.

    A ``Pipeline`` does it in this process; ``batch.workers.WorkerPool`` shares the work among child
    processes. A batch runs against either.
    """

    @property
    def prompt_hash(self) -> str:
        """Hash of the templates every brief is asked with (part of a brief's cache key)."""
        ...

    async def brief(self, article: ArticleInput, *, title: str | None = None) -> Brief:
        """The grounded brief of one prepared article."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Pipeline:
    """Summarizes articles against one endpoint, in this process (a ``Briefer``); use as an async context manager."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.prompts = load_prompts(self.settings.prompts_dir)
        self.session = ModelSession(self.settings)

    async def client(self) -> ModelClient:
        """The model client of this pipeline's session (starting the embedded server as needed)."""
        return await self.session.client()

    @property
    def prompt_hash(self) -> str:
        """Hash of the templates every brief of this pipeline is asked with."""
        return prompt_hash(self.prompts)

    async def __aenter__(self) -> Pipeline:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the model connection (the embedded server lives on until process exit)."""
        await self.session.aclose()

    def evidence(self, article: ArticleInput) -> Evidence:
        """Clean the article and gather its numbered evidence (no model involved)."""
        cleaned = clean_text(article.text)
        evidence = gather_evidence(cleaned, published=article.published)
        if not evidence.sentences:
            raise EmptyInputError(article.origin, "no article text left after removing page furniture")
        return evidence

    def request(self, article: ArticleInput, *, title: str | None = None) -> tuple[Evidence, BriefRequest]:
        """The evidence and the model request for one article (no model involved)."""
        settings = self.settings
        evidence = self.evidence(article)
        request = build_request(
            evidence,
            self.prompts,
            mode=settings.resolved_mode,
            title=title,
            max_sentences=settings.max_prompt_sentences,
        )
        return evidence, request

    async def brief(self, article: ArticleInput, *, title: str | None = None) -> Brief:
        """The grounded brief of one prepared article (``title`` overrides the page's)."""
        started = time.perf_counter()
        settings = self.settings
        title = title or article.title
        evidence, request = self.request(article, title=title)
        tally = UsageTally()
        asked = None
        if settings.uses_model:
            asked = await ask_model(
                self.session, request, evidence, tally, max_reasks=settings.max_reasks, max_figures=settings.max_figures
            )
        return self.assemble(article, evidence, request, asked, tally, title=title, started=started)

    def assemble(
        self,
        article: ArticleInput,
        evidence: Evidence,
        request: BriefRequest,
        asked: Asked | None,
        tally: UsageTally,
        *,
        title: str | None,
        started: float,
    ) -> Brief:
        """The Brief from the checked answer (``asked``; None: no model) and what the calls cost.

        ``brief`` calls it after asking live; a batch's collect calls it with the answers of a results
        file, so the same answers give the same brief either way (``started``: a ``perf_counter`` time,
        the start of ``meta.seconds``).
        """
        settings = self.settings
        grounded = ground(evidence, asked, max_figures=settings.max_figures, max_sources=settings.max_sources)
        model_level = asked.answer.confidence if asked is not None and asked.answer is not None else None
        confidence = earn_confidence(evidence, grounded, model_level)
        text = evidence.text
        meta = Meta(
            model=settings.resolved_model if settings.uses_model else "none",
            endpoint_kind=settings.resolved_endpoint_kind,
            prompt_hash=request.prompt_hash,
            usage=Usage(
                prompt_tokens=tally.prompt_tokens, completion_tokens=tally.completion_tokens, calls=tally.calls
            ),
            attempts=max(1, tally.calls),
            retries=tally.retries,
            seconds=round(time.perf_counter() - started, 3),
            dropped_ungrounded=grounded.dropped_ungrounded,
            what_by=grounded.what_by,
            figures_by=grounded.figures_by,
            checks=asked.notes if asked is not None else ["no model asked: the code's own brief"],
            model_confidence=model_level,
            candidate_figures=grounded.candidates,
            removed=[
                Removed(reason=r.reason, span=(r.span.start, r.span.end), text=r.span.of(text)[:80])
                for r in evidence.article.removed
            ],
            candidates={
                "sentences": len(evidence.sentences),
                "figures": len(evidence.figures),
                "sources": len(evidence.sources),
                "chosen_by_model": grounded.chosen,
            },
        )
        log.info(
            "%s: %d figures, %d sources, %d+%d tokens, %.1fs",
            article.origin, len(grounded.figures), len(grounded.sources),
            tally.prompt_tokens, tally.completion_tokens, meta.seconds,
        )  # fmt: skip
        return Brief(
            what=grounded.what_text,
            what_sentences=grounded.what,
            who=grounded.who,
            when=grounded.when,
            when_kind=grounded.when_kind,
            where=grounded.where,
            figures=grounded.figures,
            sources=grounded.sources,
            confidence=confidence,
            meta=meta,
            **article_fields(article, evidence, title),
        )


def _run(job: Coroutine[Any, Any, Brief]) -> Brief:
    """Run ``job`` in a fresh event loop, or say what to do instead when one is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False  # run below, outside this handler, so no error gets this one as its context
    else:
        running = True
    if running:
        job.close()
        raise SummarizerError("summarize() was called inside a running event loop: use `await asummarize(...)` there")
    return asyncio.run(job)


async def asummarize(text: str, *, title: str | None = None, settings: Settings | None = None) -> Brief:
    """Summarize article ``text`` into a grounded Brief (async)."""
    async with Pipeline(settings) as pipeline:
        article = prepare_text(text, "<text>", max_chars=pipeline.settings.max_input_chars)
        return await pipeline.brief(article, title=title)


def summarize(text: str, *, title: str | None = None, settings: Settings | None = None) -> Brief:
    """Summarize article ``text`` into a grounded Brief.

    Runs its own event loop; inside async code call ``asummarize`` instead.
    """
    return _run(asummarize(text, title=title, settings=settings))


async def _summarize_path(path: Path, settings: Settings | None) -> Brief:
    async with Pipeline(settings) as pipeline:
        article = load_file(path, max_chars=pipeline.settings.max_input_chars)
        return await pipeline.brief(article)


def summarize_file(path: str | Path, *, settings: Settings | None = None) -> Brief:
    """Read an article file (text or HTML, any common encoding) and summarize it."""
    return _run(_summarize_path(Path(path), settings))
