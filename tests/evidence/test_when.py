"""`when`: as the article states it, resolved only against a date the article gives."""

from __future__ import annotations

from datetime import date

from summarizer.evidence.when import find_when, parse_dateline


def test_weekday_resolved_against_the_page_date() -> None:
    assert find_when(["Bloomberg reported this on Friday."], "Sat. Oct 26th, 2024") == "Friday (2024-10-25)"
    assert find_when(["He died this morning."], "(Jun 15, 2014  9:54 AM CDT)") == "this morning (2014-06-15)"
    assert find_when(["It happened yesterday."], "(Jun 15, 2014  9:54 AM CDT)") == "yesterday (2014-06-14)"


def test_relative_date_stays_as_written_without_a_published_date() -> None:
    assert find_when(["Bloomberg reported this on Friday."], None) == "Friday"
    assert find_when(["On the 23rd (local time), the Times reported it."], None) == "the 23rd"


def test_explicit_date_and_fallback_to_the_dateline() -> None:
    assert find_when(["Austin said Wednesday, October 23, that troops were there."], None) == "Wednesday, October 23"
    assert find_when(["No date here."], "(May 1, 2008  6:21 PM CDT)") == "2008-05-01"
    assert find_when(["No date here."], None) is None
    assert parse_dateline("Sat. Oct 26th, 2024") == date(2024, 10, 26)
