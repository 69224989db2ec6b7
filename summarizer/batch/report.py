"""Batch reports: ``report.md`` and a self-contained ``report.html``.

Both are rendered from Jinja2 templates shipped inside the package
(``summarizer/batch/templates``). The HTML report shows each brief beside its article
text, with every figure's and source's quote highlighted (``<mark id=...>``) and
linked from the brief; the figure as written is emphasised inside its quote.
Quotes may overlap or repeat, so the text is cut at every span boundary and the
highlights are nested, a highlight that crosses another being split into pieces
of which only the first carries the id: every link target exists exactly once.
All text goes through the template engine's escaping (autoescape for HTML, a
Markdown escape for the Markdown report); nothing from an article or a model is
ever marked safe.

The reports are streamed: ``stream_reports`` yields each page in pieces, and
the entries are read again for each part of the page that lists them (a list, or an object whose
``iter()`` reads them again from disk), so a report over an archive never holds it in memory.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, NamedTuple

import jinja2

from ..schema import Brief
from .digest import Digest, DigestEntry, DigestGroup, Pair

__all__ = ["ReportEntry", "ReportPages", "md_escape", "render_html", "render_markdown", "stream_reports"]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One article of a batch as the reports show it."""

    id: str
    text: str | None
    brief: Brief | None
    error: str | None
    seconds: float
    cached: bool


@dataclass(frozen=True, slots=True)
class Piece:
    """A token of the highlighted article text: a run of text, or an opening or closing tag."""

    kind: str  # "text", "open" or "close"
    tag: str = ""  # "mark", "strong" or "span"
    text: str = ""
    cls: str = ""
    anchor: str | None = None
    title: str = ""


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    rank: int  # order among spans with the same extent: outer first
    tag: str
    cls: str
    title: str
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """Everything the templates need for one article (its highlighted text made when asked for)."""

    index: int
    slug: str
    entry: ReportEntry
    spans: list[_Span]
    figure_anchors: list[str | None]
    source_anchors: list[str | None]

    @property
    def pieces(self) -> list[Piece]:
        """The article text cut into highlighted pieces (only the article sections need them)."""
        text = self.entry.text
        return nest_spans(text, self.spans) if text is not None else []


@dataclass(frozen=True, slots=True)
class GroupView:
    """One digest group with the links of its entries and its pairs in words."""

    group: DigestGroup
    articles: list[str | None]
    links: list[str | None]
    conflicts: list[str]
    agreements: list[str]
    in_conflict: frozenset[int]


@dataclass(frozen=True, slots=True)
class Totals:
    """The numbers in the report header."""

    articles: int
    briefed: int
    failed: int
    cached: int
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    calls: int


