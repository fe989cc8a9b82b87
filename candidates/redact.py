"""Contact details taken out of resume text before it is searched or shown in snippets.

Pure Python (no Django): the profile keeps email, phone and links in their own fields,
which only users with ``view_contact`` see. The searchable copy of the resume text must
not let anyone else read them in a snippet or confirm them by searching.
"""

from __future__ import annotations

import re

import phonenumbers

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b(?:linkedin\.com|github\.com)/\S+")
EMAIL_MARK, PHONE_MARK, LINK_MARK = "[email]", "[phone]", "[link]"


def redact_contact(text: str, *, region: str = "US") -> str:
    """The text with email addresses, phone numbers and profile links replaced by markers."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MARK, text)
    text = LINK.sub(LINK_MARK, text)
    spans = [
        (match.start, match.end)
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID
        )
    ]
    for start, end in reversed(spans):
        text = text[:start] + PHONE_MARK + text[end:]
    return text


def looks_like_contact(query: str) -> bool:
    """Whether a search is for an email address or a phone number rather than words."""
    query = query.strip()
    if EMAIL.fullmatch(query):
        return True
    digits = sum(ch.isdigit() for ch in query)
    return digits >= 7 and digits >= len(re.sub(r"[\s().+-]", "", query))


def normalize_contact_query(query: str, *, region: str = "US") -> tuple[str, str] | None:
    """("email", address) or ("phone", E.164) for a contact search; None when it is neither."""
    query = query.strip()
    if EMAIL.fullmatch(query):
        return "email", query.lower()
    if not looks_like_contact(query):
        return None
    try:
        number = phonenumbers.parse(query, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return "phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
