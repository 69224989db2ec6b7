"""report.md and report.html from hand-built briefs, without a browser.

The briefs here are fixtures built by ``synthetic_brief`` (valid ``Brief`` objects whose quotes and spans
really slice the given text), not cassettes: they exercise escaping, overlapping and repeated spans,
failed articles and the digest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib.resources import files

from summarizer import Brief
from summarizer.batch.digest import build_digest
from summarizer.batch.report import ReportEntry, md_escape, render_html, render_markdown
from summarizer.schema import Actor, Confidence, Figure, Meta, Removed, Source, SourceKind, Usage

XSS = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'

ARTICLE_A = (
    "Border clash\n\n"
    f"Officials said {XSS} was found on the page. {IMG}\n"
    "Defense Minister Anna Berg said about 4,000 soldiers crossed the border, nearly twice the 2,100 reported.\n"
    "According to Reuters, the fighting killed 35 civilians. The ministry said the toll was 12 civilians.\n"
    "Advertisement: buy now"
)
ARTICLE_B = "The army said the fighting killed 35 civilians on Monday, and 300 soldiers were wounded."


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def synthetic_brief(
    text: str,
    *,
    what: str,
    figures: list[tuple[str, str, float, str | None, str, str | None]],
    sources: list[tuple[str, SourceKind, str, str]],
    removed: Sequence[tuple[str, str]] = (),
    usage: tuple[int, int] = (100, 10),
) -> Brief:
    """A valid Brief over ``text``: figures are (as written, quote, value, unit, measures, attributed to),
    sources (name, kind, claim, quote), removed (reason, text); every quote is located in ``text``."""
    return Brief(
        what=what,
        who=[Actor(name="Anna Berg", role="Defense Minister", kind="person")],
        when="Monday",
        where="the border",
        figures=[
            Figure(quote=q, span=_span(text, q), value=v, unit=u, text=t, measures=m, attributed_to=a)
            for t, q, v, u, m, a in figures
        ],
        sources=[Source(quote=q, span=_span(text, q), name=n, kind=k, claim=c) for n, k, c, q in sources],
        confidence=Confidence(level="medium", score=0.55, reasons=["named source on record (+0.15)", f"odd {XSS}"]),
        meta=Meta(
            model="gemma3-270m",
            endpoint_kind="embedded",
            prompt_hash="0" * 16,
            usage=Usage(prompt_tokens=usage[0], completion_tokens=usage[1], calls=1),
            seconds=1.5,
            removed=[Removed(reason=r, span=_span(text, t), text=t) for r, t in removed],
        ),
    )


SENTENCE = "Defense Minister Anna Berg said about 4,000 soldiers crossed the border, nearly twice the 2,100 reported."
KILLED = "According to Reuters, the fighting killed 35 civilians."
# Crosses the end of KILLED: overlaps it without nesting.
CROSSING = "35 civilians. The ministry said the toll was 12 civilians."

BRIEF_A = synthetic_brief(
    ARTICLE_A,
    what=f"Troops crossed the border {XSS}",
    figures=[
        ("about 4,000", SENTENCE, 4000, "soldiers", "soldiers crossed the border", "Anna Berg"),
        ("2,100", SENTENCE, 2100, "soldiers", "reported <b>earlier</b>", None),  # same sentence again
        ("nearly twice", SENTENCE, 2, "times", "ratio", "Anna Berg"),
        ("35", KILLED, 35, "civilians", "civilians killed", "Reuters"),
        ("12", "The ministry said the toll was 12 civilians.", 12, "civilians", "civilians killed", "The ministry"),
    ],
    sources=[
        ("Anna Berg", "official", f"soldiers crossed {XSS}", SENTENCE),  # same span as three figures
        ("Reuters", "news outlet", "the fighting killed 35 civilians", KILLED),
        ("the ministry", "government", "the toll was 12", CROSSING),
        ("the page", "other", IMG, f"Officials said {XSS} was found on the page. {IMG}"),
    ],
    removed=[("ad", "Advertisement: buy now")],
)
BRIEF_B = synthetic_brief(
    ARTICLE_B,
    what="Thirty-five civilians were killed.",
    figures=[
        ("35", ARTICLE_B, 35, "civilians", "civilians killed", "The army"),
        ("300", ARTICLE_B, 300, "soldiers", "soldiers wounded", "The army"),
    ],
    sources=[("The army", "military", "the fighting killed 35 civilians", ARTICLE_B)],
    usage=(50, 5),
)
ENTRIES = [
    ReportEntry("a.txt", ARTICLE_A, BRIEF_A, None, 2.0, False),
    ReportEntry("b.txt", ARTICLE_B, BRIEF_B, None, 0.1, True),
    ReportEntry("broken.txt", None, None, "UndecodableInputError: not UTF-8 <script>x()</script>", 0.01, False),
]
DIGEST = build_digest([(e.id, e.brief) for e in ENTRIES if e.brief is not None])


@dataclass
class _Page(HTMLParser):
    """What the rendered page contains: tags, ids, local links, rows and the article texts as displayed."""

    tags: list[str] = field(default_factory=list)
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    mark_ids: list[str] = field(default_factory=list)
    classes: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    _depth: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
            if tag == "mark":
                self.mark_ids.append(str(found["id"]))
        if found.get("href"):
            self.hrefs.append(str(found["href"]))
        self.classes.extend(str(found.get("class") or "").split())
        if self._depth:
            self._depth += 1
        elif "article-text" in str(found.get("class") or ""):
            self._depth = 1
            self.texts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth:
            self.texts[-1] += data


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_html_escapes_article_and_model_text() -> None:
    html = render_html(ENTRIES, DIGEST)
    page = _page(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert all(not name.startswith("on") for name, _ in page.attrs)
    assert XSS not in html and "<img" not in html and "<b>earlier" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    # ... and the escaped text reads as the article wrote it.
    assert page.texts[0] == ARTICLE_A
    assert "Troops crossed the border &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "soldiers crossed &lt;script&gt;" in html and "odd &lt;script&gt;" in html


def test_html_is_self_contained() -> None:
    html = render_html(ENTRIES, DIGEST)
    page = _page(html)
    assert all(h.startswith(("#", "data:")) for h in page.hrefs), page.hrefs
    assert not [name for name, _ in page.attrs if name in {"src", "srcset", "action"}]
    assert not re.search(r"@import|url\(", html)
    assert (files("summarizer.batch") / "templates" / "report.html.j2").is_file()


def test_every_figure_row_and_source_item_is_present() -> None:
    page = _page(render_html(ENTRIES, DIGEST))
    figures = sum(len(e.brief.figures) for e in ENTRIES if e.brief)
    sources = sum(len(e.brief.sources) for e in ENTRIES if e.brief)
    assert page.classes.count("figure-row") == figures
    assert page.classes.count("source-item") == sources
    for index, entry in enumerate(ENTRIES):
        brief = entry.brief
        for i in range(len(brief.figures) if brief else 0):
            assert f"#a{index}-fig{i}" in page.hrefs
        for i in range(len(brief.sources) if brief else 0):
            assert f"#a{index}-src{i}" in page.hrefs


def test_every_link_target_exists_once_on_a_highlight() -> None:
    page = _page(render_html(ENTRIES, DIGEST))
    assert len(page.ids) == len(set(page.ids))
    local = [h[1:] for h in page.hrefs if h.startswith("#")]
    for target in local:
        assert page.ids.count(target) == 1, target
    expected = {
        f"a{n}-{kind}{i}"
        for n, e in enumerate(ENTRIES)
        if e.brief
        for kind, items in (("fig", e.brief.figures), ("src", e.brief.sources))
        for i in range(len(items))
    }
    assert expected <= set(page.mark_ids) and expected <= set(local)
    # Highlights of repeated and crossing spans never lose or repeat text.
    assert page.texts == [ARTICLE_A, ARTICLE_B]


def test_crossing_spans_are_split_and_the_number_emphasised() -> None:
    html = render_html(ENTRIES, DIGEST)
    assert 'class="src cont"' in html  # the crossing source continues after the figure's highlight
    for figure in BRIEF_A.figures:
        assert f'<strong class="num" title="{figure.text}">{figure.text}</strong>' in html
    assert "<span" in html and 'title="removed: ad"' in html


def test_failed_articles_and_totals_are_listed() -> None:
    html = render_html(ENTRIES, DIGEST)
    md = render_markdown(ENTRIES, DIGEST)
    assert "Failed articles" in html and "broken.txt" in html
    assert "UndecodableInputError: not UTF-8 &lt;script&gt;x()&lt;/script&gt;" in html
    assert "UndecodableInputError: not UTF-8 \\<script\\>x()\\</script\\>" in md
    assert "<b>3</b> articles" in html and "<b>2</b> briefed" in html and "<b>1</b> failed" in html
    assert "<b>1</b> cached" in html and "<b>150</b> prompt tokens" in html and "<b>15</b> completion" in html
    assert "| 3 | 2 | 1 | 1 | 2.1 | 150 | 15 | 2 |" in md
    assert 'class="badge cached"' in html and "`b.txt` (cached)" in md


def test_digest_conflicts_and_agreements_are_spelled_out() -> None:
    casualties = next(g for g in DIGEST.groups if g.key == "casualties")
    assert casualties.conflicts and casualties.agreements
    html = render_html(ENTRIES, DIGEST)
    md = render_markdown(ENTRIES, DIGEST)
    assert "conflict: 35 (Reuters) vs 12 (The ministry)" in html
    assert "**conflict:** 35 (Reuters) vs 12 (The ministry)" in md
    assert "agreement: 35 (Reuters) vs 35 (The army)" in html
    assert "**agreement:** 35 (Reuters) vs 35 (The army)" in md


def test_markdown_has_the_same_figures_and_sources_escaped() -> None:
    md = render_markdown(ENTRIES, DIGEST)
    assert "<script>" not in md.replace("`broken.txt`", "") and "\\<script\\>alert(1)\\</script\\>" in md
    for entry in ENTRIES:
        for i, figure in enumerate(entry.brief.figures if entry.brief else [], start=1):
            value = f"{figure.value:,.0f}"
            measures = md_escape(figure.measures)
            who = figure.attributed_to or "unattributed"
            row = f"| {i} | {value} | {figure.text} | {figure.unit or ''} | {measures} | {who} |"
            assert row in md, row
            assert f"> {md_escape(figure.quote)}\n" in md
        for source in entry.brief.sources if entry.brief else []:
            assert f"**{source.name}** [{source.kind}]: {md_escape(source.claim)}" in md
            assert f"> {md_escape(source.quote)}\n" in md
    assert "reported \\<b\\>earlier\\</b\\>" in md


def test_article_without_text_gets_no_dangling_links() -> None:
    entry = ReportEntry("gone.txt", None, BRIEF_B, None, 0.2, False)
    page = _page(render_html([entry], build_digest([])))
    assert page.classes.count("figure-row") == len(BRIEF_B.figures)
    assert not page.mark_ids and not [h for h in page.hrefs if "-fig" in h or "-src" in h]
    assert "could not be read" in render_html([entry], build_digest([]))
