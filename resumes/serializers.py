"""Input and output shapes of the resumes API."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from resumes.models import BulkUploadBatch, ProcessingJob, Resume


def status_url(resume: Resume) -> str:
    """The API path where a resume's processing status is polled."""
    return reverse("api-resume-status", args=[resume.pk])


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF, DOCX or DOC resume.")


class BulkUploadSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(), help_text="Many PDF, DOCX or DOC resumes."
    )


class UploadResultSerializer(serializers.Serializer):
    resume_id = serializers.UUIDField()
    job_id = serializers.UUIDField(allow_null=True)
    status_url = serializers.CharField()
    duplicate = serializers.BooleanField(help_text="The same file was already uploaded.")


class AcceptedFileSerializer(UploadResultSerializer):
    filename = serializers.CharField()


class RejectedFileSerializer(serializers.Serializer):
    filename = serializers.CharField()
    detail = serializers.CharField(help_text="Why the file was refused.")
    code = serializers.CharField()


class BatchSerializer(serializers.ModelSerializer):
    batch_id = serializers.UUIDField(source="id")
    batch_url = serializers.SerializerMethodField()
    # Plain strings: an enum named "status" would collide with other apps' in the schema.
    status = serializers.CharField(help_text="processing | completed")

    class Meta:
        model = BulkUploadBatch
        # processed counts every file once it is settled: succeeded + failed (processing)
        # + duplicates + rejected (at upload); the batch completes when it reaches total.
        extra_kwargs = {
            "processed": {"help_text": "succeeded + failed + duplicates + rejected"},
            "duplicates": {"help_text": "Files already uploaded before (not processed again)."},
            "rejected": {"help_text": "Files refused at upload (see rejected_files)."},
        }
        fields = [
            "batch_id",
            "batch_url",
            "status",
            "total",
            "processed",
            "succeeded",
            "failed",
            "duplicates",
            "rejected",
            "created_at",
            "finished_at",
        ]

    def get_batch_url(self, batch: BulkUploadBatch) -> str:
        return reverse("api-resume-batch", args=[batch.pk])


class BulkUploadResultSerializer(BatchSerializer):
    accepted = AcceptedFileSerializer(many=True)
    rejected_files = RejectedFileSerializer(many=True)

    class Meta(BatchSerializer.Meta):
        fields = [*BatchSerializer.Meta.fields, "accepted", "rejected_files"]


class ResumeStatusSerializer(serializers.Serializer):
    resume_id = serializers.UUIDField(source="resume.pk")
    filename = serializers.CharField(source="resume.original_filename")
    kind = serializers.CharField(source="resume.kind")
    candidate_id = serializers.UUIDField(source="resume.candidate_id", allow_null=True)
    needs_review = serializers.BooleanField(source="resume.needs_review")
    review_reasons = serializers.ListField(
        child=serializers.CharField(), source="resume.review_reasons"
    )
    job_id = serializers.UUIDField(source="job.pk", allow_null=True, default=None)
    status = serializers.CharField(
        source="job.status", help_text=" | ".join(ProcessingJob.Status.values)
    )
    progress = serializers.IntegerField(source="job.progress", min_value=0, max_value=100)
    current_step = serializers.CharField(source="job.current_step")
    error = serializers.CharField(source="job.error")
    error_code = serializers.CharField(source="job.error_code")
    attempts = serializers.IntegerField(source="job.attempts")
    created_at = serializers.DateTimeField(source="job.created_at")
    started_at = serializers.DateTimeField(source="job.started_at", allow_null=True)
    finished_at = serializers.DateTimeField(source="job.finished_at", allow_null=True)


class ResumeDataSerializer(serializers.Serializer):
    resume_id = serializers.UUIDField(source="resume.pk")
    candidate_id = serializers.UUIDField(source="resume.candidate_id", allow_null=True)
    parser_name = serializers.CharField(source="parse.parser_name")
    parser_version = serializers.CharField(source="parse.parser_version")
    parsed_at = serializers.DateTimeField(source="parse.parsed_at")
    data = serializers.JSONField(help_text="The parsed-resume contract (see DESIGN.md).")
