"""Candidate database pages through the Django test client: list, search, detail, actions."""

from __future__ import annotations

import csv
import io

import pytest

from candidates import services
from candidates.models import VIEW_CONTACT, FieldCorrection
from tests.candidates.factories import held_by
from tests.factories import CandidateProfileFactory

pytestmark = pytest.mark.django_db


def test_list_shows_only_the_recruiters_own_candidates(recruiter, other_recruiter, page_client):
    held_by(recruiter, full_name="Ada Lovelace")
    held_by(other_recruiter, full_name="Grace Hopper")
    page = page_client(recruiter).get("/candidates/")
    assert page.status_code == 200
    assert "Ada Lovelace" in page.text
    assert "Grace Hopper" not in page.text


def test_search_highlights_the_matching_word_in_a_snippet(recruiter, page_client):
    held_by(recruiter, full_name="Ada Lovelace", resume_text="Built Kubernetes operators in Go.")
    held_by(recruiter, full_name="Grace Hopper", resume_text="COBOL compilers.")
    page = page_client(recruiter).get("/candidates/", {"q": "kubernetes"})
    assert "Ada Lovelace" in page.text
    assert "Grace Hopper" not in page.text
    assert "<mark>" in page.text


def test_filters_and_sort_are_kept_in_the_url_of_the_next_page(recruiter, page_client):
    for i in range(30):
        held_by(recruiter, full_name=f"Person {i:02d}", location="Austin, TX")
    page = page_client(recruiter).get("/candidates/", {"location": "Austin", "ordering": "name"})
    assert "Page 1 of 2" in page.text
    assert "location=Austin" in page.text and "ordering=name" in page.text and "page=2" in page.text
    assert page.text.index("Person 00") < page.text.index("Person 01")


def test_snippet_masks_email_where_contact_is_not_shared(admin_user, recruiter, page_client):
    candidate = CandidateProfileFactory(
        full_name="Ada Lovelace", resume_text="Kubernetes expert, write to ada@example.org"
    )
    services.refresh_search_vector([candidate.pk])
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[])
    page = page_client(recruiter).get("/candidates/", {"q": "kubernetes"})
    assert "Ada Lovelace" in page.text
    assert "ada@example.org" not in page.text


def test_csv_export_fills_contact_only_where_permitted(admin_user, recruiter, page_client):
    held_by(recruiter, full_name="Own Person", email="own@example.com")
    shared = CandidateProfileFactory(full_name="Shared Person", email="shared@example.com")
    services.share_candidates(admin_user, [shared], [recruiter], permissions=[])
    response = page_client(recruiter).get("/candidates/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    by_name = {row["name"]: row for row in rows}
    assert by_name["Own Person"]["email"] == "own@example.com"
    assert by_name["Shared Person"]["email"] == ""


def test_csv_export_follows_the_search_of_the_current_view(recruiter, page_client):
    held_by(recruiter, full_name="Ada Lovelace", resume_text="kubernetes")
    held_by(recruiter, full_name="Grace Hopper", resume_text="cobol")
    response = page_client(recruiter).get("/candidates/export.csv", {"q": "kubernetes"})
    body = b"".join(response.streaming_content).decode()
    assert "Ada Lovelace" in body and "Grace Hopper" not in body


def test_csv_export_neutralises_spreadsheet_formulas(recruiter, page_client):
    held_by(recruiter, full_name="=HYPERLINK(1)")
    body = b"".join(page_client(recruiter).get("/candidates/export.csv").streaming_content)
    assert "'=HYPERLINK(1)" in body.decode()


def test_bulk_tag_tags_the_selected_candidates(recruiter, page_client):
    a, b = held_by(recruiter), held_by(recruiter)
    response = page_client(recruiter).post(
        "/candidates/bulk-tag", {"ids": [a.pk, b.pk], "tags": "Shortlist"}, follow=True
    )
    assert "Tagged 2 candidates" in response.text
    assert list(a.tag_links.values_list("tag__name", flat=True)) == ["shortlist"]


def test_detail_of_another_recruiters_candidate_is_403_and_shows_nothing(
    recruiter, other_recruiter, page_client
):
    candidate = held_by(recruiter, full_name="Ada Lovelace", email="ada@example.com")
    response = page_client(other_recruiter).get(f"/candidates/{candidate.pk}/")
    assert response.status_code == 403
    assert "Ada Lovelace" not in response.text and "ada@example.com" not in response.text
    assert "You do not have access" in response.text


def test_detail_of_unknown_candidate_is_404(recruiter, page_client):
    response = page_client(recruiter).get("/candidates/00000000-0000-0000-0000-000000000000/")
    assert response.status_code == 404


def test_detail_hides_contact_without_view_contact(admin_user, recruiter, page_client):
    candidate = CandidateProfileFactory(email="secret@example.com", phone="+14155550100")
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[])
    page = page_client(recruiter).get(f"/candidates/{candidate.pk}/")
    assert page.status_code == 200
    assert "secret@example.com" not in page.text and "+14155550100" not in page.text
    assert "Contact details are hidden" in page.text


