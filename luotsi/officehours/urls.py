from django.urls import path

from luotsi.officehours import views

app_name = "officehours"

urlpatterns = [
    path("", views.officer_list, name="list"),
    path("me/", views.me, name="me"),
    path("me/day/", views.my_day, name="my-day"),
    path("appointments/<str:token>/", views.appointment_detail, name="appointment"),
    path("appointments/<str:token>/cancel/", views.appointment_cancel, name="appointment-cancel"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/book/", views.book, name="book"),
]
