"""Certification items in several written forms."""

from __future__ import annotations

import pytest

from resumes.parsing import parse_text
from resumes.parsing.certifications import parse_cert_item


@pytest.mark.parametrize(
    ("item", "name", "issuer", "date"),
    [
        (
            "AWS Certified Solutions Architect – Associate – Amazon Web Services (Aug 2020)",
            "AWS Certified Solutions Architect – Associate",
            "Amazon Web Services",
            "2020-08",
        ),
        (
            "Project Management Professional (PMP) – Project Management Institute (2022-09)",
            "Project Management Professional (PMP)",
            "Project Management Institute",
            "2022-09",
        ),
        (
            "Google Professional Data Engineer (Google Cloud), 2024",
            "Google Professional Data Engineer",
            "Google Cloud",
            "2024",
        ),
        (
            "Certified ScrumMaster, Scrum Alliance, 03/2021",
            "Certified ScrumMaster",
            "Scrum Alliance",
            "2021-03",
        ),
        ("CPA", "CPA", None, None),
        (
            "AWS Certified Developer – Amazon Web Services · Issued Jan 2020 · "
            "Expires Jan 2023 · Credential ID ABC-123",
            "AWS Certified Developer",
            "Amazon Web Services",
            "2020-01",
        ),
    ],
)
def test_certification_item_forms(
    item: str, name: str, issuer: str | None, date: str | None
) -> None:
    assert parse_cert_item(item) == {"name": name, "issuer": issuer, "date": date}


def test_wrapped_certifications_rejoin_their_item() -> None:
    text = (
        "Pat Doe\nCertifications\n• Google UX Design Certificate\n– Google (2024)\n"
        "• Certified Kubernetes\nAdministrator (CKA), Cloud\nNative Computing Foundation, 07/2023\n"
    )
    certs = parse_text(text)["certifications"]
    assert [(c["name"], c["issuer"], c["date"]) for c in certs] == [
        ("Google UX Design Certificate", "Google", "2024"),
        (
            "Certified Kubernetes Administrator (CKA)",
            "Cloud Native Computing Foundation",
            "2023-07",
        ),
    ]


def test_several_certifications_on_one_line() -> None:
    certs = parse_text("Pat Doe\nCertifications\nPMP • CSM • ITIL 4 Foundation\n")["certifications"]
    assert [c["name"] for c in certs] == ["PMP", "CSM", "ITIL 4 Foundation"]


def test_wrapped_issuer_line_that_looks_like_a_bullet_completes_its_item() -> None:
    text = "Pat Doe\nCertifications\n• Google UX Design Certificate\n- Google (2024)\n"
    certs = parse_text(text)["certifications"]
    assert [(c["name"], c["issuer"], c["date"]) for c in certs] == [
        ("Google UX Design Certificate", "Google", "2024")
    ]
