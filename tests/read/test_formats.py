"""Article formats: Markdown rendered with offsets, JSON articles, HTML metadata; the text a brief's spans index."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from summarizer import InputError, Settings, article_text, summarize, summarize_file
from summarizer.devtools.fake_server import FakeServer
from summarizer.evidence.attribution import find_attributions
from summarizer.read.formats import article_from_data
from summarizer.read.input import prepare_text
from summarizer.spans import Span

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

MARKDOWN = """# Troops cross the border

**Bloomberg** reported on Monday that about 3,000 soldiers had crossed the border,
according to [The Times](https://times.example/world/troops "The Times").

- The ministry said 12 villages were evacuated.
"""
PAGE = """<!doctype html><html><head><title>Plan | El Diario</title>
<meta property="og:title" content="El Gobierno aprueba un plan de riego">
<meta property="article:published_time" content="2024-03-11T09:00:00+01:00">
<meta name="author" content="Ana López"></head><body><article>
<h1>El Gobierno aprueba un plan de riego</h1>
<p>El Gobierno aprobó el lunes un plan de 3.500 millones de euros para modernizar el regadío.</p>
<p>El paro juvenil bajó al 23,5 % en febrero y unos 1,2 millones de hogares recibirán ayudas.</p>
</article></body></html>"""


def test_markdown_is_read_as_its_text_with_offsets_into_the_source() -> None:
    article = article_from_data(MARKDOWN.encode(), "story.md", suffix=".md", max_chars=100_000)
    assert article.format == "markdown"
    assert "**" not in article.text and "https://" not in article.text and "#" not in article.text
    assert "according to The Times." in article.text
    start = article.text.index("Bloomberg")
    a, b = article.source_span(start, start + len("Bloomberg"))
    assert MARKDOWN[a:b] == "Bloomberg"
    sentence = next(s for s in article.text.split("\n\n") if "Bloomberg" in s)
    offset = article.text.index(sentence)
    found = find_attributions(article.text, [Span(offset, offset + len(sentence))])
    assert {"Bloomberg", "The Times"} <= {a.name for a in found}, "a link does not break an attribution"


def test_markup_never_reaches_what(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    with FakeServer() as server:
        brief = summarize_file(path, settings=Settings(base_url=server.base_url, endpoint_kind="llama_cpp"))
    assert brief.what.startswith("Bloomberg reported on Monday") and "*" not in brief.what
    assert brief.title == "Troops cross the border"


def test_a_json_article_carries_its_metadata() -> None:
    data = json.dumps({"id": "x1", "title": "Troops", "url": "https://n.example/1", "published": "2024-03-13",
                       "text": "Officials said 1,500 troops arrived on Friday."}).encode()  # fmt: skip
    article = article_from_data(data, "one.json", suffix=".json", max_chars=100_000)
    assert (article.text, article.title, article.url, article.published) == (
        "Officials said 1,500 troops arrived on Friday.", "Troops", "https://n.example/1", "2024-03-13",
    )  # fmt: skip
    with pytest.raises(InputError, match='no "text" string'):
        article_from_data(b'{"title": "x"}', "bad.json", suffix=".json", max_chars=100_000)


def test_html_metadata_feeds_the_brief_and_its_spans_check_against_the_extracted_text() -> None:
    assert prepare_text(PAGE, "page.html", max_chars=100_000).published == "2024-03-11"
    with FakeServer() as server:
        brief = summarize(PAGE, settings=Settings(base_url=server.base_url, endpoint_kind="llama_cpp"))
    assert brief.title == "El Gobierno aprueba un plan de riego" and brief.author == "Ana López"
    assert brief.when == "lunes (2024-03-11)" and brief.when_kind == "event", "not a bare weekday"
    text = article_text(PAGE)
    assert brief.text_sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert brief.figures and all(text[f.span[0] : f.span[1]] == f.quote for f in brief.figures)


def test_a_given_title_is_kept_in_the_brief() -> None:
    with FakeServer() as server:
        settings = Settings(base_url=server.base_url, endpoint_kind="llama_cpp")
        brief = summarize("Officials said 1,500 troops arrived on Friday.", title="Troops arrive", settings=settings)
    assert brief.title == "Troops arrive"
