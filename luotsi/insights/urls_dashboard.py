"""/programme/: the coordinator's dashboard, a major district's drill-down and the team's
calendar."""

from django.urls import URLPattern, path

from luotsi.insights import views_dashboard

urlpatterns: list[URLPattern] = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("districts/<str:code>/", views_dashboard.dashboard_district, name="dashboard_district"),
    path("calendar/", views_dashboard.calendar, name="calendar"),
]
