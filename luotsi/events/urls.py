from django.urls import path

from luotsi.events.views import budget, feeds, manage, public, venues

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("<int:pk>/", public.event_detail, name="detail"),
    path("<int:pk>/register/", public.event_register, name="register"),
    path("<int:pk>/calendar.ics", feeds.event_ical, name="event-ical"),
    path("calendar/<str:code>.ics", feeds.area_ical, name="area-ical"),
    path("registrations/<str:token>/", public.registration_detail, name="registration"),
    path(
        "registrations/<str:token>/cancel/", public.registration_cancel, name="registration-cancel"
    ),
    path("manage/", manage.manage_list, name="manage"),
    path("manage/new/", manage.event_edit, name="new"),
    path("manage/<int:pk>/", manage.manage_detail, name="manage-detail"),
    path("manage/<int:pk>/edit/", manage.event_edit, name="edit"),
    path("manage/<int:pk>/action/", manage.event_action, name="action"),
    path("manage/<int:pk>/attendance/", manage.event_attendance, name="attendance"),
    path("manage/<int:pk>/costs/", manage.cost_add, name="cost-add"),
    path("manage/costs/<int:pk>/", manage.cost_action, name="cost-action"),
    path("budget/", budget.budget, name="budget"),
    path("venues/", venues.venue_list, name="venues"),
    path("venues/new/", venues.venue_edit, name="venue-new"),
    path("venues/<int:pk>/edit/", venues.venue_edit, name="venue-edit"),
]
