"""The co-production phase: workspaces (staff and members) and the public tracker."""

from django.urls import path

from luotsi.budgeting.views import tracker, workspaces

W = "<slug:cycle>/workspaces/<int:pk>/"

urlpatterns = [
    path("<slug:cycle>/tracker/", tracker.tracker, name="tracker"),
    path("<slug:cycle>/tracker/<int:plan>/", tracker.tracker_plan, name="tracker-plan"),
    path("<slug:cycle>/workspaces/", workspaces.workspace_list, name="workspaces"),
    path(
        "<slug:cycle>/workspaces/open/<int:plan>/",
        workspaces.workspace_open,
        name="workspace-open",
    ),
    path(W, workspaces.workspace_detail, name="workspace"),
    path(f"{W}members/", workspaces.member_add, name="workspace-member-add"),
    path(f"{W}members/remove/", workspaces.member_remove, name="workspace-member-remove"),
    path(f"{W}meetings/", workspaces.meeting_link, name="workspace-meeting-link"),
    path(f"{W}meetings/new/", workspaces.meeting_new, name="workspace-meeting-new"),
    path(f"{W}meetings/unlink/", workspaces.meeting_unlink, name="workspace-meeting-unlink"),
    path(f"{W}tasks/", workspaces.task_add, name="workspace-task-add"),
    path(f"{W}tasks/<int:task>/done/", workspaces.task_done, name="workspace-task-done"),
    path(f"{W}updates/", workspaces.update_post, name="workspace-update"),
]
