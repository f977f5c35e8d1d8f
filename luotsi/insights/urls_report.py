from django.urls import path

from luotsi.insights import views_report

# The annual report (issue 12, part 3): the form, the report as a page and as a PDF.
urlpatterns = [
    path("", views_report.report_form, name="report"),
    path("view/", views_report.report_html, name="report_view"),
    path("pdf/", views_report.report_pdf, name="report_pdf"),
]
