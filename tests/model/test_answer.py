"""Reading the labelled-lines answer back: the prompt's own markers copied by a small model are not its words.

The answers below are written by hand in the shapes the 1.5B wrote on NumHG dev articles (fixtures).
"""

from __future__ import annotations

from summarizer.model.answer import parse_answer


def test_figure_markers_given_as_the_citation_are_no_part_of_what() -> None:
    answer = parse_answer(
        "WHAT: Karzai condemned a US operation that killed 16 Afghan civilians today. (F1)\n"
        "FIGURES: F1\nSOURCES: Hamid Karzai"
    )
    (what,) = answer.what
    assert what.text == "Karzai condemned a US operation that killed 16 Afghan civilians today."
    answer = parse_answer("WHAT: A 1-year-old boy died in the wildfires. (F2, F3)\nFIGURES: F2 = boy's age")
    assert answer.what[0].text == "A 1-year-old boy died in the wildfires."


def test_bracketed_figure_ids_separated_by_commas_are_each_a_figure() -> None:
    answer = parse_answer("WHAT: People with HIV age faster. (2)\nFIGURES: [F2] DNA tags, [F5] HIV-positive men")
    assert [(f.ref, f.counts) for f in answer.figures] == [("F2", "DNA tags"), ("F5", "HIV-positive men")]
