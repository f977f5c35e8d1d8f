"""The coordinator's admin for the concerns app: one ModelAdmin class per model.

Messages and conflict cases are handled in Luotsi's own pages, which apply the district
permissions and keep the history; the admin holds only what has no page of its own.
"""

from typing import Any

from django.contrib import admin, messages
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext as _

from luotsi.concerns.models import ApiKey
from luotsi.concerns.open311.keys import api_key_save_new


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin[ApiKey]):
    """Issuing asks only the client's name; the key is generated and shown once. A key is
    never edited afterwards (it would change under the client): it can only be switched off,
    or deleted (the messages it sent stay)."""

    list_display = ("name", "prefix", "is_active", "created_at", "last_used_at")
    list_filter = ("is_active",)
    search_fields = ("name", "prefix")

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return ("name",)
        return ("name", "prefix", "is_active", "created_at", "last_used_at")

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> Any:
        if obj is None:
            return ()
        return ("name", "prefix", "created_at", "last_used_at")

    def save_model(
        self, request: HttpRequest, obj: ApiKey, form: ModelForm[ApiKey], change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        raw = api_key_save_new(obj)
        self.message_user(
            request,
            _(
                "The API key of %(name)s is %(key)s — copy it now and give it to the client: "
                "it will not be shown again."
            )
            % {"name": obj.name, "key": raw},
            messages.WARNING,
        )
