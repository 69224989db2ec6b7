"""Who said what on real-news patterns: resolved pronouns and descriptions, merged and ranked sources, whole
quotations, figures credited only inside a claim, polarity and modality, cues in Spanish, German and French.

Each test is a hand-written snippet of a pattern the PolNeAR dev articles showed the code getting wrong.
"""

from __future__ import annotations

from summarizer.brief.confidence import earn_confidence
from summarizer.brief.ground import ground
from summarizer.evidence.gather import Evidence, gather_evidence
from summarizer.read.clean import clean_text
from summarizer.schema import Figure, Source


def _evidence(text: str) -> Evidence:
    return gather_evidence(clean_text(text))


def _brief(text: str) -> tuple[list[Source], list[Figure]]:
    grounded = ground(_evidence(text), None, max_figures=10, max_sources=8)
    return grounded.sources, grounded.figures


def _figure(figures: list[Figure], written: str) -> Figure:
    return next(f for f in figures if f.text == written)


def test_he_said_is_credited_to_the_person_he_is_with_the_names_own_span() -> None:
    text = (
        "Senator Maria Lopez visited the border town on Monday.\n\n"
        "She toured the new clinic with local officials.\n\n"
        "“We will send 400 more nurses by the spring,” she said.\n"
    )
    sources, figures = _brief(text)
    assert [s.name for s in sources] == ["Maria Lopez"]
    (start, end) = sources[0].name_spans[0]
    assert text[start:end] == "Maria Lopez"  # the name's own span, not the pronoun's
    assert _figure(figures, "400").attributed_to == "Maria Lopez"


def test_a_network_named_once_and_described_after_is_one_source_under_its_name() -> None:
    text = (
        "RT, the Kremlin-funded network, said on Monday that its audience had grown.\n\n"
        "The network said it now reaches 100 million viewers. The network added that it would open 3 bureaus.\n\n"
        "RT also said its budget was stable.\n"
    )
    sources, figures = _brief(text)
    assert [s.name for s in sources] == ["RT"]
    assert sources[0].claims == 4
    assert {_figure(figures, "100 million").attributed_to, _figure(figures, "3").attributed_to} == {"RT"}


def test_one_person_named_three_ways_is_one_source_with_every_span() -> None:
    text = (
        "Republican nominee Donald Trump spoke in Ohio on Monday.\n\n"
        "Trump said the plan would cost $2 billion. Donald Trump told reporters he would win.\n\n"
        "The Republican nominee added that taxes would fall. Hillary Clinton said the plan was reckless.\n"
    )
    sources, _ = _brief(text)
    names = [s.name for s in sources]
    assert names == ["Donald Trump", "Hillary Clinton"]  # most relied on first, none twice
    trump = sources[0]
    assert trump.claims == 3
    assert {text[a:b] for a, b in trump.name_spans} >= {"Donald Trump", "Trump"}


def test_a_quote_over_sentences_with_its_source_after_it_holds_every_figure() -> None:
    text = (
        "The ministry met on Friday.\n\n"
        "“We counted 1,200 arrivals. Another 300 are expected next week,” said Ana Ruiz, a ministry spokeswoman.\n"
    )
    sources, figures = _brief(text)
    assert sources[0].name == "Ana Ruiz"
    assert sources[0].claim.startswith("We counted 1,200 arrivals. Another 300")
    assert {_figure(figures, "1,200").attributed_to, _figure(figures, "300").attributed_to} == {"Ana Ruiz"}


def test_a_quote_over_paragraphs_and_a_quote_continuing_it_keep_their_speaker() -> None:
    text = (
        "Mayor Ann Lee spoke after the flood.\n\n"
        "“The water rose fast,” Lee said. “We lost 40 homes.”\n\n"
        "“The first paragraph of a long quote. We rebuilt 12 bridges last year.\n\n"
        "“And the second paragraph ends it,” she said.\n"
    )
    _, figures = _brief(text)
    assert _figure(figures, "40").attributed_to == "Ann Lee"  # "“We lost 40 homes.”" continues Lee's quote
    assert _figure(figures, "12").attributed_to == "Ann Lee"  # the two-paragraph quote is hers


