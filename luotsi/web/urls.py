from django.urls import path

from luotsi.web.views import pages

app_name = "web"

urlpatterns = [
    path("", pages.home, name="home"),
    path("welcome/", pages.after_login, name="after-login"),
    path("dashboard/", pages.dashboard, name="dashboard"),
]
