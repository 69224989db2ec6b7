"""Batches: many articles briefed into a folder, each result on disk as it finishes, and the reports.

``run`` collects the files and briefs them (bounded concurrency, Ctrl-C keeps what finished);
``cache`` skips articles briefed before; ``workers`` shares the client's work among child
processes; ``digest`` lines up figures across articles; ``report`` renders ``report.md`` and
``report.html`` from ``templates/``.

``WorkerPool`` is imported from ``batch.workers`` itself, never here: each child process runs that
module with ``python -m summarizer.batch.workers``, which must find it not imported yet.
"""

from .cache import BriefCache, brief_key
from .digest import Digest, build_digest
from .report import ReportEntry, render_html, render_markdown
from .run import ArticleResult, BatchResult, collect_articles, run_batch

__all__ = [
    "ArticleResult",
    "BatchResult",
    "BriefCache",
    "Digest",
    "ReportEntry",
    "brief_key",
    "build_digest",
    "collect_articles",
    "render_html",
    "render_markdown",
    "run_batch",
]
