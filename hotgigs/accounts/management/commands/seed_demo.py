"""manage.py seed_demo: idempotently create demo accounts (and demo jobs) for a first run."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from hotgigs.accounts.models import Role, User

DEMO_ACCOUNTS = [
    ("admin", Role.ADMIN, "admin@hotgigs.example"),
    ("recruiter1", Role.RECRUITER, "recruiter1@hotgigs.example"),
    ("recruiter2", Role.RECRUITER, "recruiter2@hotgigs.example"),
    ("candidate1", Role.CANDIDATE, "candidate1@hotgigs.example"),
]
DEMO_PASSWORD = "hotgigs-demo-2026"  # noqa: S105 - printed demo credentials, by design


class Command(BaseCommand):
    help = "Create the demo accounts (one admin, two recruiters, one candidate) if missing."

    def handle(self, *args, **opts):
        for username, role, email in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"role": role, "email": email}
            )
            if created:
                user.is_staff = role == Role.ADMIN
                user.is_superuser = role == Role.ADMIN
                user.set_password(DEMO_PASSWORD)
                user.save()
            state = "created" if created else "exists"
            self.stdout.write(f"  {role:<10} {username:<12} password: {DEMO_PASSWORD}  ({state})")
        from matching.demo import create_demo_jobs

        jobs = create_demo_jobs(User.objects.get(username="recruiter1"))
        self.stdout.write(f"  {len(jobs)} demo jobs for recruiter1")
        self.stdout.write(self.style.SUCCESS("Demo accounts ready at http://127.0.0.1:8000/"))
