from modeltranslation.translator import TranslationOptions, register

from luotsi.areas.models import City, MajorDistrict


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(MajorDistrict)
class MajorDistrictTranslationOptions(TranslationOptions):
    fields = ("name",)
