"""The privacy matrix: every candidate endpoint × every kind of caller.

Asserts the status code each caller gets and that the candidate's contact data (email,
phone, links) never appears in a response to a caller without ``view_contact``.
"""

from __future__ import annotations

import itertools

import pytest

from candidates import services
from candidates.models import SHAREABLE_PERMISSIONS, VIEW_CONTACT
from tests.candidates.factories import CandidateProfileFactory, held_by
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL, PHONE, LINK = "secret.person@example.com", "+14155550100", "https://example.org/in/secret"

SUBSETS = [
    frozenset(combo)
    for size in range(len(SHAREABLE_PERMISSIONS) + 1)
    for combo in itertools.combinations(SHAREABLE_PERMISSIONS, size)
]
SHARED_ACTORS = ["shared:" + "+".join(sorted(s)) if s else "shared:view-only" for s in SUBSETS]
ACTORS = ["owner", "other", *SHARED_ACTORS, "candidate_user", "admin", "anonymous"]

# (method, path template, kind): kind decides who may call it.
ENDPOINTS = [
    ("get", "/api/resumes/candidates", "list"),
    ("get", "/api/resumes/candidates/{id}", "view"),
    ("get", "/api/resumes/candidates/{id}/notes", "view"),
    ("post", "/api/resumes/candidates/{id}/notes", "change"),
    ("post", "/api/resumes/candidates/{id}/tags", "change"),
    ("delete", "/api/resumes/candidates/{id}/tags/hot", "change"),
    ("get", "/api/resumes/candidates/{id}/activity", "view"),
    ("get", "/api/resumes/admin/candidates", "admin"),
    ("post", "/api/resumes/admin/candidates/share", "admin"),
    ("post", "/api/resumes/admin/candidates/share/revoke", "admin"),
]


def _subset(actor: str) -> frozenset[str]:
    name = actor.split(":", 1)[1]
    return frozenset() if name == "view-only" else frozenset(name.split("+"))


@pytest.fixture
def world(admin_user, recruiter, other_recruiter, candidate_user):
    candidate = CandidateProfileFactory(email=EMAIL, phone=PHONE, links=[LINK])
    held_by(recruiter, candidate)
    services.set_tags(recruiter, candidate, add=["hot"])
    services.add_note(recruiter, candidate, "shared note from the owner")
    # The candidate user is this very person: still no access to the recruiters' API.
    services.grant_self_access(candidate_user, candidate)
    return {
        "candidate": candidate,
        "owner": recruiter,
        "other": other_recruiter,
        "admin": admin_user,
        "candidate_user": candidate_user,
        "anonymous": None,
    }


def _actor(world, name: str):
    if name.startswith("shared:"):
        user = UserFactory(role="recruiter", username=name.replace(":", "-").replace("+", "-"))
        services.share_candidates(
            world["admin"], [world["candidate"]], [user], permissions=_subset(name)
        )
        return user
    return world[name]


def _body(path: str, world) -> dict:
    if path.endswith("/notes"):
        return {"body": "a new note"}
    if path.endswith("/tags"):
        return {"add": ["Urgent"]}
    if path.endswith("/share"):
        return {
            "candidate_ids": [str(world["candidate"].pk)],
            "recruiter_ids": [world["other"].pk],
            "permissions": [VIEW_CONTACT],
        }
    if path.endswith("/revoke"):
        return {"candidate_ids": [str(world["candidate"].pk)], "recruiter_ids": [world["other"].pk]}
    return {}


def _expected_status(actor: str, method: str, path: str, kind: str) -> int:
    if actor == "anonymous":
        return 401
    allowed = {
        "list": actor != "candidate_user",
        "view": actor in ("owner", "admin") or actor.startswith("shared:"),
        # Only the owner (and admins) hold change_candidateprofile; shares never grant it.
        "change": actor in ("owner", "admin"),
        "admin": actor == "admin",
    }[kind]
    if not allowed:
        return 403
    return 201 if (method, kind) == ("post", "change") and path.endswith("/notes") else 200


def _can_view_contact(actor: str) -> bool:
    if actor in ("owner", "admin"):
        return True
    return actor.startswith("shared:") and VIEW_CONTACT in _subset(actor)


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("method", "template", "kind"), ENDPOINTS)
def test_privacy_matrix(world, client_for, actor, method, template, kind):
    user = _actor(world, actor)
    candidate = world["candidate"]
    path = template.format(id=candidate.pk)
    response = getattr(client_for(user), method)(path, _body(path, world), format="json")

    assert response.status_code == _expected_status(actor, method, path, kind), response.content

    body = response.content.decode()
    if kind == "list" and response.status_code == 200:
        ids = [row["id"] for row in response.json()["results"]]
        assert (str(candidate.pk) in ids) == (actor != "other")
    if not _can_view_contact(actor) or (kind == "admin" and actor != "admin"):
        for secret in (EMAIL, PHONE, LINK):
            assert secret not in body


@pytest.mark.parametrize("actor", ["owner", "admin", *SHARED_ACTORS])
def test_contact_fields_are_null_without_view_contact_in_list_and_detail(world, client_for, actor):
    user = _actor(world, actor)
    client = client_for(user)
    candidate = world["candidate"]
    detail = client.get(f"/api/resumes/candidates/{candidate.pk}").json()
    (row,) = client.get("/api/resumes/candidates").json()["results"]
    for data in (detail, row):
        if _can_view_contact(actor):
            assert (data["email"], data["phone"], data["links"]) == (EMAIL, PHONE, [LINK])
        else:
            assert (data["email"], data["phone"], data["links"]) == (None, None, None)
        assert data["permissions"]["can_view_contact"] == _can_view_contact(actor)


def test_unknown_candidate_is_404_and_someone_elses_is_403(world, client_for):
    client = client_for(world["other"])
    assert (
        client.get("/api/resumes/candidates/00000000-0000-4000-8000-000000000000").status_code
        == 404
    )
    response = client.get(f"/api/resumes/candidates/{world['candidate'].pk}")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert "secret" not in response.content.decode().lower()


def test_revoked_share_loses_access(world, client_for):
    user = _actor(world, "shared:view_contact")
    services.revoke_shares(
        world["admin"], candidate_ids=[world["candidate"].pk], recruiter_ids=[user.pk]
    )
    client = client_for(user)
    assert client.get(f"/api/resumes/candidates/{world['candidate'].pk}").status_code == 403
    assert client.get("/api/resumes/candidates").json()["results"] == []
