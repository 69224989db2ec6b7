"""The digest: each figure under one quantity, each article counted once."""

from __future__ import annotations

import hashlib

from summarizer.batch.digest import PAIRED_ENTRIES, build_digest
from summarizer.batch.report import ReportEntry, render_markdown
from summarizer.schema import Brief, Confidence, Figure, Meta

ZELENSKY = "Zelensky said about 3,000 North Korean soldiers were killed or injured in Kursk."
JCS = "The Joint Chiefs of Staff said 1,100 North Korean troops were killed or wounded."
TROOPS = "Officials said about 10,000 soldiers were sent to Russia."


def _brief(text: str, written: str, value: float, unit: str, *, measures: str, source: str) -> Brief:
    return Brief(
        what=text,
        figures=[
            Figure(
                quote=text,
                span=(0, len(text)),
                value=value,
                unit=unit,
                text=written,
                measures=measures,
                attributed_to=source,
            )
        ],
        confidence=Confidence(level="medium", score=0.5),
        meta=Meta(model="m", endpoint_kind="other", prompt_hash="h", seconds=0.1),
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


ZELENSKY_BRIEF = _brief(
    ZELENSKY, "about 3,000", 3000, "soldiers", measures="soldiers were killed or injured", source="Zelensky"
)
JCS_BRIEF = _brief(JCS, "1,100", 1100, "troops", measures="troops were killed or wounded", source="the JCS")
TROOPS_BRIEF = _brief(
    TROOPS, "about 10,000", 10000, "soldiers", measures="soldiers were sent to Russia", source="Officials"
)


def test_a_killed_or_injured_count_is_listed_under_casualties_only() -> None:
    digest = build_digest([("z.txt", ZELENSKY_BRIEF), ("j.txt", JCS_BRIEF), ("t.txt", TROOPS_BRIEF)])
    placed = {g.key: [e.article for e in g.entries] for g in digest.groups}
    assert placed.get("casualties") == ["z.txt", "j.txt"]
    assert "z.txt" not in placed.get("troops", []) and "j.txt" not in placed.get("troops", [])


def test_the_same_article_twice_counts_once() -> None:
    twice = [("z.txt", ZELENSKY_BRIEF), ("j.txt", JCS_BRIEF), ("z-copy.txt", ZELENSKY_BRIEF), ("j.txt", JCS_BRIEF)]
    digest = build_digest(twice)
    (casualties,) = [g for g in digest.groups if g.key == "casualties"]
    assert len(casualties.entries) == 2 and len(casualties.conflicts) == 1
    entries = [ReportEntry(i, None, b, None, 0.1, False) for i, b in twice[:2]]
    report = render_markdown(entries, digest)
    assert report.count("**conflict:**") == 1


def test_a_group_larger_than_the_pairing_limit_is_listed_without_pairs() -> None:
    many = [
        (f"a{i}.txt", _brief(f"{i} people were killed in town {i}.", str(i), float(i), "people",
                             measures="people were killed", source=f"Police {i}"))
        for i in range(1, PAIRED_ENTRIES + 2)
    ]  # fmt: skip
    digest = build_digest(many)
    (casualties,) = [g for g in digest.groups if g.key == "casualties"]
    assert len(casualties.entries) == PAIRED_ENTRIES + 1
    assert not casualties.paired and casualties.pairs == []
    assert digest.to_dict()["groups"][0]["paired"] is False
    report = render_markdown([ReportEntry(i, None, b, None, 0.1, False) for i, b in many], digest)
    assert f"{PAIRED_ENTRIES + 1} figures: too many to compare in pairs" in report
    assert "**conflict:**" not in report

    small = build_digest(many[:PAIRED_ENTRIES])
    assert small.groups[0].paired and small.groups[0].conflicts
