"""The feedback part of a campaign (included under "campaigns/" in the `campaigns` namespace)."""

from django.urls import path

from luotsi.campaigns.views import feedback as views

urlpatterns = [
    path("f/<str:token>/", views.feedback, name="feedback"),
    path("<int:pk>/letters/", views.letters, name="letters"),
    path("<int:pk>/letters/<int:target_pk>/", views.letter, name="letter"),
    path("<int:pk>/letters.pdf", views.letters_pdf, name="letters-pdf"),
    path("<int:pk>/coverage/", views.coverage, name="coverage"),
    path("<int:pk>/questions/", views.questions, name="questions"),
    path(
        "<int:pk>/questions/<int:question_pk>/remove/",
        views.question_remove,
        name="question-remove",
    ),
    path("<int:pk>/export.<str:fmt>", views.export, name="export"),
]
