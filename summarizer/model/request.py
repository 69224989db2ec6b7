"""The model request for one article: messages from the templates, and the answer schema.

The answer schema is built per article: every choice is a ``Literal`` of the
ids the code found, so a grammar-constrained server can only answer with ids
that exist. (llama.cpp's grammar ignores numeric bounds, so nothing here relies
on ``minimum``/``maximum``; list lengths are capped again in code.)
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import instructor
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ConfigDict, Field, create_model

from ..evidence.gather import Evidence, FigureItem, SentenceItem, SourceItem, lead_sentences
from ..settings import Picks
from .prompts import PromptSet

__all__ = [
    "INSTRUCTIONS_TEMPLATE",
    "USER_TEMPLATE",
    "BriefRequest",
    "Choice",
    "Shown",
    "answer_schema",
    "build_request",
    "prompt_hash",
    "shown",
]

INSTRUCTIONS_TEMPLATE = "brief.instructions.j2"
USER_TEMPLATE = "brief.user.j2"

ConfidenceLevel = Literal["high", "medium", "low"]

PROMPT_FIGURES = 24  # best-ranked figure candidates shown to the model
PROMPT_SOURCES = 16  # first attributions shown to the model


class Choice(BaseModel):
    """The model's answer, in plain Python terms, whatever schema it was asked with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    support: str | None = None
    figures: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    confidence: ConfidenceLevel | None = None


@dataclass(frozen=True, slots=True)
class BriefRequest:
    """Messages and the per-article answer schema."""

    messages: list[ChatCompletionMessageParam]
    answer_schema: type[BaseModel]
    prompt_hash: str


class _Answer(instructor.OpenAISchema):
    # Instructor wraps any other response class in a new one on every call (about 1 ms); it uses this one as is.
    model_config = ConfigDict(extra="forbid")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The JSON schema; the default one is built once per class (instructor asks for it on every call)."""
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_default_schema(cls))


@lru_cache(maxsize=256)
def _default_schema(schema: type[_Answer]) -> dict[str, Any]:
    return super(_Answer, schema).model_json_schema()


def _literal(ids: list[str]) -> Any:
    return Literal.__getitem__(tuple(ids))


@dataclass(frozen=True, slots=True)
class Shown:
    """The part of the evidence the model is shown: bounded, whatever the article's length."""

    sentences: tuple[SentenceItem, ...]
    figures: tuple[FigureItem, ...]
    sources: tuple[SourceItem, ...]


def shown(evidence: Evidence, *, max_sentences: int) -> Shown:
    """The first ``max_sentences`` sentences, the best-ranked figures and the first attributions.

    A long article is read in full by the code (every figure and attribution, with offsets into the
    whole text); the model sees its lead and the top of the ranking, so the prompt stays bounded.
    """
    return Shown(
        evidence.sentences[:max_sentences],
        evidence.figures[:PROMPT_FIGURES],
        evidence.sources[:PROMPT_SOURCES],
    )


def answer_schema(
    evidence: Evidence, view: Shown, *, pick_figures: int, pick_sources: int, confidence: bool = True
) -> type[BaseModel]:
    """The answer schema: a Pydantic class whose fields only admit the ids the model is shown.

    A kind the model picks none of gets no field. Its JSON schema's title is "Brief".
    """
    return _answer_schema(
        tuple(s.id for s in lead_sentences(evidence)[1:]),
        tuple(f.id for f in view.figures) if pick_figures else (),
        tuple(a.id for a in view.sources) if pick_sources else (),
        pick_figures,
        pick_sources,
        confidence=confidence,
    )


@lru_cache(maxsize=256)
def _answer_schema(
    options: tuple[str, ...],
    figures: tuple[str, ...],
    sources: tuple[str, ...],
    pick_figures: int,
    pick_sources: int,
    *,
    confidence: bool,
) -> type[BaseModel]:
    # Cached: ids are numbered from 1 in every article, so most articles share a handful of schemas.
    fields: dict[str, Any] = {}
    if options:
        fields["support"] = (
            _literal(list(options)),
            Field(description="id of the sentence that adds most to the first one"),
        )
    if figures:
        fields["figures"] = (
            list[_literal(list(figures))],  # type: ignore[misc]
            Field(max_length=pick_figures, description="ids of the key figures, best first"),
        )
    if sources:
        fields["sources"] = (
            list[_literal(list(sources))],  # type: ignore[misc]
            Field(max_length=pick_sources, description="ids of the attributions behind the main claims"),
        )
    if confidence:
        fields["confidence"] = (ConfidenceLevel, Field(description="high, medium or low"))
    return create_model("Brief", __base__=_Answer, **fields)


def template_variables(
    evidence: Evidence, view: Shown, *, pick_figures: int, pick_sources: int, confidence: bool = True
) -> dict[str, Any]:
    """What the templates see: the numbered sentences, figures and attributions."""
    return {
        "title": None,
        "sentences": [
            {"id": s.id, "text": " ".join(s.text.split()), "headline": s.span == evidence.article.title}
            for s in view.sentences
        ],
        "figures": [
            {
                "id": f.id,
                "text": f.candidate.span.of(evidence.text),
                "unit": f.candidate.unit,
                "measures": f.candidate.measures,
                "source": f.source.name if f.source else None,
                "sentence": f.sentence.id,
            }
            for f in view.figures
        ],
        "sources": [
            {
                "id": a.id,
                "name": a.candidate.name,
                "kind": a.candidate.kind,
                "cue": a.candidate.cue,
                "sentence": a.sentence.id,
            }
            for a in view.sources
        ],
        "max_figures": pick_figures,
        "max_sources": pick_sources,
        "ask_confidence": confidence,
    }


def prompt_hash(prompts: PromptSet) -> str:
    """Hash of the templates every brief is asked with (part of the cache key and of each brief's meta)."""
    return prompts.hash([INSTRUCTIONS_TEMPLATE, USER_TEMPLATE])


def build_request(
    evidence: Evidence,
    prompts: PromptSet,
    *,
    title: str | None = None,
    max_figures: int,
    max_sources: int,
    max_sentences: int = 40,
    picks: Picks,
    confidence: bool = True,
) -> BriefRequest:
    """Render the messages and build the answer schema for one article (``title`` overrides the found one)."""
    view = shown(evidence, max_sentences=max_sentences)
    asked: dict[str, Any] = {
        "pick_figures": min(max_figures, picks.figures),
        "pick_sources": min(max_sources, picks.sources),
        "confidence": confidence,
    }
    variables = template_variables(evidence, view, **asked)
    if title:
        variables["title"] = " ".join(title.split())
    # One user message, instructions first and the article last: Gemma's chat format drops system
    # messages, and a shared prefix lets a server reuse its prompt cache across articles.
    messages: list[ChatCompletionMessageParam] = [
        {"role": "user", "content": prompts.render(USER_TEMPLATE, variables)},
    ]
    return BriefRequest(
        messages=messages,
        answer_schema=answer_schema(evidence, view, **asked),
        prompt_hash=prompt_hash(prompts),
    )
