"""Forms of the candidates admin: profile corrections and the "Share with recruiters…" step."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from candidates import services
from candidates.models import SHAREABLE_PERMISSIONS, CandidateProfile
from hotgigs.errors import ServiceError

PERMISSION_LABELS = {
    code: label
    for code, label in CandidateProfile._meta.permissions
    if code in SHAREABLE_PERMISSIONS
}


class ShareCandidatesForm(forms.Form):
    """Which recruiters get the selected candidates, and with which permissions beyond view."""

    recruiters = forms.ModelMultipleChoiceField(
        queryset=get_user_model().objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    permissions = forms.MultipleChoiceField(
        choices=[(code, PERMISSION_LABELS.get(code, code)) for code in SHAREABLE_PERMISSIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Viewing the profile is always granted; sharing again replaces these.",
    )
    reason = forms.CharField(max_length=300, required=False)
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recruiters"].queryset = (
            get_user_model().objects.filter(role="recruiter", is_active=True).order_by("username")
        )


class CandidateProfileAdminForm(forms.ModelForm):
    """The admin's profile form: corrected parse fields are validated as corrections."""

    class Meta:
        model = CandidateProfile
        fields = [
            "full_name",
            "email",
            "phone",
            "location",
            "links",
            "headline",
            "summary",
            "years_experience",
            "education_level",
            "skills",
            "experience",
            "education",
            "certifications",
            "languages",
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        for field in self.changed_data:
            if field in services.CORRECTABLE_FIELDS and field in cleaned:
                try:
                    cleaned[field] = services.clean_correction(field, cleaned[field])
                except ServiceError as exc:
                    self.add_error(field, exc.message)
        return cleaned
