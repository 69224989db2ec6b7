"""The checks on what the model writes: numbers by value, names by occurrence, length, citations."""

from __future__ import annotations

from summarizer.brief.check import ArticleFacts, check_sources, check_what
from summarizer.evidence.gather import gather_evidence
from summarizer.model.answer import Cited, NamedSource
from summarizer.read.clean import clean_text

ARTICLE = (
    "Afghan police said on Monday that 3,000 troops and eight million shells had reached the border.\n\n"
    "The figure was confirmed by Reuters, which cited officials in Kabul.\n\n"
    "Contact: press@example.org, John Smith, 555-123-4567"
)


def _facts() -> tuple[ArticleFacts, list]:  # type: ignore[type-arg]
    evidence = gather_evidence(clean_text(ARTICLE))
    return ArticleFacts.of(evidence), list(evidence.sentences)


def test_numbers_count_by_value_whatever_the_writing() -> None:
    facts, numbered = _facts()
    ok = check_what(
        facts, [Cited(text="Police said 3000 troops and 8 million shells reached Afghanistan.")], numbered, max_words=45
    )
    assert ok.problems == []
    bad = check_what(facts, [Cited(text="Police said 4,000 troops reached the border.")], numbered, max_words=45)
    assert bad.problems == ["the number '4,000' in 'what' is not in the article"]


def test_names_must_occur_in_the_articles_text_not_its_furniture() -> None:
    facts, numbered = _facts()
    checked = check_what(
        facts, [Cited(text="Reuters said Moscow sent troops, John Smith reported.")], numbered, max_words=45
    )
    assert "the name 'Moscow' in 'what' is not in the article" in checked.problems
    assert "the name 'John' in 'what' is not in the article" in checked.problems  # only in the contact line
    assert not any("Reuters" in p for p in checked.problems)


def test_a_common_word_opening_a_sentence_after_a_closing_quote_is_no_name() -> None:
    facts, _ = _facts()
    text = "Police said troops reached 'the border.' Troops came. Police said \"eight million shells.\" Shells came."
    assert facts.unknown_names(text) == []
    assert facts.unknown_names("Police said 'the border.' Moscow sent troops.") == ["Moscow"]


def test_sentences_past_two_or_the_word_budget_are_cut_a_second_at_a_clause_break_a_long_first_is_a_problem() -> None:
    facts, numbered = _facts()
    long = " ".join(["troops"] * 50) + "."
    assert check_what(facts, [Cited(text=long)], numbered, max_words=45).problems == [
        "'what' has 50 words; write at most 45"
    ]
    three = check_what(facts, [Cited(text="Troops came. Shells came. Police spoke.")], numbered, max_words=45)
    assert [s.text for s in three.sentences] == ["Troops came.", "Shells came."] and three.trimmed == 1
    assert three.problems == []
    over = check_what(
        facts,
        [Cited(text="Troops came to the border."), Cited(text=" ".join(["shells"] * 42) + ".")],
        numbered,
        max_words=45,
    )
    assert [s.text for s in over.sentences] == ["Troops came to the border."] and over.problems == []
    clause = " ".join(["shells"] * 20) + ", " + " ".join(["troops"] * 30) + "."
    cut = check_what(facts, [Cited(text="Troops came to the border."), Cited(text=clause)], numbered, max_words=45)
    assert [s.text for s in cut.sentences] == ["Troops came to the border.", " ".join(["shells"] * 20) + "…"]
    assert cut.problems == [] and cut.trimmed == 1


def test_citations_are_the_models_when_valid_else_the_codes() -> None:
    facts, numbered = _facts()
    cited = check_what(facts, [Cited(text="Police said 3,000 troops came.", cites=[1])], numbered, max_words=45)
    assert cited.sentences[0].rests_on == (numbered[0],) and cited.cited_by_code == 0
    wrong = check_what(
        facts, [Cited(text="Reuters confirmed the figure from officials in Kabul.", cites=[9])], numbered, max_words=45
    )
    assert wrong.sentences[0].rests_on == (numbered[1],) and wrong.cited_by_code == 1


def test_a_source_must_be_named_in_the_article_and_gets_its_span() -> None:
    evidence = gather_evidence(clean_text(ARTICLE))
    numbered = list(evidence.sentences)
    kept, problems = check_sources(
        evidence,
        [NamedSource(name="Reuters news agency", cites=[2]), NamedSource(name="John Smith")],
        numbered,
        max_sources=4,
    )
    assert [k.name for k in kept] == ["Reuters"]
    assert ARTICLE[kept[0].name_span.start : kept[0].name_span.end] == "Reuters"
    assert problems == ["the source 'John Smith' is not named in the article"]


def test_the_model_names_at_most_the_sources_it_was_asked_for() -> None:
    evidence = gather_evidence(clean_text(ARTICLE))
    named = [NamedSource(name=n) for n in ["Afghan police", "Reuters", "Reuters", "Kabul", "officials"]]
    kept, problems = check_sources(evidence, named, list(evidence.sentences), max_sources=2)
    assert [k.name for k in kept] == ["Afghan police", "Reuters"]  # a repeated name takes no place of its own
    assert problems == []
