"""Malformed query parameters and ids get a clear 4xx, never a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

CASES = [
    ("/api/resumes/candidates?min_years=abc", 400),
    ("/api/resumes/candidates?min_years=-1e999", 400),
    ("/api/resumes/candidates?ordering=password", 400),
    ("/api/resumes/candidates?source=nowhere", 400),
    ("/api/resumes/candidates?tags_mode=sometimes", 400),
    ("/api/resumes/candidates?q=%00", 400),
    ("/api/jobs/?status=everything", 400),
    # Pagination falls back to its defaults rather than refusing the page.
    ("/api/resumes/candidates?skip=-5&limit=abc", 200),
    ("/api/resumes/candidates/not-a-uuid", 404),
    ("/api/resumes/not-a-uuid/status", 404),
    ("/api/resumes/batches/not-a-uuid", 404),
    ("/api/matching/candidates/not-a-uuid/matches", 404),
]


@pytest.mark.parametrize(("url", "status"), CASES)
def test_bad_query_gets_a_client_error(client_for, recruiter, url, status):
    response = client_for(recruiter).get(url)
    assert response.status_code == status
    if status == 400:
        assert response.json(), "a 400 says which parameter is wrong"
