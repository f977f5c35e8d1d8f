from django.urls import path

from luotsi.privacy import views

app_name = "privacy"

urlpatterns = [
    path("records/", views.records, name="records"),
]
