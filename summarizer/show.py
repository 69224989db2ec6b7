"""``summarizer show``: briefs printed for a person in the terminal, with rich.

Reads a brief's JSON file (as ``summarizer run`` writes it, or ``brief.model_dump_json()``) or a
``briefs.jsonl``, and prints each brief: title, what, who, when (and whether it is the event's or the
publication's date), where, the figures as a table (with any ambiguity), the sources and the
confidence with its reasons.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .errors import InputError
from .schema import Brief

__all__ = ["load_briefs", "render_brief", "show_briefs"]

_WHEN_KIND = {"event": "event date", "published": "publication date"}
_LEVEL_STYLE = {"high": "green", "medium": "yellow", "low": "red"}


def load_briefs(path: Path) -> list[tuple[str, Brief]]:
    """(label, brief) of every brief in a brief JSON file or a briefs.jsonl; an InputError when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read ({exc})") from exc
    try:
        return [(path.name, Brief.model_validate_json(text))]
    except ValidationError as exc:
        single_error = exc
    out: list[tuple[str, Brief]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            record = json.loads(line)
        except ValueError:
            break
        if isinstance(record, dict) and isinstance(record.get("brief"), dict):
            try:
                out.append((str(record.get("id", f"line {number}")), Brief.model_validate(record["brief"])))
            except ValidationError as exc:
                raise InputError(f"{path}:{number}", f"not a brief ({exc.errors()[0]['msg']})") from exc
    if not out:
        first = single_error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(str(path), f"not a brief or a briefs.jsonl ({where}: {first['msg']})")
    return out


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return f"{value:,.6g}"


def render_brief(label: str, brief: Brief) -> Panel:
    """One brief as a panel: its fields, a figures table and the sources."""
    head = Text()
    if brief.title:
        head.append(brief.title + "\n", style="bold")
    head.append(brief.what)
    facts = Table.grid(padding=(0, 1))
    facts.add_column(style="dim")
    facts.add_column()
    who = "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in brief.who) or "not stated"
    when = brief.when or "not stated"
    if brief.when and brief.when_kind:
        when += f" ({_WHEN_KIND[brief.when_kind]})"
    level = brief.confidence.level
    rows = [("who", who), ("when", when), ("where", brief.where or "not stated")]
    rows += [("language", brief.language or "not known"), ("source", brief.url or brief.author or "")]
    for name, value in rows:
        if value:
            facts.add_row(name, Text(value))
    facts.add_row("confidence", Text(f"{level} ({brief.confidence.score:.2f})", style=_LEVEL_STYLE[level]))
    for reason in brief.confidence.reasons:
        facts.add_row("", Text(f"- {reason}"))
    parts: list[Table | Text] = [head, facts]
    if brief.figures:
        figures = Table(title="figures", title_justify="left", expand=True)
        figures.add_column("value", justify="right", no_wrap=True)
        figures.add_column("as written, what it measures, who said it", ratio=1)
        for f in brief.figures:
            cell = Text(f.text, style="bold")
            cell.append(f"\nmeasures: {f.measures or 'not stated'}; {f.attributed_to or 'unattributed'}")
            if f.ambiguity:
                cell.append(f"\n{f.ambiguity}", style="yellow")
            figures.add_row(f"{_number(f.value)} {f.unit or ''}".strip(), cell)
        parts.append(figures)
    if brief.sources:
        sources = Table(title="sources", title_justify="left", expand=True)
        sources.add_column("source", no_wrap=True)
        sources.add_column("kind")
        sources.add_column("claim", ratio=3)
        for s in brief.sources:
            sources.add_row(s.name, s.kind, s.claim)
        parts.append(sources)
    return Panel(Group(*parts), title=label, title_align="left")


def show_briefs(paths: Iterable[Path], console: Console) -> None:
    """Print every brief of ``paths``."""
    for path in paths:
        for label, brief in load_briefs(path):
            console.print(render_brief(label, brief))
