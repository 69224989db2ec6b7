"""Attributions (who said or reported what) and actors, found from the article's wording."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.evidence.actors import ActorCandidate, find_actors
from summarizer.evidence.attribution import AttributionCandidate, find_attributions, source_kind
from summarizer.spans import Span

SEEDS = Path(__file__).parents[2] / "seeds"


def _sentences(text: str) -> list[Span]:
    """A naive splitter for tests: lines, then sentence ends (not "U.S.") before a capital or a quote."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for end in re.finditer(r"(?<=[a-z0-9)])[.!?][”\"]?(?=\s+[“\"A-Z])", line.group()):
            spans.append(Span(start, line.start() + end.end()))
            start = line.start() + end.end() + 1
        spans.append(Span(start, line.end()))
    return [s for s in spans if text[s.start : s.end].strip()]


def _attributions(text: str) -> list[AttributionCandidate]:
    return find_attributions(text, _sentences(text))


def _one(found: list[AttributionCandidate], name: str, cue: str | None = None) -> AttributionCandidate:
    hits = [a for a in found if a.name == name and (cue is None or a.cue == cue)]
    assert hits, f"no attribution for {name!r} ({cue}) in {[(a.name, a.cue) for a in found]}"
    return hits[0]


def _claim(text: str, a: AttributionCandidate) -> str | None:
    return a.claim_span.of(text) if a.claim_span else None


