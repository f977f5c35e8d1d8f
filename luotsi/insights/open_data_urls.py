from django.urls import path

from luotsi.insights import open_data_views as views

app_name = "open_data"

urlpatterns = [
    path("", views.index, name="index"),
    path("dictionary/", views.dictionary_page, name="dictionary"),
    path("dictionary.json", views.dictionary_json, name="dictionary-json"),
    path("<slug:dataset>.csv", views.download_csv, name="csv"),
    path("<slug:dataset>.json", views.download_json, name="json"),
]
