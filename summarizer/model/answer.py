"""What the model writes for one article, and how its text is read back into ``WrittenBrief``.

Two forms carry the same content. On llama.cpp endpoints (``text`` mode) the model writes four
labelled lines, the form small instruction-tuned models keep to best, the key figures chosen before
``what`` is written so that ``what`` states the first of them::

    FIGURES: F1 = <what it counts>; F3 = <what it counts>
    WHAT: <one or two sentences, with the first figure> (<numbers of the article sentences it rests on>)
    SOURCES: <person or organization>; <another>
    CONFIDENCE: high | medium | low

It is generated without a grammar (constrained decoding costs 3–10× per token on a large vocabulary
there) and read leniently: a figure may be given by its marker id or by its number as written, a
code fence or a cut-off end is tolerated, because every piece is checked against the article
afterwards anyway (``brief.check``). Endpoints with real structured outputs (OpenAI, vLLM) get
``strict_schema``, the same content as a JSON object, and the same reader takes that too.

Hand-written rather than instructor's parser: instructor's JSON modes put the whole JSON schema into a
system message (about 400 tokens for this answer, more than a short article) and parse strictly; the
prompt states the form in four lines, and a lenient reader plus the code's checks does the rest.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import jiter
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

__all__ = ["AnswerFormatError", "Cited", "KeyFigure", "NamedSource", "WrittenBrief", "parse_answer", "strict_schema"]

ConfidenceLevel = Literal["high", "medium", "low"]


class AnswerFormatError(ValueError):
    """The model's text holds no answer that can be read (no JSON object, or none of the expected form)."""


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Cited(_Lenient):
    """One sentence the model wrote, with the article sentences it says it rests on (numbers as shown)."""

    text: str
    cites: list[int] = Field(default_factory=list)


class KeyFigure(_Lenient):
    """A figure the model chose — by marker id ("F3") or by its number as written ("10,000") — and what it counts."""

    ref: str
    counts: str = ""


class NamedSource(_Lenient):
    """A source the model named, with the sentences its claims stand in."""

    name: str
    cites: list[int] = Field(default_factory=list)


def _ints(value: Any) -> list[int]:
    """Sentence numbers from whatever the model wrote: 3, "3", [1, "2"], "1, 2", "<1, 2>"."""
    items = value if isinstance(value, list) else [value]
    out: list[int] = []
    for item in items:
        if isinstance(item, bool):
            continue
        if isinstance(item, int):
            out.append(item)
        elif isinstance(item, float) and item.is_integer():
            out.append(int(item))
        elif isinstance(item, str):
            out.extend(int(x) for x in re.findall(r"\d+", item))
    return out


def _text_and_rest(item: Any) -> tuple[str, Any] | None:
    """A ["text", rest] pair, a {"text": …, …} object or a bare "text" as (text, rest)."""
    if isinstance(item, str):
        return item, None
    if isinstance(item, dict):
        texts = [v for v in item.values() if isinstance(v, str)]
        rest = [v for v in item.values() if not isinstance(v, str)]
        if not texts:
            return None
        return texts[0], (texts[1] if len(texts) > 1 and not rest else (rest[0] if rest else None))
    if isinstance(item, list) and item:
        head = item[0]
        if isinstance(head, list) and head and isinstance(head[0], str):  # [["text"], [1, 2]]
            head = head[0]
        if isinstance(head, (int, float)) and not isinstance(head, bool):
            head = str(head)
        if isinstance(head, str):
            return head, item[1] if len(item) > 1 else None
    return None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


