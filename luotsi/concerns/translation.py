from modeltranslation.translator import TranslationOptions, register

from luotsi.concerns.models import Service, ServiceAttribute


@register(Service)
class ServiceTranslationOptions(TranslationOptions):
    fields = ("name", "description", "group")


@register(ServiceAttribute)
class ServiceAttributeTranslationOptions(TranslationOptions):
    fields = ("description",)
