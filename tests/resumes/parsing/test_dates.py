"""Written dates in many forms become "YYYY-MM" or "YYYY"."""

from __future__ import annotations

import pytest

from resumes.parsing.dates import find_date_ranges, parse_date


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("September 2024", "2024-09"),
        ("Sep 2024", "2024-09"),
        ("Sept. 2024", "2024-09"),
        ("09/2024", "2024-09"),
        ("9/2024", "2024-09"),
        ("09.2024", "2024-09"),
        ("2024-09", "2024-09"),
        ("2024/09", "2024-09"),
        ("15/09/2024", "2024-09"),
        ("March 5, 2021", "2021-03"),
        ("5 March 2021", "2021-03"),
        ("Jan '19", "2019-01"),
        ("2024", "2024"),
        ("Summer 2019", "2019"),
        ("März 2020", "2020-03"),
        ("octubre 2018", "2018-10"),
        ("nothing here", None),
    ],
)
def test_single_dates_in_common_written_forms(written: str, expected: str | None) -> None:
    assert parse_date(written) == expected


@pytest.mark.parametrize(
    ("line", "start", "end", "current"),
    [
        ("Jan 2020 - Present", "2020-01", None, True),
        ("January 2020 – Current", "2020-01", None, True),
        ("03/2018 — 01/2020", "2018-03", "2020-01", False),
        ("2016-03 to 2018-01", "2016-03", "2018-01", False),
        ("2019 – 2021", "2019", "2021", False),
        ("2012–2013", "2012", "2013", False),
        ("Sep. 2023-Mar. 2024", "2023-09", "2024-03", False),
        ("since 2019", "2019", None, True),
        ("Aug 2008 until July 2012", "2008-08", "2012-07", False),
        ("Apr 2021 – now", "2021-04", None, True),
        ("Austin, TX | Feb 2026 – Present", "2026-02", None, True),
        ("Summer 2012 and 2013", "2012", "2013", False),
        ("September, 2023 – Present", "2023-09", None, True),
        ("Q3 2021 – Q1 2022", "2021-07", "2022-01", False),
        ("09-2023 - 10-2024", "2023-09", "2024-10", False),
        ("Jan 2019 - Jun 2019 (6 mos)", "2019-01", "2019-06", False),
    ],
)
def test_date_ranges_with_present_words_and_separators(
    line: str, start: str, end: str | None, current: bool
) -> None:
    found = find_date_ranges(line)
    assert found, line
    r = found[0]
    assert (r.start, r.end, r.current) == (start, end, current)


def test_numbers_that_are_not_dates_are_ignored() -> None:
    assert find_date_ranges("Cut latency by 45% serving 19k requests") == []


@pytest.mark.parametrize(
    ("written", "expected"),
    [("12/01/2019", "2019-12"), ("31/12/2019", "2019-12"), ("15.03.2019", "2019-03")],
)
def test_full_dates_use_us_order_with_slashes_and_day_first_with_dots(written, expected) -> None:
    assert parse_date(written) == expected
