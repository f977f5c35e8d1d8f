from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from luotsi.network.models import RelationshipType, Topic


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    """The shared topic taxonomy. People and organisations are managed in the network pages,
    which apply the district permissions and write the audit log."""

    list_display = ("name", "parent", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name_fi",)}


@admin.register(RelationshipType)
class RelationshipTypeAdmin(TranslationAdmin):
    list_display = ("forward", "backward")
