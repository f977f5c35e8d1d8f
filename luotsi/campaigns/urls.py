from django.urls import include, path

app_name = "campaigns"

# Two parts built side by side: running a campaign (area, targets, visits) and its feedback
# (the targets' form, letters, coverage and exports).
urlpatterns = [
    path("", include("luotsi.campaigns.urls_running")),
    path("", include("luotsi.campaigns.urls_feedback")),
]
