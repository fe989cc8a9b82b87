"""Finds written dates and date ranges and turns them into "YYYY-MM" or "YYYY"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from resumes.parsing.data_files import load_data


@dataclass(frozen=True)
class DateRange:
    """A start/end pair found in a line; `span` is where it sits in that line."""

    start: str | None
    end: str | None
    current: bool
    span: tuple[int, int]


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_data("dates")
    months = sorted(data["months"], key=len, reverse=True)
    month = r"(?:{})".format("|".join(re.escape(m) for m in months))
    season = r"(?:{})".format("|".join(data["seasons"]))
    present = r"(?:{})".format(
        "|".join(
            re.escape(p).replace(r"\ ", r"\s+")
            for p in sorted(data["present"], key=len, reverse=True)
        )
    )
    year = r"(?:19[5-9]\d|20\d\d)"
    # One written date, most specific forms first.
    one = (
        rf"(?:{month}\.?,?\s*(?:of\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?['’]?{year}"  # Sep 2023
        rf"|{month}[-/]{year}"  # Sep-2023, Sep/2023
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{month}\.?,?\s+{year}"  # 5 March 2021
        rf"|{month}\.?\s*['’]\d\d(?!\d)"  # Jan '19
        rf"|{season}\s+{year}"  # Summer 2019
        rf"|Q[1-4]\s*{year}"  # Q3 2021
        rf"|{year}[-/.](?:0?[1-9]|1[0-2])(?![\d])(?:[-/.]\d{{1,2}})?"  # 2019-03, 2019/03/15
        rf"|(?:\d{{1,2}}[/.])?(?:0?[1-9]|1[0-2])[/.\-]{year}"  # 03/2019, 15.03.2019
        rf"|{year})"
    )
    words = "to|until|till|through|thru|and|bis|hasta|au|à|a"
    sep = rf"\s*(?:[-–—−~&]+|\b(?:{words})\b)\s*"
    rng = (
        rf"(?<![\w/.])(?:(?:from|since|desde|seit|depuis)\s+)?(?P<a>{one})"
        rf"(?:{sep}(?P<b>{one}|{present}))?(?![\w/])"
    )
    return {
        "one": re.compile(rf"(?<![\w]){one}(?![\w])", re.IGNORECASE),
        "range": re.compile(rng, re.IGNORECASE),
        "present": re.compile(rf"^{present}$", re.IGNORECASE),
        "since": re.compile(r"^(?:since|desde|seit|depuis)\b", re.IGNORECASE),
    }


DURATION = re.compile(
    r"[(·•|,]?\s*\d+\+?\s*(?:years?|yrs?|y)(?:\s*(?:and\s*)?\d+\s*(?:months?|mos?|m))?\s*\)?"
    r"|[(·•|,]?\s*\d+\s*(?:months?|mos?)\s*\)?",
    re.IGNORECASE,
)


def cut_span(line: str, span: tuple[int, int], filler: str = " | ") -> str:
    """Removes a date span (with brackets around it and a trailing "(2 yrs 3 mos)")."""
    start, end = span
    rest = line[end:]
    m = re.match(r"\s*[)\]]?\s*(?:[(·•|,]\s*)?" + DURATION.pattern, rest, re.IGNORECASE)
    if m:
        end += m.end()
    while start > 0 and line[start - 1] in " ([":
        start -= 1
    while end < len(line) and line[end] in " )]":
        end += 1
    return (line[:start].rstrip() + filler + line[end:].lstrip()).strip(" |")


def parse_date(text: str) -> str | None:
    """Returns "YYYY-MM" or "YYYY" for one written date, or None."""
    data = load_data("dates")
    t = text.strip().lower().replace("’", "'")
    if not t:
        return None
    year_m = re.search(r"(19[5-9]\d|20\d\d)", t)
    word = re.search(r"[^\W\d_]+", t)
    if word and word.group(0) in data["months"]:
        month = data["months"][word.group(0)]
        if year_m:
            return f"{year_m.group(1)}-{month:02d}"
        short = re.search(r"'(\d\d)\b", t)
        if short:
            yy = int(short.group(1))
            return f"{2000 + yy if yy <= 50 else 1900 + yy}-{month:02d}"
        return None
    if word and word.group(0) in data["seasons"] and year_m:
        return year_m.group(1)
    quarter = re.match(r"(q[1-4])\s*", t)
    if quarter and year_m:
        return f"{year_m.group(1)}-{data['quarters'][quarter.group(1)]:02d}"
    if not year_m:
        return None
    numbers = re.findall(r"\d+", t)
    yr = year_m.group(1)
    if len(numbers) == 1:
        return yr
    others = [int(n) for n in numbers if n != yr]
    if t.startswith(yr) or len(others) == 1:  # 2019-03 or 2019-03-15: month follows the year
        month = others[0]
    elif "." in t or others[0] > 12:  # 15.03.2019 and 31/12/2019 put the day first
        month = others[1]
    else:  # 12/01/2019: month first, as written in the US
        month = others[0]
    return f"{yr}-{month:02d}" if 1 <= month <= 12 else yr


def is_present(text: str) -> bool:
    """True when the text means "still in this role" (Present, Current, Now, ...)."""
    return bool(_patterns()["present"].match(text.strip().strip(".")))


_OPEN_END = re.compile(r"\s*[-–—]+(?=\s*(?:$|[|)\]]))")
_SHORT_END = re.compile(r"\s*[-–—]\s*(\d\d)(?![\d/.,%])(?!\s+[a-z])")


def find_date_ranges(line: str) -> list[DateRange]:
    """Returns every date or date range in a line, left to right."""
    out = []
    for m in _patterns()["range"].finditer(line):
        a, b = m.group("a"), m.group("b")
        start = parse_date(a)
        if start is None:
            continue
        if b is None:
            short = _SHORT_END.match(line, m.end()) if re.fullmatch(r"\d{4}", start) else None
            if short and int(short.group(1)) > int(start[2:]):
                # "2010–15": the end year written with its last two digits.
                end = f"{start[:2]}{short.group(1)}"
                out.append(DateRange(start, end, False, (m.start(), short.end())))
                continue
            since = bool(_patterns()["since"].match(m.group(0)))
            # "Oct 2019 –" with nothing after the dash: still in that role.
            open_end = _OPEN_END.match(line, m.end())
            if open_end:
                out.append(DateRange(start, None, True, (m.start(), open_end.end())))
                continue
            out.append(DateRange(start, None, since, m.span()))
        elif is_present(b):
            out.append(DateRange(start, None, True, m.span()))
        else:
            out.append(DateRange(start, parse_date(b), False, m.span()))
    return out


def find_dates(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Returns each single written date in a text with its span."""
    out = []
    for m in _patterns()["one"].finditer(text):
        d = parse_date(m.group(0))
        if d:
            out.append((d, m.span()))
    return out


def month_index(value: str | None, *, today: date | None = None) -> int | None:
    """Turns "YYYY-MM"/"YYYY" into a month count; None means `today` when one is given.

    A bare year counts from its middle: the best guess when the month is not written.
    """
    if not value:
        if today is None:
            return None
        return today.year * 12 + today.month - 1
    parts = value.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 7
    return year * 12 + month - 1
