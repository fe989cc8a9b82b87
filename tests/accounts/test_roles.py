"""Roles decide who keeps a database and who sees the master one."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hotgigs.accounts.models import User
from hotgigs.accounts.roles import is_admin, is_recruiter_or_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_role_helpers():
    admin = UserFactory(role="admin")
    recruiter = UserFactory(role="recruiter")
    candidate = UserFactory(role="candidate")
    assert is_admin(admin) and not is_admin(recruiter) and not is_admin(candidate)
    assert is_recruiter_or_admin(admin) and is_recruiter_or_admin(recruiter)
    assert not is_recruiter_or_admin(candidate)


def test_inactive_users_have_no_role_powers():
    admin = UserFactory(role="admin", is_active=False)
    assert not is_admin(admin)


def test_superuser_counts_as_admin():
    assert is_admin(UserFactory(role="recruiter", is_superuser=True))


def test_adduser_command_creates_a_recruiter_who_can_log_in():
    call_command(
        "adduser",
        "erin",
        "--role",
        "recruiter",
        "--email",
        "erin@example.com",
        "--password",
        "a-long-unusual-pass-42",
    )
    user = User.objects.get(username="erin")
    assert user.role == "recruiter" and user.email == "erin@example.com"
    assert user.check_password("a-long-unusual-pass-42")


def test_adduser_refuses_a_duplicate_name():
    UserFactory(username="erin")
    with pytest.raises(CommandError, match="already exists"):
        call_command("adduser", "ERIN", "--role", "admin", "--password", "a-long-unusual-pass-42")


def test_seed_demo_is_idempotent():
    call_command("seed_demo")
    call_command("seed_demo")
    assert sorted(User.objects.values_list("role", flat=True)) == [
        "admin",
        "candidate",
        "recruiter",
        "recruiter",
    ]
