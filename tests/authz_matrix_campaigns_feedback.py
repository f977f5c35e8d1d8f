"""Authorization matrix entries for a campaign's feedback part (merged into
tests/authz_matrix.MATRIX).

The campaign is the testing helper's default: a business campaign created and run by the
business officer. She and the coordinator use its pages; the district officers get 404
(they may run campaigns, but not this one); residents and officials 403; anonymous visitors
sign in. The feedback form is everyone's, through a target's personal link.
"""

from luotsi.campaigns.models import Campaign, QuestionKind, Target
from luotsi.testing import campaigns as cp
from luotsi.testing.personas import Personas
from tests.authz_matrix_common import EVERYONE_OK, Case, expect

CAMPAIGN_STAFF = expect(
    404, anonymous=302, resident=403, official=403, business_officer=200, coordinator=200
)
CAMPAIGN_STAFF_POST = expect(
    404, anonymous=302, resident=403, official=403, business_officer=302, coordinator=302
)
CAMPAIGN_STAFF_BAD_POST = expect(
    404, anonymous=302, resident=403, official=403, business_officer=400, coordinator=400
)
CAMPAIGN_STAFF_NOT_FOUND = expect(404, anonymous=302, resident=403, official=403)

TITLE = "Matrix campaign"


def _campaign(p: Personas) -> Campaign:
    """One campaign for all the personas' requests of a case (made at the first)."""
    titles = {"title": TITLE, "title_fi": TITLE, "title_sv": TITLE, "title_en": TITLE}
    return Campaign.objects.filter(title_fi=TITLE).first() or cp.campaign(p, **titles)


def _target(p: Personas) -> Target:
    campaign = _campaign(p)
    return campaign.targets.first() or cp.target(campaign, cp.business(p, "Matrix shop"))


def _question_pk(p: Personas) -> int:
    """A new question at each request: each remover removes one of their own."""
    return cp.question(_campaign(p), "Removable?", QuestionKind.TEXT).pk


def _answers(p: Personas) -> dict[str, str]:
    question = _campaign(p).questions.first() or cp.question(
        _campaign(p), "Toimitukset?", QuestionKind.YES_NO, required=True
    )
    return {f"q_{question.pk}": "yes"}


def _staff(suffix: str) -> Case:
    return Case(lambda p: f"/campaigns/{_campaign(p).pk}/{suffix}", CAMPAIGN_STAFF)


MATRIX: dict[str, list[Case]] = {
    "campaigns/f/<str:token>/": [
        Case(lambda p: f"/campaigns/f/{_target(p).token}/", EVERYONE_OK),
        Case(lambda p: f"/campaigns/f/{_target(p).token}/?lang=sv", EVERYONE_OK),
        Case("/campaigns/f/not-a-token/", expect(404)),
        Case(
            lambda p: f"/campaigns/f/{_target(p).token}/",
            expect(302),
            method="POST",
            data=_answers,
        ),
        Case(
            lambda p: f"/campaigns/f/{_target(p).token}/",
            expect(400),
            method="POST",
            data=lambda p: dict.fromkeys(_answers(p), "maybe"),
        ),
        Case("/campaigns/f/not-a-token/", expect(404), method="POST"),
    ],
    "campaigns/<int:pk>/letters/": [_staff("letters/")],
    "campaigns/<int:pk>/letters/<int:target_pk>/": [
        Case(lambda p: f"/campaigns/{_campaign(p).pk}/letters/{_target(p).pk}/", CAMPAIGN_STAFF),
        Case(lambda p: f"/campaigns/{_campaign(p).pk}/letters/999999/", CAMPAIGN_STAFF_NOT_FOUND),
    ],
    "campaigns/<int:pk>/letters.pdf": [
        # With a target, so that there is a letter to print.
        Case(lambda p: f"/campaigns/{_target(p).campaign_id}/letters.pdf", CAMPAIGN_STAFF)
    ],
    "campaigns/<int:pk>/coverage/": [_staff("coverage/")],
    "campaigns/<int:pk>/questions/": [
        _staff("questions/"),
        Case(
            lambda p: f"/campaigns/{_campaign(p).pk}/questions/",
            CAMPAIGN_STAFF_BAD_POST,
            method="POST",
            data={"text_fi": "", "kind": "choice"},
        ),
        Case(
            lambda p: f"/campaigns/{_campaign(p).pk}/questions/",
            CAMPAIGN_STAFF_POST,
            method="POST",
            data={"text_fi": "Pysäköinti?", "kind": "yes_no"},
        ),
    ],
    "campaigns/<int:pk>/questions/<int:question_pk>/remove/": [
        Case(
            lambda p: f"/campaigns/{_campaign(p).pk}/questions/{_question_pk(p)}/remove/",
            CAMPAIGN_STAFF_POST,
            method="POST",
        ),
        Case(
            lambda p: f"/campaigns/{_campaign(p).pk}/questions/{_question_pk(p)}/remove/",
            expect(
                404,
                anonymous=302,
                resident=403,
                official=403,
                business_officer=405,
                coordinator=405,
            ),
        ),
    ],
    "campaigns/<int:pk>/export.<str:fmt>": [
        _staff("export.csv"),
        _staff("export.xlsx"),
        Case(lambda p: f"/campaigns/{_campaign(p).pk}/export.pdf", CAMPAIGN_STAFF_NOT_FOUND),
    ],
}
