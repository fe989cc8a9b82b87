"""Contact details are taken out of the searchable resume text; the rest stays."""

from __future__ import annotations

from candidates.redact import normalize_contact_query, redact_contact


def test_emails_phones_and_links_are_replaced():
    text = "ada.l+cv@mail.example.org | +44 20 7946 0958 | (415) 555-0123 | github.com/ada"
    assert redact_contact(text) == "[email] | [phone] | [phone] | [link]"


def test_dates_and_figures_are_not_taken_for_phone_numbers():
    text = "Jan 2018 – Present. 2019 - 2021: cut costs by 12,000,000 USD."
    assert redact_contact(text) == text


def test_contact_queries_are_recognised_and_normalised():
    assert normalize_contact_query(" Ada@Example.COM ") == ("email", "ada@example.com")
    assert normalize_contact_query("415.555.0123") == ("phone", "+14155550123")
    assert normalize_contact_query("python developer") is None
    assert normalize_contact_query("2019-2021") is None
