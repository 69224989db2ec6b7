"""The install hint of each embedded tier names something a user can really install."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from summarizer.model.tiers import TIERS

PYPROJECT = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))


def test_each_tiers_extra_exists_under_the_name_every_pip_accepts() -> None:
    extras = PYPROJECT["project"]["optional-dependencies"]
    hinted = {name: re.search(r"summarizer\[([^\]]+)\]", tier.install) for name, tier in TIERS.items()}
    named = {name: m.group(1) for name, m in hinted.items() if m}
    assert named, "the optional tiers name an extra to install"
    for tier, extra in named.items():
        assert extra in extras, f"{tier}: the extra {extra!r} is not in pyproject.toml"
        # pip before 23.3 compares the requested extra with the normalized one in the metadata as written:
        # '.[qwen-0.5b]' installed nothing but a warning (PEP 685 normalizes it to 'qwen-0-5b').
        assert extra == re.sub(r"[-_.]+", "-", extra).lower(), f"{tier}: {extra!r} is not in normalized form"
