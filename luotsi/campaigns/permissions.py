"""Who runs and who sees which campaigns.

- The coordinator sees and runs every campaign.
- Business officers run campaigns whose targets are businesses, city-wide, and campaigns
  they are responsible for.
- District officers run campaigns in their districts (a campaign's districts are those its
  area touches) and those they are responsible for.
- Respondents see only their own form, through their target's personal link.
Campaigns a person may not see are 404 for them, never 403.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from luotsi.accounts.models import Role, User
from luotsi.campaigns.models import Campaign, Target
from luotsi.network.models import OrganisationKind
from luotsi.network.permissions import can_use_network, officer_districts, sees_everything


def can_run_campaigns(user: User | AnonymousUser) -> bool:
    return can_use_network(user) or bool(user.is_authenticated and user.is_superuser)


def campaigns_visible_to(user: User | AnonymousUser) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.all()
    if not isinstance(user, User) or not can_run_campaigns(user):
        return campaigns.none()
    if sees_everything(user):
        return campaigns
    rule = Q(officers=user) | Q(created_by=user) | Q(districts__in=officer_districts(user))
    if user.role == Role.BUSINESS_OFFICER:
        rule |= Q(target_kinds=OrganisationKind.BUSINESS)
    return campaigns.filter(pk__in=Campaign.objects.filter(rule).values("pk"))


def access_campaign(user: User | AnonymousUser, pk: int) -> Campaign:
    try:
        return campaigns_visible_to(user).get(pk=pk)
    except (Campaign.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def may_run(user: User | AnonymousUser, campaign: Campaign) -> bool:
    return campaigns_visible_to(user).filter(pk=campaign.pk).exists()


def access_target(user: User | AnonymousUser, pk: int) -> Target:
    try:
        return Target.objects.select_related("campaign", "organisation").get(
            pk=pk, campaign__in=campaigns_visible_to(user)
        )
    except (Target.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def access_target_by_token(token: str) -> Target:
    """The respondent's own target, through the personal link only."""
    if not token or len(token) > 64:
        raise Http404
    try:
        return Target.objects.select_related("campaign", "organisation").get(token=token)
    except Target.DoesNotExist as exc:
        raise Http404 from exc
