"""Writes to the candidate database; every change a user can make goes through here.

Split by concern: ``membership`` (databases, permissions, shares, the audit log),
``profiles`` (upsert from a parse, corrections, search vector) and ``activity``
(notes, tags, views, downloads). The public names are re-exported here.
"""

from __future__ import annotations

from .activity import (
    MAX_NOTE_LENGTH,
    add_note,
    bulk_tag,
    record_download,
    record_view,
    require_permission,
    set_tags,
)
from .membership import (
    add_to_database,
    grant_self_access,
    log_activity,
    remove_from_database,
    revoke_share,
    revoke_shares,
    share_by_ids,
    share_candidates,
)
from .profiles import (
    CORRECTABLE_FIELDS,
    clean_correction,
    correct_field,
    parsed_value,
    profile_values_from_parse,
    refresh_search_vector,
    upsert_from_parse,
)

__all__ = [
    "CORRECTABLE_FIELDS",
    "MAX_NOTE_LENGTH",
    "add_note",
    "add_to_database",
    "bulk_tag",
    "clean_correction",
    "correct_field",
    "grant_self_access",
    "log_activity",
    "parsed_value",
    "profile_values_from_parse",
    "record_download",
    "record_view",
    "refresh_search_vector",
    "remove_from_database",
    "require_permission",
    "revoke_share",
    "revoke_shares",
    "set_tags",
    "share_by_ids",
    "share_candidates",
    "upsert_from_parse",
]
