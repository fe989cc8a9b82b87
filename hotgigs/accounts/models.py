"""The custom user: one account type with a role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CANDIDATE = "candidate", "Candidate"
    RECRUITER = "recruiter", "Recruiter"
    ADMIN = "admin", "Admin"


class User(AbstractUser):
    """A person who signs in: a candidate, a recruiter or an admin."""

    role = models.CharField(
        max_length=16, choices=Role.choices, default=Role.RECRUITER, db_index=True
    )

    @property
    def is_admin_role(self) -> bool:
        """Admins (and superusers) see the master database."""
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)

    @property
    def is_recruiter(self) -> bool:
        return self.is_active and self.role == Role.RECRUITER

    @property
    def is_candidate(self) -> bool:
        return self.is_active and self.role == Role.CANDIDATE

    @property
    def can_manage_candidates(self) -> bool:
        """Recruiters and admins keep a candidate database; candidates do not."""
        return self.is_recruiter or self.is_admin_role
