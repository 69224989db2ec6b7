"""Confidence earned from the evidence, not asserted by the model.

The score starts at 0.5 and moves with signals found in the article and in the
grounding; every signal that fires adds a reason. The model's own level is one
small input among them.
"""

from __future__ import annotations

import re
from typing import Literal

from ..evidence.gather import Evidence
from ..evidence.measures import same_quantity
from ..schema import Confidence
from .ground import Grounded

__all__ = ["earn_confidence"]

_HEDGES = re.compile(
    r"\b(unable to (?:independently )?verify|could not (?:be )?(?:independently )?(?:verify|verified|confirm)|"
    r"not (?:been )?independently (?:verified|confirmed)|unconfirmed|preliminary|allegedly|reportedly|"
    r"believed?|likely|may have|is said to|claims?)\b",
    re.IGNORECASE,
)
_ON_RECORD_KINDS = frozenset({"government", "military", "official"})
_WEAK_KINDS = frozenset({"intelligence", "document"})
_MODEL_NUDGE = {"high": 0.05, "medium": 0.0, "low": -0.05}


def _level(score: float) -> Literal["high", "medium", "low"]:
    if score >= 0.7:
        return "high"
    if score >= 0.45:
        return "medium"
    return "low"


def _conflicts(grounded: Grounded) -> tuple[int, int]:
    """Pairs of figures counting the same thing, from different sources: (agreeing, conflicting)."""
    agree = conflict = 0
    items = [f for f in grounded.figures if f.attributed_to]
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a.attributed_to == b.attributed_to or not same_quantity(a.unit, a.measures, b.unit, b.measures):
                continue
            if a.value == b.value:
                agree += 1
            elif max(a.value, b.value) > 1.2 * min(a.value, b.value):
                conflict += 1
    return agree, conflict


def earn_confidence(evidence: Evidence, grounded: Grounded, model_level: str | None) -> Confidence:
    """Combine attribution, hedging, agreement, grounding and (a little) the model's level."""
    score = 0.5
    reasons: list[str] = []

    def signal(delta: float, reason: str) -> None:
        nonlocal score
        score += delta
        reasons.append(f"{reason} ({delta:+.2f})")

    kinds = [item.candidate for item in grounded.source_items]
    named = [a for a in kinds if a.kind in _ON_RECORD_KINDS and a.named and not a.anonymous]  # "The mayor": no
    anonymous = [a for a in kinds if a.anonymous]
    weak = [a for a in kinds if a.kind in _WEAK_KINDS]
    if named:
        signal(0.15, f"named official source on record: {named[0].name}")
    if anonymous:
        signal(-0.1, f"anonymous source: {anonymous[0].name}")
    if weak:
        signal(-0.1, f"rests on {weak[0].kind} ({weak[0].name})")
    if not kinds:
        signal(-0.15, "no attributed source in the article")

    hedges = sorted({m.group(0).lower() for m in _HEDGES.finditer(" ".join(s.text for s in evidence.sentences))})
    if any(h.startswith(("unable", "could not", "not ")) for h in hedges):
        signal(-0.2, "article says a claim could not be independently verified")
    soft = [h for h in hedges if not h.startswith(("unable", "could not", "not "))]
    if soft:
        signal(-0.05 * min(len(soft), 3), "hedged language: " + ", ".join(soft[:3]))

    agree, conflict = _conflicts(grounded)
    if conflict:
        signal(-0.15, f"{conflict} conflicting figure pair(s) between sources")
    if agree:
        signal(0.1, f"{agree} figure pair(s) agree across sources")

    offered = grounded.chosen + grounded.dropped_ungrounded
    if offered:
        survived = grounded.chosen / offered
        if survived < 1.0:
            signal(-0.2 * (1.0 - survived), f"{grounded.dropped_ungrounded} of {offered} model choices did not ground")
        else:
            reasons.append(f"all {offered} model choices grounded (+0.00)")
    if grounded.figures and all(f.quote for f in grounded.figures):
        signal(0.05, f"all {len(grounded.figures)} figures quoted verbatim")

    nudge = _MODEL_NUDGE.get(model_level or "", 0.0)
    if nudge:
        signal(nudge, f"model judged {model_level}")

    score = round(min(1.0, max(0.0, score)), 3)
    level = _level(score)
    return Confidence(level=level, score=score, reasons=reasons)
