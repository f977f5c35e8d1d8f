"""The coordinator's admin for materials, for corrections. Versions and their files are
made on the materials pages, which check file types and sizes (here they are read-only);
deletions here go through the same service, so they are audited and the files removed."""

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from luotsi.accounts.models import User
from luotsi.materials import services
from luotsi.materials.models import Item, Variant


class VariantInline(admin.TabularInline[Variant, Item]):
    model = Variant
    extra = 0
    can_delete = False
    fields = ("language", "format", "status", "reviewed_on", "file", "updated_by", "updated_at")
    readonly_fields = ("language", "format", "file", "updated_by", "updated_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(TranslationAdmin):
    list_display = ("title", "district", "public", "owner", "updated_at")
    list_filter = ("public", "district__major_district")
    search_fields = ("title",)
    readonly_fields = ("event", "campaign", "conflict_case", "pb_plan", "created_at", "updated_at")
    raw_id_fields = ("owner",)
    inlines = [VariantInline]

    def delete_model(self, request: HttpRequest, obj: Item) -> None:
        services.item_delete(item=obj, by=cast(User, request.user))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Item]) -> None:
        for item in queryset:
            services.item_delete(item=item, by=cast(User, request.user))
