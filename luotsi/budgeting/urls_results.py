from django.urls import path

from luotsi.budgeting.views import results

# The count page comes before the area pages: "count" is no area's key.
urlpatterns: list = [
    path("<slug:cycle>/results/", results.results_index, name="results"),
    path("<slug:cycle>/results/count/", results.results_manage, name="results-manage"),
    path("<slug:cycle>/results/<slug:area>.pb", results.results_pabulib, name="results-pabulib"),
    path("<slug:cycle>/results/<slug:area>/", results.results_area, name="results-area"),
]
