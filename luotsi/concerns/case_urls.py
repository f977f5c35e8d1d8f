"""Conflict cases, included at /concerns/cases/ in the `concerns` namespace."""

from django.urls import path

from luotsi.concerns.views import cases

urlpatterns = [
    path("", cases.case_list, name="case-list"),
    path("new/", cases.case_edit, name="case-new"),
    path("<int:pk>/", cases.case_detail, name="case-detail"),
    path("<int:pk>/edit/", cases.case_edit, name="case-edit"),
    path("<int:pk>/stakeholders/", cases.stakeholder_add, name="case-stakeholder-add"),
    path(
        "<int:pk>/stakeholders/<int:stakeholder_pk>/",
        cases.stakeholder_edit,
        name="case-stakeholder-edit",
    ),
    path(
        "<int:pk>/stakeholders/remove/",
        cases.stakeholder_remove,
        name="case-stakeholder-remove",
    ),
    path("<int:pk>/steps/", cases.step_add, name="case-step-add"),
    path("<int:pk>/messages/", cases.message_link, name="case-message-link"),
    path("<int:pk>/messages/unlink/", cases.message_unlink, name="case-message-unlink"),
    path("<int:pk>/meetings/", cases.meeting_link, name="case-meeting-link"),
    path("<int:pk>/meetings/unlink/", cases.meeting_unlink, name="case-meeting-unlink"),
    path("<int:pk>/map/", cases.case_map, name="case-map"),
    path("<int:pk>/summary/", cases.case_summary, name="case-summary"),
    path("<int:pk>/summary.pdf", cases.case_summary_pdf, name="case-summary-pdf"),
]
