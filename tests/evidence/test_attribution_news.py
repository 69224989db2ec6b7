"""Attribution causes found against hand-annotated news (issue 11): each on a short made-up article."""

from __future__ import annotations

import re

from summarizer.evidence.attribution import AttributionCandidate, find_attributions
from summarizer.evidence.gather import Evidence, gather_evidence
from summarizer.evidence.quotes import find_quotes
from summarizer.evidence.sentences import split_sentences
from summarizer.read.clean import clean_text
from summarizer.spans import Span


def _found(text: str) -> list[AttributionCandidate]:
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    return find_attributions(text, split_sentences(text, paragraphs))


def _names(text: str) -> list[str]:
    return [a.name for a in _found(text)]


def _evidence(text: str) -> Evidence:
    return gather_evidence(clean_text(text))


def _figure_source(evidence: Evidence, written: str) -> str | None:
    item = next(f for f in evidence.figures if f.candidate.span.of(evidence.text) == written)
    return item.source.name if item.source else None


def test_an_organization_named_by_its_head_noun_is_a_source() -> None:
    text = (
        "Last month, the administration announced it had reached its goal of 10,000 refugees. "
        "Overall, the fund predicted that advanced economies will grow 1.6 percent."
    )
    assert {"the administration", "the fund"} <= set(_names(text))


def test_an_adverb_between_subject_and_cue_is_skipped() -> None:
    text = "In 2000 the state incorrectly stated that about 12,000 voters were felons."
    (found,) = _found(text)
    assert found.name == "the state"
    assert found.claim_span is not None and "12,000" in found.claim_span.of(text)


def test_the_family_is_no_adverb() -> None:
    assert "The family" in _names("The family said that the money was gone.")


def test_had_added_with_an_object_is_no_attribution() -> None:
    assert _names("The state had added the additional week after a court ruling.") == []
    assert "Smith" in _names("Smith added that the week was needed.")


def test_a_transcript_line_in_quotes_is_the_speaker_s_to_the_end_of_its_paragraph() -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"WALLACE: Two questions. Why would he do that? Will she be there?\n\n'
        '"PENCE: Well, look, Clinton apparently thinks this is a show. We had 650 people there.\n\n'
        "The debate is on Monday."
    )
    found = _found(text)
    wallace = next(a for a in found if a.name == "WALLACE")
    assert wallace.claim_span is not None and wallace.claim_span.of(text).endswith("Will she be there?")
    pence = next(a for a in found if a.name == "PENCE")
    assert pence.claim_span is not None and "650 people" in pence.claim_span.of(text)
    assert all(a.name != "Clinton" for a in found)  # what Clinton thinks is Pence's claim, not the article's


def test_an_outlet_reporting_a_claim_according_to_another_source_is_not_nested() -> None:
    text = (
        "Rich voters switch sides.\n\n"
        "Bloomberg reports that the nominee has won among voters making $100,000 or more, "
        "according to the Roper Center for Public Opinion Research.\n\n"
        "Other polls agree."
    )
    evidence = _evidence(text)
    bloomberg = next(e for e in evidence.entities if e.name == "Bloomberg")
    assert not bloomberg.nested
    assert _figure_source(evidence, "$100,000") == "the Roper Center for Public Opinion Research"


def test_citing_a_figure_makes_the_subject_its_source() -> None:
    text = "Presidential candidates Hillary Clinton and Donald Trump cited the figure at last week's forum."
    assert _names(text) == ["Hillary Clinton and Donald Trump"]


def test_the_accused_are_no_source() -> None:
    text = "A video references four cases in which Kaine defended people accused of murder."
    assert _names(text) == []


