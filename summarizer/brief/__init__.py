"""The brief: the model's choices grounded in the article, a confidence earned from the evidence.

``ground`` expands the chosen ids into verbatim quotes and spans and drops what does not check
out; ``confidence`` scores the brief from the article's signals; ``pipeline`` runs one article
from text to ``Brief`` (``Pipeline``, ``summarize``, ``asummarize``, ``summarize_file``); ``Briefer``
is what a batch runs against, a ``Pipeline`` or a pool of worker processes.
"""

from .pipeline import Briefer, Pipeline, asummarize, summarize, summarize_file

__all__ = ["Briefer", "Pipeline", "asummarize", "summarize", "summarize_file"]
