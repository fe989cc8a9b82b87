"""Django admin of the candidate database: the master list, sharing, and the audit log.

Everything that grants or takes away access goes through ``candidates.services``; the
admin only collects the input. Only users with the admin role may open these pages.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from candidates import selectors, services
from candidates.forms import CandidateProfileAdminForm, ShareCandidatesForm
from candidates.models import (
    CandidateActivity,
    CandidateNote,
    CandidateProfile,
    CandidateShare,
    CandidateTag,
    FieldCorrection,
    RecruiterCandidate,
    Tag,
)
from candidates.tags import normalize_tag
from hotgigs.accounts.roles import is_admin
from hotgigs.errors import ServiceError
from hotgigs.http import client_ip, user_agent
from resumes.models import Resume


class AdminRoleOnly:
    """The admin role (or a superuser) is the authority here, not per-model Django perms."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_admin(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_admin(request.user)


class ReadOnlyInline(AdminRoleOnly, admin.TabularInline):
    """Rows written by the services: shown, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ResumeInline(ReadOnlyInline):
    model = Resume
    fields = ["original_filename", "kind", "size", "uploaded_by", "source", "created_at"]
    readonly_fields = fields
    show_change_link = True


class HolderInline(ReadOnlyInline):
    model = RecruiterCandidate
    verbose_name = "holder"
    verbose_name_plural = "held by (recruiters' databases)"
    fields = ["recruiter", "source", "added_at", "last_viewed_at"]
    readonly_fields = fields


class ShareInline(ReadOnlyInline):
    model = CandidateShare
    fields = ["recruiter", "permissions", "reason", "admin", "created_at", "revoked_at", "revoke"]
    readonly_fields = fields

    @admin.display(description="")
    def revoke(self, share: CandidateShare) -> str:
        if share.revoked_at is not None:
            return "revoked"
        url = reverse("admin:candidates_candidateshare_changelist") + f"?id__exact={share.pk}"
        return format_html('<a href="{}">Revoke…</a>', url)


class NoteInline(AdminRoleOnly, admin.TabularInline):
    model = CandidateNote
    extra = 0
    fields = ["body", "is_private", "is_important", "author", "created_at"]
    readonly_fields = ["author", "created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Private notes are their author's alone, admins included.
        return (
            super()
            .get_queryset(request)
            .filter(Q(is_private=False) | Q(author_id=request.user.pk))
            .select_related("author")
        )


class TagInline(AdminRoleOnly, admin.TabularInline):
    model = CandidateTag
    extra = 0
    fields = ["tag", "added_by", "created_at"]
    readonly_fields = ["added_by", "created_at"]
    autocomplete_fields = ["tag"]


@admin.register(CandidateProfile)
class CandidateProfileAdmin(AdminRoleOnly, admin.ModelAdmin):
    list_display = [
        "__str__",
        "email",
        "headline",
        "location",
        "years_experience",
        "source",
        "holder_count",
        "created_at",
    ]
    list_filter = ["source", "education_level", "created_at", "tag_links__tag"]
    search_fields = ["full_name", "email", "phone", "headline", "=id"]
    readonly_fields = [
        "id",
        "source",
        "owner",
        "latest_resume",
        "profile_version",
        "created_at",
        "updated_at",
        "last_viewed_at",
    ]
    form = CandidateProfileAdminForm
    inlines = [ResumeInline, NoteInline, TagInline, HolderInline, ShareInline]
    actions = ["share_with_recruiters"]
    list_per_page = 50
    show_full_result_count = False  # a count(*) of the whole master table on every page

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            selectors.candidates_visible_to(request.user)
            .defer("resume_text", "search_vector")
            # A correlated count, evaluated for the page's rows only (a JOIN + GROUP BY
            # would aggregate the whole master table before the LIMIT).
            .annotate(
                holder_total=Coalesce(
                    Subquery(
                        RecruiterCandidate.objects.filter(candidate=OuterRef("pk"))
                        .order_by()
                        .values("candidate")
                        .annotate(total=Count("pk"))
                        .values("total")
                    ),
                    0,
                )
            )
        )

    @admin.display(description="holders", ordering="holder_total")
    def holder_count(self, candidate: CandidateProfile) -> int:
        return candidate.holder_total

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # profiles come from parsed resumes

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def save_model(self, request, obj, form, change) -> None:
        """Edited parse fields become corrections (logged, kept over re-parses)."""
        audit = {"ip": client_ip(request), "user_agent": user_agent(request)}
        corrected = [f for f in form.changed_data if f in services.CORRECTABLE_FIELDS]
        others = [f for f in form.changed_data if f not in corrected]
        if others:
            obj.save(update_fields=[*others, "updated_at"])
        for field in corrected:
            services.correct_field(request.user, obj, field, form.cleaned_data[field], **audit)
        if others and not corrected:
            services.refresh_search_vector([obj.pk])

    def save_formset(self, request, form, formset, change) -> None:
        """New notes and tag changes go through the services, so they are logged."""
        candidate = form.instance
        audit = {"ip": client_ip(request), "user_agent": user_agent(request)}
        if formset.model is CandidateNote:
            notes = formset.save(commit=False)
            for note in formset.deleted_objects:
                note.delete()
            for note in notes:
                if note._state.adding:
                    services.add_note(
                        request.user,
                        candidate,
                        note.body,
                        is_private=note.is_private,
                        is_important=note.is_important,
                        **audit,
                    )
                else:
                    note.save()
        elif formset.model is CandidateTag:
            links = formset.save(commit=False)
            services.set_tags(
                request.user,
                candidate,
                add=[link.tag.name for link in links if link._state.adding],
                remove=[link.tag.name for link in formset.deleted_objects],
                **audit,
            )
        else:
            formset.save()

    @admin.action(description="Share with recruiters…")
    def share_with_recruiters(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        form = ShareCandidatesForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            data = form.cleaned_data
            try:
                shares = services.share_candidates(
                    request.user,
                    list(queryset),
                    list(data["recruiters"]),
                    permissions=data["permissions"],
                    reason=data["reason"],
                    notes=data["notes"],
                    ip=client_ip(request),
                    user_agent=user_agent(request),
                )
            except ServiceError as exc:
                self.message_user(request, exc.message, messages.ERROR)
                return None
            self.message_user(
                request,
                f"Shared {queryset.count()} candidate(s) with {len(data['recruiters'])} "
                f"recruiter(s) ({len(shares)} shares).",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Share with recruiters",
            "form": form,
            "candidates": list(queryset.only("id", "full_name")),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/candidates/candidateprofile/share_candidates.html", context
        )


@admin.register(CandidateShare)
class CandidateShareAdmin(AdminRoleOnly, admin.ModelAdmin):
    list_display = [
        "candidate",
        "recruiter",
        "permissions",
        "reason",
        "admin",
        "created_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at", "created_at"]
    search_fields = ["candidate__full_name", "candidate__email", "recruiter__username", "=id"]
    list_select_related = ["candidate", "recruiter", "admin"]
    readonly_fields = [f.name for f in CandidateShare._meta.fields]
    actions = ["revoke_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # shares are made with the "Share with recruiters…" action

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deleting would leave the permissions behind; revoke instead

    def get_actions(self, request: HttpRequest) -> dict:
        # The revoke action is a write: offer it to admins although change is off.
        actions = super().get_actions(request)
        if not is_admin(request.user):
            actions.pop("revoke_selected", None)
        return actions

    @admin.action(description="Revoke selected shares")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet) -> None:
        shares = services.revoke_shares(
            request.user,
            share_ids=list(queryset.values_list("pk", flat=True)),
            ip=client_ip(request),
            user_agent=user_agent(request),
        )
        self.message_user(request, f"Revoked {len(shares)} share(s).", messages.SUCCESS)


@admin.register(CandidateActivity)
class CandidateActivityAdmin(AdminRoleOnly, admin.ModelAdmin):
    """The audit log: append-only, so nobody adds, changes or deletes entries here."""

    list_display = ["created_at", "action", "actor", "candidate", "ip", "user_agent"]
    list_filter = ["action", "created_at"]
    search_fields = ["candidate__full_name", "candidate__email", "actor__username", "ip"]
    list_select_related = ["actor", "candidate"]
    readonly_fields = [f.name for f in CandidateActivity._meta.fields]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Tag)
class TagAdmin(AdminRoleOnly, admin.ModelAdmin):
    list_display = ["name", "candidate_count"]
    search_fields = ["name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(candidates=Count("candidate_links"))

    @admin.display(description="candidates", ordering="candidates")
    def candidate_count(self, tag: Tag) -> int:
        return tag.candidates

    def save_model(self, request, obj, form, change) -> None:
        obj.name = normalize_tag(obj.name)
        super().save_model(request, obj, form, change)


@admin.register(FieldCorrection)
class FieldCorrectionAdmin(AdminRoleOnly, admin.ModelAdmin):
    """Recruiters' corrections of parsed fields; the totals per field show parser accuracy."""

    list_display = ["created_at", "candidate", "field", "parser_value", "value", "author"]
    list_filter = ["field", "created_at"]
    list_select_related = ["candidate", "author"]
    readonly_fields = [f.name for f in FieldCorrection._meta.fields]
    change_list_template = "admin/candidates/fieldcorrection/change_list.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None):
        extra_context = {**(extra_context or {}), "correction_stats": selectors.correction_stats()}
        return super().changelist_view(request, extra_context)
