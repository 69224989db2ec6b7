"""Reading articles: encodings, binary data, empty and oversized input, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer import EmptyInputError, InputError, InputTooLargeError, UndecodableInputError
from summarizer.read.input import decode_bytes, load_file, prepare_text

ARTICLE = "Officials said 1,500 troops arrived on Friday, according to Reuters."


def test_utf8_latin1_and_utf16_with_bom_decode_to_the_same_text() -> None:
    text = "Café owners said prices rose 12% in Zürich."
    assert decode_bytes(text.encode("utf-8"), "a.txt") == text
    assert decode_bytes(text.encode("latin-1"), "a.txt") == text
    assert decode_bytes(text.encode("utf-16"), "a.txt") == text  # Python writes the BOM
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt") == text


def test_binary_data_is_refused_naming_the_input() -> None:
    with pytest.raises(UndecodableInputError, match=r"^photo\.jpg: binary data"):
        decode_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" * 20, "photo.jpg")


@pytest.mark.parametrize("content", [b"", b"   \n\t \n"])
def test_empty_and_whitespace_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyInputError, match="empty"):
        load_file(path, max_chars=10_000)


def test_oversized_text_is_refused_with_the_limit() -> None:
    with pytest.raises(InputTooLargeError, match="over the limit of 1,000"):
        prepare_text("x" * 1001, "big.txt", max_chars=1000)


def test_missing_file_and_folder_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_file(tmp_path / "nope.txt", max_chars=1000)
    with pytest.raises(InputError, match="folder"):
        load_file(tmp_path, max_chars=1000)


def test_html_page_is_reduced_to_its_article_text() -> None:
    html = (
        "<!doctype html><html><head><title>T</title><script>var ad = 1;</script></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>Troops arrive</h1><p>{ARTICLE}</p>"
        "<p>The ministry said a second group of 2,000 troops would follow next month, officials added.</p></article>"
        "<footer>Subscribe to our newsletter</footer></body></html>"
    )
    article = prepare_text(html, "page.html", max_chars=100_000)
    assert article.format == "html"
    assert "1,500 troops" in article.text and "2,000 troops" in article.text
    assert "var ad" not in article.text and "<p>" not in article.text


def test_plain_text_stays_as_written() -> None:
    article = prepare_text(ARTICLE, "a.txt", max_chars=1000)
    assert article.text == ARTICLE and article.format == "text"
