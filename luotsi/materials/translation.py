from modeltranslation.translator import TranslationOptions, register

from luotsi.materials.models import Item


@register(Item)
class ItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
