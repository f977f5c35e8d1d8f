"""Public home page versus Django's bare request cycle (same client, same run).

The baseline is a request to a URL that resolves to nothing (404 through the full middleware
stack, rendered by our 404 template); the ratio shows what the home page's queries and
template add on top of the fixed cost every request pays.
"""

import logging

from django.test import Client

from benchmarks.timing import median_seconds
from luotsi.testing.factories import TEST_PASSWORD
from luotsi.testing.personas import create_personas


def run() -> list[str]:
    logging.getLogger("django.request").setLevel(logging.ERROR)  # the baseline is a 404
    create_personas()
    client = Client()
    baseline = median_seconds(lambda: client.get("/no-such-page/"))
    home = median_seconds(lambda: client.get("/"))
    signed_in = Client()
    signed_in.post(
        "/accounts/login/",
        {"username": "officer.south@example.org", "password": TEST_PASSWORD},
    )
    dashboard = median_seconds(lambda: signed_in.get("/dashboard/"))
    return [
        f"baseline (404 page): {baseline * 1000:.2f} ms",
        f"home page: {home * 1000:.2f} ms  ratio {home / baseline:.2f}x",
        f"officer dashboard: {dashboard * 1000:.2f} ms  ratio {dashboard / baseline:.2f}x",
    ]
