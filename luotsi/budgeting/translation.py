from modeltranslation.translator import TranslationOptions, register

from luotsi.budgeting.models import Cycle, Plan, StatusUpdate


@register(Cycle)
class CycleTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Plan)
class PlanTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(StatusUpdate)
class StatusUpdateTranslationOptions(TranslationOptions):
    fields = ("text",)
