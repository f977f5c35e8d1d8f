"""Voting: identification (OIDC, and the development provider), the ballot, paper ballots.

Every identification URL has two segments or more, so that a cycle page at `<slug:cycle>/`
(urls_proposals) can never swallow it."""

from django.urls import path

from luotsi.budgeting.identity import dev_idp
from luotsi.budgeting.identity.oidc import VoterCallbackView, VoterIdentifyView
from luotsi.budgeting.views import paper_ballots, voting

urlpatterns = [
    path("identify/start/", voting.identify, name="identify"),
    path("identify/oidc/", VoterIdentifyView.as_view(), name="identify-oidc"),
    path("identify/callback/", VoterCallbackView.as_view(), name="identify-callback"),
    path("identify/end/", voting.identify_end, name="identify-end"),
    path("identify/dev/authorize/", dev_idp.authorize, name="dev-idp-authorize"),
    path("identify/dev/token/", dev_idp.token, name="dev-idp-token"),
    path("identify/dev/userinfo/", dev_idp.userinfo, name="dev-idp-userinfo"),
    path("<slug:cycle>/vote/", voting.vote, name="vote"),
    path("<slug:cycle>/paper-ballots/", paper_ballots.paper_ballots, name="paper-ballots"),
    path(
        "<slug:cycle>/paper-ballots/new/",
        paper_ballots.paper_ballot_new,
        name="paper-ballot-new",
    ),
    path(
        "<slug:cycle>/paper-ballots/<int:pk>/",
        paper_ballots.paper_ballot_edit,
        name="paper-ballot-edit",
    ),
]
