"""``python -m summarizer``: the same as the ``summarizer`` command."""

from .cli import main

main()
