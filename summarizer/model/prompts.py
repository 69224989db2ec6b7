"""Load and render the Jinja2 prompt templates of ``prompts/``.

Templates are read at run time. In a wheel they live in ``summarizer/prompts``
(the build copies the top-level ``prompts/`` folder there); in a source
checkout or editable install they are read from the repository's ``prompts/``.
``SUMMARIZER_PROMPTS_DIR`` points elsewhere for experiments. Rendering uses
``StrictUndefined`` so a missing variable is an error, not an empty string.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from ..errors import TemplateError

__all__ = ["PromptSet", "load_prompts", "template_dir"]


def template_dir(override: str | None = None) -> Path:
    """The folder the templates are read from."""
    if override:
        path = Path(override)
        if not path.is_dir():
            raise TemplateError(f"prompts folder {path} does not exist")
        return path
    packaged = Path(str(resources.files("summarizer"))) / "prompts"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "prompts"
    if checkout.is_dir():
        return checkout
    raise TemplateError(f"no prompts folder: looked in {packaged} and {checkout}")


class PromptSet:
    """A folder of templates, their combined hash, and a strict renderer."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(folder)),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, variables: Mapping[str, Any]) -> str:
        """Render template ``name`` with ``variables``; errors name the template."""
        try:
            return self._env.get_template(name).render(**variables).strip()
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"prompt template {name!r} not found in {self.folder}") from exc
        except jinja2.TemplateError as exc:
            raise TemplateError(f"prompt template {name!r} failed to render: {exc}") from exc

    def hash(self, names: Iterable[str]) -> str:
        """First 16 hex digits of the SHA-256 over the named templates' sources."""
        digest = hashlib.sha256()
        for name in sorted(names):
            path = self.folder / name
            try:
                digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
            except OSError as exc:
                raise TemplateError(f"prompt template {name!r} not readable in {self.folder}") from exc
        return digest.hexdigest()[:16]


@lru_cache(maxsize=8)
def load_prompts(override: str | None = None) -> PromptSet:
    """The prompt set for ``override`` (or the packaged/checkout folder), built once."""
    return PromptSet(template_dir(override))
