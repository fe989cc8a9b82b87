"""Account writes: creating users with a role."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from hotgigs.errors import ServiceError

from .models import Role, User


@transaction.atomic
def create_user(
    username: str, *, role: str, email: str = "", password: str | None = None, validate: bool = True
) -> User:
    """Create an account; admins also get Django admin access."""
    if role not in Role.values:
        raise ServiceError(f"Unknown role {role!r}; choose one of {', '.join(Role.values)}.")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(f"A user named {username!r} already exists.", code="duplicate")
    user = User(username=username, email=email, role=role)
    user.is_staff = role == Role.ADMIN
    if password:
        if validate:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ServiceError(" ".join(exc.messages), code="weak_password") from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user
