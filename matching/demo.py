"""Demo jobs for a first run (``manage.py seed_demo``); idempotent by title per owner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from matching import services
from matching.models import Job

DEMO_JOBS = Path(__file__).resolve().parent / "data" / "demo_jobs.json"


def create_demo_jobs(owner: Any) -> list[Job]:
    """Create the demo jobs this owner does not have yet; return all of the owner's demo jobs."""
    specs = json.loads(DEMO_JOBS.read_text("utf-8"))["jobs"]
    jobs = []
    for spec in specs:
        job = Job.objects.filter(owner=owner, title=spec["title"]).first()
        if job is None:
            # Skills are left empty on purpose: they are read from the description.
            job = services.create_job(owner, **spec)
        jobs.append(job)
    return jobs
