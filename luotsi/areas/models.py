"""The territory: city → major district (suurpiiri) → district (peruspiiri) → sub-district
(osa-alue), each with a code, translated names and a GeoJSON boundary in WGS84 (lon, lat).

Geometry is stored as GeoJSON in a JSON column (no GIS database needed); shapely does the
spatial work in-process (see locate.py). `City.areas_revision` changes with every write to the
territory, so each process knows when to rebuild its spatial index.
"""

import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class City(models.Model):
    slug = models.SlugField(_("identifier"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    attribution = models.CharField(
        _("data attribution"),
        max_length=300,
        blank=True,
        help_text=_("Credit required by the licences of the city's data, shown on every page."),
    )
    # A new random value on every territory import: processes compare it with the one their
    # spatial index was built from (a counter could repeat after a city is re-created).
    areas_revision = models.UUIDField(
        _("revision of the areas"), default=uuid.uuid4, editable=False
    )

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


class AreaLevel(models.TextChoices):
    MAJOR_DISTRICT = "major_district", _("major district")
    DISTRICT = "district", _("district")
    SUB_DISTRICT = "sub_district", _("sub-district")


class Area(models.Model):
    """What every level of the territory has. Codes are unique within a city across levels."""

    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=100)
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True, editable=False)
    geometry_simplified = models.JSONField(
        _("simplified boundary for maps (GeoJSON)"), null=True, blank=True, editable=False
    )

    level: ClassVar[AreaLevel]

    if TYPE_CHECKING:  # columns added by modeltranslation (translation.py)
        name_fi: str | None
        name_sv: str | None
        name_en: str | None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def boundary_feature(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "properties": {"code": self.code, "name": self.name, "level": self.level},
            "geometry": self.geometry_simplified or self.geometry,
        }


class MajorDistrict(Area):
    """A major district (suurpiiri, ~120,000 residents in Helsinki), served by one officer."""

    level = AreaLevel.MAJOR_DISTRICT
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="major_districts", verbose_name=_("city")
    )
    number = models.PositiveSmallIntegerField(_("number"))

    objects: ClassVar[models.Manager["MajorDistrict"]] = models.Manager()

    class Meta:
        verbose_name = _("major district")
        verbose_name_plural = _("major districts")
        ordering = ["city", "number"]
        constraints = [
            models.UniqueConstraint(fields=["city", "number"], name="areas_major_district_unique"),
            models.UniqueConstraint(fields=["city", "code"], name="areas_major_district_code"),
        ]


class District(Area):
    """A district (peruspiiri, 15,000–20,000 residents): the neighbourhood level."""

    level = AreaLevel.DISTRICT
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="districts", verbose_name=_("city")
    )
    major_district = models.ForeignKey(
        MajorDistrict,
        on_delete=models.PROTECT,
        related_name="districts",
        verbose_name=_("major district"),
    )

    objects: ClassVar[models.Manager["District"]] = models.Manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["city", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="areas_district_code"),
        ]


class SubDistrict(Area):
    level = AreaLevel.SUB_DISTRICT
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="sub_districts", verbose_name=_("city")
    )
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="sub_districts", verbose_name=_("district")
    )

    objects: ClassVar[models.Manager["SubDistrict"]] = models.Manager()

    class Meta:
        verbose_name = _("sub-district")
        verbose_name_plural = _("sub-districts")
        ordering = ["city", "code"]
        constraints = [
            models.UniqueConstraint(fields=["city", "code"], name="areas_sub_district_code"),
        ]


class DistrictStatistics(models.Model):
    """Population of a district in one year. Shares are fractions of the population (0–1);
    head counts are population × share. Major districts add up their districts."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("district")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    population = models.PositiveIntegerField(_("population"))
    share_finnish_sami = models.FloatField(_("Finnish or Sami speakers"), null=True, blank=True)
    share_swedish = models.FloatField(_("Swedish speakers"), null=True, blank=True)
    share_foreign = models.FloatField(_("speakers of other languages"), null=True, blank=True)
    share_age_0_14 = models.FloatField(_("aged 0–14"), null=True, blank=True)
    share_age_15_64 = models.FloatField(_("aged 15–64"), null=True, blank=True)
    share_age_65_plus = models.FloatField(_("aged 65 or over"), null=True, blank=True)

    SHARE_FIELDS: ClassVar[tuple[str, ...]] = (
        "share_finnish_sami",
        "share_swedish",
        "share_foreign",
        "share_age_0_14",
        "share_age_15_64",
        "share_age_65_plus",
    )

    class Meta:
        verbose_name = _("district statistics")
        verbose_name_plural = _("district statistics")
        ordering = ["district", "year"]
        constraints = [
            models.UniqueConstraint(fields=["district", "year"], name="areas_statistics_year"),
            *[
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__isnull": True})
                    | models.Q(**{f"{field}__gte": 0, f"{field}__lte": 1}),
                    name=f"areas_statistics_{field}_fraction",
                )
                for field in (
                    "share_finnish_sami",
                    "share_swedish",
                    "share_foreign",
                    "share_age_0_14",
                    "share_age_15_64",
                    "share_age_65_plus",
                )
            ],
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year}"
