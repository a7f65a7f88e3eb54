"""Years, months and days from the date part of a reference."""

import pytest

from solicite.parse.dates import find_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(2016).", {"year": "2016"}),
        ("(4 October 2018).", {"year": "2018", "month": "10", "day": "4"}),
        ("(2018, October 4)", {"year": "2018", "month": "10", "day": "4"}),
        ("(22 November 2016).", {"year": "2016", "month": "11", "day": "22"}),
        ("(March 2020)", {"year": "2020", "month": "3"}),
        ("Sept. 1999,", {"year": "1999", "month": "9"}),
        ("2019a.", {"year": "2019"}),
        ("( 2024).", {"year": "2024"}),
        ("2021-03-07", {"year": "2021", "month": "3", "day": "7"}),
        ("(n.d.)", {}),
        ("", {}),
    ],
)
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_full_date_near_the_year_but_not_access_dates():
    from solicite.parse.dates import full_date_near

    assert full_date_near("Forum [Internet]. 2018 Oct 4 [cited 2024 Jan 5].", "2018") == {"month": "10", "day": "4"}
    assert full_date_near("The Times, March 17, 1969.", "1969") == {"month": "3", "day": "17"}
    assert full_date_near("Accessed June 1, 2023. (2023).", "2023") == {}
    assert full_date_near("Urban Studies 2017, 12(3)", "2017") == {}
