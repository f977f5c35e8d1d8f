"""The confirmations asked before erasing a person's data: their address typed again (the
coordinator), or the current password (a resident erasing their own account)."""

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.privacy.portability import normalised


class EraseSubjectForm(forms.Form):
    """The coordinator's confirmation: the address found (hidden) and the same typed again."""

    email = forms.EmailField(widget=forms.HiddenInput)
    confirm = forms.CharField(
        label=_("The person's e-mail address, typed again"),
        help_text=_("Type the address shown above to confirm that this is the right person."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, confirm = cleaned.get("email"), cleaned.get("confirm")
        if email and confirm and normalised(confirm).lower() != normalised(email).lower():
            self.add_error(
                "confirm", _("This is not the address of the person shown. Type it again.")
            )
        return cleaned


class EraseOwnForm(forms.Form):
    """A resident's confirmation: their current password. Checked through authenticate(),
    so wrong guesses count towards the sign-in lockout like any other."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        accepted = authenticate(self.request, username=self.user.email, password=password)
        if accepted is None or accepted.pk != self.user.pk:
            raise forms.ValidationError(_("The password is not correct."), code="invalid")
        return password
