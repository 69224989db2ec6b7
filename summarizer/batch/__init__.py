"""Batches: many articles briefed into a folder, each result on disk as it finishes, and the reports.

``inputs`` collects what to read (files, folders, standard input, URLs) and gives each article its
id; ``outputs`` knows the output folder (what earlier runs left, each article's file, which paths
must not be inputs); ``run`` briefs them (bounded concurrency, Ctrl-C keeps what finished);
``cache`` skips articles briefed before; ``workers`` shares the client's work among child
processes; ``digest`` lines up figures across articles; ``report`` renders ``report.md`` and
``report.html`` from ``templates/``.

``WorkerPool`` is imported from ``batch.workers`` itself, never here: each child process runs that
module with ``python -m summarizer.batch.workers``, which must find it not imported yet.
"""

from .cache import BriefCache, brief_key
from .digest import Digest, build_digest
from .inputs import Collected, Item, collect_inputs
from .outputs import OutFolder
from .report import ReportEntry, render_html, render_markdown
from .run import ArticleResult, BatchResult, run_batch

__all__ = [
    "ArticleResult",
    "BatchResult",
    "BriefCache",
    "Collected",
    "Digest",
    "Item",
    "OutFolder",
    "ReportEntry",
    "brief_key",
    "build_digest",
    "collect_inputs",
    "render_html",
    "render_markdown",
    "run_batch",
]
