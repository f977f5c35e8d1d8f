"""Authorization matrix entries for officer profiles and office hours (merged into
tests/authz_matrix.MATRIX).

Profiles are public for people with a current officer assignment (officer_south); anyone
else's (the resident's) is 404 for everybody. Appointment pages are reached by their private
token only. The officer's own pages: officers and the coordinator; officials and residents
403; anonymous visitors sign in.
"""

from luotsi.officehours import services
from luotsi.officehours.models import Appointment
from luotsi.testing import officehours as oh
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, Case, expect

OFFICER_PAGE = expect(200, anonymous=302, resident=403, official=403)
OFFICER_BAD_POST = expect(400, anonymous=302, resident=403, official=403)


def _appointment(p: Personas) -> Appointment:
    """One booked appointment with officer_south (the same one on every call)."""
    existing = Appointment.objects.filter(officer=p.officer_south).first()
    if existing is not None:
        return existing
    hours = oh.office_hours(p.officer_south)
    return services.appointment_book(
        officer=p.officer_south,
        starts_at=oh.at(oh.next_weekday(hours.weekday), 10),
        name="Aino Asukas",
        email="aino@example.org",
        language="fi",
    )


MATRIX: dict[str, list[Case]] = {
    "officers/": [Case("/officers/", EVERYONE_OK)],
    "officers/<int:pk>/": [
        Case(lambda p: f"/officers/{p.officer_south.pk}/", EVERYONE_OK),
        Case(lambda p: f"/officers/{p.resident.pk}/", expect(404)),
        Case("/officers/999999/", expect(404)),
    ],
    "officers/<int:pk>/book/": [
        Case(lambda p: f"/officers/{p.officer_south.pk}/book/", expect(400), method="POST"),
        Case(lambda p: f"/officers/{p.resident.pk}/book/", expect(404), method="POST"),
    ],
    "officers/appointments/<str:token>/": [
        Case(lambda p: f"/officers/appointments/{_appointment(p).token}/", EVERYONE_OK),
        Case("/officers/appointments/not-a-token/", expect(404)),
    ],
    "officers/appointments/<str:token>/cancel/": [
        # The first request cancels; the later ones are told it already is: both redirect.
        Case(
            lambda p: f"/officers/appointments/{_appointment(p).token}/cancel/",
            expect(302),
            method="POST",
        ),
        Case("/officers/appointments/not-a-token/cancel/", expect(404), method="POST"),
    ],
    "officers/me/": [
        Case("/officers/me/", OFFICER_PAGE),
        Case("/officers/me/", OFFICER_BAD_POST, method="POST", data={"action": "hours"}),
    ],
    "officers/me/day/": [
        Case("/officers/me/day/", OFFICER_PAGE),
        Case("/officers/me/day/?date=nonsense", OFFICER_BAD_POST),
    ],
}
