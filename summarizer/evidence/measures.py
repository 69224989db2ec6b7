"""What a figure measures, reduced to a comparable key.

Two figures "measure the same thing" when their unit and label fall in the
same class (troops, casualties, shells …) and, for classes that cover many
different quantities (troops sent vs troops in training), their labels also
share a content word. Used for agreement and conflict inside an article and
for the cross-article digest.
"""

from __future__ import annotations

import re

__all__ = ["content_words", "measure_class", "same_quantity"]

_CLASSES: dict[str, tuple[str, ...]] = {
    "casualties": ("casualt", "killed", "injured", "wounded", "dead", "death", "fatalit", "lost their lives"),
    "troops": ("troop", "soldier", "personnel", "servicem", "fighters", "forces", "units"),
    "shells": ("shell", "ammunition", "rounds", "artillery"),
    "missiles": ("missile", "rocket"),
    "money": ("usd", "eur", "gbp", "dollar", "euro", "pound"),
    "percent": ("%",),
    "age": ("age", "year-old", "years old"),
}
# Classes where any two figures are alternative counts of one quantity.
_SINGLE_QUANTITY = frozenset({"casualties"})
_STOP = frozenset(
    (
        "the a an of in on at to for from by with and or that this these those than its their his her who "
        "which about nearly more less over under some around almost roughly least up"
    ).split()
)


def content_words(text: str | None) -> set[str]:
    """Lower-cased words of four or more letters, minus stop words."""
    if not text:
        return set()
    return {w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}


def measure_class(unit: str | None, measures: str | None) -> str | None:
    """The class of quantity a figure counts, or None when its words name no known class."""
    words = f"{unit or ''} {measures or ''}".lower()
    if unit == "%":
        return "percent"
    for name, stems in _CLASSES.items():
        if any(stem in words for stem in stems):
            return name
    return (unit or "").lower() or None


def same_quantity(unit_a: str | None, measures_a: str | None, unit_b: str | None, measures_b: str | None) -> bool:
    """Whether two figures count the same thing (see module docstring)."""
    cls_a, cls_b = measure_class(unit_a, measures_a), measure_class(unit_b, measures_b)
    if cls_a is None or cls_a != cls_b:
        return False
    if cls_a in _SINGLE_QUANTITY:
        return True
    shared = content_words(measures_a) & content_words(measures_b)
    shared -= content_words(unit_a) | content_words(unit_b)
    return bool(shared) or (
        not content_words(measures_a) - content_words(unit_a) and not content_words(measures_b) - content_words(unit_b)
    )
