from modeltranslation.translator import TranslationOptions, register

from luotsi.network.models import Organisation, RelationshipType, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(RelationshipType)
class RelationshipTypeTranslationOptions(TranslationOptions):
    fields = ("forward", "backward")
