"""Numbers and dates by language: Spanish, German and French written as they are, English as before."""

from __future__ import annotations

import pytest

from summarizer import Settings, summarize
from summarizer.devtools.fake_server import FakeServer
from summarizer.evidence.gather import Evidence, gather_evidence
from summarizer.evidence.language import SAMPLE_CHARS, detect_language
from summarizer.read.clean import clean_text

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

SPANISH = """MADRID, 12 de marzo de 2024 — El Gobierno aprobó este martes un plan de 3.500 millones de euros para \
modernizar el regadío, afirmó Planas en una rueda de prensa.

El plan incluye otros 7.000 millones en créditos para los agricultores hasta 2030.

El paro juvenil bajó al 23,5 % en febrero, según el INE, y unos 1,2 millones de hogares recibirán ayudas.
"""
GERMAN = """Berlin, 12. März 2024 (dpa) – Die Polizei in Köln teilte am Montag mit, dass nach dem Hochwasser \
120 Menschen evakuiert wurden. Nach Angaben der Feuerwehr sind rund 3.000 Haushalte ohne Strom. Der Schaden \
liegt bei 1,5 Milliarden Euro."""
FRENCH = """PARIS, 12 mars 2024 - Le gouvernement a annoncé mardi un plan de 3,5 milliards d'euros pour \
12 000 agriculteurs, a indiqué le ministre. Le chômage a reculé à 7,3 % au quatrième trimestre."""


def _evidence(text: str) -> Evidence:
    return gather_evidence(clean_text(text))


def _figures(evidence: Evidence) -> dict[str, tuple[float, str | None, str | None]]:
    return {
        f.candidate.span.of(evidence.text): (f.candidate.value, f.candidate.unit, f.candidate.measures)
        for f in evidence.figures
    }


def test_the_spanish_example_reads_as_spanish_writes() -> None:
    evidence = _evidence(SPANISH)
    assert evidence.language == "es"
    figures = _figures(evidence)
    assert figures["3.500 millones de euros"][:2] == (3.5e9, "EUR")
    assert figures["7.000 millones"][0] == 7e9
    assert figures["23,5 %"] == (23.5, "%", "El paro juvenil bajó"), "a real label, not 'el'"
    assert figures["1,2 millones"][:2] == (1.2e6, "hogares")
    assert not any("marzo" in written or written == "2024" for written in figures), "the dateline is no figure"
    assert [r.reason for r in evidence.article.removed] == ["dateline"]
    assert all(f.candidate.ambiguity is None for f in evidence.figures)


def test_german_and_french_separators_and_scales() -> None:
    german = _figures(_evidence(GERMAN))
    assert german["3.000"][0] == 3000 and german["120"][0] == 120
    assert german["1,5 Milliarden Euro"][:2] == (1.5e9, "EUR")
    french = _figures(_evidence(FRENCH))
    assert french["3,5 milliards d'euros"][:2] == (3.5e9, "EUR")
    assert french["12 000"][:2] == (12000, "agriculteurs")
    assert french["7,3 %"][:2] == (7.3, "%")


@pytest.mark.parametrize(
    ("text", "when", "where"),
    [
        (SPANISH, "martes (2024-03-12)", "Madrid"),
        (GERMAN, "Montag (2024-03-11)", "Berlin"),
        (FRENCH, "mardi (2024-03-12)", "Paris"),
    ],
)
def test_datelines_give_the_date_and_place_that_when_and_where_use(text: str, when: str, where: str) -> None:
    with FakeServer() as server:
        brief = summarize(text, settings=Settings(base_url=server.base_url, endpoint_kind="llama_cpp"))
    assert (brief.when, brief.when_kind, brief.where) == (when, "event", where)
    assert brief.published == "2024-03-12"


def test_without_a_date_in_the_lead_when_is_the_publication_date_and_says_so() -> None:
    text = "MADRID, 12 de marzo de 2024 — El Gobierno aprobó un plan de 3.500 millones de euros para el regadío."
    with FakeServer() as server:
        brief = summarize(text, settings=Settings(base_url=server.base_url, endpoint_kind="llama_cpp"))
    assert (brief.when, brief.when_kind, brief.language) == ("2024-03-12", "published", "es")
    assert brief.figures[0].value == 3.5e9


def test_a_value_the_writing_leaves_open_says_so() -> None:
    unknown = gather_evidence(clean_text("Sales: 3.500 units."))
    assert unknown.language is None, "too short to tell"
    (figure,) = unknown.figures
    assert figure.candidate.value == 3.5 and "3500" in (figure.candidate.ambiguity or "")
    german = _figures(_evidence(GERMAN.replace("rund 3.000", "rund 3.5")))
    assert german["3.5"][0] == 3.5
    ambiguous = next(f for f in _evidence(GERMAN.replace("rund 3.000", "rund 3.5")).figures if f.candidate.value == 3.5)
    assert "not German number writing" in (ambiguous.candidate.ambiguity or "")


def test_english_is_read_as_before() -> None:
    text = "Officials said on Monday that about 1,500 troops and 3.5 million shells had arrived, Reuters reported."
    evidence = _evidence(text)
    assert evidence.language == "en" and detect_language(text).probability > 0.9
    assert {f.candidate.span.of(text): f.candidate.value for f in evidence.figures} == {
        "about 1,500": 1500.0,
        "3.5 million": 3.5e6,
    }
    assert all(f.candidate.ambiguity is None for f in evidence.figures)


def test_the_language_is_the_one_of_the_article_opening() -> None:
    english = "The ministry said on Monday that thousands of soldiers had crossed the border overnight. " * 12
    assert len(english) >= SAMPLE_CHARS
    assert detect_language(english + GERMAN * 20).code == "en", "a long German appendix is not read"
    assert detect_language(GERMAN * 5 + english * 5).code == "de"
