"""The one domain error type that services raise; the edges turn it into 4xx or form errors."""

from __future__ import annotations


class ServiceError(Exception):
    """A failure a user should read: ``message`` is shown as is, ``code`` is for machines."""

    status_code = 400

    def __init__(self, message: str, *, code: str = "invalid", status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        if status_code is not None:
            self.status_code = status_code


class NotAllowed(ServiceError):
    """The object exists but the user may not act on it (HTTP 403)."""

    status_code = 403

    def __init__(self, message: str = "You do not have permission to do that.", **kwargs):
        kwargs.setdefault("code", "forbidden")
        super().__init__(message, **kwargs)


class Conflict(ServiceError):
    """The request clashes with the object's state (HTTP 409)."""

    status_code = 409
