"""Work history: finds each job by its date range and reads title, company and place around it."""

from __future__ import annotations

import re
from datetime import date

from resumes.parsing.dates import DateRange, cut_span, find_date_ranges, month_index
from resumes.parsing.fields import (
    assign_title_company,
    field_label,
    is_bullet,
    is_header_like,
    split_pieces,
    strip_bullet,
)
from resumes.parsing.geo import is_location

MAX_HEADER_LINES = 3


def _anchor(line: str) -> DateRange | None:
    """The date range that makes a line a job header, if any."""
    ranges = find_date_ranges(line)
    if not ranges:
        return None
    r = ranges[0]
    rest = cut_span(line, r.span, " ")
    # A lone date only anchors a short header line ("Acme, 2019"), never a sentence.
    lone = r.end is None and not r.current
    if lone and (len(rest.split()) > 8 or not is_header_like(rest or "X")):
        return None
    if rest and not is_header_like(rest, max_words=16):
        return None
    return r


def _residual(line: str, r: DateRange) -> str:
    return cut_span(line, r.span)


def _needs_more(pieces: list[tuple[str, str]]) -> bool:
    # A bracket after the title may be the employer, but a line nearby naming one wins.
    title, company, _ = assign_title_company(pieces, bracketed_employer=False)
    return not (title and company)


def parse_experience(lines: list[str]) -> list[dict]:
    """Returns one dict per job in the order written."""
    anchors = [(i, r) for i, line in enumerate(lines) if (r := _anchor(line))]
    claimed: set[int] = {i for i, _ in anchors}
    headers: list[list[int]] = []
    for k, (a, r) in enumerate(anchors):
        prev_a = anchors[k - 1][0] if k else -1
        next_a = anchors[k + 1][0] if k + 1 < len(anchors) else len(lines)
        pieces = split_pieces(_residual(lines[a], r))
        back: list[int] = []
        j = a - 1
        while j > prev_a and len(back) < MAX_HEADER_LINES and _needs_more(pieces):
            line = lines[j]
            if not line.strip():
                if back:
                    break
                j -= 1
                continue
            # "Tools: Python, SQL" ends a description; "Company: Acme" is part of a header.
            labelled = re.match(r"^[^:]{1,25}:\s", strip_bullet(line))
            if labelled and field_label(line) and j not in claimed:
                back.insert(0, j)
                pieces = split_pieces(line) + pieces
                j -= 1
                continue
            if j in claimed or labelled or not is_header_like(line) or (is_bullet(line) and back):
                break
            back.insert(0, j)
            pieces = split_pieces(line) + pieces
            j -= 1
        fwd: list[int] = []
        j = a + 1
        while j < next_a and len(fwd) < 2 and _needs_more(pieces):
            line = lines[j]
            if not line.strip() and not fwd and j + 1 < next_a:
                j += 1  # a table cell boundary between the dates and the job title
                continue
            if field_label(line):
                fwd.append(j)
                pieces = pieces + split_pieces(line)
                j += 1
                continue
            if not line.strip() or is_bullet(line) or not is_header_like(line):
                break
            fwd.append(j)
            pieces = pieces + split_pieces(line)
            j += 1
        # A place on its own line right after the dates (LinkedIn exports) belongs to the job.
        if (
            j < next_a
            and not any(kind == "loc" for kind, _ in pieces)
            and lines[j].strip()
            and is_location(lines[j])
        ):
            fwd.append(j)
        claimed.update(back + fwd)
        headers.append(sorted([*back, a, *fwd]))
    jobs = []
    for k, (_a, r) in enumerate(anchors):
        pieces = []
        for i in headers[k]:
            text = _residual(lines[i], r) if i == anchors[k][0] else lines[i]
            pieces.extend(split_pieces(text))
        title, company, loc = assign_title_company(pieces)
        # "Acme, Lisbon" / "Lead 2022 – Present" / ... / "Analyst 2019 – 2022": a role on a
        # line of its own under an earlier role of a company written above both (a promotion).
        if title and not company and headers[k] == [anchors[k][0]] and k and jobs:
            prev = jobs[-1]
            if prev["company"] and prev["title"] and headers[k - 1][0] < anchors[k - 1][0]:
                company, loc = prev["company"], loc or prev["location"]
        end_line = headers[k + 1][0] if k + 1 < len(headers) else len(lines)
        desc = [strip_bullet(ln) for ln in lines[headers[k][-1] + 1 : end_line] if ln.strip()]
        jobs.append(
            {
                "title": title,
                "company": company,
                "location": loc,
                "start": r.start,
                "end": None if r.current else r.end,
                "current": r.current,
                "description": "\n".join(desc) or None,
            }
        )
    return _fold_roles(jobs)


def _fold_roles(jobs: list[dict]) -> list[dict]:
    """A company line with its overall tenure, followed by roles without a company
    ("Acme 2015 - Present" / "Lead (2019 - Present)" / "Engineer (2015 - 2019)"),
    becomes one job per role at that company."""
    out: list[dict] = []
    i = 0
    while i < len(jobs):
        job = jobs[i]
        roles = []
        j = i + 1
        while j < len(jobs) and jobs[j]["title"] and not jobs[j]["company"]:
            roles.append(jobs[j])
            j += 1
        if job["company"] and not job["title"] and roles:
            for role in roles:
                role["company"] = job["company"]
                role["location"] = role["location"] or job["location"]
            out.extend(roles)
            i = j
        else:
            out.append(job)
            i += 1
    return out


def total_years(jobs: list[dict], today: date) -> float:
    """Years worked, counting overlapping jobs once; open-ended jobs run to `today`."""
    spans = []
    for job in jobs:
        start = month_index(job.get("start"))
        if start is None:
            continue
        if job.get("current") or not job.get("end"):
            end = month_index(None, today=today) if job.get("current") else None
        else:
            end = month_index(job.get("end"))
        if end is None or end <= start:
            continue
        spans.append((start, end))
    spans.sort()
    total, cur_s, cur_e = 0, None, None
    for s, e in spans:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        total += cur_e - cur_s
    return round(total / 12, 1)
