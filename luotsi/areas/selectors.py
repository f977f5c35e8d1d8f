from django.db.models import QuerySet

from luotsi.areas.models import MajorDistrict


def major_districts_list() -> QuerySet[MajorDistrict]:
    """All major districts, in their official order. They are public reference data."""
    return MajorDistrict.objects.select_related("city").order_by("city__name", "number")
