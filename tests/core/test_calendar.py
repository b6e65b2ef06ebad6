"""The Chinese official working-day calendar (第十八条) of ``wagtail_govinfo.calendar``.

Expected days come from the State Council arrangements as carried by the
``chinesecalendar`` package data (2025, 2026) and, for 2027, from the documented
fallback on ``holidays`` (public holidays and weekends, no 调休 known yet).
"""

import datetime

import chinese_calendar
import pytest

from wagtail_govinfo.calendar import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    "day, n, expected",
    [
        # 2025 Spring Festival: 1-28 … 2-4 off, Sunday 1-26 and Saturday 2-8 worked (调休).
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),
        # 2025 National Day and Mid-Autumn: 10-1 … 10-8 off, Sunday 9-28 and Saturday 10-11 worked.
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 10), 1, D(2025, 10, 11)),
        # 2026 New Year: 1-1 … 1-3 off, Sunday 1-4 worked.
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        # 2026 Spring Festival: 2-15 … 2-23 off, Saturdays 2-14 and 2-28 worked.
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 14), 1, D(2026, 2, 24)),
        (D(2026, 2, 13), 5, D(2026, 2, 27)),
        (D(2026, 2, 27), 1, D(2026, 2, 28)),
        # 2026 Labour Day: 5-1 … 5-5 off, Saturday 5-9 worked.
        (D(2026, 4, 30), 1, D(2026, 5, 6)),
        (D(2026, 5, 8), 1, D(2026, 5, 9)),
        # 2026 National Day: 10-1 … 10-7 off, Sunday 9-20 and Saturday 10-10 worked.
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 9), 1, D(2026, 10, 10)),
        # n = 0 is the day itself; an ordinary week.
        (D(2026, 11, 2), 0, D(2026, 11, 2)),
        (D(2026, 11, 6), 5, D(2026, 11, 13)),
    ],
)
def test_add_working_days_follows_the_official_arrangement(day, n, expected):
    assert add_working_days(day, n) == expected


def test_the_expected_days_are_those_of_the_package_data():
    # Guard against the test drifting from the data: the 调休 days above are workdays
    # and the holidays above are not, according to chinesecalendar itself.
    for day in [D(2025, 1, 26), D(2025, 2, 8), D(2025, 9, 28), D(2025, 10, 11), D(2026, 1, 4),
                D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]:
        assert day.weekday() >= 5 and chinese_calendar.is_workday(day) and is_working_day(day)
    for day in [D(2025, 10, 8), D(2026, 1, 2), D(2026, 2, 23), D(2026, 5, 5), D(2026, 10, 7)]:
        assert day.weekday() < 5 and not chinese_calendar.is_workday(day) and not is_working_day(day)


def test_working_days_between():
    # After Friday 2-13 up to Saturday 2-28: 2-14 (调休), 2-24 … 2-27, 2-28 (调休).
    assert working_days_between(D(2026, 2, 13), D(2026, 2, 28)) == 6
    assert working_days_between(D(2026, 11, 2), D(2026, 11, 2)) == 0
    assert working_days_between(D(2026, 11, 9), D(2026, 11, 2)) == 0
    # The start day itself never counts; the end day does.
    assert working_days_between(D(2026, 11, 2), D(2026, 11, 3)) == 1


def test_datetimes_are_taken_as_their_date():
    assert add_working_days(datetime.datetime(2026, 2, 13, 23, 59), 1) == D(2026, 2, 14)


def test_2027_falls_back_to_holidays_and_weekends():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))
    # New Year's Day 2027 is a Friday; the weekend follows.
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 4)
    # Spring Festival 2027 (holidays CN): 2-5 … 2-10 off.
    assert add_working_days(D(2027, 2, 4), 1) == D(2027, 2, 11)
    # National Day 2027: 10-1 … 10-5 off.
    assert add_working_days(D(2027, 9, 30), 1) == D(2027, 10, 6)
    # Across the years: 12-28 … 12-31 (4), 1-1 off, 1-4 … 1-8 (5).
    assert working_days_between(D(2026, 12, 25), D(2027, 1, 8)) == 9
    # Without an announced arrangement, a Saturday is a rest day.
    assert not is_working_day(D(2027, 1, 30))


@pytest.mark.parametrize("start", [D(2025, 1, 20) + datetime.timedelta(days=k) for k in range(0, 800, 13)])
def test_add_and_between_agree(start):
    for n in (1, 5, 10):
        assert working_days_between(start, add_working_days(start, n)) == n


def test_negative_n_is_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 11, 2), -1)
