"""The five who-said-what columns, on hand-written snippets with hand-written gold, and in ``summarizer eval``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from summarizer import cli
from summarizer.devtools.evaluate import load_dataset
from summarizer.devtools.fake_server import FakeServer
from summarizer.devtools.polnear import (
    FigureAt,
    GoldAttribution,
    GoldPart,
    SourceView,
    attribution_totals,
    cited_keys,
    head_of,
    name_key,
    names_source,
    nomodel_views,
    score_attributions,
)

TEXT = (
    "Donald Trump said the wall would cost 12 billion dollars. "
    "He said Mexico would pay. "
    "Officials said 40 people were hurt. "
    "The mayor said 3 schools closed. "
    "Sanders said he disagreed. "
    "The city has 9 bridges and few officials."
)


def _part(text: str, piece: str, after: int = 0) -> GoldPart:
    at = text.index(piece, after)
    return GoldPart(piece, ((at, at + len(piece)),))


def _gold(source: str, content: str) -> GoldAttribution:
    """source <said> content, the cue found after the source."""
    who = _part(TEXT, source)
    return GoldAttribution(who, _part(TEXT, "said", who.spans[0][1]), _part(TEXT, content))


GOLD = (
    _gold("Donald Trump", "the wall would cost 12 billion dollars"),
    _gold("He", "Mexico would pay"),
    _gold("Officials", "40 people were hurt"),
    GoldAttribution(_part(TEXT, "The mayor"), None, _part(TEXT, "3 schools closed")),
    _gold("Sanders", "he disagreed"),
)


def _sentence(piece: str) -> tuple[int, int]:
    at = TEXT.index(piece)
    return at, TEXT.index(".", at) + 1


def _number(piece: str) -> tuple[int, int]:
    at = TEXT.index(piece)
    return at, at + len(piece)


def test_key_is_the_last_capitalized_name_word() -> None:
    assert name_key("Mr. Obama") == "obama"
    assert name_key("FBI Director James Comey") == "comey"
    assert name_key("Trump’s") == "trump"
    assert name_key("The Trump campaign") == "trump"
    assert name_key("President Donald J. Trump Jr.") == "trump"
    assert name_key("The mayor") is None and name_key("He") is None and name_key("the President") is None
    assert name_key("Mr. King") == "king" and name_key("King Abdullah") == "abdullah"  # a surname after "Mr."
    # A common word capitalized because it opens a sentence is not a name when the article writes it lower-case.
    assert name_key("Officials", "Officials said so. The officials left.", 0) is None
    assert name_key("Sanders", "Sanders said so.", 0) == "sanders"


def test_a_source_is_keyed_by_its_name_not_its_apposition() -> None:
    text = "Derek Mitchell, who served as U.S. ambassador to Burma, said so. Sen. David Perdue (R-Ga.) agreed."
    gold = [
        GoldAttribution(_part(text, "Derek Mitchell, who served as U.S. ambassador to Burma,"), None, None),
        GoldAttribution(_part(text, "Sen. David Perdue (R-Ga.)"), None, None),
    ]
    assert head_of("Derek Mitchell, who served as U.S. ambassador to Burma,") == "Derek Mitchell"
    assert cited_keys(text, gold) == ["mitchell", "perdue"]
    assert cited_keys(text, gold, literal=True) == ["burma", "r-ga"]  # the README's words to the letter


def test_names_source_shares_a_word_and_a_pronoun_takes_any_real_name() -> None:
    assert names_source("Trump", GoldPart("Donald Trump", ()))
    assert not names_source("Mr. Obama", GoldPart("Mr. Trump", ()))  # a title is not a shared word
    assert names_source("Donald Trump", GoldPart("he", ()))
    assert not names_source("the mayor", GoldPart("he", ()))
    assert not names_source(None, GoldPart("he", ()))
    assert names_source("James O’Neill", GoldPart("O'Neill", ()))  # one name, whichever apostrophe


def test_a_name_written_with_either_apostrophe_is_one_key() -> None:
    text = "O'Neill said so. O’Neill said more. Trump said it."
    gold = [
        GoldAttribution(GoldPart("O'Neill", ((0, 7),)), None, None),
        GoldAttribution(GoldPart("O’Neill", ((17, 24),)), None, None),
        GoldAttribution(GoldPart("Trump", ((36, 41),)), None, None),
    ]
    assert cited_keys(text, gold) == ["o'neill", "trump"]


def test_most_cited_keys_in_order() -> None:
    assert cited_keys(TEXT, GOLD) == ["trump", "sanders"]  # "He" and "The mayor" are not named; ties: first cited


def test_score_counts_the_five_columns() -> None:
    sources = [
        SourceView("Donald Trump", _sentence("He said")),  # overlaps a pronoun attribution: any real name is right
        SourceView("Sanders", _sentence("Officials said")),  # overlaps only the Officials attribution: wrong
        SourceView("The mayor", _sentence("The mayor")),  # "mayor" is a title, not a shared word: wrong
    ]
    figures = [
        FigureAt(_number("12 billion"), "Trump"),  # inside Trump's content, names him
        FigureAt(_number("40"), "Sanders"),  # inside the officials' content, names someone else
        FigureAt(_number("9"), None),  # outside every content, names none
        FigureAt(_number("3"), "The mayor"),  # inside; a title names no one
    ]
    score = score_attributions(TEXT, GOLD, sources, figures)
    assert (score.sources, score.sources_right) == (3, 1)
    assert (score.top_key, score.top_found) == ("trump", True)
    assert (score.named4, score.named4_found) == (2, 2)
    assert (score.inside, score.inside_named, score.outside, score.outside_none) == (3, 1, 1, 1)
    totals = attribution_totals([score, None])
    assert totals["source_precision"] == {"right": 1, "total": 3, "share": 0.333}
    assert totals["figure_outside_none"]["share"] == 1.0


def test_nomodel_baseline_takes_the_subject_of_said_and_according_to() -> None:
    text = "Sen. Bob Jones said 5 bills passed. Prices rose 3%, according to the Labor Department."
    sources, figures = nomodel_views(text, [_at(text, "5"), _at(text, "3%")])
    assert [s.name for s in sources] == ["Sen. Bob Jones", "Labor Department"]
    assert [f.attributed_to for f in figures] == ["Sen. Bob Jones", "Labor Department"]


def _at(text: str, piece: str) -> tuple[int, int]:
    at = text.index(piece)
    return at, at + len(piece)


@pytest.mark.block_network(allowed_hosts=["127.0.0.1"])
def test_eval_reads_attributions_and_prints_the_columns(tmp_path: Path) -> None:
    text = "Mayor Ann Lee said 12 schools would close on Monday. The city has 40 schools."
    line = {
        "id": "x1",
        "text": text,
        "attributions": [
            {
                "source": {"text": "Mayor Ann Lee", "spans": [list(_at(text, "Mayor Ann Lee"))]},
                "cue": {"text": "said", "spans": [list(_at(text, "said"))]},
                "content": {"text": "12 schools would close", "spans": [list(_at(text, "12 schools would close"))]},
            }
        ],
    }
    dataset = tmp_path / "gold.jsonl"
    dataset.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert load_dataset(dataset)[0].attributions[0].source == GoldPart("Mayor Ann Lee", (_at(text, "Mayor Ann Lee"),))
    with FakeServer() as server:
        env = {"OPENAI_BASE_URL": server.base_url, "SUMMARIZER_ENDPOINT_KIND": "llama_cpp"}
        args = ["eval", str(dataset), "--systems", "project,nomodel", "--json", str(tmp_path / "r.json")]
        result = CliRunner().invoke(cli.main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "who said what" in result.output and "top source" in result.output
    totals = json.loads((tmp_path / "r.json").read_text())["totals"]
    for system in ("project", "nomodel"):
        assert totals[system]["top_source"] == {"right": 1, "total": 1, "share": 1.0}
        assert totals[system]["source_precision"]["right"] == 1
