from django import forms
from django.utils.translation import gettext_lazy as _


class SubjectForm(forms.Form):
    """The coordinator's look-up of a data subject by e-mail address."""

    email = forms.EmailField(
        label=_("E-mail address of the person"),
        help_text=_("Records are found by this address, ignoring case, and by its account."),
    )
