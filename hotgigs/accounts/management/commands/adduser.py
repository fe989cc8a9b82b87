"""manage.py adduser USERNAME --role recruiter --email E [--password P]"""

from __future__ import annotations

import getpass

from django.core.management.base import BaseCommand, CommandError

from hotgigs.accounts.models import Role
from hotgigs.accounts.services import create_user
from hotgigs.errors import ServiceError


class Command(BaseCommand):
    help = "Create a user with a role (candidate, recruiter or admin)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=Role.values, default=Role.RECRUITER)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Prompted for when omitted.")

    def handle(self, *args, **opts):
        password = opts["password"]
        if password is None:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        try:
            user = create_user(
                opts["username"], role=opts["role"], email=opts["email"], password=password
            )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.role} {user.username}."))
