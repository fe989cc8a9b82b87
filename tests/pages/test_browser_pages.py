"""Every page in a real browser: axe-core, labels, 390-px phones, no console errors.

Data is made through the services (resumes are parsed in-process: tasks run eagerly here);
the end-to-end scenario with a real worker is in test_browser_scenario.py.
"""

from __future__ import annotations

import pytest

from candidates import services as candidate_services
from drive_sync import services as drive_services
from matching import services as matching_services
from resumes.models import Resume
from resumes.services import ingest_resume
from tests.drive_sync.conftest import (  # noqa: F401  (fixtures shared with the Drive tests)
    connect,
    drive_settings,
    folder,
    standin,
    token_key,
)
from tests.factories import UserFactory
from tests.pages.browser import DESKTOP, PageChecker, sign_in
from tests.resumes.helpers import RESUMES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(transactional_db, connect, folder):  # noqa: F811
    """A recruiter with a parsed resume, a corrected field, a note, a tag and a matching job."""
    alice = UserFactory(username="alice", role="recruiter")
    UserFactory(username="admin", role="admin")
    with (RESUMES / "files" / "r001-0002.pdf").open("rb") as handle:
        result = ingest_resume(handle, filename="dmitri.pdf", uploader=alice)
    result.resume.refresh_from_db()
    candidate = result.resume.candidate
    assert candidate is not None, "the resume was not processed"
    candidate_services.correct_field(alice, candidate, "headline", "Frontend Engineer")
    candidate_services.add_note(alice, candidate, "Strong React portfolio", is_important=True)
    candidate_services.set_tags(alice, candidate, add=["frontend"])
    job = matching_services.create_job(
        alice,
        title="Frontend Engineer",
        description="React and TypeScript, Vue.js a plus.",
        required_skills=["React", "TypeScript"],
        location="Berlin, Germany",
        remote_policy="hybrid",
    )
    # A weak parse in the review queue (the flag is the parser's; set here to show the row).
    Resume.objects.filter(pk=result.resume.pk).update(
        needs_review=True, review_reasons=["No phone number found"]
    )
    # A connected Google account with one synced folder.
    connect(alice)
    drive_services.setup_sync(alice, folder=folder, frequency="weekly")
    return {"candidate": candidate, "job": job}


def test_every_page_is_accessible_and_fits_a_phone(chromium, live_server, seeded):
    base = live_server.url
    candidate, job = seeded["candidate"], seeded["job"]
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    checker = PageChecker(page)

    page.goto(f"{base}/login/")
    checker.check("login")
    sign_in(page, base, "alice")
    pages = {
        "dashboard": "/",
        "upload": "/upload/",
        "candidates": "/candidates/",
        "candidates-search": "/candidates/?q=react",
        "jobs": "/jobs/",
        "job-new": "/jobs/new",
        "job-edit": f"/jobs/{job.pk}/edit",
        "job-matches": f"/jobs/{job.pk}/",
        "review-queue": "/review/",
        "google-drive": "/google-drive/",
    }
    for tab in (
        "profile",
        "experience",
        "education",
        "skills",
        "resume",
        "notes",
        "tags",
        "matches",
        "activity",
    ):
        pages[f"candidate-{tab}"] = f"/candidates/{candidate.pk}/?tab={tab}"
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        checker.check(name)
    assert "No phone number found" in page.goto(f"{base}/review/").text()
    page.goto(f"{base}/google-drive/")
    assert "Candidates 2026" in page.locator("#syncs").inner_text()

    # A form with errors is as accessible as the empty one.
    page.goto(f"{base}/jobs/new")
    page.get_by_label("Minimum years").fill("-4")
    page.get_by_role("button", name="Create job").click()
    assert page.get_by_role("alert").count() >= 2
    checker.check("job-new-errors")

    # Bulk tagging from the list: "select all" ticks every row's box.
    page.goto(f"{base}/candidates/")
    page.get_by_label("Select all on this page").check()
    assert page.get_by_label(f"Select {candidate.full_name}").is_checked()
    page.get_by_label("Tag selected with").fill("shortlist")
    page.get_by_role("button", name="Tag selected").click()
    page.get_by_text("Tagged 1 candidate.").wait_for()
    assert "shortlist" in page.locator("table").inner_text()

    admin_page = context.new_page()
    admin_checker = PageChecker(admin_page)
    admin_page.context.clear_cookies()
    sign_in(admin_page, base, "admin")
    for name, path in {"admin-dashboard": "/", "parser-accuracy": "/parser-accuracy/"}.items():
        response = admin_page.goto(base + path)
        assert response.status == 200, f"{name}: HTTP {response.status}"
        admin_checker.check(name)
    assert "headline" in admin_page.locator("main").inner_text()
    context.close()


def test_upload_shows_each_failure_with_its_reason_and_a_retry(
    chromium, live_server, transactional_db
):
    UserFactory(username="alice", role="recruiter")
    bad = RESUMES.parent / "bad" / "files"
    context = chromium.new_context(viewport=DESKTOP)
    page = context.new_page()
    checker = PageChecker(page)
    sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/upload/")
    # The file picker path; the drag-and-drop path is exercised in test_browser_scenario.py.
    page.set_input_files(
        "#file-input", [str(bad / "resume.txt"), str(bad / "random.pdf"), str(bad / "scanned.pdf")]
    )
    rows = page.locator("#file-list li")
    page.wait_for_function(
        "() => document.querySelectorAll('#file-list li[data-state=processing], "
        "#file-list li[data-state=uploading]').length === 0",
        timeout=60_000,
    )
    texts = {rows.nth(i).locator(".name").inner_text(): rows.nth(i) for i in range(3)}
    assert "Not a PDF, DOCX or DOC file" in texts["resume.txt"].inner_text()
    assert "Not accepted:" in texts["random.pdf"].inner_text()
    scanned = texts["scanned.pdf"]
    assert "Failed:" in scanned.inner_text()
    retry = scanned.get_by_role("button", name="Retry scanned.pdf")
    retry.click()
    retry.wait_for(state="detached")  # queued again: the old button goes
    scanned.get_by_role("button", name="Retry scanned.pdf").wait_for()  # failed again
    assert "Failed:" in scanned.inner_text()
    assert page.locator("#batch-summary").inner_text().startswith("Finished: 3 of 3 files done")
    checker.check("upload-failures")
    context.close()
