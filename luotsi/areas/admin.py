from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from luotsi.areas.models import City, MajorDistrict


@admin.register(City)
class CityAdmin(TranslationAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(MajorDistrict)
class MajorDistrictAdmin(TranslationAdmin):
    list_display = ("number", "name", "city")
    list_filter = ("city",)
    search_fields = ("name",)
