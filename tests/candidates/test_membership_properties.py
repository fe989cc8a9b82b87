"""Property: membership (RecruiterCandidate) and guardian permissions never diverge, whatever
sequence of service calls (add, share, re-share, revoke, remove) is made.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates import selectors, services
from candidates.models import (
    ALL_PERMISSIONS,
    SHAREABLE_PERMISSIONS,
    VIEW,
    CandidateShare,
    RecruiterCandidate,
    Source,
)
from tests.candidates.factories import CandidateProfileFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

N = 3  # recruiters and candidates: small enough to collide often

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, N - 1), st.integers(0, N - 1)),
    st.tuples(
        st.just("share"),
        st.integers(0, N - 1),
        st.integers(0, N - 1),
        st.frozensets(st.sampled_from(SHAREABLE_PERMISSIONS)),
    ),
    st.tuples(st.just("revoke"), st.integers(0, N - 1), st.integers(0, N - 1)),
    st.tuples(st.just("remove"), st.integers(0, N - 1), st.integers(0, N - 1)),
)


def _apply(op, admin, recruiters, candidates) -> None:
    kind, r, c = op[0], recruiters[op[1]], candidates[op[2]]
    if kind == "add":
        services.add_to_database(r, c, source=Source.UPLOAD)
    elif kind == "share":
        services.share_candidates(admin, [c], [r], permissions=op[3])
    elif kind == "revoke":
        services.revoke_shares(admin, candidate_ids=[c.pk], recruiter_ids=[r.pk])
    else:
        services.remove_from_database(r, c)


def _assert_consistent(recruiters, candidates) -> None:
    for r in recruiters:
        for c in candidates:
            link = RecruiterCandidate.objects.filter(recruiter=r, candidate=c).first()
            perms = selectors.permissions_for(r, c)
            share = CandidateShare.objects.filter(
                recruiter=r, candidate=c, revoked_at__isnull=True
            ).first()
            if link is None:
                assert perms == set()
                assert share is None
            elif link.source == Source.SHARED:
                assert share is not None
                assert perms == {VIEW, *share.permissions}
            else:
                assert perms == set(ALL_PERMISSIONS)
            visible = selectors.candidates_visible_to(r).filter(pk=c.pk).exists()
            assert visible == (link is not None)
    for c in candidates:
        # The search hint on the profile names exactly the users guardian lets see it.
        c.refresh_from_db(fields=["viewer_ids"])
        holders = {
            r.pk for r in recruiters if RecruiterCandidate.objects.filter(recruiter=r, candidate=c)
        }
        assert set(c.viewer_ids) == holders


@pytest.fixture
def cast(admin_user):
    recruiters = [UserFactory(role="recruiter", username=f"prop-r{i}") for i in range(N)]
    candidates = [CandidateProfileFactory() for _ in range(N)]
    return admin_user, recruiters, candidates


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=st.lists(operation, max_size=12))
def test_membership_and_permissions_never_diverge(cast, ops):
    admin, recruiters, candidates = cast
    # Each example starts from the same empty databases: its writes are rolled back.
    with transaction.atomic():
        for op in ops:
            _apply(op, admin, recruiters, candidates)
            _assert_consistent(recruiters, candidates)
        transaction.set_rollback(True)
