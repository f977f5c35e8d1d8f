from django.urls import include, path

app_name = "programme"

# The coordinator's view of the programme (issue 12), built side by side, each part with its
# own URL module: the dashboard, costs, officers' work plans, the annual report and the
# programme design calculator.
urlpatterns = [
    path("", include("luotsi.insights.urls_dashboard")),
    path("costs/", include("luotsi.insights.urls_costs")),
    path("work-plans/", include("luotsi.insights.urls_workplans")),
    path("report/", include("luotsi.insights.urls_report")),
    path("calculator/", include("luotsi.insights.urls_calculator")),
]
