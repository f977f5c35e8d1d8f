from django.urls import path

from luotsi.campaigns.views import running

urlpatterns = [
    path("", running.campaign_list, name="list"),
    path("new/", running.campaign_edit, name="new"),
    path("<int:pk>/", running.campaign_detail, name="detail"),
    path("<int:pk>/edit/", running.campaign_edit, name="edit"),
    path("<int:pk>/status/", running.campaign_status, name="status"),
    path("<int:pk>/targets/add/", running.target_add, name="target-add"),
    path("<int:pk>/targets/contact/", running.target_contact, name="target-contact"),
    path("targets/<int:pk>/remove/", running.target_remove, name="target-remove"),
    path("<int:pk>/walking-list/", running.walking_list, name="walking-list"),
]
