"""The programme design calculator (/programme/calculator/)."""

from django.urls import URLPattern, path

from luotsi.insights import views_calculator as views

urlpatterns: list[URLPattern] = [
    path("", views.calculator_page, name="calculator"),
]
