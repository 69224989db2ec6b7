"""The brief: the model's choices grounded in the article, a confidence earned from the evidence.

``ground`` expands the chosen ids into verbatim quotes and spans and drops what does not check
out; ``confidence`` scores the brief from the article's signals; ``pipeline`` runs one article
from text to ``Brief`` (``Pipeline``, ``summarize``, ``asummarize``, ``summarize_file``).
"""

from .pipeline import Pipeline, asummarize, summarize, summarize_file

__all__ = ["Pipeline", "asummarize", "summarize", "summarize_file"]