def test_detail_shows_contact_to_its_holder(recruiter, page_client):
    candidate = held_by(recruiter, email="ada@example.com")
    page = page_client(recruiter).get(f"/candidates/{candidate.pk}/")
    assert "ada@example.com" in page.text


@pytest.mark.parametrize(
    "tab", ["profile", "experience", "education", "skills", "resume", "notes", "tags", "matches"]
)
def test_every_tab_renders(recruiter, page_client, tab):
    candidate = held_by(
        recruiter,
        experience=[{"title": "Engineer", "company": "Acme", "start": "2020-01", "current": True}],
        education=[{"degree": "B.S. Physics", "institution": "MIT", "level": "bachelor"}],
        skills=[{"name": "Python", "proficiency": "expert", "years": 5}],
    )
    page = page_client(recruiter).get(f"/candidates/{candidate.pk}/", {"tab": tab})
    assert page.status_code == 200
    assert 'aria-current="page">' + tab.capitalize() in page.text


def test_correction_keeps_the_parser_value_beside_the_new_one(recruiter, page_client):
    candidate = held_by(recruiter, headline="Enginer")
    client = page_client(recruiter)
    client.post(
        f"/candidates/{candidate.pk}/correct", {"field": "headline", "value": "Staff Engineer"}
    )
    candidate.refresh_from_db()
    assert candidate.headline == "Staff Engineer"
    page = client.get(f"/candidates/{candidate.pk}/")
    assert "Correction history" in page.text and "Staff Engineer" in page.text
    assert FieldCorrection.objects.filter(candidate=candidate, field="headline").exists()


def test_correcting_skills_from_json_updates_the_skill_filter(recruiter, page_client):
    candidate = held_by(recruiter)
    page_client(recruiter).post(
        f"/candidates/{candidate.pk}/correct",
        {"field": "skills", "value": '[{"name": "Rust", "proficiency": "expert", "years": 3}]'},
    )
    candidate.refresh_from_db()
    assert candidate.skill_keys == ["rust"]


def test_bad_json_correction_shows_an_error_and_changes_nothing(recruiter, page_client):
    candidate = held_by(recruiter)
    response = page_client(recruiter).post(
        f"/candidates/{candidate.pk}/correct", {"field": "skills", "value": "[oops"}, follow=True
    )
    assert "must be a JSON list" in response.text
    assert not FieldCorrection.objects.filter(candidate=candidate).exists()


def test_recruiter_without_contact_permission_cannot_correct_email(
    admin_user, recruiter, page_client
):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    response = page_client(recruiter).post(
        f"/candidates/{candidate.pk}/correct", {"field": "email", "value": "x@example.com"}
    )
    assert response.status_code == 403


def test_note_is_added_and_listed(recruiter, page_client):
    candidate = held_by(recruiter)
    client = page_client(recruiter)
    client.post(
        f"/candidates/{candidate.pk}/notes",
        {"body": "Great call today", "is_important": "on"},
    )
    page = client.get(f"/candidates/{candidate.pk}/", {"tab": "notes"})
    assert "Great call today" in page.text and "important" in page.text


def test_tags_add_and_remove_inline_with_htmx(recruiter, page_client):
    candidate = held_by(recruiter)
    client = page_client(recruiter)
    added = client.post(
        f"/candidates/{candidate.pk}/tags", {"add": "Backend, Remote"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in added.text
    assert "backend" in added.text and "remote" in added.text
    removed = client.post(
        f"/candidates/{candidate.pk}/tags", {"remove": "backend"}, HTTP_HX_REQUEST="true"
    )
    assert "Remove tag backend" not in removed.text and "remote" in removed.text


def test_shared_viewer_cannot_add_notes(admin_user, recruiter, page_client):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[])
    response = page_client(recruiter).post(f"/candidates/{candidate.pk}/notes", {"body": "x"})
    assert response.status_code == 403


def test_candidate_user_gets_403_on_the_database(candidate_user, page_client):
    assert page_client(candidate_user).get("/candidates/").status_code == 403


def test_signed_out_visitor_is_sent_to_login(client):
    response = client.get("/candidates/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
