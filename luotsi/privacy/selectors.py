"""Reads for the privacy app: the records of processing (GDPR art. 30), from the declarations."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from luotsi.areas.models import City
from luotsi.privacy.retention import Declaration, declarations, humanise_days


@dataclass(frozen=True)
class ProcessingRecord:
    declaration: Declaration
    retention: str

    @property
    def key(self) -> str:
        return self.declaration.key


def controller_name() -> str:
    """The city running this installation: the data controller."""
    city = City.objects.filter(slug=settings.LUOTSI_CITY).first()
    return city.name if city is not None else settings.LUOTSI_CITY.title()


def retention_text(declaration: Declaration) -> str:
    """The retention period in words, from the setting in force ("2 years after …")."""
    days = declaration.retention_days
    parts = []
    if days is not None:
        start = f" {declaration.retention_start}" if declaration.retention_start else ""
        parts.append(humanise_days(days) + start + ".")
    if declaration.retention_note:
        parts.append(str(declaration.retention_note))
    return " ".join(parts) or _("As long as the purpose requires.")


def processing_records() -> list[ProcessingRecord]:
    return [ProcessingRecord(d, retention_text(d)) for d in declarations()]
