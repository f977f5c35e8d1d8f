"""Outreach campaigns in a data subject's export (luotsi/privacy/portability.py): where the
person is the contact of a targeted organisation (its e-mail address is theirs), the
campaign's record of reaching it and the feedback given through its link."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from luotsi.accounts.models import User
from luotsi.campaigns.models import Response, Target
from luotsi.privacy.portability import Exporter, Record, email_matches, register, values

TARGET_FIELDS = (
    "id",
    "campaign",
    "organisation",
    "status",
    "channel",
    "contacted_on",
    "contacted_by",
    "house_number",
    "language",
    "added_by_hand",
    "created_at",
)
RESPONSE_FIELDS = ("answers", "language", "submitted_at", "updated_at")


def targets(*, email: str, user: User | None, **_: Any) -> list[Record]:
    found: list[Record] = []
    for target in (
        Target.objects.filter(email_matches("organisation__email", email))
        .select_related("campaign", "organisation", "contacted_by")
        .order_by("pk")
    ):
        response = Response.objects.filter(target=target).first()
        found.append(
            {
                **values(target, TARGET_FIELDS),
                "response": values(response, RESPONSE_FIELDS) if response else None,
            }
        )
    return found


register(
    Exporter(
        key="campaigns",
        order=60,
        title=_("Outreach campaigns and feedback"),
        model="campaigns.Target",
        find=targets,
        fields={"campaigns.Target": TARGET_FIELDS, "campaigns.Response": RESPONSE_FIELDS},
        excluded={
            "campaigns.Target": {"token": "the secret of the feedback form's link: a credential"},
            "campaigns.Response": {
                "id": "internal row number",
                "target": "the target itself (the record it is listed under)",
            },
        },
    )
)
