from django.urls import path

from luotsi.opportunities import views

app_name = "opportunities"

urlpatterns = [
    path("", views.index, name="index"),
    path("manage/", views.manage_list, name="manage"),
    path("manage/new/", views.manage_new, name="new"),
    path("manage/<int:pk>/edit/", views.manage_edit, name="edit"),
    path("<str:code>.txt", views.area_text, name="area-text"),
    path("<str:code>/feed.atom", views.area_feed, name="area-feed"),
    path("<str:code>/", views.area, name="area"),
]
