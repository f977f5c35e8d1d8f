from modeltranslation.translator import TranslationOptions, register

from luotsi.opportunities.models import Opportunity


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
