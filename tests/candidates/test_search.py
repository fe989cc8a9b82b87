"""Search and filters of the candidate database, on the SQLite fallback and on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from candidates import selectors, services
from candidates.models import CandidateProfile
from candidates.selectors import SNIPPET_START, SNIPPET_STOP, highlight_snippet
from tests.candidates.factories import held_by

pytestmark = pytest.mark.django_db


def _search(user, query: str, **kwargs) -> list:
    qs = selectors.browse_candidates(user, q=query, **kwargs)
    return list(qs)


@pytest.fixture
def people(recruiter):
    return {
        "ada": held_by(
            recruiter,
            full_name="Ada Lovelace",
            headline="Data Engineer",
            skill_keys=["python", "spark"],
            resume_text="Ada Lovelace. Built Spark pipelines in Python for analytics.",
        ),
        "bob": held_by(
            recruiter,
            full_name="Bob Stone",
            headline="Registered Nurse",
            skill_keys=["patient care"],
            resume_text="Bob Stone. Patient care in the emergency department.",
        ),
        "cy": held_by(
            recruiter,
            full_name="Cy Young",
            headline="Backend Engineer",
            skill_keys=["java", "python"],
            resume_text="Cy Young. Java services, some Python scripting.",
        ),
    }


def test_search_matches_name_headline_skill_and_resume_text(recruiter, people):
    assert _search(recruiter, "lovelace") == [people["ada"]]
    assert _search(recruiter, "nurse") == [people["bob"]]
    assert set(_search(recruiter, "python")) == {people["ada"], people["cy"]}
    assert _search(recruiter, "emergency") == [people["bob"]]


def test_every_word_of_a_search_must_match(recruiter, people):
    assert _search(recruiter, "python java") == [people["cy"]]
    assert _search(recruiter, "python nurse") == []


def test_search_matches_email(recruiter):
    person = held_by(recruiter, email="grace.hopper@navy.example")
    assert _search(recruiter, "Grace.Hopper@navy.example") == [person]


def test_search_matches_phone_in_any_written_form(recruiter):
    person = held_by(recruiter, phone="+14155550123")
    assert _search(recruiter, "(415) 555-0123") == [person]


def test_contact_search_needs_view_contact(admin_user, recruiter, other_recruiter):
    person = held_by(recruiter, email="grace.hopper@navy.example", phone="+14155550123")
    services.share_candidates(admin_user, [person], [other_recruiter], permissions=[])
    assert _search(other_recruiter, "grace.hopper@navy.example") == []
    assert _search(other_recruiter, "+1 415 555 0123") == []
    services.share_candidates(admin_user, [person], [other_recruiter], permissions=["view_contact"])
    assert _search(other_recruiter, "grace.hopper@navy.example") == [person]


def test_resume_text_keeps_no_contact_details_for_search(recruiter):
    from resumes.models import Resume

    resume = Resume.objects.create(
        original_filename="cv.pdf", kind="pdf", size=1, sha256="0" * 64, uploaded_by=recruiter
    )
    text = "Grace Hopper\ngrace@navy.example | (415) 555-0123 | linkedin.com/in/grace\nCOBOL 1959"
    data = {"contact": {"full_name": "Grace Hopper", "email": "grace@navy.example"}}
    person = services.upsert_from_parse(
        data, resume=resume, uploader=recruiter, source="upload", text=text
    )
    assert "navy.example" not in person.resume_text
    assert "555" not in person.resume_text
    assert "linkedin" not in person.resume_text
    assert "COBOL 1959" in person.resume_text
    assert _search(recruiter, "navy") == []


def test_search_never_reaches_outside_the_callers_database(recruiter, other_recruiter, people):
    held_by(other_recruiter, full_name="Ada Other", resume_text="Python")
    assert set(_search(recruiter, "python")) == {people["ada"], people["cy"]}
    assert [c.full_name for c in _search(other_recruiter, "python")] == ["Ada Other"]


def test_blank_search_changes_nothing(recruiter, people):
    assert set(_search(recruiter, "  ")) == set(people.values())


def test_filters_and_search_combine(recruiter, people):
    qs = selectors.filter_candidates(selectors.candidates_visible_to(recruiter), skills=["java"])
    assert list(selectors.search_candidates(qs, "python")) == [people["cy"]]


def test_a_stale_search_hint_never_shows_someone_elses_candidate(recruiter, other_recruiter):
    theirs = held_by(other_recruiter, full_name="Zed Quill", skill_keys=["cobol"])
    # Even if the denormalized viewer list were wrong, guardian's table still decides.
    CandidateProfile.objects.filter(pk=theirs.pk).update(viewer_ids=[recruiter.pk])
    assert _search(recruiter, "quill") == []
    assert list(selectors.browse_candidates(recruiter, skills=["cobol"])) == []


def test_highlight_snippet_escapes_resume_text():
    html = highlight_snippet(f"<script>x</script> {SNIPPET_START}Python{SNIPPET_STOP} dev")
    assert html == "&lt;script&gt;x&lt;/script&gt; <mark>Python</mark> dev"


def test_search_finds_other_forms_of_a_word(recruiter, people):
    # PostgreSQL matches stemmed words ("pipeline" finds "pipelines"); the SQLite
    # fallback matches any part of a word, which finds them too.
    assert _search(recruiter, "pipeline") == [people["ada"]]
    if connection.vendor != "postgresql":
        assert _search(recruiter, "lovel") == [people["ada"]]


@pytest.mark.postgres
def test_postgres_ranks_title_matches_above_resume_text_matches(recruiter, people):
    only_text = held_by(
        recruiter, full_name="Dee Park", headline="Analyst", resume_text="Some python."
    )
    in_title = held_by(
        recruiter, full_name="Eve Python", headline="Python Developer", resume_text="Python."
    )
    results = _search(recruiter, "python")
    assert results[0] == in_title
    assert results.index(in_title) < results.index(only_text)
    assert all(r.rank > 0 for r in results)


@pytest.mark.postgres
def test_postgres_search_understands_stems_phrases_and_exclusions(recruiter, people):
    assert _search(recruiter, "pipeline") == [people["ada"]]  # "pipelines" stems to it
    assert _search(recruiter, "python -java") == [people["ada"]]
    assert _search(recruiter, '"patient care"') == [people["bob"]]


@pytest.mark.postgres
def test_postgres_snippet_marks_the_matched_words(recruiter, people):
    (ada,) = _search(recruiter, "spark", with_snippet=True)
    assert f"{SNIPPET_START}Spark{SNIPPET_STOP}" in ada.snippet
    assert "<mark>Spark</mark>" in highlight_snippet(ada.snippet)


@pytest.mark.postgres
def test_postgres_search_plan_uses_the_gin_index(admin_user, people):
    with connection.cursor() as cursor:
        # A three-row table is cheaper to scan; ask what the planner does when it is not.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = selectors.search_candidates(
            selectors.candidates_visible_to(admin_user), "python"
        ).explain()
    assert "candidates_profile_search_gin" in plan
