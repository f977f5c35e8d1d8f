from modeltranslation.translator import TranslationOptions, register

from luotsi.campaigns.models import Campaign, Question


@register(Campaign)
class CampaignTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
