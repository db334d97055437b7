import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from masthead.comments.models import Comment

ALLOWED_CONTROLS = {"\n", "\r", "\t"}


def reject_unreadable(value: str) -> None:
    """Refuse control characters and text that was not valid UTF-8 when it arrived."""
    if "\ufffd" in value:
        raise ValidationError("This contains characters that are not valid text.", "encoding")
    for ch in value:
        if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) in {"Cc", "Cs", "Co"}:
            raise ValidationError("This contains control characters.", "control")


class CommentForm(forms.Form):
    """What a reader sends; the human check's fields are judged by humancheck, not here."""

    story = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    parent = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62
    )
    name = forms.CharField(
        label="Your name", max_length=60, validators=[reject_unreadable], strip=True
    )
    email = forms.EmailField(
        label="E-mail", required=False, max_length=254, help_text="Optional, never shown."
    )
    body = forms.CharField(
        label="Comment",
        max_length=Comment._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=[reject_unreadable],
        strip=True,
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise ValidationError("Please give your name.", "required")
        return name

    def clean_email(self):
        email = self.cleaned_data["email"]
        reject_unreadable(email)
        return email

    def first_error(self) -> str:
        """One sentence naming the first problem, for a reader told in one line."""
        for name, errors in self.errors.items():
            label = self.fields[name].label if name in self.fields else ""
            return f"{label}: {errors[0]}" if label else errors[0]
        return ""
