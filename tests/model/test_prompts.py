"""Prompt templates: strict rendering, a stable hash, and packaged in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from summarizer import TemplateError
from summarizer.model.prompts import PromptSet, load_prompts

ROOT = Path(__file__).resolve().parents[2]


def test_missing_variable_is_an_error_not_an_empty_string(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("Hello {{ name }}")
    prompts = PromptSet(tmp_path)
    assert prompts.render("t.j2", {"name": "x"}) == "Hello x"
    with pytest.raises(TemplateError, match=r"t\.j2"):
        prompts.render("t.j2", {})
    with pytest.raises(TemplateError, match="not found"):
        prompts.render("nope.j2", {})


def test_hash_changes_with_the_template_text(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("one")
    before = PromptSet(tmp_path).hash(["t.j2"])
    (tmp_path / "t.j2").write_text("two")
    assert PromptSet(tmp_path).hash(["t.j2"]) != before
    assert len(before) == 16


def test_checkout_reads_the_repository_prompts_folder() -> None:
    assert load_prompts().folder.resolve() == (ROOT / "prompts").resolve()


def test_wheel_carries_the_prompts_and_loads_them_when_installed(tmp_path: Path) -> None:
    """A non-editable install must find its templates without the source tree."""
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path), str(ROOT)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(tmp_path.glob("summarizer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {Path(n).name for n in names if n.startswith("summarizer/prompts/")}
    assert shipped == {p.name for p in (ROOT / "prompts").glob("*.j2")}

    target = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--target", str(target), str(wheel)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr[-2000:]
    probe = "from summarizer.model.prompts import load_prompts; print(load_prompts().folder)"
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(target)},
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(out.stdout.strip()) == target / "summarizer" / "prompts"
