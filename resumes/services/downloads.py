"""Handing out a stored resume, with the audit trail it leaves."""

from __future__ import annotations

import logging
from typing import Any, BinaryIO

from candidates.models import Action
from candidates.services import log_activity
from resumes.models import Resume

logger = logging.getLogger(__name__)


def open_for_download(
    user: Any, resume: Resume, *, ip: str | None = None, user_agent: str = ""
) -> BinaryIO:
    """Open the original file for streaming and log the download on the candidate.

    The caller has already checked download_resume (resumes.selectors).
    """
    handle = resume.file.open("rb")
    if resume.candidate_id:
        log_activity(
            resume.candidate,
            Action.DOWNLOAD,
            actor=user,
            ip=ip,
            user_agent=user_agent,
            resume=str(resume.pk),
            filename=resume.original_filename,
        )
    else:
        # Not yet a candidate (still processing or failed): only its uploader gets here.
        logger.info("User %s downloaded unprocessed resume %s", user.pk, resume.pk)
    return handle
