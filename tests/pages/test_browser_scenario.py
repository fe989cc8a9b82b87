"""The recruiter's day in a real browser, on PostgreSQL with a real Celery worker on Redis.

Alice drops three resumes on the upload page and watches them finish, finds one by search
(highlighted), corrects a parsed field, adds a note and a tag, creates a job and sees the
match. An admin re-parses the resume in the Django admin (the correction survives) and the
accuracy page counts the correction. Bob cannot reach Alice's candidate by URL; after an
admin shares it through the Django admin action, Bob sees it without contact details.
"""

from __future__ import annotations

import base64
import re
import time

import pytest

from candidates.models import CandidateProfile
from resumes.models import ProcessingJob
from tests.factories import UserFactory
from tests.pages.browser import DESKTOP, PageChecker, sign_in
from tests.resumes.helpers import RESUMES, label_for

pytestmark = [
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]

UPLOADS = ["r001-0002.pdf", "r001-0001.docx", "r001-0009.pdf"]
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Builds the files in the page and fires the drop zone's own dragenter/drop handlers.
DROP_JS = """(files) => {
  const transfer = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.b64), c => c.charCodeAt(0));
    transfer.items.add(new File([bytes], f.name, {type: f.type}));
  }
  const zone = document.getElementById('dropzone');
  for (const type of ['dragenter', 'dragover', 'drop']) {
    zone.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true,
                                            cancelable: true}));
  }
}"""


def _dropped_files() -> list[dict[str, str]]:
    return [
        {
            "name": name,
            "type": TYPES[name.rsplit(".", 1)[1]],
            "b64": base64.b64encode((RESUMES / "files" / name).read_bytes()).decode(),
        }
        for name in UPLOADS
    ]


