"""The cycle, proposals and plans (public pages and the staff's). `manage/` comes before the
cycle pages: a cycle's identifier cannot be "manage" (see forms_proposals.RESERVED_SLUGS)."""

from django.urls import path

from luotsi.budgeting.views import cycles, plans, proposals

urlpatterns = [
    path("", cycles.cycle_list, name="cycles"),
    path("manage/", cycles.manage_cycles, name="manage-cycles"),
    path("manage/new/", cycles.cycle_new, name="cycle-new"),
    path("<slug:cycle>/", cycles.cycle_detail, name="cycle"),
    path("<slug:cycle>/manage/", cycles.cycle_manage, name="cycle-manage"),
    path("<slug:cycle>/manage/edit/", cycles.cycle_edit, name="cycle-edit"),
    path("<slug:cycle>/proposals/", proposals.proposal_list, name="proposals"),
    path("<slug:cycle>/proposals/new/", proposals.proposal_new, name="proposal-new"),
    path("<slug:cycle>/proposals/mine/", proposals.my_proposals, name="my-proposals"),
    path("<slug:cycle>/proposals/<int:pk>/", proposals.proposal_detail, name="proposal"),
    path("<slug:cycle>/proposals/<int:pk>/image/", proposals.proposal_image, name="proposal-image"),
    path(
        "<slug:cycle>/proposals/<int:pk>/moderate/",
        proposals.proposal_moderate,
        name="proposal-moderate",
    ),
    path("<slug:cycle>/plans/", plans.plan_list, name="plans"),
    path("<slug:cycle>/plans/new/", plans.plan_new, name="plan-new"),
    path("<slug:cycle>/plans/<int:pk>/", plans.plan_detail, name="plan"),
    path("<slug:cycle>/plans/<int:pk>/edit/", plans.plan_edit, name="plan-edit"),
    path(
        "<slug:cycle>/plans/<int:pk>/costing/",
        plans.plan_send_to_costing,
        name="plan-send-to-costing",
    ),
    path("<slug:cycle>/plans/<int:pk>/cost/", plans.plan_cost, name="plan-cost"),
    path("<slug:cycle>/plans/<int:pk>/approve/", plans.plan_approve, name="plan-approve"),
    path("<slug:cycle>/plans/<int:pk>/unapprove/", plans.plan_unapprove, name="plan-unapprove"),
]
