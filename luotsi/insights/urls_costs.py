"""/programme/costs/…: the cost table (and its CSV), the year-over-year view, and the
coordinator's page for a year's cost assumptions and other costs."""

from django.urls import URLPattern, path

from luotsi.insights import views_costs

urlpatterns: list[URLPattern] = [
    path("", views_costs.costs, name="costs"),
    path("csv/", views_costs.costs_csv, name="costs_csv"),
    path("years/", views_costs.costs_years, name="costs_years"),
    path("<int:year>/", views_costs.costs_year, name="costs_year"),
    path("<int:year>/other/<int:pk>/remove/", views_costs.costs_remove, name="costs_remove"),
]
