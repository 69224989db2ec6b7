"""The output folder of a batch: what is in it already, what each article is written as, what must not be.

A run into a folder that holds an earlier run's briefs adds to it: ``briefs.jsonl`` keeps one
record per article id (the newest), each naming its per-article file (``"file"``), so the
JSON lines, the reports, ``figures.csv`` and the digest always describe exactly the per-article
files in the folder. A record whose file was deleted is dropped; an article that failed this time
loses its earlier brief file, since its record now says it failed. While a batch runs, records are
appended to ``briefs.jsonl`` as each article finishes (a later line for an id supersedes an earlier
one); at the end the file is rewritten with one line per id.

No output may be an input: ``check_inputs`` refuses, before any work, a run whose input files
include a file it would write.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schema import Brief
from .inputs import Item

__all__ = [
    "CACHE_DIR",
    "FIGURES_CSV",
    "JSONL_NAME",
    "REPORT_FILES",
    "OutFolder",
    "figures_csv",
]

JSONL_NAME = "briefs.jsonl"
FIGURES_CSV = "figures.csv"
CACHE_DIR = ".cache"
REPORT_FILES = ("report.md", "report.html", "digest.json", FIGURES_CSV)
_UNSAFE = re.compile(r"[^\w.@+-]+")
_CSV_COLUMNS = (
    "article", "figure", "value", "unit", "text", "measures", "attributed_to", "ambiguity", "span_start", "span_end",
    "quote",
)  # fmt: skip


def _file_name(ident: str) -> str:
    """The per-article file of an id: "x.txt" → "x.json", "a/x.txt" → "a/x.json", "f.jsonl#7" → "f/7.json"."""
    head, _, row = ident.partition("#")
    parts = [p for p in head.split("/") if p not in ("", ".", "..")] or ["article"]
    stem = parts[-1].rsplit(".", 1)[0] if "." in parts[-1].lstrip(".") else parts[-1]
    if "://" in head:  # a URL: its last path segment, else its host
        segments = [s for s in re.split(r"[/?#]", head.split("://", 1)[1]) if s]
        parts, stem = [], (segments[-1] if len(segments) > 1 else segments[0] if segments else "page")
        stem = stem.rsplit(".", 1)[0] if "." in stem and len(segments) > 1 else stem
    folders = [_UNSAFE.sub("-", p) for p in parts[:-1]]
    stem = _UNSAFE.sub("-", stem).strip("-") or "article"
    if row:
        folders, stem = [*folders, stem], _UNSAFE.sub("-", row).strip("-") or "row"
    return "/".join([*folders, f"{stem}.json"])


class OutFolder:
    """The records of an output folder and the per-article file of every id, old and new."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # The newest record of each id. A brief's record is kept without its brief, which its per-article
        # file holds (the same JSON): memory stays small however many articles the folder has.
        self.records: dict[str, dict[str, Any]] = {}
        self.files: dict[str, str] = {}  # id → per-article file, relative to the folder
        self._taken: dict[str, str] | None = None  # file → id, once ``allocate`` has been called
        self._in_file: set[str] = set()  # ids whose record's brief is read back from its file
        path = folder / JSONL_NAME
        if not path.is_file():
            return
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    record = json.loads(line)
                    ident = str(record["id"])
                except (ValueError, KeyError, TypeError):
                    continue  # a torn last line after a crash
                name = record.get("file") or (_file_name(ident) if record.get("ok") else None)
                if record.get("ok") and not (name and (folder / name).is_file()):
                    self.records.pop(ident, None)
                    self._in_file.discard(ident)
                    continue  # its brief file is gone: so is the article, from this folder's point of view
                if name:
                    self.files[ident] = name
                self._keep(ident, record)

    def _keep(self, ident: str, record: dict[str, Any]) -> None:
        """Take ``record`` as the newest of its id (the end is its place), without the brief its file holds."""
        self.records.pop(ident, None)
        if record.get("ok") and "brief" in record and ident in self.files:
            record = {key: value for key, value in record.items() if key != "brief"}
            self._in_file.add(ident)
        else:
            self._in_file.discard(ident)
        self.records[ident] = record

    def record(self, ident: str) -> dict[str, Any] | None:
        """The whole record of an id, its brief read back from its file; None when it has none (or it is gone)."""
        record = self.records.get(ident)
        if record is None or ident not in self._in_file:
            return record
        try:
            brief = json.loads((self.folder / self.files[ident]).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # its brief file is gone: so is the article
        return {**record, "brief": brief}

    def allocate(self, items: Iterable[Item]) -> dict[str, str]:
        """The per-article file of each item: its earlier one, else one no other id and no report file has.

        Incremental: a collect allocates its articles one at a time as their lines arrive.
        """
        if self._taken is None:
            self._taken = {name: ident for ident, name in self.files.items()}
        taken = self._taken
        reserved = {JSONL_NAME, *REPORT_FILES}
        for item in items:
            if item.id in self.files:
                continue
            name = _file_name(item.id)
            stem, n = name[: -len(".json")], 1
            while name in reserved or (name in taken and taken[name] != item.id) or name.startswith(CACHE_DIR + "/"):
                n += 1
                name = f"{stem}-{n}.json"
            self.files[item.id] = name
            taken[name] = item.id
        return self.files

    def outputs(self) -> set[Path]:
        """Every file a run into this folder may write (resolved)."""
        names = [JSONL_NAME, *REPORT_FILES, *self.files.values()]
        return {(self.folder / name).resolve() for name in names}

    def check_inputs(self, items: Iterable[Item]) -> None:
        """Refuse, before any work, an input file that is one of the outputs or inside the cache."""
        outputs = self.outputs()
        cache = (self.folder / CACHE_DIR).resolve()
        for item in items:
            if item.path is None:
                continue
            path = item.path.resolve()
            if path in outputs or cache in path.parents:
                raise InputError(
                    item.source,
                    f"is an input, and {self.folder / path.name if path in outputs else cache} an output of this run: "
                    "writing the briefs would overwrite it; choose another --out",
                )

    def update(self, record: dict[str, Any]) -> None:
        """Take this run's record of an article (the newest), dropping an earlier brief file when it failed."""
        ident = str(record["id"])
        self._keep(ident, record)
        if not record.get("ok") and ident in self.files:
            (self.folder / self.files[ident]).unlink(missing_ok=True)

    def lines(self) -> Iterator[str]:
        """briefs.jsonl a line at a time (each brief read back from its file as its line is written)."""
        for ident in list(self.records):
            record = self.record(ident)
            if record is not None:
                yield json.dumps(record, ensure_ascii=False) + "\n"

    def brief(self, ident: str) -> Brief | None:
        """The brief of an article of the folder, or None when it has none (or it no longer reads)."""
        record = self.record(ident)
        if record is None or not record.get("ok") or not isinstance(record.get("brief"), dict):
            return None
        try:
            return Brief.model_validate(record["brief"])
        except ValueError:
            return None  # a brief of an older schema that no longer reads: its file stays, unlisted

    def iter_briefs(self) -> Iterator[tuple[str, Brief]]:
        """(id, brief) of every article of the folder that has one, in record order, read one at a time."""
        for ident in list(self.records):
            brief = self.brief(ident)
            if brief is not None:
                yield ident, brief


def figures_csv(briefs: Iterable[tuple[str, Brief]]) -> Iterator[str]:
    """figures.csv, the header first, then one row per figure of every brief (a brief's rows at a time)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_COLUMNS)
    yield buffer.getvalue()
    for ident, brief in briefs:
        buffer.seek(0)
        buffer.truncate()
        for index, f in enumerate(brief.figures, start=1):
            writer.writerow(
                [ident, index, repr(f.value) if f.value != int(f.value) else int(f.value), f.unit or "", f.text,
                 f.measures or "", f.attributed_to or "", f.ambiguity or "", f.span[0], f.span[1], f.quote]
            )  # fmt: skip
        yield buffer.getvalue()
