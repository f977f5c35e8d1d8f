"""Every endpoint × every persona answers the status the matrix says, and every endpoint of
the project is in the matrix."""

import json

import pytest
from django.test import Client
from django.urls import get_resolver, path, re_path

from luotsi.api.api import api
from luotsi.testing.endpoints import api_operation_keys, url_pattern_keys
from luotsi.testing.personas import PERSONA_NAMES, Personas
from tests.authz_matrix import MATRIX, Case


def project_endpoint_keys() -> set[str]:
    return url_pattern_keys(get_resolver().url_patterns) | api_operation_keys(api)


def coverage_problems(endpoints: set[str], matrix: dict[str, list[Case]]) -> list[str]:
    missing = sorted(endpoints - set(matrix))
    stale = sorted(set(matrix) - endpoints)
    return [f"missing from the matrix: {key}" for key in missing] + [
        f"in the matrix but not in the project: {key}" for key in stale
    ]


def test_every_endpoint_is_in_the_matrix():
    assert coverage_problems(project_endpoint_keys(), MATRIX) == []


def test_matrix_check_fails_when_a_new_url_has_no_entry():
    """The test of the test: a URL added without a matrix line is reported."""

    def new_view(request):  # pragma: no cover - never called
        raise AssertionError

    patterns = [*get_resolver().url_patterns, path("new-page/", new_view, name="new")]
    problems = coverage_problems(url_pattern_keys(patterns) | api_operation_keys(api), MATRIX)
    assert problems == ["missing from the matrix: new-page/"]


def test_matrix_check_fails_when_a_new_api_operation_has_no_entry():
    from ninja import NinjaAPI, Router

    router = Router()

    @router.delete("/me")
    def me_delete(request):  # pragma: no cover - never called
        raise AssertionError

    extra_api = NinjaAPI(urls_namespace="matrix-test")
    extra_api.add_router("/", router)
    problems = coverage_problems(project_endpoint_keys() | api_operation_keys(extra_api), MATRIX)
    assert problems == ["missing from the matrix: DELETE /api/v1/me"]


def test_matrix_check_reports_entries_for_removed_urls():
    patterns = [p for p in get_resolver().url_patterns if str(p.pattern) != "i18n/setlang/"]
    problems = coverage_problems(url_pattern_keys(patterns) | api_operation_keys(api), MATRIX)
    assert problems == ["in the matrix but not in the project: i18n/setlang/"]


def test_unnamed_regex_patterns_are_enumerated_too():
    def legacy(request, slug):  # pragma: no cover - never called
        raise AssertionError

    patterns = [re_path(r"^legacy/(?P<slug>\w+)/$", legacy)]
    assert url_pattern_keys(patterns) == {r"^legacy/(?P<slug>\w+)/$"}


CASES = [(key, index, case) for key, cases in MATRIX.items() for index, case in enumerate(cases)]


def _request(client: Client, case: Case, url: str, personas: Personas):
    if case.json is not None:
        return client.generic(
            case.method, url, data=json.dumps(case.json), content_type="application/json"
        )
    method = getattr(client, case.method.lower())
    if case.method == "GET":
        return method(url)
    return method(url, data=case.body(personas))


@pytest.mark.parametrize(
    ("key", "index", "case"), CASES, ids=[f"{k or '/'}#{i}" for k, i, _ in CASES]
)
def test_endpoint_answers_each_persona_as_the_matrix_says(
    personas: Personas, key: str, index: int, case: Case
):
    actual: dict[str, int] = {}
    for name in PERSONA_NAMES:
        client = Client()
        person = personas.get(name)
        if person.is_authenticated:
            client.force_login(person)
        actual[name] = _request(client, case, case.url(personas), personas).status_code
    assert actual == case.expected, f"{case.method} {case.url(personas)}"
