"""Check what the model wrote against the article: every number, every name, every id.

The model writes ``what``, chooses key figures by their marker ids and says what each counts, and
names sources. Nothing of it reaches the brief unchecked:

- a number in ``what`` (or in a figure's label) must be one the article states, by value
  ("3000" = "3,000", "eight million" = "8 million");
- a capitalized name must occur in the article (a demonym or other form of a name that does —
  "Afghan" for "Afghanistan", "American" for "America" — counts);
- ``what`` is one or two sentences and at most ``max_words`` words (sentences past those are cut; a
  second sentence over the budget is cut at a clause break, "…", when enough of it fits);
- a figure id must be one the prompt marked; a source name must occur in the article, and gets the
  span where it does.

Problems are returned as short sentences addressed to the model, so the same list serves the
re-ask and the brief's ``meta``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..evidence.cues import CUE
from ..evidence.figures import FigureCandidate, find_figures, parse_number
from ..evidence.gather import Evidence, FigureItem, SentenceItem
from ..evidence.sentences import split_sentences
from ..model.answer import Cited, KeyFigure, NamedSource
from ..spans import Span

__all__ = [
    "ArticleFacts",
    "CheckedFigure",
    "CheckedSource",
    "CheckedWhat",
    "check_figures",
    "check_sources",
    "check_what",
    "fit_second",
    "fit_words",
    "numbers_in",
]

_DIGITS = re.compile(r"\d[\d,.]*")
_CAPITALIZED = re.compile(r"(?<![\w'’])[A-Z][\w'’.&-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalized because they open a sentence or are titles, not names the article must contain.
_NOT_NAMES = frozenset(
    (
        "The A An In On At By For From With And But Or Of To As After Before When While If It Its He She They We "
        "His Her Their This That These Those There Here Some Many Most All Both Each Every No Not One Two Three Four "
        "Five Six Seven Eight Nine Ten Meanwhile However According Also Mr Mrs Ms Dr I"
    ).split()
)
_MIN_STEM = 4  # "Afghan…", "Chin…": a name and a form of it share at least this much


def _same_root(a: str, b: str) -> bool:
    """Whether two capitalized words are forms of one name: a shared start of 4+ letters, most of the shorter."""
    shared = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return shared >= _MIN_STEM and shared >= 0.75 * min(len(a), len(b))


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The numbers written in ``text``, as written and by value (both ends of a range)."""
    whole = [Span(0, len(text))]
    found: list[tuple[str, float]] = []
    for candidate in find_figures(text, whole):
        written = candidate.number_span.of(text)
        found.append((written, candidate.value))
        if candidate.high is not None:
            found.append((written, candidate.high))
    return found


