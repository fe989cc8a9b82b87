"""DRF serializers of the candidate database. Contact fields are withheld (null) from
anyone without ``view_contact``: the rule lives in ``CandidateSerializer.to_representation``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from candidates.models import (
    SHAREABLE_PERMISSIONS,
    Action,
    CandidateActivity,
    CandidateNote,
    CandidateProfile,
    CandidateShare,
    Source,
)
from candidates.selectors import ORDERINGS, PERMISSION_FLAGS, CandidateAccess

CONTACT_FIELDS = ("email", "phone", "links")


class PermissionsSerializer(serializers.Serializer):
    """What the caller may do with this candidate (viewing is implied)."""

    can_view_contact = serializers.BooleanField()
    can_download = serializers.BooleanField()
    can_submit = serializers.BooleanField()
    can_change = serializers.BooleanField()


class CandidateSerializer(serializers.ModelSerializer):
    """A candidate as listed. ``email``, ``phone`` and ``links`` are null without view_contact."""

    email = serializers.EmailField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    links = serializers.ListField(child=serializers.CharField(), allow_null=True)
    tags = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()
    rank = serializers.SerializerMethodField()

    class Meta:
        model = CandidateProfile
        fields = [
            "id",
            "full_name",
            "email",
            "phone",
            "links",
            "location",
            "headline",
            "years_experience",
            "education_level",
            "skills",
            "source",
            "tags",
            "permissions",
            "rank",
            "created_at",
            "updated_at",
            "last_viewed_at",
        ]
        read_only_fields = fields

    def _flags(self, candidate: CandidateProfile) -> dict[str, bool]:
        access: CandidateAccess | None = self.context.get("access")
        if access is not None:
            return {flag: getattr(access, flag) for flag in PERMISSION_FLAGS}
        # List rows carry the flags as annotations (candidates_visible_to(with_permissions)).
        return {flag: bool(getattr(candidate, flag, False)) for flag in PERMISSION_FLAGS}

    def get_tags(self, candidate: CandidateProfile) -> list[str]:
        return sorted(link.tag.name for link in candidate.tag_links.all())

    @extend_schema_field(PermissionsSerializer)
    def get_permissions(self, candidate: CandidateProfile) -> dict[str, bool]:
        return self._flags(candidate)

    def get_rank(self, candidate: CandidateProfile) -> float | None:
        """Search relevance (higher is better); null when the request did not search."""
        rank = getattr(candidate, "rank", None)
        return round(rank, 6) if rank is not None else None

    def to_representation(self, candidate: CandidateProfile) -> dict[str, Any]:
        data = super().to_representation(candidate)
        if not self._flags(candidate)["can_view_contact"]:
            for field in CONTACT_FIELDS:
                data[field] = None
        return data


class HolderSerializer(serializers.Serializer):
    """A recruiter holding a candidate, why, and the active share if it was shared."""

    recruiter_id = serializers.IntegerField()
    recruiter = serializers.CharField(source="recruiter.username")
    source = serializers.ChoiceField(choices=Source.choices)
    added_at = serializers.DateTimeField()
    share_id = serializers.UUIDField(allow_null=True)
    share_permissions = serializers.ListField(child=serializers.CharField(), allow_null=True)


class AdminCandidateSerializer(CandidateSerializer):
    """A candidate in the master database, with the recruiters who hold it."""

    holders = serializers.SerializerMethodField()

    class Meta(CandidateSerializer.Meta):
        fields = [*CandidateSerializer.Meta.fields, "holders"]
        read_only_fields = fields

    @extend_schema_field(HolderSerializer(many=True))
    def get_holders(self, candidate: CandidateProfile) -> list[dict[str, Any]]:
        shares = {s.recruiter_id: s for s in candidate.shares.all() if s.revoked_at is None}
        rows = []
        for link in candidate.holders.all():
            share = shares.get(link.recruiter_id)
            rows.append(
                {
                    "recruiter_id": link.recruiter_id,
                    "recruiter": link.recruiter,
                    "source": link.source,
                    "added_at": link.added_at,
                    "share_id": share.pk if share else None,
                    "share_permissions": share.permissions if share else None,
                }
            )
        return HolderSerializer(rows, many=True).data


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.username", read_only=True)

    class Meta:
        model = CandidateNote
        fields = ["id", "author", "body", "is_private", "is_important", "created_at"]
        read_only_fields = fields


class NoteInputSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=10_000, trim_whitespace=True)
    is_private = serializers.BooleanField(default=False)
    is_important = serializers.BooleanField(default=False)


class CandidateDetailSerializer(CandidateSerializer):
    """The full profile: what the list shows plus history, education and the visible notes."""

    notes = serializers.SerializerMethodField()

    class Meta(CandidateSerializer.Meta):
        fields = [
            *CandidateSerializer.Meta.fields,
            "summary",
            "experience",
            "education",
            "certifications",
            "languages",
            "latest_resume",
            "profile_version",
            "notes",
        ]
        read_only_fields = fields

    @extend_schema_field(NoteSerializer(many=True))
    def get_notes(self, candidate: CandidateProfile) -> list[dict[str, Any]]:
        return NoteSerializer(self.context.get("notes", []), many=True).data


class TagsInputSerializer(serializers.Serializer):
    add = serializers.ListField(child=serializers.CharField(max_length=200), default=list)
    remove = serializers.ListField(child=serializers.CharField(max_length=200), default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["add"] and not attrs["remove"]:
            raise serializers.ValidationError("Give tags to add or to remove.")
        return attrs


class TagsSerializer(serializers.Serializer):
    tags = serializers.ListField(child=serializers.CharField())


class ActivitySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", allow_null=True, default=None)
    action = serializers.ChoiceField(choices=Action.choices)
    action_display = serializers.CharField(source="get_action_display")

    class Meta:
        model = CandidateActivity
        fields = [
            "id",
            "action",
            "action_display",
            "actor",
            "ip",
            "user_agent",
            "metadata",
            "created_at",
        ]
        read_only_fields = fields


def _comma_list(value: Any) -> list[str]:
    return [part.strip() for part in str(value).split(",") if part.strip()]


class CandidateQuerySerializer(serializers.Serializer):
    """Query parameters of the candidate lists (lists are comma-separated)."""

    q = serializers.CharField(required=False, allow_blank=True, help_text="Full-text search.")
    source = serializers.ChoiceField(choices=Source.choices, required=False)
    tags = serializers.CharField(required=False, help_text="Comma-separated tag names.")
    tags_mode = serializers.ChoiceField(choices=["any", "all"], default="any")
    skills = serializers.CharField(
        required=False, help_text="Comma-separated skills; every one must be present."
    )
    min_years = serializers.FloatField(required=False, min_value=0)
    location = serializers.CharField(required=False, allow_blank=True)
    ordering = serializers.ChoiceField(
        choices=sorted(ORDERINGS),
        required=False,
        help_text="Default: newest first, or best match first when searching.",
    )

    def validate_tags(self, value: str) -> list[str]:
        return _comma_list(value)

    def validate_skills(self, value: str) -> list[str]:
        return _comma_list(value)


class ShareInputSerializer(serializers.Serializer):
    candidate_ids = serializers.ListField(
        child=serializers.UUIDField(), min_length=1, max_length=1000
    )
    recruiter_ids = serializers.ListField(
        child=serializers.IntegerField(), min_length=1, max_length=200
    )
    permissions = serializers.ListField(
        child=serializers.ChoiceField(choices=SHAREABLE_PERMISSIONS), default=list
    )
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class ShareSerializer(serializers.ModelSerializer):
    recruiter = serializers.CharField(source="recruiter.username")
    admin = serializers.CharField(source="admin.username", allow_null=True, default=None)

    class Meta:
        model = CandidateShare
        fields = [
            "id",
            "candidate",
            "recruiter_id",
            "recruiter",
            "admin",
            "permissions",
            "reason",
            "notes",
            "created_at",
            "updated_at",
            "revoked_at",
        ]
        read_only_fields = fields


class SharesResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    shares = ShareSerializer(many=True)


class RevokeInputSerializer(serializers.Serializer):
    """Either share ids, or candidates × recruiters whose active shares end."""

    share_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    candidate_ids = serializers.ListField(child=serializers.UUIDField(), required=False)
    recruiter_ids = serializers.ListField(child=serializers.IntegerField(), required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        by_pair = attrs.get("candidate_ids") and attrs.get("recruiter_ids")
        if not attrs.get("share_ids") and not by_pair:
            raise serializers.ValidationError("Give share_ids, or candidate_ids and recruiter_ids.")
        return attrs


class RevokeResultSerializer(serializers.Serializer):
    revoked = serializers.IntegerField()
    shares = ShareSerializer(many=True)