def _locate(text: str | None, quote: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text``: its span when that slices it, else its first occurrence."""
    if text is None:
        return None
    start, end = span
    if text[start:end] == quote and end <= len(text):
        return start, end
    found = text.find(quote) if quote else -1
    return (found, found + len(quote)) if found >= 0 else None


def nest_spans(text: str, spans: Sequence[_Span]) -> list[Piece]:
    """Cut ``text`` at every span boundary into properly nested open/text/close pieces.

    Spans are opened outermost first; one that crosses the end of the span it
    opens inside is split there and continues after it without its anchor.
    """
    heap = [(s.start, -s.end, s.rank, seq, s) for seq, s in enumerate(spans)]
    heapq.heapify(heap)
    seq = len(heap)
    out: list[Piece] = []
    stack: list[_Span] = []
    pos = 0

    def emit(upto: int) -> None:
        nonlocal pos
        if upto > pos:
            out.append(Piece("text", text=text[pos:upto]))
            pos = upto

    while heap or stack:
        if stack and (not heap or stack[-1].end <= heap[0][0]):
            closing = stack.pop()
            emit(closing.end)
            out.append(Piece("close", tag=closing.tag))
            continue
        _, _, rank, _, span = heapq.heappop(heap)
        emit(span.start)
        if stack and span.end > stack[-1].end:
            rest = replace(span, start=stack[-1].end, anchor=None, cls=f"{span.cls} cont")
            heapq.heappush(heap, (rest.start, -rest.end, rank, seq, rest))
            seq += 1
            span = replace(span, end=stack[-1].end)
        out.append(Piece("open", tag=span.tag, cls=span.cls, anchor=span.anchor, title=span.title))
        stack.append(span)
    emit(len(text))
    return out


def _article_view(index: int, entry: ReportEntry) -> ArticleView:
    slug = f"a{index}"
    spans: list[_Span] = []
    figure_anchors: list[str | None] = []
    source_anchors: list[str | None] = []
    brief, text = entry.brief, entry.text
    if text is not None and brief is not None:
        for removed in brief.meta.removed:
            if removed.span[1] <= len(text):
                spans.append(_Span(*removed.span, 0, "span", "removed", f"removed: {removed.reason}"))
    for i, figure in enumerate(brief.figures if brief else []):
        where = _locate(text, figure.quote, figure.span)
        anchor = f"{slug}-fig{i}" if where else None
        figure_anchors.append(anchor)
        if where:
            spans.append(_Span(*where, 1, "mark", "fig", f"figure {i + 1}: {figure.text}", anchor))
            offset = figure.quote.find(figure.text) if figure.text else -1
            if offset >= 0:
                start = where[0] + offset
                spans.append(_Span(start, start + len(figure.text), 2, "strong", "num", figure.text))
    for j, source in enumerate(brief.sources if brief else []):
        where = _locate(text, source.quote, source.span)
        anchor = f"{slug}-src{j}" if where else None
        source_anchors.append(anchor)
        if where:
            spans.append(_Span(*where, 1, "mark", "src", f"source {j + 1}: {source.name}", anchor))
    return ArticleView(index, slug, entry, spans, figure_anchors, source_anchors)


class _Views:
    """The article views of ``entries``, made again on each iteration (the templates list them thrice)."""

    def __init__(self, entries: Iterable[ReportEntry]) -> None:
        self._entries = entries

    def __iter__(self) -> Iterator[ArticleView]:
        return (_article_view(i, entry) for i, entry in enumerate(self._entries))


def _describe(entry: DigestEntry) -> str:
    return f"{entry.text} ({entry.source or 'unattributed'})"


def _pair_words(group: DigestGroup, pairs: Sequence[Pair]) -> list[str]:
    return [f"{_describe(group.entries[p.a])} vs {_describe(group.entries[p.b])}" for p in pairs]


def _group_view(group: DigestGroup, by_name: dict[str, tuple[str, list[str | None]]]) -> GroupView:
    slugs: list[str | None] = []
    links: list[str | None] = []
    for entry in group.entries:
        slug, anchors = by_name.get(entry.article, (None, []))
        slugs.append(slug)
        links.append(anchors[entry.figure_index] if entry.figure_index < len(anchors) else None)
    conflicts, agreements = group.conflicts, group.agreements
    in_conflict = frozenset(i for p in conflicts for i in (p.a, p.b))
    return GroupView(group, slugs, links, _pair_words(group, conflicts), _pair_words(group, agreements), in_conflict)


def _totals(entries: Iterable[ReportEntry]) -> Totals:
    articles = briefed = cached = prompt = completion = calls = 0
    seconds = 0.0
    for entry in entries:
        articles += 1
        seconds += entry.seconds
        if entry.brief is not None:
            usage = entry.brief.meta.usage
            briefed += 1
            cached += entry.cached
            prompt, completion, calls = (
                prompt + usage.prompt_tokens,
                completion + usage.completion_tokens,
                calls + usage.calls,
            )
    return Totals(articles, briefed, articles - briefed, cached, seconds, prompt, completion, calls)


def _number(value: float) -> str:
    """A figure's normalised value for people: 8000000.0 → "8,000,000", 2.5 → "2.5"."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(value: object) -> str:
    """Text for Markdown: one line, every character that could start markup or HTML backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(value)))


class _Raw(str):
    """Markdown the report built itself (a code span): written as is, not escaped again."""

    __slots__ = ()


def _md_finalize(value: object) -> str:
    return value if isinstance(value, _Raw) else md_escape(value)


def _md_code(value: object) -> _Raw:
    """An inline code span (file names), fenced with enough backticks for its content."""
    text = " ".join(str(value).split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return _Raw(f"{fence}{pad}{text}{pad}{fence}")


@cache
def _environment(kind: str) -> jinja2.Environment:
    options: dict[str, Any] = {
        "loader": jinja2.PackageLoader("summarizer.batch", "templates"),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    if kind == "html":
        env = jinja2.Environment(autoescape=True, **options)
    else:
        env = jinja2.Environment(autoescape=False, finalize=_md_finalize, **options)
        env.filters["code"] = _md_code
    env.filters["number"] = _number
    return env


def _context(entries: Iterable[ReportEntry], digest: Digest) -> dict[str, Any]:
    articles = _Views(entries)
    linked = {e.article for group in digest.groups for e in group.entries}
    by_name: dict[str, tuple[str, list[str | None]]] = {}
    for view in articles if linked else ():
        if view.entry.id in linked:
            by_name.setdefault(view.entry.id, (view.slug, view.figure_anchors))
    return {
        "totals": _totals(entries),
        "articles": articles,
        "groups": [_group_view(group, by_name) for group in digest.groups],
    }


class ReportPages(NamedTuple):
    """The two report pages, each rendered in pieces as it is read."""

    markdown: Iterator[str]
    html: Iterator[str]


def stream_reports(entries: Iterable[ReportEntry], digest: Digest) -> ReportPages:
    """Both pages in pieces, over one context (totals and digest links counted once for the two).

    ``entries`` is iterated several times (see the module docstring).
    """
    context = _context(entries, digest)
    return ReportPages(
        _environment("md").get_template("report.md.j2").generate(context),
        _environment("html").get_template("report.html.j2").generate(context),
    )


def render_markdown(entries: Sequence[ReportEntry], digest: Digest) -> str:
    """The batch report as Markdown: totals, failures, every brief and the cross-article digest."""
    return "".join(stream_reports(entries, digest).markdown)


def render_html(entries: Sequence[ReportEntry], digest: Digest) -> str:
    """The batch report as one self-contained HTML page, each brief beside its highlighted article text."""
    return "".join(stream_reports(entries, digest).html)
