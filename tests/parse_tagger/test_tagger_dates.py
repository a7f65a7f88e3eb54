"""Years, months and days from the date part of a reference."""

import pytest

from solicite.parse.dates import parse_date


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
def test_parse_date(text, expected):
    assert parse_date(text) == expected