@pytest.fixture(scope="module")
def seed000() -> str:
    return (SEEDS / "000_fc616dc0e28cd52c.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed003() -> str:
    return (SEEDS / "003_9e49daa26af44302.txt").read_text(encoding="utf-8")


# --- attributions on inline sentences ---------------------------------------------------------------


def test_according_to_puts_the_claim_after_the_comma() -> None:
    text = "According to the documents, about 10,000 soldiers will be sent."
    a = _one(_attributions(text), "the documents", "According to")
    assert (a.kind, a.anonymous, _claim(text, a)) == ("document", False, "about 10,000 soldiers will be sent")


def test_said_that_claim_skips_the_date_and_that() -> None:
    text = "US Defense Secretary Lloyd Austin said Wednesday, October 23, that troops are at the front."
    a = _one(_attributions(text), "Lloyd Austin", "said")
    assert a.descriptor == "US Defense Secretary"
    assert a.kind == "government"
    assert _claim(text, a) == "troops are at the front"


def test_quote_after_the_cue_is_the_claim_without_quote_marks() -> None:
    text = "Ukrainian President Volodymyr Zelensky said on this day, “The toll exceeds 3,000.”"
    a = _one(_attributions(text), "Volodymyr Zelensky")
    assert _claim(text, a) == "The toll exceeds 3,000"


def test_inverted_said_with_appositive_and_quote_before() -> None:
    text = "“We are ready for talks,” said John Smith, a spokesman for the ministry."
    a = _one(_attributions(text), "John Smith", "said")
    assert a.descriptor == "a spokesman for the ministry"
    assert _claim(text, a) == "We are ready for talks"


def test_double_space_quotes_of_the_devset_style() -> None:
    text = "  I really wanted to keep this secret,  said Lefevre, a mainstay of the list."
    a = _one(_attributions(text), "Lefevre")
    assert _claim(text, a) == "I really wanted to keep this secret"


def test_subject_with_role_phrase_or_aside() -> None:
    text = "A spokeswoman for the Free Gaza movement said protesters were on board. Lefevre, known to her "
    text += "neighbors as Marie Walsh, says she was arrested as a teen."
    found = _attributions(text)
    assert _one(found, "A spokeswoman for the Free Gaza movement", "said").kind == "official"
    assert _claim(text, _one(found, "Lefevre", "says")) == "she was arrested as a teen"


def test_trailing_outlet_gives_claim_before_and_via_for_the_inner_source() -> None:
    text = "Francisco Garcia, the tourism minister, said Thursday that she had a stroke, the AP reports."
    found = _attributions(text)
    ap = _one(found, "the AP", "reports")
    garcia = _one(found, "Francisco Garcia", "said")
    assert ap.kind == "news outlet"
    assert garcia.descriptor == "the tourism minister"
    assert garcia.via == "the AP"
    assert _claim(text, garcia) == "she had a stroke"


def test_per_the_ap_at_the_end() -> None:
    text = "The pullout would depend on the Taliban meeting their commitments, per the AP."
    a = _one(_attributions(text), "the AP", "per")
    assert _claim(text, a) == "The pullout would depend on the Taliban meeting their commitments"


def test_cited_by_chains_the_study_to_the_outlet() -> None:
    text = "Almost 10% of workers have gone to work high, according to a SurveyMonkey study cited by Mashable"
    found = _attributions(text)
    assert _one(found, "a SurveyMonkey study", "according to").via == "Mashable"
    assert _one(found, "Mashable", "cited by").kind == "news outlet"


def test_told_names_the_outlet_as_via_and_skips_it_in_the_claim() -> None:
    text = "His attorney tells the AP that King died peacefully in his sleep."
    a = _one(_attributions(text), "His attorney", "tells")
    assert (a.via, a.anonymous) == ("the AP", True)
    assert _claim(text, a) == "King died peacefully in his sleep"


def test_as_outlet_reports() -> None:
    text = "Kasem, who was suffering from dementia, as TMZ reports, died after a long battle."
    a = _one(_attributions(text), "TMZ", "reports")
    assert a.kind == "news outlet"


def test_citing_chain_sets_via_and_shares_the_claim() -> None:
    text = "The Financial Times, citing experts, reported that China is dissatisfied with the assistance."
    found = _attributions(text)
    ft = _one(found, "The Financial Times", "reported")
    experts = _one(found, "experts", "citing")
    assert experts.via == "The Financial Times"
    assert (experts.kind, experts.anonymous) == ("expert", True)
    assert _claim(text, ft) == _claim(text, experts) == "China is dissatisfied with the assistance"


def test_pronoun_resolves_to_the_previous_person() -> None:
    text = "Russian President Vladimir Putin spoke on Thursday. He called it “our business” in a speech."
    a = _one(_attributions(text), "Vladimir Putin", "called")
    assert a.descriptor == "Russian President"
    assert _claim(text, a) == "our business"
    assert a.name_span.of(text) == "Vladimir Putin"


def test_unresolved_pronoun_is_skipped() -> None:
    text = "The budget grew last year. He said it was fine and would grow again."
    assert _attributions(text) == []


def test_plain_sentences_have_no_attribution() -> None:
    text = "Delhi Police reports to the federal government. The 27-year-old called 911 three times last week."
    assert _attributions(text) == []


def test_verification_statement_is_an_attribution() -> None:
    text = "Bloomberg was unable to independently verify the findings of South Korean intelligence."
    a = _one(_attributions(text), "Bloomberg")
    assert a.cue == "was unable to independently verify"


# --- the seed articles -------------------------------------------------------------------------------


def test_seed000_attributions(seed000: str) -> None:
    found = _attributions(seed000)
    nyt = _one(found, "the New York Times", "reported")
    assert nyt.kind == "news outlet"
    assert _one(found, "NYT", "According to").kind == "news outlet"
    official = _one(found, "a U.S. intelligence official", "cited")
    assert (official.kind, official.anonymous, official.via) == ("intelligence", True, "the New York Times")
    assert _claim(seed000, official) == _claim(seed000, nyt)
    assert _one(found, "U.S. intelligence officials", "believe").via == "NYT"
    puffaro = _one(found, "Samuel Puffaro", "said")
    assert (puffaro.kind, puffaro.descriptor) == ("military", "commander of the U.S. Indo-Pacific Forces")
    assert _claim(seed000, puffaro) == "North Korea first proposed sending troops to Russia"
    assert _one(found, "The Russian Kremlin", "announced").kind == "government"
    tass = _one(found, "Tass", "According to")
    assert (tass.kind, tass.descriptor) == ("news outlet", "Russian state media")
    ushakov = _one(found, "Yuri Ushakov", "answered")
    assert ushakov.kind in ("government", "official")
    assert (_claim(seed000, ushakov), ushakov.via) == ("I think yes", "Tass")
    assert _one(found, "Volodymyr Zelensky", "said").kind == "government"
    jcs = _one(found, "the South Korean Joint Chiefs of Staff", "announced by")
    assert jcs.kind == "military"


def test_seed003_attributions(seed003: str) -> None:
    found = _attributions(seed003)
    assert _one(found, "Bloomberg", "reported").kind == "news outlet"
    docs = _one(found, "documents from South Korean intelligence", "citing")
    assert (docs.kind, docs.via) == ("document", "Bloomberg")
    assert _one(found, "the documents", "According to").kind == "document"
    assert _one(found, "The Times", "reported").kind == "news outlet"
    assert _one(found, "Lloyd Austin", "said").kind == "government"
    assert _one(found, "Ukrainian military intelligence", "reported").kind == "intelligence"
    assert _one(found, "Putin", "commented").descriptor == "Russian President"
    assert _one(found, "The Financial Times", "reported").kind == "news outlet"
    experts = _one(found, "experts", "citing")
    assert (experts.kind, experts.via) == ("expert", "The Financial Times")
    assert _one(found, "Experts", "believe").kind == "expert"


@pytest.mark.parametrize("name", ["000_fc616dc0e28cd52c.txt", "003_9e49daa26af44302.txt"])
def test_spans_are_verbatim_and_in_order(name: str) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    found = _attributions(text)
    assert [a.cue_span.start for a in found] == sorted(a.cue_span.start for a in found)
    for a in found:
        assert a.name_span.of(text) == a.name
        assert a.cue_span.of(text) == a.cue
        assert a.sentence.contains(a.cue_span)
        for claim in a.claim_spans:  # a quotation may run over sentences: verbatim, stripped, never empty
            assert claim.of(text) == claim.of(text).strip() != ""


# --- source kinds ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "descriptor", "kind"),
    [
        ("Bloomberg", None, "news outlet"),
        ("the San Diego Union-Tribune", None, "news outlet"),
        ("Tass", "Russian state media", "news outlet"),
        ("a U.S. intelligence official", None, "intelligence"),
        ("Samuel Puffaro", "commander of the U.S. Indo-Pacific Forces", "military"),
        ("the South Korean Joint Chiefs of Staff", None, "military"),
        ("Lloyd Austin", "US Defense Secretary", "government"),
        ("the Russian Kremlin", None, "government"),
        ("police", None, "official"),
        ("a company spokesman", None, "official"),
        ("experts", None, "expert"),
        ("a SurveyMonkey study", None, "expert"),
        ("documents from South Korean intelligence", None, "document"),
        ("Susan Lefevre", None, "other"),
    ],
)
def test_source_kind(name: str, descriptor: str | None, kind: str) -> None:
    assert source_kind(name, descriptor) == kind


