from django.urls import include, path

from luotsi.concerns.views import public, queue

app_name = "concerns"

urlpatterns = [
    path("new/", public.message_new, name="new"),
    path("m/<str:token>/", public.message_status, name="status"),
    path("public/", public.public_list, name="public"),
    path("areas/<str:code>/", public.area_view, name="area"),
    path("queue/", queue.queue, name="queue"),
    path("<int:pk>/", queue.message_detail, name="message-detail"),
    path("<int:pk>/action/", queue.message_action, name="message-action"),
    path("photos/<int:pk>/", queue.photo, name="photo"),
    path("cases/", include("luotsi.concerns.case_urls")),
]
