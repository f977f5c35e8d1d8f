from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict, SubDistrict
from luotsi.web.admin_mixins import NoAddOrDeleteMixin, ReadOnlyMixin


class TerritoryAdmin(NoAddOrDeleteMixin, TranslationAdmin):
    """Names can be corrected here; boundaries and codes come from `load_city`/`import_city`,
    which validate them and keep the spatial index in step."""

    search_fields = ("code", "name")


@admin.register(City)
class CityAdmin(NoAddOrDeleteMixin, TranslationAdmin):
    list_display = ("name", "slug")
    readonly_fields = ("slug",)


@admin.register(MajorDistrict)
class MajorDistrictAdmin(TerritoryAdmin):
    list_display = ("number", "code", "name", "city")
    list_filter = ("city",)
    fields = ("city", "code", "number", "name")
    readonly_fields = ("code", "city", "number")


@admin.register(District)
class DistrictAdmin(TerritoryAdmin):
    list_display = ("code", "name", "major_district")
    list_filter = ("city", "major_district")
    fields = ("city", "code", "major_district", "name")
    readonly_fields = ("code", "city", "major_district")


@admin.register(SubDistrict)
class SubDistrictAdmin(TerritoryAdmin):
    list_display = ("code", "name", "district")
    list_filter = ("city", "district__major_district")
    fields = ("city", "code", "district", "name")
    readonly_fields = ("code", "city", "district")


@admin.register(DistrictStatistics)
class DistrictStatisticsAdmin(ReadOnlyMixin, admin.ModelAdmin[DistrictStatistics]):
    list_display = ("district", "year", "population")
    list_filter = ("year", "district__major_district")
    search_fields = ("district__name",)
