"""Ways to take part for tests: by default a hearing in Vironniemi (101, Southern major
district), open now and closing in a week, with materials in Finnish and Swedish."""

import datetime
from typing import Any

from django.utils import timezone

from luotsi.areas.models import District, MajorDistrict
from luotsi.opportunities.models import Opportunity, OpportunityKind


def opportunity(
    *,
    district_codes: tuple[str, ...] = ("101",),
    major_numbers: tuple[int, ...] = (),
    topics: tuple[Any, ...] = (),
    **fields: Any,
) -> Opportunity:
    now = timezone.now()
    values: dict[str, Any] = {
        "kind": OpportunityKind.HEARING,
        "title": "Kuuleminen",
        "title_fi": "Puiston kuuleminen",
        "title_sv": "Hörande om parken",
        "title_en": "Hearing on the park",
        "summary_fi": "Kerro mielipiteesi.",
        "summary_en": "Tell us what you think.",
        "opens_at": now - datetime.timedelta(days=1),
        "deadline": now + datetime.timedelta(days=7),
        "link": "https://kerrokantasi.example.org/park",
        "material_languages": "fi,sv",
    }
    values.update(fields)
    created = Opportunity.objects.create(**values)
    created.districts.set(District.objects.filter(code__in=district_codes))
    created.major_districts.set(MajorDistrict.objects.filter(number__in=major_numbers))
    created.topics.set(topics)
    return created
