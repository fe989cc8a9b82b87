"""REST API of matching: /api/jobs/ (CRUD) and /api/matching/... Thin views over services.

Privacy: candidate-based endpoints go through ``candidates.selectors.get_candidate_for`` (403
someone else's, 404 unknown); job-based ones through the job's owner (or admin).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from hotgigs.accounts.roles import IsAdminRole, IsRecruiterOrAdmin
from matching import selectors, services
from matching.jobs import skills_from_description
from matching.models import CandidateMatch, Job
from matching.serializers import (
    CandidateRematchSerializer,
    CandidateStatsSerializer,
    JobInputSerializer,
    JobRematchSerializer,
    JobSerializer,
    JobStatsSerializer,
    MatchFilterSerializer,
    MatchSerializer,
    RematchInputSerializer,
    SuggestSkillsInputSerializer,
    SuggestSkillsSerializer,
)

MATCH_FILTERS = [
    OpenApiParameter("min_score", int, description="Only matches scoring at least this (0-100)."),
    OpenApiParameter("tier", str, enum=["high", "medium", "low"], description="Only this tier."),
]


@extend_schema_view(
    list=extend_schema(summary="List your jobs (admins: all jobs)"),
    retrieve=extend_schema(summary="One job"),
    create=extend_schema(
        summary="Create a job; empty skill lists are read from the description",
        description="A job ends up with no skills only when none are given and its description "
        "names none; such a job is not matched.",
        request=JobInputSerializer,
        responses={201: JobSerializer},
    ),
    update=extend_schema(summary="Replace a job", request=JobInputSerializer),
    partial_update=extend_schema(summary="Change some fields of a job", request=JobInputSerializer),
    destroy=extend_schema(summary="Delete a job and its matches"),
)
class JobViewSet(viewsets.ModelViewSet):
    """Jobs: recruiters manage their own, admins all; someone else's job answers 403."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = JobSerializer
    lookup_value_regex = "[0-9a-fA-F-]{32,36}"
    filterset_fields = ["status", "remote_policy", "employment_type"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Job.objects.none()
        return selectors.jobs_visible_to(self.request.user).select_related("owner")

    def get_object(self) -> Job:
        return selectors.get_job_for(self.request.user, self.kwargs["pk"])

    def _input(self, request: Request, *, partial: bool) -> dict[str, Any]:
        form = JobInputSerializer(data=request.data, partial=partial)
        form.is_valid(raise_exception=True)
        return dict(form.validated_data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        job = services.create_job(request.user, **self._input(request, partial=False))
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        job = self.get_object()
        job = services.update_job(request.user, job, **self._input(request, partial=partial))
        return Response(JobSerializer(job).data)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        services.delete_job(request.user, self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(summary="Close a job (it stops being matched)", request=None)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        job = services.close_job(request.user, self.get_object())
        return Response(JobSerializer(job).data)

    @extend_schema(
        summary="Skills a description mentions, split into required and preferred",
        request=SuggestSkillsInputSerializer,
        responses=SuggestSkillsSerializer,
    )
    @action(detail=False, methods=["post"], url_path="suggest-skills")
    def suggest_skills(self, request: Request) -> Response:
        form = SuggestSkillsInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        required, preferred = skills_from_description(form.validated_data["description"])
        return Response({"required_skills": required, "preferred_skills": preferred})


def _filters(request: Request) -> dict[str, Any]:
    form = MatchFilterSerializer(data=request.query_params)
    form.is_valid(raise_exception=True)
    data = form.validated_data
    return {"min_score": data.get("min_score"), "tier": data.get("tier")}


@extend_schema(parameters=MATCH_FILTERS, summary="A candidate's matches with your jobs, best first")
class CandidateMatchesView(ListAPIView):
    """Matches of one candidate (403 someone else's candidate, 404 unknown)."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = MatchSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CandidateMatch.objects.none()
        return selectors.matches_for_candidate(
            self.request.user, self.kwargs["id"], **_filters(self.request)
        )


@extend_schema(parameters=MATCH_FILTERS, summary="A job's matches among your candidates")
class JobMatchesView(ListAPIView):
    """Matches of one job; a recruiter sees only candidates in their own database."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = MatchSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return CandidateMatch.objects.none()
        job = selectors.get_job_for(self.request.user, self.kwargs["id"])
        return selectors.matches_for_job(self.request.user, job, **_filters(self.request))


class CandidateRematchView(APIView):
    """Queue matching one candidate against every open job."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(
        summary="Rematch a candidate in the background",
        request=RematchInputSerializer,
        responses={202: CandidateRematchSerializer},
    )
    def post(self, request: Request, id: str) -> Response:
        form = RematchInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        task_id, jobs = services.request_candidate_rematch(
            request.user, id, force=form.validated_data["force"]
        )
        return Response(
            {"task_id": task_id, "estimated_jobs": jobs}, status=status.HTTP_202_ACCEPTED
        )


class JobRematchView(APIView):
    """Queue matching one job against every plausible candidate."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(
        summary="Rematch a job in the background",
        request=RematchInputSerializer,
        responses={202: JobRematchSerializer},
    )
    def post(self, request: Request, id: str) -> Response:
        form = RematchInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        job = selectors.get_job_for(request.user, id)
        task_id, candidates = services.request_job_rematch(
            request.user, job, force=form.validated_data["force"]
        )
        return Response(
            {"task_id": task_id, "estimated_candidates": candidates},
            status=status.HTTP_202_ACCEPTED,
        )


class MatchViewedView(APIView):
    """Record that the caller looked at a match."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(summary="Mark a match as viewed", request=None, responses=MatchSerializer)
    def put(self, request: Request, id: str) -> Response:
        match = selectors.get_match_for(request.user, id)
        match = services.mark_viewed(request.user, match)
        return Response(MatchSerializer(match).data)


class MatchDetailView(APIView):
    """One match; admins may delete it (soft: it stays hidden through later rematches)."""

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [IsAdminRole()]
        return [IsRecruiterOrAdmin()]

    @extend_schema(summary="One match with its breakdown", responses=MatchSerializer)
    def get(self, request: Request, id: str) -> Response:
        return Response(MatchSerializer(selectors.get_match_for(request.user, id)).data)

    @extend_schema(summary="Delete a match (admins; soft delete)", responses={204: None})
    def delete(self, request: Request, id: str) -> Response:
        services.remove_match(request.user, selectors.get_match_for(request.user, id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class CandidateStatsView(APIView):
    """Match counts of one candidate against the caller's open jobs."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(summary="Match statistics of a candidate", responses=CandidateStatsSerializer)
    def get(self, request: Request, id: str) -> Response:
        return Response(CandidateStatsSerializer(selectors.candidate_stats(request.user, id)).data)


class JobStatsView(APIView):
    """Match counts of one job among the caller's candidates."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(summary="Match statistics of a job", responses=JobStatsSerializer)
    def get(self, request: Request, id: str) -> Response:
        job = selectors.get_job_for(request.user, id)
        return Response(JobStatsSerializer(selectors.job_stats(request.user, job)).data)