def test_a_straight_quote_carried_over_paragraphs_is_one_quotation() -> None:
    text = '"We are ready.\n\n"We go at dawn," she said.\n\nThe end.'
    paragraphs = [Span(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    quotes = find_quotes(text, split_sentences(text, paragraphs))
    assert [q.of(text) for q in quotes] == ['"We are ready.\n\n"We go at dawn,"']


def test_a_named_source_ranks_above_an_unnamed_one_of_few_claims() -> None:
    text = (
        "Taxes rise.\n\n"
        "Experts said the plan would cost more. Experts also said it would pass.\n\n"
        "Jane Doe, a senator, said she would vote against it.\n\n"
        "Officials said the vote is Monday. Officials said it was close. Officials said it would pass. "
        "Officials said they were ready."
    )
    names = [e.name for e in _evidence(text).entities]
    assert names.index("Jane Doe") < names.index("Experts")
    assert names.index("Officials") < names.index("Jane Doe")  # four claims: ranked by them


def test_a_subject_set_off_by_two_appositions_or_an_aside_is_the_source() -> None:
    text = (
        "“It is an invasion,” Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said Monday. "
        "Even China, Pyongyang's only ally, said it was opposed. "
        "Donald Trump, in particular, has sharply criticized the deals."
    )
    names = _names(text)
    assert {"Scott Pruitt", "China", "Donald Trump"} <= set(names)
    assert "Oklahoma" not in names


def test_people_named_by_what_they_are_are_sources() -> None:
    assert _names("Several former RT journalists have complained they were not given a free hand.") == [
        "Several former RT journalists"
    ]


def test_coordinated_subjects_are_one_source_named_as_written() -> None:
    assert _names("RT and its defenders say that the network is fair.") == ["RT and its defenders"]
    assert _names("After meeting Putin and Trump said that the talks went well.") == ["Trump"]


def test_verbs_of_saying_beyond_said() -> None:
    text = "Mariano maintains that the records were hidden. Trump bragged that he won 11 debates."
    assert _names(text) == ["Mariano", "Trump"]


def test_the_writer_s_comparison_contrast_and_closing_description_are_not_the_source_s() -> None:
    text = (
        "Rates rise.\n\n"
        "The top 1 percent would see a cut of $275,000, the group said, compared with $2,700 for the middle.\n\n"
        "Polls show a close contest in the state, where 18 electoral votes are up for grabs.\n\n"
        "Instant polls showed Clinton won the debate, while such polls are no measure of the vote six weeks away.\n\n"
        "Welch said a searcher found the body, but the creek was no more than 3 feet deep."
    )
    evidence = _evidence(text)
    assert _figure_source(evidence, "$275,000") == "the group"
    assert _figure_source(evidence, "$2,700") is None
    assert _figure_source(evidence, "18") is None
    assert _figure_source(evidence, "six") is None
    assert _figure_source(evidence, "no more than 3") == "Welch"  # "but" goes on with the source's account


def test_a_document_released_by_a_source_is_not_its_claim() -> None:
    text = "But a 46-page analysis released by the Department of Veterans Affairs last month reveals the toll."
    found = next(a for a in _found(text) if a.name == "the Department of Veterans Affairs")
    assert found.claim_span is None or "46-page" not in found.claim_span.of(text)


def test_a_statement_announcing_something_is_the_speaker_s_not_a_source() -> None:
    text = "In a statement announcing the pick, the Association of Flight Attendants called Clinton a “champion.”"
    assert _names(text) == ["the Association of Flight Attendants"]


def test_made_it_clear_is_a_cue() -> None:
    assert _names("In an interview, Ham made it clear he had misgivings two years ago.") == ["Ham"]


def test_citing_what_is_no_source_makes_the_subject_the_source_of_it() -> None:
    (found,) = _found("Trump cited his own endorsements from 88 generals and admirals Tuesday.")
    assert found.name == "Trump"
    assert found.claim_span is not None and "88 generals" in found.claim_span.of(
        "Trump cited his own endorsements from 88 generals and admirals Tuesday."
    )


def test_a_quoted_phrase_the_sentence_goes_on_after_is_part_of_the_claim() -> None:
    text = "The police department reported “2,521 shooting incidents” in the city between January 1 and May 18."
    (found,) = _found(text)
    assert found.claim_span is not None and found.claim_span.of(text).endswith("May 18")


def test_a_forecaster_revising_its_numbers_states_them() -> None:
    text = (
        "Growth slows.\n\n"
        "The International Monetary Fund said on Tuesday that growth is slowing. "
        "It edged up its forecast for emerging economies by 0.1 percentage points to 4.2 percent."
    )
    evidence = _evidence(text)
    assert _figure_source(evidence, "4.2 percent") == "The International Monetary Fund"


def test_a_source_is_quoted_first_where_no_other_source_tells_its_words() -> None:
    text = (
        "Tax fight.\n\n"
        "The Times wrote that Trump had claimed a loss of $916 million in 1995.\n\n"
        "Mark Smith said that Clinton once described the deal as “the gold standard.”\n\n"
        "“The tax laws are unfair,” Trump said Monday.\n\n"
        "Clinton said on Monday that she opposes the deal."
    )
    entities = {e.name: e for e in _evidence(text).entities}
    assert entities["Trump"].attributions[0].cue == "said"  # not the claim the Times reports
    assert entities["Clinton"].attributions[0].cue == "said"  # not the words Smith gives her


def test_said_during_an_event_that_keeps_the_that_clause() -> None:
    text = "Trump said during a Friday evening rally in Michigan that Clinton once backed the deal."
    found = next(a for a in _found(text) if a.name == "Trump")
    assert found.claim_span is not None and found.claim_span.of(text) == "Clinton once backed the deal"


def test_a_party_as_a_noun_names_a_source() -> None:
    text = "Many Democrats said that the plan was late. The Republican nominee said it was fine."
    named = {a.name: a.named for a in _found(text)}
    assert named["Many Democrats"] is True
    assert named["The Republican nominee"] is False


def test_what_sources_call_something_in_quotes_is_their_claim() -> None:
    text = 'When attacks happen, Obama and Clinton call them "lone wolves" and move on.'
    assert _names(text) == ["Obama and Clinton"]
    assert _names("They made a call to the office on Monday.") == []


def test_an_infinitive_cue_after_continued_or_began_is_the_subject_s() -> None:
    assert _names("The protesters continued to call for more information about the shooting.") == ["The protesters"]
    assert _names("Studies that seek to find the cause were published.") == []


def test_a_participle_of_saying_takes_a_subject_set_off_by_an_apposition() -> None:
    text = 'Dean, a former party chairman, poked at Trump, tweeting, "Coke user?"'
    (found,) = _found(text)
    assert (found.name, found.cue) == ("Dean", "tweeting")


def test_a_contrast_after_a_closing_quote_mark_is_the_writer_s() -> None:
    text = (
        "Health poll.\n\n"
        'Only half of registered voters agreed that she is "fit to serve as president," while 73 percent said '
        "the same of Trump."
    )
    assert _figure_source(_evidence(text), "73 percent") is None


def test_a_group_of_people_is_one_source_and_a_role_of_an_organization_stays_a_role() -> None:
    assert _names("Small groups of protesters continued to call for more information.") == [
        "Small groups of protesters"
    ]
    assert _names("The leader of the group said it was over.") == ["The leader of the group"]
    assert _names("A spokesman for the campaign said it was over.") == ["A spokesman for the campaign"]


def test_a_participle_takes_the_subject_after_an_opening_adjunct() -> None:
    text = "On Thursday, however, Trump spoke to industry leaders, promising to lift regulations."
    assert [(a.name, a.cue) for a in _found(text)] == [("Trump", "promising")]
    assert _names("Get those jokes off, adding levity.") == []


def test_disagreeing_is_a_cue() -> None:
    assert _names("Democratic nominee Hillary Clinton apparently disagrees with her former boss.") == [
        "Hillary Clinton"
    ]


def test_what_happened_meanwhile_is_the_writer_s() -> None:
    text = (
        "Tests go on.\n\n"
        "The decision came after the Security Council condemned the launch as Pyongyang fired three missiles."
    )
    assert _figure_source(_evidence(text), "three") is None


def test_a_document_named_in_an_aside_is_not_what_found() -> None:
    text = (
        "Shootings.\n\n"
        "They checked the Tribune–which keeps a running tally of victims–and found there had been 3,210 victims."
    )
    assert _figure_source(_evidence(text), "3,210") is None


def test_an_outlet_that_has_learned_something_reports_it() -> None:
    text = "Clinton was headed to an emergency room after the Sept. 11 ceremony, The Post has learned."
    (found,) = _found(text)
    assert found.name == "The Post"
    assert found.claim_span is not None and "Sept. 11" in found.claim_span.of(text)


def test_a_verb_before_that_and_a_noun_is_no_cue_nor_a_plural_noun_before_that_she() -> None:
    text = "Clinton had told police officials that she did not want it, but the NYPD overruled that request."
    assert _names(text) == ["Clinton"]
    assert _names("The court ruled that the law was void.") == ["The court"]


def test_a_story_is_a_document_that_suggests() -> None:
    text = "Still, the truck story suggests the Mexican government understands that it needs a plan."
    story = next(a for a in _found(text) if a.name == "the truck story")
    assert story.claim_span is not None and "Mexican government" in story.claim_span.of(text)


def test_a_transcript_turn_goes_on_over_quoted_paragraphs_until_the_next_speaker() -> None:
    text = (
        "Partial transcript as follows:\n\n"
        '"PENCE: Well, look, the choice is clear.\n\n'
        '"Here in Iowa last night we had 650 people in the rain.\n\n'
        '"WALLACE: Governor, I want to ask you one more thing.\n\n'
        "The debate is on Monday."
    )
    pence = next(a for a in _found(text) if a.name == "PENCE")
    assert pence.claim_span is not None and pence.claim_span.of(text).endswith("650 people in the rain")


def test_an_outlet_vouching_for_a_source_reports_the_source_s_words() -> None:
    text = "The ministry said on Monday that about 3,000 soldiers had crossed the border, according to Reuters."
    reuters = next(a for a in _found(text) if a.name == "Reuters")
    assert reuters.claim_span is not None and reuters.claim_span.of(text).startswith("The ministry said on Monday")


def test_a_source_described_with_a_number_word_is_found_after_the_cue() -> None:
    text = "“The rationales don’t hold weight. They are 100 percent wrong,” said 9/11 widow Terry Strada."
    assert _figure_source(_evidence(text), "100 percent") == "Terry Strada"


def test_a_quotation_right_before_as_x_said_is_x_s_not_the_sentence_s() -> None:
    text = (
        "Acts of protest, Mr. Obama said, are acts of patriotism, whether it was sitting at a lunch counter in "
        "the 1960s or wearing a T-shirt with the words “I can't breathe,” as Eric Garner said before he died."
    )
    garner = next(a for a in _found(text) if a.name == "Eric Garner")
    assert garner.claim_span is not None and garner.claim_span.of(text) == "I can't breathe"
    assert _figure_source(_evidence(text), "1960s") == "Obama"


def test_a_reported_clause_ends_at_a_semicolon() -> None:
    text = (
        "The Tax Policy Center estimates that the plan would raise $1.1 trillion over the next decade; "
        "the Tax Foundation puts the figure at $498 billion."
    )
    evidence = _evidence(text)
    assert _figure_source(evidence, "$1.1 trillion") == "The Tax Policy Center"
    assert _figure_source(evidence, "$498 billion") is None


def test_no_one_in_particular_is_no_source() -> None:
    assert _names("Not that anyone on the business side of TV is arguing, since the emails show it.") == []
    assert _names("No one at the White House said anything about it.") == []
    assert _names("Would you vote for a man or woman, who said and did the same things?") == []
    assert _names('"We live in Satan\'s kingdom," my father often said.') == ["father"]


def test_the_judge_and_the_group_resolve_to_the_named_one() -> None:
    text = (
        "Manhattan Supreme Court Justice Frank Nervo ruled Thursday that the records stay sealed. "
        "The judge agreed with Ivana Trump that there was no reason to intrude on her privacy. "
        "The Tax Policy Center, reviewing a draft of his plan, came to a similar conclusion. "
        "The top 1 percent would see an average tax cut of $275,000, the group said."
    )
    names = _names(text)
    assert "The judge" not in names and "Frank Nervo" in names
    assert _figure_source(_evidence(text), "$275,000") == "Tax Policy Center"


def test_a_report_that_states_a_claim_is_its_owner_s() -> None:
    text = "Clinton is seizing upon a New York Times report that Trump had a net loss of more than $915 million."
    assert _figure_source(_evidence(text), "more than $915 million") == "New York Times"
    assert _names("Pagliano's Fifth Amendment claims were rejected by the panel.") == []


def test_a_relative_clause_source_past_an_apposition_and_a_date() -> None:
    text = (
        "Obama has had a frosty relationship with McConnell, now the Senate majority leader, who in 2010 said "
        "the goal was to make Obama a one-term president."
    )
    assert _figure_source(_evidence(text), "one-term") == "McConnell"
    lawyer = _found("The lawyer, who said the video was clear, asked for 20 copies.")[0]
    assert (
        lawyer.claim_span is not None
        and lawyer.claim_span.of("The lawyer, who said the video was clear, asked for 20 copies.")
        == "the video was clear"
    )


def test_a_reported_clause_goes_on_past_a_semicolon_without_a_new_named_subject() -> None:
    text = (
        "Welch said a searcher found the body in a creek; the area had been searched previously, but a "
        "searcher found the body in no more than 3-foot-deep water."
    )
    assert _figure_source(_evidence(text), "no more than 3-foot-deep") == "Welch"


def test_a_forecast_changed_by_an_amount_and_an_estimate_someone_owns() -> None:
    text = (
        "The IMF had warned that the Brexit vote could depress growth in Britain. But on Tuesday, it increased "
        "its British growth forecast by 0.1 percentage points to 1.8 percent. That was enough to hold the "
        "IMF's estimate of global growth steady at 3.1 percent. By Trump's own admission, his returns are far "
        "thicker than his 100-page disclosure report."
    )
    evidence = _evidence(text)
    assert _figure_source(evidence, "1.8 percent") == "The IMF"
    assert _figure_source(evidence, "3.1 percent") == "The IMF"
    assert _figure_source(evidence, "100-page") == "Trump"


def test_said_it_was_with_a_number_is_a_claim_and_said_so_is_none() -> None:
    (found,) = _found("Smith said it was 1.8 percent.")
    assert (
        found.claim_span is not None and found.claim_span.of("Smith said it was 1.8 percent.") == "it was 1.8 percent"
    )
    assert _found("Smith said so.")[0].claim_span is None


def test_source_names_hold_no_words_that_are_no_name() -> None:
    assert _names('"There\'s some thought," said Representative Charles B. Rangel of New York.') == [
        "Charles B. Rangel"
    ]
    assert _names("Sixty-two percent of Republicans agreed.") == ["Republicans"]
    assert _names('I hope in 2017 America says, "President Clinton, thank you."') == ["America"]
    assert _names("We don't care. Everything Trump says is a lie unless proven otherwise.") == []
    assert "Having" not in _names("(Having said that, there are some economists who argue that taxes should be low.)")
    assert _names(
        "The Committee for a Responsible Federal Budget reported that the plans would cost $150 billion."
    ) == ["The Committee for a Responsible Federal Budget"]
    assert "the filings" not in _names("The authors combed through the filings and found that 73 percent kept them.")


def test_the_network_is_not_a_person_or_country_named_next_to_the_word() -> None:
    text = (
        "Part of the network President Vladimir Putin formed is RT. Critics sign up with a network Russia has "
        "financed. RT said the reports were false. The network said it would send Ms. Martin to Crimea."
    )
    network = next(a for a in _found(text) if a.mention is not None and a.mention.of(text) == "The network")
    assert network.name == "RT"


def test_a_common_word_after_an_honorific_is_a_surname() -> None:
    (king,) = _found("Mr. King said that he was not familiar with the rest of the programming.")
    assert king.named


def test_a_feeling_about_a_that_clause_and_an_unveiled_list_are_attributions() -> None:
    text = "Republicans were also incensed that the immunity deals, which now cover five staffers, did not require it."
    assert _figure_source(_evidence(text), "five") == "Republicans"
    assert (
        _figure_source(_evidence("Clinton unveiled a list of endorsements from 95 retired generals."), "95")
        == "Clinton"
    )
    assert _names("Clinton unveiled a new logo on Monday.") == []
    pointed = _evidence("The voters point to the crime bill, which cost nearly $55 billion.")
    assert _figure_source(pointed, "nearly $55 billion") == "The voters"


def test_a_claim_running_into_a_quotation_takes_the_whole_quotation() -> None:
    text = (
        '"I think she has got to contrast. The American people do not agree with Trump," Sanders said, suggesting '
        "a few questions, including, "
        '"Mr. Trump, do you think that billionaires need a tax break? You want to abolish the Affordable Care Act '
        'for 20 million in this country. How many are going to die?"'
    )
    assert _figure_source(_evidence(text), "20 million") == "Sanders"


def test_a_figure_by_one_estimate_rests_on_that_estimate() -> None:
    text = "In West Virginia alone, 300,000 acres of forest have been damaged by mountaintop mining, by one estimate."
    assert _figure_source(_evidence(text), "300,000") == "one estimate"
    assert _names("The road was built by one company in 2010.") == []


def test_a_body_named_head_first_keeps_its_name_and_the_commission_resolves_to_it() -> None:
    text = (
        "The nonpartisan Commission on Presidential Debates says there was a problem with 1 microphone.\n\n"
        "The commission says on its website that there were issues in the hall.\n"
    )
    sources = _evidence(text).entities
    assert [e.name for e in sources] == ["Commission on Presidential Debates"]
    assert len(sources[0].attributions) == 2
    assert _names("Trump on Monday said the debate was rigged.") == ["Trump"]


def test_a_party_word_or_an_ordinary_opener_is_no_part_of_a_known_name() -> None:
    text = (
        "Hillary Clinton spoke first, a rival said.\n\n"
        "Rival Hillary Clinton had mocked the complaint, saying anybody who complains is wrong.\n\n"
        "At the debate, Democrat Hillary Clinton mentioned remarks that Trump had made.\n"
    )
    assert [e.name for e in _evidence(text).entities if "Clinton" in e.name] == ["Hillary Clinton"]
    novelist = (
        "John Le Carré died at 89, his family said.\n\nLe Carré said he never liked spies.\n\n"
        "John Le Carré wrote 25 novels, his publisher said.\n"
    )
    assert "John Le Carré" in [e.name for e in _evidence(novelist).entities]


def test_said_it_with_a_verb_after_is_a_claim_and_said_so_is_none() -> None:
    (sue,) = _found("The campaign said it would sue.")
    assert sue.claim_span is not None and sue.claim_span.of("The campaign said it would sue.") == "it would sue"
    (so,) = _found("Sanders said so on Monday.")
    assert so.claim_span is None


def test_a_poll_that_shows_is_a_source_and_insisting_on_a_deed_is_none() -> None:
    text = "A Bloomberg poll shows that 46 percent of voters back Clinton."
    assert _figure_source(_evidence(text), "46 percent") == "A Bloomberg poll"
    assert _names("A New York Times report shows nothing new.") == ["A New York Times report"]
    assert _names("Donald Trump will insist on being Donald Trump.") == []
    assert _names("Donald Trump insisted that he won.") == ["Donald Trump"]


def test_a_study_of_something_is_its_owners_finding_not_what_it_studied() -> None:
    text = "Donations hit $1.1 billion by August, a USA TODAY analysis of newly filed campaign-finance reports shows."
    assert _figure_source(_evidence(text), "$1.1 billion") == "USA TODAY"
    assert _names("A Pew Research Center survey of likely voters shows that Clinton leads.") == ["Pew Research Center"]
    # No owner named: the study itself, never a bare "A"; a party word is no owner.
    assert _names("A study of 500 voters shows that 45 percent back the plan.") == ["A study"]
    assert _names("A Republican analysis of the bill shows that it costs $5 billion.") == ["A Republican analysis"]
