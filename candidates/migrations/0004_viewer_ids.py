"""viewer_ids: who holds view_candidateprofile, denormalized onto the profile so a scoped
full-text search can intersect two GIN indexes (scope and text) before touching rows.
guardian's table stays the authority; the scoping helper checks it as well.
"""

from django.db import migrations, models

PG_FORWARD = [
    "CREATE INDEX IF NOT EXISTS candidates_profile_viewer_ids_gin "
    "ON candidates_candidateprofile USING gin (viewer_ids jsonb_path_ops)",
    # Backfill from guardian's direct foreign-key table.
    """
    UPDATE candidates_candidateprofile p SET viewer_ids = COALESCE((
        SELECT jsonb_agg(u.user_id ORDER BY u.user_id)
        FROM candidates_candidateuserobjectpermission u
        JOIN auth_permission ap ON ap.id = u.permission_id
        WHERE u.content_object_id = p.id AND ap.codename = 'view_candidateprofile'
    ), '[]'::jsonb)
    """,
]
PG_BACKWARD = ["DROP INDEX IF EXISTS candidates_profile_viewer_ids_gin"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_FORWARD:
            schema_editor.execute(sql)
        return
    Profile = apps.get_model("candidates", "CandidateProfile")
    Perm = apps.get_model("candidates", "CandidateUserObjectPermission")
    viewers = {}
    for candidate_id, user_id in Perm.objects.filter(
        permission__codename="view_candidateprofile"
    ).values_list("content_object_id", "user_id"):
        viewers.setdefault(candidate_id, []).append(user_id)
    for candidate_id, users in viewers.items():
        Profile.objects.filter(pk=candidate_id).update(viewer_ids=sorted(users))


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in PG_BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("candidates", "0003_postgres_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="candidateprofile",
            name="viewer_ids",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="Ids of the users holding view_candidateprofile, kept by the services in the same transaction as the permissions. Only a search accelerator (GIN-indexed on PostgreSQL): guardian's table still decides who sees what.",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