def test_the_writers_comparison_is_no_ones_claim() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky said, “The number of soldiers killed or injured exceeds 3,000.” "
        "This figure is nearly three times the 1,100 casualties announced by the South Korean Joint Chiefs of Staff.\n"
    )
    _, figures = _brief(text)
    assert _figure(figures, "exceeds 3,000").attributed_to == "Volodymyr Zelensky"
    assert "Joint Chiefs of Staff" in (_figure(figures, "1,100").attributed_to or "")
    assert _figure(figures, "nearly three times").attributed_to is None


def test_a_figure_outside_every_claim_names_no_source() -> None:
    text = "The city has 9 bridges. Officials said 40 people were hurt in the storm.\n"
    _, figures = _brief(text)
    assert _figure(figures, "9").attributed_to is None
    assert _figure(figures, "40").attributed_to == "Officials"


def test_according_to_told_wrote_and_added_are_cues() -> None:
    text = (
        "Prices rose 4 percent in May, according to the Labor Department. Jane Smith told Reuters that rents "
        "climbed 7 percent. John Brown wrote that wages fell 2 percent. He added that 5 firms had closed.\n"
    )
    _, figures = _brief(text)
    credited = {f.text: f.attributed_to for f in figures}
    assert credited["4 percent"] == "the Labor Department"
    assert credited["7 percent"] == "Jane Smith"
    assert credited["2 percent"] == credited["5"] == "John Brown"


def test_unable_to_verify_keeps_its_polarity_and_claims_nothing_else() -> None:
    text = (
        "Bloomberg reported that 300 soldiers were sent. Bloomberg was unable to independently verify the findings.\n"
    )
    evidence = _evidence(text)
    check = next(s.candidate for s in evidence.sources if "verify" in s.candidate.cue)
    assert (check.polarity, check.modality) == ("negative", "unverified")
    assert check.claim_span is not None and check.claim_span.of(text) == (
        "was unable to independently verify the findings"
    )


def test_denials_and_hedges_keep_their_modality() -> None:
    text = "The ministry denied that 300 soldiers had died. Officials said preliminary data show 12 deaths. "
    text += "Experts said prices may rise 5 percent.\n"
    stances = {s.candidate.name: (s.candidate.polarity, s.candidate.modality) for s in _evidence(text).sources}
    assert stances["The ministry"][0] == "negative"
    assert (stances["Officials"], stances["Experts"]) == (("positive", "preliminary"), ("positive", "possible"))


def test_the_mayor_is_not_a_named_source() -> None:
    unnamed = "The mayor said 12 schools would close on Monday because of the storm.\n"
    named = "Mayor Ann Lee said 12 schools would close on Monday because of the storm.\n"
    for text, expected in ((unnamed, False), (named, True)):
        evidence = _evidence(text)
        grounded = ground(evidence, None, max_figures=10, max_sources=8)
        reasons = earn_confidence(evidence, grounded, None).reasons
        assert any(r.startswith("named official source on record") for r in reasons) is expected


def test_spanish_german_and_french_cues() -> None:
    cases = {
        "El déficit bajará al 3,5 %, afirmó Planas en Madrid.\n": "Planas",
        "Según el INE, el paro subió al 12 %.\n": "el INE",
        "Die Regierung will 3.000 Stellen schaffen, sagte Müller am Montag.\n": "Müller",
        "Laut dem Ministerium kostet das Programm viel Geld.\n": "dem Ministerium",
        "Bruno Le Maire a déclaré que la croissance atteindra 1,2 %.\n": "Bruno Le Maire",
        "Selon l'Insee, la croissance atteindra 1,2 %.\n": "l'Insee",
    }
    for text, name in cases.items():
        assert [s.candidate.name for s in _evidence(text).sources] == [name], text


def test_a_pronoun_in_a_french_inverted_cue_resolves() -> None:
    text = "Le ministre Bruno Le Maire a visité Lyon.\n\n« Nous sommes prêts », a-t-il ajouté.\n"
    (item,) = _evidence(text).sources
    assert item.candidate.name == "Bruno Le Maire" and item.candidate.mention is not None
