"""Outreach campaigns in erasing a person (luotsi/privacy/erasure.py).

Targets are organisations; where an organisation's address is the person's, its feedback may
be theirs. Free-text answers go; the answers picked from a list stay, so the campaign's sums
of answers do not change, and the response still counts as one. The feedback link stops
working. Who was reached, when and how stays: that is the campaign's coverage.
"""

import secrets
from typing import Any

from luotsi.accounts.models import User
from luotsi.campaigns.models import Question, QuestionKind, Response, Target
from luotsi.privacy.erasure import Counts, Eraser, Found, pks, register
from luotsi.privacy.portability import email_matches

TARGET = "campaigns.target"
RESPONSE = "campaigns.response"


def find(*, email: str, user: User | None, **_: Any) -> Found:
    targets = Target.objects.filter(email_matches("organisation__email", email))
    return {
        TARGET: set(targets.values_list("pk", flat=True)),
        RESPONSE: set(Response.objects.filter(target__in=targets).values_list("pk", flat=True)),
    }


def _chosen_only(response: Response) -> dict[str, Any]:
    """The answers to the questions with options: not written by anyone."""
    choices = {
        str(pk)
        for pk in Question.objects.filter(campaign=response.target.campaign_id)
        .exclude(kind=QuestionKind.TEXT)
        .values_list("pk", flat=True)
    }
    return {key: value for key, value in response.answers.items() if key in choices}


def erase(*, found: Found, **_: Any) -> Counts:
    targets = pks(found, TARGET)
    for pk in targets:
        # A fresh random token each: the old feedback link must lead nowhere.
        Target.objects.filter(pk=pk).update(token=secrets.token_urlsafe(32))
    responses = pks(found, RESPONSE)
    for response in Response.objects.filter(pk__in=responses).select_related("target"):
        # update(): the time the answers were last changed is kept.
        Response.objects.filter(pk=response.pk).update(answers=_chosen_only(response))
    return {TARGET: len(targets), RESPONSE: len(responses)}


COVERAGE = "the campaign's coverage: which organisations were reached, when and how"
SUMS = "the campaign's counts of responses"

register(
    Eraser(
        key="campaigns",
        order=10,
        find=find,
        erase=erase,
        erased={
            TARGET: {"token": "replaced by a new random one: the feedback link stops working"},
            RESPONSE: {"answers": "free-text answers removed; answers picked from a list stay"},
        },
        kept={
            TARGET: dict.fromkeys(
                (
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
                ),
                COVERAGE,
            ),
            RESPONSE: {
                "id": SUMS,
                "target": SUMS,
                "language": "the language counted in the participation figures",
                "submitted_at": SUMS,
                "updated_at": SUMS,
            },
        },
    )
)
