"""The officers' yearly work plans (/programme/work-plans/)."""

from django.urls import URLPattern, path

from luotsi.insights import views_workplans as views

urlpatterns: list[URLPattern] = [
    path("", views.workplans, name="workplans"),
    path("new/", views.workplan_create, name="workplans_create"),
    path("<int:pk>/", views.workplan, name="workplans_plan"),
    path("<int:pk>/edit/", views.workplan_edit, name="workplans_edit"),
    path("<int:pk>/goals/new/", views.workplan_goal_add, name="workplans_goal_add"),
    path(
        "<int:pk>/goals/<int:goal_pk>/edit/",
        views.workplan_goal_edit,
        name="workplans_goal_edit",
    ),
    path(
        "<int:pk>/goals/<int:goal_pk>/delete/",
        views.workplan_goal_delete,
        name="workplans_goal_delete",
    ),
]
