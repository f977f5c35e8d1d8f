"""Demo office hours for `make seed`: every current officer holds a weekly two-hour office
hour at a library or community venue of their area, with a profile text. Run after seed_demo."""

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from luotsi.accounts.models import AssignmentKind, OfficerAssignment
from luotsi.events.models import Venue
from luotsi.officehours import services
from luotsi.officehours.models import OfficeHours, OfficerProfile

COMMUNITY = Q(name__icontains="kirjasto") | Q(name__icontains="talo") | Q(name__icontains="library")


def seed_office_hours() -> dict[str, int]:
    if OfficeHours.objects.exists():
        return {}
    made = 0
    with transaction.atomic():
        for index, assignment in enumerate(
            OfficerAssignment.objects.current().select_related("officer").order_by("pk")
        ):
            officer = assignment.officer
            venues = Venue.objects.filter(is_active=True, district__isnull=False)
            if assignment.kind == AssignmentKind.DISTRICT:
                venues = venues.filter(
                    district__major_district__in=assignment.major_districts.all()
                )
            venue = venues.filter(COMMUNITY).order_by("pk").first() or venues.order_by("pk").first()
            if venue is None:
                continue
            profile, _created = OfficerProfile.objects.get_or_create(user=officer)
            profile.working_on_fi = "Demo: asukaskahvilat, OmaStadi-ideat ja alueen kaavoitus."
            profile.working_on_sv = "Demo: invånarkaféer, OmaStadi-idéer och planläggningen."
            profile.working_on_en = "Demo: residents' cafés, OmaStadi ideas and local planning."
            services.profile_save(profile=profile, by=officer)
            services.office_hours_save(
                hours=OfficeHours(
                    officer=officer,
                    venue=venue,
                    weekday=index % 5,
                    start=datetime.time(14 + index % 3, 0),
                    end=datetime.time(16 + index % 3, 0),
                    slot_minutes=30,
                    valid_from=timezone.localdate(),
                ),
                by=officer,
            )
            made += 1
    return {"officers with office hours": made}
