"""The territory: a city and its major districts (suurpiirit).

Districts (peruspiirit), sub-districts and boundaries come with the territory issue; an
officer assignment already needs the major districts.
"""

from typing import TYPE_CHECKING, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    slug = models.SlugField(_("identifier"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)

    # modeltranslation swaps in its multilingual manager at start-up; declared for mypy.
    objects: ClassVar[models.Manager["City"]] = models.Manager()

    if TYPE_CHECKING:  # columns added by modeltranslation (translation.py)
        name_fi: str | None
        name_sv: str | None
        name_en: str | None

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MajorDistrict(models.Model):
    """A major district (suurpiiri, ~120,000 residents in Helsinki), served by one officer."""

    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="major_districts", verbose_name=_("city")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)

    objects: ClassVar[models.Manager["MajorDistrict"]] = models.Manager()

    if TYPE_CHECKING:  # columns added by modeltranslation (translation.py)
        name_fi: str | None
        name_sv: str | None
        name_en: str | None

    class Meta:
        verbose_name = _("major district")
        verbose_name_plural = _("major districts")
        ordering = ["city", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="areas_major_district_unique"),
        ]

    def __str__(self) -> str:
        return self.name
