import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from luotsi.areas.models import City, MajorDistrict

pytestmark = pytest.mark.django_db


def test_loading_helsinki_gives_eight_trilingual_major_districts_and_is_repeatable():
    call_command("load_city", "helsinki", stdout=None)
    call_command("load_city", "helsinki", stdout=None)
    assert City.objects.count() == 1
    districts = MajorDistrict.objects.order_by("number")
    assert districts.count() == 8
    first = districts[0]
    assert (first.name_fi, first.name_sv, first.name_en) == (
        "Eteläinen suurpiiri",
        "Södra stordistriktet",
        "Southern major district",
    )


def test_another_city_loads_from_its_own_folder(tmp_path):
    (tmp_path / "city.json").write_text('{"name": {"fi": "Espoo", "sv": "Esbo"}}')
    (tmp_path / "major_districts.csv").write_text(
        "number,name_fi,name_sv,name_en\n1,Suur-Leppävaara,Stor-Alberga,\n"
    )
    call_command("load_city", "espoo", data_dir=tmp_path)
    district = MajorDistrict.objects.get(city__slug="espoo")
    assert district.name_sv == "Stor-Alberga"
    assert district.name_en is None


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("number,name_fi\n1,X\n", "missing column(s) name_en, name_sv"),
        ("number,name_fi,name_sv,name_en\none,X,Y,Z\n", "line 2: column number"),
        ("number,name_fi,name_sv,name_en\n1,,Y,Z\n", "line 2: column name_fi is empty"),
    ],
)
def test_a_malformed_file_is_refused_with_the_line_and_column_and_nothing_is_saved(
    tmp_path, csv, message
):
    (tmp_path / "city.json").write_text('{"name": {"fi": "Vantaa"}}')
    (tmp_path / "major_districts.csv").write_text(csv)
    with translation.override("en"), pytest.raises(CommandError, match=re.escape(message)):
        call_command("load_city", "vantaa", data_dir=tmp_path)
    assert not City.objects.filter(slug="vantaa").exists()
