"""Records that happen somewhere: one mixin gives a model its point and the areas around it.

    class Event(LocatedModel): ...

    event.place(lat=60.17, lon=24.95)      # in a service, before saving
    place_many(events)                      # many records, one vectorised lookup

The areas are derived from the point (never typed by hand), so lists and permissions can
filter by district without any spatial query.
"""

from collections.abc import Sequence
from typing import TypeVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from luotsi.areas.locate import NOWHERE, OutsideCity, default_city, index_for
from luotsi.areas.models import City, District, SubDistrict


class LocatedModel(models.Model):
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sub_district = models.ForeignKey(
        SubDistrict,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sub-district"),
        editable=False,
    )
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
        editable=False,
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="%(app_label)s_%(class)s_point_complete",
            ),
            models.CheckConstraint(
                condition=models.Q(district__isnull=False) | models.Q(sub_district__isnull=True),
                name="%(app_label)s_%(class)s_sub_district_has_district",
            ),
        ]

    def place(
        self,
        *,
        lat: float | None,
        lon: float | None,
        city: City | None = None,
        require_inside: bool = False,
    ) -> None:
        """Set the point and the areas containing it (None outside the city, or raise
        OutsideCity when `require_inside`). Does not save."""
        self.latitude, self.longitude = lat, lon
        if lat is None or lon is None:
            self.latitude = self.longitude = None
            self.sub_district_id = self.district_id = None
            return
        place_many([self], city=city, require_inside=require_inside)


Located = TypeVar("Located", bound=LocatedModel)


def place_many(
    records: Sequence[Located], *, city: City | None = None, require_inside: bool = False
) -> Sequence[Located]:
    """Fill the areas of many records from their latitude/longitude in one vectorised pass."""
    city = city or default_city()
    with_point = [r for r in records if r.latitude is not None and r.longitude is not None]
    found = index_for(city).locate_many(
        [float(r.longitude or 0) for r in with_point], [float(r.latitude or 0) for r in with_point]
    )
    if require_inside and (found.district == NOWHERE).any():
        raise OutsideCity(city)
    for record, sub_pk, district_pk in zip(
        with_point, found.sub_district, found.district, strict=True
    ):
        record.sub_district_id = int(sub_pk) if sub_pk != NOWHERE else None
        record.district_id = int(district_pk) if district_pk != NOWHERE else None
    return records
