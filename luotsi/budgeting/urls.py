from django.urls import include, path

app_name = "budgeting"

# Parts of the cycle built side by side, each with its own URL module: the cycle and
# residents' proposals and plans, voting, results, and the co-production phase.
urlpatterns = [
    path("", include("luotsi.budgeting.urls_proposals")),
    path("", include("luotsi.budgeting.urls_voting")),
    path("", include("luotsi.budgeting.urls_results")),
    path("", include("luotsi.budgeting.urls_coproduction")),
]
