"""The one month pattern, month-name map and weekday names every date reader derives from."""

from __future__ import annotations

import re

from summarizer.calendar import DAY, MONTH, MONTH_ABBREVIATIONS, MONTHS, WEEKDAY, WEEKDAYS


def test_every_name_and_abbreviation_maps_to_its_month() -> None:
    assert MONTHS["jan"] == MONTHS["january"] == 1
    assert MONTHS["sep"] == MONTHS["sept"] == MONTHS["september"] == 9
    assert MONTHS["may"] == 5 and len(set(MONTHS.values())) == 12
    abbreviations = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    assert abbreviations == MONTH_ABBREVIATIONS


def test_month_pattern_takes_every_written_form_as_a_whole_word() -> None:
    month = re.compile(MONTH)
    for name in MONTHS:
        for written in (name.capitalize(), name.capitalize() + "."):
            assert month.fullmatch(written), written
    assert re.search(MONTH, "Sept. 5")[0] == "Sept."  # type: ignore[index]
    for not_a_month in ("Mayor", "Junior", "Marching", "Sepember", "may"):
        assert not month.fullmatch(not_a_month), not_a_month
    assert re.fullmatch(MONTH, "SEPTEMBER", re.I)


def test_weekdays_and_days_of_the_month() -> None:
    assert [re.fullmatch(WEEKDAY, day.capitalize()) is not None for day in WEEKDAYS] == [True] * 7
    assert WEEKDAYS.index("friday") == 4  # date.weekday() numbering
    assert re.fullmatch(DAY, "23rd") and re.fullmatch(DAY, "5") and not re.fullmatch(DAY, "123")
