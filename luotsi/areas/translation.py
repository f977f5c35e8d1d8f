from modeltranslation.translator import TranslationOptions, register

from luotsi.areas.models import City, District, MajorDistrict, SubDistrict


@register(City)
class CityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(MajorDistrict)
class MajorDistrictTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(District)
class DistrictTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SubDistrict)
class SubDistrictTranslationOptions(TranslationOptions):
    fields = ("name",)