def _reload_until(page, predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out on {page.url}"
        time.sleep(1)
        page.reload()


@pytest.fixture
def people(transactional_db):
    return {
        "alice": UserFactory(username="alice", role="recruiter"),
        "bob": UserFactory(username="bob", role="recruiter"),
        "admin": UserFactory(username="admin", role="admin", is_superuser=True),
    }


def test_recruiter_day_sharing_and_privacy(chromium, live_server, celery_worker, people):
    base = live_server.url
    dmitri = label_for(RESUMES / "files" / UPLOADS[0])["contact"]
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    checker = PageChecker(page)
    sign_in(page, base, "alice")

    # Upload three resumes by drag-and-drop and watch them finish.
    page.goto(f"{base}/upload/")
    page.evaluate(DROP_JS, _dropped_files())
    rows = page.locator("#file-list li")
    rows.first.wait_for()
    assert rows.count() == 3
    page.wait_for_function(
        "() => document.querySelectorAll('#file-list li[data-state=completed]').length === 3",
        timeout=120_000,
    )
    page.get_by_text(
        re.compile(r"Finished: 3 of 3 files done \(batch: 3 of 3 processed")
    ).wait_for()
    assert page.locator("#file-list a", has_text="Open the candidate").count() == 3
    checker.check("scenario-upload-finished")

    # Find Dmitri by a skill in his resume; the matching word is highlighted.
    page.goto(f"{base}/candidates/")
    page.get_by_label("Search", exact=True).fill("TypeScript")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"q=TypeScript"))
    assert page.locator("mark", has_text=re.compile("typescript", re.I)).count() >= 1
    checker.check("scenario-search")
    page.get_by_role("link", name=dmitri["full_name"]).click()
    assert dmitri["email"] in page.locator("main").inner_text()

    # Correct a parsed field; both values show in the history.
    page.locator("summary", has_text="Correct headline").click()
    page.get_by_label("Headline", exact=True).fill("Principal Frontend Engineer")
    page.locator("details[open] button", has_text="Save correction").click()
    page.get_by_text("Corrected headline.").wait_for()
    history = page.locator("table", has_text="Parser's value")
    assert "Principal Frontend Engineer" in history.inner_text()
    candidate_url = page.url.split("?")[0]

    # A note and a tag.
    page.get_by_role("link", name="Notes").click()
    page.get_by_label("New note").fill("Portfolio is excellent; call back Monday.")
    page.get_by_label("Important").check()
    page.get_by_role("button", name="Add note").click()
    assert "Portfolio is excellent" in page.locator(".note.important").inner_text()
    page.get_by_role("link", name="Tags").click()
    page.get_by_label("Add tags (comma-separated)").fill("Frontend, Berlin")
    page.get_by_role("button", name="Add tag").click()
    page.get_by_role("button", name="Remove tag frontend").wait_for()
    checker.check("scenario-tags")

    # A job: skills suggested from the description, then the match appears.
    page.goto(f"{base}/jobs/new")
    page.get_by_label("Title").fill("Frontend Engineer")
    page.get_by_label("Description").fill("You build UIs in React and TypeScript daily.")
    page.get_by_role("button", name="Add TypeScript to required skills").click()
    page.get_by_role("button", name="Add React to required skills").click()
    assert "TypeScript" in page.get_by_role("textbox", name="Required skills").input_value()
    page.get_by_label("Location").fill("Berlin, Germany")
    page.get_by_label("Remote policy").select_option("hybrid")
    page.get_by_role("button", name="Create job").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]+/$"))
    _reload_until(page, lambda: page.get_by_role("link", name=dmitri["full_name"]).count() > 0)
    match = page.locator("article", has_text=dmitri["full_name"])
    assert "Matching skills:" in match.inner_text()
    match.get_by_role("button", name="Mark viewed").click()
    match.get_by_text("Viewed").wait_for()
    checker.check("scenario-job-matches")

    # Bob cannot reach Alice's candidate by URL: the 403 page shows nothing of it.
    bob_context = chromium.new_context(viewport=DESKTOP)
    bob = bob_context.new_page()
    bob_checker = PageChecker(bob)
    bob_checker.allow_console("403")
    sign_in(bob, base, "bob")
    response = bob.goto(candidate_url)
    assert response.status == 403
    refused = bob.content()
    assert dmitri["full_name"] not in refused and dmitri["email"] not in refused
    bob_checker.check("scenario-403")

    # An admin re-parses the resume in the Django admin; the correction survives.
    candidate = CandidateProfile.objects.get(email=dmitri["email"].lower())
    resume = candidate.latest_resume
    admin_context = chromium.new_context(viewport=DESKTOP)
    admin = admin_context.new_page()
    sign_in(admin, base, "admin")
    admin.goto(f"{base}/admin/resumes/resume/?q={resume.sha256}")
    admin.locator(f"input[name=_selected_action][value='{resume.pk}']").check()
    admin.locator("select[name=action]").select_option("reparse")
    admin.locator("button[name=index]").click()
    deadline = time.monotonic() + 60
    while resume.jobs.count() < 2 or resume.jobs.first().status != ProcessingJob.Status.COMPLETED:
        assert time.monotonic() < deadline, "the re-parse did not finish"
        time.sleep(0.5)
    candidate.refresh_from_db()
    assert candidate.headline == "Principal Frontend Engineer"
    admin.goto(f"{base}/parser-accuracy/")
    accuracy = admin.locator("table").inner_text()
    assert re.search(r"headline\s+1\s+1", accuracy), accuracy

    # The admin shares the candidate with Bob (view only) through the Django admin action.
    _share_in_django_admin(admin, base, candidate, "bob")
    bob.goto(f"{base}/candidates/")
    bob.get_by_role("link", name=dmitri["full_name"]).click()
    shown = bob.locator("main").inner_text()
    assert "Contact details are hidden" in shown
    assert dmitri["email"] not in bob.content() and dmitri["phone"] not in bob.content()
    bob_checker.check("scenario-shared-without-contact")
    for ctx in (context, bob_context, admin_context):
        ctx.close()


def _share_in_django_admin(admin, base: str, candidate: CandidateProfile, recruiter: str) -> None:
    """Select the candidate on the admin changelist, run the share action, view only."""
    admin.goto(f"{base}/admin/candidates/candidateprofile/")
    admin.locator(f"input[name=_selected_action][value='{candidate.pk}']").check()
    admin.locator("select[name=action]").select_option("share_with_recruiters")
    admin.locator("button[name=index]").click()
    admin.locator("select[name=recruiters]").select_option(label=recruiter)
    admin.get_by_role("button", name="Share").click()
    admin.get_by_text("Shared 1 candidate(s) with 1 recruiter(s)").wait_for()
