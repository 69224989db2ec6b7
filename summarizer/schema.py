"""The brief: Pydantic models for what summarizer returns.

Every figure and source carries a ``quote`` that is a verbatim slice of the
article text and the ``span`` ``[start, end)`` it was sliced from, so a reader
(or a test) can check ``text[start:end] == quote`` for every item.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "ActorKind",
    "Brief",
    "Candidate",
    "Citation",
    "Confidence",
    "Figure",
    "FiguresBy",
    "Meta",
    "Modality",
    "Polarity",
    "Removed",
    "Source",
    "SourceKind",
    "Usage",
    "WhatBy",
    "WhatSentence",
    "WhenKind",
]

SCHEMA_VERSION = "2.0"

# What kind of actor and source the brief names; the evidence finders classify their candidates with these.
ActorKind = Literal["person", "organization", "country", "other"]
WhenKind = Literal["event", "published"]
SourceKind = Literal["news outlet", "government", "intelligence", "military", "official", "expert", "document", "other"]
# Whether a source affirms its claim or says it is not so (a denial, "unable to verify"), and how sure it is.
Polarity = Literal["positive", "negative"]
Modality = Literal["asserted", "possible", "preliminary", "unverified"]

WhatBy = Literal["model", "model, re-asked", "extractive lead"]
FiguresBy = Literal["model", "code ranking"]

SpanField = Annotated[
    tuple[int, int],
    Field(description="[start, end) character offsets of `quote` in the article text."),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Grounded(_Strict):
    quote: str = Field(description="Verbatim span of the article text that states this item.")
    span: SpanField

    @model_validator(mode="after")
    def _span_matches_quote(self) -> _Grounded:
        start, end = self.span
        if not 0 <= start <= end or end - start != len(self.quote):
            raise ValueError(f"span {self.span} does not fit a quote of {len(self.quote)} characters")
        return self


class Actor(_Strict):
    """Someone or something the news is about."""

    name: str = Field(description="Name as the article writes it.")
    role: str | None = Field(default=None, description="Role or description as the article gives it.")
    kind: ActorKind = Field(description="person, organization, country or other.")


class Figure(_Grounded):
    """A number the article states, with what it measures and where it stands."""

    value: float = Field(description='Normalized value: "8 million" → 8000000, "200%" → 200.')
    unit: str | None = Field(default=None, description="What one unit is: soldiers, shells, %, USD, years …")
    text: str = Field(description='The figure as written, e.g. "about 10,000".')
    measures: str | None = Field(default=None, description="What the number counts, in plain words.")
    measures_by: Literal["model", "article"] = Field(
        default="article",
        description="Who wrote `measures`: the model (checked by code) or a phrase cut from the article.",
    )
    attributed_to: str | None = Field(default=None, description="Source the article credits the number to.")
    ambiguity: str | None = Field(
        default=None,
        description='Why `value` may be wrong, and the other reading: "3.500" in an article of unknown language '
        "is 3.5 with a decimal point and 3500 with a thousands separator. None when the writing is unambiguous.",
    )


class Source(_Grounded):
    """Who said or reported something, and what."""

    name: str = Field(description="Source as the article names it (its fullest name when named several ways).")
    kind: SourceKind = Field(description="What kind of source this is.")
    claim: str = Field(description="What the source said or reported, in the article's words.")
    polarity: Polarity = Field(
        default="positive", description="negative: the source denies the claim or could not verify it."
    )
    modality: Modality = Field(
        default="asserted", description="asserted, possible (may, believes), preliminary, or unverified."
    )
    name_spans: list[tuple[int, int]] = Field(
        default_factory=list,
        description="Every [start, end) where the article names this source (its pronouns and descriptions resolved).",
    )
    claims: int = Field(default=1, ge=1, description="How many of the article's attributions rest on this source.")


class Confidence(_Strict):
    """How far the brief can be trusted, earned from signals in the article and the grounding."""

    level: Literal["high", "medium", "low"] = Field(description="Coarse level derived from `score`.")
    score: float = Field(ge=0.0, le=1.0, description="0–1; see `reasons` for the signals behind it.")
    reasons: list[str] = Field(default_factory=list, description="The signals that moved the score.")


class Usage(_Strict):
    """Tokens used, summed over every model call and re-ask for one brief."""

    prompt_tokens: int = Field(default=0, ge=0, description="Prompt tokens over all attempts.")
    completion_tokens: int = Field(default=0, ge=0, description="Completion tokens over all attempts.")
    calls: int = Field(default=0, ge=0, description="Model calls made, including re-asks and retries.")

    @property
    def total_tokens(self) -> int:
        """Prompt plus completion tokens."""
        return self.prompt_tokens + self.completion_tokens


class Removed(_Strict):
    """A stretch of page furniture removed before reading."""

    reason: str = Field(description="Why it was removed: ad, bio, contact, related …")
    span: SpanField
    text: str = Field(description="The removed text (shortened to 80 characters).")


class Citation(_Strict):
    """An article sentence that a part of the brief rests on."""

    sentence: int = Field(
        ge=1, description="Its number among the article's kept sentences, from 1 (as the model saw it)."
    )
    span: SpanField


class WhatSentence(_Strict):
    """One sentence of `what`, and the article sentences it rests on."""

    text: str = Field(
        description="The sentence, as the model wrote it (or as the article does, for the extractive lead: cut at a "
        'clause break and ended with "…" when longer than the word limit).'
    )
    rests_on: list[Citation] = Field(default_factory=list, description="The article sentences behind it.")


class Candidate(_Strict):
    """A figure the code found that the brief does not list: kept so a reader can see what was passed over."""

    text: str = Field(description="The figure as written.")
    value: float = Field(description="Its normalized value.")
    unit: str | None = Field(default=None, description="Its unit, if the article gives one.")
    span: SpanField


class Meta(_Strict):
    """How the brief was made."""

    model: str = Field(description="Model name sent to the endpoint.")
    endpoint_kind: str = Field(description="embedded, llama_cpp, openai, vllm, ollama or other.")
    prompt_hash: str = Field(description="SHA-256 (first 16 hex) of the prompt templates used.")
    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this Brief schema.")
    usage: Usage = Field(default_factory=Usage, description="Token usage over every attempt.")
    attempts: int = Field(default=1, ge=1, description="Model answers requested (1 + re-asks).")
    retries: int = Field(default=0, ge=0, description="Model calls retried after a transient failure (429, 5xx …).")
    seconds: float = Field(ge=0.0, description="Wall time of the whole summarize call.")
    dropped_ungrounded: int = Field(
        default=0, ge=0, description="Model choices dropped because they could not be grounded."
    )
    what_by: WhatBy = Field(
        default="extractive lead",
        description="Who wrote `what`: the model (numbers and names checked), after one re-ask, or the article's lead.",
    )
    figures_by: FiguresBy = Field(
        default="code ranking", description="Who chose the figures: the model among marked candidates, or the code."
    )
    checks: list[str] = Field(
        default_factory=list, description="What the checks found in the model's answers, and what was done about it."
    )
    model_confidence: Literal["high", "medium", "low"] | None = Field(
        default=None, description="The model's own confidence level: one input to `confidence`, recorded."
    )
    candidate_figures: list[Candidate] = Field(
        default_factory=list, description="Figures the code found that the brief does not list, best-ranked first."
    )
    removed: list[Removed] = Field(default_factory=list, description="Page furniture removed before reading.")
    candidates: dict[str, int] = Field(
        default_factory=dict, description="How many sentences, figures and attributions the code found."
    )


class Brief(_Strict):
    """A structured, verifiable brief of one news article."""

    what: str = Field(description="One or two sentences: the main news.")
    what_sentences: list[WhatSentence] = Field(
        default_factory=list, description="`what` sentence by sentence, each with the article sentences it rests on."
    )
    who: list[Actor] = Field(default_factory=list, description="The actors of the news.")
    when: str | None = Field(default=None, description="When, as the article states it.")
    when_kind: WhenKind | None = Field(
        default=None,
        description="What `when` is: the date of the event the lead states, or (when the lead states none) the "
        "date the article was published (its dateline, page date or page metadata).",
    )
    where: str | None = Field(default=None, description="Where, as the article states it.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers the article states, each grounded.")
    sources: list[Source] = Field(default_factory=list, description="Who said or reported what, each grounded.")
    confidence: Confidence = Field(description="Confidence earned from the evidence.")
    meta: Meta = Field(description="How this brief was made.")
    title: str | None = Field(default=None, description="The headline: as given, from the page, or as found.")
    language: str | None = Field(
        default=None, description="The article's language (ISO 639-1), which decides how its numbers are read."
    )
    published: str | None = Field(default=None, description="Publication date (ISO 8601) from the page or dateline.")
    author: str | None = Field(default=None, description="Author, from the page metadata.")
    url: str | None = Field(default=None, description="Where the article was read from, when a URL is known.")
    text_sha256: str | None = Field(
        default=None,
        description="SHA-256 (hex) of the article text every span indexes: the text as given, or the text "
        "extracted from HTML or Markdown (`summarizer.article_text` returns it).",
    )
