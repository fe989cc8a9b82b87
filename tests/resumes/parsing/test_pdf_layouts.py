"""Two-column PDFs come out one column at a time; one-column rows stay together."""

from __future__ import annotations

from resumes.parsing import extract_text, parse_text
from tests.resumes.parsing.pdf_builder import make_pdf, two_columns

SIDEBAR = [
    "CONTACT",
    "jane@example.com",
    "+1 303 555 0100",
    "Denver, CO",
    "",
    "SKILLS",
    "Python, SQL,",
    "Tableau, Excel",
    "",
    "LANGUAGES",
    "English, Spanish",
]
MAIN = [
    "Jane Doe",
    "Data Analyst",
    "",
    "EXPERIENCE",
    "Data Analyst at Acme Corp",
    "Denver, CO | Jan 2020 - Present",
    "Built dashboards for the sales team",
    "Junior Analyst at Beta LLC",
    "Boulder, CO | Jun 2017 - Dec 2019",
    "Cleaned data pipelines every day",
    "",
    "EDUCATION",
    "B.S. in Statistics, University of Denver, 2017",
]


def _is_block(text: str, lines: list[str]) -> bool:
    """True when the non-empty `lines` appear consecutively, in order, in `text`."""
    wanted = [ln for ln in lines if ln]
    got = [ln for ln in text.split("\n") if ln]
    start = got.index(wanted[0])
    return got[start : start + len(wanted)] == wanted


def test_interleaved_left_sidebar_is_emitted_as_whole_blocks() -> None:
    text = extract_text(two_columns(SIDEBAR, MAIN, 40, 220), "pdf")
    assert _is_block(text, SIDEBAR)
    assert _is_block(text, MAIN)


def test_interleaved_right_sidebar_is_emitted_as_whole_blocks() -> None:
    text = extract_text(two_columns(MAIN, SIDEBAR, 40, 420), "pdf")
    assert _is_block(text, SIDEBAR)
    assert _is_block(text, MAIN)


def test_sidebar_resume_parses_like_a_single_column_one() -> None:
    data = parse_text(extract_text(two_columns(SIDEBAR, MAIN, 40, 220), "pdf"))
    assert data["contact"]["full_name"] == "Jane Doe"
    assert data["languages"] == ["English", "Spanish"]
    assert [(j["title"], j["company"]) for j in data["experience"]] == [
        ("Data Analyst", "Acme Corp"),
        ("Junior Analyst", "Beta LLC"),
    ]


def test_right_aligned_dates_stay_on_their_title_line() -> None:
    pdf = make_pdf(
        [
            (40, 740, "John Roe"),
            (40, 700, "EXPERIENCE"),
            (40, 686, "Senior Engineer, Acme Corp"),
            (470, 686, "2019 - Present"),
            (40, 672, "Built things that matter for people"),
            (40, 658, "Engineer, Beta LLC"),
            (470, 658, "2015 - 2019"),
            (40, 644, "Fixed many bugs in the product code"),
        ]
    )
    text = extract_text(pdf, "pdf")
    assert "Senior Engineer, Acme Corp 2019 - Present" in text
    assert "Engineer, Beta LLC 2015 - 2019" in text


def test_column_of_dates_left_of_jobs_is_not_split_off() -> None:
    pdf = make_pdf(
        [
            (40, 740, "Maria Rossi"),
            (40, 700, "EXPERIENCE"),
            (40, 686, "2019 - Present"),
            (160, 686, "Product Manager, Bending Spoons"),
            (160, 672, "Led the roadmap for the photo editing app"),
            (160, 658, "Ran user interviews with customers every week"),
            (40, 644, "2015 - 2019"),
            (160, 644, "Product Owner, UniCredit"),
            (160, 630, "Owned the mobile banking backlog for two years"),
        ]
    )
    jobs = parse_text(extract_text(pdf, "pdf"))["experience"]
    assert [(j["title"], j["company"], j["start"]) for j in jobs] == [
        ("Product Manager", "Bending Spoons", "2019"),
        ("Product Owner", "UniCredit", "2015"),
    ]


def test_stream_drawn_out_of_reading_order_is_read_top_to_bottom() -> None:
    lines = ["Jane Doe", "jane@example.com", "EXPERIENCE", "Data Analyst at Acme Corp"]
    lines += ["Denver, CO | Jan 2020 - Present", "Built dashboards for the sales team"]
    items = [(40, 740 - i * 14, text) for i, text in enumerate(lines)]
    order = [3, 0, 5, 1, 4, 2]  # the generator drew the lines in this order
    text = extract_text(make_pdf([items[i] for i in order]), "pdf")
    assert _is_block(text, lines)


def test_sidebar_on_the_same_line_grid_as_a_longer_main_column() -> None:
    main = [*MAIN, "Tutored statistics students twice a week", "Volunteer at the food bank"]
    items = []
    for i in range(len(main)):
        y = 740 - i * 14
        if main[i]:
            items.append((40, y, main[i]))
        if i < len(SIDEBAR) and SIDEBAR[i]:
            items.append((380, y, SIDEBAR[i]))
    text = extract_text(make_pdf(items), "pdf")
    assert _is_block(text, SIDEBAR)
    assert _is_block(text, main)
