from django.urls import path

from luotsi.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("districts/<str:code>/", views.district_detail, name="district"),
    path("gaps/", views.gaps_page, name="gaps"),
    path("export/representation.csv", views.representation_csv, name="export"),
    path("refresh/", views.refresh, name="refresh"),
]
