"""Open data for tests: the API's rows of a dataset, every open-data answer, a month in the
past for hand-computed figures, and campaign targets in given statuses."""

import datetime
from collections.abc import Iterator
from typing import Any

from django.test import Client
from django.utils import timezone

from luotsi.campaigns.models import Campaign, TargetStatus
from luotsi.insights.open_datasets import DATASETS
from luotsi.testing import campaigns as cmp
from luotsi.testing import network as net
from luotsi.testing.personas import Personas

API = "/api/v1/open/"
SLUGS = list(DATASETS)


def month_ago(months: int) -> datetime.datetime:
    """The 15th, noon, `months` calendar months before this one (local time)."""
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 - months
    day = datetime.datetime(index // 12, index % 12 + 1, 15, 12)
    return timezone.make_aware(day)


MONTH = month_ago(2)
MONTH_TEXT = f"{MONTH:%Y-%m}"


def _expect(condition: bool, detail: object) -> None:
    if not condition:
        raise AssertionError(detail)


def rows(slug: str, **query: str) -> list[dict[str, Any]]:
    response = Client().get(API + slug, {"page_size": "1000", **query})
    _expect(response.status_code == 200, response.content)
    body = response.json()
    _expect(body["count"] == len(body["data"]), body)
    return body["data"]


def all_answers() -> Iterator[tuple[str, bytes]]:
    """Every open-data answer: API pages, CSV and JSON files, the dictionary and the pages."""
    client = Client()
    urls = [API, API + "dictionary", "/open-data/", "/open-data/dictionary/"]
    urls += ["/open-data/dictionary.json"]
    for slug in SLUGS:
        urls += [f"{API}{slug}?page_size=1000", f"/open-data/{slug}.csv"]
        urls += [f"/open-data/{slug}.json"]
    for language in ("fi", "sv", "en"):
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
            _expect(response.status_code == 200, url)
            yield url, response.content


def targets(p: Personas, campaign: Campaign, statuses: dict[str, int], answered: int) -> None:
    """`statuses` = {status: how many targets}; the first `answered` targets in the feedback
    status get a response. Each target is an organisation of its own in Vironniemi (101)."""
    made = 0
    for status, n in statuses.items():
        for _ in range(n):
            made += 1
            organisation = net.organisation(p, name=f"Yritys {campaign.pk}-{made}")
            target = cmp.target(campaign, organisation, status=status)
            if status == TargetStatus.FEEDBACK and answered:
                cmp.response(target, {"1": "ok"})
                answered -= 1
