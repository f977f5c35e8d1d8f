from django.urls import path

from luotsi.areas import views

app_name = "areas"

urlpatterns = [
    path("", views.find_officer, name="find"),
    path("suggest/", views.suggest, name="suggest"),
    path("<str:code>/", views.area_detail, name="detail"),
]
