"""The candidate API as a client sees it: lists, filters, notes, tags, activity, sharing."""

from __future__ import annotations

import pytest

from candidates import selectors, services
from candidates.models import (
    DOWNLOAD_RESUME,
    VIEW,
    VIEW_CONTACT,
    Action,
    CandidateActivity,
    CandidateShare,
    Source,
)
from tests.candidates.factories import CandidateProfileFactory, held_by
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/resumes/candidates"


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_list_is_paginated_with_skip_limit_and_page_links(recruiter, client_for):
    for _ in range(5):
        held_by(recruiter)
    body = client_for(recruiter).get(LIST, {"skip": 2, "limit": 2}).json()
    assert (body["count"], body["skip"], body["limit"], len(body["results"])) == (5, 2, 2, 2)
    assert "skip=4" in body["next"]
    assert "skip=0" in body["previous"] or "skip" not in body["previous"]


def test_list_shows_only_the_callers_database(recruiter, other_recruiter, client_for):
    mine = held_by(recruiter)
    held_by(other_recruiter)
    assert _ids(client_for(recruiter).get(LIST)) == [str(mine.pk)]


def test_list_filters_by_tags_any_and_all(recruiter, client_for):
    both, python_only, neither = held_by(recruiter), held_by(recruiter), held_by(recruiter)
    services.set_tags(recruiter, both, add=["python", "remote"])
    services.set_tags(recruiter, python_only, add=["python"])
    client = client_for(recruiter)
    any_ids = _ids(client.get(LIST, {"tags": "Python, Remote"}))
    all_ids = _ids(client.get(LIST, {"tags": "python,remote", "tags_mode": "all"}))
    assert set(any_ids) == {str(both.pk), str(python_only.pk)}
    assert all_ids == [str(both.pk)]
    assert str(neither.pk) not in any_ids


def test_list_filters_by_skills_years_and_location(recruiter, client_for):
    match = held_by(
        recruiter, skill_keys=["go", "python"], years_experience=8, location="Denver, CO, US"
    )
    held_by(recruiter, skill_keys=["python"], years_experience=8, location="Denver, CO, US")
    held_by(recruiter, skill_keys=["go", "python"], years_experience=2, location="Denver, CO, US")
    held_by(recruiter, skill_keys=["go", "python"], years_experience=9, location="Austin, TX, US")
    query = {"skills": "Python,go", "min_years": 5, "location": "denver"}
    assert _ids(client_for(recruiter).get(LIST, query)) == [str(match.pk)]


def test_skill_filter_does_not_match_a_longer_skill_name(recruiter, client_for):
    held_by(recruiter, skill_keys=["golang"])
    assert _ids(client_for(recruiter).get(LIST, {"skills": "go"})) == []


def test_source_filter_uses_how_the_candidate_entered_my_database(
    admin_user, recruiter, client_for
):
    uploaded = held_by(recruiter)
    shared = CandidateProfileFactory(source=Source.UPLOAD)
    services.share_candidates(admin_user, [shared], [recruiter])
    client = client_for(recruiter)
    assert _ids(client.get(LIST, {"source": "shared"})) == [str(shared.pk)]
    assert _ids(client.get(LIST, {"source": "upload"})) == [str(uploaded.pk)]


def test_list_orders_by_name(recruiter, client_for):
    for name in ["Carla", "Ann", "Bert"]:
        held_by(recruiter, full_name=name)
    rows = client_for(recruiter).get(LIST, {"ordering": "name"}).json()["results"]
    assert [r["full_name"] for r in rows] == ["Ann", "Bert", "Carla"]


def test_bad_query_parameters_are_a_400(recruiter, client_for):
    response = client_for(recruiter).get(LIST, {"ordering": "password", "min_years": "x"})
    assert response.status_code == 400
    assert set(response.json()) >= {"ordering", "min_years"}


def test_search_finds_by_name_skill_and_resume_text(recruiter, client_for):
    ada = held_by(recruiter, full_name="Ada Lovelace", skill_keys=["python"], resume_text="")
    bob = held_by(recruiter, full_name="Bob Stone", resume_text="Built Kubernetes clusters")
    client = client_for(recruiter)
    assert _ids(client.get(LIST, {"q": "lovelace"})) == [str(ada.pk)]
    assert _ids(client.get(LIST, {"q": "kubernetes"})) == [str(bob.pk)]


def test_list_query_count_does_not_grow_with_rows(
    recruiter, client_for, django_assert_max_num_queries
):
    client = client_for(recruiter)
    for _ in range(3):
        services.set_tags(recruiter, held_by(recruiter), add=["a", "b"])
    with django_assert_max_num_queries(4):
        assert len(client.get(LIST).json()["results"]) == 3
    for _ in range(20):
        services.set_tags(recruiter, held_by(recruiter), add=["a", "b", "c"])
    with django_assert_max_num_queries(4):
        assert len(client.get(LIST).json()["results"]) == 23


