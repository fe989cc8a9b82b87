"""Tag normalization (pure module: no database)."""

from __future__ import annotations

import pytest

from candidates.tags import MAX_TAG_LENGTH, normalize_tag, normalize_tags


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Senior   Python ", "senior python"),
        ("REMOTE\tOK\n", "remote ok"),
        ("Ünïcode Tag", "ünïcode tag"),
        ("   ", ""),
    ],
)
def test_tags_are_trimmed_lower_cased_and_single_spaced(raw, expected):
    assert normalize_tag(raw) == expected


def test_a_long_tag_is_cut_without_a_trailing_space():
    tag = normalize_tag("a" * (MAX_TAG_LENGTH - 1) + " bcdef")
    assert tag == "a" * (MAX_TAG_LENGTH - 1)


def test_spellings_of_one_tag_merge_and_blanks_drop():
    assert normalize_tags(["Hot Lead", "hot  lead", "", "Remote"]) == ["hot lead", "remote"]
