from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.areas.finding import NotFound, find_by_address
from luotsi.concerns.models import MessageKind, MessageStatus, Service
from luotsi.concerns.photos import MAX_PHOTOS
from luotsi.network.permissions import NETWORK_ROLES
from luotsi.web.languages import message_language


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several files in one input; each is checked (type, size) when the message is saved."""

    widget = MultiplePhotoInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(PhotosField, self).clean(f, initial) for f in files]


def service_choices() -> list[tuple[str, Any]]:
    """Categories grouped as the city's file groups them."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for service in Service.objects.filter(is_active=True).order_by("order", "code"):
        groups.setdefault(service.group or "", []).append((str(service.pk), service.name))
    choices: list[tuple[str, Any]] = [("", _("Choose a category"))]
    for group, options in groups.items():
        choices.extend(options) if not group else choices.append((group, options))
    return choices


class MessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=MessageKind.choices,
        widget=forms.RadioSelect,
        initial=MessageKind.CONCERN,
    )
    service = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Please do not write other people's personal details here."),
    )
    address = forms.CharField(
        label=_("Street address (optional)"),
        max_length=200,
        required=False,
        help_text=_("Or choose the place on the map. Without a place, the coordinator reads it."),
    )
    lat = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-90, max_value=90)
    lon = forms.FloatField(required=False, widget=forms.HiddenInput, min_value=-180, max_value=180)
    photos = PhotosField(
        label=_("Photos (optional)"),
        required=False,
        help_text=_(
            "Up to %(count)d JPEG, PNG or WebP photos. Their location and camera details are "
            "removed."
        )
        % {"count": MAX_PHOTOS},
    )
    language = forms.ChoiceField(
        label=_("Language of the answer"), choices=settings.MESSAGE_LANGUAGES
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact_email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("For the answer. Without it, follow your message with its private link."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my name and e-mail are kept to answer this message and removed "
            "afterwards."
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].choices = service_choices()  # type: ignore[attr-defined]
        self.fields["language"].initial = message_language()
        self.fields["photos"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.point: tuple[float, float] | None = None

    def clean_service(self) -> Service:
        try:
            return Service.objects.get(pk=int(self.cleaned_data["service"]), is_active=True)
        except (Service.DoesNotExist, ValueError, TypeError) as exc:
            raise forms.ValidationError(_("Choose a category.")) from exc

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lat, lon = cleaned.get("lat"), cleaned.get("lon")
        address = (cleaned.get("address") or "").strip()
        if lat is not None and lon is not None:
            self.point = (lat, lon)
        elif address:
            try:
                finding = find_by_address(address)
            except NotFound as exc:
                self.add_error("address", str(exc))
            else:
                self.point = (finding.lat, finding.lon)
        wants_contact = cleaned.get("contact_email") or (cleaned.get("contact_name") or "").strip()
        if wants_contact and not cleaned.get("consent"):
            self.add_error("consent", _("We can keep your contact details only with your consent."))
        return cleaned


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=MessageStatus.choices)
    text = forms.CharField(
        label=_("Answer or message to the resident"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when answering. The resident reads it through their link and e-mail."),
    )
    department = forms.CharField(
        label=_("Forwarded to (department)"), max_length=200, required=False
    )


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    to = forms.ModelChoiceField(label=_("Give to"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True, role__in=NETWORK_ROLES
        ).order_by("full_name")


class MergeForm(forms.Form):
    into = forms.CharField(
        label=_("Reference of the main message"),
        max_length=20,
        help_text=_(
            "For example 2026-00042. This message is closed and its sender gets the main "
            "message's answers."
        ),
    )


class PublishForm(forms.Form):
    public_text = forms.CharField(
        label=_("Public summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Shown on the public map instead of the resident's own words: no names, e-mails, "
            "or anything else that identifies anyone."
        ),
    )
