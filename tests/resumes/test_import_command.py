"""manage.py import_resumes DIR --owner USERNAME."""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import CommandError, call_command

from candidates.selectors import candidates_visible_to
from resumes.models import BulkUploadBatch, Resume
from tests.resumes.helpers import BAD, resume_file

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def folder(tmp_path):
    """Three resumes (one in a subfolder), one scanned PDF, a hidden file and a text file."""
    tmp_path = tmp_path / "inbox"
    (tmp_path / "sub").mkdir(parents=True)
    shutil.copy(resume_file("pdf"), tmp_path / "a.pdf")
    shutil.copy(resume_file("docx"), tmp_path / "sub" / "b.docx")
    shutil.copy(resume_file("doc"), tmp_path / "c.DOC")
    shutil.copy(BAD / "files" / "scanned.pdf", tmp_path / "scanned.pdf")
    shutil.copy(BAD / "files" / "random.pdf", tmp_path / ".hidden.pdf")
    (tmp_path / "notes.txt").write_text("not a resume")
    return tmp_path


def test_import_puts_every_resume_in_the_owners_database(recruiter, folder):
    out = io.StringIO()
    call_command("import_resumes", str(folder), "--owner", recruiter.username, "--wait", stdout=out)

    batch = BulkUploadBatch.objects.get()
    assert (batch.total, batch.succeeded, batch.failed, batch.status) == (4, 3, 1, "completed")
    assert set(Resume.objects.values_list("source", flat=True)) == {"bulk"}
    assert candidates_visible_to(recruiter).count() == 3
    text = out.getvalue()
    assert "4/4" in text
    assert "4 files, 4 queued, 0 duplicates, 0 rejected" in text
    assert "Done: 3 parsed, 1 failed" in text


def test_importing_the_same_folder_again_reports_duplicates(recruiter, folder):
    call_command("import_resumes", str(folder), "--owner", recruiter.username, stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_resumes", str(folder), "--owner", recruiter.username, stdout=out)

    assert "4 files, 0 queued, 4 duplicates" in out.getvalue()
    assert Resume.objects.count() == 4


def test_import_for_a_candidate_account_is_refused(candidate_user, folder):
    with pytest.raises(CommandError, match="recruiters and admins"):
        call_command("import_resumes", str(folder), "--owner", candidate_user.username)


def test_import_for_an_unknown_owner_is_refused(db, folder):
    with pytest.raises(CommandError, match="No user named"):
        call_command("import_resumes", str(folder), "--owner", "nobody")
