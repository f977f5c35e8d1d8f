from django.urls import path

from luotsi.materials.views import manage, public

app_name = "materials"

urlpatterns = [
    path("<int:pk>/", public.item_public, name="public"),
    path("files/<int:pk>/", public.variant_file, name="file"),
    path("manage/", manage.item_list, name="list"),
    path("manage/new/", manage.item_edit, name="new"),
    path("manage/<int:pk>/", manage.item_detail, name="item"),
    path("manage/<int:pk>/edit/", manage.item_edit, name="edit"),
    path("manage/<int:pk>/delete/", manage.item_delete, name="delete"),
    path("manage/<int:pk>/needs/", manage.item_declare, name="declare"),
    path("manage/versions/<int:pk>/", manage.variant_edit, name="variant"),
    path("manage/versions/<int:pk>/status/", manage.variant_status, name="variant-status"),
    path("manage/versions/<int:pk>/delete/", manage.variant_delete, name="variant-delete"),
    path("manage/for/<str:kind>/<int:pk>/", manage.linked_items, name="linked"),
]
