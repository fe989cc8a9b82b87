"""`manage.py parse_resume`: files or directories in, contract JSON out, errors per file."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.resumes.helpers import BAD, resume_file


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("parse_resume", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_one_file_with_json_prints_the_contract() -> None:
    out, _ = _run(str(resume_file("docx")), "--json")
    data = json.loads(out)
    assert data["contact"]["email"]
    assert data["experience"]


def test_directory_with_out_writes_one_json_per_resume_and_reports_errors(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for kind in ("pdf", "docx", "doc"):
        shutil.copy(resume_file(kind), src)
    shutil.copy(BAD / "files" / "encrypted.pdf", src)
    out_dir = tmp_path / "out"
    out, err = _run(str(src), "--out", str(out_dir))
    written = sorted(p.name for p in out_dir.iterdir())
    assert written == sorted(f"{resume_file(k).stem}.json" for k in ("pdf", "docx", "doc"))
    assert "encrypted.pdf: encrypted" in err
    assert "Parsed 3 of 4 files" in out


def test_no_resume_files_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError):
        _run(str(tmp_path))
