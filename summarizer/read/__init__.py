"""Reading: a file or a string becomes article text, and page furniture is sorted out of it.

``input`` decodes and checks what it is given (``ArticleInput``, or an ``InputError`` naming it);
``clean`` splits the text into body, captions and removed furniture, as spans into it, with the
patterns of ``furniture``.
"""

from .clean import CleanedArticle, Removal, RemovalReason, clean_text
from .input import ArticleInput, decode_bytes, load_file, prepare_text, read_article

__all__ = [
    "ArticleInput",
    "CleanedArticle",
    "Removal",
    "RemovalReason",
    "clean_text",
    "decode_bytes",
    "load_file",
    "prepare_text",
    "read_article",
]
