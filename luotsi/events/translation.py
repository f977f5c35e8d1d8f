from modeltranslation.translator import TranslationOptions, register

from luotsi.events.models import Event, Venue


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "accessibility_notes")


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