class ArticleFacts:
    """The numbers and names an article states: what the model's text is checked against."""

    def __init__(self, text: str, sentences: list[Span], numbers: Sequence[FigureCandidate] | None = None) -> None:
        """Facts of the ``sentences`` of ``text`` only: removed page furniture states nothing.

        ``numbers``: the sentences' numbers read the English way, when the caller has them already.
        """
        self._values: set[float] = set()
        for candidate in find_figures(text, sentences) if numbers is None else numbers:
            self._values.add(round(candidate.value, 6))
            if candidate.high is not None:
                self._values.add(round(candidate.high, 6))
        kept = "\n".join(span.of(text) for span in sentences)
        for match in _DIGITS.finditer(kept):  # every digit string too: "No. 3", "R2", "9/11"
            value = parse_number(match.group().rstrip(".,"))
            if value is not None:
                self._values.add(round(value, 6))
        self._kept = kept
        words = re.findall(r"[^\W\d_][\w'’]*", kept)
        self._words = {_POSSESSIVE.sub("", w) for w in words} | set(words)
        self._lower = {w.lower() for w in self._words}
        self._capitalized = [w for w in self._words if w[:1].isupper()]

    @classmethod
    def of(cls, evidence: Evidence) -> ArticleFacts:
        """The facts of an article's kept sentences.

        The evidence's numbers are reused when they were read the English way, as the model's text is.
        """
        numbers = evidence.numbers if evidence.language == "en" else None
        return cls(evidence.text, [s.span for s in evidence.sentences], numbers)

    def states(self, value: float) -> bool:
        """Whether the article writes this number anywhere."""
        return round(value, 6) in self._values

    def unstated_numbers(self, text: str) -> list[str]:
        """Numbers in ``text`` the article does not state, as written."""
        return [written for written, value in numbers_in(text) if not self.states(value)]

    def unknown_names(self, text: str) -> list[str]:
        """Capitalized words of ``text`` that name nothing in the article."""
        unknown: list[str] = []
        for match in _CAPITALIZED.finditer(text):
            word = _POSSESSIVE.sub("", match.group().rstrip(".,;:!?"))
            for part in word.split("-"):
                if not part or part in _NOT_NAMES or part in self._words or part.rstrip(".") in self._words:
                    continue
                if re.search(rf"(?<!\w){re.escape(part)}", self._kept):
                    continue  # written so in the article: "U.S", "E!"
                before = text[: match.start()].rstrip().rstrip("'\"”’)]")  # "… 'Reclaim Our Schools.' Over"
                opening = match.start() == 0 or before[-1:] in '.!?:"“'
                if opening and part.lower() in self._lower:
                    continue  # "Police arrested …": a sentence opener the article writes in lower case
                if any(_same_root(part, w) for w in self._capitalized):
                    continue  # Afghanistan / Afghan, America / American, China / Chinese
                unknown.append(part)
        return unknown

    def problems_in(self, text: str, where: str) -> list[str]:
        """Every unstated number and unknown name of ``text``, as problems for ``where``."""
        problems = [f"the number {n!r} in {where} is not in the article" for n in self.unstated_numbers(text)]
        problems += [f"the name {n!r} in {where} is not in the article" for n in self.unknown_names(text)]
        return problems


@dataclass(frozen=True, slots=True)
class WrittenSentence:
    """A sentence of ``what`` and the article sentences it rests on."""

    text: str
    rests_on: tuple[SentenceItem, ...]


@dataclass
class CheckedWhat:
    """``what`` as the model wrote it, split into sentences, with every problem found."""

    sentences: list[WrittenSentence]
    problems: list[str] = field(default_factory=list)
    cited_by_code: int = 0  # sentences whose citations the model did not give (or gave wrong) and code found
    trimmed: int = 0  # sentences cut (whole, or at a clause break) to keep to two sentences and the word budget


def _content(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}|\d[\d,.]*", text)}


def _align(text: str, numbered: list[SentenceItem]) -> tuple[SentenceItem, ...]:
    """The article sentences sharing most content words with ``text`` (the code's citation)."""
    words = _content(text)
    scored = sorted(((len(words & _content(s.text)), i) for i, s in enumerate(numbered)), reverse=True)
    best = [i for shared, i in scored[:2] if shared >= 2]
    return tuple(numbered[i] for i in sorted(best))


_CLAUSE_BREAK = re.compile(r"[,;:—–](?=\s)")
_MIN_PART_WORDS = 8  # a second sentence cut shorter than this says too little to keep


def _clause_cut(words: list[str], max_words: int) -> tuple[str, str | None]:
    """The first ``max_words`` words, and them cut at their last clause break that keeps at least half (or None)."""
    head = " ".join(words[:max_words])
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(head) if len(head[: m.start()].split()) >= max_words // 2]
    return head, (head[: breaks[-1]].rstrip(" ,;:—–") + "…" if breaks else None)


def fit_words(text: str, max_words: int) -> str:
    """``text`` whole when it fits in ``max_words``, else cut at its last clause break within (else at the limit).

    The cut keeps at least half the words and ends in "…", so a reader sees that the rest is in the
    article; nothing is added to the words.
    """
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    head, cut = _clause_cut(words, max_words)
    return cut or head.rstrip(" ,;:—–") + "…"


