from django.urls import path

from luotsi.concerns.open311 import views

app_name = "open311"

# Open311 GeoReport v2: each resource ends in its format, .json or .xml (others are 404).
urlpatterns = [
    path("openapi.json", views.openapi_document, name="openapi"),
    path("discovery.<str:fmt>", views.discovery, name="discovery"),
    path("services.<str:fmt>", views.services, name="services"),
    path("services/<str:service_code>.<str:fmt>", views.service_definition, name="service"),
    path("requests.<str:fmt>", views.service_requests, name="requests"),
    path("requests/<str:service_request_id>.<str:fmt>", views.service_request, name="request"),
    path("tokens/<str:token>.<str:fmt>", views.token, name="token"),
]