def test_admin_list_query_count_does_not_grow_with_holders(
    admin_user, recruiter, other_recruiter, client_for, django_assert_max_num_queries
):
    for _ in range(15):
        candidate = held_by(recruiter)
        services.share_candidates(admin_user, [candidate], [other_recruiter])
    with django_assert_max_num_queries(6):
        rows = client_for(admin_user).get("/api/resumes/admin/candidates").json()["results"]
    assert len(rows) == 15
    holders = {h["recruiter"]: h for h in rows[0]["holders"]}
    assert holders["alice"]["source"] == "upload"
    assert holders["bob"]["source"] == "shared"
    assert holders["bob"]["share_id"]


def test_detail_query_count_does_not_grow_with_notes_and_tags(
    recruiter, client_for, django_assert_max_num_queries
):
    candidate = held_by(recruiter)
    client = client_for(recruiter)
    with django_assert_max_num_queries(14) as few:
        client.get(f"{LIST}/{candidate.pk}")
    for i in range(10):
        services.add_note(recruiter, candidate, f"note {i}")
    services.set_tags(recruiter, candidate, add=[f"tag {i}" for i in range(10)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(f"{LIST}/{candidate.pk}").json()
    assert len(body["notes"]) == 10
    assert len(body["tags"]) == 10


def test_detail_shows_profile_permissions_and_logs_the_view(recruiter, client_for):
    candidate = held_by(recruiter, full_name="Ada Lovelace")
    body = client_for(recruiter).get(f"{LIST}/{candidate.pk}", HTTP_USER_AGENT="Firefox/140").json()
    assert body["full_name"] == "Ada Lovelace"
    assert body["permissions"] == {
        "can_view_contact": True,
        "can_download": True,
        "can_submit": True,
        "can_change": True,
    }
    assert body["last_viewed_at"] is not None
    view = CandidateActivity.objects.get(action=Action.VIEW)
    assert (view.actor, view.user_agent) == (recruiter, "Firefox/140")


def test_notes_can_be_added_and_private_ones_stay_private(
    admin_user, recruiter, other_recruiter, client_for
):
    candidate = held_by(recruiter)
    held_by(other_recruiter, candidate)
    client = client_for(recruiter)
    url = f"{LIST}/{candidate.pk}/notes"
    created = client.post(url, {"body": "private thought", "is_private": True})
    assert created.status_code == 201
    assert created.json()["author"] == "alice"
    client.post(url, {"body": "everyone may read", "is_important": True})
    assert {n["body"] for n in client.get(url).json()} == {"private thought", "everyone may read"}
    for reader in (other_recruiter, admin_user):
        assert [n["body"] for n in client_for(reader).get(url).json()] == ["everyone may read"]
        detail = client_for(reader).get(f"{LIST}/{candidate.pk}").json()
        assert [n["body"] for n in detail["notes"]] == ["everyone may read"]


def test_empty_note_is_a_400(recruiter, client_for):
    candidate = held_by(recruiter)
    response = client_for(recruiter).post(f"{LIST}/{candidate.pk}/notes", {"body": "  "})
    assert response.status_code == 400


def test_tags_merge_normalized_and_can_be_removed(recruiter, client_for):
    candidate = held_by(recruiter)
    client = client_for(recruiter)
    url = f"{LIST}/{candidate.pk}/tags"
    assert client.post(url, {"add": ["  Hot   Lead", "REMOTE"]}).json() == {
        "tags": ["hot lead", "remote"]
    }
    assert client.post(url, {"add": ["hot lead"], "remove": ["Remote"]}).json() == {
        "tags": ["hot lead"]
    }
    assert client.delete(f"{url}/Hot%20Lead").json() == {"tags": []}
    assert client.post(url, {}).status_code == 400


def test_activity_records_forwarded_ip_only_from_a_trusted_proxy(settings, recruiter, client_for):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    candidate = held_by(recruiter)
    client = client_for(recruiter)
    url = f"{LIST}/{candidate.pk}/tags"
    client.post(url, {"add": ["a"]}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    client.post(url, {"add": ["b"]}, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="198.51.100.7")
    entries = client.get(f"{LIST}/{candidate.pk}/activity").json()["results"]
    ips = [e["ip"] for e in entries if e["action"] == "tag_added"]
    assert sorted(ips) == ["198.51.100.7", "203.0.113.5"]


def test_recruiters_read_only_their_own_activity_admins_all(
    admin_user, recruiter, other_recruiter, client_for
):
    candidate = held_by(recruiter)
    held_by(other_recruiter, candidate)
    client_for(recruiter).get(f"{LIST}/{candidate.pk}")
    client_for(other_recruiter).get(f"{LIST}/{candidate.pk}")
    url = f"{LIST}/{candidate.pk}/activity"
    mine = client_for(recruiter).get(url).json()["results"]
    assert {e["actor"] for e in mine} == {"alice"}
    everyone = client_for(admin_user).get(url).json()["results"]
    assert {"alice", "bob"} <= {e["actor"] for e in everyone}


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_activity_cannot_be_changed_through_the_api(method, admin_user, recruiter, client_for):
    candidate = held_by(recruiter)
    response = getattr(client_for(admin_user), method)(f"{LIST}/{candidate.pk}/activity", {})
    assert response.status_code == 405


def test_activity_entries_cannot_be_edited():
    entry = CandidateActivity.objects.create(
        candidate=CandidateProfileFactory(), action=Action.VIEW
    )
    entry.action = Action.DOWNLOAD
    with pytest.raises(ValueError, match="append-only"):
        entry.save()


def test_admin_shares_many_candidates_with_many_recruiters(
    admin_user, recruiter, other_recruiter, client_for
):
    candidates = [CandidateProfileFactory() for _ in range(3)]
    body = {
        "candidate_ids": [str(c.pk) for c in candidates],
        "recruiter_ids": [recruiter.pk, other_recruiter.pk],
        "permissions": [VIEW_CONTACT],
        "reason": "Austin backend role",
    }
    response = client_for(admin_user).post("/api/resumes/admin/candidates/share", body)
    assert response.status_code == 200
    assert response.json()["count"] == 6
    for user in (recruiter, other_recruiter):
        assert selectors.candidates_visible_to(user).count() == 3
        assert selectors.permissions_for(user, candidates[0]) == {VIEW, VIEW_CONTACT}
    assert CandidateActivity.objects.filter(action=Action.SHARE_GRANTED).count() == 6


def test_sharing_again_updates_permissions_without_duplicates(admin_user, recruiter, client_for):
    candidate = CandidateProfileFactory()
    client = client_for(admin_user)
    body = {"candidate_ids": [str(candidate.pk)], "recruiter_ids": [recruiter.pk]}
    client.post("/api/resumes/admin/candidates/share", {**body, "permissions": [VIEW_CONTACT]})
    client.post("/api/resumes/admin/candidates/share", {**body, "permissions": [DOWNLOAD_RESUME]})
    assert CandidateShare.objects.filter(revoked_at__isnull=True).count() == 1
    assert selectors.permissions_for(recruiter, candidate) == {VIEW, DOWNLOAD_RESUME}


def test_share_refuses_unknown_candidates_and_non_recruiters(
    admin_user, candidate_user, recruiter, client_for
):
    client = client_for(admin_user)
    unknown = {
        "candidate_ids": ["00000000-0000-4000-8000-000000000000"],
        "recruiter_ids": [recruiter.pk],
    }
    response = client.post("/api/resumes/admin/candidates/share", unknown)
    assert (response.status_code, response.json()["code"]) == (400, "unknown_candidate")
    to_candidate = {
        "candidate_ids": [str(CandidateProfileFactory().pk)],
        "recruiter_ids": [candidate_user.pk],
    }
    response = client.post("/api/resumes/admin/candidates/share", to_candidate)
    assert (response.status_code, response.json()["code"]) == (400, "not_recruiter")
    bad_permission = {**to_candidate, "recruiter_ids": [recruiter.pk], "permissions": ["admin"]}
    assert client.post("/api/resumes/admin/candidates/share", bad_permission).status_code == 400
    assert not CandidateShare.objects.exists()


def test_revoke_by_share_id_takes_the_candidate_away(admin_user, recruiter, client_for):
    candidate = CandidateProfileFactory()
    (share,) = services.share_candidates(admin_user, [candidate], [recruiter])
    response = client_for(admin_user).post(
        "/api/resumes/admin/candidates/share/revoke", {"share_ids": [str(share.pk)]}
    )
    assert response.json()["revoked"] == 1
    assert response.json()["shares"][0]["revoked_at"] is not None
    assert selectors.candidates_visible_to(recruiter).count() == 0
    again = client_for(admin_user).post(
        "/api/resumes/admin/candidates/share/revoke", {"share_ids": [str(share.pk)]}
    )
    assert again.json()["revoked"] == 0


def test_candidate_user_cannot_use_the_recruiter_api(candidate_user, client_for):
    assert client_for(candidate_user).get(LIST).status_code == 403


def test_inactive_recruiter_sees_nothing(client_for):
    user = UserFactory(role="recruiter")
    held_by(user)
    user.is_active = False
    user.save()
    assert client_for(user).get(LIST).status_code in (401, 403)


def test_list_count_covers_own_and_shared_candidates_but_not_revoked_ones(
    admin_user, recruiter, client_for
):
    held_by(recruiter)
    held_by(recruiter)
    shared, revoked = CandidateProfileFactory(), CandidateProfileFactory()
    services.share_candidates(admin_user, [shared, revoked], [recruiter])
    services.revoke_shares(admin_user, candidate_ids=[revoked.pk], recruiter_ids=[recruiter.pk])
    body = client_for(recruiter).get(LIST).json()
    assert body["count"] == 3
    assert str(revoked.pk) not in [row["id"] for row in body["results"]]


@pytest.mark.parametrize("query", [{}, {"q": "engineer"}])
def test_a_page_past_the_end_is_empty_but_keeps_the_count(recruiter, client_for, query):
    for _ in range(3):
        held_by(recruiter, headline="Backend Engineer")
    body = client_for(recruiter).get(LIST, {**query, "skip": 10}).json()
    assert (body["count"], body["results"]) == (3, [])
    assert body["previous"] is not None
