import pytest
from django.db import IntegrityError, transaction

from luotsi.areas.locate import OutsideCity
from luotsi.areas.located import place_many
from tests.located_app.models import Landmark

pytestmark = pytest.mark.django_db


def test_placing_a_record_fills_its_district_and_sub_district():
    cathedral = Landmark(name="Tuomiokirkko")
    cathedral.place(lat=60.17027, lon=24.95222)
    cathedral.save()
    cathedral.refresh_from_db()
    assert cathedral.district is not None
    assert cathedral.district.name_fi == "Vironniemi"
    assert cathedral.sub_district is not None
    assert cathedral.sub_district.district == cathedral.district


def test_many_records_are_placed_in_one_pass():
    landmarks = [
        Landmark(name="Tuomiokirkko", latitude=60.17027, longitude=24.95222),
        Landmark(name="Vuosaaren metroasema", latitude=60.20775, longitude=25.14357),
        Landmark(name="Tallinna", latitude=59.437, longitude=24.7536),
        Landmark(name="Ei paikkaa"),
    ]
    place_many(landmarks)
    Landmark.objects.bulk_create(landmarks)
    districts = {
        landmark.name: landmark.district.name_fi if landmark.district else None
        for landmark in Landmark.objects.select_related("district")
    }
    assert districts == {
        "Tuomiokirkko": "Vironniemi",
        "Vuosaaren metroasema": "Vuosaari",
        "Tallinna": None,
        "Ei paikkaa": None,
    }


def test_a_service_can_require_the_point_to_be_inside_the_city():
    tallinn = Landmark(name="Tallinna")
    with pytest.raises(OutsideCity):
        tallinn.place(lat=59.437, lon=24.7536, require_inside=True)


def test_clearing_the_point_clears_the_areas():
    landmark = Landmark(name="Muuttuva")
    landmark.place(lat=60.17027, lon=24.95222)
    landmark.place(lat=None, lon=None)
    assert (landmark.latitude, landmark.district_id, landmark.sub_district_id) == (None, None, None)


def test_the_database_refuses_half_a_point():
    with pytest.raises(IntegrityError), transaction.atomic():
        Landmark.objects.create(name="Puolikas", latitude=60.17)


def test_the_database_refuses_a_sub_district_without_its_district():
    landmark = Landmark(name="Ristiriita")
    landmark.place(lat=60.17027, lon=24.95222)
    landmark.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Landmark.objects.filter(pk=landmark.pk).update(district=None)
    assert landmark.district_id is not None