def fit_second(first: str, second: str, max_words: int, *, at_clause_only: bool = False) -> str | None:
    """``second`` in the words ``first`` leaves of ``max_words``: whole, or cut as ``fit_words`` cuts.

    None when fewer than eight of its words would stay, or, with ``at_clause_only``, when it would have
    to be cut mid-clause (the model's own sentences are cut only where a clause ends).
    """
    left = max_words - len(first.split())
    if left < _MIN_PART_WORDS:
        return None
    words = second.split()
    if len(words) <= left:
        fitted: str | None = " ".join(words)
    else:
        fitted = _clause_cut(words, left)[1] if at_clause_only else fit_words(second, left)
    return fitted if fitted is not None and len(fitted.split()) >= _MIN_PART_WORDS else None


def check_what(facts: ArticleFacts, what: list[Cited], numbered: list[SentenceItem], *, max_words: int) -> CheckedWhat:
    """Split the model's ``what`` into sentences, resolve its citations, and list what breaks the rules."""
    parts: list[tuple[str, list[int]]] = []
    for cited in what:
        text = " ".join(cited.text.split())
        for span in split_sentences(text, [Span(0, len(text))]):
            parts.append((span.of(text), cited.cites))
    checked = CheckedWhat([])
    if not parts:
        checked.problems.append("'what' is empty")
        return checked
    # Sentences past the second, or past the word budget, are cut rather than re-asked: what is kept is still
    # the model's own text, and a re-ask costs a second full prompt.
    second = parts[1] if len(parts) > 1 else None
    while len(parts) > 1 and (len(parts) > 2 or sum(len(text.split()) for text, _ in parts) > max_words):
        parts.pop()
        checked.trimmed += 1
    if second is not None and len(parts) == 1:  # the second sentence cut at a clause break rather than lost whole
        cut = fit_second(parts[0][0], second[0], max_words, at_clause_only=True)
        if cut is not None:
            parts.append((cut, second[1]))
    words = sum(len(text.split()) for text, _ in parts)
    if words > max_words:
        checked.problems.append(f"'what' has {words} words; write at most {max_words}")
    for text, cites in parts:
        checked.problems += facts.problems_in(text, "'what'")
        rests_on = tuple(numbered[n - 1] for n in dict.fromkeys(cites) if 1 <= n <= len(numbered))
        if not rests_on or len(rests_on) < len(cites):
            rests_on = _align(text, numbered)
            checked.cited_by_code += 1
        checked.sentences.append(WrittenSentence(text, rests_on))
    return checked


@dataclass(frozen=True, slots=True)
class CheckedFigure:
    """A key figure the model chose, and its label when the label checked out (else None)."""

    item: FigureItem
    counts: str | None


def _label_problems(facts: ArticleFacts, label: str, where: str) -> list[str]:
    words = label.split()
    if not words or not re.search(r"[A-Za-z]", label):
        return [f"{where} says nothing about what it counts"]
    if len(words) > 12:
        return [f"{where} has {len(words)} words; use at most 12"]
    return facts.problems_in(label, where)


_REF = re.compile(r"^F\d+$", re.IGNORECASE)
_WRITTEN = re.compile(
    r"^\s*((?:about|nearly|over|more than|some|at least)\s+)?[$€£]?\d[\d,.]*"
    r"(?:\s*(?:%|percent|million|billion|thousand|trillion)\b)?"
)


def _resolve(ref: str, marked: dict[str, FigureItem], evidence: Evidence) -> tuple[FigureItem | None, str]:
    """The candidate a reference names (a marker id, or a number as written) and the words after it."""
    if _REF.match(ref.strip()):
        return marked.get(ref.strip().upper()), ""
    written = _WRITTEN.match(ref)
    if written is None:
        return None, ""
    value = parse_number(written.group())
    if value is None:
        return None, ""
    rest = ref[written.end() :].strip(" =:-")
    by_value = [f for f in (*marked.values(), *evidence.figures) if abs(f.candidate.value - value) < 1e-9]
    return (by_value[0] if by_value else None), rest


