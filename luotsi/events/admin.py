from django.contrib import admin
from django.db import models
from modeltranslation.admin import TranslationAdmin

from luotsi.events.models import Venue


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    """Venues (officers keep them up to date on the events pages, too). Events themselves
    are run from the events pages, which apply the district rules and notify registrants."""

    list_display = ("name", "street_address", "district", "is_active")
    list_filter = ("is_active", "district__major_district")
    search_fields = ("name", "street_address")
    readonly_fields = ("latitude", "longitude", "source", "source_id")
    # A web address typed without a scheme is taken to be https (Django 6's default too).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