# --- actors ------------------------------------------------------------------------------------------


def _actor(actors: list[ActorCandidate], name: str) -> ActorCandidate:
    hits = [a for a in actors if a.name == name]
    assert hits, f"no actor {name!r} in {[a.name for a in actors]}"
    return hits[0]


def test_actor_role_and_surname_mentions() -> None:
    text = "Radio icon Casey Kasem died this morning at age 82, his daughter Kerri announced. Kasem was 82."
    actors = find_actors(text, _sentences(text))
    kasem = _actor(actors, "Casey Kasem")
    assert (kasem.kind, kasem.role, kasem.mentions) == ("person", "Radio icon", 2)
    assert kasem.role_span is not None and kasem.role_span.of(text) == "Radio icon"
    assert _actor(actors, "Kerri").role == "his daughter"
    assert actors[0] == kasem


def test_seed000_actors(seed000: str) -> None:
    actors = find_actors(seed000, _sentences(seed000))
    names = [a.name for a in actors]
    zelensky = _actor(actors, "Volodymyr Zelensky")
    assert (zelensky.kind, zelensky.role) == ("person", "Ukrainian President")
    assert zelensky.mentions >= 2  # "President Zelensky" counts
    assert _actor(actors, "Kim Jong-un").role == "North Korean leader"
    assert _actor(actors, "North Korea").kind == "country"
    assert _actor(actors, "Kremlin").kind == "organization"
    assert _actor(actors, "New York Times").mentions >= 2  # NYT counts
    assert _actor(actors, "Samuel Puffaro").role == "commander of the U.S. Indo-Pacific Forces"
    assert names.index("Russia") < 2
    assert not {"The", "According", "President", "May", "However", "Meanwhile"} & set(names)
    assert [a.mentions for a in actors] == sorted((a.mentions for a in actors), reverse=True)
    for a in actors:
        assert a.name_span.of(seed000) == a.name


def test_seed003_actors(seed003: str) -> None:
    actors = find_actors(seed003, _sentences(seed003))
    assert _actor(actors, "Bloomberg").kind == "organization"
    assert _actor(actors, "Bloomberg").mentions >= 4
    austin = _actor(actors, "Lloyd Austin")
    assert (austin.kind, austin.role) == ("person", "US Defense Secretary")
    assert _actor(actors, "Putin").kind == "person"
