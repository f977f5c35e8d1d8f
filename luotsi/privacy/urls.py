from django.urls import path

from luotsi.privacy import audit_views, erasure_views, export_views, views

app_name = "privacy"

urlpatterns = [
    path("records/", views.records, name="records"),
    path("export/", export_views.export_own, name="export"),
    path("export/ready/", export_views.export_ready, name="export-ready"),
    path("export/<str:token>/", export_views.export_download, name="export-download"),
    path("subject/", export_views.subject, name="subject"),
    path("subject/erase/", erasure_views.subject_erase, name="subject-erase"),
    path("erase/", erasure_views.erase_own, name="erase"),
    path("erase/done/", erasure_views.erase_done, name="erase-done"),
    path("audit/", audit_views.audit_search, name="audit"),
    path("audit/export.csv", audit_views.audit_export, name="audit-export"),
]
