"""REST API of the candidate database under /api/resumes/: thin views over services.

Every candidate is loaded through ``get_candidate_for`` (404 for an unknown id, 403 for
someone else's candidate) and every list through ``browse_candidates``; contact fields
are withheld by the serializers from callers without ``view_contact``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet, Window
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import selectors, services
from candidates.models import CHANGE, CandidateActivity, CandidateProfile
from candidates.serializers import (
    ActivitySerializer,
    AdminCandidateSerializer,
    CandidateDetailSerializer,
    CandidateQuerySerializer,
    CandidateSerializer,
    NoteInputSerializer,
    NoteSerializer,
    RevokeInputSerializer,
    RevokeResultSerializer,
    ShareInputSerializer,
    SharesResultSerializer,
    TagsInputSerializer,
    TagsSerializer,
)
from hotgigs.accounts.roles import IsAdminRole, IsRecruiterOrAdmin
from hotgigs.api import SkipLimitPagination
from hotgigs.http import client_ip, user_agent


def _audit(request: Request) -> dict[str, Any]:
    return {"ip": client_ip(request), "user_agent": user_agent(request)}


class CandidatePagination(SkipLimitPagination):
    """skip/limit, reading a page in two steps: its ids (with the total), then its rows.

    The ids query touches only narrow indexes (scope, order, filters) and counts the
    matches in the same pass (``COUNT(*) OVER ()``), so a search is evaluated once; the
    wide profile rows are then read for the page alone.
    """

    known_count: int | None = None

    def paginate_queryset(self, queryset: QuerySet, request: Any, view: Any = None) -> list:
        self.request = request
        self.limit = self.get_limit(request)
        self.offset = self.get_offset(request)
        end = self.offset + self.limit
        if self.known_count is not None:
            self.count = self.known_count
            in_range = self.offset < self.count
            page = (
                list(queryset.values_list("pk", flat=True)[self.offset : end]) if in_range else []
            )
        else:
            with_total = queryset.annotate(total=Window(Count("pk")))
            counted = list(with_total.values_list("pk", "total")[self.offset : end])
            page = [pk for pk, _ in counted]
            # Past the last page there is no row to carry the total: count it alone.
            self.count = counted[0][1] if counted else queryset.count()
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        if not page:
            return []
        rows = {row.pk: row for row in queryset.filter(pk__in=page).order_by()}
        return [rows[pk] for pk in page if pk in rows]


def _narrows(params: dict[str, Any]) -> bool:
    """Whether list parameters filter rows (ordering and tags_mode alone do not)."""
    return any(
        value not in (None, "", [])
        for key, value in params.items()
        if key not in {"ordering", "tags_mode"}
    )


class CandidateListView(generics.ListAPIView):
    """The caller's candidate database (admins: the master database), searchable and filtered."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = CandidateSerializer
    pagination_class = CandidatePagination
    filter_backends: list = []
    with_holders = False

    @extend_schema(parameters=[CandidateQuerySerializer])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return CandidateProfile.objects.none()
        query = CandidateQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        if not _narrows(query.validated_data):
            # The whole database: counted without the list query (see database_size).
            self.paginator.known_count = selectors.database_size(self.request.user)
        return selectors.browse_candidates(
            self.request.user, **query.validated_data, with_holders=self.with_holders
        )


class AdminCandidateListView(CandidateListView):
    """The master database with who holds each candidate (admins only)."""

    permission_classes = [IsAdminRole]
    serializer_class = AdminCandidateSerializer
    with_holders = True


class CandidateDetailView(APIView):
    """One candidate's full profile; opening it is logged and sets last_viewed_at."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(responses=CandidateDetailSerializer)
    def get(self, request: Request, id: str) -> Response:
        access = selectors.get_candidate_for(request.user, id)
        services.record_view(request.user, access.candidate, **_audit(request))
        candidate = selectors.candidate_with_tags(access.candidate)
        context = {
            "access": access,
            "notes": selectors.notes_visible_to(request.user, candidate),
        }
        return Response(CandidateDetailSerializer(candidate, context=context).data)


class NotesView(APIView):
    """Notes the caller may read (shared ones and their own private ones); add a note."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(responses=NoteSerializer(many=True))
    def get(self, request: Request, id: str) -> Response:
        access = selectors.get_candidate_for(request.user, id)
        notes = selectors.notes_visible_to(request.user, access.candidate)
        return Response(NoteSerializer(notes, many=True).data)

    @extend_schema(request=NoteInputSerializer, responses={201: NoteSerializer})
    def post(self, request: Request, id: str) -> Response:
        access = selectors.get_candidate_for(request.user, id, require=CHANGE)
        form = NoteInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note = services.add_note(
            request.user, access.candidate, **form.validated_data, **_audit(request)
        )
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class TagsView(APIView):
    """Merge tags into a candidate and take others off; answers with the tags now on it."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(request=TagsInputSerializer, responses=TagsSerializer)
    def post(self, request: Request, id: str) -> Response:
        access = selectors.get_candidate_for(request.user, id, require=CHANGE)
        form = TagsInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        tags = services.set_tags(
            request.user, access.candidate, **form.validated_data, **_audit(request)
        )
        return Response({"tags": tags})


class TagDeleteView(APIView):
    """Take one tag off a candidate (the name is matched case-insensitively)."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(
        parameters=[OpenApiParameter("name", str, OpenApiParameter.PATH)],
        responses=TagsSerializer,
    )
    def delete(self, request: Request, id: str, name: str) -> Response:
        access = selectors.get_candidate_for(request.user, id, require=CHANGE)
        tags = services.set_tags(request.user, access.candidate, remove=[name], **_audit(request))
        return Response({"tags": tags})


class ActivityView(generics.ListAPIView):
    """The candidate's audit log: all of it for admins, the caller's own entries otherwise."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = ActivitySerializer
    filter_backends: list = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CandidateActivity.objects.none()
        access = selectors.get_candidate_for(self.request.user, self.kwargs["id"])
        return selectors.activity_for(self.request.user, access.candidate)


class ShareView(APIView):
    """Share many candidates with many recruiters; sharing again replaces the permissions."""

    permission_classes = [IsAdminRole]

    @extend_schema(request=ShareInputSerializer, responses=SharesResultSerializer)
    def post(self, request: Request) -> Response:
        form = ShareInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        shares = services.share_by_ids(request.user, **form.validated_data, **_audit(request))
        return Response(SharesResultSerializer({"count": len(shares), "shares": shares}).data)


class RevokeShareView(APIView):
    """End shares by id, or all active shares of the given candidates × recruiters."""

    permission_classes = [IsAdminRole]

    @extend_schema(request=RevokeInputSerializer, responses=RevokeResultSerializer)
    def post(self, request: Request) -> Response:
        form = RevokeInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        shares = services.revoke_shares(request.user, **form.validated_data, **_audit(request))
        return Response(RevokeResultSerializer({"revoked": len(shares), "shares": shares}).data)
