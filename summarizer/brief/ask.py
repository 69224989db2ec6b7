"""Ask the model to write the brief, check what it wrote, and re-ask with the problems listed.

One call reads the article. Its answer is read leniently (``model.answer``) and checked against the
article (``brief.check``). When the answer cannot be read, or ``what`` breaks a rule (a number or a
name the article does not have, too many words or sentences), the model is asked again — with its
own answer and the list of problems — up to ``max_reasks`` times. What still fails is left to the
code: ``ground`` then uses the extractive lead for ``what``, and ``meta.checks`` says what happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openai.types.chat import ChatCompletionMessageParam

from ..evidence.gather import Evidence
from ..model.answer import AnswerFormatError, WrittenBrief, parse_answer
from ..model.client import UsageTally
from ..model.request import MAX_NAMED_SOURCES, MAX_WHAT_WORDS, BriefRequest, reask_message
from ..model.session import ModelSession
from .check import (
    ArticleFacts,
    CheckedFigure,
    CheckedSource,
    CheckedWhat,
    check_figures,
    check_sources,
    check_what,
)

__all__ = ["Asked", "Asking", "ask_model"]


@dataclass
class Asked:
    """The model's last readable answer, checked: what passed, and the notes on what did not."""

    answer: WrittenBrief | None = None
    what: CheckedWhat | None = None  # None, or with problems: the extractive lead is used instead
    figures: list[CheckedFigure] = field(default_factory=list)
    sources: list[CheckedSource] = field(default_factory=list)
    dropped: int = 0  # figures and sources the model named that did not check out
    reasked: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def what_ok(self) -> bool:
        """Whether the model's ``what`` passed every check."""
        return self.what is not None and not self.what.problems


def _reask(
    request: BriefRequest, messages: list[ChatCompletionMessageParam], content: str, problems: list[str]
) -> None:
    messages.append({"role": "assistant", "content": content})
    messages.append({"role": "user", "content": reask_message(problems, request.form)})


def _dropped(figure_problems: list[str], source_problems: list[str]) -> int:
    """Figures and sources the model named that are not the article's."""
    return sum(1 for p in figure_problems if p.startswith("figure ")) + len(source_problems)


class Asking:
    """One article's questioning, answer by answer: what to send next, and the checked result once there is one.

    ``messages`` is what to ask now (the request, then each re-ask with the answer and its problems);
    ``take`` reads and checks one answer and says whether the asking is done. ``ask_model`` drives it
    against a live endpoint; a batch's collect drives it with the answers of a results file, a round
    at a time, so both make the same ``Asked`` from the same answers.
    """

    def __init__(self, request: BriefRequest, evidence: Evidence, *, max_reasks: int, max_figures: int) -> None:
        self.request = request
        self.evidence = evidence
        self.max_reasks = max_reasks
        self.max_figures = max_figures
        self.facts = ArticleFacts.of(evidence)
        self.numbered = list(request.numbered)
        self.messages: list[ChatCompletionMessageParam] = list(request.messages)
        self.asked = Asked()
        self.earlier: Asked | None = None  # the last readable answer before a re-ask, in case the next cannot be read

    def take(self, content: str, finish: str) -> Asked | None:
        """Read and check one answer: the result when done, None when ``messages`` now holds a re-ask."""
        asked, evidence, request = self.asked, self.evidence, self.request
        try:
            answer = parse_answer(content)
        except AnswerFormatError as exc:
            reason = f"{exc}{' (cut off at the output-token cap)' if finish == 'length' else ''}"
            if asked.reasked < self.max_reasks:
                asked.reasked += 1
                asked.notes.append(f"re-asked: {reason}")
                _reask(request, self.messages, content, [f"{reason}; reply in the form shown"])
                return None
            asked.notes.append(f"no readable answer: {reason}")
            earlier = self.earlier
            if earlier is not None:  # its figures and sources were checked one by one and still stand
                earlier.notes = [*asked.notes, "figures and sources from the answer before the re-ask"]
                earlier.reasked = asked.reasked
                return earlier
            return asked
        what = check_what(self.facts, answer.what, self.numbered, max_words=MAX_WHAT_WORDS)
        figures, figure_problems = check_figures(
            self.facts, evidence, answer.figures, request.marked, max_figures=self.max_figures
        )
        sources, source_problems = check_sources(evidence, answer.sources, self.numbered, max_sources=MAX_NAMED_SOURCES)
        if what.problems and asked.reasked < self.max_reasks:
            self.earlier = Asked(answer, what, figures, sources, dropped=_dropped(figure_problems, source_problems))
            asked.reasked += 1
            asked.notes.append("re-asked: " + "; ".join(what.problems))
            _reask(request, self.messages, content, what.problems + figure_problems + source_problems)
            return None
        asked.answer, asked.what, asked.figures, asked.sources = answer, what, figures, sources
        asked.dropped = _dropped(figure_problems, source_problems)
        if what.problems:
            asked.notes.append("what replaced by the extractive lead: " + "; ".join(what.problems))
        asked.notes += figure_problems + source_problems
        if what.trimmed:
            asked.notes.append(
                f"{what.trimmed} sentence(s) of what cut, whole or at a clause (over 2 sentences or the word budget)"
            )
        if what.cited_by_code:
            asked.notes.append(f"{what.cited_by_code} sentence(s) of what cited by code (no valid citation given)")
        return asked


async def ask_model(
    session: ModelSession,
    request: BriefRequest,
    evidence: Evidence,
    tally: UsageTally,
    *,
    max_reasks: int,
    max_figures: int,
) -> Asked:
    """Ask, read, check, and re-ask while problems remain and re-asks are left."""
    client = await session.client()
    asking = Asking(request, evidence, max_reasks=max_reasks, max_figures=max_figures)
    while True:
        with session.watching():
            content, finish = await client.write(asking.messages, tally, options=request.options)
        done = asking.take(content, finish)
        if done is not None:
            return done
