"""API plumbing shared by every app: pagination and the domain-error handler."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from hotgigs.errors import ServiceError


class SkipLimitPagination(LimitOffsetPagination):
    """``?skip=&limit=`` pagination with total count and next/previous page links."""

    offset_query_param = "skip"
    limit_query_param = "limit"
    default_limit = 25
    max_limit = 200

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "skip": self.offset,
                "limit": self.limit,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict) -> dict:
        base = super().get_paginated_response_schema(schema)
        base["properties"]["skip"] = {"type": "integer"}
        base["properties"]["limit"] = {"type": "integer"}
        return base


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Turn a ServiceError into ``{"detail": message, "code": code}`` with its status."""
    if isinstance(exc, ServiceError):
        return Response({"detail": exc.message, "code": exc.code}, status=exc.status_code)
    return drf_exception_handler(exc, context)