def check_figures(
    facts: ArticleFacts, evidence: Evidence, chosen: list[KeyFigure], marked: dict[str, FigureItem], *, max_figures: int
) -> tuple[list[CheckedFigure], list[str]]:
    """The chosen figures that are the article's, in the model's order, without repeats; and the problems found."""
    kept: list[CheckedFigure] = []
    problems: list[str] = []
    for key in chosen:
        item, rest = _resolve(key.ref, marked, evidence)
        if item is None:
            problems.append(f"figure {key.ref!r} is not one of the article's figures")
            continue
        if any(k.item.id == item.id for k in kept):
            continue
        if len(kept) >= max_figures:
            problems.append(f"more than {max_figures} figures chosen; {key.ref} and later are left out")
            break
        label = " ".join((key.counts or rest).split())
        if not label:  # no words given: the article's own label stands
            kept.append(CheckedFigure(item, None))
            continue
        label_problems = _label_problems(facts, label, f"the label of {key.ref}")
        problems += label_problems
        kept.append(CheckedFigure(item, None if label_problems else label))
    return kept, problems


@dataclass(frozen=True, slots=True)
class CheckedSource:
    """A source the model named that the article names too: where, and the sentences cited for it."""

    name: str
    name_span: Span
    cites: tuple[SentenceItem, ...]


def _occurrences(text: str, name: str) -> list[Span]:
    pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)"
    return [Span(m.start(), m.end()) for m in re.finditer(pattern, text)]


_MAX_NAME_WORDS = 6


def _in_article(text: str, name: str) -> tuple[str, list[Span]]:
    """The name as the article writes it, and where: the whole name, else its longest run of words that occurs.

    "Kerri Kasem on Facebook" → "Kerri Kasem"; "Bloomberg reported this on Friday" → "Bloomberg" (a name holds no
    attribution cue and at most six words); a run must hold a capitalized word ("the agency" is no name).
    """
    parts = [p.strip(" ,.") for p in CUE.split(name) if p and p.strip(" ,.")]
    if len(parts) == 1 and len(name.split()) <= _MAX_NAME_WORDS and (found := _occurrences(text, name)):
        return name, found
    words = next((p for p in parts if any(w[:1].isupper() for w in p.split())), name).split()  # the subject first
    words = words[:_MAX_NAME_WORDS] if len(words) > _MAX_NAME_WORDS else words
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start : start + size]
            if not any(w[:1].isupper() and w not in _NOT_NAMES for w in run):
                continue
            candidate = " ".join(run).strip(" .,;:")
            if found := _occurrences(text, candidate):
                return candidate, found
    return name, []


def check_sources(
    evidence: Evidence, named: list[NamedSource], numbered: list[SentenceItem], *, max_sources: int
) -> tuple[list[CheckedSource], list[str]]:
    """The first ``max_sources`` named sources that occur in the article, each with the span of the mention it
    rests on (names past those the prompt asked for are not weighed: the code's ranking fills the list)."""
    kept: list[CheckedSource] = []
    problems: list[str] = []
    text = evidence.text
    kept_text = [s.span for s in evidence.sentences]
    for source in named:
        name, anywhere = _in_article(text, " ".join(source.name.split()).strip(" .,;:\"'“”"))
        found = [span for span in anywhere if any(k.contains(span) for k in kept_text)]  # not in page furniture
        if not found:
            problems.append(f"the source {source.name!r} is not named in the article")
            continue
        if any(k.name == name for k in kept):
            continue
        if len(kept) >= max_sources:
            break
        cites = tuple(numbered[n - 1] for n in dict.fromkeys(source.cites) if 1 <= n <= len(numbered))
        inside = [s for s in found if any(c.span.contains(s) for c in cites)]
        kept.append(CheckedSource(name, (inside or found)[0], cites))
    return kept, problems
