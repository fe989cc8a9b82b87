"""PostgreSQL-only indexes: full-text search (GIN on the tsvector) and skills (GIN on jsonb).

They are created only on PostgreSQL so the same migrations run on the SQLite default.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS candidates_profile_search_gin "
    "ON candidates_candidateprofile USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS candidates_profile_skill_keys_gin "
    "ON candidates_candidateprofile USING gin ((skill_keys::jsonb) jsonb_path_ops)",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
]
BACKWARD = [
    "DROP INDEX IF EXISTS candidates_profile_search_gin",
    "DROP INDEX IF EXISTS candidates_profile_skill_keys_gin",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for sql in statements:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("candidates", "0002_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
