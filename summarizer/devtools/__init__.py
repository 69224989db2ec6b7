"""Developer tools, off the runtime path: ``summarizer eval`` and ``summarizer bench`` and what they use.

``evaluate`` runs the project beside a plain-instructor and a no-model comparator, scored by
``metrics``; ``bench`` times a brief against the single-call floor and measures the client's own
overhead against ``fake_server``, an instant OpenAI-compatible server (also the tests' endpoint).
Nothing below ``cli`` imports this package (an import-linter contract in pyproject.toml says so).

``FakeServer`` is imported from ``devtools.fake_server`` itself, never here: the benchmark runs that
module with ``python -m summarizer.devtools.fake_server``, which must find it not imported yet.
"""

from .bench import BenchResult, run_bench
from .evaluate import SYSTEMS, EvalArticle, EvalResult, load_dataset, run_eval
from .metrics import ArticleScore, score_article

__all__ = [
    "SYSTEMS",
    "ArticleScore",
    "BenchResult",
    "EvalArticle",
    "EvalResult",
    "load_dataset",
    "run_bench",
    "run_eval",
    "score_article",
]
