"""The model request for one article: the article once, numbered, with its best figures marked.

The prompt is the instructions, then the article's kept sentences numbered ``1.``, ``2.`` …, the
code's best-ranked figure candidates marked in place (``about 10,000 [F1] soldiers``). The model
answers with what it writes (``model.answer``): ``what`` citing sentence numbers, key figures by
marker id with what each counts, sources by name. Nothing else is listed: the prompt reads the
article about once, since prefill is most of a small model's time.

Instructions come first and the article last, in one user message: Gemma's chat format drops system
messages, and a shared prefix lets a server reuse its prompt cache from one article to the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from openai.types.chat import ChatCompletionMessageParam

from ..evidence.gather import Evidence, FigureItem, SentenceItem
from ..settings import StructuredMode
from .answer import strict_schema
from .prompts import PromptSet

__all__ = [
    "INSTRUCTIONS_TEMPLATE",
    "MARKED_FIGURES",
    "MAX_KEY_FIGURES",
    "MAX_NAMED_SOURCES",
    "MAX_WHAT_WORDS",
    "USER_TEMPLATE",
    "BriefRequest",
    "build_request",
    "prompt_hash",
    "reask_message",
    "response_options",
]

INSTRUCTIONS_TEMPLATE = "brief.instructions.j2"
USER_TEMPLATE = "brief.user.j2"
MARKED_FIGURES = 8  # best-ranked candidates marked for the model to choose from
MAX_WHAT_WORDS = 45
MAX_KEY_FIGURES = 6
MAX_NAMED_SOURCES = 4  # sources the model is asked to name; the code's ranking fills the rest


@dataclass(frozen=True, slots=True)
class BriefRequest:
    """The messages for one article, what they show, and the request options of the endpoint's mode.

    ``numbered[n - 1]`` is the article sentence shown as ``n.``; ``marked`` maps a marker id ("F1") to
    its figure candidate; ``form`` is the answer's form the prompt asks for (and a re-ask asks again).
    """

    messages: list[ChatCompletionMessageParam]
    prompt_hash: str
    numbered: tuple[SentenceItem, ...]
    marked: dict[str, FigureItem]
    options: dict[str, Any]
    form: Literal["lines", "json"]


def _marked_text(evidence: Evidence, sentence: SentenceItem, marks: dict[int, str]) -> str:
    """The sentence with ``[F<n>]`` after each marked figure, on one line."""
    text = evidence.text
    pieces: list[str] = []
    pos = sentence.span.start
    for end in sorted(e for e in marks if sentence.span.start < e <= sentence.span.end):
        pieces += [text[pos:end], f" [{marks[end]}]"]
        pos = end
    pieces.append(text[pos : sentence.span.end])
    return " ".join("".join(pieces).split())


def response_options(mode: StructuredMode, marked: list[str]) -> dict[str, Any]:
    """Request options that make the endpoint hold to the answer's form, by structured-output mode.

    ``text`` (llama.cpp): none, the answer is read and checked by code; ``json_schema``: the strict
    schema (OpenAI, vLLM); ``llama_json``: llama.cpp's grammar from the same schema (slow on a large
    vocabulary); ``json``: any JSON object.
    """
    if mode == "json_schema":
        return {
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "brief", "schema": _schema(marked), "strict": True},
            }
        }
    if mode == "llama_json":
        return {"extra_body": {"response_format": {"type": "json_object", "schema": _schema(marked)}}}
    if mode == "json":
        return {"response_format": {"type": "json_object"}}
    return {}


def _schema(marked: list[str]) -> dict[str, Any]:
    return strict_schema(marked, max_figures=MAX_KEY_FIGURES, max_sources=MAX_NAMED_SOURCES)


def prompt_hash(prompts: PromptSet) -> str:
    """Hash of the templates every brief is asked with (part of the cache key and of each brief's meta)."""
    return prompts.hash([INSTRUCTIONS_TEMPLATE, USER_TEMPLATE])


def build_request(
    evidence: Evidence,
    prompts: PromptSet,
    *,
    mode: StructuredMode,
    title: str | None = None,
    max_sentences: int = 40,
) -> BriefRequest:
    """Render the messages for one article (``title``, when given, is shown as its headline)."""
    numbered = evidence.sentences[:max_sentences]
    form: Literal["lines", "json"] = "lines" if mode == "text" else "json"
    inside = [f for f in evidence.figures if any(s.span.contains(f.candidate.span) for s in numbered)]
    marked = {f"F{n}": f for n, f in enumerate(inside[:MARKED_FIGURES], start=1)}
    marks = {f.candidate.span.end: ident for ident, f in marked.items()}
    variables = {
        "title": " ".join(title.split()) if title else None,
        "sentences": [
            {
                "number": n,
                "text": _marked_text(evidence, s, marks),
                "headline": s.span == evidence.article.title,
            }
            for n, s in enumerate(numbered, start=1)
        ],
        "form": form,
        "max_words": MAX_WHAT_WORDS,
        "max_figures": MAX_KEY_FIGURES,
        "max_sources": MAX_NAMED_SOURCES,
    }
    messages: list[ChatCompletionMessageParam] = [
        {"role": "user", "content": prompts.render(USER_TEMPLATE, variables)},
    ]
    return BriefRequest(
        messages=messages,
        prompt_hash=prompt_hash(prompts),
        numbered=numbered,
        marked=marked,
        options=response_options(mode, list(marked)),
        form=form,
    )


_AGAIN = {
    "lines": "Answer again in the same four lines (FIGURES, WHAT, SOURCES, CONFIDENCE), fixed.",
    "json": "Answer again: the whole JSON object on one line, fixed.",
}


def reask_message(problems: list[str], form: Literal["lines", "json"]) -> str:
    """The follow-up user message that lists what broke the rules and asks for the answer again."""
    listed = "\n".join(f"- {p}" for p in problems)
    return f"Your answer breaks these rules:\n{listed}\n{_AGAIN[form]}"
