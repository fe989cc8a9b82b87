"""Django admin: master database, the share action with its form, revocation, the audit log."""

from __future__ import annotations

import json

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from candidates import selectors, services
from candidates.models import (
    DOWNLOAD_RESUME,
    VIEW,
    VIEW_CONTACT,
    Action,
    CandidateActivity,
    CandidateShare,
    FieldCorrection,
)
from tests.candidates.factories import (
    CandidateActivityFactory,
    CandidateProfileFactory,
    FieldCorrectionFactory,
    held_by,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/candidates/candidateprofile/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_share_action_shows_the_form_then_creates_shares(admin_client, recruiter, other_recruiter):
    candidates = [CandidateProfileFactory() for _ in range(2)]
    selected = {
        "action": "share_with_recruiters",
        ACTION_CHECKBOX_NAME: [str(c.pk) for c in candidates],
    }
    form_page = admin_client.post(CHANGELIST, selected)
    assert form_page.status_code == 200
    html = form_page.content.decode()
    assert "Share 2 candidates with recruiters" in html
    assert 'value="view_contact"' in html and "alice" in html

    response = admin_client.post(
        CHANGELIST,
        {
            **selected,
            "apply": "Share",
            "recruiters": [recruiter.pk, other_recruiter.pk],
            "permissions": [VIEW_CONTACT, DOWNLOAD_RESUME],
            "reason": "Houston nursing roles",
        },
    )
    assert response.status_code == 302
    assert CandidateShare.objects.filter(reason="Houston nursing roles").count() == 4
    for user in (recruiter, other_recruiter):
        assert selectors.permissions_for(user, candidates[0]) == {
            VIEW,
            VIEW_CONTACT,
            DOWNLOAD_RESUME,
        }


def test_share_form_requires_a_recruiter(admin_client):
    candidate = CandidateProfileFactory()
    response = admin_client.post(
        CHANGELIST,
        {"action": "share_with_recruiters", ACTION_CHECKBOX_NAME: [candidate.pk], "apply": "1"},
    )
    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not CandidateShare.objects.exists()


def test_revoke_action_ends_shares_and_access(admin_client, admin_user, recruiter):
    candidate = CandidateProfileFactory()
    (share,) = services.share_candidates(admin_user, [candidate], [recruiter])
    response = admin_client.post(
        "/admin/candidates/candidateshare/",
        {"action": "revoke_selected", ACTION_CHECKBOX_NAME: [str(share.pk)]},
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_at is not None
    assert selectors.permissions_for(recruiter, candidate) == set()
    assert CandidateActivity.objects.filter(action=Action.SHARE_REVOKED).count() == 1


def test_master_list_searches_and_candidate_page_shows_inlines(admin_client, admin_user, recruiter):
    candidate = held_by(recruiter, full_name="Grace Hopper")
    services.share_candidates(admin_user, [candidate], [UserFactory(role="recruiter")])
    services.add_note(recruiter, candidate, "secret plan", is_private=True)
    services.add_note(recruiter, candidate, "open note")
    services.set_tags(recruiter, candidate, add=["cobol"])
    listing = admin_client.get(CHANGELIST, {"q": "hopper"}).content.decode()
    assert "Grace Hopper" in listing
    assert '<td class="field-holder_count">2</td>' in listing
    page = admin_client.get(f"{CHANGELIST}{candidate.pk}/change/").content.decode()
    assert "held by" in page.lower()
    assert "Revoke…" in page
    assert "open note" in page
    assert "secret plan" not in page  # private notes belong to their author only


def _change_form_data(page) -> dict:
    """What the browser would post back for an unchanged candidate page."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if isinstance(value, list | dict):
            value = json.dumps(value)
        data[name] = "" if value is None else value
        if field.show_hidden_initial:  # fields with a callable default post their initial too
            data[f"initial-{name}"] = data[name]
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name, field in management.fields.items():
            data[f"{management.prefix}-{name}"] = management.initial.get(name, field.initial)
    return data


def _prefix(page, model_name: str) -> str:
    return next(
        f.formset.prefix
        for f in page.context["inline_admin_formsets"]
        if f.formset.model._meta.model_name == model_name
    )


def test_notes_added_in_admin_are_logged(admin_client, recruiter):
    candidate = held_by(recruiter)
    url = f"{CHANGELIST}{candidate.pk}/change/"
    page = admin_client.get(url)
    data = _change_form_data(page)
    notes = _prefix(page, "candidatenote")
    data.update({f"{notes}-TOTAL_FORMS": 1, f"{notes}-0-body": "met at the fair"})
    data[f"{notes}-0-candidate"] = str(candidate.pk)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    assert candidate.notes.get().body == "met at the fair"
    assert CandidateActivity.objects.filter(action=Action.NOTE_ADDED).exists()


def test_fields_edited_in_admin_become_corrections(admin_client, recruiter):
    candidate = held_by(recruiter, headline="Enginer")
    url = f"{CHANGELIST}{candidate.pk}/change/"
    data = {**_change_form_data(admin_client.get(url)), "headline": "Staff Engineer"}
    assert admin_client.post(url, data).status_code == 302
    candidate.refresh_from_db()
    assert candidate.headline == "Staff Engineer"
    correction = FieldCorrection.objects.get(candidate=candidate)
    assert (correction.field, correction.value) == ("headline", "Staff Engineer")


def test_an_invalid_phone_in_admin_is_a_form_error(admin_client, recruiter):
    candidate = held_by(recruiter)
    url = f"{CHANGELIST}{candidate.pk}/change/"
    data = {**_change_form_data(admin_client.get(url)), "phone": "call me maybe"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "is not a phone number" in response.content.decode()
    assert not FieldCorrection.objects.exists()


@pytest.mark.parametrize(
    ("method", "suffix"),
    [("get", "add/"), ("post", "add/"), ("post", "{id}/change/"), ("post", "{id}/delete/")],
)
def test_activity_log_cannot_be_added_changed_or_deleted(admin_client, method, suffix):
    entry = CandidateActivityFactory()
    url = "/admin/candidates/candidateactivity/" + suffix.format(id=entry.pk)
    response = getattr(admin_client, method)(url, {"action": "tag_added"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == Action.VIEW


def test_activity_log_is_readable_and_has_no_delete_action(admin_client):
    CandidateActivityFactory(ip="198.51.100.4")
    response = admin_client.get("/admin/candidates/candidateactivity/")
    assert response.status_code == 200
    assert "198.51.100.4" in response.content.decode()
    assert "delete_selected" not in response.content.decode()


def test_superuser_cannot_edit_the_activity_log(client):
    root = UserFactory(username="root", role="recruiter", is_staff=True, is_superuser=True)
    client.force_login(root)
    entry = CandidateActivityFactory()
    url = f"/admin/candidates/candidateactivity/{entry.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert CandidateActivity.objects.filter(pk=entry.pk).exists()


def test_staff_recruiter_cannot_open_the_candidate_admin(client, recruiter):
    recruiter.is_staff = True
    recruiter.save()
    client.force_login(recruiter)
    assert client.get(CHANGELIST).status_code == 403


def test_correction_totals_show_on_the_corrections_page(admin_client):
    FieldCorrectionFactory(field="headline")
    FieldCorrectionFactory(field="headline")
    html = admin_client.get("/admin/candidates/fieldcorrection/").content.decode()
    assert "Parser accuracy" in html
    assert "<td>headline</td><td>2</td><td>2</td>" in html
