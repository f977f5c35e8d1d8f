"""The authorization matrix: every endpoint × every persona → the expected HTTP status.

`tests/test_authorization_matrix.py` requests each case as each persona and fails when an
endpoint of the project has no entry here (or an entry names an endpoint that no longer
exists). Every new view or API operation adds its line in the same commit.

Keys: a Django URL pattern's full route string, or "METHOD /api/v1/path" for API operations.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from luotsi.accounts.models import ApiToken, OfficerAssignment, User
from luotsi.accounts.services import api_token_create
from luotsi.areas.models import City, District, DistrictStatistics, MajorDistrict, SubDistrict
from luotsi.network.models import RelationshipType, Topic
from luotsi.privacy.models import AuditEvent
from luotsi.testing import events as ev
from luotsi.testing import network as net
from luotsi.testing.personas import Personas
from tests.authz_matrix_budgeting_coproduction import MATRIX as BUDGETING_COPRODUCTION_MATRIX
from tests.authz_matrix_budgeting_proposals import MATRIX as BUDGETING_PROPOSALS_MATRIX
from tests.authz_matrix_budgeting_results import MATRIX as BUDGETING_RESULTS_MATRIX
from tests.authz_matrix_budgeting_voting import MATRIX as BUDGETING_VOTING_MATRIX
from tests.authz_matrix_business import MATRIX as BUSINESS_MATRIX
from tests.authz_matrix_campaigns_feedback import MATRIX as CAMPAIGNS_FEEDBACK_MATRIX
from tests.authz_matrix_campaigns_running import MATRIX as CAMPAIGNS_RUNNING_MATRIX
from tests.authz_matrix_cases import MATRIX as CASES_MATRIX
from tests.authz_matrix_common import (
    ADMIN_ONLY,
    API_NETWORK,
    API_SIGNED_IN,
    API_SOUTH_PRIVATE,
    EVERYONE_OK,
    NETWORK,
    NETWORK_BAD_POST,
    SIGNED_IN_OK,
    SOUTH_PRIVATE,
    SOUTH_PRIVATE_POST,
    STAFF_OK,
    Case,
    admin_model,
    expect,
)
from tests.authz_matrix_concerns import MATRIX as CONCERNS_MATRIX
from tests.authz_matrix_insights import MATRIX as INSIGHTS_MATRIX
from tests.authz_matrix_materials import MATRIX as MATERIALS_MATRIX
from tests.authz_matrix_officehours import MATRIX as OFFICEHOURS_MATRIX
from tests.authz_matrix_open311 import MATRIX as OPEN311_MATRIX
from tests.authz_matrix_open_data import MATRIX as OPEN_DATA_MATRIX
from tests.authz_matrix_opportunities import MATRIX as OPPORTUNITIES_MATRIX
from tests.authz_matrix_privacy import MATRIX as PRIVACY_MATRIX
from tests.authz_matrix_programme_calculator import MATRIX as PROGRAMME_CALCULATOR_MATRIX
from tests.authz_matrix_programme_costs import MATRIX as PROGRAMME_COSTS_MATRIX
from tests.authz_matrix_programme_dashboard import MATRIX as PROGRAMME_DASHBOARD_MATRIX
from tests.authz_matrix_programme_report import MATRIX as PROGRAMME_REPORT_MATRIX
from tests.authz_matrix_programme_workplans import MATRIX as PROGRAMME_WORKPLANS_MATRIX
from tests.authz_matrix_security import MATRIX as SECURITY_MATRIX
from tests.authz_matrix_subscriptions import MATRIX as SUBSCRIPTIONS_MATRIX

# Events run by officer_south in the Southern district: its organisers, the district's
# officers and the coordinator manage it; others' requests are 404.
SOUTH_EVENT_POST_BAD = expect(
    404, anonymous=302, resident=403, official=403, officer_south=400, coordinator=400
)


def _draft(p: Personas) -> int:
    return ev.event(p, status="draft", published_at=None).pk


def _cost(p: Personas) -> int:
    from luotsi.events.models import EventCost

    return EventCost.objects.create(
        event=ev.event(p),
        category="catering",
        amount=50,
        status="committed",
        recorded_by=p.officer_south,
    ).pk


ADMIN_APPS = (
    "admin/^(?P<app_label>django_tasks_database|areas|accounts|otp_totp|axes|privacy|network|events"
    "|concerns|materials|budgeting)/$"
)


def _task_result(_: Personas) -> str:
    result = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="luotsi.example.task",
        backend_name="default",
        run_after=timezone.now(),
    )
    return str(result.pk)


def _assignment_of(person: User) -> int:
    return OfficerAssignment.objects.filter(officer=person).values_list("pk", flat=True)[0]


def _topic() -> Topic:
    return Topic.objects.get_or_create(
        slug="parks", defaults={"name": "Puistot", "name_fi": "Puistot"}
    )[0]


def _relationship_type() -> RelationshipType:
    return RelationshipType.objects.get_or_create(forward="chairs", backward="is chaired by")[0]


def _audit_event(p: Personas) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=p.coordinator, action="view", object_type="network.contact", object_id="1"
    )


def _token_of(user: User) -> ApiToken:
    return api_token_create(user=user, name="script")[0]


def _helsinki() -> City:
    return City.objects.get(slug="helsinki")


def _user_content_type(p: Personas) -> str:
    return f"/admin/r/{ContentType.objects.get_for_model(User).pk}/{p.resident.pk}/"


MATRIX: dict[str, list[Case]] = {
    # --- public pages and the signed-in shell ------------------------------------------------
    "": [Case("/", EVERYONE_OK)],
    "welcome/": [Case("/welcome/", expect(302))],
    "dashboard/": [Case("/dashboard/", STAFF_OK)],
    "i18n/setlang/": [
        Case("/i18n/setlang/", expect(302), method="POST", data={"language": "sv", "next": "/"}),
    ],
    # --- territory: public ---------------------------------------------------------------------
    "areas/": [
        Case("/areas/", EVERYONE_OK),
        Case("/areas/?address=Mannerheimintie+5", EVERYONE_OK),
        Case("/areas/?lat=60.17027&lon=24.95222", EVERYONE_OK),
        Case("/areas/?lat=59.0&lon=24.0", expect(404)),  # outside the city
        Case("/areas/?lat=north&lon=95", expect(400)),  # malformed coordinates
    ],
    "areas/suggest/": [Case("/areas/suggest/?address=manner", EVERYONE_OK)],
    "areas/<str:code>/": [
        Case("/areas/1/", EVERYONE_OK),
        Case("/areas/101/", EVERYONE_OK),
        Case("/areas/101/?year=1999", EVERYONE_OK),  # a year without data shows the latest
        Case("/areas/no-such-area/", expect(404)),
    ],
    "GET /api/v1/areas/": [Case("/api/v1/areas/", EVERYONE_OK)],
    "GET /api/v1/areas/locate": [
        Case("/api/v1/areas/locate?lat=60.17027&lon=24.95222", EVERYONE_OK),
        Case("/api/v1/areas/locate?address=Mannerheimvägen+5", EVERYONE_OK),
        Case("/api/v1/areas/locate?lat=59&lon=24", expect(404)),
        Case("/api/v1/areas/locate?lat=91&lon=24", expect(422)),
        Case("/api/v1/areas/locate", expect(422)),
    ],
    "GET /api/v1/areas/geojson": [
        Case("/api/v1/areas/geojson?level=major_district", EVERYONE_OK),
        Case("/api/v1/areas/geojson?level=galaxy", expect(422)),
    ],
    "GET /api/v1/areas/{code}": [
        Case("/api/v1/areas/101", EVERYONE_OK),
        Case("/api/v1/areas/nowhere", expect(404)),
    ],
    "GET /api/v1/areas/{code}/geojson": [
        Case("/api/v1/areas/7/geojson", EVERYONE_OK),
        Case("/api/v1/areas/nowhere/geojson", expect(404)),
    ],
    # --- network (the officer's memory): officers and the coordinator; private records are
    # 404 outside their district ---------------------------------------------------------------
    "network/": [Case("/network/", NETWORK)],
    "network/search/": [Case("/network/search/?q=Paula", NETWORK)],
    "network/organisations/": [Case("/network/organisations/?kind=school", NETWORK)],
    "network/organisations/new/": [
        Case("/network/organisations/new/", NETWORK),
        Case("/network/organisations/new/", NETWORK_BAD_POST, method="POST", data={"kind": "x"}),
    ],
    "network/organisations/<int:pk>/": [
        Case(lambda p: f"/network/organisations/{net.organisation(p).pk}/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/network/organisations/{net.organisation(p, visibility='shared').pk}/",
            NETWORK,
        ),
        Case(
            lambda p: "/network/organisations/{}/".format(
                net.organisation(p, kind="business", name="Kahvila Oy").pk
            ),
            expect(
                404,
                anonymous=302,
                resident=403,
                official=403,
                officer_south=200,
                business_officer=200,
                coordinator=200,
            ),
        ),
    ],
    "network/organisations/<int:pk>/edit/": [
        Case(lambda p: f"/network/organisations/{net.organisation(p).pk}/edit/", SOUTH_PRIVATE)
    ],
    "network/contacts/": [Case("/network/contacts/", NETWORK)],
    "network/contacts/new/": [
        Case("/network/contacts/new/", NETWORK),
        Case("/network/contacts/new/", NETWORK_BAD_POST, method="POST", data={"full_name": ""}),
    ],
    "network/contacts/<int:pk>/": [
        Case(lambda p: f"/network/contacts/{net.contact(p).pk}/", SOUTH_PRIVATE),
        Case(lambda p: f"/network/contacts/{net.contact(p, visibility='shared').pk}/", NETWORK),
    ],
    "network/contacts/<int:pk>/edit/": [
        Case(lambda p: f"/network/contacts/{net.contact(p).pk}/edit/", SOUTH_PRIVATE)
    ],
    "network/contacts/<int:pk>/erase/": [
        Case(lambda p: f"/network/contacts/{net.contact(p).pk}/erase/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/network/contacts/{net.contact(p).pk}/erase/",
            SOUTH_PRIVATE_POST,
            method="POST",
        ),
    ],
    "network/contacts/<int:pk>/merge/": [
        Case(lambda p: f"/network/contacts/{net.contact(p).pk}/merge/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/network/contacts/{net.contact(p).pk}/merge/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data=lambda p: {"duplicate": net.contact(p, "101", "Paula Duplicate").pk},
        ),
    ],
    "network/contacts/<int:pk>/affiliations/": [
        Case(
            lambda p: f"/network/contacts/{net.contact(p).pk}/affiliations/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data=lambda p: {"organisation": net.organisation(p).pk, "role": "chair"},
        ),
    ],
    "network/contacts/<int:pk>/relationships/": [
        Case(
            lambda p: f"/network/contacts/{net.contact(p).pk}/relationships/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data=lambda p: {
                "kind": _relationship_type().pk,
                "to_organisation": net.organisation(p).pk,
            },
        ),
    ],
    "network/imports/": [
        Case("/network/imports/", NETWORK),
        Case("/network/imports/", NETWORK_BAD_POST, method="POST", data={"lawful_basis": "?"}),
    ],
    "network/imports/<int:pk>/": [
        # An import is its uploader's own work in progress.
        Case(
            lambda p: f"/network/imports/{net.import_batch(p).pk}/",
            expect(404, anonymous=302, resident=403, official=403, officer_south=200),
        ),
    ],
    "network/export/<str:kind>.<str:fmt>": [
        Case("/network/export/contacts.csv", NETWORK),
        Case("/network/export/organisations.xlsx", NETWORK),
        Case("/network/export/secrets.csv", expect(404, anonymous=302, resident=403, official=403)),
    ],
    "network/interactions/new/": [
        Case("/network/interactions/new/", NETWORK),
        Case("/network/interactions/new/", NETWORK_BAD_POST, method="POST", data={"channel": "?"}),
    ],
    "network/commitments/": [Case("/network/commitments/", NETWORK)],
    "network/commitments/<int:pk>/close/": [
        Case(
            lambda p: f"/network/commitments/{net.commitment(p).pk}/close/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data={"status": "done"},
        ),
    ],
    "network/notes/": [Case("/network/notes/", NETWORK)],
    "network/notes/new/": [Case("/network/notes/new/", NETWORK)],
    "network/notes/<int:pk>/": [Case(lambda p: f"/network/notes/{net.note(p).pk}/", SOUTH_PRIVATE)],
    "network/notes/<int:pk>/edit/": [
        Case(lambda p: f"/network/notes/{net.note(p).pk}/edit/", SOUTH_PRIVATE)
    ],
    "network/districts/<str:code>/": [
        Case("/network/districts/101/", NETWORK),
        Case("/network/districts/999/", expect(404, anonymous=302, resident=403, official=403)),
    ],
    "network/handover/": [Case("/network/handover/", NETWORK)],
    "network/handover/<int:pk>/": [
        Case(lambda p: f"/network/handover/{_assignment_of(p.officer_south)}/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/network/handover/{_assignment_of(p.officer_south)}/",
            expect(
                404, anonymous=302, resident=403, official=403, officer_south=302, coordinator=302
            ),
            method="POST",
            data=lambda p: {"successor": p.officer_east.pk},
        ),
    ],
    "network/handover/<int:pk>/pdf/": [
        Case(lambda p: f"/network/handover/{_assignment_of(p.officer_south)}/pdf/", SOUTH_PRIVATE)
    ],
    "GET /api/v1/network/organisations": [Case("/api/v1/network/organisations", API_NETWORK)],
    "GET /api/v1/network/organisations/{pk}": [
        Case(lambda p: f"/api/v1/network/organisations/{net.organisation(p).pk}", API_SOUTH_PRIVATE)
    ],
    "GET /api/v1/network/contacts": [Case("/api/v1/network/contacts", API_NETWORK)],
    "GET /api/v1/network/contacts/{pk}": [
        Case(lambda p: f"/api/v1/network/contacts/{net.contact(p).pk}", API_SOUTH_PRIVATE)
    ],
    "GET /api/v1/network/interactions": [Case("/api/v1/network/interactions", API_NETWORK)],
    "POST /api/v1/network/interactions": [
        Case(
            "/api/v1/network/interactions",
            expect(201, anonymous=401, resident=403, official=403, officer_east=422),
            method="POST",
            json={
                "occurred_on": "2026-11-01",
                "channel": "call",
                "summary": "Phoned about the park",
                "district": "101",
            },
        ),
    ],
    "GET /api/v1/network/commitments": [Case("/api/v1/network/commitments", API_NETWORK)],
    # --- events: the public calendar and registration ------------------------------------------
    "events/": [
        Case("/events/?area=1&kind=cafe&language=sv&audience=seniors", EVERYONE_OK),
        Case("/events/?start=not-a-date", expect(400)),
    ],
    "events/<int:pk>/": [
        Case(lambda p: f"/events/{ev.event(p).pk}/", EVERYONE_OK),
        # A draft: only those who run it.
        Case(lambda p: f"/events/{_draft(p)}/", expect(404, officer_south=200, coordinator=200)),
    ],
    "events/<int:pk>/register/": [
        # Missing fields: the form again with its errors, for anyone.
        Case(lambda p: f"/events/{ev.event(p).pk}/register/", expect(400), method="POST"),
        Case(lambda p: f"/events/{ev.event(p).pk}/register/", expect(405)),
        Case(
            lambda p: f"/events/{_draft(p)}/register/",
            expect(404, officer_south=400, coordinator=400),
            method="POST",
        ),
    ],
    "events/<int:pk>/calendar.ics": [
        Case(lambda p: f"/events/{ev.event(p).pk}/calendar.ics", EVERYONE_OK),
        Case(
            lambda p: f"/events/{_draft(p)}/calendar.ics",
            expect(404, officer_south=200, coordinator=200),
        ),
    ],
    "events/calendar/<str:code>.ics": [
        Case("/events/calendar/1.ics", EVERYONE_OK),
        Case("/events/calendar/101.ics", EVERYONE_OK),
        Case("/events/calendar/all.ics", EVERYONE_OK),
        Case("/events/calendar/999.ics", expect(404)),
    ],
    # The personal link's token is the key: it works for whoever holds it, nothing else does.
    "events/registrations/<str:token>/": [
        Case(lambda p: f"/events/registrations/{ev.registration(ev.event(p)).token}/", EVERYONE_OK),
        Case("/events/registrations/not-a-token/", expect(404)),
    ],
    "events/registrations/<str:token>/cancel/": [
        Case(
            lambda p: f"/events/registrations/{ev.registration(ev.event(p)).token}/cancel/",
            expect(302),
            method="POST",
        ),
        Case("/events/registrations/not-a-token/cancel/", expect(404), method="POST"),
        Case("/events/registrations/not-a-token/cancel/", expect(405)),
    ],
    "GET /api/v1/events/": [
        Case("/api/v1/events/?division=kallio,1&language=sv&start=today", EVERYONE_OK),
        Case("/api/v1/events/?start=someday", expect(422)),
        Case("/api/v1/events/?page_size=1000", expect(422)),
    ],
    "GET /api/v1/events/{pk}": [
        Case(lambda p: f"/api/v1/events/{ev.event(p).pk}", EVERYONE_OK),
        Case(lambda p: f"/api/v1/events/{_draft(p)}", expect(404)),
    ],
    # --- events: officers' pages ----------------------------------------------------------------
    "events/manage/": [Case("/events/manage/", NETWORK)],
    "events/manage/new/": [
        Case("/events/manage/new/", NETWORK),
        Case("/events/manage/new/", NETWORK_BAD_POST, method="POST", data={"kind": "?"}),
    ],
    "events/manage/<int:pk>/": [
        Case(lambda p: f"/events/manage/{ev.event(p).pk}/", SOUTH_PRIVATE),
        # The business officer organises this one in the Southern district.
        Case(
            lambda p: f"/events/manage/{ev.event(p, organiser=p.business_officer).pk}/",
            expect(
                404,
                anonymous=302,
                resident=403,
                official=403,
                officer_south=200,
                business_officer=200,
                coordinator=200,
            ),
        ),
    ],
    "events/manage/<int:pk>/edit/": [
        Case(lambda p: f"/events/manage/{ev.event(p).pk}/edit/", SOUTH_PRIVATE),
        Case(
            lambda p: f"/events/manage/{ev.event(p).pk}/edit/",
            SOUTH_EVENT_POST_BAD,
            method="POST",
            data={"kind": "cafe"},
        ),
    ],
    "events/manage/<int:pk>/action/": [
        Case(
            lambda p: f"/events/manage/{ev.event(p).pk}/action/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data={"action": "nonsense"},
        ),
    ],
    "events/manage/<int:pk>/attendance/": [
        Case(lambda p: f"/events/manage/{ev.event(p).pk}/attendance/", SOUTH_PRIVATE),
    ],
    "events/manage/<int:pk>/costs/": [
        Case(
            lambda p: f"/events/manage/{ev.event(p).pk}/costs/",
            SOUTH_EVENT_POST_BAD,
            method="POST",
            data={"category": "catering", "amount": "-5", "status": "spent"},
        ),
    ],
    "events/manage/costs/<int:pk>/": [
        Case(
            lambda p: f"/events/manage/costs/{_cost(p)}/",
            SOUTH_PRIVATE_POST,
            method="POST",
            data={"action": "nonsense"},
        ),
    ],
    "events/budget/": [
        Case("/events/budget/?year=2026", NETWORK),
        # Only the coordinator sets allocations (here with a bad amount: the form again).
        Case(
            "/events/budget/",
            expect(403, anonymous=302, coordinator=400),
            method="POST",
            data={"major_district": "", "year": "2026", "allocated": "-1"},
        ),
    ],
    "events/venues/": [Case("/events/venues/?q=kirjasto", NETWORK)],
    "events/venues/new/": [
        Case("/events/venues/new/", NETWORK),
        Case("/events/venues/new/", NETWORK_BAD_POST, method="POST", data={"name_fi": ""}),
    ],
    "events/venues/<int:pk>/edit/": [
        Case(lambda p: f"/events/venues/{ev.venue().pk}/edit/", NETWORK),
        Case("/events/venues/0/edit/", expect(404, anonymous=302, resident=403, official=403)),
    ],
    # --- accounts ----------------------------------------------------------------------------
    "accounts/login/": [
        Case("/accounts/login/", expect(302, anonymous=200)),
        # A failed sign-in re-renders the form with its error, never a 500.
        Case(
            "/accounts/login/",
            expect(302, anonymous=200),
            method="POST",
            data={"username": "not-an-email", "password": ""},
        ),
    ],
    "accounts/logout/": [
        Case("/accounts/logout/", expect(405)),
        Case("/accounts/logout/", expect(302), method="POST"),
    ],
    "accounts/profile/": [
        Case("/accounts/profile/", SIGNED_IN_OK),
        Case(
            "/accounts/profile/",
            expect(400, anonymous=302),
            method="POST",
            data={"full_name": "x", "preferred_language": "xx"},
        ),
    ],
    "accounts/tokens/": [
        Case("/accounts/tokens/", STAFF_OK),
        Case(
            "/accounts/tokens/",
            expect(200, anonymous=302, resident=403),
            method="POST",
            data={"name": "Reporting script"},
        ),
        Case(
            "/accounts/tokens/",
            expect(400, anonymous=302, resident=403),
            method="POST",
            data={"name": ""},
        ),
    ],
    "accounts/tokens/<int:pk>/revoke/": [
        # A token is its owner's only: anyone else's revoke is 404.
        Case(
            lambda p: f"/accounts/tokens/{_token_of(p.officer_south).pk}/revoke/",
            expect(404, anonymous=302, officer_south=302),
            method="POST",
        ),
    ],
    "accounts/password/change/": [Case("/accounts/password/change/", SIGNED_IN_OK)],
    "accounts/password/change/done/": [Case("/accounts/password/change/done/", SIGNED_IN_OK)],
    "accounts/password/reset/": [
        Case("/accounts/password/reset/", EVERYONE_OK),
        Case(
            "/accounts/password/reset/",
            expect(302),
            method="POST",
            data={"email": "nobody@example.org"},
        ),
    ],
    "accounts/password/reset/sent/": [Case("/accounts/password/reset/sent/", EVERYONE_OK)],
    "accounts/password/reset/<uidb64>/<token>/": [
        Case("/accounts/password/reset/MQ/not-a-token/", EVERYONE_OK)
    ],
    "accounts/password/reset/complete/": [Case("/accounts/password/reset/complete/", EVERYONE_OK)],
    # --- API ---------------------------------------------------------------------------------
    "api/v1/": [Case("/api/v1/", expect(404))],
    "api/v1/openapi.json": [Case("/api/v1/openapi.json", EVERYONE_OK)],
    "api/v1/docs": [Case("/api/v1/docs", EVERYONE_OK)],
    "GET /api/v1/me": [Case("/api/v1/me", API_SIGNED_IN)],
    "PATCH /api/v1/me": [
        Case("/api/v1/me", API_SIGNED_IN, method="PATCH", json={"full_name": "Renamed"}),
        Case(
            "/api/v1/me",
            expect(422, anonymous=401),
            method="PATCH",
            json={"preferred_language": "klingon"},
        ),
    ],
    # --- Django admin (coordinator only) -------------------------------------------------------
    "admin/": [Case("/admin/", ADMIN_ONLY)],
    # Everyone signs in on Luotsi's own page (two-factor code, lockout); signed-in people
    # without admin access are refused rather than sent round in a loop.
    "admin/login/": [
        Case("/admin/login/", expect(403, anonymous=302, coordinator=302)),
        Case(
            "/admin/login/",
            expect(403, anonymous=302, coordinator=302),
            method="POST",
            data={"username": "coordinator@example.org", "password": "x"},
        ),
    ],
    "admin/logout/": [
        Case("/admin/logout/", expect(302, coordinator=405)),
        Case("/admin/logout/", expect(302), method="POST"),
    ],
    "admin/password_change/": [Case("/admin/password_change/", ADMIN_ONLY)],
    "admin/password_change/done/": [Case("/admin/password_change/done/", ADMIN_ONLY)],
    # Without its query parameters the autocomplete refuses even the coordinator.
    "admin/autocomplete/": [Case("/admin/autocomplete/", expect(302, coordinator=403))],
    "admin/jsi18n/": [Case("/admin/jsi18n/", ADMIN_ONLY)],
    # Users have no public page to "view on site".
    "admin/r/<path:content_type_id>/<path:object_id>/": [
        Case(_user_content_type, expect(302, coordinator=404))
    ],
    # The admin's app index: one pattern listing every app with a registered model.
    ADMIN_APPS: [
        Case("/admin/accounts/", ADMIN_ONLY),
        Case("/admin/areas/", ADMIN_ONLY),
        Case("/admin/concerns/", ADMIN_ONLY),
        Case("/admin/materials/", ADMIN_ONLY),
        Case("/admin/budgeting/", ADMIN_ONLY),
        Case("/admin/otp_totp/", ADMIN_ONLY),
        Case("/admin/axes/", ADMIN_ONLY),
    ],
    "admin/(?P<url>.*)$": [Case("/admin/no-such-page/", expect(302, coordinator=404))],
    "admin/accounts/user/<id>/password/": [
        Case(lambda p: f"/admin/accounts/user/{p.resident.pk}/password/", ADMIN_ONLY)
    ],
    **admin_model("accounts", "user", lambda p: p.resident.pk),
    **admin_model("accounts", "officerassignment", lambda p: _assignment_of(p.officer_south)),
    # The territory comes from load_city/import_city: names may be corrected, nothing added.
    **admin_model("areas", "city", lambda p: _helsinki().pk, read_only=True),
    **admin_model(
        "areas",
        "majordistrict",
        lambda p: MajorDistrict.objects.get(city=_helsinki(), number=1).pk,
        read_only=True,
    ),
    **admin_model(
        "areas",
        "district",
        lambda p: District.objects.get(city=_helsinki(), code="101").pk,
        read_only=True,
    ),
    **admin_model(
        "areas",
        "subdistrict",
        lambda p: SubDistrict.objects.get(city=_helsinki(), code="091392").pk,
        read_only=True,
    ),
    **admin_model(
        "areas",
        "districtstatistics",
        lambda p: DistrictStatistics.objects.get(district__code="101", year=2023).pk,
        read_only=True,
    ),
    **admin_model("network", "topic", lambda p: _topic().pk),
    **admin_model("events", "venue", lambda p: ev.venue().pk),
    **admin_model("network", "relationshiptype", lambda p: _relationship_type().pk),
    # The audit log is append-only: readable, never added to or changed by hand.
    **admin_model("privacy", "auditevent", lambda p: _audit_event(p).pk, read_only=True),
    # Task results are written by the task framework only.
    **admin_model("django_tasks_database", "dbtaskresult", _task_result, read_only=True),
    **CONCERNS_MATRIX,
    **CASES_MATRIX,
    **OPEN311_MATRIX,
    **BUSINESS_MATRIX,
    **CAMPAIGNS_RUNNING_MATRIX,
    **CAMPAIGNS_FEEDBACK_MATRIX,
    **OPPORTUNITIES_MATRIX,
    **OFFICEHOURS_MATRIX,
    **SUBSCRIPTIONS_MATRIX,
    **PRIVACY_MATRIX,
    **MATERIALS_MATRIX,
    **INSIGHTS_MATRIX,
    **OPEN_DATA_MATRIX,
    **SECURITY_MATRIX,
    **BUDGETING_PROPOSALS_MATRIX,
    **BUDGETING_VOTING_MATRIX,
    **BUDGETING_RESULTS_MATRIX,
    **BUDGETING_COPRODUCTION_MATRIX,
    **PROGRAMME_DASHBOARD_MATRIX,
    **PROGRAMME_COSTS_MATRIX,
    **PROGRAMME_WORKPLANS_MATRIX,
    **PROGRAMME_REPORT_MATRIX,
    **PROGRAMME_CALCULATOR_MATRIX,
}
