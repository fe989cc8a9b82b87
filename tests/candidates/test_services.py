"""Service functions: membership and permissions together, notes, tags, views, corrections."""

from __future__ import annotations

import pytest

from candidates import selectors, services
from candidates.models import (
    ALL_PERMISSIONS,
    CHANGE,
    VIEW,
    VIEW_CONTACT,
    Action,
    CandidateActivity,
    FieldCorrection,
    RecruiterCandidate,
    Source,
)
from hotgigs.errors import NotAllowed, ServiceError
from tests.candidates.factories import CandidateProfileFactory, held_by

pytestmark = pytest.mark.django_db


def test_owner_upload_grants_every_permission(recruiter):
    candidate = held_by(recruiter)
    assert selectors.permissions_for(recruiter, candidate) == set(ALL_PERMISSIONS)
    assert RecruiterCandidate.objects.get(recruiter=recruiter).source == Source.UPLOAD


def test_share_grants_view_plus_chosen_subset_only(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    assert selectors.permissions_for(recruiter, candidate) == {VIEW, VIEW_CONTACT}


def test_resharing_replaces_the_permissions(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=["download_resume"])
    assert selectors.permissions_for(recruiter, candidate) == {VIEW, "download_resume"}
    assert candidate.shares.filter(revoked_at__isnull=True).count() == 1


def test_revoking_a_share_removes_the_candidate_from_the_database(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    (share,) = services.share_candidates(admin_user, [candidate], [recruiter])
    services.revoke_share(admin_user, share)
    assert selectors.permissions_for(recruiter, candidate) == set()
    assert not selectors.candidates_visible_to(recruiter).exists()


def test_revoking_a_share_keeps_a_candidate_the_recruiter_uploaded(admin_user, recruiter):
    candidate = held_by(recruiter)
    (share,) = services.share_candidates(admin_user, [candidate], [recruiter])
    services.revoke_share(admin_user, share)
    assert selectors.permissions_for(recruiter, candidate) == set(ALL_PERMISSIONS)


def test_recruiter_cannot_share(recruiter, other_recruiter):
    candidate = held_by(recruiter)
    with pytest.raises(ServiceError):
        services.share_candidates(recruiter, [candidate], [other_recruiter])


def test_private_note_is_seen_by_its_author_only(recruiter, other_recruiter, admin_user):
    candidate = held_by(recruiter)
    held_by(other_recruiter, candidate)
    services.add_note(recruiter, candidate, "call on Friday", is_private=True)
    services.add_note(recruiter, candidate, "strong in SQL")
    assert {n.body for n in selectors.notes_visible_to(recruiter, candidate)} == {
        "strong in SQL",
        "call on Friday",
    }
    assert [n.body for n in selectors.notes_visible_to(other_recruiter, candidate)] == [
        "strong in SQL"
    ]
    assert [n.body for n in selectors.notes_visible_to(admin_user, candidate)] == ["strong in SQL"]


def test_important_notes_come_first(recruiter):
    candidate = held_by(recruiter)
    services.add_note(recruiter, candidate, "ordinary")
    services.add_note(recruiter, candidate, "urgent", is_important=True)
    services.add_note(recruiter, candidate, "later")
    assert selectors.notes_visible_to(recruiter, candidate).first().body == "urgent"


def test_empty_note_is_refused(recruiter):
    candidate = held_by(recruiter)
    with pytest.raises(ServiceError, match="needs some text"):
        services.add_note(recruiter, candidate, "   ")


def test_shared_recruiter_without_change_cannot_add_notes(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    with pytest.raises(NotAllowed):
        services.add_note(recruiter, candidate, "hello")


def test_tags_are_normalized_and_merged(recruiter):
    candidate = held_by(recruiter)
    services.set_tags(recruiter, candidate, add=["  Senior   Python ", "REMOTE"])
    tags = services.set_tags(recruiter, candidate, add=["senior python", "Night  Shift"])
    assert tags == ["night shift", "remote", "senior python"]
    assert selectors.tag_names(candidate) == tags


def test_tag_removal_is_case_insensitive_and_logged(recruiter):
    candidate = held_by(recruiter)
    services.set_tags(recruiter, candidate, add=["remote", "python"])
    tags = services.set_tags(recruiter, candidate, remove=["REMOTE"], ip="198.51.100.2")
    assert tags == ["python"]
    removed = CandidateActivity.objects.get(action=Action.TAG_REMOVED)
    assert removed.metadata["tags"] == ["remote"]
    assert removed.ip == "198.51.100.2"


def test_long_tags_are_cut_to_64_characters(recruiter):
    candidate = held_by(recruiter)
    (tag,) = services.set_tags(recruiter, candidate, add=["x" * 100])
    assert tag == "x" * 64


def test_bulk_tag_skips_candidates_the_user_may_not_change(recruiter, other_recruiter):
    mine = [held_by(recruiter) for _ in range(3)]
    theirs = held_by(other_recruiter)
    count = services.bulk_tag(
        recruiter, [c.pk for c in [*mine, theirs]] + ["not-a-uuid"], ["Hot Lead"]
    )
    assert count == 3
    assert all(selectors.tag_names(c) == ["hot lead"] for c in mine)
    assert selectors.tag_names(theirs) == []


def test_record_view_sets_last_viewed_on_profile_and_link(recruiter):
    candidate = held_by(recruiter)
    services.record_view(recruiter, candidate, ip="203.0.113.9", user_agent="Firefox")
    candidate.refresh_from_db()
    link = RecruiterCandidate.objects.get(recruiter=recruiter, candidate=candidate)
    assert candidate.last_viewed_at is not None
    assert link.last_viewed_at == candidate.last_viewed_at
    entry = CandidateActivity.objects.get(action=Action.VIEW)
    assert (entry.actor, entry.ip, entry.user_agent) == (recruiter, "203.0.113.9", "Firefox")


def test_record_download_needs_the_download_permission(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    with pytest.raises(NotAllowed):
        services.record_download(recruiter, candidate)


def test_correct_field_updates_profile_and_keeps_parser_value(recruiter):
    candidate = held_by(recruiter, headline="Enginer")
    version = candidate.profile_version
    correction = services.correct_field(recruiter, candidate, "headline", " Staff Engineer ")
    candidate.refresh_from_db()
    assert candidate.headline == "Staff Engineer"
    assert candidate.profile_version == version + 1
    assert correction.value == "Staff Engineer"
    assert CandidateActivity.objects.filter(action=Action.CORRECTED).count() == 1


def test_corrected_skills_update_the_skill_filter_keys(recruiter):
    candidate = held_by(recruiter)
    services.correct_field(recruiter, candidate, "skills", [{"name": "Rust"}, {"name": "Go"}])
    candidate.refresh_from_db()
    assert candidate.skill_keys == ["go", "rust"]


def test_correct_field_refuses_unknown_fields_and_bad_values(recruiter):
    candidate = held_by(recruiter)
    with pytest.raises(ServiceError, match="cannot be corrected"):
        services.correct_field(recruiter, candidate, "owner", "x")
    with pytest.raises(ServiceError, match="not an email"):
        services.correct_field(recruiter, candidate, "email", "nope")
    assert not FieldCorrection.objects.exists()


def test_correct_phone_is_stored_as_e164(recruiter):
    candidate = held_by(recruiter)
    services.correct_field(recruiter, candidate, "phone", "(415) 555-0199")
    candidate.refresh_from_db()
    assert candidate.phone == "+14155550199"


def test_correction_stats_count_corrections_and_candidates(recruiter):
    first, second = held_by(recruiter), held_by(recruiter)
    services.correct_field(recruiter, first, "headline", "A")
    services.correct_field(recruiter, first, "headline", "B")
    services.correct_field(recruiter, second, "headline", "C")
    services.correct_field(recruiter, second, "location", "Denver, CO, US")
    assert selectors.correction_stats() == [
        {"field": "headline", "corrections": 3, "candidates": 2},
        {"field": "location", "corrections": 1, "candidates": 1},
    ]


def test_shared_recruiter_without_change_cannot_correct(admin_user, recruiter):
    candidate = CandidateProfileFactory()
    services.share_candidates(admin_user, [candidate], [recruiter], permissions=[VIEW_CONTACT])
    with pytest.raises(NotAllowed):
        services.correct_field(recruiter, candidate, "headline", "x")
    assert CHANGE not in selectors.permissions_for(recruiter, candidate)


def _parsed_resume(uploader, headline: str, email: str = "ada@example.com"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from resumes.models import Resume, ResumeData

    resume = Resume.objects.create(
        file=SimpleUploadedFile("cv.pdf", b"%PDF-1.4"),
        original_filename="cv.pdf",
        kind="pdf",
        size=8,
        sha256=headline.encode().hex()[:64],
        uploaded_by=uploader,
    )
    data = {"contact": {"full_name": "Ada Lovelace", "email": email}, "headline": headline}
    ResumeData.objects.create(resume=resume, data=data, parser_name="rules", parser_version="1")
    return resume, data


def test_correction_records_what_the_parser_found(recruiter):
    resume, data = _parsed_resume(recruiter, "Data Enginer")
    candidate = services.upsert_from_parse(data, resume=resume, uploader=recruiter, source="upload")
    correction = services.correct_field(recruiter, candidate, "headline", "Data Engineer")
    assert (correction.parser_value, correction.value) == ("Data Enginer", "Data Engineer")


def test_corrections_survive_a_new_parse(recruiter):
    resume, data = _parsed_resume(recruiter, "Data Enginer")
    candidate = services.upsert_from_parse(data, resume=resume, uploader=recruiter, source="upload")
    services.correct_field(recruiter, candidate, "headline", "Data Engineer")
    again, data = _parsed_resume(recruiter, "Data Enginer (v2)")
    same = services.upsert_from_parse(data, resume=again, uploader=recruiter, source="upload")
    same.refresh_from_db()
    assert same.pk == candidate.pk
    assert same.headline == "Data Engineer"


def test_candidate_self_upload_never_touches_a_profile_recruiters_hold(recruiter, candidate_user):
    resume, data = _parsed_resume(recruiter, "Data Engineer", email="ada@example.com")
    held = services.upsert_from_parse(data, resume=resume, uploader=recruiter, source="upload")
    own_resume, own_data = _parsed_resume(candidate_user, "Impostor", email="ada@example.com")
    own = services.upsert_from_parse(
        own_data, resume=own_resume, uploader=candidate_user, source="upload"
    )
    held.refresh_from_db()
    assert own.pk != held.pk and own.owner == candidate_user
    assert held.headline == "Data Engineer"
    assert selectors.permissions_for(candidate_user, held) == set()
    again, again_data = _parsed_resume(candidate_user, "Analyst", email="other@example.com")
    updated = services.upsert_from_parse(
        again_data, resume=again, uploader=candidate_user, source="upload"
    )
    assert updated.pk == own.pk and updated.headline == "Analyst"


def test_saving_a_stale_profile_keeps_the_current_viewers(admin_user, recruiter, other_recruiter):
    candidate = held_by(recruiter)
    stale = type(candidate).objects.get(pk=candidate.pk)
    services.share_candidates(admin_user, [candidate], [other_recruiter])
    stale.headline = "Edited elsewhere"
    stale.save()
    candidate.refresh_from_db()
    assert sorted(candidate.viewer_ids) == sorted([recruiter.pk, other_recruiter.pk])
    assert candidate.headline == "Edited elsewhere"
