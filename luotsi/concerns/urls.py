from django.urls import include, path

app_name = "concerns"

urlpatterns = [
    path("cases/", include("luotsi.concerns.case_urls")),
]