class WrittenBrief(_Lenient):
    """The model's answer, normalized: what it wrote and chose, not yet checked against the article."""

    what: list[Cited] = Field(min_length=1)
    figures: list[KeyFigure] = Field(default_factory=list)
    sources: list[NamedSource] = Field(default_factory=list)
    confidence: ConfidenceLevel | None = None

    @model_validator(mode="before")
    @classmethod
    def _normalize(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        what = _list(data.get("what"))
        if (  # one sentence written as [["text"], [1, 2]]
            len(what) == 2
            and isinstance(what[0], list)
            and len(what[0]) == 1
            and isinstance(what[1], list)
            and all(isinstance(x, int) for x in what[1])
        ):
            what = [[what[0][0], what[1]]]
        confidence = data.get("confidence")
        confidence = confidence.strip().lower() if isinstance(confidence, str) else None
        return {
            "what": [
                {"text": p[0], "cites": _ints(p[1]) if p[1] is not None else []}
                for p in map(_text_and_rest, what)
                if p and p[0].strip()
            ],
            "figures": [
                {"ref": p[0].strip(), "counts": p[1] if isinstance(p[1], str) else ""}
                for p in map(_text_and_rest, _list(data.get("figures")))
                if p
            ],
            "sources": [
                {"name": p[0].strip(), "cites": _ints(p[1]) if p[1] is not None else []}
                for p in map(_text_and_rest, _list(data.get("sources")))
                if p and p[0].strip()
            ],
            "confidence": confidence if confidence in ("high", "medium", "low") else None,
        }


_PLACEHOLDER = re.compile(r"<\s*([\d,\s]*)>")  # [<1, 2>]: the prompt's placeholder kept around the numbers


_LABEL = re.compile(r"^[ \t*#>-]*(WHAT|FIGURES|SOURCES|CONFIDENCE)\s*[:=]\s*", re.IGNORECASE | re.MULTILINE)
_CITES = re.compile(r"\s*\((?:sentences?\s*)?([\d,\s and]+)\)\s*\.?\s*$", re.IGNORECASE)
# The prompt's figure markers copied back: "16 [F1] civilians", or "(F1)" / "(F2, F3)" where sentence numbers go.
_MARKER = re.compile(r"\s*(?:\[F\d+\]|\(F\d+(?:\s*,\s*F\d+)*\))")
_FIGURE_REF = re.compile(r"^\s*\[?(F\d+)\]?(?!\w)\s*(?:[=:()-]\s*)?", re.IGNORECASE)
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s*\n\s*|,\s+(?=\[?F\d+\b|[$€£]?\d)")
_NAME_SPLIT = re.compile(r"\s*[;,\n]\s*|\s+and\s+")


def _cited(line: str) -> list[Any] | None:
    """The WHAT line as ``[text, cites]``: the sentence, and the numbers in its closing brackets."""
    text = _MARKER.sub("", line.strip().strip("`"))
    if not text or text.lower() in ("none", "n/a"):
        return None
    cites: list[int] = []
    if cited := _CITES.search(text):
        head = text[: cited.start()].rstrip()
        cites, text = _ints(cited.group(1)), head + ("" if head.endswith((".", "!", "?")) else ".")
    return [text, cites]


def _lines(content: str) -> dict[str, Any] | None:
    """The labelled-lines form as the JSON form's dict, or None when it has no WHAT line."""
    found = list(_LABEL.finditer(content))
    ends = [m.start() for m in found[1:]] + [len(content)] if found else []
    fields = {m.group(1).upper(): content[m.end() : end].strip() for m, end in zip(found, ends, strict=True)}
    what = _cited(fields.get("WHAT", ""))
    if what is None:
        return None
    figures = []
    for raw in _ITEM_SPLIT.split(fields.get("FIGURES", "")):
        item = raw.strip(" .`")
        if not item or item.lower() in ("none", "n/a"):
            continue
        if ref := _FIGURE_REF.match(item):
            figures.append([ref.group(1).upper(), item[ref.end() :].strip(" =:")])
        else:
            figures.append([item, ""])  # a number as written, perhaps with words: resolved by value
    sources = [_MARKER.sub("", s).strip(" .`") for s in _NAME_SPLIT.split(fields.get("SOURCES", ""))]
    return {
        "what": [what],
        "figures": figures,
        "sources": [s for s in sources if s and s.lower() not in ("none", "n/a")],
        "confidence": fields.get("CONFIDENCE", "").split()[0].strip(".,") if fields.get("CONFIDENCE") else None,
    }


def parse_answer(content: str) -> WrittenBrief:
    """Read the model's answer text (labelled lines or JSON); raise AnswerFormatError saying why when it holds none."""
    content = _PLACEHOLDER.sub(r"\1", content)
    lines = _lines(content)
    if lines is not None:
        try:
            return WrittenBrief.model_validate(lines)
        except ValidationError as exc:
            raise AnswerFormatError(f"the answer's lines: {exc.errors()[0]['msg']}") from exc
    start = content.find("{")
    if start < 0:
        raise AnswerFormatError("the answer has no WHAT line")
    end = content.rfind("}")
    candidates = [content[start : end + 1]] if end > start else []
    candidates.append(content[start:])  # cut off by the token cap: read what is there
    data: Any = None
    for candidate in candidates:
        try:
            data = jiter.from_json(candidate.encode(), partial_mode="trailing-strings")
            break
        except ValueError:
            continue
    if not isinstance(data, dict):
        raise AnswerFormatError("the answer's JSON could not be read")
    try:
        return WrittenBrief.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise AnswerFormatError(f"the answer's {where}: {first['msg']}") from exc


def strict_schema(
    figure_ids: list[str], *, max_sentences: int = 2, max_figures: int = 6, max_sources: int = 4
) -> dict[str, Any]:
    """The answer as a strict JSON schema (OpenAI structured outputs, vLLM guided decoding).

    Objects instead of pairs, since strict schemas have no tuple form; ``parse_answer`` reads both.
    """

    def obj(properties: dict[str, Any]) -> dict[str, Any]:
        return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}

    cites = {"type": "array", "items": {"type": "integer"}}
    figure_id: dict[str, Any] = {"type": "string", "enum": figure_ids} if figure_ids else {"type": "string"}
    return obj(
        {
            "figures": {
                "type": "array",
                "items": obj({"id": figure_id, "counts": {"type": "string"}}),
                "maxItems": max_figures,
            },
            "what": {
                "type": "array",
                "items": obj({"text": {"type": "string"}, "cites": cites}),
                "maxItems": max_sentences,
            },
            "sources": {
                "type": "array",
                "items": obj({"name": {"type": "string"}, "cites": cites}),
                "maxItems": max_sources,
            },
            "confidence": {"type": "string", "enum": ["high", "medium", "low"]},
        }
    )
