"""REST API of Google Drive sync under /api/google-drive/: thin views over services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from drive_sync import selectors, services
from drive_sync.models import GoogleDriveSync
from drive_sync.serializers import (
    AuthUrlSerializer,
    ManualSyncSerializer,
    SetupSyncSerializer,
    SyncDetailSerializer,
    SyncSerializer,
    UpdateSyncSerializer,
)
from hotgigs.accounts.roles import IsRecruiterOrAdmin

SetupResponse = inline_serializer(
    "DriveSyncSetupResponse",
    {"task_id": serializers.CharField(), "sync": SyncDetailSerializer()},
)


class SetupView(APIView):
    """Validate a folder through Drive, create its sync and schedule, and queue the first run."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(request=SetupSyncSerializer, responses={201: SetupResponse})
    def post(self, request: Request) -> Response:
        form = SetupSyncSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        sync, task_id = services.setup_sync(
            request.user,
            folder=data["folder_id"],
            frequency=data["frequency"],
            folder_name=data.get("folder_name") or None,
            run_at=data.get("run_at"),
            run_weekday=data.get("run_weekday"),
            timezone_name=data.get("timezone"),
        )
        body = {"task_id": task_id, "sync": SyncDetailSerializer(sync).data}
        return Response(body, status=status.HTTP_201_CREATED)


class SyncListView(generics.ListAPIView):
    """The caller's own syncs."""

    permission_classes = [IsRecruiterOrAdmin]
    serializer_class = SyncSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return GoogleDriveSync.objects.none()
        return selectors.syncs_of(self.request.user)


class SyncDetailView(APIView):
    """Read, change or delete one of the caller's syncs."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(responses=SyncDetailSerializer)
    def get(self, request: Request, sync_id: str) -> Response:
        sync = selectors.sync_for(request.user, sync_id)
        return Response(SyncDetailSerializer(sync).data)

    @extend_schema(request=UpdateSyncSerializer, responses=SyncDetailSerializer)
    def put(self, request: Request, sync_id: str) -> Response:
        sync = selectors.sync_for(request.user, sync_id)
        form = UpdateSyncSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        is_active = data.get("is_active")
        if is_active is None:
            is_active = data.get("active")
        sync = services.update_sync(
            sync,
            folder_name=data.get("folder_name"),
            frequency=data.get("frequency"),
            is_active=is_active,
            run_at=data.get("run_at"),
            run_weekday=data.get("run_weekday"),
            timezone_name=data.get("timezone"),
        )
        return Response(SyncDetailSerializer(sync).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, sync_id: str) -> Response:
        sync = selectors.sync_for(request.user, sync_id)
        services.delete_sync(sync)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ManualSyncView(APIView):
    """Queue a run now; 409 when the sync is disabled or already running."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(request=None, responses={202: ManualSyncSerializer})
    def post(self, request: Request, sync_id: str) -> Response:
        sync = selectors.sync_for(request.user, sync_id)
        task_id = services.start_manual_sync(sync)
        body = {"task_id": task_id, "sync": SyncSerializer(sync).data}
        return Response(body, status=status.HTTP_202_ACCEPTED)


class AuthUrlView(APIView):
    """The Google consent URL that connects the caller's Drive (read-only)."""

    permission_classes = [IsRecruiterOrAdmin]

    @extend_schema(responses=AuthUrlSerializer)
    def get(self, request: Request) -> Response:
        url = services.start_authorization(request.user)
        connection = selectors.connection_of(request.user)
        body = {
            "authorization_url": url,
            "connected": connection is not None,
            "needs_reconnect": bool(connection and connection.needs_reconnect),
        }
        return Response(body)
