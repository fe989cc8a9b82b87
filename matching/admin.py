"""Django admin for jobs and matches; every write goes through matching.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from hotgigs.errors import ServiceError
from matching import services
from matching.models import JOB_EDITABLE_FIELDS, CandidateMatch, Job


class JobAdminForm(forms.ModelForm):
    class Meta:
        model = Job
        fields = ["owner", *JOB_EDITABLE_FIELDS]

    def clean_owner(self) -> Any:
        owner = self.cleaned_data["owner"]
        if not owner.can_manage_candidates:
            raise forms.ValidationError("Jobs belong to a recruiter or an admin.")
        return owner


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    form = JobAdminForm
    list_display = ["title", "owner", "status", "remote_policy", "version", "created_at"]
    list_filter = ["status", "remote_policy", "employment_type", "education_level"]
    search_fields = ["title", "description", "owner__username"]
    raw_id_fields = ["owner"]
    readonly_fields = ["id", "version", "created_at", "updated_at"]
    actions = ["rematch_now", "close_jobs"]

    def save_model(self, request: HttpRequest, obj: Job, form: Any, change: bool) -> None:
        fields = {
            name: form.cleaned_data[name]
            for name in services.EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        try:
            if change:
                saved = services.update_job(request.user, Job.objects.get(pk=obj.pk), **fields)
            else:
                saved = services.create_job(form.cleaned_data["owner"], **fields)
        except ServiceError as exc:
            self.message_user(request, exc.message, messages.ERROR)
            return
        obj.pk, obj.version = saved.pk, saved.version

    @admin.action(description="Rematch the selected jobs now")
    def rematch_now(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        queued = 0
        for job in queryset:
            try:
                services.request_job_rematch(request.user, job, force=True)
                queued += 1
            except ServiceError as exc:
                self.message_user(request, f"{job}: {exc.message}", messages.WARNING)
        self.message_user(request, f"Queued {queued} rematch(es).", messages.SUCCESS)

    @admin.action(description="Close the selected jobs")
    def close_jobs(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        for job in queryset:
            services.close_job(request.user, job)
        self.message_user(request, "Closed.", messages.SUCCESS)


@admin.register(CandidateMatch)
class CandidateMatchAdmin(admin.ModelAdmin):
    list_display = ["candidate", "job", "overall", "tier", "is_active", "viewed_at", "computed_at"]
    list_filter = ["tier", "is_active"]
    search_fields = ["candidate__full_name", "job__title"]
    list_select_related = ["candidate", "job"]
    raw_id_fields = ["candidate", "job"]
    actions = ["soft_delete"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Matches are hidden (soft delete) with the action below, never removed.
        return False

    @admin.action(description="Delete the selected matches (soft: hidden from recruiters)")
    def soft_delete(self, request: HttpRequest, queryset: QuerySet[CandidateMatch]) -> None:
        for match in queryset:
            services.remove_match(request.user, match)
        self.message_user(request, f"Hid {queryset.count()} match(es).", messages.SUCCESS)
