"""Django admin for resumes: read-only records, with re-parse and retry as actions."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from hotgigs.accounts.roles import is_admin
from hotgigs.errors import ServiceError
from resumes import services
from resumes.models import BulkUploadBatch, ProcessingJob, Resume, ResumeData


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows are written by the services only; admins inspect them and run actions.

    The admin role is the authority here (as in the candidates admin), not per-model perms.
    """

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # Deleting a stored resume loses the original file: superusers only.
        return bool(request.user.is_superuser)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class ProcessingJobInline(admin.TabularInline):
    model = ProcessingJob
    extra = 0
    can_delete = False
    fields = ["status", "progress", "current_step", "error", "attempts", "created_at"]
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Resume)
class ResumeAdmin(ReadOnlyAdmin):
    list_display = [
        "original_filename",
        "kind",
        "size",
        "uploaded_by",
        "source",
        "candidate",
        "needs_review",
        "created_at",
    ]
    list_filter = ["kind", "source", "needs_review"]
    search_fields = ["original_filename", "sha256", "uploaded_by__username", "candidate__email"]
    raw_id_fields = ["uploaded_by", "candidate", "batch"]
    readonly_fields = [
        "id",
        "file",
        "original_filename",
        "kind",
        "size",
        "sha256",
        "uploaded_by",
        "source",
        "candidate",
        "batch",
        "needs_review",
        "review_reasons",
        "created_at",
    ]
    exclude = ["text"]
    inlines = [ProcessingJobInline]
    actions = ["reparse", "retry"]
    date_hierarchy = "created_at"

    @admin.action(description="Re-parse selected resumes (corrections are kept)")
    def reparse(self, request: HttpRequest, queryset: QuerySet[Resume]) -> None:
        queued, refused = 0, []
        for resume in queryset:
            try:
                services.reparse_resume(resume)
                queued += 1
            except ServiceError as exc:
                refused.append(f"{resume}: {exc.message}")
        self._report(request, queued, refused)

    @admin.action(description="Retry selected failed resumes")
    def retry(self, request: HttpRequest, queryset: QuerySet[Resume]) -> None:
        queued, refused = 0, []
        for resume in queryset:
            try:
                services.retry_resume(request.user, resume)
                queued += 1
            except ServiceError as exc:
                refused.append(f"{resume}: {exc.message}")
        self._report(request, queued, refused)

    def _report(self, request: HttpRequest, queued: int, refused: list[str]) -> None:
        if queued:
            self.message_user(request, f"Queued {queued} resume(s) for processing.")
        for line in refused[:10]:
            self.message_user(request, line, level=messages.WARNING)


@admin.register(ResumeData)
class ResumeDataAdmin(ReadOnlyAdmin):
    list_display = ["resume", "parser_name", "parser_version", "parsed_at"]
    list_filter = ["parser_name", "parser_version"]
    search_fields = ["resume__original_filename"]
    readonly_fields = ["resume", "data", "parser_name", "parser_version", "parsed_at"]


@admin.register(ProcessingJob)
class ProcessingJobAdmin(ReadOnlyAdmin):
    list_display = ["resume", "status", "progress", "current_step", "attempts", "created_at"]
    list_filter = ["status", "current_step", "error_code"]
    search_fields = ["resume__original_filename", "error"]
    readonly_fields = [
        "id",
        "resume",
        "status",
        "progress",
        "current_step",
        "error",
        "error_code",
        "attempts",
        "task_id",
        "created_at",
        "started_at",
        "finished_at",
    ]


@admin.register(BulkUploadBatch)
class BulkUploadBatchAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "owner",
        "status",
        "total",
        "processed",
        "succeeded",
        "failed",
        "duplicates",
        "rejected",
        "created_at",
    ]
    list_filter = ["status"]
    search_fields = ["owner__username"]
    readonly_fields = [*list_display, "finished_at"]
